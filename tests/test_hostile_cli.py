"""Any bytes on the command line: undecodable input, a reader that goes away, Ctrl-C.

Run as a user runs it, in a subprocess. Every input gets exactly one answer line, in order; the
exit status is 1 when some input could not be read; nothing ever prints a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

NAMENORM = [sys.executable, "-m", "namenorm"]
# As a user runs it: stdout buffered as Python buffers it when it is not a terminal.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def run(*args, stdin=b""):
    return subprocess.run(
        [*NAMENORM, *args], input=stdin, capture_output=True, timeout=120, env=ENV
    )


BATCH = [
    b"Baku",
    b"\xff\xfe not UTF-8",
    b"",
    b"\xed\xa0\x80 an encoded surrogate",  # UTF-8 refuses surrogates: an error, not a crash
    "Ереван\r".encode(),  # CRLF line end
    b"nul\x00inside",
    b"\xc3",  # truncated sequence at the end of a line
    "Karaƅakh".encode(),
    b"a" * 1_000_000,  # a 1 MB line without a space: answered
    b"b" * 3_000_000,  # over MAX_LINE_BYTES (1 MiB): an error, and never held in memory
    b"Baku",
]


@pytest.mark.parametrize("json_out", [True, False], ids=["json", "text"])
def test_stdin_batch_answers_every_line_in_order(json_out):
    stdin = b"\n".join(BATCH)  # no newline after the last line
    proc = run("lookup", *(["--json"] if json_out else []), "-", stdin=stdin)
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    lines = proc.stdout.decode("utf-8").split("\n")[:-1]
    assert len(lines) == len(BATCH)
    bad = [1, 3, 6, 9]
    if json_out:
        rows = [json.loads(line) for line in lines]
        assert [r["id"] for r in rows] == [
            "baku", None, None, None, "yerevan", None, None, "nagorno-karabakh", None, None, "baku"
        ]  # fmt: skip
        for i, row in enumerate(rows):
            assert ("error" in row) == (i in bad), row
            if i in bad[:3]:
                assert f"input line {i + 1} is not valid UTF-8" in row["error"]
        assert rows[9]["error"] == "input line 10 is over 1048576 bytes"
    else:
        for i, line in enumerate(lines):
            assert line.startswith("error: input line") == (i in bad), line


def test_all_good_batch_exits_0():
    proc = run("lookup", "--json", "-", stdin="Baku\nnobody\n".encode())
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 2


def test_undecodable_arguments_get_an_error_line():
    for command in (["lookup", "--json"], ["lookup"], ["normalize"]):
        proc = subprocess.run(
            [*NAMENORM, *command, b"Bak\xff", "Baku"], capture_output=True, timeout=120, env=ENV
        )
        assert proc.returncode == 1 and b"Traceback" not in proc.stderr, proc.stderr
        first, second = proc.stdout.decode("utf-8").splitlines()
        assert "argument 1 is not valid UTF-8" in first
        assert "baku" in second.lower()


def test_undecodable_file_name_is_shown_escaped(tmp_path):
    # A strict UTF-8 stdout (PYTHONIOENCODING=utf-8, or a UTF-8 locale other than C.UTF-8)
    # cannot write the lone surrogate that stands for the undecodable byte in the name.
    folder = os.fsencode(tmp_path)
    path = folder + b"/bad\xff.yaml"
    with open(path, "wb") as f:
        f.write(b"- {id: a, type: place, name: A, bogus: 1}\n")
    proc = subprocess.run(
        [*NAMENORM, "validate", path], capture_output=True, timeout=120,
        env={**ENV, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr, proc.stderr
    assert b"bad\\udcff.yaml:1: [a] unknown field 'bogus'" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [["lookup", "-"], ["lookup", "--json", "--limit", "3", "-"], ["normalize", "-"],
     ["annotate", "--json", "-"]],
)  # fmt: skip
def test_closed_pipe_ends_quietly_with_status_0(args):
    cmd = " ".join([sys.executable, "-m", "namenorm", *args])
    script = f"{cmd} | head -n 2 >/dev/null; echo status=${{PIPESTATUS[0]}} >&2"
    proc = subprocess.run(
        ["bash", "-c", script], input=b"Baku\n" * 5000, capture_output=True, timeout=300, env=ENV
    )
    err = proc.stderr.decode()
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception" not in err, err
    assert err.strip().endswith("status=0"), err


def _first_line(path, proc, timeout=30.0) -> bytes:
    """The first line the process wrote to ``path``, waiting for it (up to ``timeout``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        data = path.read_bytes()
        if b"\n" in data:
            return data.split(b"\n", 1)[0]
        time.sleep(0.02)
    raise AssertionError("no answer in time: output is not flushed line by line")


def _feed(stdin, data: bytes) -> None:
    try:
        stdin.write(data)
        stdin.flush()
    except (BrokenPipeError, ValueError):
        pass  # the process is gone: what it had not read is lost, as with a real Ctrl-C


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
@pytest.mark.parametrize("pending", [b"", b"Baku\n" * 20000], ids=["waiting", "busy"])
def test_ctrl_c_ends_cleanly(tmp_path, pending):
    """SIGINT while waiting for input (or while busy with a batch): exit 130, one line, no
    traceback. The test waits for the first answer, so the batch is surely running."""
    out = tmp_path / "out.jsonl"
    with out.open("wb") as sink:
        proc = subprocess.Popen(
            [*NAMENORM, "lookup", "--json", "-"],
            stdin=subprocess.PIPE, stdout=sink, stderr=subprocess.PIPE, env=ENV,
        )  # fmt: skip
    try:
        _feed(proc.stdin, b"Stepanakert\n")
        assert json.loads(_first_line(out, proc))["id"] == "stepanakert"
        feeder = threading.Thread(target=_feed, args=(proc.stdin, pending), daemon=True)
        feeder.start()
        watchdog = threading.Timer(60, proc.kill)  # a hung process fails the test, not CI
        watchdog.start()
        proc.send_signal(signal.SIGINT)
        err = proc.stderr.read()
        proc.wait(timeout=60)
        watchdog.cancel()
    finally:
        proc.kill()
    assert proc.returncode == 130, err.decode()
    assert err.decode() == "namenorm: interrupted\n"
