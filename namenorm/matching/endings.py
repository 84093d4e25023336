"""More Latin-script endings for :mod:`namenorm.matching.inflect`: Hungarian cases, Kurdish
(Kurmanji) oblique and construct endings, the elided articles of French and Italian, and the
case tables of Slovene, Serbian, Croatian, Bosnian and Romanian.

Like every rule of :mod:`namenorm.matching.inflect`, these only *propose* a dictionary form;
the resolver keeps a proposal only when it is a gazetteer name.

* Hungarian adds a case suffix that follows the stem's vowel harmony, and lengthens a final
  -a/-e before it: "Bakuban" (in Baku), "Iránban", "Moszkvába" -> "Moszkva".
* Kurmanji marks a noun in the oblique case or before a modifier (the ezafe) with -ê, -yê after
  a vowel: "Rûsyayê" -> "Rûsya", "Tirkiyeyê" -> "Tirkiye".
* French and Italian elide the article before a vowel, and abbreviations keep it: "l'ONU",
  "d'Arménie", "dell'Armenia". Only an exact name counts after it (the rule is a proclitic).
* German marks the genitive with -s/-es and declines adjectives with -en: "Aserbaidschans",
  "des Kaspischen Meeres" -> "Kaspisches Meer".
* Japanese puts an honorific after a name written in katakana: "パシニャン氏" (Mr Pashinyan),
  "プーチンさん".
* Slovene and Serbo-Croatian decline masculine nouns with -a, -u, -om/-em and Slovene adds a -j-
  after -r ("Vladimirja Putina"); a-stems take -e, -i, -u, -om ("Moskvi" -> "Moskva"), and
  -ija nouns -ije, -iji ("Jermenije"). Romanian adds its definite article: -ul, -ului,
  -a/-ei ("Azerbaidjanul", "Armeniei").

>>> [(s.stem, s.ending) for s in hungarian("Bakuban")]
[('Baku', 'ban')]
>>> [(s.stem, s.ending) for s in kurdish("Rûsyayê")]
[('Rûsya', 'yê')]
>>> [(s.stem, s.ending) for s in elided_article("l'ONU")]
[('ONU', "l'")]
"""

from __future__ import annotations

import re

from namenorm.matching.stems import MIN_STEM, Stem

__all__ = [
    "SOUTH_SLAVIC_ROMANIAN_RULES",
    "elided_article",
    "fits_alphabet",
    "german",
    "hungarian",
    "japanese_honorific",
    "kurdish",
]

_BASIC = "abcdefghijklmnopqrstuvwxyz"
#: The letters each language writes (a name may bring q, w, x, y): a rule of language L reads a
#: word only if every letter of it can be L's, so "Bakıra" (Azerbaijani ı) is no Hungarian case.
_ALPHABETS = {
    "hu": frozenset(_BASIC + "áéíóöőúüű"),
    "ku": frozenset(_BASIC + "çêîşû"),
    "sl": frozenset(_BASIC + "čćđšž"),
    "sr": frozenset(_BASIC + "čćđšž"),
    "hr": frozenset(_BASIC + "čćđšž"),
    "ro": frozenset(_BASIC + "ăâîșțşţ"),
    "de": frozenset(_BASIC + "äöüß"),
}


def fits_alphabet(word: str, langs: str) -> bool:
    """Whether every letter of ``word`` is in the alphabet of one of ``langs`` ("sl/sr/hr");
    languages without a listed alphabet accept any word."""
    letters = {ch for ch in word.casefold() if ch.isalpha()}
    return any(code not in _ALPHABETS or letters <= _ALPHABETS[code] for code in langs.split("/"))


# -- Hungarian -----------------------------------------------------------------------------------
# (back form, front forms, rule): the suffix of a back-vowel stem, then of a front-vowel stem.
_HU_CASES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("ban", ("ben",), "inessive"), ("ba", ("be",), "illative"), ("ból", ("ből",), "elative"),
    ("ra", ("re",), "sublative"), ("ról", ("ről",), "delative"), ("nak", ("nek",), "dative"),
    ("hoz", ("hez", "höz"), "allative"), ("tól", ("től",), "ablative"),
    ("nál", ("nél",), "adessive"), ("val", ("vel",), "instrumental"),
    ("on", ("en", "ön"), "superessive"), ("ig", ("ig",), "terminative"),
)  # fmt: skip
_HU_BACK = set("aáoóuú")
_HU_FRONT = set("eéiíöőüű")
_HU_LENGTHENED = {"á": "a", "é": "e"}
#: Hungarian stems are at least this long: "Baku" (in "Bakuban") but not "Ara" of "Araban".
_MIN_HU_STEM = 4


def hungarian(token: str) -> list[Stem]:
    """Stems of a Hungarian case form whose suffix agrees with the stem's vowel harmony."""
    low = token.casefold()
    if not fits_alphabet(low, "hu"):
        return []
    out = []
    for back, front, rule in _HU_CASES:
        for suffix in (back, *front):
            if not low.endswith(suffix) or len(low) - len(suffix) < _MIN_HU_STEM:
                continue
            base = token[: len(token) - len(suffix)]
            if not _hu_harmony(base.casefold(), suffix is back):
                continue
            out.append(Stem(base, token[len(base) :], rule, "hu"))
            plain = _HU_LENGTHENED.get(base[-1])
            if plain is not None:
                out.append(Stem(base[:-1] + plain, token[len(base) :], rule, "hu"))
    return out


