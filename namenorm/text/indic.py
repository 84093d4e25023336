"""Brahmic scripts of India (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu,
Kannada, Malayalam) to a Latin match key, vowels included.

unidecode reads each vowel sign (matra) on its own and drops most of them, so "अलीयेव"
(Aliyev) became "alyv" and matched nothing written in Latin. Here a consonant carries its
vowel: the inherent a, a vowel sign, or none after the virama. These scripts share one layout
(each block orders its letters as ISCII did), so one table of offsets serves all of them.

Indo-Aryan scripts (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya) do not pronounce every
inherent a, and romanizations follow the pronunciation: the a of a word's last consonant is
dropped, and so is a medial one between a vowel and a consonant that carries a vowel (the
usual schwa-deletion rule, applied right to left): "अजरबैजान" -> "ajarbaijan", "इल्हाम अलीयेव"
-> "ilham aliyev". The Dravidian scripts write every vowelless consonant with a virama, and
keep their a.

Vowel length is not kept (ā, ī, ū are a, i, u). The dot below (nukta) that marks the sounds of
loanwords (ज़ z, क़ q) is as often left out as written ("अजरबैजान", "अज़रबैजान"), so the key
ignores it, except in ड़ and ढ़, letters of their own (r, rh).

>>> indic_to_latin("इल्हाम अलीयेव"), indic_to_latin("ఎరేవాన్"), indic_to_latin("কারাবাখ")
('ilham aliyev', 'erevan', 'karabakh')
"""

from __future__ import annotations

__all__ = ["indic_to_latin", "is_indic"]

_FIRST, _END = 0x0900, 0x0D80
#: Blocks whose inherent vowel is dropped by the schwa-deletion rule.
_INDO_ARYAN = frozenset({0x0900, 0x0980, 0x0A00, 0x0A80, 0x0B00})
_SIGNS = {0x01: "n", 0x02: "n", 0x03: "h"}
_VOWELS = {
    0x05: "a", 0x06: "a", 0x07: "i", 0x08: "i", 0x09: "u", 0x0A: "u", 0x0B: "ri", 0x0C: "li",
    0x0D: "e", 0x0E: "e", 0x0F: "e", 0x10: "ai", 0x11: "o", 0x12: "o", 0x13: "o", 0x14: "au",
}  # fmt: skip
_CONSONANTS = {
    0x15: "k", 0x16: "kh", 0x17: "g", 0x18: "gh", 0x19: "n", 0x1A: "ch", 0x1B: "chh",
    0x1C: "j", 0x1D: "jh", 0x1E: "n", 0x1F: "t", 0x20: "th", 0x21: "d", 0x22: "dh",
    0x23: "n", 0x24: "t", 0x25: "th", 0x26: "d", 0x27: "dh", 0x28: "n", 0x29: "n", 0x2A: "p",
    0x2B: "f", 0x2C: "b", 0x2D: "bh", 0x2E: "m", 0x2F: "y", 0x30: "r", 0x31: "r", 0x32: "l",
    0x33: "l", 0x34: "zh", 0x35: "v", 0x36: "sh", 0x37: "sh", 0x38: "s", 0x39: "h",
    # Devanagari and Gurmukhi precomposed nukta letters, Bengali rra, rha, yya
    0x58: "k", 0x59: "kh", 0x5A: "g", 0x5B: "j", 0x5C: "r", 0x5D: "rh", 0x5E: "f", 0x5F: "y",
}  # fmt: skip
_MATRAS = {
    0x3E: "a", 0x3F: "i", 0x40: "i", 0x41: "u", 0x42: "u", 0x43: "ri", 0x44: "ri", 0x45: "e",
    0x46: "e", 0x47: "e", 0x48: "ai", 0x49: "o", 0x4A: "o", 0x4B: "o", 0x4C: "au", 0x57: "au",
}  # fmt: skip
_NUKTA_OF = {"d": "r", "dh": "rh"}
_NUKTA, _VIRAMA = 0x3C, 0x4D
#: Letters outside the shared layout: Bengali khanda ta, Malayalam chillus.
_EXTRA = {0x09CE: "t", 0x0D7A: "n", 0x0D7B: "n", 0x0D7C: "r", 0x0D7D: "l", 0x0D7E: "l",
          0x0D7F: "k"}  # fmt: skip
_INHERENT = "\x00"  # a consonant's vowel slot before a sign fills it


def is_indic(ch: str) -> bool:
    """Whether ``ch`` is in one of the Brahmic blocks of India (U+0900 to U+0D7F)."""
    return _FIRST <= ord(ch) < _END


def indic_to_latin(text: str) -> str:
    """The match key of text in a Brahmic script of India; other characters pass through."""
    out: list[str] = []
    word: list[list[str]] = []  # [consonant or independent vowel, vowel slot]
    aryan = False
    for ch in text:
        if not is_indic(ch):
            out.append(_word(word, aryan))
            word = []
            out.append(ch)
            continue
        aryan = (ord(ch) & ~0x7F) in _INDO_ARYAN
        _add(word, ord(ch))
    out.append(_word(word, aryan))
    return "".join(out)


def _add(word: list[list[str]], cp: int) -> None:
    off = cp & 0x7F
    last = word[-1] if word else None
    if cp in _EXTRA:
        word.append([_EXTRA[cp], ""])
    elif off in _CONSONANTS:
        word.append([_CONSONANTS[off], _INHERENT])
    elif off in _VOWELS:
        word.append([_VOWELS[off], ""])
    elif off in _MATRAS and last is not None and last[1] == _INHERENT:
        last[1] = _MATRAS[off]
    elif off == _VIRAMA and last is not None and last[1] == _INHERENT:
        last[1] = ""
    elif off == _NUKTA and last is not None:
        last[0] = _NUKTA_OF.get(last[0], last[0])
    elif off in _SIGNS:
        word.append([_SIGNS[off], ""])


def _word(word: list[list[str]], aryan: bool) -> str:
    if aryan:
        _delete_schwas(word)
    return "".join(c + ("a" if v == _INHERENT else v) for c, v in word)


def _has_vowel(unit: list[str]) -> bool:
    return unit[1] != "" or unit[0] in _VOWEL_VALUES


_VOWEL_VALUES = frozenset(_VOWELS.values())


def _delete_schwas(word: list[list[str]]) -> None:
    """Drop the inherent a of the last consonant, and right to left each one between a vowel
    and a consonant that carries a vowel."""
    if word and word[-1][1] == _INHERENT and len(word) > 1:
        word[-1][1] = ""
    for i in range(len(word) - 2, 0, -1):
        unit, before, after = word[i], word[i - 1], word[i + 1]
        if unit[1] != _INHERENT or after[0] in _VOWEL_VALUES and after[1] == "":
            continue
        if _has_vowel(before) and after[1] != "":
            unit[1] = ""
