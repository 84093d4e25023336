"""Names written in the Arabic script after their Latin (or other Arabic-script) spelling.

Arabic and Persian write a foreign name by its consonants and its long vowels: "Goris" is
غوريس or گوریس, "Gerasimov" غيراسيموف, "Robert Kocharyan" رابرت کوچاریان; and the two
languages spell the same name differently (Persian آذربایجان, Arabic أذربيجان). The resolver
refuses any inexact evidence across the abjad boundary, since a consonant skeleton alone says
little ("برادران", brothers, is not Barda). Running text can do better, because a reading
made here must still be supported by the document (it is a sound-alike in a script without
capitals: :mod:`~namenorm.mentions.decide` accepts it only with coherence or a cue).

An *abjad key* has two parts, made the same way from either script:

- the consonants, in classes that the scripts' spellings of foreign names share (k, q, g, gh,
  kh, c: ``K``; s, z, sh, zh, th-as-ث, ts: ``S``; v, f: ``F``; p, b: ``B``; ch, تش, چ: ``C``;
  ʿayn and hamza are no consonant), doubled letters once;
- after each consonant, the vowels written: in Latin a ``A``, o/u/w ``W``, e/i/y ``Y``; in
  Arabic script the long vowels ا ``A``, و ``W``, ي/ی ``Y``.

A written name matches an alias when the consonants are the same and, after each consonant,
the Arabic-script word's vowels are a subsequence of the Latin vowels (Arabic leaves short
vowels out; Persian writes o as ا: رابرت, Robert).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from namenorm.index.tables import Index
from namenorm.keys import query_keys
from namenorm.matching.match import Match, explain
from namenorm.matching.resolver import Resolver
from namenorm.matching.score import Evidence
from namenorm.mentions.words import ORDINARY_WORDS

__all__ = [
    "METHOD", "AbjadKeys", "Key", "abjad_key", "is_arabic_script", "latin_key", "readings",
    "without_proclitic",
]

#: Arabic proclitics and the article, longest first: a conjunction, a preposition or the
#: article written as one word with the name ("وباكو", "لباشينيان", "للأمم المتحدة").
_AR_PROCLITICS = ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف")


def without_proclitic(word: str) -> list[tuple[str, str]]:
    """(proclitic, rest) readings of an Arabic-script word; after ل the article loses its
    alif ("للأمم" is ل + الأمم).

    >>> without_proclitic("للأمم")[:2]
    [('لل', 'الأمم'), ('لل', 'أمم')]
    """
    out = []
    for prefix in _AR_PROCLITICS:
        if word.startswith(prefix) and len(word) > len(prefix):
            rest = word[len(prefix) :]
            if prefix == "لل":
                out.append((prefix, "ال" + rest))
            out.append((prefix, rest))
    return out


#: (consonant classes, vowels written after each consonant).
Key = tuple[str, tuple[str, ...]]

#: Fewest consonants of a key that may match (two are any word).
MIN_CONSONANTS = 3

_AR_CONSONANTS = {
    **dict.fromkeys("كکگغقخ", "K"),
    **dict.fromkeys("سصثشزذظژ", "S"),
    **dict.fromkeys("تط", "T"),
    **dict.fromkeys("دض", "D"),
    **dict.fromkeys("بپ", "B"),
    **dict.fromkeys("فڤ", "F"),
    **dict.fromkeys("هح", "H"),
    "ج": "J", "چ": "C", "ل": "L", "م": "M", "ن": "N", "ر": "R",
}  # fmt: skip
_AR_VOWELS = {
    **dict.fromkeys("اآأإٱى", "A"),
    "و": "W",
    **dict.fromkeys("يی", "Y"),
    "ة": "A",
}
#: ʿayn, hamza (alone or on a seat), tatweel, the zero-width non-joiner and the vowel marks
#: are left out.
_AR_SILENT = frozenset("عءئؤ\u0640\u200c\u200d")

#: A word-final ه after a letter is a vowel (Persian روسیه, قره).
_FINAL_HE = re.compile(r"(?<=\w)ه(?!\w)")

_LATIN_DIGRAPHS = re.compile(r"tch|dzh|kh|gh|sh|zh|ch|th|ph|dj|ck|ts")
_LATIN_PAIRS = {
    "tch": "C", "dzh": "J", "kh": "K", "gh": "K", "sh": "S", "zh": "S", "ch": "C", "th": "T",
    "ph": "F", "dj": "J", "ck": "K", "ts": "S",
}  # fmt: skip
_LATIN_CONSONANTS = {
    **dict.fromkeys("kqgcx", "K"),
    **dict.fromkeys("sz", "S"),
    **dict.fromkeys("vf", "F"),
    **dict.fromkeys("pb", "B"),
    "t": "T", "d": "D", "h": "H", "j": "J", "l": "L", "m": "M", "n": "N", "r": "R",
}  # fmt: skip
_LATIN_VOWELS = {"a": "A", "o": "W", "u": "W", "w": "W", "e": "Y", "i": "Y", "y": "Y"}


def is_arabic_script(text: str) -> bool:
    """Whether the letters of ``text`` are of the Arabic script (and there is one at least)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all("\u0600" <= ch <= "\u06ff" or ch == "\u200c" for ch in letters)


