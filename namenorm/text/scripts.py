"""Spelling variation inside other scripts, folded before transliteration.

The same Persian, Arabic, Urdu, Kurdish or Pashto name is written with different code points
for what readers take as one letter: Arabic ي and ى against Persian ی, Arabic ك against Persian
ک, ة against ه, hamza carried on alef, waw or yeh or left out, the elongation tatweel. Alef in
all its forms becomes the key letter ``a`` (unidecode would drop it). Japanese
katakana spells foreign v both as ヴ and as the b-row, and the long-vowel mark ー comes and goes.
:func:`fold_variants` maps each group to one member, so the fold keys of the variants agree.
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

__all__ = ["fold_variants"]

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


def fold_variants(text: str) -> str:
    """Unify letter variants of the Arabic script and of katakana (see the module docstring)."""
    if text.isascii():
        return text
    text = text.translate(_TABLE)
    if any("\u30a0" <= ch <= "\u30ff" for ch in text):
        for variant, base in _KATAKANA.items():
            text = text.replace(variant, base)
    return text
