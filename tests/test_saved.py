"""Saved indexes: Resolver.save / Resolver.load, the version check, the atomic write."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import namenorm
from namenorm import Config, IndexFormatError, NamenormError, Resolver
from namenorm.keys import KEYS_VERSION

QUERIES = ["Baku", "BAKI", "Баку", "Xankendi", "Stepanakertt", "Azeri", "nobody", ""]


def test_saved_index_answers_like_the_resolver_it_came_from(mini, tmp_path):
    path = tmp_path / "mini.nnidx"
    mini.save(path)
    loaded = Resolver.load(path)
    assert [e.id for e in loaded.gazetteer] == [e.id for e in mini.gazetteer]
    assert len(loaded.index.aliases) == len(mini.index.aliases)
    assert loaded.resolve_many(QUERIES) == mini.resolve_many(QUERIES)
    assert loaded.resolve("BAKI").id == "baku"


def test_load_takes_a_config(mini, tmp_path):
    path = tmp_path / "mini.nnidx"
    mini.save(path)
    strict = Resolver.load(path, config=Config(threshold=0.999))
    assert strict.config.threshold == 0.999
    assert strict.resolve("Stepanakertt") is None
    assert Resolver.load(path).resolve("Stepanakertt").id == "stepanakert"


def _with_header(path, **changes):
    """Rewrite the JSON header of a saved index (what another release would have written)."""
    from namenorm.index.binary import MAGIC

    data = path.read_bytes()
    start = len(MAGIC) + 8
    size = int.from_bytes(data[len(MAGIC):start], "little")
    head = json.loads(data[start:start + size])
    head.update(changes)
    header = json.dumps(head).encode("utf-8")
    path.write_bytes(MAGIC + len(header).to_bytes(8, "little") + header + data[start + size:])


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x80\x81 not an index", "not a namenorm index"),
        (b"{broken", "not a namenorm index"),
        (b"", "not a namenorm index"),
    ],
)
def test_not_an_index_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.nnidx"
    path.write_bytes(content)
    with pytest.raises(IndexFormatError, match=message) as info:
        Resolver.load(path)
    assert isinstance(info.value, NamenormError)


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexFormatError, match="cannot read index"):
        Resolver.load(tmp_path / "missing.nnidx")


def test_index_from_a_release_with_another_format_or_other_keys_is_refused(mini, tmp_path):
    path = tmp_path / "old.nnidx"
    mini.save(path)
    _with_header(path, format=999)
    with pytest.raises(IndexFormatError, match="format 999 .*rebuild"):
        Resolver.load(path)
    mini.save(path)
    _with_header(path, keys_version=KEYS_VERSION + 1)  # what another release's keys record
    with pytest.raises(IndexFormatError, match="match-key code differs.*rebuild"):
        Resolver.load(path)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs resource limits (POSIX)")
def test_failure_mid_write_leaves_the_old_index_whole(mini, tmp_path):
    """The file system refuses the write part-way (a file-size limit: EFBIG, as a full disk
    would): the old index stays whole and no temporary file is left."""
    path = tmp_path / "idx.nnidx"
    mini.save(path)
    before = path.read_bytes()
    script = (
        "import resource, signal, sys, namenorm\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))\n"
        "try:\n"
        "    namenorm.default_resolver().save(sys.argv[1])\n"
        "except OSError as exc:\n"
        "    print(exc.errno, flush=True); sys.exit(7)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 7, proc.stderr
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["idx.nnidx"]  # the temporary files are gone too
    assert Resolver.load(path).resolve("Baku").id == "baku"


def test_crash_before_replace_leaves_the_old_index_whole(mini, tmp_path):
    """A process killed after writing the temporary file but before the rename."""
    path = tmp_path / "idx.nnidx"
    mini.save(path)
    before = path.read_bytes()
    script = (
        "import os, sys, namenorm\n"
        "from namenorm.index import store\n"
        "store.os.replace = lambda *a: os._exit(9)\n"
        "namenorm.default_resolver().save(sys.argv[1])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(path)], timeout=120)
    assert proc.returncode == 9
    assert path.read_bytes() == before
    assert Resolver.load(path).resolve("Baku").id == "baku"


def test_saved_file_gets_normal_permissions(mini, tmp_path):
    path = tmp_path / "idx.nnidx"
    mini.save(path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_bundled_index_round_trips(bundled, tmp_path):
    path = tmp_path / "bundled.nnidx"
    bundled.save(path)
    loaded = Resolver.load(path)
    queries = ["Steppe cart", "Karaƅakh", "Xankendi", "P'ashinyan", "stagnant economy", "Aliyev"]
    assert loaded.resolve_many(queries) == [namenorm.resolve(q) for q in queries]
