"""Saved indexes: Resolver.save / Resolver.load, the version check, the atomic write."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import namenorm
from namenorm import Config, IndexFormatError, NamenormError, Resolver, _saved

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


def test_saved_file_is_json_not_code(mini, tmp_path):
    path = tmp_path / "mini.nnidx"
    mini.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["head"]["digest"].startswith("code:")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x80\x81 not text", "not UTF-8"),
        (b"{broken", "not a namenorm index"),
        (b'{"head": {"format": 999, "digest": ""}, "entities": [], "aliases": []}', "format 999"),
        (b'[1, 2, 3]', "not a namenorm index"),
    ],
)
def test_not_an_index_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.nnidx"
    path.write_bytes(content)
    with pytest.raises(IndexFormatError, match=message) as info:
        Resolver.load(path)
    assert isinstance(info.value, NamenormError) and str(path) in str(info.value)


def test_index_from_a_release_with_other_keys_is_refused(mini, tmp_path):
    path = tmp_path / "old.nnidx"
    mini.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["head"]["digest"] = "code:" + "0" * 64  # what another release's key code would record
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(IndexFormatError, match="rebuild it with `namenorm build-index`"):
        Resolver.load(path)


def test_failure_mid_write_leaves_the_old_index_whole(mini, bundled, tmp_path, monkeypatch):
    path = tmp_path / "idx.nnidx"
    mini.save(path)
    before = path.read_bytes()
    real_write = os.write
    calls = []

    def failing_write(fd, data):  # the disk fills up after the first chunk
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(_saved.os, "write", failing_write)
    with pytest.raises(OSError, match="No space"):
        bundled.save(path)  # the bundled index is several chunks long
    monkeypatch.undo()
    assert len(calls) == 2
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["idx.nnidx"]  # the temporary file is gone too
    assert Resolver.load(path).resolve("Baku").id == "baku"


def test_crash_before_replace_leaves_the_old_index_whole(mini, tmp_path):
    """A process killed after writing the temporary file but before the rename."""
    path = tmp_path / "idx.nnidx"
    mini.save(path)
    before = path.read_bytes()
    script = (
        "import os, sys, namenorm\n"
        "from namenorm import _saved\n"
        "_saved.os.replace = lambda *a: os._exit(9)\n"
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
