"""Names written by sound in another script, read against Latin aliases
(namenorm/matching/transcribed.py, the phones of namenorm/keys.py)."""

from __future__ import annotations

import itertools
import random

import pytest

import namenorm
from namenorm import Config
from namenorm.keys import phones, query_keys, reading_phones, sound_class_key
from namenorm.matching.candidates import transcribed_ids
from namenorm.matching.transcribed import (
    ABJAD_COSTS,
    SYLLABIC_COSTS,
    ClassTable,
    alignment_cost,
    costs_of,
    transcription_cost,
    within_one,
)


@pytest.fixture(scope="module")
def resolver() -> namenorm.Resolver:
    return namenorm.default_resolver()


# -- phones ---------------------------------------------------------------------------------


def test_a_final_heh_or_he_is_a_vowel_ending() -> None:
    assert sound_class_key(reading_phones("قرة باخ", "Arab")) == "KRBK"
    assert sound_class_key(reading_phones("אזה", "Hebr")) == "S"


def test_waw_is_a_vowel_letter_in_an_abjad_reading() -> None:
    # "ناغورنو" ends in waw: the o of Nagorno, no consonant
    assert sound_class_key(reading_phones("ناغورنو", "Arab")) == sound_class_key(phones("nagorno"))
    # ... while a Latin w is a consonant ("war")
    assert sound_class_key(phones("war")) == "BR"


def test_the_arabic_article_is_no_part_of_a_transcribed_name() -> None:
    assert sound_class_key(reading_phones("الحسن", "Arab")) == "KSN"


def test_medial_vowel_letters_are_kept_for_the_reading() -> None:
    vowels = [p for c, p in reading_phones("ميرزويان", "Arab") if c == "V"]
    assert len(vowels) >= 3  # the fold key drops them; the reading needs them


def test_pinyin_initials_and_the_nasal_coda() -> None:
    assert sound_class_key(reading_phones("赞格祖尔", "Hani")) == sound_class_key(phones("zangezur"))
    assert sound_class_key(phones("xiao", pinyin=True)) == "S"
    assert sound_class_key(phones("xiao")) == "K"
    assert sound_class_key(phones("yang", pinyin=True)) == "N"


def test_c_is_an_affricate_in_the_languages_that_write_it_so() -> None:
    assert sound_class_key(phones("kalbacar", lang="az")) == "KRBSR"
    assert sound_class_key(phones("kalbacar", lang="en")) == "KRBKR"
    assert sound_class_key(phones("carevic", lang="ru-Latn")) == "SRBS"


# -- costs and the table --------------------------------------------------------------------


def test_scripts_written_letter_by_letter_are_not_transcribed() -> None:
    for script in ("Latn", "Cyrl", "Armn", "Geor", "Grek"):
        assert costs_of(script) is None
    assert costs_of("Arab") is ABJAD_COSTS
    assert costs_of("Hang") is SYLLABIC_COSTS


def test_an_abjad_leaves_short_vowels_out_cheaply() -> None:
    unwritten = alignment_cost(phones("mdfydyf"), phones("medvedev"), ABJAD_COSTS)
    other = alignment_cost(phones("mdfydyf"), phones("mankadev"), ABJAD_COSTS)
    assert unwritten < 1.5 < other


def test_a_syllabic_script_adds_vowels_cheaply() -> None:
    added = alignment_cost(phones("agedamu"), phones("agdam"), SYLLABIC_COSTS)
    assert added == pytest.approx(2 * SYLLABIC_COSTS.added_vowel)


def test_within_one_is_one_levenshtein_edit() -> None:
    assert within_one("KRBK", "KRBK")
    assert within_one("KRBK", "KRBSK")
    assert within_one("KRBK", "KRTK")
    assert not within_one("KRBK", "RKBK")  # a swap is two edits here
    assert not within_one("KRBK", "KRBSSK")
    assert not within_one("KRBK", "KTBS")


def test_the_class_table_finds_every_key_within_one_edit() -> None:
    rng = random.Random(13)
    letters = "BKTSRMN"
    keys = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 8))) for _ in range(600)]
    folds = [("".join(k.lower()), None) for k in keys]  # class letters read as themselves
    table = ClassTable(folds, 5)
    stored = [sound_class_key(phones(f)) for f, _ in folds]
    for query in itertools.islice(stored, 0, 600, 7):
        edited = len(query) >= 5
        got = set(table.ids(query, edited=edited))
        want = {
            i
            for i, k in enumerate(stored)
            if k == query or (edited and len(k) >= 5 and within_one(k, query))
        }
        assert want <= got


