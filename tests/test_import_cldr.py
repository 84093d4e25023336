"""scripts/import_cldr.py: the CLDR state names written into gazetteer/states.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import namenorm
from hypothesis import given, settings

from namenorm.gazetteer.entity import Entity, Name
from tests.scripts_loader import load_script
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
STATES = ROOT / "gazetteer" / "states.yaml"


cldr = load_script("import_cldr")


def _imported() -> dict[str, list[dict]]:
    """State id -> the names of its generated section, as the file holds them."""
    out: dict[str, list[dict]] = {}
    current = None
    inside = False
    for line in STATES.read_text(encoding="utf-8").split("\n"):
        if line.startswith("- id: "):
            current, inside = line[6:], False
        elif line.startswith(cldr.MARK):
            inside = True
        elif inside and line.startswith("    - "):
            out.setdefault(current, []).append(yaml.safe_load(line[6:]))
        else:
            inside = False
    return out


def test_the_generated_sections_name_their_source_and_licence():
    text = STATES.read_text(encoding="utf-8")
    headers = [line for line in text.split("\n") if line.startswith(cldr.MARK)]
    assert headers and all("Unicode-3.0" in h and "babel" in h and "CLDR" in h for h in headers)


def test_every_imported_name_resolves_to_its_own_state(bundled):
    imported = _imported()
    assert sum(map(len, imported.values())) > 1000
    wrong = []
    for eid, names in imported.items():
        for n in names:
            if n.get("needs_context") or n.get("shared"):
                continue
            m = bundled.resolve(n["text"])
            if m is None or m.id != eid:
                wrong.append((n["text"], eid, m.id if m else None))
    assert wrong == []


def test_no_two_states_share_an_imported_key():
    owners: dict[str, set[str]] = {}
    scripts = cldr.hand_scripts(cldr.hand_written(STATES))
    for eid, names in _imported().items():
        for n in names:
            owners.setdefault(cldr.name_key(n["text"], scripts), set()).add(eid)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_short_imported_names_are_exact_only():
    for names in _imported().values():
        for n in names:
            if len(cldr.key(n["text"])) <= cldr.SHORT:
                assert n.get("exact_only"), n


@pytest.mark.parametrize(
    ("identifier", "tag"),
    [("sr_Latn_BA", "sr-Latn"), ("pt_PT", "pt"), ("yue_Hant_HK", "yue-Hant"), ("root", None),
     ("ca_ES_VALENCIA", "ca"), ("en_001", "en")],
)  # fmt: skip
def test_lang_tag(identifier, tag):
    assert cldr.lang_tag(identifier) == tag


def _found(eid_texts: dict[str, list[str]]) -> dict[str, dict[str, object]]:
    return {
        eid: {cldr.name_key(t): cldr.Found(t, "xx", "XX", ["xx"]) for t in texts}
        for eid, texts in eid_texts.items()
    }


def test_a_name_two_states_share_is_dropped_from_both_and_reported():
    # One spelling given to two states (in two locales), as the Shan names of Iran and Iraq
    # fold to one key: neither keeps it; the entity's own name is simply not added again.
    found = _found({"iran": ["Irania", "Persia"], "iraq": ["Irania", "Iraqia"]})
    dropped = cldr.drop_collisions(found, {cldr.key("Persia"): {"iran"}})
    assert {k for k in found["iran"]} == set() and set(found["iraq"]) == {cldr.key("Iraqia")}
    assert sorted((d["id"], d["states"]) for d in dropped) == [("iran", ["iraq"]), ("iraq", ["iran"])]


def test_a_name_another_entity_holds_is_dropped():
    found = _found({"china": ["Lacin", "Sinland"]})
    dropped = cldr.drop_collisions(found, {cldr.key("Lacin"): {"lachin"}})
    assert set(found["china"]) == {cldr.key("Sinland")}
    assert dropped[0]["others"] == ["lachin"]


def test_short_names_are_told_apart_by_their_text():
    assert cldr.name_key("Rus") != cldr.name_key("Ruś")
    assert cldr.name_key("Russland") == cldr.name_key("RUSSLAND")


def test_names_in_scripts_of_no_hand_written_name_are_told_apart_by_their_text():
    # The Santali and Gujarati names of Georgia fold alike; each will be exact_only, so each is
    # kept for its own text instead of the first locale's standing in for both.
    scripts = frozenset({"Latn", "Cyrl"})
    santali, gujarati = "ᱡᱭᱚᱨᱡᱤᱭᱟ", "જ્યોર્જિયા"
    assert cldr.key(santali) == cldr.key(gujarati)
    assert cldr.name_key(santali, scripts) != cldr.name_key(gujarati, scripts)
    assert cldr.name_key("Gruzija", scripts) == cldr.name_key("GRUZIJA", scripts) == "gruzija"
    found = cldr.collect({"GE": Entity("georgia", "place", "Georgia")},
                         {"GE": [("sat", "sat", santali), ("gu", "gu", gujarati)]}, scripts)
    assert [f.text for f in found["georgia"].values()] == [santali, gujarati]


_ENTRY = """\
- id: {id}
  type: place
  name: {name}
  names:
    - {{text: {name}x, lang: en}}
