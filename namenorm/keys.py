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

This module is the one place that chains these steps: :func:`keys_of` for a gazetteer string,
:func:`query_keys` for a query (a :class:`QueryKeys`, which also says how the query was
normalized) and :func:`normalized_keys` for text normalized already (a dictionary form that the
resolver proposes for an inflected query). :func:`plain_key` is the text that an ``exact`` match
compares.

>>> fold_key("Nikol P'ashinyan"), phonetic_key("nikol pashinyan")
('nikol pashinyan', 'nikol pasinian')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from namenorm.text.normalize import GAP, LOOKALIKE_STEPS, normalize, normalize_explained
from namenorm.text.kana import has_kana, kana_to_latin
from namenorm.text.scripts import fold_variants, is_latin
from namenorm.text.translit import strip_marks, to_latin

#: Version of the keys: a saved index holding keys of another version is refused. Bump it by
#: hand whenever any key changes (``python scripts/keys_sample.py`` then refreshes the sample).
KEYS_VERSION = 4

__all__ = [
    "QueryKeys",
    "casefold",
    "compact",
    "fold_key",
    "has_gap",
    "keys_of",
    "normalized_keys",
    "phonetic_key",
    "phones",
    "plain_key",
    "query_keys",
    "reading_phones",
    "set_derived_keys",
    "skeleton_key",
    "sound_class_key",
]


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


#: Letters of one Latin orthography whose sound the transliteration's base letter misses:
#: Romanian (and Gagauz) ț / ţ is "ts" ("Arțah", Artsakh), not "t".
_ORTHOGRAPHY = str.maketrans({"ț": "ts", "ţ": "ts"})
#: Greek writes b, d and g of foreign names as μπ, ντ and γκ ("Καραμπάχ", "Ντόναλντ"): those
#: sounds before a vowel at a word's start or after a vowel; elsewhere mp, nt, gk ("Τραμπ").
_GREEK_VOWEL = "αεηιουωάέήίόύώϊϋΐΰ"
_GREEK_STOPS = re.compile(
    f"(?:(?<![^\\W\\d_])|(?<=[{_GREEK_VOWEL}]))(μπ|ντ|γκ)(?=[{_GREEK_VOWEL}])"
)
_GREEK_STOP = {"μπ": "b", "ντ": "d", "γκ": "g"}
#: ... ντ after l or r is d ("Ντόναλντ", Donald; "Έντουαρντ", Edward); νγκ and γγ are ng
#: ("Ουάσινγκτον", Washington).
_GREEK_CLUSTERS = re.compile("(?<=[λρ])ντ|νγκ|γγ")
_GREEK_CLUSTER = {"ντ": "d", "νγκ": "ng", "γγ": "ng"}


def fold_normalized(text: str, *, vowel_letters: bool = False) -> str:
    """:func:`fold_key` for text that has been through :func:`namenorm.normalize` already
    (``vowel_letters``: see :func:`namenorm.text.scripts.fold_variants`).

    >>> fold_normalized("Arțah"), fold_normalized("Καραμπάχ"), fold_normalized("Τραμπ")
    ('artsah', 'karabakh', 'tramp')
    """
    text = fold_variants(casefold(text), vowel_letters=vowel_letters)
    text = text.replace("'", "").translate(_ORTHOGRAPHY)
    if "μ" in text or "ν" in text or "γ" in text:
        text = _GREEK_STOPS.sub(lambda m: _GREEK_STOP[m.group(1)], text)
        text = _GREEK_CLUSTERS.sub(lambda m: _GREEK_CLUSTER[m.group()], text)
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
# The one-letter rules (x, q, w, y) begin no longer pattern and occur in none, and no
# replacement writes them: applied as a translation after the longer patterns, they give what
# one pass of all the rules gives (``tests/test_keys_fast.py`` holds the two equal).
_PHONETIC_RE = re.compile("|".join(re.escape(a) for a, _ in _PHONETIC_RULES if len(a) > 1))
_PHONETIC_MAP = dict(_PHONETIC_RULES)
_PHONETIC_LETTERS = str.maketrans({a: b for a, b in _PHONETIC_RULES if len(a) == 1})
#: An initial y or j before a vowel (Yerevan/Erevan), and French dj for j ("Djugha", Jugha).
_INITIAL_Y = re.compile(r"\b(?:y|d?j)(?=[aeou])")
_JAN = re.compile(r"jan\b")
_DOUBLE = re.compile(r"([a-z])\1+")


def _rule(m: re.Match[str]) -> str:
    return _PHONETIC_MAP[m.group(0)]


def _letter(m: re.Match[str]) -> str:
    return m.group(1)


def _undouble(text: str) -> str:
    """Doubled letters once: ``_DOUBLE.sub(r"\\1", text)``, without the cost of a substitution
    where no letter is doubled (most keys)."""
    return _DOUBLE.sub(_letter, text) if _DOUBLE.search(text) else text


