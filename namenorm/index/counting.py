"""Pair counting with numpy for a long-running process: the step of the pair-postings search
(:meth:`namenorm.index.tables.Index._pair_ids`) that counts, for every phonetic key in the lists
read, how many of the query's letter pairs it holds, and keeps the keys that can be within the
edit budget. :class:`collections.Counter` does it in pure Python; :class:`PairCounter` does the
same with numpy in a fraction of the time. The index switches to it only after ``NEAR_AFTER``
such lookups and only where numpy is installed (it is not a dependency), so a process that
answers a few queries never pays numpy's import. Both give the same keys (``tests/test_index.py``).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any

__all__ = ["DENSE_KEYS", "PairCounter", "pair_counter"]

#: Up to this many phonetic keys the counts are one array over all keys (``numpy.bincount``);
#: above it (GeoNames) only the keys found are counted (``numpy.unique``), which sorts them.
DENSE_KEYS = 100_000
#: A floor no count reaches.
_NEVER = 2**62


class PairCounter:
    """The posting lists and pair counts of an index's phonetic keys as numpy arrays."""

    __slots__ = ("_lens", "_np", "_pairs", "_post", "_raw")

    def __init__(
        self, np: Any, post: array[int], key_pairs: array[int],
        key_lengths: Sequence[int] | None = None,
    ) -> None:
        self._np = np
        self._raw = post
        self._post = np.frombuffer(post, dtype=np.intc) if len(post) else np.zeros(0, np.intc)
        self._pairs = np.asarray(key_pairs, dtype=np.int64)
        self._lens = None if key_lengths is None else np.asarray(key_lengths, dtype=np.intp)

    def keys_by_length(
        self, groups: Sequence[tuple[int, Sequence[tuple[int, int]], int, int]]
    ) -> list[tuple[int, int]]:
        """``(key, length)`` for the keys that :meth:`keys` gives for each group ``(length,
        spans, floor, spare)`` (the spans of a group list keys of its length only), counted
        at once over every group when the key lengths are known."""
        np, lens = self._np, self._lens
        if lens is None or len(self._pairs) > DENSE_KEYS:
            return [(k, n) for n, spans, floor, spare in groups
                    for k in self.keys(spans, floor, spare)]  # fmt: skip
        spans = [span for _, group, _, _ in groups for span in group]
        if not spans:
            return []
        raw, listed = self._raw, array("i")
        for a, b in spans:  # extending an array: a third of numpy's concatenate of slices
            listed.extend(raw[a:b])
        counts = np.bincount(np.frombuffer(listed, dtype=np.intc), minlength=len(self._pairs))
        # the keys of the lists read, a few thousand at most (nonzero of a bool array: numpy's
        # flatnonzero of the counts themselves is several times slower)
        found = (counts > 0).nonzero()[0]
        top = max(n for n, _, _, _ in groups) + 1
        floors, spares = [_NEVER] * (top + 1), [0] * (top + 1)  # other lengths: no key
        for n, _, floor, spare in groups:
            floors[n], spares[n] = max(floor, 1), spare
        at = np.minimum(lens[found], top)  # keys of the lists read have a group's length
        got = counts[found]
        keep = found[(got >= np.array(floors)[at])
                     & (got + np.array(spares)[at] >= self._pairs[found])]
        return list(zip(keep.tolist(), lens[keep].tolist()))

    def keys(self, spans: Sequence[tuple[int, int]], floor: int, spare: int) -> list[int]:
        """Keys found in the posting lists ``post[a:b]`` at least ``floor`` times, whose count
        plus ``spare`` reaches their own number of pairs, in increasing order."""
        np = self._np
        if not spans:
            return []
        found = np.concatenate([self._post[a:b] for a, b in spans])
        if len(self._pairs) <= DENSE_KEYS:  # one count per key of the index: no sort
            counts = np.bincount(found, minlength=len(self._pairs))
            keep = (counts >= max(floor, 1)) & (counts + spare >= self._pairs)
            return [int(k) for k in np.flatnonzero(keep).tolist()]
        keys, counts = np.unique(found, return_counts=True)
        keep = (counts >= floor) & (counts + spare >= self._pairs[keys])
        return [int(k) for k in keys[keep].tolist()]


def pair_counter(
    post: array[int], key_pairs: array[int], key_lengths: Sequence[int] | None = None
) -> PairCounter | None:
    """A :class:`PairCounter` over these arrays (and the length of each key, for
    :meth:`PairCounter.keys_by_length`), or None without numpy."""
    try:
        import numpy
    except ImportError:
        return None
    return PairCounter(numpy, post, key_pairs, key_lengths)
