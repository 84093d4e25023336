"""Batch files through the CLI (``lookup --input``), run as a user runs them: in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

import namenorm

RESULT = ["namenorm_id", "namenorm_name", "namenorm_type", "namenorm_score", "namenorm_method",
          "namenorm_error"]


def run(*args, stdin=b"", env=None):
    return subprocess.run(
        [sys.executable, "-m", "namenorm", *args], input=stdin, capture_output=True, timeout=120,
        env=env,
    )


def read_csv(path, delimiter=","):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_csv_with_an_empty_row_and_an_unknown_name_keeps_rows_and_order(tmp_path, workers):
    """The issue's done-when case."""
    src = tmp_path / "names.csv"
    src.write_text(
        "row,name,note\n"
        "1,Steppe cart,corrupted\n"
        "\n"
        "3,Blorpington Heights,unknown\n"
        '4,Xankendi,"with, comma"\n'
        "5,,empty name\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    proc = run("lookup", "--input", str(src), "--column", "name", "--output", str(out),
               "--workers", workers)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = read_csv(out)
    assert rows[0] == ["row", "name", "note", *RESULT]
    assert [r[:3] for r in rows[1:]] == [
        ["1", "Steppe cart", "corrupted"],
        ["", "", ""],
        ["3", "Blorpington Heights", "unknown"],
        ["4", "Xankendi", "with, comma"],
        ["5", "", "empty name"],
    ]
    ids = [r[3] for r in rows[1:]]
    assert ids == ["stepanakert", "", "", "stepanakert", ""]
    want = namenorm.resolve("Steppe cart")
    assert rows[1][3:] == [want.id, want.name, want.type, str(want.score), want.method, ""]
    assert all(r[8] == "" for r in rows[1:])  # nothing failed: no match is an answer


def test_bad_records_keep_their_place_with_an_error(tmp_path):
    src = tmp_path / "names.csv"
    src.write_bytes(
        b"id,name,other\n"
        b"1,Baku,ok\n"
        b"2,\xffBaku,bad name bytes\n"
        b"3,Yerevan,\xfe other bytes pass through\n"
        b"4,Baku,too,many\n"
        b"5\n"
        b"6,Tbilisi\n"
    )
    out = tmp_path / "out.csv"
    proc = run("lookup", "--input", str(src), "--output", str(out), "--quiet")
    assert proc.returncode == 1
    assert proc.stderr == b""  # --quiet: no progress, no summary
    lines = out.read_bytes().split(b"\n")
    assert b"\xfe other bytes pass through" in lines[3]  # written back byte for byte
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8", "surrogateescape"))))
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    ids = [r[3] for r in rows[1:]]
    errors = [r[8] for r in rows[1:]]
    assert ids == ["baku", "", "yerevan", "", "", "tbilisi"]
    assert "not valid UTF-8" in errors[1]
    assert "4 fields, the header has 3" in errors[3] and rows[4][9:] == ["many"]
    assert "no 'name'" in errors[4]
    assert [bool(e) for e in errors] == [False, True, False, True, True, False]
    assert rows[6][:3] == ["6", "Tbilisi", ""]  # a short row is padded


def test_failure_summary_on_stderr_without_quiet(tmp_path):
    src = tmp_path / "n.jsonl"
    src.write_text('{"name": "Baku"}\n{"name": null}\n', encoding="utf-8")
    proc = run("lookup", "--input", str(src))
    assert proc.returncode == 1
    assert proc.stderr.decode() == "namenorm: 1 of 2 records failed (see the namenorm_error column)\n"


def test_json_lines_keep_every_field_and_every_line(tmp_path):
    src = tmp_path / "mentions.jsonl"
    src.write_bytes(
        '{"text": "Karaƅakh", "doc": 1, "nested": {"a": [1, 2]}}\n'.encode()
        + b"\n"
        + b'{"text": 5}\n'
        + b"[1, 2]\n"
        + b'{"doc": 4}\n'
        + b"\xff\xfe\n"
        + '{"text": "Ереван", "namenorm_x": 1}\n'.encode()
    )
    proc = run("lookup", "--input", str(src), "--column", "text")
    assert proc.returncode == 1
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(out) == 7
    assert out[0]["doc"] == 1 and out[0]["nested"] == {"a": [1, 2]}
    assert out[0]["namenorm_id"] == "nagorno-karabakh" and out[0]["namenorm_error"] is None
    assert "is empty" in out[1]["namenorm_error"]
    assert out[2]["text"] == 5 and "int, not a string" in out[2]["namenorm_error"]
    assert "list, not an object" in out[3]["namenorm_error"] and out[3]["namenorm_input"] == "[1, 2]"
    assert "no field 'text'" in out[4]["namenorm_error"] and out[4]["doc"] == 4
    assert "not valid UTF-8" in out[5]["namenorm_error"]
    assert out[6]["namenorm_id"] == "yerevan" and out[6]["namenorm_x"] == 1
    assert list(out[6])[:2] == ["text", "namenorm_x"]  # input fields first, in their order


