"""The public API pipelines rely on: lookups by id and cross-reference, ``namenorm.resolve_many``,
strict construction of entities and names."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import namenorm
from namenorm import Entity, Gazetteer, Resolver, UnknownIdError

# -- lookups by id and cross-reference ------------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    return namenorm.default_resolver()


@pytest.fixture(scope="module")
def saved(tmp_path_factory, bundled):
    path = tmp_path_factory.mktemp("idx") / "bundled.nnidx"
    bundled.save(path)
    return Resolver.load(path)


def _with_xrefs(resolver):
    return [e for e in resolver.index.entities if e.xrefs]


def test_every_xref_finds_its_entity(bundled, saved):
    entities = _with_xrefs(bundled)
    assert len(entities) > 100
    for e in entities:
        for scheme, value in e.xrefs.items():
            assert bundled.by_xref(scheme, value).id == e.id
            assert saved.by_xref(scheme, value).id == e.id
            assert saved.by_id(f"{scheme}:{value}").id == e.id
            assert bundled.gazetteer.by_xref(scheme, value).id == e.id


def test_every_id_finds_its_entity_in_a_saved_index(bundled, saved):
    for e in bundled.index.entities:
        assert saved.by_id(e.id) == e


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_xref_scheme_and_value_case_and_spaces_do_not_matter(bundled, data):
    e = data.draw(st.sampled_from(_with_xrefs(bundled)))
    scheme, value = data.draw(st.sampled_from(sorted(e.xrefs.items())))
    flip = data.draw(st.sampled_from([str.lower, str.upper, lambda s: f" {s} "]))
    assert bundled.by_xref(flip(scheme), flip(value)).id == e.id


@pytest.mark.parametrize(
    "ref", ["wikidata:Q1", "geonames:1", "iso3166:ZZ", "nosuch:AM", "no-such-id", ":", ""]
)
def test_an_unknown_id_or_xref_is_an_unknown_id_error(bundled, ref):
    with pytest.raises(UnknownIdError) as info:
        bundled.by_id(ref)
    assert isinstance(info.value, LookupError) and "\n" not in str(info.value)
    if ":" in ref:
        with pytest.raises(UnknownIdError):
            bundled.by_xref(*ref.split(":"))
        assert bundled.gazetteer.by_xref(*ref.split(":")) is None


@pytest.mark.parametrize("bad", [None, 3, b"baku"])
def test_lookups_by_id_check_their_argument_types(bundled, bad):
    with pytest.raises(TypeError):
        bundled.by_id(bad)
    with pytest.raises(TypeError):
        bundled.by_xref("wikidata", bad)


def test_a_built_gazetteer_is_looked_up_the_same_way():
    am = Entity("armenia", "place", "Armenia", xrefs={"wikidata": "Q399", "iso3166": "AM"})
    r = Resolver(Gazetteer([am]))
    assert r.by_xref("ISO3166", "am") == am == r.by_id("wikidata:Q399") == r.by_id("armenia")
    assert [a.text for a in r.directory.aliases_of("armenia")][0] == "Armenia"
    assert r.directory.aliases_of("nobody") == []


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "namenorm", *args], capture_output=True,
                          timeout=300)


def test_cli_info_takes_scheme_ids_and_refuses_unknown_ones_with_exit_2(bundled):
    am = bundled.by_xref("iso3166", "AM")
    proc = _cli("info", "--json", "iso3166:AM", am.id, f"wikidata:{am.xrefs['wikidata']}")
    assert proc.returncode == 0, proc.stderr
    assert [line.count(f'"id": "{am.id}"') for line in proc.stdout.decode().splitlines()] == [1] * 3
    for ref in ("wikidata:Q1", "no-such-id"):
        proc = _cli("info", "iso3166:AM", ref)
        assert proc.returncode == 2 and proc.stdout == b""
        assert len(proc.stderr.decode().splitlines()) == 1 and ref.split(":")[-1] in proc.stderr.decode()
