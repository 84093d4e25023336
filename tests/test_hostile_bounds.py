"""Files read no further than their limits, texts that cannot be names, crafted index headers
and paths that are not paths (issue 18). docs/security.md states each bound.

Destructive-looking cases run inside ``tmp_path`` only: sparse files and FIFOs made there,
never a real device.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

import namenorm
import namenorm.gazetteer.yaml_io as yaml_io
import namenorm.index.store as store
from namenorm import Entity, Gazetteer, IndexFormatError, Resolver, validate_paths
from namenorm.gazetteer.validate import MAX_NAME_LENGTH
from namenorm.index.binary import MAGIC, read_header


def _run(*args, stdin=b""):
    return subprocess.run(
        [sys.executable, "-m", "namenorm", *args], input=stdin, capture_output=True, timeout=600
    )


def _one_line_error(proc) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err, err
    assert err.count("\n") == 1, err
    return err


def _peak_mb(code: str, path) -> float:
    """The peak resident memory (MB) of a fresh interpreter that runs ``code`` on ``path``.

    ``VmHWM`` belongs to the new address space. ``ru_maxrss`` would not do: Linux carries it
    over exec, so a child of a large pytest process reported pytest's own size (623 MB in CI).
    """
    script = f"import sys\npath = sys.argv[1]\n{code}\n" + (
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
        "print(int(hwm.split()[1]) / 1000)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr
    return float(proc.stdout.split()[-1])


def _sparse(path, size):
    with open(path, "wb") as f:
        f.truncate(size)  # a hole: no disk space, no memory
    return path


# -- gazetteer YAML ----------------------------------------------------------------------------


def test_an_alias_of_a_long_string_counts_its_characters(tmp_path):
    # 1 MB on disk; 100 aliases of it would be 100 million characters (under the node limit).
    long = "x" * 1_000_000
    aliases = "\n".join("    - *s" for _ in range(100))
    path = tmp_path / "anchors.yaml"
    path.write_text(f"- id: a\n  type: place\n  name: &s {long}\n  names:\n{aliases}\n")
    (problem,) = validate_paths([path])
    assert f"more than {yaml_io.MAX_CHARS} characters through aliases" in problem.message


def test_a_2gb_gazetteer_is_refused_without_reading_it(tmp_path):
    path = _sparse(tmp_path / "huge.yaml", 2 * 2**30)
    (problem,) = validate_paths([path])
    assert f"file over {yaml_io.MAX_FILE_BYTES} bytes" in problem.message
    # It took 2.1 GB before: the file was read whole, then refused.
    code = "import namenorm; print(namenorm.validate_paths([path]))"
    assert _peak_mb(code, path) < 500


def _endless_fifo(tmp_path):
    """A FIFO that yields zero bytes until its reader goes (as /dev/zero would)."""
    fifo = tmp_path / "zeros"
    os.mkfifo(fifo)

    def feed():
        try:
            with open(fifo, "wb") as f:
                while True:
                    f.write(b"\0" * 65536)
        except OSError:  # the reader closed the pipe
            pass

    threading.Thread(target=feed, daemon=True).start()
    return fifo


def test_an_endless_file_is_read_only_to_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(yaml_io, "MAX_FILE_BYTES", 1_000_000)
    (problem,) = validate_paths([_endless_fifo(tmp_path)])
    assert "file over 1000000 bytes" in problem.message


def test_validate_of_an_endless_file_is_one_clear_line(tmp_path):
    # What `namenorm validate /dev/zero` did: a MemoryError traceback.
    proc = _run("validate", str(_endless_fifo(tmp_path)))
    assert proc.returncode in (1, 2)
    assert "file over" in proc.stdout.decode() + proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


@pytest.mark.parametrize(
    "text",
    [r"Ba\ud800ku", r"\udcffBaku", r"Baku\uffff", r"Ba\ufdd0ku", r"Baku\U0010fffe"],
)
def test_names_that_are_not_characters_are_refused_by_validate(tmp_path, text):
    path = tmp_path / "g.yaml"
    path.write_text(f'- id: a\n  type: place\n  name: A\n  names: ["{text}"]\n')
    (problem,) = validate_paths([path])
    assert "lone surrogate or a noncharacter" in problem.message
    # ... so build-index never meets them (it crashed encoding the index before). Without the
    # bundled gazetteer: it would crash on this file alone, and reading the bundled YAML first
    # took half a minute per case.
    proc = _run("build-index", "--no-default", "--gazetteer", str(path), "-o",
                str(tmp_path / "g.nnidx"))
    assert proc.returncode == 2
    _one_line_error(proc)


def test_a_lone_surrogate_in_a_role_is_refused(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text('- id: a\n  type: person\n  name: A\n  role: "Pres\\ud83dident"\n')
    (problem,) = validate_paths([path])
    assert "role has a lone surrogate" in problem.message


def test_name_length_is_bounded(tmp_path):
    ok, long = "B" * MAX_NAME_LENGTH, "B" * (MAX_NAME_LENGTH + 1)
    path = tmp_path / "g.yaml"
    path.write_text(f"- id: a\n  type: place\n  name: {ok}\n  names: [{long}]\n")
    (problem,) = validate_paths([path])
    assert f"longer than {MAX_NAME_LENGTH} characters" in problem.message
    assert len(problem.message) < 300  # the name is shown shortened


# -- saved indexes -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("idx") / "mini.nnidx"
    Resolver(Gazetteer([Entity("baku", "place", "Baku")])).save(path)
    return path


def test_a_2gb_index_is_refused_without_reading_it(tmp_path):
    path = _sparse(tmp_path / "huge.nnidx", 2 * 2**30)
    with pytest.raises(IndexFormatError, match="over"):
        Resolver.load(path)
    code = (
        "import namenorm\ntry:\n    namenorm.Resolver.load(path)\n"
        "except namenorm.IndexFormatError as exc:\n    print(exc)"
    )
    assert _peak_mb(code, path) < 500


def test_index_size_limit(saved, monkeypatch):
    monkeypatch.setattr(store, "MAX_INDEX_BYTES", saved.stat().st_size - 1)
    with pytest.raises(IndexFormatError, match=f"over {saved.stat().st_size - 1} bytes"):
        Resolver.load(saved)


def _with_header(saved, tmp_path, change):
    head, body = read_header(saved.read_bytes())
    raw = change(json.dumps(head).encode())
    path = tmp_path / "crafted.nnidx"
    path.write_bytes(MAGIC + len(raw).to_bytes(8, "little") + raw + bytes(body))
    return path


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_deep_json_in_a_header_is_an_index_format_error(saved, tmp_path, depth):
    deep = b"[" * depth + b"]" * depth
    for change in (lambda raw: deep, lambda raw: raw[:-1] + b', "x": ' + deep + b"}"):
        with pytest.raises(IndexFormatError):
            Resolver.load(_with_header(saved, tmp_path, change))
    proc = _run("lookup", "--index", str(tmp_path / "crafted.nnidx"), "Baku")
    assert proc.returncode == 2
    _one_line_error(proc)


@pytest.mark.parametrize("path", [True, False, 1, 0, 2.5, None, b"x.nnidx"])
def test_a_path_that_is_not_a_path_is_a_type_error(path):
    with pytest.raises(TypeError):
        Resolver.load(path)


def test_load_of_true_leaves_stdout_open():
    # open(True) is open(1): it read standard output, then closed it.
    code = (
        "import os, namenorm\n"
        "try:\n    namenorm.Resolver.load(True)\nexcept TypeError:\n    pass\n"
        "os.fstat(1); print('still open')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300)
    assert proc.stdout == b"still open\n", proc.stderr


def test_load_still_takes_str_and_paths(saved):
    for path in (saved, str(saved)):
        assert Resolver.load(path).resolve("Baku").id == "baku"
    assert namenorm.resolve("Baku").id == "baku"


@pytest.fixture(scope="module")
def saved_100k(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "100k.nnidx"
    entities = [Entity(f"p{i}", "place", f"Place {i:06d}") for i in range(100_000)]
    Resolver(Gazetteer(entities)).save(path)
    return path


def _calls_of_info(path, ids) -> int:
    """Python calls made by ``namenorm info --index PATH IDS...`` (a profile hook counts them:
    work, not time)."""
    import io
    from contextlib import redirect_stdout

    from namenorm.cli.main import main

    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        with redirect_stdout(io.StringIO()):
            status = main(["info", "--index", str(path), *ids])
    finally:
        sys.setprofile(None)
    assert status == 0
    return calls


def test_info_on_a_100k_entity_index_does_no_scan_per_id(saved_100k):
    # It took 9 s per id: entities.index(entity) and a pass over every alias for each id.
    _calls_of_info(saved_100k, ["p5"])  # loads (and may keep) the index
    one = _calls_of_info(saved_100k, ["p5"])
    eleven = _calls_of_info(saved_100k, ["p5", *(f"p{i}" for i in range(90_000, 90_010))])
    assert (eleven - one) / 10 < 5_000, f"{(eleven - one) / 10:.0f} calls per id"
