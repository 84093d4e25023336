"""The compiled bundled index: fresh, faithful, and safe to read."""

from __future__ import annotations

import json

import pytest

from namenorm import IndexFormatError, Resolver
from namenorm.index.store import bundled_path, from_json, source_digest, to_json
from namenorm.gazetteer.loader import default_paths
from namenorm.index.tables import Index


def test_committed_bundled_index_is_fresh():
    head = json.loads(bundled_path().read_text(encoding="utf-8"))["head"]
    assert head["digest"] == source_digest(default_paths()), (
        "namenorm/_data/bundled.json is stale: run `python scripts/build_index.py`"
    )


def test_round_trip_gives_the_same_answers(mini):
    index, _ = from_json(to_json(mini.index))
    again = Resolver.from_index(index)
    assert again.gazetteer.entities == mini.gazetteer.entities
    for q in ("Baku", "Xankendi", "Aliyev", "Stagnant", "AP"):
        assert again.candidates(q) == mini.candidates(q)


def test_bad_files_are_refused():
    with pytest.raises(IndexFormatError):
        from_json('{"head": {"format": 999}, "entities": [], "aliases": []}')
    with pytest.raises(IndexFormatError):
        from_json('{"head": {"format": 1}, "entities": [{"nope": 1}], "aliases": []}')
    with pytest.raises(IndexFormatError):
        from_json("not json")


def test_bundled_resolver_matches_one_built_from_yaml(bundled):
    from namenorm import Gazetteer
    from namenorm.gazetteer.loader import load_paths

    built = Index.build(Gazetteer(load_paths(default_paths())))
    assert [a.text for a in built.aliases] == [a.text for a in bundled.index.aliases]
