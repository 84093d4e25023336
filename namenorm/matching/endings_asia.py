"""Endings that Korean, Bengali and Tamil attach to a name, for
:mod:`namenorm.matching.inflect`.

Like every rule there, these only *propose* a dictionary form; the resolver keeps a proposal
only when it is a gazetteer name (or, for a lookup, a transcription of one:
:mod:`namenorm.matching.transcribed`).

* Korean writes its particles as syllables after the noun: topic 은/는, subject 이/가, object
  을/를, genitive 의, locative and dative 에, 에서, 에게, direction 로/으로, source 로부터, 에서부터,
  comitative 와/과, "also" 도 ("아르메니아에", in Armenia; "파시냔은", Pashinyan (topic)).
* Bengali adds its case endings to the word: genitive -র after a vowel, -এর/-ের after a
  consonant, locative -এ/-ে, -তে, objective -কে, and the plural genitive -দের ("রাশিয়ার", of
  Russia; "কারাবাখে", in Karabakh).
* Tamil adds cases to the stem, with a glide -வ்- after a final vowel and an enclitic -உம்
  ("and") after them: dative -க்கு, -உக்கு (written ுக்கு), genitive -இன் (ின்), locative -இல்
  (ில்) ("ஆர்மீனியாவுக்கும்", and to Armenia).

>>> [(s.stem, s.ending) for s in korean("아르메니아에서는")]
[('아르메니아에서', '는'), ('아르메니아', '에서는')]
>>> [(s.stem, s.ending) for s in bengali("কারাবাখের")]
[('কারাবাখ', 'ের')]
>>> [(s.stem, s.ending) for s in tamil("ஆர்மீனியாவுக்கும்")][-1]
('ஆர்மீனியா', 'வுக்கும்')
"""

from __future__ import annotations

from namenorm.matching.stems import Stem

__all__ = ["bengali", "korean", "tamil"]

#: Korean particles and their sequences, each with its name.
_KO_PARTICLES: tuple[tuple[str, str], ...] = (
    ("은", "topic"), ("는", "topic"), ("이", "subject"), ("가", "subject"),
    ("을", "object"), ("를", "object"), ("의", "genitive"), ("에", "locative"),
    ("에서", "locative"), ("에게", "dative"), ("로", "direction"), ("으로", "direction"),
    ("로부터", "source"), ("으로부터", "source"), ("에서부터", "source"), ("부터", "source"),
    ("와", "comitative"), ("과", "comitative"), ("도", "also"), ("에서는", "locative topic"),
    ("에는", "locative topic"), ("에서의", "locative genitive"), ("과의", "comitative genitive"),
    ("와의", "comitative genitive"), ("까지", "terminative"),
)  # fmt: skip
#: A Korean stem keeps two syllables at least ("러시아", "터키").
_KO_MIN_STEM = 2

_BN_ENDINGS: tuple[tuple[str, str], ...] = (
    ("দের", "plural genitive"), ("\u09af\u09bc\u09c7\u09b0", "genitive"), ("ের", "genitive"),
    ("এর", "genitive"), ("র", "genitive"), ("তে", "locative"), ("কে", "objective"),
    ("ে", "locative"), ("এ", "locative"), ("\u09af\u09bc", "locative"),
)  # fmt: skip
#: A Bengali stem keeps three letters or signs at least.
_BN_MIN_STEM = 3

_TA_ENDINGS: tuple[tuple[str, str], ...] = (
    ("வுக்கும்", "dative and"), ("ுக்கும்", "dative and"), ("க்கும்", "dative and"),
    ("வுக்கு", "dative"), ("ுக்கு", "dative"), ("க்கு", "dative"), ("வின்", "genitive"),
    ("ின்", "genitive"), ("வில்", "locative"), ("ில்", "locative"), ("வும்", "and"),
    ("ும்", "and"),
)  # fmt: skip
_TA_MIN_STEM = 3


def _by_suffix(
    token: str, endings: tuple[tuple[str, str], ...], lang: str, min_stem: int
) -> list[Stem]:
    out = []
    for ending, rule in endings:
        stem = token[: len(token) - len(ending)]
        if token.endswith(ending) and len(stem) >= min_stem:
            out.append(Stem(stem, ending, rule, lang))
    return sorted(out, key=lambda s: len(s.ending))


def korean(token: str) -> list[Stem]:
    """Korean particles after a noun (shorter endings first)."""
    return _by_suffix(token, _KO_PARTICLES, "ko", _KO_MIN_STEM)


#: Bengali vowel signs: the genitive -র follows a vowel (after the sign e, -ের is -এর).
_BN_VOWEL_SIGNS = frozenset(chr(c) for c in range(0x09BE, 0x09CD)) - {"\u09c7"}


def bengali(token: str) -> list[Stem]:
    """Bengali case endings (shorter endings first)."""
    return [
        s
        for s in _by_suffix(token, _BN_ENDINGS, "bn", _BN_MIN_STEM)
        if s.ending != "র" or s.stem[-1] in _BN_VOWEL_SIGNS
    ]


def tamil(token: str) -> list[Stem]:
    """Tamil case endings and the enclitic -உம் (shorter endings first)."""
    return _by_suffix(token, _TA_ENDINGS, "ta", _TA_MIN_STEM)
