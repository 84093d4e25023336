"""A batch run interrupted at a random point (issue 18): SIGINT to the command or to its whole
process group (Ctrl-C), SIGTERM, SIGKILL of the command, or SIGKILL of one of its two workers.

Whatever the point, the output file is either the complete and correct answer (the same bytes as
an uninterrupted run on one process) or what was there before (the previous content, or no file);
the command ends in one line on stderr (or, killed, says nothing), never a traceback; it leaves no
temporary file unless it was killed itself; and no worker outlives it. Every signal goes to a
process this test started (each run is its own session), inside a temporary folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from namenorm.batch.workers import cpu_count
from tests.processes import children

pytestmark = pytest.mark.skipif(
    cpu_count() < 2 or not os.path.exists("/proc/self/task"),
    reason="needs two worker processes and /proc",
)

NAMES = ["Baku", "Yerevan", "Tbilisi", "Steppe cart", "Karaƅakh", "Xankendi", "Shusha", "Gyumri",
         "Batumi", "Sukhumi", "Erivan", "Tiflis", "Qusar", "Nowhere-at-all"]
ROWS = 12_000
PREVIOUS = b"previous,content\n"
ACTIONS = ["none", "sigint", "sigint-group", "sigterm", "sigkill", "sigkill-worker"]


def _input_csv() -> bytes:
    """Rows with a mix of exact, fuzzy and unknown names (some repeat, so the cache is used)."""
    rows = [
        f"{i},{NAMES[i % len(NAMES)]}{' ' + chr(97 + i % 26) * (1 + i % 4) if i % 3 == 0 else ''}"
        for i in range(ROWS)
    ]
    return ("n,name\n" + "\n".join(rows) + "\n").encode()


def _lookup(src: Path, out: Path, workers: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "namenorm", "lookup", "--input", str(src), "--output", str(out),
         "--workers", str(workers), "--quiet"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: a group signal reaches only this run
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[bytes, bytes]:
    """The input and the output of an uninterrupted run on one process."""
    folder = tmp_path_factory.mktemp("reference")
    src, out = folder / "in.csv", folder / "out.csv"
    data = _input_csv()
    src.write_bytes(data)
    proc = _lookup(src, out, workers=1)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    answer = out.read_bytes()
    assert answer.count(b"\n") == ROWS + 1
    return data, answer


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting for its reaper is not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _runs_our_command(pid: int, src: Path) -> bool:
    """Whether ``pid`` still runs this test's command (not a process that took its pid)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return str(src).encode() in f.read()
    except OSError:
        return False


