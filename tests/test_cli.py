"""The CLI, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args, stdin=b"", check=False):
    proc = subprocess.run(
        [sys.executable, "-m", "namenorm", *args], input=stdin, capture_output=True, timeout=120
    )
    if check:
        assert proc.returncode == 0, proc.stderr.decode()
    return proc


def test_lookup_json_answers_the_issue_examples():
    proc = run("lookup", "--json", "Steppe cart", "Karaƅakh", "Xankendi", "P'ashinyan",
               "stagnant economy", "Stephen King", check=True)
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == [
        "stepanakert", "nagorno-karabakh", "stepanakert", "nikol-pashinyan", None, None
    ]
    assert set(rows[0]) >= {"query", "id", "name", "type", "score", "method", "alias"}
    assert rows[4]["query"] == "stagnant economy" and rows[4]["score"] is None


def test_lookup_readable_with_candidates_and_explanation():
    out = run("lookup", "--limit", "2", "--explain", "Aliyev", "Baku", check=True).stdout.decode()
    assert "Aliyev -> no match" in out
    assert out.count("candidate:") == 3  # Aliyev has two, Baku one
    assert "Baku -> baku (Baku, place)" in out and "accepted" in out


def test_stdin_batch_one_line_out_per_line_in_even_bad_ones():
    stdin = "Baku\n\nnobody\n".encode() + b"\xff\xfe bad\n" + "Ереван\n".encode()
    proc = run("lookup", "--json", "-", stdin=stdin)
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == ["baku", None, None, None, "yerevan"]
    assert "not valid UTF-8" in rows[3]["error"]
    assert proc.returncode == 1


def test_type_filter_and_bad_arguments():
    assert json.loads(run("lookup", "--json", "--type", "person", "Baku", check=True).stdout)["id"] is None
    bad = run("lookup", "--type", "planet", "Baku")
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr


def test_user_gazetteer_alone_and_added(tmp_path, mini_path):
    out = run("lookup", "--json", "--no-default", "--gazetteer", str(mini_path), "Baku", "Yerevan", check=True)
    assert [json.loads(x)["id"] for x in out.stdout.decode().splitlines()] == ["baku", None]


def test_bad_gazetteer_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: x, type: planet, name: X}\n", encoding="utf-8")
    proc = run("lookup", "--gazetteer", str(bad), "Baku")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err
    assert err.count("\n") == 1 and "bad.yaml:1" in err and "[x]" in err


def test_info_normalize_validate_stats(mini_path, tmp_path):
    info = run("info", "stepanakert", check=True).stdout.decode()
    assert "Stepanakert (place" in info and "Ստեփանակերտ" in info
    assert "geonames: 146970" in info and "  generated (" in info and "[hy-west]" in info
    assert run("info", "no-such-id").returncode == 2
    assert run("normalize", "Azeгbaijan", check=True).stdout.decode() == "Azerbaijan\n"
    assert run("validate", "--no-default", str(mini_path), check=True).stdout.decode() == "ok\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: x, type: place}\n", encoding="utf-8")
    proc = run("validate", str(bad))
    assert proc.returncode == 1 and "missing required field 'name'" in proc.stdout.decode()
    stats = run("stats", check=True).stdout.decode()
    for script in ("Latn", "Armn", "Cyrl", "Geor"):
        assert f"  {script}:" in stats
    region = stats.split("script of the South Caucasus' place names:")[1].split("index aliases")[0]
    for script in ("Latn", "Armn", "Cyrl", "Geor"):
        assert f"  {script}:" in region
    scheme_part = stats.split("generated names by scheme:")[1]
    for scheme in ("hy-bgn", "ru-iso9", "ka-national", "suffix"):
        assert f"  {scheme}:" in scheme_part


def test_closed_pipe_ends_quietly():
    cmd = f"{sys.executable} -m namenorm lookup - | head -n 1"
    lines = ("Baku\n" * 3000).encode()
    proc = subprocess.run(["bash", "-c", cmd], input=lines, capture_output=True, timeout=300)
    assert proc.stdout.decode().startswith("Baku -> baku")
    assert b"Traceback" not in proc.stderr and b"BrokenPipe" not in proc.stderr


@pytest.mark.parametrize("args", [[], ["lookup"], ["lookup", "--limit", "-1", "x"]])
def test_usage_errors_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
