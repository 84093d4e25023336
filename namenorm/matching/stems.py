"""What :mod:`namenorm.matching.inflect` proposes: a :class:`Stem` of a word, a
:class:`PhraseStem` of a phrase, and the limits every suffix rule keeps."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MIN_STEM", "SEPARATORS", "PhraseStem", "Stem"]

#: No rule proposes a stem shorter than this (in letters).
MIN_STEM = 3
#: An apostrophe or a hyphen may separate a name from its ending ("İstanbul'da", "ՀԱՊԿ-ի").
SEPARATORS = "'-"


@dataclass(frozen=True)
class Stem:
    """One proposed dictionary form: ``stem`` is the word without ``ending`` (a prefix for
    Arabic and Hebrew proclitics), ``rule`` names the grammatical form, ``lang`` the
    language(s)."""

    stem: str
    ending: str
    rule: str
    lang: str

    def describe(self) -> str:
        """The removal in words, for explanations."""
        where = f"{self.ending}-" if self.rule.startswith("proclitic") else f"-{self.ending}"
        return f"{self.lang} {self.rule} {where}"


@dataclass(frozen=True)
class PhraseStem:
    """A phrase with some words replaced by their proposed dictionary forms."""

    text: str
    stems: tuple[Stem, ...]

    @property
    def ending(self) -> str:
        """The removed endings, joined by spaces (in word order)."""
        return " ".join(s.ending for s in self.stems)

    def describe(self) -> str:
        return "; ".join(f"{s.describe()} ({s.stem!r})" for s in self.stems)