def _wait_until(
    condition, proc: subprocess.Popen[bytes], folder: Path, seconds: float = 120
) -> bool:
    """Poll ``condition`` until it holds (True) or the command has ended (False)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if proc.poll() is not None:
            return False
        assert time.monotonic() < deadline, (
            f"still running after {seconds} s: files {sorted(os.listdir(folder))}, "
            f"children {children(proc.pid)}"
        )
        time.sleep(0.02)
    return True


def _interrupt(proc: subprocess.Popen[bytes], folder: Path, action: str, delay: float,
               which: int) -> list[int]:
    """Wait until the run has begun (its temporary output exists; for a worker kill, its
    workers exist), wait ``delay`` more, then act. Returns the workers seen."""
    began = _wait_until(lambda: any(p.name.endswith(".tmp") for p in folder.iterdir()), proc,
                        folder)
    workers: list[int] = []
    if began and action == "sigkill-worker":
        _wait_until(lambda: len(children(proc.pid)) >= 2, proc, folder)
    time.sleep(delay)
    workers = children(proc.pid)
    if proc.poll() is not None or action == "none":
        return workers
    if action == "sigkill-worker":
        if workers:
            os.kill(workers[which % len(workers)], signal.SIGKILL)
    elif action == "sigint-group":
        try:
            os.killpg(proc.pid, signal.SIGINT)  # the run's own group, as Ctrl-C does
        except ProcessLookupError:
            pass
    else:
        signum = {"sigint": signal.SIGINT, "sigterm": signal.SIGTERM,
                  "sigkill": signal.SIGKILL}[action]
        proc.send_signal(signum)
    return workers


def _check_stderr(action: str, code: int, err: str) -> None:
    """One line naming what happened (none for SIGKILL of the command), never a traceback."""
    assert "Traceback" not in err, err
    if code == 0:
        return
    if action == "sigkill":
        assert code == -signal.SIGKILL and err == "", (code, err)
        return
    assert err.count("\n") == 1 and err.endswith("\n"), err
    expected = {
        "sigint": (130, "namenorm: interrupted\n"),
        "sigint-group": (130, "namenorm: interrupted\n"),
        "sigterm": (143, "namenorm: terminated\n"),
        "sigkill-worker": (
            1, "namenorm: error: a worker process died (killed, or out of memory)\n"
        ),
    }[action]
    assert (code, err) == expected


def _check_files(folder: Path, answer: bytes, previous: bool, action: str, code: int) -> None:
    """The output is the complete answer or what was there before; no temporary file left
    (unless the command itself was killed: it cannot clean up)."""
    out = folder / "out.csv"
    left = sorted(p.name for p in folder.iterdir())
    if out.exists():
        content = out.read_bytes()
        assert content in (answer, PREVIOUS if previous else answer), content[:200]
    else:
        assert not previous, "the previous output is gone"
    if code == 0:
        assert out.read_bytes() == answer
    if action != "sigkill":
        assert left == (["out.csv"] if out.exists() else []), left


@settings(max_examples=5, deadline=None)
@example(action="sigkill", delay=0.3, previous=True, which=0)  # every run meets these four
@example(action="sigkill-worker", delay=0.2, previous=True, which=1)
@example(action="sigterm", delay=0.1, previous=False, which=0)
@example(action="sigint-group", delay=0.0, previous=False, which=0)  # Ctrl-C as workers fork
@given(
    action=st.sampled_from(ACTIONS),
    delay=st.floats(min_value=0.0, max_value=2.5),
    previous=st.booleans(),
    which=st.integers(min_value=0, max_value=1),
)
def test_an_interrupted_batch_leaves_the_previous_output_or_the_complete_one(
    reference, action, delay, previous, which
):
    data, answer = reference
    with tempfile.TemporaryDirectory(prefix="namenorm-interrupt-") as name:
        folder = Path(name)
        src, out = folder.parent / f"{folder.name}-in.csv", folder / "out.csv"
        src.write_bytes(data)  # beside the folder, so the folder holds only the output
        try:
            if previous:
                out.write_bytes(PREVIOUS)
            proc = _lookup(src, out, workers=2)
            workers: list[int] = []
            try:
                workers = _interrupt(proc, folder, action, delay, which)
                # Reading stderr to its end also waits for the workers, which hold it: those of
                # a killed command must end although it is not yet waited for (a zombie).
                _, err = proc.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                pytest.fail(f"{action} after {delay:.2f} s: the command or its workers never "
                            f"ended (files {sorted(os.listdir(folder))}, workers {workers}, "
                            f"children now {children(proc.pid)})")
            finally:
                if proc.poll() is None:
                    proc.kill()
                for pid in workers:  # only what this test started, still running its command
                    if _running(pid) and _runs_our_command(pid, src):
                        os.kill(pid, signal.SIGKILL)
                proc.wait(timeout=60)
            _check_stderr(action, proc.returncode, err.decode(errors="replace"))
            _check_files(folder, answer, previous, action, proc.returncode)
            deadline = time.monotonic() + 30  # orphans notice their parent is gone within ~1 s
            while any(_running(w) for w in workers):
                assert time.monotonic() < deadline, "a worker outlived its command"
                time.sleep(0.1)
        finally:
            src.unlink()
