"""Everyday personal names (namenorm.matching.everyday) and the precision rules that use them,
one test per rule; and the import rule for variants that sound like a historical name."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm import Config, Entity, Gazetteer, Name, Resolver
from namenorm.keys import casefold
from namenorm.matching.everyday import everyday_name, everyday_names, listed_by_bisection
from tests.scripts_loader import load_script

ROOT = Path(__file__).resolve().parent.parent


def person(pid: str, name: str, *others: tuple[str, str]) -> Entity:
    """A person named ``name`` (English) and ``others`` ((text, lang) pairs)."""
    names = (Name(name, lang="en"), *(Name(text, lang=lang) for text, lang in others))
    return Entity(pid, "person", name, names=names)


MICHEL = (("Шарль Мишель", "ru"), ("Шарль Мішель", "uk"), ("შარლ მიშელი", "ka"),
          ("Σαρλ Μισέλ", "el"))  # fmt: skip
HARRIS = (("Камала Харрис", "ru"), ("Камала Гарріс", "uk"), ("კამალა ჰარისი", "ka"),
          ("Κάμαλα Χάρις", "el"))  # fmt: skip
HASANOV = (("Zakir Həsənov", "az"), ("Закир Гасанов", "ru"), ("ზაქირ ჰასანოვი", "ka"),
           ("Զաքիր Հասանով", "hy"))  # fmt: skip
MUTALIBOV = (("Ayaz Mütəllibov", "az"), ("Аяз Муталибов", "ru"), ("აიაზ მუტალიბოვი", "ka"),
             ("Այազ Մութալիբով", "hy"))  # fmt: skip


def test_everyday_name_levels():
    assert everyday_name("Francis") == "name"
    assert everyday_name("FRANCIS") == "name"  # case-folded
    assert everyday_name("Արշակ Հայրապետյան") == "full"  # a given name and a surname
    assert everyday_name("Pashinyan") is None
    assert everyday_name("Francis Pashinyan") is None  # not every word
    assert everyday_name("   ") is None


def test_the_everyday_list_is_folded_and_large():
    names = everyday_names()
    assert len(names) > 20_000
    assert all(n == n.casefold() and n == n.strip() for n in list(names)[:2000])


_SAMPLE = sorted(everyday_names())


@given(st.one_of(st.sampled_from(_SAMPLE), st.text(max_size=12)))
def test_bisection_finds_exactly_the_listed_names(word):
    # everyday_name searches the sorted file by bisection; the set is the reference. Neighbours
    # of a listed name (a letter more or less) must not be found.
    names = everyday_names()
    for probe in (word, word[:-1], word + "a", "a" + word):
        single = " ".join(casefold(probe).split())
        if single and " " not in single:
            # the bisection, and whatever everyday_name uses now (a set after SET_AFTER asks)
            assert listed_by_bisection(single) == (single in names), probe
            assert (everyday_name(probe) == "name") == (single in names), probe


def test_bisection_reaches_the_first_and_last_names():
    assert everyday_name(_SAMPLE[0]) == "name"
    assert everyday_name(_SAMPLE[-1]) == "name"
    assert everyday_name(_SAMPLE[0][:-1] or "\x00") is None
    assert listed_by_bisection(_SAMPLE[0]) and listed_by_bisection(_SAMPLE[-1])
    assert not listed_by_bisection(_SAMPLE[0][:-1] or "\x00")


def test_everyday_file_is_sorted_by_name():
    # The bisection relies on it (scripts/everyday_names.py writes the names sorted).
    lines = (ROOT / "gazetteer" / "lexicon" / "everyday_names.tsv").read_text(encoding="utf-8")
    names = [ln.split("\t", 1)[0] for ln in lines.splitlines() if ln and not ln.startswith("#")]
    assert names == sorted(names) and len(names) == len(set(names))


def test_everyday_names_file_is_what_faker_gives():
    pytest.importorskip("faker")
    module = load_script("everyday_names")
    assert module.main(["--check"]) == 0


# -- rule: an everyday name is taken only on exact or folded evidence -------------------------


@pytest.fixture(scope="module")
def places():
    return Resolver(
        Gazetteer(
            [
                Entity("france", "place", "France", names=(Name("Francia", lang="es"),)),
                Entity("new-york", "place", "New York", names=(Name("Nueva York", lang="es"),)),
            ]
        )
    )


def test_everyday_name_is_not_a_misspelling_of_a_place(places):
    assert places.resolve("Francis") is None  # one letter from Francia, but a given name
    assert places.resolve("Francja").id == "france"  # a misspelling that is nobody's name


def test_everyday_full_name_may_still_be_a_misspelt_place(places):
    # "Nova" and "York" are both listed, but a full name only refuses persons' aliases
    assert places.resolve("Nova York").id == "new-york"


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(everyday_names())))
def test_everyday_names_reach_the_bundled_gazetteer_only_exactly(bundled, name):
    for m in bundled.candidates(name, limit=3):
        assert m.method in ("exact", "folded"), m
        assert m.ending is None, m


# -- rule: a full name made of everyday names is no misspelling of a person's name ------------


def test_everyday_full_name_is_not_a_misspelt_person():
    arshak = Entity("arshak-karapetyan", "person", "Arshak Karapetyan",
                    names=(Name("Արշակ Կարապետյան", lang="hy"),))  # fmt: skip
    r = Resolver(Gazetteer([arshak]))
    assert r.resolve("Արշակ Կարապետյան").id == "arshak-karapetyan"
    assert r.resolve("Արշակ Հայրապետյան") is None


# -- rule: an everyday name is not an inflected form --------------------------------------------


def test_everyday_name_is_not_read_as_inflected():
    r = Resolver(Gazetteer([person("charles-michel", "Charles Michel", *MICHEL)]))
    assert r.resolve("Michel").id == "charles-michel"
    assert r.resolve("Michela") is None  # an Italian given name, not Michel + -a
    assert not r.candidates("Michela")


# -- rule: a bare everyday surname needs a prominent person, and only one ----------------------


def test_bare_everyday_surname_needs_a_prominent_person():
    r = Resolver(Gazetteer([person("kamala-harris", "Kamala Harris", *HARRIS[:2])]))
    assert r.resolve("Kamala Harris").id == "kamala-harris"
    assert r.resolve("Harris") is None
    (m,) = r.candidates("Harris")
    assert m.score == Config().needs_context_ceiling
    assert any("everyday surname alone" in s for s in m.explanation)


def test_prominence_is_counted_in_languages_and_configurable():
    g = Gazetteer([person("kamala-harris", "Kamala Harris", *HARRIS[:2])])
    assert Resolver(g, config=Config(prominent_languages=3)).resolve("Harris").id == "kamala-harris"
    famous = Gazetteer([person("kamala-harris", "Kamala Harris", *HARRIS)])
    assert Resolver(famous).resolve("Harris").id == "kamala-harris"


def test_rare_surname_needs_no_prominence():
    r = Resolver(Gazetteer([person("nikol-pashinyan", "Nikol Pashinyan")]))
    assert r.resolve("Pashinyan").id == "nikol-pashinyan"


def test_everyday_surname_of_several_persons_abstains():
    r = Resolver(
        Gazetteer(
            [person("zakir-hasanov", "Zakir Hasanov", *HASANOV), person("ali-hasanov", "Ali Hasanov")]
        )
    )
    assert r.resolve("Hasanov") is None
    assert r.resolve("Zakir Hasanov").id == "zakir-hasanov"


# -- rule: a feminine -ova/-eva form is another person ------------------------------------------


def test_feminine_form_of_a_bare_surname_is_another_person():
    r = Resolver(Gazetteer([person("ayaz-mutalibov", "Ayaz Mutalibov", *MUTALIBOV)]))
    assert r.resolve("Mutalibov").id == "ayaz-mutalibov"
    assert r.resolve("Mutalibova") is None


# -- import rule: a variant that sounds like another place's historical name needs context ------


def _import_places():
    return load_script("import_places")


def test_import_marks_variants_that_sound_like_a_historical_name():
    script = _import_places()
    g = Gazetteer(
        [Entity("armavir", "place", "Armavir", names=(Name("Hoktemberyan", kind="historical"),))]
    )
    new = [
        {
            "id": "sardarapat",
            "name": "Sardarapat",
            "names": [{"text": "Oktemberjan"}, {"text": "Sardarapat"}, {"text": "Armavirsk"}],
        },
        {  # a place named like the historical name: its own names are left alone
            "id": "hoktemberyan-village",
            "name": "Hoktemberyan",
            "names": [{"text": "Октемберян"}, {"text": "Oktemberyan"}],
        },
    ]
    stats: Counter = Counter()
    notes: list[str] = []
    script.mark_historical_namesakes(g, new, stats, notes)
    flagged = [n["text"] for n in new[0]["names"] if n.get("needs_context")]
    # one edit from Armavir's historical name; "Armavirsk" is near Armavir's canonical name only
    assert flagged == ["Oktemberjan"]
    assert stats["needs_context:historical-namesake"] == 1
    assert "armavir" in notes[0]


def test_an_everyday_name_in_brackets_is_still_one(bundled):
    # faker lists the Nepali surname in brackets too; the query's brackets are no part of it,
    # and it reached a person through a transcription when they were read as part of the name
    assert everyday_name("(श्रेष्‍ठ)") == "name" and everyday_name("(Francis)") == "name"
    assert everyday_name("'s Gravensande") == "name"  # an apostrophe that is part of the name
    assert all(m.method in ("exact", "folded") for m in bundled.candidates("(श्रेष्‍ठ)", limit=3))
