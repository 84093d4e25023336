"""Batch files and outputs under unlucky input: nothing lost, nothing overwritten, one line on error.

Run as a user runs them, in subprocesses, inside pytest's temporary folder (the FIFO and the
symlink are made there; no real device is ever written)."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from namenorm.batch.records import MAX_RECORD_CHARS


def run(*args, stdin=b"", cwd=None, **kw):
    return subprocess.run(
        [sys.executable, "-m", "namenorm", *args], input=stdin, capture_output=True, timeout=300,
        cwd=cwd, **kw,
    )


def one_line_error(proc) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err


def test_stdin_that_is_the_output_file_is_refused_before_reading(tmp_path):
    data = tmp_path / "data.csv"
    data.write_text("name\nBaku\nYerevan\n", encoding="utf-8")
    before = data.read_bytes()
    with open(data, "rb") as stdin:
        proc = subprocess.run(
            [sys.executable, "-m", "namenorm", "lookup", "--input", "-", "--format", "csv",
             "--output", str(data)], stdin=stdin, capture_output=True, timeout=120,
        )
    assert proc.returncode == 2
    assert "also the input" in one_line_error(proc)
    assert data.read_bytes() == before


def test_an_unterminated_quote_is_an_error_on_its_line_and_swallows_no_row(tmp_path):
    rows = [f"{i},Baku" for i in range(1000)]
    rows[2] = '2,"Yerevan'
    src = tmp_path / "in.csv"
    src.write_text("n,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    proc = run("lookup", "--input", str(src), "--output", str(out))
    assert proc.returncode == 1
    back = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert len(back) == 1001
    assert "line 4 has a quote that is never closed" in back[3][-1]
    assert back[3][0] == "2"
    assert [r[0] for r in back[1:]] == [str(i) for i in range(1000)]
    assert all(r[2] == "baku" for i, r in enumerate(back[1:]) if i != 2)


def test_quoted_line_breaks_are_still_one_record(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text('n,name,note\n1,Baku,"two\nlines"\n2,"Yere""van",x\n3,Tbilisi,y\n',
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run("lookup", "--input", str(src), "--output", str(out)).returncode == 0
    back = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert [r[:3] for r in back[1:]] == [["1", "Baku", "two\nlines"], ["2", 'Yere"van', "x"],
                                         ["3", "Tbilisi", "y"]]


def test_a_field_over_the_old_csv_limit_is_read_and_one_over_the_bound_is_a_row_error(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "name,other\nBaku," + "x" * 200_000 + "\n" + "Tbilisi," + "y" * (MAX_RECORD_CHARS + 10)
        + "\nYerevan,z\n", encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    proc = run("lookup", "--input", str(src), "--output", str(out), "--quiet")
    assert proc.returncode == 1
    csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_CHARS))
    back = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert len(back) == 4
    assert back[1][2] == "baku" and len(back[1][1]) == 200_000
    assert "over" in back[2][-1]
    assert back[3][2] == "yerevan"


def test_csv_to_json_lines_keeps_every_input_column(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,name,note\n7,Baku,capital\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("lookup", "--input", str(src), "--output", str(out)).returncode == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert (record["id"], record["name"], record["note"], record["namenorm_id"]) == (
        "7", "Baku", "capital", "baku")


def test_json_lines_numbers_key_order_and_repeated_keys_stay_as_written(tmp_path):
    src = tmp_path / "in.jsonl"
    line = '{"big": 9007199254740993.0, "name": "Baku", "k": 1, "k": 2}'
    src.write_text(line + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("lookup", "--input", str(src), "--output", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith('{"big": 9007199254740993.0, "name": "Baku", "k": 1, "k": 2, ')
    assert json.loads(text)["namenorm_id"] == "baku"


@pytest.mark.parametrize("line, says", [
    ('{"name": "Baku", "x": 1e999}', "not finite"),
    ('{"name": "Baku", "x": NaN}', "NaN"),
    ('{"name": "Baku", "x": -Infinity}', "Infinity"),
    ('{"name": "\\ud83d"}', "lone surrogate"),
    ('{"name": "Baku", "x": ' + "[" * 1000 + "]" * 1000 + "}", "nested too deep"),
])
def test_json_lines_records_that_cannot_be_kept_as_json_are_record_errors(tmp_path, line, says):
    src = tmp_path / "in.jsonl"
    src.write_text(line + '\n{"name": "Yerevan"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = run("lookup", "--input", str(src), "--output", str(out), "--quiet")
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr
    back = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(back) == 2
    assert says in back[0]["namenorm_error"]
    assert back[1]["namenorm_id"] == "yerevan"


def test_tabs_and_line_breaks_of_csv_fields_are_escaped_in_tsv_output(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text('name,note\nBaku,"a\tb"\nYerevan,"c\nd"\n', encoding="utf-8")
    out = tmp_path / "out.tsv"
    assert run("lookup", "--input", str(src), "--output", str(out)).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert lines[1].split("\t")[:3] == ["Baku", "a\\tb", "baku"]
    assert lines[2].split("\t")[:3] == ["Yerevan", "c\\nd", "yerevan"]


def test_build_index_never_overwrites_its_own_gazetteer(tmp_path, mini_path):
    mine = tmp_path / "mine.yaml"
    mine.write_bytes(mini_path.read_bytes())
    for target in (mine, tmp_path):  # the file itself, or a folder given as --gazetteer
        proc = run("build-index", "--gazetteer", str(tmp_path if target == tmp_path else mine),
                   "-o", str(mine))
        assert proc.returncode == 2
        one_line_error(proc)
        assert mine.read_bytes() == mini_path.read_bytes()


def test_outputs_that_are_folders_or_fifos_are_refused(tmp_path, mini_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    src = tmp_path / "in.csv"
    src.write_text("name\nBaku\n", encoding="utf-8")
    for args in (
        ("build-index", "--gazetteer", str(mini_path), "-o", str(fifo)),
        ("lookup", "--input", str(src), "--output", str(fifo)),
        ("lookup", "--input", str(src), "--output", str(tmp_path)),
    ):
        proc = run(*args)
        assert proc.returncode == 2, args
        one_line_error(proc)
    assert fifo.exists() and not fifo.is_file()


def test_a_symlinked_output_is_written_through(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name\nBaku\n", encoding="utf-8")
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run("lookup", "--input", str(src), "--output", str(link)).returncode == 0
    assert link.is_symlink()
    assert "baku" in real.read_text(encoding="utf-8")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
@pytest.mark.parametrize("delay", [0.3, 1.5])
def test_an_interrupted_batch_leaves_the_previous_output_or_a_complete_one(tmp_path, signum, delay):
    out = tmp_path / "out.csv"
    out.write_text("previous\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "namenorm", "lookup", "--input", "-", "--format", "csv",
         "--output", str(out), "--quiet"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write(b"name\n" + b"Baku\nYerevan\n" * 2000)
    proc.stdin.flush()  # the input stays open: the run is midway when the signal comes
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):  # the run has begun
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    time.sleep(delay)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err
    assert out.read_text(encoding="utf-8") == "previous\n"
    if signum != signal.SIGKILL:  # a killed process cannot clean up; the others do
        assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_complete_run_replaces_the_previous_output(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("previous\n", encoding="utf-8")
    proc = run("lookup", "--input", "-", "--format", "csv", "--output", str(out),
               stdin=b"name\nBaku\n")
    assert proc.returncode == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("Baku,baku")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_line_break_inside_a_query_cannot_forge_an_answer_line():
    proc = run("lookup", "Baku\nYerevan -> yerevan")
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Baku\\nYerevan")


def test_full_disk_and_closed_streams_end_in_one_line(tmp_path):
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            proc = subprocess.run([sys.executable, "-m", "namenorm", "lookup", "Baku"],
                                  stdout=full, stderr=subprocess.PIPE, timeout=120)
        assert proc.returncode == 1
        assert "No space left" in one_line_error(proc)
    closed_out = subprocess.run([sys.executable, "-m", "namenorm", "lookup", "Baku"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120,
                                preexec_fn=lambda: os.close(1))
    assert closed_out.returncode == 2
    one_line_error(closed_out)
    closed_in = subprocess.run([sys.executable, "-m", "namenorm", "lookup", "-"],
                               capture_output=True, timeout=120, preexec_fn=lambda: os.close(0))
    assert closed_in.returncode == 0 and closed_in.stdout == b""


def test_workers_are_capped_by_cores_and_input(monkeypatch, mini):
    from namenorm.batch import workers as workers_module

    seen = []
    real = workers_module.ProcessPoolExecutor

    def spy(*args, **kw):
        seen.append(kw["max_workers"])
        return real(*args, **kw)

    monkeypatch.setattr(workers_module, "ProcessPoolExecutor", spy)
    from namenorm.matching.resolver import resolve_chunk

    answers = list(workers_module.iter_parallel(
        mini, ["Baku", "Yerevan"], task=(resolve_chunk, None), workers=64, chunksize=1))
    assert [a.id if a else None for a in answers] == [
        mini.resolve("Baku") and mini.resolve("Baku").id,
        mini.resolve("Yerevan") and mini.resolve("Yerevan").id,
    ]
    assert seen == [min(2, workers_module.cpu_count())]


def test_forkserver_workers_answer(mini):
    from namenorm.batch.workers import iter_parallel
    from namenorm.matching.resolver import resolve_chunk

    queries = ["Baku", "Tbilisi", None] * 3
    answers = list(iter_parallel(mini, queries, task=(resolve_chunk, None), workers=2,
                                 chunksize=2, start_method="forkserver"))
    assert [a.id if a else None for a in answers] == [
        (m.id if m else None) for m in (mini.resolve(q) if q else None for q in queries)
    ]
