"""Scripts of letters, and spelling variation inside them: every script test of namenorm.

Which script a letter is in (:func:`script_of`), whether text is Latin (:func:`is_latin`), mostly
Latin (:func:`latin_dominant`), in one script only (:func:`single_script`), in which script most
of its letters are (:func:`detect_script`, as an ISO 15924 code), cased (:func:`is_cased`) or in
an abjad (:func:`has_abjad`): the rest of the package imports these and defines none of
its own.

>>> script_of("ж"), is_latin("Çavuşoğlu"), detect_script("Ստեփանակերտ")
('CYRILLIC', True, 'Armn')

Spelling variation inside other scripts is folded before transliteration.

The same Persian, Arabic, Urdu, Kurdish or Pashto name is written with different code points
for what readers take as one letter: Arabic ي and ى against Persian ی, Arabic ك against Persian
ک, ة against ه, hamza carried on alef, waw or yeh or left out, the elongation tatweel. Alef in
all its forms becomes the key letter ``a`` (unidecode would drop it). Japanese
katakana spells foreign v both as ヴ and as the b-row, and the long-vowel mark ー comes and goes.
:func:`fold_variants` maps each group to one member, so the fold keys of the variants agree.
Arabic-script spellings of foreign names write a vowel with waw or yeh or leave it out
("ستيباناكيرت" and "ستيباناكرت", Stepanakert; "بيلاروس" and "بلاروس", Belarus): a waw or
yeh (or a run of them: "السوفييتي", "السوفيتي") between two other letters of a word is
dropped, so the plene and the defective spelling have one key (at the edges of a word they
stay: "ویلنیوس" keeps its initial v).
Zero-width non-joiners are removed earlier (:func:`namenorm.text.normalize.remove_invisible`), harakat and
niqqud are combining marks that the fold key strips, and the match keys compare text without
spaces, so "قره‌باغ", "قرهباغ" and "قره باغ" already agree. Traditional and simplified Chinese
characters of a name have the same readings, and the fold key transliterates both to the same
pinyin ("亞美尼亞", "亚美尼亚": "ya mei ni ya").

>>> fold_variants("علييف") == fold_variants("علیيف") == fold_variants("علیىف")
True
>>> fold_variants("ヴァ") == fold_variants("バ")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from namenorm.text.confusables import TO_LATIN

__all__ = [
    "detect_script",
    "fold_variants",
    "has_abjad",
    "is_cased",
    "is_latin",
    "latin_dominant",
    "latin_majority",
    "script_of",
    "single_script",
]


@lru_cache(maxsize=8192)
def script_of(ch: str) -> str:
    """The script of a letter as the first word of its Unicode name ("LATIN", "CYRILLIC", ...).

    Digits, punctuation and unnamed characters give ``"COMMON"``; combining marks give
    ``"INHERITED"``.

    >>> script_of("ж"), script_of("ա"), script_of("a"), script_of("-")
    ('CYRILLIC', 'ARMENIAN', 'LATIN', 'COMMON')
    """
    cat = unicodedata.category(ch)
    if cat.startswith("M"):
        return "INHERITED"
    if not cat.startswith("L"):
        return "COMMON"
    name = unicodedata.name(ch, "")
    if not name:
        return "COMMON"
    first = name.split(" ", 1)[0]
    if first in ("CJK", "KANGXI"):
        return "HAN"
    if first in ("OLD", "NEW", "TAI", "CANADIAN", "LINEAR", "MEETEI", "SYLOTI", "PAU"):
        return " ".join(name.split(" ", 2)[:2])
    return first


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter.

    >>> is_latin("Çavuşoğlu 1994"), is_latin("Чавушоглу")
    (True, False)
    """
    return text.isascii() or all(script_of(ch) == "LATIN" for ch in text if ch.isalpha())


# Runs, counted by their lengths: one match per word, not one per letter (a list of 100,000
# one-letter strings for a 100,000-letter word was most of the work of annotating it).
_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")


