"""The Damerau-Levenshtein distance that fuzzy retrieval and scoring compare phonetic keys with.

jellyfish computes it (a dependency); rapidfuzz's C implementation
(``rapidfuzz.distance.DamerauLevenshtein``, the same unrestricted distance, transpositions of
adjacent letters counted as one edit) gives the same numbers several times faster on keys. (Not
on any text: jellyfish counts grapheme clusters, rapidfuzz code points; keys hold ASCII letters,
digits and the gap mark only, where the two are the same thing: pass it keys only.) rapidfuzz is
not a dependency and its import costs a cold start tens of milliseconds, so, as the numpy pair
counter of :mod:`namenorm.index.counting`, it is taken only after ``FAST_AFTER`` lookups have
asked for the distance, and only where it is installed. Both give the same distance on keys
(``tests/test_distance.py``), so which one serves never changes an answer.

>>> distance_function()("stepanakert", "stpeanakert")
1
"""

from __future__ import annotations

from collections.abc import Callable

import jellyfish

__all__ = ["FAST_AFTER", "Distance", "distance_function", "fast_distance"]

Distance = Callable[[str, str], int]

#: Lookups served by jellyfish before rapidfuzz is imported (if installed).
FAST_AFTER = 300

_slow: Distance = jellyfish.damerau_levenshtein_distance


class _Switch:
    """How many lookups asked so far, and the distance serving them from then on."""

    asked = 0
    serving: Distance | None = None


def fast_distance() -> Distance | None:
    """rapidfuzz's Damerau-Levenshtein distance, or None when rapidfuzz is not installed."""
    try:
        from rapidfuzz.distance import DamerauLevenshtein
    except ImportError:
        return None
    fn: Distance = DamerauLevenshtein.distance
    return fn


def distance_function() -> Distance:
    """The distance to use for one lookup: jellyfish's for the first ``FAST_AFTER`` calls of a
    process, then rapidfuzz's where it is installed. (Lost updates of the count under threads
    only delay the switch.)"""
    serving = _Switch.serving
    if serving is not None:
        return serving
    if _Switch.asked < FAST_AFTER:
        _Switch.asked += 1
        return _slow
    _Switch.serving = fast_distance() or _slow
    return _Switch.serving
