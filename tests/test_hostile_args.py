"""Every command with hostile arguments ends in one line on stderr and exit 1 or 2, or
succeeds quietly; never a traceback (issue 18).

A table of commands x hostile arguments (missing files, folders given as files, undecodable
bytes, empty files, numbers far past any sense for ``--limit`` and ``--workers``), each run as
a user runs it: ``python -m namenorm`` in a subprocess, inside ``tmp_path``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HUGE = str(10**30)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    (d / "folder").mkdir()
    (d / "empty").write_bytes(b"")
    (d / "bytes").write_bytes(b"\xff\xfe\x00 not text \x80\n- id: \xc3\n")
    (d / "names.csv").write_bytes(b"name\nBaku\n")
    (d / "file").write_bytes(b"a file\n")
    return d


# {missing}, {folder}, {empty}, {bytes}, {csv} and {file} are paths in the fixture's folder.
# A hostile --gazetteer is given with --no-default: the hostile file is the point, and each run
# would first read the whole bundled YAML (half a minute); a bad file on top of the bundled
# gazetteer is run once, in tests/test_cli.py::test_bad_gazetteer_is_one_clear_line.
CASES = [
    *[["lookup", *opt, path, "Baku"] for opt in (("--no-default", "--gazetteer"), ("--index",))
      for path in ("{missing}", "{folder}", "{empty}", "{bytes}")],
    *[["lookup", "--input", path, "--column", "name", "--output", "{out}"]
      for path in ("{missing}", "{folder}", "{empty}", "{bytes}")],
    ["lookup", "--input", "{csv}", "--column", "name", "--output", "{folder}"],
    ["lookup", "--input", "{csv}", "--column", "nope", "--output", "{out}"],
    ["lookup", "--limit", HUGE, "Baku"],
    ["lookup", "--limit", "-" + HUGE, "Baku"],
    ["lookup", "--workers", HUGE, "Baku", "Yerevan"],
    ["lookup", "--workers", "-" + HUGE, "Baku"],
    ["lookup", "--workers", HUGE, "-"],
    ["lookup", "--limit", "abc", "Baku"],
    ["lookup", "--type", "nothing", "Baku"],
    ["lookup", "-"],
    ["info", "--index", "{bytes}", "baku"],
    ["info", "--no-default", "--gazetteer", "{folder}", "baku"],
    ["info", "no-such-id"],
    *[["annotate", path] for path in ("{missing}", "{folder}", "{empty}", "{bytes}")],
    ["annotate", "--input", "{bytes}", "--column", "text", "--output", "{out}"],
    ["normalize", "-"],
    *[["validate", path] for path in ("{missing}", "{folder}", "{empty}", "{bytes}")],
    ["stats", "--index", "{empty}"],
    ["stats", "--no-default", "--gazetteer", "{bytes}"],
    ["build-index", "--no-default", "--gazetteer", "{bytes}", "-o", "{out}"],
    ["build-index", "--no-default", "--gazetteer", "{missing}", "-o", "{out}"],
    ["build-index", "-o", "{folder}"],
    ["import", "geonames", "--out", "{file}"],
    ["import", "geonames", "--out", "{out}", "--limit", "-" + HUGE],
    ["import", "geonames", "--out", "{out}", "--min-population", HUGE],
    ["nonsense"],
    [],
]

STDIN = b"Baku\n\xff\xfe\n\n" + b"x" * 100_000 + b"\n"


@pytest.mark.parametrize("case", CASES, ids=lambda c: " ".join(c) or "(none)")
def test_hostile_arguments_end_in_one_line(files, tmp_path, case):
    paths = {name: str(files / name) for name in ("folder", "empty", "bytes", "file")}
    paths.update(missing=str(files / "missing"), csv=str(files / "names.csv"),
                 out=str(tmp_path / "out.csv"))
    argv = [arg.format(**paths) for arg in case]
    proc = subprocess.run(
        [sys.executable, "-m", "namenorm", *argv], input=STDIN, capture_output=True, timeout=600
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    if proc.returncode == 0:
        assert err == "", err
    else:
        assert proc.returncode in (1, 2), (proc.returncode, err)
        assert err.count("\n") == 1 and err.endswith("\n"), err
        assert err.startswith("namenorm"), err
