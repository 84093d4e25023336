"""Flat tables of a compiled index: :class:`Table` (key -> alias numbers) and :class:`Postings`
(letter pair and key length -> key numbers), stored as arrays of starts and ids, so that a saved
index loads as a few arrays and makes its hash tables only when they are used."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import pairwise

__all__ = ["SCAN_PROBES", "Postings", "Table"]


#: Probes of a saved table answered by searching its text before its hash is made.
SCAN_PROBES = 64


class Table:
    """Key -> alias numbers, stored flat: ``ids[starts[j]:starts[j + 1]]`` for key number j.

    Flat arrays load fast and weigh little at a million keys; ``keys`` lists the keys by number.
    A saved index gives the keys as one text, a key per line: the first :data:`SCAN_PROBES`
    probes search that text (a fraction of a millisecond each) and only then are the key list
    and the key -> number hash made, so a cold ``namenorm lookup`` does not pay for them.
    """

    __slots__ = ("_keys", "_numbers", "_probes", "_text", "ids", "starts")

    def __init__(
        self, keys: list[str] | None, starts: array[int], ids: array[int],
        text: bytes | None = None,
    ) -> None:
        if keys is None and text is None:
            raise ValueError("Table needs its keys, as a list or as lines of UTF-8 text")
        self._keys = keys
        self._text = text  # searched as bytes: decoding it would cost more than the probes
        self.starts: array[int] = starts
        self.ids: array[int] = ids
        self._numbers: dict[str, int] | None = None
        self._probes = 0

    @property
    def keys(self) -> list[str]:
        """The keys by number."""
        if self._keys is None:
            assert self._text is not None
            self._keys = str(self._text, "utf-8").split("\n") if self._text else []
        return self._keys

    @property
    def _number(self) -> dict[str, int]:
        if self._numbers is None:  # two threads may both build it; either result is right
            self._numbers = dict(zip(self.keys, range(len(self.keys))))
        return self._numbers

    def number(self, key: str) -> int | None:
        """The key's number, or None."""
        if self._numbers is None and self._text is not None and self._probes < SCAN_PROBES:
            self._probes += 1
            return self._scan(key)
        return self._number.get(key)

    def _scan(self, key: str) -> int | None:
        """The key's number, found in the key lines: one ``bytes.find``, no decoding."""
        text = self._text
        if "\n" in key or len(self.starts) < 2 or text is None:  # no key holds a newline
            return None
        try:
            k = key.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no stored key has one
            return None
        if text.startswith(k + b"\n") or text == k:
            return 0
        at = text.find(b"\n" + k + b"\n")
        if at < 0:
            at = len(text) - len(k) - 1 if text.endswith(b"\n" + k) else -1
        return None if at < 0 else text.count(b"\n", 0, at) + 1

    @classmethod
    def from_dict(cls, d: dict[str, list[int]]) -> Table:
        starts, ids = array("i", [0]), array("i")
        for found in d.values():
            ids.extend(found)
            starts.append(len(ids))
        return cls(list(d), starts, ids)

    def get(self, key: str) -> Sequence[int]:
        j = self.number(key)
        if j is None:
            return ()
        return self.ids[self.starts[j] : self.starts[j + 1]]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.number(key) is not None

    def of(self, j: int) -> array[int]:
        return self.ids[self.starts[j] : self.starts[j + 1]]

    def __len__(self) -> int:
        return len(self.starts) - 1


class Postings:
    """(pair, key length) -> key numbers, stored flat like :class:`Table`.

    A saved index gives the pairs as text, their lengths and the spans' starts (``parts``);
    the hash of spans is made from them on first use, so a lookup that never reaches fuzzy
    retrieval (an exact hit, a cold ``namenorm lookup``) does not pay for it.
    """

    __slots__ = ("_parts", "_rows", "_spans", "ids")

    def __init__(
        self,
        spans: dict[tuple[str, int], tuple[int, int]] | None,
        ids: array[int],
        parts: tuple[str, array[int], array[int]] | None = None,
    ) -> None:
        if spans is None and parts is None:
            raise ValueError("Postings needs its spans or the parts to make them")
        self._spans = spans
        self._parts = parts
        self._rows: dict[str, dict[int, tuple[int, int]]] | None = None
        self.ids: array[int] = ids

    @property
    def spans(self) -> dict[tuple[str, int], tuple[int, int]]:
        """(pair, key length) -> (start, end) in ``ids``."""
        if self._spans is None:  # two threads may both make it; either result is right
            assert self._parts is not None
            text, lens, starts = self._parts
            grams = text.split("\n")  # "" is the one empty pair of a tiny index
            self._spans = dict(zip(zip(grams, lens), pairwise(starts)))
        return self._spans

    @property
    def rows(self) -> dict[str, dict[int, tuple[int, int]]]:
        """pair -> key length -> (start, end) in ``ids``: :attr:`spans` by pair."""
        if self._rows is None:  # two threads may both make it; either result is right
            rows: dict[str, dict[int, tuple[int, int]]] = {}
            for (gram, length), span in self.spans.items():
                rows.setdefault(gram, {})[length] = span
            self._rows = rows
        return self._rows

    @classmethod
    def from_dict(cls, d: dict[tuple[str, int], list[int]]) -> Postings:
        spans, ids = {}, array("i")
        for key, found in d.items():
            spans[key] = (len(ids), len(ids) + len(found))
            ids.extend(found)
        return cls(spans, ids)
