"""Transliteration of the region's scripts to a lowercase Latin key.

The tables are our own, because unidecode is wrong exactly where this region needs it: it turns
Azerbaijani ə into ``@``, keeps apostrophes for Armenian and Georgian aspirates, ignores the
Armenian digraph ու (u) and the word-initial values of ե (ye) and ո (vo). The output is a *key*,
not a publishable romanization: aspiration marks are dropped and letters are lowercased.
Alphabets unidecode lacks (Tifinagh, N'Ko, Ol Chiki, Coptic) have tables in
:mod:`namenorm.text.alphabets`. Everything outside the tables falls back to unidecode (Greek,
Arabic, Hebrew, CJK, ...).

The input is expected to be case-folded already.

>>> to_latin("ստեփանակերտ"), to_latin("ереван"), to_latin("xankəndi"), to_latin("თბილისი")
('stepanakert', 'yerevan', 'xankandi', 'tbilisi')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from unidecode import unidecode

from namenorm.text.alphabets import ALPHABETS
from namenorm.text.hangul import hangul_to_latin, is_hangul_syllable
from namenorm.text.indic import indic_to_latin, is_indic

__all__ = ["strip_marks", "to_latin"]

_ARMENIAN = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "e",
    "թ": "t", "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h",
    "ձ": "dz", "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o",
    "չ": "ch", "պ": "p", "ջ": "j", "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r",
    "ց": "ts", "ւ": "v", "փ": "p", "ք": "k", "օ": "o", "ֆ": "f", "և": "ev",
}  # fmt: skip

_GEORGIAN = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t",
    "ი": "i", "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh",
    "რ": "r", "ს": "s", "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q",
    "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j",
    "ჰ": "h", "ჱ": "ey", "ჲ": "y", "ჳ": "w", "ჴ": "kh", "ჵ": "o", "ჶ": "f",
}  # fmt: skip

# Russian after BGN/PCGN without diacritics, Ukrainian and Belarusian letters, and the letters of
# Soviet-era Azerbaijani Cyrillic (ә ғ ҝ һ ј ө ү ҹ).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    "ә": "a", "ғ": "gh", "ҝ": "g", "һ": "h", "ј": "y", "ө": "o", "ү": "u", "ҹ": "j",
    "қ": "q", "ң": "ng", "ұ": "u", "ҳ": "h", "ӣ": "i", "ӯ": "u", "ҷ": "j",
}  # fmt: skip

# Latin letters of the region's orthographies that do not lose their base letter by stripping
# diacritics, or whose stripped form misleads (Azerbaijani ə is an a-like vowel: Gəncə, Ganja).
_LATIN = {
    "ə": "a", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
    "ð": "d", "þ": "th", "ħ": "h", "ŋ": "ng", "ɑ": "a", "ǝ": "e", "ɛ": "e", "ɔ": "o",
}  # fmt: skip

_VOWELS = set("aeiouyаеёиоуыэюяіїєәөүաեէըիոօ")
_CYR_SIGNS = {"ъ", "ь"}

_TABLE = {**_ARMENIAN, **_GEORGIAN, **_CYRILLIC, **_LATIN, **ALPHABETS}


def strip_marks(text: str) -> str:
    """Remove combining marks after canonical decomposition.

    >>> strip_marks("Çavuşoğlu Erdoğan İ")
    'Cavusoglu Erdogan I'
    """
    if text.isascii():
        return text  # no marks: a fast path for long words (identical result)
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    )


def _at_start(text: str, i: int) -> bool:
    return i == 0 or not text[i - 1].isalpha()


def _after_vowel(text: str, i: int) -> bool:
    return i > 0 and (text[i - 1] in _VOWELS or text[i - 1] in _CYR_SIGNS)


def _armenian_o(text: str, i: int) -> str | None:
    if i + 1 < len(text) and text[i + 1] == "ւ":
        return "u"  # the digraph ու
    return "vo" if _at_start(text, i) else "o"


def _armenian_w(text: str, i: int) -> str | None:
    return "" if i > 0 and text[i - 1] == "ո" else None


def _armenian_ye(text: str, i: int) -> str | None:
    return "ye" if _at_start(text, i) else None


def _armenian_yev(text: str, i: int) -> str | None:
    return "yev" if _at_start(text, i) else "ev"


def _cyrillic_ye(text: str, i: int) -> str | None:
    if not (_at_start(text, i) or _after_vowel(text, i)):
        return None
    return "ye" if text[i] == "е" else "yo"


#: Letters whose value depends on their position in the word.
_CONTEXTUAL: dict[str, Callable[[str, int], str | None]] = {
    "ո": _armenian_o,
    "ւ": _armenian_w,
    "ե": _armenian_ye,
    "և": _armenian_yev,
    "е": _cyrillic_ye,
    "ё": _cyrillic_ye,
}


def _contextual(text: str, i: int, ch: str) -> str | None:
    """The value of a letter whose value depends on its position in the word, or None."""
    rule = _CONTEXTUAL.get(ch)
    return None if rule is None else rule(text, i)


def to_latin(text: str) -> str:
    """Transliterate case-folded text to Latin letters; unidecode for what the tables lack.

    Characters already in ASCII pass through; Latin letters with diacritics keep them (strip
    them with :func:`strip_marks`).

    >>> to_latin("խոջալու"), to_latin("ходжалы"), to_latin("алиев"), to_latin("xocalı")
    ('khojalu', 'khodzhaly', 'aliyev', 'xocali')
    """
    if text.isascii():
        return text
    text = _whole_word_scripts(text)
    out = []
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            continue
        special = _contextual(text, i, ch)
        if special is not None:
            out.append(special)
            continue
        mapped = _TABLE.get(ch)
        if mapped is not None:
            out.append(mapped)
            continue
        if ch == "\ufffd" or unicodedata.category(ch).startswith("M"):
            out.append(ch)
            continue
        base = strip_marks(ch)
        if base.isascii() and base:
            out.append(ch)  # a Latin letter with diacritics: strip_marks handles it later
            continue
        out.append(_unidecode_word(ch))
    return "".join(out)


def _whole_word_scripts(text: str) -> str:
    """Hangul and the Brahmic scripts of India, whose letters take their value from their
    neighbours (syllable blocks, vowel signs): transliterated a word at a time."""
    if any(is_hangul_syllable(ch) for ch in text):
        text = hangul_to_latin(text)
    if any(is_indic(ch) for ch in text):
        text = indic_to_latin(text)
    return text


def _unidecode_word(ch: str) -> str:
    latin = unidecode(ch)
    if "[?]" in latin:
        return ""
    return latin.lower()
