"""Stored fuzzy neighbours: for each phonetic key of an index, the keys within its edit budget.

A query whose phonetic key is one of the index's own keys (every exact hit, and the corruptions
that the phonetic key absorbs: case, diacritics, look-alike letters, doubled letters, most
romanizations) then gets its fuzzy candidates by one probe instead of a search through the pair
postings. The neighbours are exactly the keys that search would accept
(:func:`reaches` is its length rule, the edit distance is jellyfish's Damerau-Levenshtein, as
there), so answers are the same; ``tests/test_index.py`` compares the two.

They are computed when an index is saved (:mod:`namenorm.index.write`), so the bundled index and
every saved index carry them, by a self-join of the keys grouped by length: rapidfuzz's C
Levenshtein distance (which is at most twice the Damerau-Levenshtein distance) discards the pairs
that cannot be within budget, jellyfish decides the rest. Without rapidfuzz (and numpy, for its
distance matrix), or above :data:`MAX_KEYS` keys (the self-join grows with the square of the keys
of a length), none are stored and lookups search the postings as before.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence

import jellyfish

__all__ = ["MAX_KEYS", "Neighbours", "compute_neighbours", "reaches"]

#: Above this many phonetic keys no neighbours are computed (the GeoNames scale).
MAX_KEYS = 30_000


class Neighbours:
    """Key number -> neighbour key numbers, flat: ``ids[starts[j]:starts[j + 1]]``."""

    __slots__ = ("ids", "starts")

    def __init__(self, starts: array[int], ids: array[int]) -> None:
        self.starts, self.ids = starts, ids

    def of(self, j: int) -> array[int]:
        return self.ids[self.starts[j] : self.starts[j + 1]]

    def __len__(self) -> int:
        return len(self.starts) - 1


def reaches(budget: Callable[[int], int], n: int, m: int) -> int:
    """The edits allowed between a query key of ``n`` letters and an index key of ``m`` letters
    in the pair-postings search (0: that key length is not searched)."""
    dmax = budget(n + 3)
    if not dmax or m < max(1, n - dmax) or m > n + dmax or budget(m + 3) <= 0:
        return 0
    d = budget(max(n, m))
    return d if d and abs(m - n) <= d else 0


def compute_neighbours(keys: Sequence[str], budget: Callable[[int], int]) -> Neighbours | None:
    """The neighbours of every key (itself included when it is searched at all); None without
    rapidfuzz and numpy or for more than :data:`MAX_KEYS` keys."""
    if len(keys) > MAX_KEYS:
        return None
    try:
        import numpy  # noqa: F401  (rapidfuzz's cdist returns numpy arrays)
        from rapidfuzz import process  # noqa: F401
    except ImportError:
        return None
    by_length: dict[int, list[int]] = {}
    for k, key in enumerate(keys):
        by_length.setdefault(len(key), []).append(k)
    found: list[list[int]] = [[] for _ in keys]
    widest = max((budget(n) for n in range(max(by_length, default=0) + 4)), default=0)
    for n in sorted(by_length):
        for m in range(n, n + widest + 1):
            there, back = reaches(budget, n, m), reaches(budget, m, n)
            if m in by_length and (there or back):
                _join(keys, by_length[n], by_length[m], (there, back), found)
    return _flat(found)


def _join(
    keys: Sequence[str], mine: list[int], theirs: list[int], allowed: tuple[int, int],
    found: list[list[int]],
) -> None:
    """Add the pairs of ``mine`` x ``theirs`` within budget: ``allowed`` edits from a key of
    ``mine`` as the query to one of ``theirs``, and back (0: not searched)."""
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    there, back = allowed
    cutoff = 2 * max(there, back)  # Levenshtein <= 2 x Damerau-Levenshtein
    same = mine is theirs
    choices = [keys[k] for k in theirs]
    for start in range(0, len(mine), _ROWS):
        rows = mine[start : start + _ROWS]
        dist = process.cdist([keys[k] for k in rows], choices, scorer=Levenshtein.distance,
                             score_cutoff=cutoff, dtype=np.int32, workers=1)
        for i, j in zip(*(x.tolist() for x in np.nonzero(dist <= cutoff)), strict=True):
            a, b = rows[i], theirs[j]
            if same and b < a:
                continue  # each pair of one length once
            d = jellyfish.damerau_levenshtein_distance(keys[a], keys[b])
            if there and d <= there:
                found[a].append(b)
            if back and d <= back and a != b:
                found[b].append(a)


#: Rows of the distance matrix computed at once (memory: rows x keys of a length x 4 bytes).
_ROWS = 1024


def _flat(found: list[list[int]]) -> Neighbours:
    starts, ids = array("i", [0]), array("i")
    for near in found:
        ids.extend(sorted(near))
        starts.append(len(ids))
    return Neighbours(starts, ids)
