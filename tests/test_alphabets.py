"""Keys of the alphabets unidecode lacks (Tifinagh, N'Ko, Ol Chiki, Coptic): real state names
as CLDR writes them read back to Latin, and every letter of those blocks has a key."""

from __future__ import annotations

import unicodedata

import pytest

from namenorm.keys import fold_key
from namenorm.text.alphabets import ALPHABETS

#: Unicode blocks of the four alphabets (first, last code point).
BLOCKS = {
    "Tifinagh": (0x2D30, 0x2D7F),
    "N'Ko": (0x07C0, 0x07FF),
    "Ol Chiki": (0x1C50, 0x1C7F),
    "Coptic": (0x2C80, 0x2CB1),
}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ⴰⵔⵎⵉⵏⵢⴰ", "arminya"),  # Armenia in Standard Moroccan Tamazight
        ("ⴰⵍⵎⴰⵏⵢⴰ", "almanya"),  # Germany
        ("ⵉⵡⵓⵏⴰⴽ ⵎⵓⵏⵏⵉⵏ ⵏ ⵎⵉⵔⵉⴽⴰⵏ", "iwunak munnin n mirikan"),  # a phrase keeps its words
        ("ߊߙߑߡߋߣߌ߫", "armeni"),  # N'Ko: the tone mark is dropped, dagbasinna is silent
        ("ߝߊ߬ߙߊ߲߬ߛߌ߫", "farasi"),  # France
        ("ᱯᱷᱨᱟᱱᱥ", "phrans"),  # Santali: ᱷ aspirates the letter before it
        ("ᱡᱟᱨᱢᱟᱱᱤ", "jarmani"),
        ("ⲣⲱⲥⲓⲁ̀", "rosia"),  # Coptic: the combining grave is a mark
        ("ⲅⲉⲣⲙⲁⲛⲓⲁ̀", "germania"),
        ("ϯⲁⲣⲙⲉⲛⲓⲁ̀", "tiarmenia"),
    ],
)
def test_cldr_names_in_these_alphabets_get_latin_keys(text, key):
    assert fold_key(text) == key


def test_coptic_capitals_fold_like_small_letters():
    assert fold_key("ⲄⲈⲢⲘⲀⲚⲒⲀ") == fold_key("ⲅⲉⲣⲙⲁⲛⲓⲁ") == "germania"


@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_every_letter_of_the_block_has_a_key(block):
    first, last = BLOCKS[block]
    letters = [chr(c) for c in range(first, last + 1)
               if unicodedata.category(chr(c)) in ("Lo", "Ll", "Lu")]
    assert letters
    keyless = [ch for ch in letters if not fold_key(ch) and ALPHABETS.get(ch.casefold()) != ""]
    assert keyless == []


def test_table_values_are_lowercase_ascii():
    assert all(v == "" or (v.isascii() and v.isalpha() and v.islower())
               for v in ALPHABETS.values())
