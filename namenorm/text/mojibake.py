"""Mojibake: text decoded with the wrong code page, detected and repaired before matching.

"Ð•Ñ€ÐµÐ²Ð°Ð½" is "Ереван" whose UTF-8 bytes were read as Windows-1252; "еТЕЧБО" is the same
word in KOI8-R read as Windows-1251. :func:`repair` undoes such a misreading by encoding the text
back with the wrong code page and decoding it with the right one.

A repair is made only when it is both *possible* and *better*:

* possible: for a UTF-8 source the bytes must decode as UTF-8 without a single error, which
  ordinary text almost never does (in Windows-1252 or -1251 text a letter is followed by another
  letter, never by the continuation byte UTF-8 needs);
* better: the repaired text must look less like mojibake by :func:`oddity` (letters of two
  scripts in one word, a capital after a small letter inside a word, symbols and control
  characters glued to letters, words made only of accented Latin-1 letters); a strict UTF-8
  decoding may not be odder than the text, and for the 8-bit to 8-bit misreadings (KOI8-R /
  Windows-1251 / Windows-1252) the text must be odd and the repair leave no oddity at all.
  Between two readings equally ordinary, Russian letter frequencies decide.

Text that is not mojibake is returned unchanged. Limits: an all-lower-case KOI8-R word read as
Windows-1251 becomes an all-capital word with nothing odd about it and is not repaired; bytes
that the wrong decoder replaced by U+FFFD are lost and such text is left alone.

>>> repair("Ð•Ñ€ÐµÐ²Ð°Ð½")
'Ереван'
>>> repair_explained("еТЕЧБО")
('Ереван', 'KOI8-R text that had been decoded as Windows-1251')
>>> repair("Çavuşoğlu")
'Çavuşoğlu'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from namenorm.text.scripts import script_of

__all__ = ["MISREADINGS", "count_oddities", "is_ordinary", "misread", "oddity", "repair",
           "repair_explained"]

#: The misreadings that are undone: (true encoding, encoding it was wrongly decoded with).
MISREADINGS: tuple[tuple[str, str], ...] = (
    ("utf-8", "cp1252"),
    ("utf-8", "cp1251"),
    ("utf-8", "koi8-r"),
    ("utf-8", "mac-roman"),
    ("koi8-r", "cp1251"),
    ("cp1251", "koi8-r"),
    ("cp1251", "cp1252"),
    ("koi8-r", "cp1252"),
)
_MAX_ROUNDS = 4
# Mac OS Roman is tried only when no other misreading fits: it is rarer, and it reads many
# pairs of Latin-1 letters as one combining mark.
_FIRST = tuple(m for m in MISREADINGS if m[1] != "mac-roman")
_LAST = tuple(m for m in MISREADINGS if m[1] == "mac-roman")
_LABELS = {
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    "cp1251": "Windows-1251",
    "koi8-r": "KOI8-R",
    "mac-roman": "Mac OS Roman",
}


def misread(text: str, true: str, wrong: str) -> str:
    """``text`` encoded with ``true`` and decoded with ``wrong``, as broken software does.

    Bytes that ``wrong`` leaves undefined become the C1 control of the same number, as
    Latin-1 decoding (and most real mojibake) has them.

    >>> misread("Ереван", "utf-8", "cp1252")
    'Ð•Ñ€ÐµÐ²Ð°Ð½'
    """
    data = text.encode(true)
    return "".join(_decode_byte(wrong, b) for b in data)


@lru_cache(maxsize=2048)
def _decode_byte(codec: str, b: int) -> str:
    try:
        return bytes([b]).decode(codec)
    except UnicodeDecodeError:
        return chr(b)


@lru_cache(maxsize=4096)
def _encode_char(codec: str, ch: str) -> bytes | None:
    try:
        return ch.encode(codec)
    except UnicodeEncodeError:
        if ord(ch) < 256 and _decode_byte(codec, ord(ch)) == ch:
            return bytes([ord(ch)])  # a C1 control standing for a byte the codec leaves undefined
        return None


def _unread(text: str, wrong: str) -> bytes | None:
    out = bytearray()
    for ch in text:
        b = _encode_char(wrong, ch)
        if b is None:
            if unicodedata.category(ch) == "Cc":
                continue  # a control the later steps drop anyway
            return None
        out += b
    return bytes(out)


# Punctuation that mojibake produces and text seldom glues to a letter (quotes are not here:
# «Карабах» and „Karabach“ are ordinary).
_ODD_PUNCT = frozenset("†‡‰‹›¦§¶•¡¿·¨¯¸")

# Letter frequencies of Russian text (per cent, rounded): a tie-breaker between two 8-bit
# Cyrillic readings that both look ordinary ("АОД" beats "бпд").
_RU_FREQ = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (11.0, 8.5, 8.0, 7.4, 6.7, 6.3, 5.5, 4.7, 4.5, 4.4, 3.5, 3.2, 3.0, 2.8, 2.6, 2.0, 1.9,
         1.7, 1.7, 1.7, 1.6, 1.4, 1.2, 1.0, 0.9, 0.7, 0.6, 0.5, 0.4, 0.3, 0.3, 0.04, 0.04),
        strict=True,
    )
)  # fmt: skip


# Russian words never start with ъ, ь or ы.
_NEVER_FIRST = frozenset("ъьы")


def _plausibility(text: str) -> float:
    """Mean letter frequency of the Cyrillic letters of ``text`` (0 without any)."""
    freqs = [_RU_FREQ.get(ch, 0.1) for ch in text.lower() if "\u0400" <= ch <= "\u04ff"]
    return sum(freqs) / len(freqs) if freqs else 0.0


_QUOTES = frozenset("«»„“”‘’‚‹›")


def _looks_continuation(ch: str) -> bool:
    """Whether ``ch`` is what Windows-1252 or Latin-1 makes of a byte 0x80-0xBF."""
    b = _encode_char("cp1252", ch)
    return b is not None and len(b) == 1 and 0x80 <= b[0] <= 0xBF


def _utf8_bytes_end(text: str, i: int) -> bool:
    """Whether the character at ``i`` ends a UTF-8 letter read as single-byte characters."""
    ch = text[i]
    if i and "\u00c2" <= text[i - 1] <= "\u00df" and _looks_continuation(ch):
        return True  # "Ã\xad", "Åž": a UTF-8 lead byte and a continuation byte as Latin-1
    if (
        i > 1
        and "\u00e0" <= text[i - 2] <= "\u00ef"
        and _looks_continuation(text[i - 1])
        and _looks_continuation(ch)
    ):
        return True  # "á»¹" (ỹ): a three-byte UTF-8 letter as Windows-1252
    return ch == "\u00a0" and 0 < i < len(text) - 1 and _nbsp_in_utf8_as_cp1251(text, i)


def _nbsp_in_utf8_as_cp1251(text: str, i: int) -> bool:
    """A no-break space between a capital Cyrillic letter and a Latin one ("Е\xa0panija" for
    "Španija"): a two-byte UTF-8 letter whose continuation byte is 0xA0, as Windows-1251."""
    before, after = text[i - 1], text[i + 1]
    return "\u0410" <= before <= "\u042f" and after.isascii() and after.isalpha()


def _glued(ch: str) -> bool:
    return not ch.isascii() and not ch.isspace() and ch not in _QUOTES


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


# Words that :func:`oddity` surely finds nothing odd in: letters of one script (basic Latin,
# Russian, Armenian, Georgian), capitals only first or throughout, no Russian word starting with
# ъ, ь or ы, between single spaces, hyphens and apostrophes.
_WORD = (
    "(?:[A-Z]?[a-z]+|[A-Z]+"
    "|(?:[\u0410-\u0429\u042d-\u042f\u0401](?:[\u0430-\u044f\u0451]+|[\u0410-\u042f\u0401]+)?)"
    "|(?:[\u0430-\u0449\u044d-\u044f\u0451][\u0430-\u044f\u0451]*)"
    "|[\u0531-\u0556]?[\u0561-\u0587]+|[\u0531-\u0556]+"
    "|[\u10d0-\u10fa]+)"
)
_ORDINARY = f"{_WORD}(?:[ '-]{_WORD})*"


@lru_cache(maxsize=None)
def _ordinary() -> re.Pattern[str]:
    """The compiled pattern of ordinary text, made on first use (a few ms that a process
    whose queries never reach :func:`oddity` does not spend)."""
    return re.compile(_ORDINARY)


def is_ordinary(text: str) -> bool:
    """Whether ``text`` is made of such words only: then its :func:`oddity` is 0.

    >>> is_ordinary("Ереван"), is_ordinary("Stepanakert Ереван"), is_ordinary("еТЕЧБО")
    (True, True, False)
    """
    return _ordinary().fullmatch(text) is not None


def oddity(text: str) -> int:
    """How much ``text`` looks like mojibake: 0 for ordinary text.

    >>> oddity("Ереван"), oddity("еТЕЧБО"), oddity("Ð•Ñ€ÐµÐ²Ð°Ð½"), oddity("Åðåâàí")
    (0, 1, 6, 6)
    """
    if _ordinary().fullmatch(text):
        return 0  # the common case, without a look at each character
    return count_oddities(text)


def count_oddities(text: str) -> int:
    """:func:`oddity` character by character (no shortcut for ordinary words)."""
    odd = 0
    word_start = 0
    for i in range(len(text)):
        points, ends_word = _char_oddity(text, i, word_start)
        odd += points
        if ends_word:
            word_start = i + 1
    return odd + sum(_word_oddity(word) for word in text.split())


def _char_oddity(text: str, i: int, word_start: int) -> tuple[int, bool]:
    """What the character at ``i`` adds to :func:`oddity`, and whether it ends a word."""
    ch = text[i]
    cat = unicodedata.category(ch)
    if cat == "Cc":
        # C1 controls are undecoded UTF-8 bytes; C0 controls are noise of another kind.
        return int("\x80" <= ch <= "\x9f"), True
    if _utf8_bytes_end(text, i):
        return 1, True
    if not _is_letter(ch):
        return int(_odd_non_letter(text, i, cat)), True
    if i > word_start:
        return _odd_pair(text[i - 1], ch, cat), False
    # a combining mark with no letter to carry it
    return int(cat[0] == "M" and (i == word_start or not _is_letter(text[i - 1]))), False


def _next_to(text: str, i: int, test: Callable[[str], bool]) -> bool:
    """Whether the character before or after ``i`` passes ``test``."""
    return (i > 0 and test(text[i - 1])) or (i + 1 < len(text) and test(text[i + 1]))


def _between_letters(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and _is_letter(text[i - 1]) and _is_letter(text[i + 1])


def _odd_non_letter(text: str, i: int, cat: str) -> bool:
    """A symbol or mojibake punctuation glued to a letter, a fraction or a quote inside a
    word, or non-ASCII punctuation glued to other non-ASCII."""
    ch = text[i]
    if (cat[0] == "S" or ch in _ODD_PUNCT) and _next_to(text, i, _is_letter):
        return True
    if cat in ("No", "Pi", "Pf", "Ps") and _between_letters(text, i) and not _apostrophe(text, i):
        return True  # "GÃ¼l", "Г„gypten": a fraction or a quote inside a word
    # "–≤–", "—è": punctuation and symbols glued to other non-ASCII
    return (
        cat[0] in "SP" and not ch.isascii() and ch not in _QUOTES and _next_to(text, i, _glued)
    )


def _apostrophe(text: str, i: int) -> bool:
    """A typographic apostrophe between two Latin letters: "Aats’i", "Qo‘shma" (romanized
    Georgian ejectives, Uzbek o‘), not mojibake."""
    return text[i] in "’‘" and script_of(text[i - 1]) == script_of(text[i + 1]) == "LATIN"


def _odd_pair(prev: str, ch: str, cat: str) -> int:
    """Two letters of different scripts, or a capital after a small letter, inside a word."""
    if not _is_letter(prev) or cat == "Lm" or unicodedata.category(prev) == "Lm":
        return 0
    a, b = script_of(prev), script_of(ch)
    odd = int(a != b and "INHERITED" not in (a, b) and "COMMON" not in (a, b))
    return odd + int(prev.islower() and ch.isupper())


def _word_oddity(word: str) -> int:
    """A word that starts with ъ, ь or ы, or is made of accented Latin-1 letters only."""
    letters = [c for c in word if c.isalpha()]
    odd = int(word.lower()[:1] in _NEVER_FIRST)
    if len(letters) >= 3 and all("\u00c0" <= c <= "\u00ff" for c in letters):
        odd += len(letters)
    return odd


def repair_explained(text: str) -> tuple[str, str | None]:
    """:func:`repair` that also names the misreading undone (None when nothing was).

    >>> repair_explained("BakÄ±")
    ('Bakı', 'UTF-8 text that had been decoded as Windows-1252')
    """
    if text.isascii():
        return text, None
    fixed, how = _repair_once(text)
    if how is None:
        return text, None
    times = 1
    while times < _MAX_ROUNDS:  # mojibake of mojibake: UTF-8 misread more than once
        again, how2 = _repair_once(fixed, again=True)
        if how2 is None:
            break
        fixed, times = again, times + 1
    return fixed, how + ("" if times == 1 else ", twice" if times == 2 else f", {times} times")


def _repair_once(text: str, *, again: bool = False) -> tuple[str, str | None]:
    """One misreading undone; ``again``: a further round, UTF-8 only, on odd text only."""
    # Controls and format characters are dropped by the later steps: an 8-bit reading is
    # judged without them (to UTF-8, C1 controls are undecoded bytes and stay).
    wrongs = _wrong_codecs(text)
    if not wrongs:
        return text, None  # no code page could have produced these characters
    plain = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))
    for stage in (_FIRST, _LAST):
        if again:
            if not oddity(text):
                break
            stage = tuple(m for m in stage if m[0] == "utf-8")
        stage = tuple(m for m in stage if m[1] in wrongs)
        best = _best_reading(text, plain, stage)
        if best is not None:
            return best
    return text, None


def _best_reading(
    text: str, plain: str, misreadings: tuple[tuple[str, str], ...]
) -> tuple[str, str] | None:
    base = _Oddity(text, plain)  # computed only once a reading exists
    best: tuple[tuple[bool, int, int, float], str, str] | None = None
    utf8_reading = False
    for true, wrong in misreadings:
        fixed = _reread(text, plain, true, wrong)
        if fixed is None:
            continue
        if true == "utf-8":
            utf8_reading = True
            score = oddity(fixed)
            if not _utf8_better(text, fixed, score, base.text()):
                continue
        elif not base.plain() or (score := oddity(fixed)):
            continue
        # Strict UTF-8 (much the stronger evidence) before an 8-bit reading, then fewer
        # oddities, then fewer scripts, then the likelier Cyrillic letters.
        key = (true != "utf-8", score, len(_scripts(fixed)), -_plausibility(fixed))
        if best is None or key < best[0]:
            how = f"{_LABELS[true]} text that had been decoded as {_LABELS[wrong]}"
            best = (key, fixed, how)
    if best is None or (best[0][0] and utf8_reading):
        # Bytes that decode as strict UTF-8 are UTF-8 or nothing: when that reading was
        # refused, no 8-bit reading may take its place ("𭺂" misread is not Cyrillic).
        return None
    return best[1], best[2]


class _Oddity:
    """:func:`oddity` of a text and of its plain form, each computed when first asked for."""

    __slots__ = ("_plain", "_plain_odd", "_text", "_text_odd")

    def __init__(self, text: str, plain: str) -> None:
        self._text, self._plain = text, plain
        self._text_odd: int | None = None
        self._plain_odd: int | None = None

    def text(self) -> int:
        if self._text_odd is None:
            self._text_odd = oddity(self._text)
        return self._text_odd

    def plain(self) -> int:
        if self._plain_odd is None:
            self._plain_odd = oddity(self._plain)
        return self._plain_odd


#: The code pages text may have been wrongly decoded with.
_WRONG = tuple(dict.fromkeys(wrong for _, wrong in MISREADINGS))


@lru_cache(maxsize=8192)
def _wrong_codecs_of(ch: str) -> frozenset[str]:
    """The wrong code pages that have a byte for ``ch`` (all for a control or format
    character, which the readings skip or judge apart)."""
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return frozenset(_WRONG)
    return frozenset(w for w in _WRONG if _encode_char(w, ch) is not None)


def _wrong_codecs(text: str) -> frozenset[str]:
    """The wrong code pages that can have produced every character of ``text``: a quick
    test before any reading is tried (a misreading needs a byte for every character)."""
    left = frozenset(_WRONG)
    for ch in set(text):
        left &= _wrong_codecs_of(ch)
        if not left:
            break
    return left


def _reread(text: str, plain: str, true: str, wrong: str) -> str | None:
    """``text`` undone as ``true`` misread as ``wrong``; None when it is not such a reading."""
    # Controls are undecoded bytes only to UTF-8; an 8-bit reading ignores them.
    data = _unread(text if true == "utf-8" else plain, wrong)
    if data is None or data == text.encode(true, "replace"):
        return None
    try:
        fixed = data.decode(true)
    except UnicodeDecodeError:
        return None
    return None if fixed == text else fixed


def _utf8_better(text: str, fixed: str, score: int, base: int) -> bool:
    """Strict UTF-8 is evidence enough, unless the result looks odder; from text with
    nothing odd about it, only a result made of letters."""
    if score > base or any(
        unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in text for c in fixed
    ):
        return False
    # from text with nothing odd: at least two letters beyond Latin-1
    return bool(base) or (_plain_letters(fixed) and sum(not c.isascii() for c in fixed) >= 2)


def _plain_letters(text: str) -> bool:
    """Whether the non-ASCII characters of ``text`` are letters (not modifier letters),
    combining marks, punctuation or spaces, one of them a letter beyond Latin-1: what a
    repair of text with nothing odd about it must give ("Davutoƒülu" -> "Davutoğlu")."""
    beyond = False
    for c in text:
        if c.isascii():
            continue
        cat = unicodedata.category(c)
        if cat not in ("Lu", "Ll", "Lo", "Mn") and cat[0] not in "PZ":
            return False
        beyond = beyond or (cat[0] == "L" and ord(c) > 0xFF)
    return beyond


def _scripts(text: str) -> set[str]:
    return {script_of(c) for c in text if c.isalpha() and unicodedata.category(c) != "Lm"}


def repair(text: str) -> str:
    """``text`` with a wrong-code-page decoding undone; unchanged when it is not mojibake.

    >>> repair("Ã‡avuÅŸoÄŸlu")
    'Çavuşoğlu'
    """
    return repair_explained(text)[0]
