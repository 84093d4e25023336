"""The letter-pair filter of fuzzy retrieval (:meth:`namenorm.index.tables.Index._pair_ids`):
which phonetic keys of each length the edit budget reaches may be within budget of a query,
from the posting lists of the query's letter pairs.

A key within ``d`` edits of the query misses at most ``3d`` of the query's distinct pairs (an
edit or a swap breaks at most three), so of any ``r`` of those pairs it holds at least
``r - 3d``. For each key length the rarest posting lists are read (the commonest are skipped when
they would cost more than they save) and the keys below that bound are dropped; the caller checks
the others with the real edit distance. Counting is :class:`collections.Counter`'s, one length at
a time, or, in a long-running process with numpy, one count over every length at once
(:mod:`namenorm.index.counting`). Both give the same keys (``tests/test_index.py``).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from namenorm.index.counting import PairCounter
from namenorm.index.flat import Postings

__all__ = ["Selection", "keys_in_reach", "select"]


class Selection:
    """The posting lists read for one key length, and the bounds a key found in them meets:
    at least ``floor`` of them, and ``spare`` more than that reaches its own pair count.
    ``every`` instead: all keys of that length (a key in budget may share no pair at all).
    (A plain class: a NamedTuple costs a cold start a millisecond to create.)"""

    __slots__ = ("edits", "every", "floor", "length", "spans", "spare")

    def __init__(self, length: int, edits: int, spans: list[tuple[int, int]], floor: int,
                 spare: int, every: Sequence[int] | None = None) -> None:
        self.length, self.edits, self.spans = length, edits, spans
        self.floor, self.spare, self.every = floor, spare, every


def select(n_grams: int, rows: list[dict[int, tuple[int, int]]], length: int, edits: int,
           lengths: Postings) -> Selection:
    """What to read for the keys of ``length`` letters within ``edits`` of a query with
    ``n_grams`` distinct pairs, whose posting lists by key length are ``rows`` (the pairs no
    key holds have none; see the module docstring)."""
    slack = 3 * edits
    if n_grams <= slack:  # a key in budget may share no pair at all
        span = lengths.spans.get(("", length))
        every = lengths.ids[span[0] : span[1]] if span else array("i")
        return Selection(length, edits, [], 0, 0, every)
    # Pairs with no posting count as read (no key holds them). Read the rarest
    # lists: at least 3d + 1, then more while each costs no more than all so far.
    sizes = sorted((sp[1] - sp[0], sp) for row in rows if (sp := row.get(length)))
    read = n_grams - len(sizes)
    lists, total = [], 0
    for size, span in sizes:
        if read > slack and size > max(total, 256):
            break
        lists.append(span)
        total += size
        read += 1
    return Selection(length, edits, lists, read - slack, slack + n_grams - read)


def keys_in_reach(
    selections: list[Selection], post: array[int], key_pairs: array[int],
    counter: PairCounter | None,
) -> list[tuple[int, int]]:
    """``(key, edits)`` for every key the selections let through, ``edits`` its length's
    budget."""
    out: list[tuple[int, int]] = []
    counted = []
    for sel in selections:
        if sel.every is not None:
            out.extend((k, sel.edits) for k in sel.every)
        elif sel.spans:  # no list read: no key found
            counted.append(sel)
    if counter is not None and counted:  # numpy: one count over every length
        edits = {sel.length: sel.edits for sel in counted}
        found = counter.keys_by_length([(s.length, s.spans, s.floor, s.spare) for s in counted])
        out.extend((k, edits[length]) for k, length in found)
        return out
    for sel in counted:
        counts = Counter(chain.from_iterable(post[a:b] for a, b in sel.spans))
        out.extend(
            (k, sel.edits)
            for k, common in counts.items()
            if common >= sel.floor and common + sel.spare >= key_pairs[k]
        )
    return out