def _hu_harmony(stem: str, back: bool) -> bool:
    """Whether a back (``back``) or front suffix fits the last vowel of ``stem`` (i and í
    are neutral: after them either fits)."""
    last = next((ch for ch in reversed(stem) if ch in _HU_BACK or ch in _HU_FRONT), None)
    if last is None:
        return False
    if last in "ií":
        return True
    return (last in _HU_BACK) == back


# -- Kurmanji ------------------------------------------------------------------------------------
_KU_VOWELS = set("aeêiîouû")
#: Kurmanji stems are at least this long before -ê ("Rûsya"), as the Turkic ones.
_MIN_KU_STEM = 4


def kurdish(token: str) -> list[Stem]:
    """The stem of a Kurmanji noun in the oblique case or the ezafe (-ê, -yê after a vowel)."""
    low = token.casefold()
    if not fits_alphabet(low, "ku"):
        return []
    if low.endswith("yê") and low[-3:-2] in _KU_VOWELS and len(low) - 2 >= _MIN_KU_STEM:
        return [Stem(token[:-2], token[-2:], "oblique/ezafe", "ku")]
    if low.endswith("ê") and low[-2:-1] not in _KU_VOWELS and len(low) - 1 >= _MIN_KU_STEM + 1:
        return [Stem(token[:-1], token[-1:], "oblique/ezafe", "ku")]
    return []


# -- French and Italian --------------------------------------------------------------------------
_ELISION = re.compile(r"(?i)(l|d|dell|all|dall|nell|sull|coll|quell|qu|jusqu|lorsqu|puisqu)'(?=\w)")


def elided_article(token: str) -> list[Stem]:
    """The name after an elided French or Italian article or preposition ("l'ONU",
    "d'Arménie", "dell'Armenia"): a proclitic, so the name must match exactly."""
    m = _ELISION.match(token)
    if m is None:
        return []
    rest = token[m.end() :]
    if len(rest) < MIN_STEM or not rest[0].isupper():
        return []
    return [Stem(rest, token[: m.end()], "proclitic (elided article)", "fr/it")]


# -- Slovene, Serbo-Croatian, Romanian -----------------------------------------------------------
SOUTH_SLAVIC_ROMANIAN_RULES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("ului", ("",), "genitive/dative (article)", "ro"),
    ("iei", ("ia",), "genitive/dative (article)", "ro"),
    ("ul", ("",), "definite article", "ro"),
    ("ei", ("a",), "genitive/dative (article)", "ro"),
    ("ije", ("ija",), "genitive", "sl/sr/hr"),
    ("iji", ("ija",), "dative/locative", "sl/sr/hr"),
    ("rja", ("r",), "genitive (-j- after r)", "sl"),
    ("rju", ("r",), "dative/locative (-j- after r)", "sl"),
    ("om", ("", "a"), "instrumental", "sl/sr/hr"),
    ("em", ("",), "instrumental", "sl/sr/hr"),
    ("e", ("a",), "genitive (a-stem)", "sl/sr/hr"),
    ("i", ("a",), "dative/locative (a-stem)", "sl/sr/hr"),
    ("u", ("", "a"), "dative/locative/accusative", "sl/sr/hr"),
    ("a", ("",), "genitive", "sl/sr/hr"),
)


# -- German --------------------------------------------------------------------------------------
_DE_ENDINGS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("en", ("es", "e", "er"), "weak adjective"),
    ("es", ("",), "genitive"),
    ("s", ("",), "genitive"),
)
#: German stems are at least this long ("Meer" of "Meeres", "Baku" of "Bakus").
_MIN_DE_STEM = 4


def german(token: str) -> list[Stem]:
    """Stems of a German genitive noun or a declined adjective."""
    low = token.casefold()
    if not fits_alphabet(low, "de"):
        return []
    out: list[Stem] = []
    for ending, replacements, rule in _DE_ENDINGS:
        base = token[: len(token) - len(ending)]
        if not low.endswith(ending) or len(base) < _MIN_DE_STEM or base[-1:] in "'-":
            continue
        out.extend(Stem(base + rep, token[len(base) :], rule, "de") for rep in replacements)
    return out


# -- Japanese ------------------------------------------------------------------------------------
_JA_HONORIFICS = ("さん", "さま", "様", "氏", "殿", "君")


def _katakana(text: str) -> bool:
    return all("\u30a0" <= ch <= "\u30ff" for ch in text)


def japanese_honorific(token: str) -> list[Stem]:
    """The katakana name before a Japanese honorific ("パシニャン氏")."""
    for suffix in _JA_HONORIFICS:
        name = token[: len(token) - len(suffix)]
        if token.endswith(suffix) and len(name) >= MIN_STEM and _katakana(name):
            return [Stem(name, suffix, "honorific", "ja")]
    return []