def phonetic_key(fold: str) -> str:
    """Fold romanization alternations in a fold key.

    >>> [phonetic_key(k) for k in ("aliyev", "aliev", "paschinjan", "yerevan", "erevan")]
    ['aliev', 'aliev', 'pasinian', 'erevan', 'erevan']
    """
    if "y" in fold or "j" in fold:  # the patterns below that match nothing else are skipped
        fold = _INITIAL_Y.sub("", fold)
        if "jan" in fold:
            fold = _JAN.sub("ian", fold)
    return _undouble(_PHONETIC_RE.sub(_rule, fold).translate(_PHONETIC_LETTERS))


_INNER_VOWELS = re.compile(r"(?<=[a-z\ufffd])[aeiou]+")


_SKELETON_TABLE = str.maketrans("cz", "ks")


def skeleton_key(phon: str) -> str:
    """The phonetic key with c/k and s/z merged, no vowels after each word's first letter.

    >>> skeleton_key("stepe cart"), skeleton_key("stepanakert")
    ('stp krt', 'stpnkrt')
    """
    return _undouble(_INNER_VOWELS.sub("", phon.translate(_SKELETON_TABLE)))


def compact(key: str) -> str:
    """A key without its word boundaries."""
    return key.replace(" ", "")


def has_gap(key: str) -> bool:
    """Whether a key holds the mark of an injected fragment."""
    return GAP in key


def plain_key(text: str) -> str:
    """Text compared for an ``exact`` match: NFC, case-folded, spaces collapsed, nothing else.

    >>> plain_key("  Nagorno-KARABAKH ")
    'nagorno-karabakh'
    """
    return casefold(" ".join(unicodedata.normalize("NFC", text).split()))


def _chain(norm: str) -> tuple[str, str, str]:
    """(fold, phonetic, skeleton) keys of normalized text: the one chain of the keys."""
    fold = fold_normalized(norm)
    phon = phonetic_key(fold)
    return fold, phon, skeleton_key(phon)


def keys_of(text: str) -> tuple[str, str, str, str]:
    """(normalized, fold, phonetic, skeleton) keys of a gazetteer string.

    >>> keys_of("Xocalı")
    ('Xocalı', 'xocali', 'hocali', 'hkl')
    """
    norm = normalize(text)
    return (norm, *_chain(norm))


@dataclass(frozen=True, slots=True)
class QueryKeys:
    """The keys of a query, computed once per lookup."""

    norm: str
    norm_fold: str  # plain_key of the raw query, for exact comparison ("" if it had look-alikes)
    fold: str
    phon: str
    skel: str
    steps: tuple[str, ...]
    fold_c: str = field(init=False, repr=False, compare=False)
    phon_c: str = field(init=False, repr=False, compare=False)
    skel_c: str = field(init=False, repr=False, compare=False)
    latin: bool = field(init=False, repr=False, compare=False)
    gapped: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_derived_keys(self, self.fold, self.phon, self.skel, self.norm)
        object.__setattr__(self, "gapped", GAP in self.fold)


def set_derived_keys(obj: object, fold: str, phon: str, skel: str, norm: str) -> None:
    """Set what a frozen keyed object (a query's keys, an index alias) derives from its keys:
    the keys without spaces, compared for every query, and whether its text is Latin."""
    object.__setattr__(obj, "fold_c", compact(fold))
    object.__setattr__(obj, "phon_c", compact(phon))
    object.__setattr__(obj, "skel_c", compact(skel))
    object.__setattr__(obj, "latin", is_latin(norm))


def query_keys(query: str) -> QueryKeys:
    """Normalize a query and compute its keys.

    >>> q = query_keys("Karaƅakh")
    >>> q.fold, q.norm_fold, q.steps
    ('karabakh', '', ('look-alike letters of other scripts folded',))
    """
    norm, steps = normalize_explained(query)
    fold, phon, skel = _chain(norm)
    # A query whose look-alikes were folded is not the same text as any alias: case folding
    # would read some of them otherwise ("ſ", a long s that looks like an f, folds to "s").
    lookalikes = not LOOKALIKE_STEPS.isdisjoint(steps)
    return QueryKeys(
        norm=norm,
        norm_fold="" if lookalikes else plain_key(query),
        fold=fold,
        phon=phon,
        skel=skel,
        steps=steps,
    )


def normalized_keys(norm: str) -> QueryKeys:
    """The keys of text that is normalized already (a dictionary form proposed for a
    normalized query): no second pass through the normalization pipeline."""
    fold, phon, skel = _chain(norm)
    return QueryKeys(
        norm=norm, norm_fold=plain_key(norm), fold=fold, phon=phon, skel=skel, steps=()
    )


# -- phones: a name read as consonant classes and vowels, to compare across scripts -------------