def _key(units: Iterable[tuple[str, bool]]) -> Key:
    """A key from (class, is_consonant) units: doubled consonants once, vowels by consonant."""
    consonants: list[str] = []
    vowels: list[str] = []
    for unit, consonant in units:
        if consonant:
            if consonants and consonants[-1] == unit and not vowels[-1]:
                continue
            consonants.append(unit)
            vowels.append("")
        elif vowels and (not vowels[-1] or vowels[-1][-1] != unit):
            vowels[-1] += unit
    return "".join(consonants), tuple(vowels)


def abjad_key(text: str) -> Key:
    """The abjad key of a name in the Arabic script.

    >>> abjad_key("غوريس")
    ('KRS', ('W', 'Y', ''))
    """
    # vowel marks and tatweel first: a word ends where a letter ends it, not a mark
    text = "".join(ch for ch in text if ch != "\u0640" and unicodedata.category(ch) != "Mn")
    text = _FINAL_HE.sub("ة", text.replace("تش", "چ"))
    units = []
    for ch in text:
        if ch in _AR_SILENT:
            continue
        if ch in _AR_CONSONANTS:
            units.append((_AR_CONSONANTS[ch], True))
        elif ch in _AR_VOWELS:
            units.append((_AR_VOWELS[ch], False))
    return _key(units)


def latin_key(fold: str) -> Key:
    """The abjad key of a Latin name, from its folded form (lower case, plain letters).

    >>> latin_key("goris")
    ('KRS', ('W', 'Y', ''))
    """
    units = []
    i, n = 0, len(fold)
    while i < n:
        m = _LATIN_DIGRAPHS.match(fold, i)
        if m:
            units.append((_LATIN_PAIRS[m.group()], True))
            i = m.end()
            continue
        ch = fold[i]
        if ch in _LATIN_CONSONANTS:
            units.append((_LATIN_CONSONANTS[ch], True))
        elif ch in _LATIN_VOWELS:
            units.append((_LATIN_VOWELS[ch], False))
        i += 1
    return _key(units)


def _unwritten(arabic: str, latin: str) -> int | None:
    """How many Latin vowels after a consonant the Arabic script leaves out, or None when
    the vowels it writes are no subsequence of them (ا may stand for o)."""
    pos = 0
    for v in arabic:
        while pos < len(latin) and not (latin[pos] == v or (v == "A" and latin[pos] == "W")):
            pos += 1
        if pos == len(latin):
            return None
        pos += 1
    return len(latin) - len(arabic)


