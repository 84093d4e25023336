"""Text folding: invisible characters, punctuation, homoglyphs, fragments."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from namenorm import normalize
from namenorm.text.confusables import TO_LATIN
from namenorm.text.normalize import GAP, fold_homoglyphs, mark_fragments, remove_invisible, unify_punctuation

from .conftest import seed_text

LATIN_OF = {}
for _char, _latin in TO_LATIN.items():
    LATIN_OF.setdefault(_latin, []).append(_char)


def test_invisible_characters_are_removed_and_spaces_unified():
    assert remove_invisible("Ba\u200bku\u00ad\u200e\u2066") == "Baku"
    assert remove_invisible("Nagorno\u00a0Karabakh\u3000x") == "Nagorno Karabakh x"
    assert remove_invisible("\ufeffBaku\ufe0f") == "Baku"


def test_fullwidth_forms_are_unified():
    assert normalize("ＢＡＫＵ") == "BAKU"


def test_quotes_apostrophes_and_dashes_are_unified():
    assert unify_punctuation("P’ashinyan P`ashinyan Pʼashinyan") == "P'ashinyan " * 2 + "P'ashinyan"
    assert unify_punctuation("Nagorno‐Karabakh – Nagorno—Karabakh") == "Nagorno-Karabakh - Nagorno-Karabakh"
    assert unify_punctuation("«Karabakh» “Baku”") == '"Karabakh" "Baku"'


def test_homoglyphs_inside_latin_words_fold():
    assert fold_homoglyphs("Azeгbaijan Karaƅakh Ɍussia ᛕarabakh t᧐") == "Azerbaijan Karabakh Russia Karabakh to"


def test_words_wholly_in_another_script_are_left_alone():
    assert fold_homoglyphs("Ходжалы Ереван") == "Ходжалы Ереван"
    assert fold_homoglyphs("сор") == "сор"  # all look-alikes, but in no Latin context


def test_all_lookalike_word_folds_in_latin_context():
    # "Тһе" is Cyrillic T, shha and ie: in an English sentence it is the word "The".
    assert normalize("Тһе shelling in Karabakh") == "The shelling in Karabakh"


def test_every_lookalike_of_seed_001_folds():
    text = seed_text("001")
    out = normalize(text)
    foreign = sorted({c for c in out if not c.isascii() and unicodedata.category(c)[0] == "L"})
    assert foreign == [], [unicodedata.name(c) for c in foreign]
    assert "Azerbaijan" in out and "Karabakh" in out and "Russia" in out


def test_injected_fragments_become_gaps():
    assert mark_fragments("Mevl চা t ভ avu ও o ্ল lu") == f"Mevl{GAP}t{GAP}avu{GAP}o{GAP}lu"
    assert mark_fragments("Ilham Aliyev and Ходжалы") == "Ilham Aliyev and Ходжалы"


def test_fragments_in_seed_003_are_marked():
    out = normalize(seed_text("003"))
    assert f"Mevl{GAP}t{GAP}avu{GAP}o{GAP}lu" in out


@given(st.text(max_size=60))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_normalize_output_has_no_invisible_characters(text):
    out = normalize(text)
    assert not any(unicodedata.category(c) in ("Cf", "Cc", "Cs", "Co", "Cn") for c in out)
    assert out == out.strip() and "  " not in out


@given(st.lists(st.sampled_from(sorted(LATIN_OF)), min_size=3, max_size=12), st.data())
def test_homoglyph_injection_folds_back(letters, data):
    word = "".join(letters).lower()
    # Replace some letters (not all) by a look-alike of the same letter.
    chars = list(word)
    positions = data.draw(st.sets(st.integers(0, len(chars) - 1), max_size=len(chars) - 1))
    for i in positions:
        chars[i] = data.draw(st.sampled_from(LATIN_OF[chars[i]])) if chars[i] in LATIN_OF else chars[i]
    assert fold_homoglyphs("".join(chars)).lower() == word