def test_tsv_quotes_are_data_and_format_from_flag(tmp_path):
    src = tmp_path / "names.txt"
    src.write_text('name\tq"uote\nBaku\t"kept"\n', encoding="utf-8")
    bad = run("lookup", "--input", str(src))
    assert bad.returncode == 2 and b"--format" in bad.stderr
    out = tmp_path / "out.tsv"
    proc = run("lookup", "--input", str(src), "--format", "tsv", "--output", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0][:2] == ["name", 'q"uote'] and rows[1][:3] == ["Baku", '"kept"', "baku"]


def test_stdin_to_stdout_and_output_format_from_extension(tmp_path):
    proc = run("lookup", "--input", "-", "--format", "csv", stdin=b"name\nBaku\nTiflis\n")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.reader(io.StringIO(proc.stdout.decode())))
    assert [r[1] for r in rows] == ["namenorm_id", "baku", "tbilisi"]
    out = tmp_path / "out.jsonl"
    src = tmp_path / "in.csv"
    src.write_text("name\nBaku\n", encoding="utf-8")
    assert run("lookup", "--input", str(src), "--output", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["namenorm_id"] == "baku"


def test_usage_errors_are_one_line_exit_2(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name,namenorm_id\nBaku,x\n", encoding="utf-8")
    cases = [
        ("lookup", "--input", str(tmp_path / "missing.csv")),
        ("lookup", "--input", str(src), "--column", "nope"),
        ("lookup", "--input", str(src)),  # namenorm_id clashes: choose another --prefix
        ("lookup", "--input", str(src), "--output", str(src)),
        ("lookup", "--input", str(src), "Baku"),
        ("lookup", "--input", str(src), "--json"),
        ("lookup",),
    ]
    for args in cases:
        proc = run(*args)
        err = proc.stderr.decode()
        assert proc.returncode == 2, (args, err)
        assert err.count("\n") == 1 and "Traceback" not in err, (args, err)
    assert src.read_text(encoding="utf-8") == "name,namenorm_id\nBaku,x\n"
    kept = tmp_path / "kept.csv"
    kept.write_text("an earlier result\n", encoding="utf-8")
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text('{"name": "Baku"}\n', encoding="utf-8")
    for args in (("--input", str(src)), ("--input", str(jsonl))):  # a clash; JSON to CSV
        proc = run("lookup", *args, "--output", str(kept))
        assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1
        assert kept.read_text(encoding="utf-8") == "an earlier result\n"  # refused: untouched
    proc = run("lookup", "--input", str(src), "--prefix", "nn_")
    assert proc.returncode == 0 and proc.stdout.decode().splitlines()[1].startswith("Baku,x,baku,")


def test_progress_only_on_a_terminal(tmp_path):
    """Without a terminal on stderr (here: a pipe) nothing but the answers is written."""
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "Baku\n" * 50, encoding="utf-8")
    proc = run("lookup", "--input", str(src))
    assert proc.returncode == 0 and proc.stderr == b""


def test_progress_bar_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty", reason="no pseudo-terminals on this platform")
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "Baku\n" * 50, encoding="utf-8")
    out = tmp_path / "out.csv"
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "namenorm", "lookup", "--input", str(src), "--output", str(out)],
            stderr=follower, timeout=120,
        )
        os.close(follower)
        follower = None
        shown = os.read(leader, 4096).decode()
    finally:
        os.close(leader)
        if follower is not None:
            os.close(follower)
    assert proc.returncode == 0
    assert "namenorm: 50 rows (100%)" in shown
    quiet = subprocess.run(
        [sys.executable, "-m", "namenorm", "lookup", "--input", str(src), "--output", str(out),
         "--quiet"], capture_output=True, timeout=120)
    assert quiet.stderr == b""


def test_build_index_then_lookup_with_it(tmp_path, mini_path):
    idx = tmp_path / "mini.nnidx"
    proc = run("build-index", "--no-default", "--gazetteer", str(mini_path), "-o", str(idx))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode().startswith(f"wrote {idx}: ")
    out = run("lookup", "--json", "--index", str(idx), "Baku", "Yerevan")
    assert [json.loads(x)["id"] for x in out.stdout.decode().splitlines()] == ["baku", None]
    info = run("info", "--index", str(idx), "baku")
    assert info.returncode == 0 and "Baku (place" in info.stdout.decode()
    # the --gazetteer files layered over the --index (their entities replace those of their ids)
    both = run("lookup", "--json", "--index", str(idx), "--gazetteer", str(mini_path), "Baku")
    assert both.returncode == 0 and json.loads(both.stdout)["id"] == "baku"
    alone = run("lookup", "--index", str(idx), "--no-default", "Baku")
    assert alone.returncode == 2 and b"--index cannot be combined" in alone.stderr
    bad = tmp_path / "bad.nnidx"
    bad.write_text("{}", encoding="utf-8")
    for path in (bad, tmp_path / "missing.nnidx"):
        proc = run("lookup", "--index", str(path), "Baku")
        assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1