def latin_dominant(text: str, *, lookalikes: Literal["skip", "count"] = "skip") -> bool:
    """True when Latin letters outnumber all other letters of ``text``.

    ``lookalikes`` says how look-alike letters (:data:`~namenorm.text.confusables.TO_LATIN`)
    count:

    - ``"skip"``: they count for neither side, and only letters (``str.isalpha``) count at all.
      This is what folding look-alikes asks (:func:`fold_homoglyphs`): whether a word of
      look-alikes stands in Latin text must not depend on the look-alikes themselves.
    - ``"count"``: every word character that is not a digit or ``_`` counts, a look-alike by the
      script it is written in (a Cyrillic "а" against Latin, a Latin "ƅ" for it) and a numeric
      sign such as "²" against Latin. This is how mention detection sees a document
      (:mod:`namenorm.mentions`); it is counted fast, ASCII letters against all letters first.

    >>> latin_dominant("Баку и Stepanakert"), latin_dominant("Баку и Stepanakert", lookalikes="count")
    (True, True)
    >>> latin_dominant("аеорс Baku"), latin_dominant("аеорс Baku", lookalikes="count")
    (True, False)
    """
    if lookalikes == "count":
        letters = sum(map(len, _LETTERS.findall(text)))
        ascii_letters = sum(map(len, _ASCII_LETTERS.findall(text)))
        if ascii_letters * 2 > letters:
            return True
        latin = ascii_letters + sum(
            1 for ch in text if not ch.isascii() and ch.isalpha() and script_of(ch) == "LATIN"
        )
        return latin * 2 > letters
    if lookalikes != "skip":
        raise ValueError(f"lookalikes must be 'skip' or 'count', not {lookalikes!r}")
    latin = other = 0
    for ch in text:
        if ch in TO_LATIN or not ch.isalpha():
            continue
        if script_of(ch) == "LATIN":
            latin += 1
        else:
            other += 1
    return latin > other


def latin_majority(word: str, *, ignore: str = "") -> bool:
    """Whether the Latin letters of ``word`` outnumber its other letters (look-alikes count
    as letters of their own script; the characters of ``ignore`` do not count).

    >>> latin_majority("Ermәnistan", ignore="әӘ"), latin_majority("Азәрбајҹан", ignore="әӘ")
    (True, False)
    """
    latin = other = 0
    for ch in word:
        if not ch.isalpha():
            continue
        if script_of(ch) == "LATIN":
            latin += 1
        elif ch not in ignore:
            other += 1
    return latin > other


def single_script(word: str) -> str | None:
    """The one script of the letters of ``word`` (combining marks aside), or None for none or
    several.

    >>> single_script("Bakıda"), single_script("Azeгbaijan")
    ('LATIN', None)
    """
    scripts = {script_of(ch) for ch in word if ch.isalpha()}
    scripts.discard("INHERITED")
    return scripts.pop() if len(scripts) == 1 else None


_CASED = frozenset({"LATIN", "CYRILLIC", "ARMENIAN", "GREEK"})


def is_cased(script: str) -> bool:
    """Whether names of ``script`` (a :func:`script_of` name) are written with a capital."""
    return script in _CASED


_SCRIPT_CODES = {
    "LATIN": "Latn", "CYRILLIC": "Cyrl", "ARMENIAN": "Armn", "GEORGIAN": "Geor",
    "ARABIC": "Arab", "GREEK": "Grek", "HEBREW": "Hebr", "HAN": "Hani", "HIRAGANA": "Hira",
    "KATAKANA": "Kana", "HANGUL": "Hang", "DEVANAGARI": "Deva", "BENGALI": "Beng",
    "THAI": "Thai", "SYRIAC": "Syrc", "ETHIOPIC": "Ethi", "GUJARATI": "Gujr",
    "GURMUKHI": "Guru", "TAMIL": "Taml", "TELUGU": "Telu", "KANNADA": "Knda",
    "MALAYALAM": "Mlym", "SINHALA": "Sinh", "KHMER": "Khmr", "MONGOLIAN": "Mong",
    "TIBETAN": "Tibt", "LAO": "Laoo", "MYANMAR": "Mymr",
}  # fmt: skip


