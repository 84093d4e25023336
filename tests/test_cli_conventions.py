"""CLI conventions of a filter: standard input by default, output formats by name, plain English."""

from __future__ import annotations

import subprocess
import sys


def run(*args, stdin=b""):
    return subprocess.run([sys.executable, "-m", "namenorm", *args], input=stdin,
                          capture_output=True, timeout=120, check=False)


def test_normalize_and_annotate_read_standard_input_without_arguments():
    assert run("normalize", stdin="Azeгbaijan\n".encode()).stdout.decode() == "Azerbaijan\n"
    out = run("annotate", "--json", stdin=b"Talks in Baku.").stdout.decode()
    assert '"id": "baku"' in out and '"file": "-"' in out


def test_an_output_name_without_a_known_format_is_refused(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name\nBaku\n", encoding="utf-8")
    for name in ("out.xlsx", "out"):
        proc = run("lookup", "--input", str(src), "--output", str(tmp_path / name))
        assert proc.returncode == 2
        assert ".csv, .tsv or .jsonl" in proc.stderr.decode()
        assert not (tmp_path / name).exists()


def test_counts_in_messages_agree_with_their_nouns(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: a, type: place, name: A, bogus: 1}\n", encoding="utf-8")
    assert run("validate", str(bad)).stderr.decode().endswith("namenorm: 1 problem\n")
    src = tmp_path / "in.jsonl"
    src.write_text('{"x": 1}\n', encoding="utf-8")
    proc = run("lookup", "--input", str(src), "--output", str(tmp_path / "o.jsonl"))
    assert "1 of 1 record failed" in proc.stderr.decode()