# -- lookups ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "eid"),
    [
        ("ديمتري مدفيديف", "dmitry-medvedev"),  # ar
        ("ناغورنو كاراباخ", "nagorno-karabakh"),  # ar
        ("أرارات ميرزويان", "ararat-mirzoyan"),  # ar
        ("زنگیلان", "zangilan"),  # fa, five classes
        ("סטפנקרט", "stepanakert"),  # he
        ("赞格祖尔", "zangezur"),  # zh
        ("이오시프 스탈린", "joseph-stalin"),  # ko
        ("장게주르", "zangezur"),  # ko
        ("サンベル・シャフラマニャン", "samvel-shahramanyan"),  # ja
        ("நகோர்னா-கரபாக்", "nagorno-karabakh"),  # ta
    ],
)
def test_a_transcription_resolves(resolver: namenorm.Resolver, query: str, eid: str) -> None:
    match = resolver.resolve(query)
    assert match is not None and match.id == eid
    assert match.method == "transcribed"


@pytest.mark.parametrize(
    "query",
    [
        "関川",  # two Han characters: a Japanese surname, not Khanjyan
        "刹阑",  # a Chinese given name, not Salyan
        "سهام المحمد",  # two Arabic names are no transcription of one word (Shemokmedi)
        "الحسن",  # al-Hasan: the article is no part of a foreign name
        "الطرابلسي",  # al-Tarabulsi, a surname: a word with the article is Arabic
        "بشرى آل السعيد",
    ],
)
def test_native_names_are_no_transcriptions(resolver: namenorm.Resolver, query: str) -> None:
    match = resolver.resolve(query)
    assert match is None or match.method != "transcribed"


def test_digits_must_agree(resolver: namenorm.Resolver) -> None:
    # the Korean object particle is no "war", and "2020" is not in the query
    match = resolver.resolve("나고르노카라바흐를")
    assert match is None or match.id != "second-nagorno-karabakh-war"
    assert transcription_cost("나고르노카라바흐", "Hang", "2020 nagorno karabakh war", "en") is None
    assert transcription_cost("나고르노카라바흐", "Hang", "nagorno karabakh", "en") is not None


def test_a_query_that_spells_an_alias_gets_no_reading(resolver: namenorm.Resolver) -> None:
    assert resolver.resolve("ارمنستان").method == "exact"  # type: ignore[union-attr]
    assert all(m.method != "transcribed" for m in resolver.candidates("ارمنستان", limit=10))


def test_only_queries_written_by_sound_are_read(resolver: namenorm.Resolver) -> None:
    assert transcribed_ids(resolver.index, query_keys("Медведев Дмитрий")) == []
    assert transcribed_ids(resolver.index, query_keys("Medvedef")) == []
    assert transcribed_ids(resolver.index, query_keys("ديمتري مدفيديف")) != []


def test_running_text_does_not_take_transcriptions(resolver: namenorm.Resolver) -> None:
    assert resolver.resolve("ديمتري مدفيديف") is not None
    scored = resolver.scored("ديمتري مدفيديف", None)
    assert all(m.method != "transcribed" for m, _ in scored)


def test_a_zero_weight_switches_transcription_off(resolver: namenorm.Resolver) -> None:
    off = namenorm.Resolver.from_index(resolver.index.with_config(Config(transcribed=0)))
    assert off.resolve("ديمتري مدفيديف") is None
    assert resolver.resolve("ديمتري مدفيديف") is not None


# -- kana read with their small kana joined (namenorm/text/kana.py) ---------------------------


@pytest.mark.parametrize(
    ("kana", "latin"),
    [
        ("シャ", "sha"),  # unidecode: "shiya"
        ("ニャン", "nyan"),
        ("ツァ", "tsa"),  # unidecode: "tsua"
        ("チェ", "che"),
        ("ティ", "ti"),
        ("ハッサン", "hassan"),  # the small tsu doubles the next consonant
        ("カラバフ", "karabahu"),  # フ stays a velar-like h
        ("ひろみ", "hiromi"),  # hiragana as katakana
        ("アーメン", "amen"),  # the long-vowel mark is dropped
    ],
)
def test_kana_with_small_kana_joined(kana: str, latin: str) -> None:
    from namenorm.text.kana import kana_to_latin

    assert kana_to_latin(kana) == latin


def test_a_long_katakana_name_reads_as_its_latin_spelling(resolver: namenorm.Resolver) -> None:
    match = resolver.resolve("サンベル・シャフラマニャン")
    assert match is not None and match.id == "samvel-shahramanyan"


def test_long_equal_class_keys_are_stronger_evidence() -> None:
    from namenorm.matching.transcribed import Reading

    short, long_ = Reading(0.1, 5, False), Reading(0.1, 10, False)
    assert long_.closeness() > short.closeness() == pytest.approx(0.9)
    assert Reading(0.1, 10, True).closeness() == pytest.approx(0.9)  # not for an edited key
