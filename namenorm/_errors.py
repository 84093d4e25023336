"""The exceptions namenorm raises: one hierarchy under :class:`NamenormError`."""

from __future__ import annotations

__all__ = [
    "GazetteerError", "GazetteerProblem", "IndexFormatError", "NamenormError", "UnknownIdError",
]  # fmt: skip

from dataclasses import dataclass


class NamenormError(Exception):
    """Base class of every error namenorm raises on purpose."""


@dataclass(frozen=True)
class GazetteerProblem:
    """One problem found in a gazetteer file: where, which entry, and what."""

    path: str
    line: int | None
    entry: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        who = f" [{self.entry}]" if self.entry else ""
        return f"{where}:{who} {self.message}"


class GazetteerError(NamenormError):
    """A gazetteer could not be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: list[GazetteerProblem]) -> None:
        self.problems: tuple[GazetteerProblem, ...] = tuple(problems)
        first = str(problems[0]) if problems else "invalid gazetteer"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


class IndexFormatError(NamenormError):
    """A saved index is not one this release can read."""


class UnknownIdError(NamenormError, LookupError):
    """No entity has this id or cross-reference (``Resolver.by_id``, ``Resolver.by_xref``)."""