#: Letters and digraphs of a fold key, longest first, each read as one phone.
_PHONE = re.compile(
    r"shch|tsch|dzh|sch|tch|tsh|sh|ch|zh|ts|tz|dz|dj|kh|gh|ck|ph|th|[a-z]"
)
#: The class of each phone: labials, velars (and h, which other scripts write for kh),
#: dentals, sibilants and affricates, liquids, m, n; vowels and glides are ``V``.
_PHONE_CLASS = {
    **dict.fromkeys(("b", "p", "f", "v", "w", "ph"), "B"),
    **dict.fromkeys(("k", "g", "q", "c", "x", "h", "kh", "gh", "ck"), "K"),
    **dict.fromkeys(("t", "d", "th"), "T"),
    **dict.fromkeys(
        ("s", "z", "j", "sh", "ch", "zh", "ts", "tz", "dz", "dj", "shch", "tsch", "dzh",
         "sch", "tch", "tsh"),
        "S",
    ),
    **dict.fromkeys(("l", "r"), "R"),
    "m": "M",
    "n": "N",
    **dict.fromkeys("aeiouy", "V"),
}  # fmt: skip
#: Pinyin initials that are sibilants or affricates (x, q, j, c, z, zh, ch, sh), and the nasal
#: coda ng, which Chinese writes for a foreign n ("巴什尼扬", Pashinyan: "ba shi ni yang").
_PINYIN_SIBILANT = re.compile(r"\b(?:zh|ch|sh|[xqjcz])")
_PINYIN_NG = re.compile(r"ng\b")
#: Languages whose Latin c is an affricate (Azerbaijani and Turkish "dzh", Slavic, Baltic,
#: Hungarian and Albanian "ts"), and the scientific transliterations (``ru-Latn``, ...).
_C_AFFRICATE = frozenset(
    {"az", "tr", "tk", "crh", "gag", "ku", "kmr", "sq", "pl", "cs", "sk", "hr", "bs", "sr",
     "sl", "hu", "lv", "lt", "hsb", "dsb", "szl"}
)  # fmt: skip
#: Word-final heh, teh marbuta (unified with heh) and Hebrew he: a vowel ending ("قره", "אזה").
_FINAL_VOWEL_H = re.compile("[\u0647\u05d4](?=\\s|$)")
#: The Arabic article, which a transcribed foreign name does not have ("الحسن", al-Hasan).
_ARTICLE = re.compile("(?<!\\S)\u0627\u0644(?=\\S\\S)")
#: Waw (Arabic w, Hebrew v but at the start of a word) is a vowel letter more often than not:
#: "ناغورنو", "נגורנו" (Nagorno).
_VOWEL_WAW = re.compile(r"w|(?<=\w)v")

Phone = tuple[str, str]


def phones(fold: str, *, pinyin: bool = False, lang: str | None = None) -> tuple[Phone, ...]:
    """The phones of a fold key as (class, letters), doubled phones once. With ``pinyin``, the
    key is read as Han readings: sibilant initials and the coda ng are read as Chinese
    transcriptions of foreign names use them. A lone c is a velar, but an affricate in the
    Latin spelling of a language (``lang``) that writes it so ("Kəlbəcər", Kalbajar).

    >>> [c for c, _ in phones("nakhchivan")], [c for c, _ in phones("bi shi kai ke", pinyin=True)]
    (['N', 'V', 'K', 'S', 'V', 'B', 'V', 'N'], ['B', 'V', 'S', 'V', 'K', 'V', 'V', 'K', 'V'])
    """
    if pinyin:
        fold = _PINYIN_NG.sub("n", _PINYIN_SIBILANT.sub("s", fold))
    affricate_c = lang is not None and (
        lang.endswith("-Latn") or lang.split("-")[0] in _C_AFFRICATE
    )
    out: list[Phone] = []
    for m in _PHONE.finditer(fold):
        p = m.group(0)
        if out and out[-1][1] == p:
            continue
        cls = "S" if p == "c" and affricate_c else _PHONE_CLASS[p]
        out.append((cls, p))
    return tuple(out)


def sound_class_key(ph: tuple[Phone, ...]) -> str:
    """The consonant classes of ``ph`` in order, a class repeated once.

    >>> sound_class_key(phones("medvedev")), sound_class_key(phones("mdfydyf"))
    ('MTBTB', 'MTBTB')
    """
    out: list[str] = []
    for c, _ in ph:
        if c != "V" and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


def reading_phones(norm: str, script: str) -> tuple[Phone, ...]:
    """The phones of normalized text of ``script`` (an ISO 15924 code) as its letters are
    read: a word-final heh or he of the Arabic and Hebrew scripts is a vowel ending, kana are
    read with their small kana joined (:mod:`namenorm.text.kana`), and Han is read through its
    pinyin.

    >>> sound_class_key(reading_phones("قره باغ", "Arab")), sound_class_key(phones("karabagh"))
    ('KRBK', 'KRBK')
    """
    if script in ("Arab", "Hebr"):
        norm = _FINAL_VOWEL_H.sub("", fold_variants(_ARTICLE.sub("", norm), vowel_letters=True))
        return phones(_VOWEL_WAW.sub("u", fold_normalized(norm, vowel_letters=True)))
    if has_kana(norm):
        norm = kana_to_latin(norm)
    return phones(fold_normalized(norm), pinyin=script == "Hani")
