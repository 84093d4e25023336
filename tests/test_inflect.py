"""Inflected forms: suffix rules per language, the resolver's fallback, and mentions in text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import namenorm
from namenorm import Config, Entity, Gazetteer, Name, Resolver
from namenorm.matching.inflect import Stem, stem_phrase, strip_inflection
from namenorm.matching.reference import brute_force

MULTILINGUAL = Path(__file__).parent / "data" / "multilingual.tsv"


def _rows():
    for line in MULTILINGUAL.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _golden():
    for row in _rows():
        query, expected, lang, kind = row[:4]
        marks = (
            [pytest.mark.xfail(strict=True, reason="known failure, see docs/benchmarks.md")]
            if len(row) > 4 and row[4] == "xfail"
            else []
        )
        yield pytest.param(query, expected or None, id=f"{lang}:{kind}:{query}", marks=marks)


@pytest.mark.parametrize(("query", "expected"), list(_golden()))
def test_multilingual_golden(bundled, query, expected):
    match = bundled.resolve(query)
    assert (match.id if match else None) == expected, bundled.candidates(query, limit=3)


def test_golden_set_covers_every_language_with_endings_and_ordinary_words():
    rows = list(_rows())
    langs = {r[2] for r in rows}
    for lang in ("ru", "uk", "hy", "az", "tr", "ka", "pl", "cs", "sk"):
        assert lang in langs
        assert any(r[2] == lang and r[1] for r in rows), lang
    for lang in ("ru", "uk", "hy", "az", "tr", "ka", "pl", "cs", "ar"):
        assert any(r[2] == lang and r[3] == "ordinary" for r in rows), lang
    for lang in ("fa", "ar", "el", "he", "ja", "zh", "hi"):
        assert any(r[2] == lang and r[1] for r in rows), lang


# -- strip_inflection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem", "ending"),
    [
        ("Ереване", "Ереван", "е"),
        ("Армении", "Армения", "ии"),
        ("Шушинского", "Шушинский", "ского"),
        ("Карабасі", "Карабах", "сі"),
        ("Երևանում", "Երևան", "ում"),
        ("Մոսկվայում", "Մոսկվա", "յում"),
        ("Բաքվում", "Բաքու", "ում"),
        ("ՀԱՊԿ-ի", "ՀԱՊԿ", "ի"),
        ("Bakıda", "Bakı", "da"),
        ("Bakının", "Bakı", "nın"),
        ("İstanbul'da", "İstanbul", "da"),
        ("Ankara-nın", "Ankara", "nın"),
        ("Tiflis'te", "Tiflis", "te"),
        ("Gəncəyə", "Gəncə", "yə"),
        ("თბილისში", "თბილისი", "ში"),
        ("ერევნის", "ერევანი", "ის"),
        ("კობახიძის", "კობახიძე", "ის"),
        ("Erywaniu", "Erywań", "niu"),
        ("Stepanakercie", "Stepanakert", "cie"),
        ("Jerevanu", "Jerevan", "u"),
        ("وأرمينيا", "أرمينيا", "و"),
        ("ובירוואן", "ירוואן", "וב"),
        ("Azerbaijan's", "Azerbaijan", "'s"),
    ],
)
def test_strip_inflection_proposes_the_dictionary_form(word, stem, ending):
    stems = strip_inflection(word)
    assert any(s.stem == stem and s.ending == ending for s in stems), stems


def test_vowel_harmony_and_buffers_are_checked():
    def stems(word: str) -> set[str]:
        return {s.stem for s in strip_inflection(word, "tr")}

    assert "Bakı" in stems("Bakıda") and "Bakı" not in stems("Bakıde")  # e after ı
    assert "Bakı" in stems("Bakıya") and "Bakı" not in stems("Bakıa")  # buffer y
    assert "Gəncə" in stems("Gəncədə") and "Gəncə" not in stems("Gəncəda")
    assert "İstanbul" in stems("İstanbulun") and "İstanbul" not in stems("İstanbulnın")
    assert "Paris" in stems("Paris'te") and "Ankara" not in stems("Ankarate")  # t after voiceless


def test_lower_case_words_of_cased_scripts_are_left_alone():
    assert strip_inflection("путина") == []
    assert strip_inflection("ереване") == []
    assert strip_inflection("ереване", lowercase_ok=True)
    assert strip_inflection("ОБСЕ") == []  # an abbreviation: no ending


def test_lang_hint_keeps_one_language():
    assert {s.lang for s in strip_inflection("Еревані", "uk")} <= {"uk", "ru/uk"}
    assert all("ka" == s.lang for s in strip_inflection("თბილისში", "ka"))
    assert strip_inflection("Bakıda", "ru") == []


def test_strip_inflection_rejects_non_str():
    with pytest.raises(TypeError):
        strip_inflection(None)  # type: ignore[arg-type]


def test_stem_phrase_replaces_words_and_describes_the_removal():
    variants = stem_phrase("Нагорного Карабаха")
    hit = next(v for v in variants if v.text == "Нагорный Карабах")
    assert hit.ending == "ого а"
    assert "genitive" in hit.describe()
    assert all(isinstance(s, Stem) for v in variants for s in v.stems)
    assert stem_phrase("Stepanakert") == []


# -- the resolver's fallback --------------------------------------------------------------------


def test_match_reports_the_removed_ending(bundled):
    m = bundled.resolve("Երևանում")
    assert (m.id, m.ending, m.method) == ("yerevan", "ում", "exact")
    assert any(step.startswith("inflection: removed hy locative -ում") for step in m.explanation)
    assert m.score == pytest.approx(bundled.config.inflected)
    assert m.to_dict()["ending"] == "ում"
    assert bundled.resolve("Yerevan").ending is None


def test_a_name_as_it_stands_is_not_read_as_an_inflected_form(bundled):
    # "Шуши" is itself a name of Shusha; it also looks like a genitive of "Шуша".
    m = bundled.resolve("Шуши")
    assert (m.id, m.ending, m.score) == ("shusha", None, 1.0)
    # "Azerbaijani" is a demonym, not "Azerbaijan" with a Turkish accusative -i.
    m = bundled.resolve("Azerbaijani")
    assert (m.id, m.alias_kind, m.ending) == ("azerbaijan", "demonym", None)
    assert all(c.ending is None for c in bundled.candidates("Martuni", limit=5))


def test_stems_must_match_well_not_fuzzily():
    g = Gazetteer([Entity("yerevan", "place", "Yerevan", names=(Name("Ереван", lang="ru"),))])
    r = Resolver(g)
    assert r.resolve("Ереване").id == "yerevan"
    assert r.resolve("Еревоне") is None or r.resolve("Еревоне").ending is None
    strict = Resolver(g, config=Config(inflected=0.5))
    m = strict.resolve("Ереване")  # the factor is applied: only the direct fuzzy match is left
    assert m is None or m.ending is None


def test_inflected_lookups_agree_with_brute_force(bundled):
    rows = [r for r in _rows() if r[1]]
    for query in [r[0] for r in random.Random(8).sample(rows, 40)]:
        fast = [(m.id, m.score, m.method, m.ending) for m in bundled._ranked(query, None)][:10]
        slow = [(m.id, m.score, m.method, m.ending) for m in brute_force(bundled, query)][:10]
        assert fast[:3] == slow[:3], query


# -- mentions in running text -------------------------------------------------------------------

RU = (
    "В Ереване премьер-министр Никол Пашинян встретился с президентом Азербайджана Ильхамом "
    "Алиевым. Переговоры о Нагорном Карабахе прошли при посредничестве России, а Минская группа "
    "ОБСЕ в Степанакерте не работает. Позже Пашинян вылетел в Тбилиси, где обсудил с Ираклием "
    "Кобахидзе ситуацию в Лачинском районе и Шушинского района."
)
RU_GOLD = [
    ("Ереване", "yerevan"), ("Никол Пашинян", "nikol-pashinyan"),
    ("Азербайджана", "azerbaijan"), ("Ильхамом Алиевым", "ilham-aliyev"),
    ("Нагорном Карабахе", "nagorno-karabakh"), ("России", "russia"),
    ("Минская группа ОБСЕ", "osce-minsk-group"), ("Степанакерте", "stepanakert"),
    ("Пашинян", "nikol-pashinyan"), ("Тбилиси", "tbilisi"),
    ("Ираклием Кобахидзе", "irakli-kobakhidze"), ("Лачинском районе", "lachin-district"),
    ("Шушинского района", "shusha-district"),
]  # fmt: skip
HY = (
    "Երևանում վարչապետ Նիկոլ Փաշինյանը հանդիպել է Ադրբեջանի նախագահ Իլհամ Ալիևի հետ։ "
    "Լեռնային Ղարաբաղի հարցը քննարկվել է Ռուսաստանի միջնորդությամբ, իսկ Ստեփանակերտում և "
    "Շուշիում իրավիճակը լարված է։ ՀԱՊԿ-ի և ԵԱՀԿ-ի ներկայացուցիչները ժամանել են Թբիլիսի, "
    "այնուհետև Բաքվում հանդիպել Թուրքիայի ներկայացուցիչների հետ։"
)
HY_GOLD = [
    ("Երևանում", "yerevan"), ("Նիկոլ Փաշինյանը", "nikol-pashinyan"),
    ("Ադրբեջանի", "azerbaijan"), ("Իլհամ Ալիևի", "ilham-aliyev"),
    ("Լեռնային Ղարաբաղի", "nagorno-karabakh"), ("Ռուսաստանի", "russia"),
    ("Ստեփանակերտում", "stepanakert"), ("Շուշիում", "shusha"), ("ՀԱՊԿ-ի", "csto"),
    ("ԵԱՀԿ-ի", "osce"), ("Թբիլիսի", "tbilisi"), ("Բաքվում", "baku"),
    ("Թուրքիայի", "turkey"),
]  # fmt: skip
AZ_TR = (
    "Prezident İlham Əliyev Bakıda Paşinyanla görüşdü, sonra Şuşaya və Xankəndiyə getdi. "
    "ATƏT-in Minsk qrupu. Türkiye'nin Ankara'daki yetkilileri Erdoğan’ın Bakü’ye gideceğini "
    "söyledi; Dağlık Karabağ'da durum sakin."
)
AZ_TR_GOLD = [
    ("İlham Əliyev", "ilham-aliyev"), ("Bakıda", "baku"), ("Paşinyanla", "nikol-pashinyan"),
    ("Şuşaya", "shusha"), ("Xankəndiyə", "stepanakert"),
    ("ATƏT-in Minsk qrupu", "osce-minsk-group"),
    ("Türkiye'nin", "turkey"), ("Ankara'daki", "ankara"), ("Erdoğan’ın", "recep-tayyip-erdogan"),
    ("Bakü’ye", "baku"), ("Dağlık Karabağ'da", "nagorno-karabakh"),
]  # fmt: skip
KA = (
    "თბილისში პრემიერ-მინისტრი ირაკლი კობახიძე შეხვდა სომხეთის პრემიერ-მინისტრს ნიკოლ "
    "ფაშინიანს. ბაქოში ილჰამ ალიევმა განაცხადა, რომ აზერბაიჯანი და საქართველო "
    "თანამშრომლობენ. რუსეთის პრეზიდენტმა პუტინმა ერევანში ჩასვლა დააანონსა."
)
KA_GOLD = [
    ("თბილისში", "tbilisi"), ("ირაკლი კობახიძე", "irakli-kobakhidze"), ("სომხეთის", "armenia"),
    ("ნიკოლ ფაშინიანს", "nikol-pashinyan"), ("ბაქოში", "baku"), ("ილჰამ ალიევმა", "ilham-aliyev"),
    ("აზერბაიჯანი", "azerbaijan"), ("საქართველო", "georgia"), ("რუსეთის", "russia"),
    ("პუტინმა", "vladimir-putin"), ("ერევანში", "yerevan"),
]  # fmt: skip
JA = (
    "ニコル・パシニャン首相はエレバンでアリエフ大統領と会談した。ナゴルノ・カラバフ問題について、"
    "ロシアとトルコも協議した。プーチン大統領はバクーを訪問した。"
)
JA_GOLD = [
    ("ニコル・パシニャン", "nikol-pashinyan"), ("エレバン", "yerevan"), ("アリエフ", "ilham-aliyev"),
    ("ナゴルノ・カラバフ", "nagorno-karabakh"), ("ロシア", "russia"), ("トルコ", "turkey"),
    ("プーチン", "vladimir-putin"), ("バクー", "baku"),
]  # fmt: skip
ZH = (
    "亚美尼亚总理尼科尔·帕希尼扬在埃里温会见了阿塞拜疆总统阿利耶夫。纳戈尔诺-卡拉巴赫问题上，"
    "俄罗斯和土耳其也进行了协商。普京访问了巴库和第比利斯。亞美尼亞總理帕希尼揚在埃里溫表示。"
)
ZH_GOLD = [
    ("亚美尼亚", "armenia"), ("尼科尔·帕希尼扬", "nikol-pashinyan"), ("埃里温", "yerevan"),
    ("阿塞拜疆", "azerbaijan"), ("阿利耶夫", "ilham-aliyev"),
    ("纳戈尔诺-卡拉巴赫", "nagorno-karabakh"), ("俄罗斯", "russia"), ("土耳其", "turkey"),
    ("普京", "vladimir-putin"), ("巴库", "baku"), ("第比利斯", "tbilisi"), ("亞美尼亞", "armenia"),
    ("帕希尼揚", "nikol-pashinyan"), ("埃里溫", "yerevan"),
]  # fmt: skip
HE = (
    "ראש ממשלת ארמניה ניקול פשיניאן נפגש בבאקו עם נשיא אזרבייג׳ן אילהם אלייב. "
    "פוטין ביקר בטביליסי ובירוואן."
)
HE_GOLD = [
    ("ארמניה", "armenia"), ("ניקול פשיניאן", "nikol-pashinyan"), ("בבאקו", "baku"),
    ("אזרבייג׳ן", "azerbaijan"), ("אילהם אלייב", "ilham-aliyev"), ("פוטין", "vladimir-putin"),
    ("בטביליסי", "tbilisi"), ("ובירוואן", "yerevan"),
]  # fmt: skip
FA = "در ایروان، نیکول پاشینیان با الهام علیاف دیدار کرد و درباره قره‌باغ و باکو گفت‌وگو شد."
FA_GOLD = [
    ("ایروان", "yerevan"), ("نیکول پاشینیان", "nikol-pashinyan"), ("الهام علیاف", "ilham-aliyev"),
    ("قره‌باغ", "nagorno-karabakh"), ("باکو", "baku"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "gold"),
    [
        (RU, RU_GOLD), (HY, HY_GOLD), (AZ_TR, AZ_TR_GOLD), (KA, KA_GOLD), (FA, FA_GOLD),
        (JA, JA_GOLD), (ZH, ZH_GOLD), (HE, HE_GOLD),
    ],
    ids=["ru", "hy", "az-tr", "ka", "fa", "ja", "zh", "he"],
)
def test_paragraphs_annotate_with_every_entity_and_whole_forms(text, gold):
    mentions = namenorm.annotate(text)
    assert [(m.text, m.id) for m in mentions] == gold
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_georgian_is_caseless_text_and_its_ordinary_words_stay_unresolved():
    text = (
        "მთავრობის სხდომაზე პრეზიდენტმა ისაუბრა ქალაქის ეკონომიკაზე. ქვეყანაში არჩევნებში "
        "ხალხის მონაწილეობა გაიზარდა, სკოლაში ბავშვებს ომის შესახებ უამბეს."
    )
    assert namenorm.annotate(text) == []


def test_chinese_without_names_gives_no_mention():
    assert namenorm.annotate("今天天气很好，我们去公园散步，然后吃了晚饭。") == []


def test_ordinary_words_in_running_text_stay_unresolved():
    text = (
        "Рана зажила. Карта лежала на столе. Քաղաքում և Գյուղում անձրև էր։ "
        "Evde ve Kapıda kimse yok."
    )
    assert namenorm.annotate(text) == []


def test_a_stem_that_only_sounds_like_an_exonym_needs_the_exonyms_language() -> None:
    # Russian "Грузом" (instrumental of груз, "cargo") less -ом sounds like the Chuvash name of
    # Georgia, Грузи; the same stem against a Russian exonym, a name of no language, or a name
    # that is no exonym (every language inflects foreign names) still counts.
    def resolver(lang: str | None, kind: str = "exonym") -> Resolver:
        names = (Name("Грузи", lang=lang, kind=kind),)
        return Resolver(Gazetteer([Entity("georgia", "place", "Georgia", names=names)]))

    assert resolver("cv").resolve("Грузом") is None
    for r in (resolver("ru"), resolver(None), resolver("cv", "variant")):
        match = r.resolve("Грузом")
        assert match is not None and match.id == "georgia"
    # an exact stem is no matter of sound: Turkish endings on an English name
    assert namenorm.resolve("Londonda").id == "london"


# -- endings of scripts that write names by sound (namenorm/matching/endings_asia.py) ----------


@pytest.mark.parametrize(
    ("word", "stem", "ending"),
    [
        ("아르메니아는", "아르메니아", "는"),  # ko topic
        ("나고르노카라바흐를", "나고르노카라바흐", "를"),  # ko object
        ("아르메니아에서는", "아르메니아", "에서는"),  # ko locative + topic
        ("কারাবাখের", "কারাবাখ", "ের"),  # bn genitive after a consonant
        ("রাশিয়ার", "রাশিয়া", "র"),  # bn genitive after a vowel
        ("কারাবাখে", "কারাবাখ", "ে"),  # bn locative
        ("ஆர்மீனியாவுக்கும்", "ஆர்மீனியா", "வுக்கும்"),  # ta dative + "and"
    ],
)
def test_endings_of_korean_bengali_tamil(word: str, stem: str, ending: str) -> None:
    assert (stem, ending) in [(s.stem, s.ending) for s in strip_inflection(namenorm.normalize(word))]


def test_bengali_genitive_r_follows_a_vowel() -> None:
    # after a bare consonant (খ) a final র is part of the word, no genitive
    assert all(s.ending != "র" for s in strip_inflection("কারাবাখর"))
    assert ("বাকু", "র") in [(s.stem, s.ending) for s in strip_inflection("বাকুর")]


@pytest.mark.parametrize(
    ("query", "eid"),
    [
        ("아르메니아는", "armenia"),  # the stem folds to a Latin alias
        ("나고르노카라바흐를", "nagorno-karabakh"),  # the stem is transcribed
        ("কারাবাখের", "nagorno-karabakh"),  # not Karabagly (Budyonnovsk) read whole
        ("রাশিয়ার", "russia"),  # the stem folds to an alias in another script of India
        ("அசர்பைஜானுக்கும்", "azerbaijan"),
    ],
)
def test_a_stem_written_by_sound_matches_an_alias_in_another_script(query: str, eid: str) -> None:
    match = namenorm.resolve(query)
    assert match is not None and match.id == eid and match.ending is not None


def test_a_cyrillic_stem_still_needs_a_cyrillic_name() -> None:
    # "Русе" less -е proposes "Руся", which folds as the Turkish "Rusya" does: a script written
    # letter by letter keeps the rule that the stem be a name written in it
    assert "Руся" in [s.stem for s in strip_inflection("Русе")]
    assert namenorm.resolve("Русе") is None