def vowels_fit(written: tuple[str, ...], alias: tuple[str, ...]) -> bool:
    """Whether the vowels of an Arabic-script key fit those of an alias's key (the same
    consonants). A foreign name is written with its vowels as long vowels: the Arabic-script
    form may leave out one of the alias's vowels, none when it has three consonants or
    fewer (a short skeleton is many words: شمال, نظامی). The vowels before the first
    consonant are not compared (an alif that carries a cluster: استپان, Stepan).

    >>> vowels_fit(("W", "Y", ""), ("W", "Y", "")), vowels_fit(("", "A", ""), ("Y", "A", ""))
    (True, False)
    """
    allowed = 1 if len(written) > MIN_CONSONANTS else 0
    missing = 0
    for a, b in zip(written, alias):
        left = _unwritten(a, b)
        if left is None:
            return False
        missing += left
    return missing <= allowed


class AbjadKeys:
    """The abjad keys of an index's Latin and Arabic-script aliases."""

    def __init__(self, index: Index) -> None:
        table: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for i, alias in enumerate(index.aliases):
            if alias.exact_only:
                continue
            if alias.latin:
                key = latin_key(alias.fold)
            elif is_arabic_script(alias.text):
                key = abjad_key(alias.text)
            else:
                continue
            if len(key[0]) >= MIN_CONSONANTS:
                table.setdefault(key[0], []).append((i, key[1]))
        self._table = table

    def aliases(self, text: str) -> list[int]:
        """The aliases whose key fits that of ``text``, a name in the Arabic script."""
        consonants, vowels = abjad_key(text)
        if len(consonants) < MIN_CONSONANTS:
            return []
        return [i for i, alias in self._table.get(consonants, ()) if vowels_fit(vowels, alias)]


#: The method of a match through abjad keys (:attr:`namenorm.Match.method`).
METHOD = "abjad"
#: A reading through abjad keys scores the skeleton evidence times this: above the threshold,
#: below ``AnnotateConfig.strong``, so the document must support it.
_FACTOR = 0.95


def _may_be_name(query: str) -> bool:
    """Whether every word of ``query`` may be part of a transcribed name: two letters at
    least, not an ordinary word of the language ("و", "از", "في")."""
    return all(len(w) > 1 and w not in ORDINARY_WORDS for w in query.split())


def readings(
    resolver: Resolver, keys: AbjadKeys, query: str, types: frozenset[str] | None
) -> list[tuple[Match, bool]]:
    """Readings of an Arabic-script ``query`` through abjad keys (best per entity, best
    first): the query as written, else without the proclitic of its first word.

    >>> import namenorm
    >>> r = namenorm.default_resolver()
    >>> [m.id for m, _ in readings(r, AbjadKeys(r.index), "وگوریس", None)]
    ['goris']
    """
    if not is_arabic_script(query) or not _may_be_name(query):
        return []
    found = keys.aliases(query)
    if not found:
        head, space, rest = query.partition(" ")
        for prefix, stripped in without_proclitic(head):
            if "ال" in prefix:
                continue  # a name taken from another language does not take the article
            found = keys.aliases(stripped + space + rest)
            if found:
                break
    index, config = resolver.index, resolver.config
    best: dict[int, tuple[float, int]] = {}
    for i in found:
        alias = index.aliases[i]
        if types is not None and index.entities[alias.entity].type not in types:
            continue
        score = round(config.skeleton * _FACTOR * config.kind_factor.get(alias.kind, 1.0), 6)
        if alias.entity not in best or score > best[alias.entity][0]:
            best[alias.entity] = (score, i)
    if not best:
        return []
    q = query_keys(query)
    out = []
    for ei, (score, i) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0])):
        reason = f"same abjad key {abjad_key(query)[0]!r} as {index.aliases[i].text!r}"
        ev = Evidence(METHOD, score, (reason,))
        out.append((explain(index, query, q, ei, i, ev, score, ""), False))
    return out
