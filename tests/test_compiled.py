"""The compiled bundled index: fresh, faithful, and safe to read."""

from __future__ import annotations

import json

import pytest

from namenorm import Config, IndexFormatError, Resolver
from namenorm.gazetteer.model import default_paths
from namenorm.index.binary import MAGIC, read_header
from namenorm.index.bundled import bundled_path, is_fresh
from namenorm.index.read import decode_index
from namenorm.index.store import load_index, save_index


def test_committed_bundled_index_is_fresh():
    head, _ = read_header(bundled_path().read_bytes())
    assert is_fresh(head, default_paths()), (
        "namenorm/_data/bundled.nnidx is stale: run `python scripts/build_index.py`"
    )


def test_committed_bundled_index_passes_every_check():
    # load_bundled skips the range scans (checked=False) because this test runs them.
    data = bundled_path().read_bytes()
    checked = decode_index(data, Config())
    quick = decode_index(data, Config(), checked=False)
    assert len(checked.aliases) == len(quick.aliases) > 0
    for q in ("Baku", "Stagnant", "Ходжалы", "Karaƅakh"):
        assert Resolver.from_index(checked).candidates(q) == Resolver.from_index(quick).candidates(q)


def test_skipped_checks_are_the_range_scans(mini, tmp_path):
    # An alias pointing past the last entity is refused when checked; unchecked decoding
    # trusts the file (it is only used for the package's own).
    data = bytearray(save_index(mini.index, tmp_path / "m.nnidx").read_bytes())
    head, body = read_header(bytes(data))
    offset, length, _ = head["sections"]["alias.entity"]
    start = len(data) - len(body) + offset
    data[start : start + 4] = (10**6).to_bytes(4, "little")
    with pytest.raises(IndexFormatError, match="alias.entity"):
        decode_index(bytes(data), Config())
    assert len(decode_index(bytes(data), Config(), checked=False).aliases) == len(mini.index.aliases)


def test_round_trip_gives_the_same_answers(mini, tmp_path):
    index = load_index(save_index(mini.index, tmp_path / "mini.nnidx"))
    again = Resolver.from_index(index)
    assert again.gazetteer.entities == mini.gazetteer.entities
    for q in ("Baku", "Xankendi", "Aliyev", "Stagnant", "AP"):
        assert again.candidates(q) == mini.candidates(q)


def _header(head: object) -> bytes:
    text = json.dumps(head).encode()
    return MAGIC + len(text).to_bytes(8, "little") + text


@pytest.mark.parametrize("data", [
    _header({"format": 999}),
    _header({"format": 1, "entities": [{"nope": 1}], "aliases": []}),
    b"not json",
])
def test_bad_files_are_refused(tmp_path, data):
    path = tmp_path / "bad.nnidx"
    path.write_bytes(data)
    with pytest.raises(IndexFormatError):
        load_index(path)


def test_bundled_resolver_matches_one_built_from_yaml(bundled, bundled_from_yaml):
    """The committed file holds what the YAML and the code give now: the same entities and
    every alias with the same keys (a change to romanization or to the derived forms that
    KEYS_VERSION does not cover shows here). ``build_bundled(default_paths())`` runs once per
    session, in the ``bundled_from_yaml`` fixture."""
    built, problems = bundled_from_yaml
    assert problems == []
    assert [a.text for a in built.aliases] == [a.text for a in bundled.index.aliases]
    assert list(built.aliases) == list(bundled.index.aliases)
    assert list(built.entities) == list(bundled.index.entities)
    assert [e.source for e in built.entities] == [e.source for e in bundled.index.entities]


@pytest.mark.parametrize("installed", [True, False])
def test_the_yaml_digest_is_checked_only_in_a_checkout(monkeypatch, installed):
    """A wheel packs the YAML and the compiled file together, so its YAML is not hashed on every
    start; a checkout's YAML is (its users edit it), and a changed digest means a rebuild."""
    import namenorm.index.bundled as bundled

    rebuilt = []
    monkeypatch.setattr(bundled, "installed_copy", lambda: installed)
    monkeypatch.setattr(bundled, "is_fresh", lambda head, paths: False)  # the YAML was edited
    monkeypatch.setattr(bundled, "build_bundled", lambda paths, config=None: rebuilt.append(1))
    index = bundled.load_bundled()
    assert (index is None) == (not installed) and rebuilt == ([] if installed else [1])


def test_stored_answers_are_what_the_full_path_answers(bundled, bundled_from_yaml):
    """The bundled index stores the answer of every alias text (namenorm/index/answers.py);
    each must be what a resolver over the index built from the YAML now answers without them,
    so a change to the scoring, the decisions or the lexicons that changes one shows here."""
    from namenorm.matching.stored import stored_match

    built, problems = bundled_from_yaml
    assert problems == []
    stored = bundled.index.stored_answers()
    assert stored is not None and built.stored_answers() is None
    texts = stored.table.keys
    assert set(texts) == {a.text for a in built.aliases}
    full = Resolver.from_index(built.with_config(Config(cache_size=0)))
    stale = [t for t in texts if stored_match(stored, t) != (True, full.resolve(t))]
    assert stale == [], (
        f"{len(stale)} stored answers differ from the resolver's, e.g. {stale[:3]}: "
        "run `python scripts/build_index.py`"
    )


def test_stored_answers_hold_only_for_their_index_and_config(bundled):
    from namenorm.gazetteer.model import Entity
    from namenorm.matching.stored import stored_match

    stored = bundled.index.stored_answers()
    assert stored is not None
    # a stored match under the threshold of a stricter config is not what that config answers
    text, answer = next(
        (t, m) for t in stored.table.keys
        for known, m in [stored_match(stored, t)] if m is not None and m.score < 0.95
    )
    assert bundled.resolve(text) == answer
    strict = Resolver(config=Config(threshold=0.95))
    assert strict.resolve(text) is None
    assert Resolver(config=Config(cache_size=5)).resolve(text) == answer
    # an entity of the user's named the same: the stored answer knows nothing of it
    layered = bundled.with_entities([Entity("user-namesake", answer.type, text)])
    assert layered.resolve(text) != answer


def test_the_bundled_index_is_mapped_not_read(tmp_path):
    """map_file maps a file (sections are paged in when used) and reads an empty one, which
    cannot be mapped; an index decodes the same from either."""
    import mmap

    from namenorm.index.binary import map_file

    assert isinstance(map_file(str(bundled_path())), mmap.mmap)
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert map_file(str(empty)) == b""
    mapped = decode_index(map_file(str(bundled_path())), Config(), checked=True)
    read = decode_index(bundled_path().read_bytes(), Config(), checked=True)
    assert mapped.entities[5] == read.entities[5] and mapped.aliases[7] == read.aliases[7]
    with pytest.raises(IndexFormatError):
        read_header(map_file(str(empty)))
