"""Stored answers: what the resolver answers for each alias text, computed when the index is
saved, so that a query that is one of them verbatim costs one probe.

Every lookup of a name as the gazetteer writes it ("Baku", "Никол Пашинян") would otherwise
normalize it, compute its keys, gather and score the candidates of every table and decide
between them, to reach the same answer each time. The answer of a query is a function of the
query text, the index and the :class:`~namenorm.Config` alone, so it can be worked out once:
:func:`namenorm.matching.stored.compute_answers` asks a resolver (the full path) for every alias
text and keeps each answer whole, explanation included. What is kept here is data only:

* a :class:`~namenorm.index.tables.Table` from the query text to its record, a list of string
  numbers (empty: the answer is "no match"); a text not in the table takes the full path;
* the score of each record (``d`` numbers, by the text's number in the table);
* the strings the records name, kept encoded (:class:`~namenorm.index.lazy.Strings`).

The resolver uses them only under the config they were computed with (the default one; the
answer cache's size aside) and never for a layered index. ``tests/test_compiled.py`` asks the
full path again for every stored answer of the bundled index, so a change to the scoring or the
lexicons that changes an answer shows there ("run scripts/build_index.py").
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence

from namenorm.index.lazy import Strings
from namenorm.index.flat import Table

__all__ = ["NONE", "StoredAnswers"]

#: The string number of an absent field (an alias without a language, a match without ending).
NONE = -1


class StoredAnswers:
    """Query text -> stored answer (see the module docstring)."""

    __slots__ = ("n_strings", "scores", "strings", "table")

    def __init__(
        self, table: Table, scores: array[float], strings: Strings | Sequence[str], n_strings: int
    ) -> None:
        if len(scores) != len(table):
            raise ValueError("one score per stored answer")
        self.table, self.scores, self.strings = table, scores, strings
        self.n_strings = n_strings

    def find(self, text: str) -> tuple[array[int], float] | None:
        """The record and score stored for ``text`` (an empty record: no match), or None when
        none is stored."""
        j = self.table.number(text)
        if j is None:
            return None
        return self.table.of(j), self.scores[j]

    def string(self, n: int) -> str | None:
        """String number ``n`` of the records (None for :data:`NONE`)."""
        return None if n == NONE else self.strings[n]

    @classmethod
    def from_records(
        cls, records: Mapping[str, tuple[float, Sequence[str | None]] | None]
    ) -> StoredAnswers:
        """Stored answers from ``text -> (score, strings)`` (None: no match); each distinct
        string is kept once."""
        numbers: dict[str, int] = {}
        by_text: dict[str, list[int]] = {}
        scores = array("d")
        for text, record in records.items():
            if record is None:
                by_text[text] = []
                scores.append(0.0)
                continue
            score, strings = record
            by_text[text] = [
                NONE if s is None else numbers.setdefault(s, len(numbers)) for s in strings
            ]
            scores.append(score)
        return cls(Table.from_dict(by_text), scores, list(numbers), len(numbers))

    def __len__(self) -> int:
        return len(self.table)
