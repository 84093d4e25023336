"""Name structure (namenorm/matching/structure.py): golden cases, properties, the lexicon."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from namenorm.matching.lexicon import lexicon, lexicon_dir
import namenorm
from namenorm.matching.structure import MAX_PHRASE, Step, describe, readings

STRUCTURE = Path(__file__).parent / "data" / "structure.tsv"


def _golden():
    for line in STRUCTURE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        query, expected, category = cells[:3]
        marks = (
            [pytest.mark.xfail(strict=True, reason="known failure of name structure")]
            if len(cells) > 3 and cells[3] == "xfail"
            else []
        )
        yield pytest.param(query, expected or None, id=f"{category}:{query}", marks=marks)


@pytest.mark.parametrize(("query", "expected"), list(_golden()))
def test_structure_golden(bundled, query, expected):
    match = bundled.resolve(query)
    assert (match.id if match else None) == expected, [
        (r.text, r.steps) for r in readings(query)
    ]


# -- explanations -----------------------------------------------------------------------------


def test_explanation_names_the_steps(bundled):
    m = bundled.resolve("Ilham Heydar oglu Aliyev")
    assert m.id == "ilham-aliyev" and m.query == "Ilham Heydar oglu Aliyev"
    assert "structure: patronymic 'Heydar oglu' set aside" in m.explanation
    assert any("agrees with the father's name Heydar" in s for s in m.explanation)
    # (not "Алиев И.": the gazetteer has Ilham and Intigam Aliyev, so that initial cannot decide)
    m = bundled.resolve("Пашинян Н.")
    assert "structure: initial 'Н.' agrees with Никол" in m.explanation
    m = bundled.resolve("Yerevan, Armenia")
    assert "structure: qualifier 'Armenia' agrees: country armenia" in m.explanation
    m = bundled.resolve("Misha Saakashvili")
    assert "structure: given name Misha ~ Mikheil (hypocorism)" in m.explanation
    assert m.score < 1.0 and m.explanation[-1].startswith("accepted:")


def test_steps_are_data():
    reading = readings("President Ilham Aliyev")[0]
    assert reading.steps == (Step("title", "President"),)
    assert reading.type == "person" and reading.text == "Ilham Aliyev"
    assert describe(reading.steps[0]) == "title 'President' set aside"
    (reading,) = readings("PJSC Gazprom")
    assert reading.steps == (Step("legal-form", "PJSC"),) and reading.type == "organization"
    reading, english = readings("Regiunea Krasnodar")
    assert reading.type == "place" and "region" in reading.categories
    assert english.text == "Krasnodar district" and english.steps[-1] == Step("english-head", "district")


# -- place words of many languages, and their English head ----------------------------------


@pytest.mark.parametrize(("query", "expected"), [
    ("Corridoio di Lachin", "lachin-corridor"),  # it: the word is part of the feature's name
    ("Coridorul Lachin", "lachin-corridor"),  # ro
    ("Laçın dəhlizi", "lachin-corridor"),  # az, after the name
    ("Latschin-Korridor", "lachin-corridor"),  # de, written with a hyphen
    ("río Terter", "tartar-river"),  # es
    ("fiume Aras", "aras"),  # it
    ("mar Caspio", "caspian-sea"),  # es
    ("Dagat Caspian", "caspian-sea"),  # tl
    ("lago Sevan", "lake-sevan"),  # es/it/pt
    ("Sevan lake", "lake-sevan"),  # en, the head written after the name
    ("Repubblica di Artsakh", "artsakh"),  # it
    ("Azerbajdzsán Köztársaság", "azerbaijan"),  # hu, after the name
    ("Republika ng Azerbaijan", "azerbaijan"),  # tl
    ("Cộng hòa Artsakh", "artsakh"),  # vi
    ("Qırmızı Bazars kommun", "karmir-shuka"),  # sv, a municipality, the name in the genitive
])
def test_place_words_of_many_languages(bundled, query, expected):
    m = bundled.resolve(query)
    assert m is not None and m.id == expected, (query, m)


def test_the_english_head_comes_from_the_lexicon():
    heads = lexicon().heads
    assert heads["corridor"] == ("corridor", "after") and heads["lake"] == ("Lake", "before")
    assert [r.text for r in readings("Coridorul Lachin")] == ["Lachin", "Lachin corridor"]
    # only for a Latin-script name: "دالان لاچین" is read as the name alone
    assert [r.text for r in readings("دالان لاچین")] == ["لاچین"]


@pytest.mark.parametrize("query", [
    "Lake George",  # a lake word and a given name: no lake of that name
    "Mar Lachin",  # a sea word before a town: the kind must agree
    "Georgia Sea",
    "Kaszpi-",  # a hyphen and nothing else
])
def test_a_place_word_does_not_make_a_match_of_another_kind(bundled, query):
    assert bundled.resolve(query) is None


def test_hyphened_words_are_split_only_at_the_hyphen():
    (reading, english) = readings("Kaszpi-tenger")
    assert reading.text == "Kaszpi" and reading.steps == (Step("place-word", "-tenger"),)
    assert english.text == "Kaszpi Sea"
    assert readings("Kaszpitenger") == []


def test_plain_answers_do_not_change(bundled):
    # the readings are a fallback: a query that resolves as it stands keeps its answer
    for query in ("Republic of Armenia", "Mount Ararat", "Nakhchivan Autonomous Republic"):
        m = bundled.resolve(query)
        assert m is not None and not any(s.startswith("structure:") for s in m.explanation)


@pytest.mark.parametrize(
    "query",
    ["President", "Mr", "г.", "LLC", "party", "city", "Republic of", "И.", "В.В.", "oglu",
     "Aliyeva", "Алиева", "Əliyeva", "Mrs Aliyeva", "President Aliyev", "Mrs Pashinyan"],
)  # fmt: skip
def test_wrappers_alone_and_feminine_surnames_never_resolve(bundled, query):
    assert bundled.resolve(query) is None


# -- properties -------------------------------------------------------------------------------


def _persons_that_resolve(bundled) -> list[tuple[str, str]]:
    out = []
    for e in bundled.gazetteer.entities:
        if e.type == "person" and len(e.name.split()) >= 2:
            m = bundled.resolve(e.name)
            if m is not None:
                out.append((e.name, m.id))
    return out


@pytest.fixture(scope="module")
def persons(bundled):
    return _persons_that_resolve(bundled)


_TITLES = sorted(" ".join(words) for words in lexicon().titles_before)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_title_never_changes_the_answer(bundled, persons, data):
    name, expected = data.draw(st.sampled_from(persons))
    title = data.draw(st.sampled_from(_TITLES))
    m = bundled.resolve(f"{title} {name}")
    assert m is not None and m.id == expected, (title, name)


_WORDS = sorted({w for words in lexicon().words for w in [words]}) + [
    "Ilham", "Aliyev", "Алиев", "И.", "В.В.", "Gazprom", "«Газпром»", "Yerevan", "Armenia,",
    "(Stepanakert)", "Heydar", "oglu", "Воваевич", "Misha", "Saakashvili", "埃里温市",
]  # fmt: skip


@given(st.lists(st.sampled_from(_WORDS) | st.text(min_size=1, max_size=6), max_size=6))
def test_a_reading_never_invents_text(words):
    query = " ".join(words)
    for reading in readings(query):
        replaced = {r.given[1] for r in [reading] if r.given} | {
            w for s in reading.steps if s.id == "english-head" for w in s.arg.split()
        }
        for token in reading.text.split():
            if token in replaced:
                continue
            assert token.rstrip(".") in query, (query, reading)


# -- the lexicon ------------------------------------------------------------------------------


def test_lexicon_files_name_their_source_and_columns():
    files = sorted(lexicon_dir().glob("*.tsv"))
    assert {p.name for p in files} >= {
        "titles.tsv", "patronymics.tsv", "organization_words.tsv", "place_words.tsv",
        "given_names.tsv", "person_patronymics.tsv",
    }  # fmt: skip
    for path in files:
        text = path.read_text(encoding="utf-8")
        header = [line for line in text.splitlines() if line.startswith("#")]
        assert any("Source" in line or "source" in line for line in header), path.name
        columns = header[-1].lstrip("# ").split("\t")
        for number, line in enumerate(text.splitlines(), 1):
            if line and not line.startswith("#"):
                cells = line.split("\t")
                assert len(cells) == len(columns), f"{path.name}:{number}"
                assert cells[0] == cells[0].strip() and cells[0], f"{path.name}:{number}"


def test_lexicon_languages_and_given_names(bundled):
    langs = set()
    for name in ("titles.tsv", "place_words.tsv"):
        for line in (lexicon_dir() / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                lang = line.split("\t")[1]
                assert re.fullmatch(r"[a-z]{2,3}(-[A-Z][a-z]{3})?", lang), line
                langs.add(lang.split("-")[0])
    assert len(langs) >= 15
    for eid in lexicon().fathers:
        assert bundled.gazetteer.get(eid) is not None, eid
    lex = lexicon()
    for table in (lex.titles_before, lex.titles_after, lex.org_words, lex.place_words):
        assert all(len(words) <= MAX_PHRASE for words in table)
    groups = lexicon().groups
    assert all(len(forms) >= 2 for forms in groups.values())


def test_lexicon_is_read_lazily_and_without_yaml():
    code = (
        "import sys, namenorm\n"
        "from namenorm.matching import lexicon, structure\n"
        "assert lexicon._LEXICON is None\n"
        "sys.modules.pop('yaml', None)\n"
        "lexicon.lexicon()\n"
        "assert 'yaml' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_no_place_word_is_set_aside_after_a_title():
    """A title says the rest is a person's full name, even when its first word is a place word
    of some language ("Monte", "Rio", "Costa", "Villa" as given names or surnames)."""
    m = namenorm.resolve("President Monte Melkonian")
    assert m is not None and m.id == "monte-melkonian"
    for word in ("Monte", "Rio", "Costa", "Villa"):
        for reading in readings(f"President {word} Sargsyan"):
            assert all(s.id != "place-word" for s in reading.steps), reading
