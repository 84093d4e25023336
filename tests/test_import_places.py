"""Rules of scripts/import_places.py (the GeoNames import) on small made-up records: which
alternate names a new place keeps, and which villages it leaves out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from namenorm import Entity, Gazetteer, Name
from tests.scripts_loader import load_script

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def script():
    return load_script("import_places")


def _city(name: str, alternates: list[str], cc: str = "AZ") -> dict:
    return {"name": name, "countrycode": cc, "alternatenames": alternates}


def test_the_azerbaijani_spelling_wins_over_its_ascii_folding(script):
    # GeoNames lists the bare ASCII form first; the Azerbaijani one is the local-language name.
    c = _city("Ashaghi Guzdak", ["Asagi Guzdak", "Ashagy Gyuzdek", "Aşağı Güzdək"])
    names = script.alternate_names(c, Counter())
    assert {"text": "Aşağı Güzdək", "lang": "az", "script": "Latn"} in names
    assert "Asagi Guzdak" not in [n["text"] for n in names]
    assert [n["text"] for n in names][:1] == ["Aşağı Güzdək"]  # in the place of the first form


def test_spellings_that_fold_alike_without_a_language_keep_the_first(script):
    c = _city("Khoni", ["Khoni", "Choni", "CHONI"], cc="GE")
    assert [n["text"] for n in script.alternate_names(c, Counter())] == ["Choni"]


def test_the_azerbaijani_spelling_of_the_geonames_name_is_its_official_name(script):
    assert script.az_spelling("Fuzuli", ["Fuzuli", "Füzuli"], "AZ") == "Füzuli"
    assert script.az_spelling("Qabaqçöl", [], "AZ") == "Qabaqçöl"
    # a Cyrillic Azerbaijani form folds alike but is no Latin spelling of the name
    assert script.az_spelling("Aghsu", ["Ағсу"], "AZ") is None
    assert script.az_spelling("Gyumri", ["Gümri"], "AM") is None  # not Azerbaijani there


def test_a_short_native_name_is_kept_exact_and_with_context_a_short_latin_one_is_not(script):
    c = _city("Oni", ["On", "Oni", "ონი", "Они", "Օնի"], cc="GE")
    names = {n["text"]: n for n in script.alternate_names(c, Counter())}
    assert set(names) == {"ონი", "Они", "Օնի"}
    assert all(n["exact_only"] and n["needs_context"] for n in names.values())


def test_a_short_native_name_does_not_take_the_place_of_a_villages_first_name(script):
    ent = {"category": "village", "names": [
        {"text": "Օնի", "lang": "hy", "exact_only": True, "needs_context": True},
        {"text": "Օնիի", "lang": "hy"}, {"text": "Onii"}]}  # fmt: skip
    script.mark_variants_of_villages(ent, Counter())
    assert [bool(n.get("needs_context")) for n in ent["names"]] == [True, False, True]


def _new(eid: str, name: str, gid: str, parent: str) -> dict:
    return {"id": eid, "gid": gid, "name": name, "country": "azerbaijan", "parent": parent,
            "category": "village", "population": 800, "names": [], "canonical": {"text": name}}


def test_a_village_named_like_a_town_elsewhere_is_left_out(script):
    g = Gazetteer([
        Entity("fuzuli-district", "place", "Fuzuli District", category="district"),
        Entity("shamkir-district", "place", "Shamkir District", category="district"),
        Entity("fuzuli", "place", "Fuzuli", category="town", parent="fuzuli-district"),
        Entity("sharur", "place", "Sharur", category="town", parent="fuzuli-district",
               names=(Name("Norashen", kind="historical"),)),
    ])  # fmt: skip
    new = [_new("fuzuli-shamkir", "Fuzuli", "1", "shamkir-district"),
           _new("norashen", "Norashen", "2", "shamkir-district")]
    cities = {gid: {"latitude": 40.0, "longitude": 46.0} for gid in ("1", "2")}
    notes: list[str] = []
    edits, kept = script.resolve_collisions(g, new, cities, notes, Counter())
    # the town's canonical name: the village goes; a historical name of a town in another
    # district: the village stays and the name is shared
    assert [e["id"] for e in kept] == ["norashen"]
    assert kept[0]["canonical"].get("shared") and edits == {"sharur": {"norashen"}}
    assert any("named like the town fuzuli" in n for n in notes)
