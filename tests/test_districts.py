"""Towns named in a sentence about districts are the districts (namenorm.mentions.districts)."""

from __future__ import annotations

import pytest

import namenorm
from namenorm.mentions import Annotator
from namenorm.mentions.districts import district_of
from namenorm.mentions.lexicon import token_key


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def _ids(annotator: Annotator, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in annotator.annotate(text)]


def test_the_gazetteer_gives_each_district_its_town() -> None:
    districts = district_of(namenorm.default_gazetteer(), token_key)
    assert districts["lachin"] == "lachin-district"
    assert districts["kalbajar"] == "kalbajar-district"
    assert all(town != district for town, district in districts.items())


@pytest.mark.parametrize(
    "text",
    [
        "Armenia handed over the districts of Agdam, Kelbajar and Lachin.",
        "L'Arménie a remis les districts d'Agdam, de Kelbajar et de Lachin.",
        "Şimalda Kəlbəcər, şərqdə Ağdam, cənubda isə Laçın rayonlarıdır.",
        "Армения передала Агдамский, Кельбаджарский и Лачинский районы.",
    ],
)
def test_a_list_under_districts_names_the_districts(annotator: Annotator, text: str) -> None:
    ids = {eid for _, eid in _ids(annotator, text)}
    assert {"lachin", "kalbajar", "agdam"}.isdisjoint(ids)
    assert "lachin-district" in ids


def test_without_a_district_word_the_town_stays_the_town(annotator: Annotator) -> None:
    ids = [eid for _, eid in _ids(annotator, "Convoys passed through Lachin and Kelbajar.")]
    assert "lachin" in ids and "lachin-district" not in ids


def test_only_the_sentence_about_districts(annotator: Annotator) -> None:
    text = "The districts of Agdam and Kelbajar were returned. Later, Lachin was returned too."
    ids = [eid for _, eid in _ids(annotator, text)]
    assert "kalbajar-district" in ids
    assert "lachin" in ids and "lachin-district" not in ids


def test_the_explanation_says_why() -> None:
    found = namenorm.annotate("The districts of Agdam and Lachin.")
    m = [m for m in found if m.id == "lachin-district"]
    assert m and "lachin-district" in m[0].match.explanation[-1]
