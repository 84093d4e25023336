"""The fast Damerau-Levenshtein distance (rapidfuzz's C) gives jellyfish's numbers exactly, so
switching to it never changes a candidate or a score."""

from __future__ import annotations

import re

import jellyfish
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm.index import distance
from namenorm.keys import compact, fold_key, phonetic_key, skeleton_key
from namenorm.text.normalize import GAP

fast = distance.fast_distance()
pytestmark = pytest.mark.skipif(fast is None, reason="rapidfuzz is not installed")

# Small alphabets make edits, transpositions and repeated letters common; the gap mark and
# letters of other scripts stand for what keys may hold.
_KEYS = st.text(alphabet="abcdeks " + GAP, max_size=14)
_ANY = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
_KEY = re.compile("[a-z0-9\ufffd ]*")


@settings(max_examples=3000, deadline=None)
@given(_KEYS, _KEYS)
def test_fast_distance_is_jellyfish_on_keys(a: str, b: str) -> None:
    assert fast is not None
    assert fast(a, b) == jellyfish.damerau_levenshtein_distance(a, b)


@settings(max_examples=1000, deadline=None)
@given(_ANY, _ANY)
def test_fast_distance_is_jellyfish_on_keys_of_any_text(a: str, b: str) -> None:
    # jellyfish counts grapheme clusters (a combining mark rides on its letter), rapidfuzz code
    # points: they agree on keys, whose letters are ASCII letters, digits and the gap mark only.
    assert fast is not None
    fa, fb = fold_key(a), fold_key(b)
    assert _KEY.fullmatch(fa) and _KEY.fullmatch(fb)
    for x, y in ((fa, fb), (phonetic_key(fa), phonetic_key(fb))):
        x, y = compact(x), compact(y)
        assert fast(x, y) == jellyfish.damerau_levenshtein_distance(x, y)
        sx, sy = compact(skeleton_key(phonetic_key(fa))), compact(skeleton_key(phonetic_key(fb)))
        assert fast(sx, sy) == jellyfish.damerau_levenshtein_distance(sx, sy)


def test_transpositions_with_edits_between() -> None:
    # unrestricted Damerau-Levenshtein: "ca" -> "abc" is 2 (the restricted form says 3)
    assert fast is not None
    for a, b in (("ca", "abc"), ("abcdef", "badcfe"), ("stepanakert", "stpeanakret")):
        assert fast(a, b) == jellyfish.damerau_levenshtein_distance(a, b)


def test_switch_after_enough_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(distance._Switch, "asked", 0)
    monkeypatch.setattr(distance._Switch, "serving", None)
    served = [distance.distance_function() for _ in range(distance.FAST_AFTER + 2)]
    assert served[0] is jellyfish.damerau_levenshtein_distance
    assert served[-1] is not jellyfish.damerau_levenshtein_distance
    assert all(fn("karabakh", "karbakh") == 1 for fn in served)
