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


# -- namenorm.resolve_many ------------------------------------------------------------------

_VALUES = st.one_of(
    st.sampled_from(["Baku", "Ереван", "Steppe cart", "nobody", "", "Karaƅakh"]),
    st.text(max_size=12),
    st.none(),
    st.just(float("nan")),
    st.integers(),
    st.floats(allow_nan=False),
    st.binary(max_size=4),
    st.lists(st.text(max_size=3), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_VALUES, max_size=12))
def test_resolve_many_answers_every_value_in_order(values):
    out = namenorm.resolve_many(values)
    assert len(out) == len(values)
    for position, (value, answer) in enumerate(zip(values, out)):
        if isinstance(value, str):
            assert answer == namenorm.resolve(value)
        elif value is None or value != value:  # None or NaN
            assert answer is None
        else:
            assert isinstance(answer, namenorm.ItemError) and not answer
            assert answer.position == position and type(value).__name__ in answer.error


def test_resolve_many_on_workers_gives_the_same_answers():
    values = ["Baku", None, 5, "Ереван", "nobody", float("nan"), "Steppe cart"] * 3
    assert namenorm.resolve_many(values, workers=2) == namenorm.resolve_many(values)


def test_resolve_many_can_raise_and_checks_its_arguments():
    with pytest.raises(TypeError, match="value 1 "):
        namenorm.resolve_many(["Baku", b"Baku"], errors="raise")
    with pytest.raises(ValueError):
        namenorm.resolve_many(["Baku"], errors="ignore")
    with pytest.raises(TypeError):
        namenorm.resolve_many("Baku")
    assert namenorm.resolve_many(iter(["Baku"]), types="place")[0].id == "baku"
    assert namenorm.resolve_many(["Baku"], types="person") == [None]


def test_resolve_many_takes_pandas_missing_values():
    pd = pytest.importorskip("pandas")
    out = namenorm.resolve_many(pd.Series(["Baku", pd.NA, None, float("nan")], dtype=object))
    assert [m.id if m else m for m in out] == ["baku", None, None, None]


# -- strict construction of entities and names ----------------------------------------------

from namenorm import Name  # noqa: E402


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda: Entity("x", "planet", "X"), ValueError, "type 'planet'"),
        (lambda: Entity("x", "place", ""), ValueError, "name of entity 'x'"),
        (lambda: Entity("x", "place", "  "), ValueError, "name of entity 'x'"),
        (lambda: Entity("", "place", "X"), ValueError, "entity id"),
        (lambda: Entity(None, "place", "X"), TypeError, "entity id"),
        (lambda: Entity("x", "place", "X", names=("Y",)), TypeError, "must hold Name"),
        (lambda: Entity("x", "place", "X", names="Y"), TypeError, "names of entity"),
        (lambda: Entity("x", "place", "X", country=5), TypeError, "country of entity"),
        (lambda: Entity("x", "place", "X", near_miss="y"), TypeError, "near_miss"),
        (lambda: Entity("x", "place", "X", xrefs={"wikidata": 399}), TypeError, "xrefs"),
        (lambda: Name("X", kind="nickname"), ValueError, "kind 'nickname'"),
        (lambda: Name(""), ValueError, "name text"),
        (lambda: Name(None), TypeError, "name text"),
        (lambda: Name("X", exact_only="yes"), TypeError, "exact_only"),
        (lambda: Name("X", shared=1), TypeError, "shared"),
        (lambda: Name("X", lang=7), TypeError, "lang"),
    ],
)
def test_a_bad_entity_or_name_is_refused_when_made(make, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(")) as info:
        make()
    assert "\n" not in str(info.value)


@settings(max_examples=80, deadline=None)
@given(kind=st.text(max_size=12), etype=st.text(max_size=12))
def test_only_known_kinds_and_types_are_taken(kind, etype):
    from namenorm.gazetteer.model import KINDS, TYPES

    try:
        Name("X", kind=kind)
        assert kind in KINDS
    except ValueError:
        assert kind not in KINDS
    try:
        Entity("x", etype, "X")
        assert etype in TYPES
    except ValueError:
        assert etype not in TYPES


def test_lists_are_taken_for_tuples_and_kept_as_tuples():
    e = Entity("x", "place", "X", names=[Name("Y")], near_miss=["z"], regions=["r"])
    assert e.names[1] == Name("Y") and e.near_miss == ("z",) and e.regions == ("r",)
    assert hash(e.near_miss) is not None


def test_a_yaml_entry_with_a_bad_name_is_still_reported_not_raised(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "- id: x\n  type: place\n  name: X\n  names:\n"
        "    - {text: Y, kind: nickname}\n    - {text: Z, lang: 7, scheme: 5}\n",
        encoding="utf-8",
    )
    messages = [p.message for p in namenorm.validate_paths([path])]
    assert any("nickname" in m for m in messages) and any("lang 7" in m for m in messages)
    assert any("scheme 5" in m for m in messages)


# -- the JSON shapes of docs/json-schema.md ---------------------------------------------------

import json  # noqa: E402
import re  # noqa: E402
from dataclasses import fields  # noqa: E402
from pathlib import Path  # noqa: E402

from namenorm.cli.main import main  # noqa: E402

_SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "json-schema.md"


def _documented(heading: str) -> list[str]:
    """The keys in the table under ``heading`` of docs/json-schema.md, in order."""
    section = _SCHEMA.read_text(encoding="utf-8").split(f"## {heading}\n", 1)[1].split("\n## ")[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)


def _json_lines(capsys, *argv):
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_lookup_json_carries_every_field_of_to_dict_as_documented(capsys):
    keys = [k for k in _documented("`namenorm lookup --json`") if k != "xrefs"]  # --xref only
    found, missing = _json_lines(capsys, "lookup", "--json", "--limit", "2", "Ереване", "nobody")
    match = namenorm.resolve("Ереване")
    assert list(found) == keys[:-1]  # every key but error, in the documented order
    assert {k: v for k, v in found.items() if k not in ("query", "candidates")} == {
        k: v for k, v in match.to_dict().items() if k != "query"
    }
    assert {f.name for f in fields(namenorm.Match)} == set(keys) - {"candidates", "error"}
    assert list(missing) == keys[:-1] and missing["candidates"] == []
    assert all(missing[k] is None for k in keys[1:-2])
    assert list(found["candidates"][0]) == keys[:-2]


def test_annotate_json_keys_are_documented(capsys, tmp_path):
    keys = _documented("`namenorm annotate --json FILE`")
    path = tmp_path / "t.txt"
    path.write_text("Talks in Baku and Yerevan.", encoding="utf-8")
    rows = _json_lines(capsys, "annotate", "--json", "--explain", str(path))
    assert rows and all(list(r) == keys for r in rows)
    rows = _json_lines(capsys, "annotate", "--json", str(path))
    assert all(list(r) == keys[:-1] for r in rows)


def test_item_error_keys_are_documented():
    keys = _documented("`namenorm.resolve_many` in Python")
    assert list(namenorm.resolve_many([1])[0].to_dict()) == keys


@pytest.mark.parametrize("limit", ["3", 2.0, None, True])
def test_candidates_limit_must_be_an_int(limit):
    with pytest.raises(TypeError, match="limit must be int"):
        namenorm.candidates("Baku", limit=limit)
    assert [m.id for m in namenorm.candidates("Baku", limit=1)] == ["baku"]
