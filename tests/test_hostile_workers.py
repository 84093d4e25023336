"""Workers and importers end in one line (issue 18): a worker killed midway, an ``--out`` that
is a file. Run inside ``tmp_path``; only processes this test started are signalled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from namenorm.batch.workers import cpu_count
from tests.processes import children


def _one_line(err: bytes) -> str:
    text = err.decode()
    assert "Traceback" not in text, text
    assert text.count("\n") == 1, text
    return text


@pytest.mark.skipif(cpu_count() < 2 or not os.path.exists("/proc/self/task"),
                    reason="needs two worker processes and /proc")
def test_a_worker_killed_midway_is_one_line_and_exit_1():
    proc = subprocess.Popen(
        [sys.executable, "-m", "namenorm", "lookup", "--workers", "2", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        proc.stdin.write("Steppe cart\nKaraƅakh\nXankendi\n".encode() * 5000)
        proc.stdin.flush()
        deadline = time.monotonic() + 120
        while not (workers := children(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert workers, "no worker process started"
        os.kill(workers[0], signal.SIGKILL)  # a worker of the command this test started
        try:
            proc.stdin.write(b"Baku\n" * 1000)
            proc.stdin.close()
        except BrokenPipeError:  # the command may already have stopped reading
            pass
        err = proc.stderr.read()
        assert proc.wait(timeout=300) == 1
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "worker process died" in _one_line(err)


@pytest.mark.parametrize("where", ["file", "file/sub"])
def test_import_geonames_out_on_a_file_is_one_line_and_exit_2(tmp_path, where):
    (tmp_path / "file").write_text("mine\n")
    proc = subprocess.run(
        [sys.executable, "-m", "namenorm", "import", "geonames", "--out",
         str(tmp_path / where), "--limit", "1"],
        capture_output=True, timeout=300,
    )
    assert proc.returncode == 2
    assert "--out" in _one_line(proc.stderr)
    assert (tmp_path / "file").read_text() == "mine\n"
