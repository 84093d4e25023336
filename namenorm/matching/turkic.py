"""Turkish and Azerbaijani endings: suffix templates, vowel harmony and buffer consonants.

A template spells a suffix with A for the two-way vowel (a/e, Azerbaijani a/ə), I for the
four-way one (ı/i/u/ü), D for d or t, and (y)/(n)/(s) for buffer consonants used after a vowel
only; :func:`turkic` proposes the stems of a word whose ending realizes one. ASCII spellings of
the vowels count ("Bakida" for "Bakıda").
"""

from __future__ import annotations

from namenorm.matching.stems import MIN_STEM, SEPARATORS, Stem

__all__ = ["turkic"]

# Suffix templates: A is the two-way vowel (a/e, Azerbaijani a/ə), I the four-way one
# (ı/i/u/ü), D is d or t, and (y)/(n) are buffer consonants used after a vowel only.
_TURKIC_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("DAdIr", "locative with the copula -DIr"), ("DAkI", "relative"), ("DAn", "ablative"), ("DA", "locative"), ("(n)In", "genitive"),
    ("(y)A", "dative"), ("(y)I", "accusative (tr)"), ("(n)I", "accusative (az)"),
    ("(y)lA", "instrumental"),
)  # fmt: skip
# Possessive forms are read only after an apostrophe: unmarked, "arasında" (between) would be
# "Aras" (the river) with a possessive locative.
_TURKIC_POSSESSIVES: tuple[tuple[str, str], ...] = (
    ("(s)InDAn", "possessive ablative"), ("(s)InDA", "possessive locative"), ("(s)I", "possessive"),
)  # fmt: skip
# After the possessive -(s)I a case suffix takes the pronominal n: "Respublikası" (its
# republic) -> "Respublikasından", "rayonu" -> "rayonundan". The stem keeps the possessive, so
# "arasında" proposes "arası", never the river Aras.
_AFTER_POSSESSIVE: tuple[tuple[str, str], ...] = (
    ("nDAn", "ablative after a possessive"), ("nDA", "locative after a possessive"),
    ("nA", "dative after a possessive"),
)  # fmt: skip
_FOUR_WAY = set("ıiuü")
#: Without an apostrophe, a Turkic stem needs this many letters ("Kuru" is not "Kur" + u), and
#: five before a one-vowel ending.
_MIN_TURKIC_STEM = 4
_BACK = set("aıou")
_FRONT = set("eəiöü")
_ROUNDED = set("oöuü")
_TR_VOWELS = _BACK | _FRONT
_VOICELESS = set("çfhkpsştq")
_ASCII_TWIN = {"ı": "i", "ü": "u", "ö": "o", "ə": "e", "ş": "s", "ç": "c", "ğ": "g"}


def _harmony_vowels(stem: str, template_vowel: str) -> set[str]:
    """The suffix vowels that vowel harmony allows after ``stem`` (ASCII spellings allowed)."""
    last = next((ch for ch in reversed(stem.casefold()) if ch in _TR_VOWELS or ch == "i"), None)
    if last is None:
        return set()
    readings = {last}
    if last == "i":
        readings.add("ı")  # "Baki" may be Bakı written without the dotless i
    if last == "u":
        readings.add("ü")
    if last == "o":
        readings.add("ö")
    allowed: set[str] = set()
    for v in readings:
        if template_vowel == "A":
            allowed |= {"a"} if v in _BACK else {"e", "ə"}
        else:
            if v in _BACK:
                allowed.add("u" if v in _ROUNDED else "ı")
            else:
                allowed.add("ü" if v in _ROUNDED else "i")
    return allowed | {_ASCII_TWIN.get(v, v) for v in allowed}


def _turkic_match(stem: str, suffix: str, template: str) -> bool:
    """Whether ``suffix`` is a harmonious realization of ``template`` after ``stem``."""
    if not stem or not stem[-1].isalpha():
        return False
    ends_in_vowel = stem[-1].casefold() in _TR_VOWELS or stem[-1].casefold() == "i"
    i = 0
    for part in _template_parts(template):
        if part.startswith("("):
            if not ends_in_vowel:
                continue  # a buffer consonant comes only after a vowel
            if i >= len(suffix) or suffix[i] != part[1]:
                return False
        elif i >= len(suffix) or not _part_matches(part, suffix[i], stem, suffix[:i]):
            return False
        i += 1
    return i == len(suffix)


def _part_matches(part: str, ch: str, stem: str, before: str) -> bool:
    """Whether ``ch`` realizes one letter of a suffix template after ``stem + before``."""
    if part == "D":
        return ch in "dt" and (ch != "t" or stem[-1].casefold() in _VOICELESS)
    if part in ("A", "I"):
        # Inside a suffix, harmony follows the suffix's own previous vowel.
        return ch in _harmony_vowels(stem + before, part)
    return ch == part


def _template_parts(template: str) -> list[str]:
    parts, i = [], 0
    while i < len(template):
        if template[i] == "(":
            parts.append(template[i : i + 3])
            i += 3
        else:
            parts.append(template[i])
            i += 1
    return parts


def turkic(token: str) -> list[Stem]:
    """Stems of a Turkish or Azerbaijani word: case suffixes checked for vowel harmony and
    buffer consonants, possessives only after an apostrophe or a hyphen.

    >>> [(s.stem, s.ending) for s in turkic("Bakıda")][:1]
    [('Bakı', 'da')]
    """
    low = token.casefold().replace("i\u0307", "i")
    if len(low) != len(token):
        return []
    out = []
    cut = max(low.rfind(sep) for sep in SEPARATORS)
    if cut > 0:
        # An apostrophe or hyphen marks the suffix: the stem is whatever comes before it.
        stem, suffix = token[:cut], low[cut + 1 :]
        if len(stem) >= MIN_STEM:
            for template, rule in (*_TURKIC_SUFFIXES, *_TURKIC_POSSESSIVES):
                if _turkic_match(stem, suffix, template):
                    out.append(Stem(stem, token[cut:].lstrip(SEPARATORS), rule, "az/tr"))
                    break
        return out
    for n in range(min(7, len(low) - _MIN_TURKIC_STEM), 0, -1):
        out.extend(_unmarked(token, low, n))
    return out


def _unmarked(token: str, low: str, n: int) -> list[Stem]:
    """The stems of ``token`` without its last ``n`` letters, read as a suffix written
    without an apostrophe."""
    stem, suffix = token[:-n], low[-n:]
    if n == 1 and len(stem) < 5:
        return []  # one vowel on a short stem: "Arası" (its interval) is not "Aras" + ı
    out = []
    for template, rule in _TURKIC_SUFFIXES:
        if _turkic_match(stem, suffix, template):
            out.append(Stem(stem, token[-n:], rule, "az/tr"))
            break
    if len(stem) >= 5 and stem[-1:].casefold() in _FOUR_WAY:
        out.extend(
            Stem(stem, token[-n:], rule, "az/tr")
            for template, rule in _AFTER_POSSESSIVE
            if _turkic_match(stem, suffix, template)
        )
    return out