def test_workers_on_stdin_lines():
    proc = run("lookup", "--json", "--workers", "2", "-", stdin=b"Baku\n\nXankendi\n")
    assert proc.returncode == 0
    assert [json.loads(x)["id"] for x in proc.stdout.decode().splitlines()] == [
        "baku", None, "stepanakert"
    ]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_annotate_json_lines_with_a_text_field(tmp_path, workers):
    texts = [
        "Fighting near Stepanakert, Azerbaijan's army said.",
        None,
        "Wages stayed stagnant all year.",
        "Armenian forces left Shusha.",
    ]
    src = tmp_path / "docs.jsonl"
    src.write_text(
        "".join(json.dumps({"doc": i, "body": t}) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    proc = run("annotate", "--input", str(src), "--column", "body", "--output", str(out),
               "--workers", workers, "--no-demonyms")
    assert proc.returncode == 1  # the null text
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"] for r in rows] == [0, 1, 2, 3]
    for r, text in zip(rows, texts):
        if text is None:
            assert r["namenorm_mentions"] is None and "null, not a string" in r["namenorm_error"]
            continue
        want = [m.to_dict() for m in namenorm.annotate(text, demonyms=False)]
        assert r["namenorm_mentions"] == want and r["namenorm_error"] is None
    assert [m["id"] for m in rows[0]["namenorm_mentions"]] == ["stepanakert", "azerbaijan"]
    assert [m["id"] for m in rows[3]["namenorm_mentions"]] == ["shusha"]


def test_annotate_csv_and_usage_errors(tmp_path):
    src = tmp_path / "docs.csv"
    src.write_text('id,text\n1,"Talks in Baku, then Tbilisi."\n\n', encoding="utf-8")
    proc = run("annotate", "--input", str(src))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.reader(io.StringIO(proc.stdout.decode())))
    assert rows[0] == ["id", "text", "namenorm_mentions", "namenorm_error"]
    assert [m["id"] for m in json.loads(rows[1][2])] == ["baku", "tbilisi"]
    assert rows[2] == ["", "", "[]", ""]
    # (no argument at all now means standard input: tests/test_cli_conventions.py)
    for args in (("annotate", "--input", str(src), "--rewrite"),
                 ("annotate", "--input", str(src), str(src)),
                 ("annotate", "--workers", "2", str(src))):
        bad = run(*args)
        assert bad.returncode == 2 and bad.stderr.decode().count("\n") == 1, args


# -- in-process invariants of the reader and writer ---------------------------------------------

from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm.batch.read import Source
from namenorm.batch.write import Sink

_cells = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_cells, min_size=2, max_size=2), max_size=8), st.sampled_from(["csv", "jsonl"]))
def test_every_record_and_field_comes_back_in_order(rows, fmt):
    """Whatever the text (quotes, commas, newlines, any script), the input comes back whole."""
    data = io.BytesIO()
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows([["name", "other"], *rows])
        data = io.BytesIO(text.getvalue().encode("utf-8"))
    else:
        data = io.BytesIO("".join(
            json.dumps({"name": a, "other": b}, ensure_ascii=False) + "\n" for a, b in rows
        ).encode("utf-8"))
    source = Source(data, fmt, "name")
    out = io.BytesIO()
    sink = Sink(out, fmt, source.header, "nn_", ["answer", "error"])
    records = list(source)
    for record in records:
        assert sink.write(record, [record.text, record.error])
    sink._text.flush()
    written = out.getvalue().decode("utf-8")
    if fmt == "csv":
        back = list(csv.reader(io.StringIO(written)))
        assert back[0] == ["name", "other", "nn_answer", "nn_error"]
        assert [r[:3] for r in back[1:]] == [[a, b, a] for a, b in rows]
    else:
        back = [json.loads(x) for x in written.split("\n")[:-1]]  # not splitlines: U+0085 is data
        assert [(r["name"], r["other"], r["nn_answer"]) for r in back] == [(a, b, a) for a, b in rows]


class _Endless(io.RawIOBase):
    """A stream of records that never ends: reading it whole would never return."""

    def __init__(self, head: bytes, line: bytes) -> None:
        self.line, self.served, self.pending = line, 0, head

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self.pending:
            self.pending = self.line * 64
        data, self.pending = self.pending[: len(buffer)], self.pending[len(buffer):]
        self.served += 1
        buffer[: len(data)] = data
        return len(data)


@pytest.mark.parametrize("fmt, head, line", [
    ("csv", b"id,name\n", b"1,Baku\n"),
    ("tsv", b"id\tname\n", b"1\tBaku\n"),
    ("jsonl", b'{"name": "Baku"}\n', b'{"name": "Baku"}\n'),
])
def test_reading_streams_records_without_reading_ahead(fmt, head, line):
    import itertools

    stream = _Endless(head, line)
    source = Source(io.BufferedReader(stream, buffer_size=256), fmt, "name")
    first = list(itertools.islice(source, 1000))
    assert [r.text for r in first] == ["Baku"] * 1000
    assert stream.served < 200  # a bounded read-ahead, not the whole (endless) input
