"""Layered gazetteers (namenorm/index/layers.py): a user's entities compiled on their own over
the bundled (or a saved) index, against the same entities compiled as one index."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import namenorm
from namenorm import Entity, GazetteerError, Name, Resolver
from namenorm.index.aliases import QueryKeys
from namenorm.index.layers import LayeredIndex
from namenorm.keys import query_keys

# Hammerfest (Norway; Russian Хаммерфест): a town the bundled gazetteer does not hold, as in
# tests/test_spark.py.
HAMMERFEST = Entity("hammerfest", "place", "Hammerfest", category="town",
                    names=(Name("Хаммерфест", lang="ru"),))
SMALL_YAML = """\
- id: hammerfest
  type: place
  category: town
  name: Hammerfest
  names:
    - {text: Хаммерфест, lang: ru}
"""


@pytest.fixture(scope="module")
def bundled():
    return namenorm.default_resolver()


@pytest.fixture(scope="module")
def replaced_baku(bundled):
    """The bundled Baku with only its English and Azerbaijani names (a user's narrower entry)."""
    baku = bundled.by_id("baku")
    keep = tuple(n for n in baku.names if n.lang in ("en", "az"))
    return Entity(baku.id, baku.type, baku.name, names=keep, country=baku.country,
                  category=baku.category)


@pytest.fixture(scope="module")
def layered(bundled, replaced_baku):
    return bundled.with_entities([HAMMERFEST, replaced_baku])


def test_user_entities_resolve_and_bundled_ones_are_unchanged(bundled, layered):
    for text in ("Hammerfest", "Хаммерфест", "hammerfest", "Хамерфест"):
        assert layered.resolve(text).id == "hammerfest"
    assert bundled.resolve("Hammerfest") is None  # the bundled resolver is left as it was
    for query in ("Yerevan", "Steppe cart", "Karaƅakh", "Xankendi", "stagnant economy"):
        assert layered.resolve(query) == bundled.resolve(query)


def test_a_user_entity_replaces_the_bundled_one_of_its_id(bundled, layered, replaced_baku):
    assert isinstance(layered.index, LayeredIndex)
    assert layered.by_id("baku") is replaced_baku and layered.gazetteer["baku"] is replaced_baku
    assert len(layered.index.entities) == len(bundled.index.entities) + 1
    ei = layered.directory.number("baku")
    user_texts = {n.text for n in replaced_baku.names}
    mine = [a for a in layered.index.aliases if a.entity == ei]
    assert mine and {a.text for a in mine if a.kind != "generated"} <= user_texts
    gone = [n.text for n in bundled.by_id("baku").names if n.text not in user_texts]
    assert gone
    for text in gone:  # the bundled names lead to Baku only where the user's names do
        m = layered.resolve(text)
        assert m is None or m.id != "baku" or m.alias in {a.text for a in mine}


def _names(resolver):
    return [n.text for e in resolver.index.entities[:400] for n in e.names]


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_layered_candidates_are_those_of_the_layers_compiled_as_one(layered, data):
    # The fast path (two layers' tables) against one index built from the same aliases.
    index = layered.index
    one = index.compiled()
    text = data.draw(st.one_of(st.sampled_from(_names(layered) + ["Хаммерфест", "Hammerfest"]),
                               st.text(min_size=1, max_size=10)))
    if data.draw(st.booleans()):
        text = text[: len(text) // 2 + 1] + "x" + text[len(text) // 2 + 1 :]
    q: QueryKeys = query_keys(text)
    if not q.fold:
        return
    got, want = index.candidate_ids(q), one.candidate_ids(q)
    if len(want) < index.config.max_candidates and len(got) < index.config.max_candidates:
        assert sorted(got) == sorted(want)
    assert sorted(index.table_ids(q)) == sorted(one.table_ids(q))
    assert [index.aliases[i] for i in sorted(got)] == [one.aliases[i] for i in sorted(got)]


def test_a_saved_layered_index_gives_the_same_answers(layered, tmp_path):
    path = tmp_path / "both.nnidx"
    layered.save(path)
    loaded = Resolver.load(path)
    for query in ("Hammerfest", "Хаммерфест", "Baku", "Bakı", "Yerevan", "Steppe cart"):
        assert loaded.resolve(query) == layered.resolve(query)
    assert loaded.by_id("baku").names == layered.by_id("baku").names


def test_references_may_name_either_layer_and_must_name_one(bundled):
    town = Entity("hammerfest", "place", "Hammerfest", country="azerbaijan")
    assert bundled.with_entities([town]).by_id("hammerfest").country == "azerbaijan"
    with pytest.raises(GazetteerError, match="not an id"):
        bundled.with_entities([Entity("hammerfest", "place", "Hammerfest", country="nowhere")])
    with pytest.raises(GazetteerError, match="duplicate id"):
        bundled.with_entities([HAMMERFEST, HAMMERFEST])
    with pytest.raises(TypeError):
        bundled.with_entities(["hammerfest"])


def test_from_paths_layers_over_the_bundled_index(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_YAML, encoding="utf-8")
    r = Resolver.from_paths(path)
    assert isinstance(r.index, LayeredIndex)
    assert r.resolve("Хаммерфест").id == "hammerfest" and r.resolve("Baku").id == "baku"
    alone = Resolver.from_paths(path, include_default=False)
    assert len(alone.gazetteer) == 1 and alone.resolve("Baku") is None


def test_layers_stack_over_a_saved_index(bundled, tmp_path):
    saved = tmp_path / "mini.nnidx"
    Resolver(namenorm.Gazetteer([bundled.by_id("baku"), bundled.by_id("azerbaijan")])).save(saved)
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_YAML.replace("category: town", "category: town\n  country: azerbaijan"),
                    encoding="utf-8")
    r = Resolver.load(saved).with_paths(path)
    assert [e.id for e in r.index.entities] == ["baku", "azerbaijan", "hammerfest"]
    assert r.resolve("Хаммерфест").id == "hammerfest" and r.resolve("Yerevan") is None
    proc = subprocess.run(
        [sys.executable, "-m", "namenorm", "lookup", "--json", "--index", str(saved),
         "--gazetteer", str(path), "Хаммерфест", "Baku", "Yerevan"],
        capture_output=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    ids = [line.split('"id": ')[1].split(",")[0] for line in proc.stdout.decode().splitlines()]
    assert ids == ['"hammerfest"', '"baku"', "null"]
