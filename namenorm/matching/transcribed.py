"""Transcription across scripts: a name written by sound in another script, against Latin.

Arabic, Persian, Urdu and Hebrew write a foreign name's consonants and some of its vowels;
Chinese writes it in syllables of its own ("阿格达姆", a ge da mu: Agdam), Japanese and Korean in
syllables that add vowels ("ナヒチェヴァン", "나흐츠반": Nakhchivan); Thai and the scripts of India
write it with their own consonant series. The fold key's transliteration of such a query is one
reading among several, rarely equal to a Latin spelling, and the edits of the ``fuzzy`` evidence
do not know which differences are the script's.

Both sides are read as phones (:func:`namenorm.keys.phones`): consonant classes (labials,
velars, dentals, sibilants, liquids, m, n) and vowels. A candidate must have the query's
consonant classes within one edit (:func:`within_one`; retrieved through the class keys and
their one-letter deletions, :class:`ClassTable`), and the alignment of the phones
(:func:`alignment_cost`) must be cheap: the script's usual differences (a vowel the script
leaves unwritten or adds, a consonant of the same class) cost little, anything else a whole
letter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple
from functools import lru_cache

from namenorm.keys import Phone, phones, reading_phones, sound_class_key

__all__ = [
    "MIN_CLASSES_EDITED",
    "Reading",
    "ClassTable",
    "Costs",
    "alignment_cost",
    "costs_of",
    "deletions",
    "read_alias",
    "read_query",
    "transcription_cost",
    "within_one",
]

#: Scripts that write names by sound, not letter for letter (ISO 15924 codes).
ABJADS = frozenset({"Arab", "Hebr"})
SYLLABIC = frozenset(
    {"Hani", "Hira", "Kana", "Hang", "Thai", "Laoo", "Khmr", "Mymr", "Deva", "Beng", "Taml",
     "Telu", "Gujr", "Guru", "Knda", "Mlym", "Orya", "Sinh", "Ethi"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Costs:
    """What the differences a script makes cost in :func:`alignment_cost`."""

    #: a vowel of the Latin name that the query does not write
    unwritten_vowel: float
    #: a vowel the query writes that the Latin name does not have
    added_vowel: float
    #: the shortest class key that may match at all, and with one class edit
    min_classes: int
    min_classes_edited: int


#: Abjads leave short vowels out, and a foreign vowel the query writes is a real one.
ABJAD_COSTS = Costs(unwritten_vowel=0.3, added_vowel=1.0, min_classes=5, min_classes_edited=7)
#: Syllabic scripts write every vowel and add some (Japanese "-ru" for a final l).
SYLLABIC_COSTS = Costs(unwritten_vowel=0.5, added_vowel=0.25, min_classes=4, min_classes_edited=5)
#: The shortest class key that any script lets match with one class edit.
MIN_CLASSES_EDITED = min(ABJAD_COSTS.min_classes_edited, SYLLABIC_COSTS.min_classes_edited)
#: A consonant for another of its class.
SAME_CLASS = 0.25
#: A vowel for another: scripts write foreign vowels with the few letters they have.
OTHER_VOWEL = 0.1


def costs_of(script: str) -> Costs | None:
    """The costs for queries written in ``script``, or None for a script written letter by
    letter (Latin, Cyrillic, Greek, Armenian, Georgian), whose keys compare as they are."""
    if script in ABJADS:
        return ABJAD_COSTS
    if script in SYLLABIC:
        return SYLLABIC_COSTS
    return None


@lru_cache(maxsize=4096)
def read_query(norm: str, script: str) -> tuple[tuple[Phone, ...], str]:
    """The phones of a query and its class key."""
    ph = reading_phones(norm, script)
    return ph, sound_class_key(ph)


@lru_cache(maxsize=65536)
def read_alias(fold: str, lang: str | None) -> tuple[tuple[Phone, ...], str]:
    """The phones of a Latin alias (its fold key and language) and its class key."""
    ph = phones(fold, lang=lang)
    return ph, sound_class_key(ph)


class Reading(NamedTuple):
    """How a query reads against a Latin alias: the alignment cost per alias phone, the
    length of the query's class key and whether the alias's is one edit from it."""

    cost: float
    classes: int
    edited: bool

    def closeness(self) -> float:
        """1 - the cost, plus ``LONG_KEY_BONUS`` for each class of an equal class key beyond
        ``LONG_KEY`` (up to ``MAX_LONG_BONUS``): eight consonant classes in the same order are
        no accident ("サンベル・シャフラマニャン", Samvel Shahramanyan)."""
        extra = 0.0 if self.edited else LONG_KEY_BONUS * max(0, self.classes - LONG_KEY)
        return 1.0 - self.cost + min(MAX_LONG_BONUS, extra)


#: See :meth:`Reading.closeness`.
LONG_KEY = 6
LONG_KEY_BONUS = 0.015
MAX_LONG_BONUS = 0.06


def transcription_cost(
    norm: str, script: str, alias_fold: str, alias_lang: str | None
) -> Reading | None:
    """How a query (normalized text in ``script``) reads against a Latin alias (its fold key
    and language), or None when the script is not written by sound, or the class keys are
    too short or too far apart to compare."""
    costs = costs_of(script)
    if costs is None or not _may_transcribe(norm, script, alias_fold):
        return None
    q_ph, q_key = read_query(norm, script)
    a_ph, a_key = read_alias(alias_fold, alias_lang)
    if q_key == a_key:
        if len(q_key) < costs.min_classes:
            return None
    elif min(len(q_key), len(a_key)) < costs.min_classes_edited or not within_one(q_key, a_key):
        return None
    cost = alignment_cost(q_ph, a_ph, costs) / len(a_ph)
    return Reading(cost, len(q_key), q_key != a_key)


def _may_transcribe(norm: str, script: str, alias_fold: str) -> bool:
    """Whether the query is long enough and has no more words than the alias has and one:
    a foreign name takes three Han syllables at least (two are a Chinese or Japanese name,
    "関川"), and a transcription keeps the name's words (an abjad may split one in two,
    "قره باخ", Karabakh), so "سهام المحمد" (two names) is no transcription of "Shemokmedi".
    A word with the Arabic article is a word of the language ("المحمد", "الطرابلسي"). Digits
    are written alike in every script: the query has the alias's ("2020 ... war")."""
    if sorted(filter(str.isdigit, norm)) != sorted(filter(str.isdigit, alias_fold)):
        return False
    if script == "Hani":
        return sum(ch.isalpha() for ch in norm) >= 3
    if script in ABJADS:
        words = norm.split()
        # the Arabic article (after a proclitic too: وال, بال) makes a word of the language
        if any(w[:2] == "\u0627\u0644" or w[1:3] == "\u0627\u0644" for w in words):
            return False
        return len(words) <= len(alias_fold.split()) + 1
    return True


