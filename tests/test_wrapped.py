"""A whole query that is a name inside a pattern of words (namenorm/matching/wrapped.py): the
pattern's English template, filled with the inner entity's English names, must be an alias."""

from __future__ import annotations

import pytest

from namenorm.matching.wrapped import pattern_rows, resolve_both_names, resolve_wrapped


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Cáucaso Menor", "lesser-caucasus"),  # es, words after the name
        ("Gran Cáucaso", "greater-caucasus"),  # es, words before
        ("Lilla Kaukasus", "lesser-caucasus"),  # sv
        ("Tiểu Kavkaz", "lesser-caucasus"),  # vi, a folded inner name
        ("Región Autónoma de Nagorno-Karabaj", "nagorno-karabakh-autonomous-oblast"),
        ("Khu tự trị Nagorno-Karabakh", "nagorno-karabakh-autonomous-oblast"),
        ("Hegyi-Karabah", "nagorno-karabakh"),  # hu, written onto the name with a hyphen
        ("Karabahul de Munte", "nagorno-karabakh"),  # ro
        ("Assembleia Geral da ONU", "un-general-assembly"),  # an abbreviation inside
    ],
)
def test_a_pattern_around_a_name_names_the_whole(bundled, query, expected):
    m = bundled.resolve(query)
    assert m is not None and m.id == expected, (query, m)
    assert any(line.startswith("pattern: ") for line in m.explanation)


@pytest.mark.parametrize(
    "query",
    [
        "Lilla",  # the pattern's words alone
        "Hegyi-",
        "Gran Torino",  # the inner words are no entity
        "Petit Prince",
        "Grand Hotel",
        "Lilla Pashinyan",  # a person inside: no template names anything
        "Gran Ereván",  # "Greater Yerevan" is no alias: nothing is guessed
    ],
)
def test_nothing_is_guessed(bundled, query):
    assert bundled.resolve(query) is None, query


def test_the_inner_name_must_resolve_on_its_own(bundled):
    asked = []

    def plain(text, types):
        asked.append(text)
        return None

    assert resolve_wrapped("Cáucaso Menor", None, plain=plain, entity=bundled.gazetteer.get) is None
    assert asked == ["Cáucaso"]  # no template is filled without an inner entity


def test_patterns_are_the_composite_names_table():
    rows = pattern_rows()
    assert (("lilla",), (), ("Lesser {}",)) in rows
    assert ((), ("menor",), ("Lesser {}",)) in rows
    assert (("hegyi-",), (), ("Mountainous {}", "Upper {}")) in rows
    sizes = [len(b) + len(a) for b, a, _ in rows]
    assert sizes == sorted(sizes, reverse=True)  # longest patterns are tried first


def test_two_names_of_one_entity(bundled):
    m = bundled.resolve("Republic of Nagorno-Karabakh (Artsakh)")  # the first needs structure
    assert m is not None and m.id == "artsakh"
    assert m.explanation[-1] == "both names: 'Artsakh' names artsakh too (1.000)"
    assert bundled.resolve("Armenia (Artsakh)") is None  # two entities: no answer


def test_both_names_must_resolve_to_the_same_entity(bundled):
    answers = {"A": bundled.resolve("Artsakh"), "B": None, "C": bundled.resolve("Armenia")}
    pick = answers.get
    assert resolve_both_names("A (A)", pick).id == "artsakh"
    assert resolve_both_names("A (B)", pick) is None
    assert resolve_both_names("B (A)", pick) is None
    assert resolve_both_names("A (C)", pick) is None
    assert resolve_both_names("A", pick) is None  # no bracket
    assert resolve_both_names("A (A) (A)", pick) is None