"""
_texts = st.lists(st.sampled_from(["Armenië", "Αρμενία", "Армения", "Ermenistan", "ԱՄՆ"]),
                  unique=True, max_size=4)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(first=_texts, second=_texts)
def test_rewriting_is_idempotent_and_keeps_the_hand_written_part(first, second):
    base = _ENTRY.format(id="a", name="A") + "\n" + _ENTRY.format(id="b", name="B")

    def section(texts):
        return {"a": [cldr.name_line(cldr.Found(t, "xx", "XX")) for t in texts], "b": []}

    once = cldr.rewrite(base, section(first), cldr.MARK + " test")
    twice = cldr.rewrite(once, section(second), cldr.MARK + " test")
    assert twice == cldr.rewrite(base, section(second), cldr.MARK + " test")
    assert cldr.strip(twice) == base
    parsed = yaml.safe_load(twice)
    assert [n["text"] for n in parsed[0]["names"]] == ["Ax", *second]


def test_ordinary_words_need_context_unless_the_language_borrows_the_name():
    pytest.importorskip("wordfreq", reason="wordfreq is a bench extra (pip install wordfreq)")
    pytest.importorskip("faker", reason="faker is a bench extra (pip install faker)")
    words = {"en": {"PL": {"poland"}, "IT": {"italy"}}}
    ordinary = cldr.Ordinary(words)
    assert ordinary.why("Pole", "PL") == "word:en"  # an English word, not Poland's name there
    assert ordinary.borrowed("italia", "en", "IT")  # Italy under a neighbour's spelling
    assert not ordinary.borrowed("pole", "en", "PL") and not ordinary.borrowed("chin", "en", "CN")
    assert ordinary.why("Saudi Arabia", "SA") is None  # a phrase


def test_the_generated_sections_are_fresh():
    pytest.importorskip("babel", reason="babel is a data extra (pip install babel)")
    pytest.importorskip("wordfreq", reason="wordfreq is a bench extra (pip install wordfreq)")
    pytest.importorskip("faker", reason="faker is a bench extra (pip install faker)")
    import babel
    from babel import localedata

    if f"from babel {babel.__version__} " not in STATES.read_text(encoding="utf-8"):
        pytest.skip("another babel than the one the names were written with (the data extra pins it)")

    entities = cldr.hand_written(STATES)
    states = cldr.states_of(entities)
    names = cldr.locale_names(localedata.locale_identifiers(), states)
    found = cldr.collect(states, names, cldr.hand_scripts(entities))
    cldr.drop_collisions(found, cldr.own_keys(entities))
    cldr.mark(found, cldr.Ordinary(cldr.cldr_words_by_lang(names)))
    cldr.own_script_only(found, cldr.hand_scripts(entities))
    cldr.own_language_in_abjads(found, cldr.hand_languages(entities))
    want = {eid: [yaml.safe_load(cldr.name_line(f)[6:]) for f in v.values()] for eid, v in found.items()}
    have = _imported()
    assert {k: v for k, v in want.items() if v} == have, "run python scripts/import_cldr.py --write"


def test_an_ordinary_word_is_dropped_not_kept_with_context():
    # Kept with needs_context, the Upper Sorbian "Ruska" capped the Czech genitive of Rusko.
    class Words:
        def why(self, text: str, code: str) -> str | None:
            return "word:cs" if text == "Ruska" else None

    found = _found({"russia": ["Ruska", "Rusojska"]})
    gone = cldr.mark(found, Words())
    assert [f.text for f in found["russia"].values()] == ["Rusojska"]
    assert gone == ["Ruska (word:cs)"]


def test_a_name_in_a_script_no_hand_written_name_uses_is_exact_only():
    found = _found({"armenia": ["ཨར་མེ་ནི་ཡ།", "Armeniya"]})
    assert cldr.own_script_only(found, frozenset({"Latn", "Arab"})) == 1
    flags = {f.text: f.exact_only for f in found["armenia"].values()}
    assert flags == {"ཨར་མེ་ནི་ཡ།": True, "Armeniya": False}


def test_a_name_in_an_abjad_of_a_language_no_hand_written_name_is_in_is_exact_only():
    """The Yiddish אַרמעניע folds to the skeleton of the Persian adjective ارمنی ("Armenian"):
    an abjad name of a language the hand-written names lack matches only as written."""
    found = {"armenia": {
        cldr.name_key(t): cldr.Found(t, lang, "AM", [lang])
        for t, lang in [("אַרמעניע", "yi"), ("ארמניה", "he"), ("ارمنستان", "fa"), ("Armeniya", "uz")]
    }}
    assert cldr.own_language_in_abjads(found, frozenset({"he", "fa", "en"})) == 1
    flags = {f.text: f.exact_only for f in found["armenia"].values()}
    assert flags == {"אַרמעניע": True, "ארמניה": False, "ارمنستان": False, "Armeniya": False}
    assert namenorm.resolve("ارمنی") is None or namenorm.resolve("ارمنی").alias_lang != "yi"
