"""Config: frozen, hashable, and checked field by field when it is made."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from namenorm import Config


def test_config_is_frozen_and_hashable():
    c = Config()
    assert hash(c) == hash(Config()) and c == Config()
    assert {c: 1}[Config()] == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.threshold = 0.5  # type: ignore[misc]
    with pytest.raises(TypeError):
        c.kind_factor["surname"] = 1.0  # type: ignore[index]
    assert c.kind_factor == {
        "corruption": 0.97, "surname": 0.9, "initials": 0.93, "reversed": 0.97,
        "short": 0.97, "demonym": 0.95, "generated": 0.98,
    }  # fmt: skip


def test_a_given_mapping_is_copied_and_made_read_only():
    factors = {"surname": 0.5}
    c = Config(kind_factor=factors)
    factors["surname"] = 0.1
    assert c.kind_factor["surname"] == 0.5 and c.kind_factor.get("short", 1.0) == 1.0
    assert hash(c) == hash(Config(kind_factor={"surname": 0.5}))
    assert hash(Config(edit_budget=[(5, 1)])) == hash(Config(edit_budget=((5, 1),)))
    assert pickle.loads(pickle.dumps(c)) == c
    assert dataclasses.replace(c, threshold=0.8).kind_factor == c.kind_factor


@pytest.mark.parametrize(
    "field, value",
    [
        ("threshold", "high"), ("margin", None), ("fuzzy_power", "1.5"), ("exact", True),
        ("edit_budget", 5), ("edit_budget", ((5, 1, 2),)), ("edit_budget", ((5.0, 1),)),
        ("short_key", 4.0), ("max_candidates", True), ("cache_size", "0"),
        ("kind_factor", [("surname", 0.9)]), ("kind_factor", {1: 0.9}),
        ("kind_factor", {"surname": "high"}), ("generate_variants", 1),
        ("min_skeleton", None), ("min_phonetic_stem", 6.5), ("gap_cost", [0.3]),
    ],
)  # fmt: skip
def test_wrong_types_raise_type_error(field, value):
    with pytest.raises(TypeError, match=f"Config.{field}"):
        Config(**{field: value})


@pytest.mark.parametrize(
    "field, value",
    [
        ("threshold", 2), ("threshold", -0.1), ("threshold", float("nan")), ("margin", 1.5),
        ("exact", 1.01), ("folded", -1), ("transliterated", 2.0), ("phonetic", 9),
        ("skeleton", -0.5), ("fuzzy", 1.2), ("fuzzy_power", 0), ("fuzzy_power", float("inf")),
        ("metaphone_bonus", -0.03), ("edit_budget", ((0, 1),)), ("edit_budget", ((5, -1),)),
        ("short_key", -1), ("short_factor", 1.8), ("min_skeleton", -5), ("gap_cost", 3),
        ("kind_factor", {"surname": -0.9}), ("kind_factor", {"surname": float("nan")}),
        ("inflected", 1.5), ("min_phonetic_stem", -6), ("needs_context_ceiling", 2),
        ("near_miss_margin", -0.12), ("max_candidates", 0), ("cache_size", -1),
        ("prominent_languages", -1),
    ],
)  # fmt: skip
def test_values_out_of_range_raise_value_error(field, value):
    with pytest.raises(ValueError, match=f"Config.{field}"):
        Config(**{field: value})


def test_every_field_is_checked():
    checked = {
        "threshold", "margin", "exact", "folded", "transliterated", "transcribed", "phonetic",
        "skeleton",
        "fuzzy", "fuzzy_power", "metaphone_bonus", "edit_budget", "short_key", "short_factor",
        "min_skeleton", "gap_cost", "kind_factor", "inflected", "min_phonetic_stem",
        "needs_context_ceiling", "generate_variants", "near_miss_margin", "max_candidates",
        "cache_size", "prominent_languages",
    }  # fmt: skip
    assert {f.name for f in dataclasses.fields(Config)} == checked


def test_limits_are_accepted():
    c = Config(threshold=1, margin=0, inflected=0, cache_size=0, edit_budget=(), kind_factor={})
    assert c.threshold == 1 and c.edit_budget == () and dict(c.kind_factor) == {}