def deletions(key: str) -> set[str]:
    """The key with one letter removed, every way."""
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def within_one(a: str, b: str) -> bool:
    """Whether two class keys are at most one insertion, deletion or substitution apart."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short in deletions(long_)


def _sub_cost(q: Phone, a: Phone) -> float:
    if q[1] == a[1]:
        return 0.0
    if q[0] != a[0]:
        return 1.0
    return OTHER_VOWEL if q[0] == "V" else SAME_CLASS


def alignment_cost(query: Sequence[Phone], alias: Sequence[Phone], costs: Costs) -> float:
    """The cheapest alignment of the query's phones with the alias's (see the module
    docstring): 0 for the same phone, ``SAME_CLASS`` within a class or between vowels, the
    script's costs for a vowel left out or added, 1 for anything else.

    >>> alignment_cost(phones("mdfydyf"), phones("medvedev"), ABJAD_COSTS)
    1.0
    """
    n = len(alias)
    prev = [0.0] * (n + 1)
    for j in range(1, n + 1):
        prev[j] = prev[j - 1] + _skip_alias(alias[j - 1], costs)
    for qp in query:
        skip_q = costs.added_vowel if qp[0] == "V" else 1.0
        cur = [prev[0] + skip_q] + [0.0] * n
        for j in range(1, n + 1):
            ap = alias[j - 1]
            cur[j] = min(
                prev[j] + skip_q,
                cur[j - 1] + _skip_alias(ap, costs),
                prev[j - 1] + _sub_cost(qp, ap),
            )
        prev = cur
    return round(prev[n], 6)


def _skip_alias(ap: Phone, costs: Costs) -> float:
    return costs.unwritten_vowel if ap[0] == "V" else 1.0


class ClassTable:
    """Latin aliases by class key and by each one-letter deletion of it (for keys long
    enough to match with an edit): every alias within one class edit of a key is found."""

    def __init__(
        self, folds: Sequence[tuple[str, str | None] | None], min_edited: int
    ) -> None:
        self.min_edited = min_edited
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.deleted: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(folds):
            if entry is None:
                continue
            key = sound_class_key(phones(*entry[:1], lang=entry[1]))
            self.exact[key].append(i)
            if len(key) >= min_edited:
                for d in deletions(key):
                    self.deleted[d].append(i)

    def ids(self, key: str, *, edited: bool) -> list[int]:
        """Aliases whose class key is ``key`` or, with ``edited``, one edit from it."""
        found = dict.fromkeys(self.exact.get(key, ()))
        if edited:
            for i in self.deleted.get(key, ()):
                found[i] = None
            for d in deletions(key):
                for i in self.exact.get(d, ()):
                    found[i] = None
                for i in self.deleted.get(d, ()):
                    found[i] = None
        return list(found)
