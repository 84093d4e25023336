"""Arabic-script names read by abjad key (namenorm.mentions.abjad) and their use in annotate."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import namenorm
from namenorm.mentions.abjad import (
    METHOD,
    AbjadKeys,
    abjad_key,
    latin_key,
    readings,
    vowels_fit,
)

# (Latin folded form, the same name as Arabic or Persian write it): consonants and long vowels
TRANSCRIPTIONS = [
    ("goris", "غوريس"),
    ("goris", "گوریس"),
    ("gerasimov", "غيراسيموف"),
    ("mataghis", "ماتاغيس"),
    ("bayramov", "بایراموف"),
    ("kocharyan", "كوتشاريان"),
    ("stepan", "استپان"),
    ("azerbaijan", "آذربایجان"),
    ("karabakh", "قره باغ"),
]


@pytest.fixture(scope="module")
def resolver() -> namenorm.Resolver:
    return namenorm.default_resolver()


@pytest.fixture(scope="module")
def keys(resolver: namenorm.Resolver) -> AbjadKeys:
    return AbjadKeys(resolver.index)


@pytest.mark.parametrize(("latin", "written"), TRANSCRIPTIONS)
def test_a_transcription_has_the_consonants_of_the_latin_name(latin: str, written: str) -> None:
    consonants, vowels = abjad_key(written)
    assert consonants == latin_key(latin)[0]
    assert vowels_fit(vowels, latin_key(latin)[1])


_MARKS = st.sampled_from(["\u0640", "\u064e", "\u0650", "\u0652"])


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([w for _, w in TRANSCRIPTIONS]),
    st.lists(st.tuples(st.integers(0, 20), _MARKS), max_size=4),
)
def test_tatweel_and_vowel_marks_do_not_change_the_key(
    word: str, inserts: list[tuple[int, str]]
) -> None:
    text = word
    for pos, mark in inserts:
        pos = 1 + pos % max(1, len(text) - 1)  # inside the word, never before its first letter
        text = text[:pos] + mark + text[pos:]
    assert abjad_key(text) == abjad_key(word)


def test_a_zero_width_non_joiner_ends_a_word_as_a_space_does() -> None:
    assert abjad_key("قره\u200cباغ") == abjad_key("قره باغ") == abjad_key("قرهٔ باغ".replace("ٔ", ""))


@pytest.mark.parametrize(("arabic", "persian"), [("ي", "ی"), ("ك", "ک")])
def test_arabic_and_persian_letter_forms_give_one_key(arabic: str, persian: str) -> None:
    for _, word in TRANSCRIPTIONS:
        assert abjad_key(word.replace(persian, arabic)) == abjad_key(word.replace(arabic, persian))


def test_a_short_skeleton_must_write_every_vowel() -> None:
    # three consonants: no Latin vowel may be left out (شمال, north, is no Ismayilli)
    assert vowels_fit(("W", "Y", ""), latin_key("goris")[1])
    assert not vowels_fit(("", "Y", ""), latin_key("goris")[1])
    # four consonants and more: one may be left out (رابرت, Robert)
    assert vowels_fit(abjad_key("آسکران")[1], latin_key("askeran")[1])
    assert not vowels_fit(("", "", "", ""), latin_key("mataghis")[1])


def test_readings_need_a_name_like_word(resolver: namenorm.Resolver, keys: AbjadKeys) -> None:
    assert [m.id for m, _ in readings(resolver, keys, "گوریس", None)] == ["goris"]
    assert [m.id for m, _ in readings(resolver, keys, "وگوریس", None)] == ["goris"]
    # a conjunction written apart, an ordinary word, the article: no reading
    assert readings(resolver, keys, "و گوریس", None) == []
    assert readings(resolver, keys, "از گوریس", None) == []
    assert readings(resolver, keys, "الغوريس", None) == []
    assert readings(resolver, keys, "Goris", None) == []
    assert all(m.method == METHOD for m, _ in readings(resolver, keys, "غوريس", None))
    assert readings(resolver, keys, "غوريس", frozenset({"person"})) == []


def test_a_reading_by_abjad_key_needs_the_document() -> None:
    assert namenorm.annotate("دیدار در گوریس برگزار شد.") == []
    found = namenorm.annotate("دیدار در گوریس در ارمنستان برگزار شد.")
    assert [(m.text, m.id) for m in found] == [("گوریس", "goris"), ("ارمنستان", "armenia")]


def test_a_person_named_in_persian_after_the_latin_spelling() -> None:
    found = namenorm.annotate("التقى رابرت کوچاریان بالرئيس في يريفان.")
    assert ("رابرت کوچاریان", "robert-kocharyan") in [(m.text, m.id) for m in found]


def test_the_whole_name_before_the_exact_inner_one() -> None:
    text = "وقال مسؤول إن ناغورنو كاراباخ هادئة وأرمينيا كذلك."
    found = [(m.text, m.id) for m in namenorm.annotate(text)]
    assert ("ناغورنو كاراباخ", "nagorno-karabakh") in found
    assert ("كاراباخ", "nagorno-karabakh") not in found


def test_ordinary_words_stay_words() -> None:
    assert namenorm.annotate("در شمال کشور باران آمد و نظامی‌ها رفتند.") == []


def test_a_frequent_persian_verb_is_no_place() -> None:
    # "داشت" (had) is also the name of a village: a word of the language, it is no mention
    found = namenorm.annotate("او در آن روز در تهران کار داشت و به ارمنستان رفت.")
    assert [m.id for m in found] == ["tehran", "armenia"]
