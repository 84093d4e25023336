"""Letter tables of alphabets that unidecode leaves out: Tifinagh, N'Ko, Ol Chiki and Coptic.

CLDR writes the names of states in these scripts (Standard Moroccan Tamazight and Tachelhit in
Tifinagh, Manding in N'Ko, Santali in Ol Chiki, Coptic), and unidecode has no table for them,
so a name in one of them had no match key at all. Each letter stands for one sound, so a table
of letters is enough; the values follow the letters' Unicode character names (TIFINAGH LETTER
YAB is b, NKO LETTER KA is ka's k, OL CHIKI LETTER AAM is m), with the emphatic and regional
variants of a consonant folded onto it (Tifinagh yadd and yad are both d). Tone marks and
modifier letters are not letters of the key and are dropped where marks are.

>>> "".join(ALPHABETS[ch] for ch in "ⴰⵔⵎⵉⵏⵢⴰ"), "".join(ALPHABETS[ch] for ch in "ᱡᱟᱨᱢᱟᱱᱤ")
('arminya', 'jarmani')
"""

from __future__ import annotations

__all__ = ["ALPHABETS"]

_TIFINAGH = {
    "ⴰ": "a", "ⴱ": "b", "ⴲ": "bh", "ⴳ": "g", "ⴴ": "gh", "ⴵ": "j", "ⴶ": "j", "ⴷ": "d",
    "ⴸ": "dh", "ⴹ": "d", "ⴺ": "dh", "ⴻ": "e", "ⴼ": "f", "ⴽ": "k", "ⴾ": "k", "ⴿ": "kh",
    "ⵀ": "h", "ⵁ": "h", "ⵂ": "h", "ⵃ": "h", "ⵄ": "a", "ⵅ": "kh", "ⵆ": "kh", "ⵇ": "q",
    "ⵈ": "q", "ⵉ": "i", "ⵊ": "zh", "ⵋ": "zh", "ⵌ": "zh", "ⵍ": "l", "ⵎ": "m", "ⵏ": "n",
    "ⵐ": "gn", "ⵑ": "ng", "ⵒ": "p", "ⵓ": "u", "ⵔ": "r", "ⵕ": "r", "ⵖ": "gh", "ⵗ": "gh",
    "ⵘ": "gh", "ⵙ": "s", "ⵚ": "s", "ⵛ": "sh", "ⵜ": "t", "ⵝ": "th", "ⵞ": "ch", "ⵟ": "t",
    "ⵠ": "v", "ⵡ": "w", "ⵢ": "y", "ⵣ": "z", "ⵤ": "z", "ⵥ": "z", "ⵦ": "e", "ⵧ": "o",
    "ⵯ": "",
}  # fmt: skip

_NKO = {
    "ߊ": "a", "ߋ": "e", "ߌ": "i", "ߍ": "e", "ߎ": "u", "ߏ": "o", "ߐ": "o", "ߑ": "", "ߒ": "n",
    "ߓ": "b", "ߔ": "p", "ߕ": "t", "ߖ": "j", "ߗ": "ch", "ߘ": "d", "ߙ": "r", "ߚ": "r",
    "ߛ": "s", "ߜ": "gb", "ߝ": "f", "ߞ": "k", "ߟ": "l", "ߠ": "n", "ߡ": "m", "ߢ": "ny",
    "ߣ": "n", "ߤ": "h", "ߥ": "w", "ߦ": "y", "ߧ": "ny", "ߨ": "j", "ߩ": "ch", "ߪ": "r",
    "ߴ": "", "ߵ": "", "ߺ": "",
}  # fmt: skip

#: Ol Chiki ᱷ (oh) marks the aspiration of the consonant before it: ᱯᱷ is ph.
_OL_CHIKI = {
    "ᱚ": "o", "ᱛ": "t", "ᱜ": "g", "ᱝ": "ng", "ᱞ": "l", "ᱟ": "a", "ᱠ": "k", "ᱡ": "j",
    "ᱢ": "m", "ᱣ": "w", "ᱤ": "i", "ᱥ": "s", "ᱦ": "h", "ᱧ": "ny", "ᱨ": "r", "ᱩ": "u",
    "ᱪ": "ch", "ᱫ": "d", "ᱬ": "n", "ᱭ": "y", "ᱮ": "e", "ᱯ": "p", "ᱰ": "d", "ᱱ": "n",
    "ᱲ": "r", "ᱳ": "o", "ᱴ": "t", "ᱵ": "b", "ᱶ": "v", "ᱷ": "h", "ᱸ": "", "ᱹ": "", "ᱺ": "",
    "ᱻ": "", "ᱼ": "", "ᱽ": "",
}  # fmt: skip

#: Coptic, small letters (the key is case-folded first): the Greek-derived letters as their
#: Greek models, and the six letters taken from Demotic.
_COPTIC = {
    "ⲁ": "a", "ⲃ": "v", "ⲅ": "g", "ⲇ": "d", "ⲉ": "e", "ⲋ": "s", "ⲍ": "z", "ⲏ": "e",
    "ⲑ": "th", "ⲓ": "i", "ⲕ": "k", "ⲗ": "l", "ⲙ": "m", "ⲛ": "n", "ⲝ": "ks", "ⲟ": "o",
    "ⲡ": "p", "ⲣ": "r", "ⲥ": "s", "ⲧ": "t", "ⲩ": "u", "ⲫ": "f", "ⲭ": "kh", "ⲯ": "ps",
    "ⲱ": "o", "ϣ": "sh", "ϥ": "f", "ϧ": "kh", "ϩ": "h", "ϫ": "j", "ϭ": "ch", "ϯ": "ti",
}  # fmt: skip

ALPHABETS: dict[str, str] = {**_TIFINAGH, **_NKO, **_OL_CHIKI, **_COPTIC}
