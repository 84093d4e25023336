"""Words of a text with their offsets as given, and how they join into names.

Words are maximal runs of letters, digits, combining marks, look-alike letters and invisible
characters; Chinese and Japanese runs are cut where the scripts meet and by the gazetteer's
words. A short piece of another script inside Latin text is an injected *fragment*.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from namenorm.mentions.words import ABBREVIATIONS
from namenorm.text.confusables import TO_LATIN
from namenorm.text.normalize import (
    GAP,
    fold_homoglyphs,
    latin_dominant,
    remove_invisible,
    script_of,
)

__all__ = [
    "HAN_WORD",
    "Token",
    "first_letter",
    "is_fragment",
    "joiner",
    "repair",
    "tight",
    "token_pattern",
    "tokenize",
    "words_of",
]

_INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufe00-\ufe0f"
_token_re: re.Pattern[str] | None = None
_token_lock = threading.Lock()

#: Longest fragment word (characters) and most letters of a fragment.
_MAX_FRAGMENT_WORD = 12
_MAX_FRAGMENT_LETTERS = 3


def _char_ranges(chars: Iterable[int]) -> str:
    out = []
    run: list[int] = []
    for cp in sorted(chars):
        if run and cp == run[-1] + 1:
            run.append(cp)
            continue
        if run:
            out.append((run[0], run[-1]))
        run = [cp]
    if run:
        out.append((run[0], run[-1]))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in out
    )


def token_pattern() -> re.Pattern[str]:
    """Word characters: letters and digits, combining marks (so an Indic or Arabic word stays
    whole), look-alike letters that are symbols (⍺, ∨) and invisible characters."""
    global _token_re
    if _token_re is None:
        with _token_lock:
            if _token_re is None:
                extra = {
                    cp
                    for cp in range(0x300, 0x20000)
                    if unicodedata.category(chr(cp))[0] == "M"
                }
                extra |= {ord(ch) for ch in TO_LATIN if not ch.isalnum() and not ch.isascii()}
                _token_re = re.compile(
                    rf"(?:[^\W_]|[{_char_ranges(extra)}]|[{_INVISIBLE}])+"
                )
    return _token_re


_KANA_HAN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MAX_HAN_WORD = 12
#: Words of two or more kanji (the gazetteer's words that segment Chinese and Japanese).
HAN_WORD = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def _kana_han_class(ch: str) -> int:
    if "\u30a0" <= ch <= "\u30ff":
        return 1  # katakana, with the long-vowel mark
    if "\u3040" <= ch <= "\u309f":
        return 2  # hiragana
    if _KANA_HAN.match(ch):
        return 3  # han
    return 0


def words_of(text: str, han_words: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Spans of the words of ``text``. Chinese and Japanese write no spaces: a run of letters is
    cut where katakana, hiragana and kanji meet ("パシニャン首相は"), and a run of kanji into the
    longest words of the gazetteer's names it holds, left to right, the rest between them one
    word ("亚美尼亚总理帕希尼扬" -> 亚美尼亚, 总理, 帕希尼扬).

    >>> words_of("Talks in Baku.")
    [(0, 5), (6, 8), (9, 13)]
    """
    spans: list[tuple[int, int]] = []
    for m in token_pattern().finditer(text):
        start, end = m.span()
        if _KANA_HAN.search(m.group()) is None:
            spans.append((start, end))
        else:
            spans.extend(_cut_kana_han(text, start, end, han_words))
    return spans


def _cut_kana_han(
    text: str, start: int, end: int, han_words: frozenset[str]
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cut = start
    for i in range(start + 1, end + 1):
        if i < end:
            a, b = _kana_han_class(text[i - 1]), _kana_han_class(text[i])
            if a == b or not (a or b):
                continue
        if _kana_han_class(text[cut]) == 3 and han_words:
            spans.extend(_segment_han(text, cut, i, han_words))
        else:
            spans.append((cut, i))
        cut = i
    return spans


def _segment_han(
    text: str, start: int, end: int, words: frozenset[str]
) -> list[tuple[int, int]]:
    """Greedy longest-match segmentation of a run of kanji by the words of the gazetteer."""
    spans: list[tuple[int, int]] = []
    rest = start
    i = start
    while i < end:
        for j in range(min(end, i + _MAX_HAN_WORD), i + 1, -1):
            if text[i:j] in words:
                if rest < i:
                    spans.append((rest, i))
                spans.append((i, j))
                i = rest = j
                break
        else:
            i += 1
    if rest < end:
        spans.append((rest, end))
    return spans


#: Gaps that a name may span between two of its words (the middle dots and double hyphen join
#: the parts of Japanese and Chinese renderings: "ナゴルノ・カラバフ", "尼科尔·帕希尼扬").
_JOIN_SPACE = re.compile(
    r"[ \u00a0\u2009\u202f]{1,2}|[ ]?[-\u2010\u2011\u2013\u30fb\u00b7\uff1d\u30a0][ ]?"
)
_JOIN_TIGHT = re.compile(r"['\u2019\u02bc\u2018`\u00b4.\u05f3]")  # and the Hebrew geresh
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\u0589\u061f]|\n\s*\n")


