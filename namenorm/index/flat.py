"""Flat tables of a compiled index: :class:`Table` (key -> alias numbers) and :class:`Postings`
((letter pair, key length) -> phonetic key numbers), each stored as arrays that load fast and
weigh little at a million keys (:mod:`namenorm.index.tables` builds them, :mod:`.read` loads
them from a saved index without decoding their keys until they are needed)."""

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
        self,
        keys: list[str] | None,
        starts: array[int],
        ids: array[int],
        text: str | bytes | None = None,
    ) -> None:
        if keys is None and text is None:
            raise ValueError("Table needs its keys, as a list or as lines of text")
        self._keys = keys
        # The keys a line each, as UTF-8: a saved index's lines are searched as they are stored
        # (decoding half a megabyte of names would cost a cold lookup more than the scan).
        self._text = text.encode("utf-8") if isinstance(text, str) else text
        self.starts: array[int] = starts
        self.ids: array[int] = ids
        self._numbers: dict[str, int] | None = None
        self._probes = 0

    @property
    def keys(self) -> list[str]:
        """The keys by number."""
        if self._keys is None:
            assert self._text is not None
            text = self._text.decode("utf-8")
            self._keys = text.split("\n") if text else []
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
            if "\n" in key or len(self.starts) < 2:  # no key holds a newline; none at all
                return None
            try:
                line = key.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: no stored key holds one
                return None
            return _line_number(self._text, line)
        return self._number.get(key)

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


def _line_number(text: bytes, line: bytes) -> int | None:
    """The number of the line of ``text`` (lines cut by newlines) that is ``line``, if any."""
    if text.startswith(line + b"\n") or text == line:
        return 0
    at = text.find(b"\n" + line + b"\n")
    if at < 0:
        if not text.endswith(b"\n" + line):
            return None
        at = len(text) - len(line) - 1
    return text.count(b"\n", 0, at + 1)


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
