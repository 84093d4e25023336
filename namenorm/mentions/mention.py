"""A mention of an entity in a text: offsets, words, kind and the :class:`~namenorm.Match`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from namenorm.matching.resolver import Match

__all__ = ["Mention"]


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in a text: ``text[start:end] == mention.text``.

    ``kind`` is ``"demonym"`` when the words name the entity's people or language ("Armenian",
    "Azeri") rather than the entity itself, else ``"name"``. The :class:`~namenorm.Match`
    carries the id, score, method and the explanation, including the context that decided.
    """

    start: int
    end: int
    text: str
    match: Match
    kind: str = "name"

    @property
    def id(self) -> str:
        return self.match.id

    @property
    def name(self) -> str:
        return self.match.name

    @property
    def type(self) -> str:
        return self.match.type

    @property
    def score(self) -> float:
        return self.match.score

    @property
    def method(self) -> str:
        return self.match.method

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: offsets, text, kind and the match's main fields."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "id": self.match.id,
            "name": self.match.name,
            "type": self.match.type,
            "kind": self.kind,
            "score": self.match.score,
            "method": self.match.method,
        }
