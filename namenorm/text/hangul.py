"""Hangul to a Latin match key that reads Korean spellings of foreign names back.

Korean writes foreign names by the loanword rules of the National Institute of the Korean
Language, and the key undoes their habits instead of romanizing the Korean sounds (which
unidecode does: "아르메니아" -> "areumenia"):

* the vowel ㅡ carries a consonant that stands alone in the foreign word (a cluster or a final
  consonant): 르 is r, 스 s, 트 t, 크 k, 즈 z, 츠 ts, and 흐 kh ("아르메니아" -> "armenia",
  "카라바흐" -> "karabakh");
* an ㄹ closing a syllable before another ㄹ writes one l ("스탈린" -> "stalin");
* ㅓ writes a foreign o ("러시아", Rossiya -> "rosia"), ㅐ an e, ㅟ after a consonant an ü
  ("튀르키예" -> "turkiye");
* ㅅ before a y-vowel writes sh ("슈샤" -> "shusha");
* 프 ending a word writes the -v of Russian surnames, which Russian pronounces f
  ("알리예프", Aliyev; "라브로프", Lavrov).

Each syllable block is decomposed arithmetically (Unicode's Hangul syllable layout), so every
one of the 11,172 blocks has a key.

>>> hangul_to_latin("아르메니아"), hangul_to_latin("나고르노카라바흐"), hangul_to_latin("스탈린")
('armenia', 'nagornokarabakh', 'stalin')
"""

from __future__ import annotations

__all__ = ["hangul_to_latin", "is_hangul_syllable"]

_BASE, _LAST = 0xAC00, 0xD7A3
_INITIALS = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
    "p", "h",
)  # fmt: skip
_VOWELS = (
    "a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we", "we", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i",
)  # fmt: skip
_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "s", "s", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
_EU, _WI, _NULL, _RIEUL_INITIAL, _RIEUL_FINAL, _S = 18, 16, 11, 5, 8, 9
#: The value of a consonant that ㅡ carries alone (the loanword rules' epenthetic vowel).
_ALONE = {"h": "kh", "ch": "ts", "j": "z"}
_P = 17


def is_hangul_syllable(ch: str) -> bool:
    """Whether ``ch`` is a precomposed Hangul syllable block."""
    return _BASE <= ord(ch) <= _LAST


def _parts(ch: str) -> tuple[int, int, int]:
    n = ord(ch) - _BASE
    return n // 588, (n % 588) // 28, n % 28


def _next_lead(word: str, i: int) -> int | None:
    """The initial consonant of the syllable after ``word[i]``, None at the end of a word."""
    nxt = word[i + 1 : i + 2]
    return _parts(nxt)[0] if nxt and is_hangul_syllable(nxt) else None


def _prev_final(word: str, i: int) -> int | None:
    """The final consonant of the syllable before ``word[i]``, None at the start of a word."""
    prev = word[i - 1] if i > 0 else ""
    return _parts(prev)[2] if prev and is_hangul_syllable(prev) else None


def _alone(lead: int, word: str, i: int) -> str:
    """A consonant that the epenthetic ㅡ carries."""
    if lead == _P and i > 0 and _next_lead(word, i) is None:
        return "v"  # the devoiced final -v of -ov, -ev
    onset = _INITIALS[lead]
    return _ALONE.get(onset, onset)


def _syllable(word: str, i: int) -> str:
    lead, vowel, final = _parts(word[i])
    if vowel == _EU and final == 0 and lead != _NULL:
        return _alone(lead, word, i)
    onset, value = _INITIALS[lead], _VOWELS[vowel]
    if vowel == _WI and lead != _NULL:
        value = "u"  # ü after a consonant
    if lead == _S and value.startswith("y"):
        onset, value = "sh", value[1:]
    elif lead == _RIEUL_INITIAL and _prev_final(word, i) == _RIEUL_FINAL:
        onset = "l"  # ㄹㄹ is one foreign l, written here
    coda = _FINALS[final]
    if final == _RIEUL_FINAL and _next_lead(word, i) == _RIEUL_INITIAL:
        coda = ""
    return onset + value + coda


def hangul_to_latin(text: str) -> str:
    """The match key of text with Hangul syllables (other characters pass through)."""
    out = []
    for i, ch in enumerate(text):
        out.append(_syllable(text, i) if is_hangul_syllable(ch) else ch)
    return "".join(out)