def joiner(gap: str) -> str | None:
    """How a gap joins two words of one name in a key: " ", "" or None (it does not).

    >>> joiner(" "), joiner("'"), joiner(", ")
    (' ', '', None)
    """
    if _JOIN_SPACE.fullmatch(gap):
        return " "
    if len(gap) == 1 and _JOIN_TIGHT.fullmatch(gap):
        return ""
    return None


@dataclass(frozen=True)
class Token:
    """One word of a text: offsets into the text as given, the word with look-alikes repaired
    in the document's context, and its folded key (:data:`GAP` for a fragment)."""

    start: int
    end: int
    text: str
    repaired: str
    key: str
    cased: bool  # the token starts with a letter of a script that has case
    upper: bool  # ... and that letter is upper case
    fragment: bool  # a short foreign piece injected into a Latin word
    sentence_start: bool = False
    join: str | None = None  # how it joins the token before it in one name (see joiner)


def first_letter(text: str) -> str:
    """The first letter of ``text``, or ""."""
    for ch in text:
        if ch.isalpha():
            return ch
    return ""


def _has_case(ch: str) -> bool:
    # Georgian has had capital (Mtavruli) forms since Unicode 11, but text is written in the
    # lower-case Mkhedruli alone: names are not capitalized, so the script counts as caseless.
    return ch.lower() != ch.upper() and not "\u10d0" <= ch <= "\u10ff"


def is_fragment(word: str) -> bool:
    """A short piece (at most three letters) of a script other than Latin.

    >>> is_fragment("চা"), is_fragment("Baku")
    (True, False)
    """
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) > _MAX_FRAGMENT_LETTERS:
        return False
    if not letters:
        return bool(word) and all(unicodedata.category(ch)[0] == "M" for ch in word)
    return all(script_of(ch) not in ("LATIN", "COMMON") and ch not in TO_LATIN for ch in letters)


#: ``(word, latin_doc) -> (key, repaired)``: a word's folded key and its repaired text.
KeyOf = Callable[[str, bool], tuple[str, str]]


def tokenize(text: str, key_of: KeyOf, han_words: frozenset[str]) -> tuple[list[Token], bool]:
    """The tokens of ``text`` and whether the text has both cases (a text in one case only,
    all lower or all upper, gives capitalization no weight)."""
    latin_doc = latin_dominant(text, lookalikes="count")
    fragments = latin_doc and not text.isascii()
    tokens: list[Token] = []
    upper = lower = 0
    for start, end in words_of(text, han_words):
        token = _token(text, start, end, tokens, key_of, latin_doc, fragments)
        if token is None:
            continue
        if token.cased:
            if token.upper:
                upper += 1
            else:
                lower += 1
        tokens.append(token)
    return tokens, upper > 0 and lower > 0


def _token(
    text: str,
    start: int,
    end: int,
    before: list[Token],
    key_of: KeyOf,
    latin_doc: bool,
    fragments: bool,
) -> Token | None:
    word = text[start:end]
    fragment = (
        fragments and len(word) <= _MAX_FRAGMENT_WORD and not word.isascii() and is_fragment(word)
    )
    if fragment:
        key, repaired = GAP, word
    else:
        key, repaired = key_of(word, latin_doc)
        if not key:
            return None
    first = first_letter(repaired)
    cased = bool(first) and _has_case(first) and not fragment
    prev = before[-1] if before else None
    gap = text[prev.end if prev else 0 : start]
    sentence_start = prev is None or (
        bool(_SENTENCE_END.search(gap)) and prev.key not in ABBREVIATIONS
    )
    join = joiner(gap) if prev is not None else None
    return Token(start, end, word, repaired, key, cased, cased and first.isupper(), fragment,
                 sentence_start, join)


def tight(text: str, a: Token, b: Token) -> bool:
    """Two tokens with at most one space between them."""
    return b.start - a.end <= 1 and text[a.end : b.start] in ("", " ")


def repair(text: str) -> str:
    """Look-alikes folded and invisible characters removed; spacing and case kept."""
    if text.isascii():
        return text
    return fold_homoglyphs(remove_invisible(text))