def detect_script(text: str) -> str:
    """ISO 15924 code of the script most letters of ``text`` are in (``Zyyy`` if none).

    >>> detect_script("Ստեփանակերտ"), detect_script("Xankəndi"), detect_script("1994")
    ('Armn', 'Latn', 'Zyyy')
    """
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            s = script_of(ch)
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return "Zyyy"
    best = max(sorted(counts), key=lambda s: counts[s])
    return _SCRIPT_CODES.get(best, "Zzzz")


_ABJAD = re.compile(
    "[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
)


@lru_cache(maxsize=16384)
def has_abjad(text: str) -> bool:
    """Whether ``text`` has letters of the Hebrew or Arabic script (whose keys are consonant
    skeletons).

    >>> has_abjad("ایروان"), has_abjad("Yerevan")
    (True, False)
    """
    return _ABJAD.search(text) is not None


# -- spelling variants inside a script ------------------------------------------------------

_ARABIC = {
    # yeh: Arabic, alef maksura, Farsi, yeh with hamza, Pashto and Urdu yehs
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0626": "\u06cc", "\u06d0": "\u06cc",
    "\u06cd": "\u06cc", "\u06d2": "\u06cc", "\u06ce": "\u06cc",
    # kaf: Arabic against Persian keheh, Pashto and Urdu forms
    "\u0643": "\u06a9", "\u06aa": "\u06a9",
    # heh and teh marbuta: Urdu heh goal, do-chashmi heh, Kurdish ae
    "\u0629": "\u0647", "\u06c1": "\u0647", "\u06c3": "\u0647", "\u06be": "\u0647",
    "\u06d5": "\u0647",
    # alef, with hamza or madda, wasla: one letter, kept in the key as "a" (unidecode drops
    # the bare alef, and then "قطار" (a train) and "قطر" (Qatar) would share a key)
    "\u0627": "a", "\u0623": "a", "\u0625": "a", "\u0622": "a", "\u0671": "a",
    "\u0672": "a", "\u0673": "a",
    # waw with hamza, Kurdish waws
    "\u0624": "\u0648", "\u06c6": "\u0648", "\u06c7": "\u0648",
    # bare hamza and tatweel carry no letter
    "\u0621": "", "\u0640": "",
}  # fmt: skip

_KATAKANA = {
    "ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴ": "ブ", "ー": "", "・": " ",
    "＝": " ", "゠": " ",
}  # fmt: skip

_TABLE = str.maketrans(_ARABIC)
_AR_LETTER = "\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff"
_HARAKAT = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
#: Waws and (unified) yehs between two Arabic letters that are not themselves waw or yeh.
_MEDIAL_VOWEL_LETTER = re.compile(
    f"(?<=[{_AR_LETTER}])(?<![\u0648\u06cc])[\u0648\u06cc]+(?=[{_AR_LETTER}])"
)


def fold_variants(text: str, *, vowel_letters: bool = False) -> str:
    """Unify letter variants of the Arabic script and of katakana (see the module docstring).
    With ``vowel_letters``, medial waw and yeh are kept (a reading of the name's sounds needs
    them: "ميرزويان", Mirzoyan, writes its o and its ya).

    >>> fold_variants("ميرزويان", vowel_letters=True) == "م\u06ccرز\u0648\u06ccaن"
    True
    """
    if text.isascii():
        return text
    text = text.translate(_TABLE)
    if has_abjad(text):
        # harakat (which the fold key strips anyway) must not hide a letter's neighbours
        text = _HARAKAT.sub("", text)
        if not vowel_letters:
            text = _MEDIAL_VOWEL_LETTER.sub("", text)
    if any("\u30a0" <= ch <= "\u30ff" for ch in text):
        for variant, base in _KATAKANA.items():
            text = text.replace(variant, base)
    return text
