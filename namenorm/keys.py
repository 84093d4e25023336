"""Match keys: the strings that the index stores and the resolver compares.

Any change to a key a name gets bumps :data:`KEYS_VERSION` (``tests/test_keys_version.py``).

Three keys of decreasing precision, each computed from the one before:

``fold_key``
    :func:`namenorm.normalize`, Turkish-aware case folding (İ, I, ı all become i), letter
    variants of the Arabic script and katakana unified (:mod:`namenorm.text.scripts`), transliteration
    to Latin (:mod:`namenorm.text.translit`), diacritics stripped, every other character but letters,
    digits and the gap mark dropped: apostrophes join ("P'ashinyan" -> "pashinyan"), other
    punctuation separates. "Xocalı" -> "xocali", "Ходжалы" -> "khodzhaly".
``phonetic_key``
    folds the usual romanization alternations: kh/x/h, sh/sch/ş, ch/tch/ç, zh/dzh/dj/j, gh/ğ/q,
    ph/f, th/t, w/v, ou/u, y/i, -jan/-ian/-yan, doubled letters, initial ye-/yo-/yu-/ya-. "khojaly",
    "xocali" and "khodzhaly" become "hojali", "hocali", "hojali".
``skeleton_key``
    the phonetic key with c/k and s/z merged and without vowels after the first letter of each
    word, for sound-alike corruptions: "steppe cart" -> "stp krt" is one letter from
    "stepanakert" -> "stpnkrt".

Keys keep word boundaries as single spaces; :func:`compact` removes them.

>>> fold_key("Nikol P'ashinyan"), phonetic_key("nikol pashinyan")
('nikol pashinyan', 'nikol pasinian')
"""

from __future__ import annotations

import re

from namenorm.text.scripts import fold_variants
from namenorm.text.normalize import GAP, normalize
from namenorm.text.translit import strip_marks, to_latin

#: Version of the keys: a saved index holding keys of another version is refused. Bump it by
#: hand whenever any key changes (``python scripts/keys_sample.py`` then refreshes the sample).
KEYS_VERSION = 1

__all__ = ["casefold", "compact", "fold_key", "phonetic_key", "skeleton_key"]


def casefold(text: str) -> str:
    """Case folding that treats Turkish İ/ı as i and keeps final sigma equal to sigma.

    >>> casefold("İSTANBUL ıŞIK Straße ΟΔΟΣ")
    'istanbul işik strasse οδοσ'
    """
    return text.replace("İ", "i").replace("ı", "i").casefold().replace("i\u0307", "i")


_NOT_KEY = re.compile(r"[^a-z0-9\ufffd ]+")
_APOS = re.compile(r"(?<=\w)['.](?=\w)")


def fold_key(text: str) -> str:
    """The exact folded key of ``text`` (see the module docstring).

    >>> fold_key("Azeгbaijan"), fold_key("Xankəndi"), fold_key("  NAGORNO-Karabakh ")
    ('azerbaijan', 'xankandi', 'nagorno karabakh')
    """
    return fold_normalized(normalize(text))


def fold_normalized(text: str) -> str:
    """:func:`fold_key` for text that has been through :func:`namenorm.normalize` already."""
    text = fold_variants(casefold(text))
    text = text.replace("'", "")
    text = strip_marks(to_latin(text))
    text = _NOT_KEY.sub(" ", text.lower())
    return " ".join(text.split())


# Ordered: longer patterns first. Applied to fold keys (lowercase ASCII).
_PHONETIC_RULES = [
    ("tsch", "c"), ("shch", "s"), ("sch", "s"), ("tch", "c"), ("dzh", "j"), ("dsch", "j"),
    ("sh", "s"), ("ch", "c"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("gh", "g"),
    ("ph", "f"), ("th", "t"), ("ou", "u"), ("x", "h"), ("q", "g"), ("w", "v"), ("y", "i"),
    ("ck", "k"),
]  # fmt: skip
_PHONETIC_RE = re.compile("|".join(re.escape(a) for a, _ in _PHONETIC_RULES))
_PHONETIC_MAP = dict(_PHONETIC_RULES)
_INITIAL_Y = re.compile(r"\b[yj](?=[aeou])")
_JAN = re.compile(r"jan\b")
_DOUBLE = re.compile(r"([a-z])\1+")


def phonetic_key(fold: str) -> str:
    """Fold romanization alternations in a fold key.

    >>> [phonetic_key(k) for k in ("aliyev", "aliev", "paschinjan", "yerevan", "erevan")]
    ['aliev', 'aliev', 'pasinian', 'erevan', 'erevan']
    """
    fold = _INITIAL_Y.sub("", fold)
    fold = _JAN.sub("ian", fold)
    fold = _PHONETIC_RE.sub(lambda m: _PHONETIC_MAP[m.group(0)], fold)
    return _DOUBLE.sub(r"\1", fold)


_INNER_VOWELS = re.compile(r"(?<=[a-z\ufffd])[aeiou]+")


_SKELETON_TABLE = str.maketrans("cz", "ks")


def skeleton_key(phon: str) -> str:
    """The phonetic key with c/k and s/z merged, no vowels after each word's first letter.

    >>> skeleton_key("stepe cart"), skeleton_key("stepanakert")
    ('stp krt', 'stpnkrt')
    """
    return _DOUBLE.sub(r"\1", _INNER_VOWELS.sub("", phon.translate(_SKELETON_TABLE)))


def compact(key: str) -> str:
    """A key without its word boundaries."""
    return key.replace(" ", "")


def has_gap(key: str) -> bool:
    """Whether a key holds the mark of an injected fragment."""
    return GAP in key
