"""Issue 17, continued: ``lookup --xref``, ``validate`` checking a file as it will be used, and
the README's examples of layered gazetteers and identifier lookups."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import namenorm
from namenorm.cli.main import main
from tests.test_api import _documented

# -- lookup --xref ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    return namenorm.default_resolver()


def _out(capsys, *argv, status=0):
    assert main(list(argv)) == status
    return capsys.readouterr().out


def test_lookup_xref_json_has_the_documented_keys_and_the_entity_s_xrefs(capsys, bundled):
    keys = _documented("`namenorm lookup --json`")
    lines = _out(capsys, "lookup", "--json", "--xref", "--limit", "2", "Ереване", "nobody")
    found, missing = (json.loads(line) for line in lines.splitlines())
    assert list(found) == keys[:-1] and list(missing) == keys[:-1]
    assert found["xrefs"] == bundled.by_id(found["id"]).xrefs and found["xrefs"]
    assert missing["xrefs"] is None
    for cand in found["candidates"]:
        assert list(cand) == keys[:-2]
        assert cand["xrefs"] == bundled.by_id(cand["id"]).xrefs


def test_lookup_without_xref_shows_no_xrefs(capsys):
    assert "xrefs" not in _out(capsys, "lookup", "--json", "Ереване")
    assert "xrefs" not in _out(capsys, "lookup", "Ереване")


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_lookup_xref_text_names_ids_that_info_takes_back(data):
    """Every ``SCHEME:ID`` printed by ``lookup --xref`` leads back to the answer's entity."""
    resolver = namenorm.default_resolver()
    entity = data.draw(st.sampled_from([e for e in resolver.index.entities[:3000] if e.xrefs]))
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["lookup", "--xref", entity.id.replace("-", " ")]) == 0
    lines = buf.getvalue().splitlines()
    if "no match" in lines[0]:
        return  # an id is not always a name; the answer's xrefs are what is checked
    answer = lines[0].split(" -> ")[1].split(" ")[0]
    refs = lines[1].removeprefix("    xrefs: ").split()
    expected = resolver.by_id(answer).xrefs
    assert refs == (sorted(f"{k}:{v}" for k, v in expected.items()) or ["none"])
    assert all(resolver.by_id(ref).id == answer for ref in refs if ref != "none")


def test_lookup_xref_is_refused_for_input_files(capsys, tmp_path):
    src = tmp_path / "names.csv"
    src.write_text("name\nBaku\n", encoding="utf-8")
    assert main(["lookup", "--xref", "--input", str(src)]) == 2
    assert "--xref" in capsys.readouterr().err


# -- lookup --xref SCHEME:ID ------------------------------------------------------------------

_FLIPS = [str.lower, str.upper, str]


# capsys is read after each call (_out), so nothing carries over from one example to the next.
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_lookup_xref_takes_every_identifier_an_entity_carries(data, capsys):
    """``lookup --xref SCHEME:ID`` answers the entity ``info`` and ``by_xref`` give, in any case."""
    resolver = namenorm.default_resolver()
    entity = data.draw(st.sampled_from([e for e in resolver.index.entities[:3000] if e.xrefs]))
    scheme, value = data.draw(st.sampled_from(sorted(entity.xrefs.items())))
    ref = f"{data.draw(st.sampled_from(_FLIPS))(scheme)}:{data.draw(st.sampled_from(_FLIPS))(value)}"
    found = json.loads(_out(capsys, "lookup", "--json", "--xref", "--limit", "3", ref))
    assert found["query"] == ref and found["id"] == entity.id == resolver.by_xref(scheme, value).id
    assert (found["method"], found["score"], found["alias_kind"]) == ("xref", 1.0, "xref")
    assert found["alias"] == f"{scheme.lower()}:{value.upper()}" and found["candidates"] == []
    assert found["xrefs"] == dict(entity.xrefs)
    assert list(found) == _documented("`namenorm lookup --json`")[:-1]  # all but error
    assert json.loads(_out(capsys, "info", "--json", ref))["id"] == entity.id
    text = _out(capsys, "lookup", "--xref", ref).splitlines()
    assert text[0].startswith(f"{ref} -> {entity.id} (") and f"{scheme}:{value}" in text[1]


@pytest.mark.parametrize("ref", ["iso3166:ZZ", "wikidata:Q1", "geonames:1", "nosuch:AM"])
def test_lookup_xref_refuses_an_unknown_identifier_as_info_does(capsys, ref):
    assert main(["lookup", "--xref", "Baku", ref]) == 2
    lookup = capsys.readouterr()
    assert lookup.out == "" and len(lookup.err.splitlines()) == 1 and "Traceback" not in lookup.err
    assert main(["info", ref]) == 2
    assert capsys.readouterr().err == lookup.err  # the same message as info
    scheme, value = ref.split(":")
    if scheme in namenorm.default_resolver().directory.schemes():
        assert repr(value) in lookup.err
    else:  # the message names the scheme and the schemes there are
        assert repr(scheme) in lookup.err and "wikidata" in lookup.err


def test_lookup_xref_answers_an_unknown_identifier_from_stdin_in_its_place(capsys, monkeypatch):
    import io
    import sys

    am = namenorm.default_resolver().by_xref("iso3166", "AM")
    lines = "iso3166:AM\nwikidata:Q1\nBaku\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    assert main(["lookup", "--json", "--xref", "-"]) == 1
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["id"] for d in out] == [am.id, None, namenorm.resolve("Baku").id]
    assert "Q1" in out[1]["error"] and "error" not in out[0] and "error" not in out[2]


def test_identifiers_are_only_read_with_xref_and_only_without_spaces(capsys):
    am = namenorm.default_resolver().by_xref("iso3166", "AM")
    plain = json.loads(_out(capsys, "lookup", "--json", "iso3166:AM"))
    assert plain["method"] != "xref"  # resolved as a name (whatever it resolves to)
    spaced = json.loads(_out(capsys, "lookup", "--json", "--xref", "Armenia: the republic"))
    assert spaced["method"] != "xref"
    typed = json.loads(_out(capsys, "lookup", "--json", "--xref", "--type", "person", "iso3166:AM"))
    assert am.type != "person" and typed["id"] is None  # --type applies to identifiers too


# -- validate = use ---------------------------------------------------------------------------


def _validate(capsys, tmp_path, text, *options):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    status = main(["validate", *options, str(path)])
    return status, capsys.readouterr(), path


def test_validate_accepts_references_to_bundled_entities_as_lookup_does(capsys, tmp_path, bundled):
    text = "- {id: qusar-town, type: place, name: Qusar Town, country: azerbaijan, parent: baku}\n"
    status, out, path = _validate(capsys, tmp_path, text)
    assert (status, out.out, out.err) == (0, "ok\n", "")
    assert bundled.with_paths(path).resolve("Qusar Town").id == "qusar-town"  # and use agrees
    status, out, _ = _validate(capsys, tmp_path, text, "--no-default")  # the file alone
    assert status == 1 and "country 'azerbaijan' is not an id" in out.out


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_validate_warns_that_a_bundled_id_is_replaced_and_lookup_replaces_it(data, tmp_path_factory):
    resolver = namenorm.default_resolver()
    old = data.draw(st.sampled_from(list(resolver.index.entities[:2000])))
    path = tmp_path_factory.mktemp("v") / "mine.yaml"
    path.write_text(f"- {{id: {old.id}, type: {old.type}, name: Zzyzx Qwv Mine}}\n", encoding="utf-8")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["validate", str(path)]) == 0
    lines = out.getvalue().splitlines()
    assert lines[-1] == "ok" and len(lines) == 2
    assert f"[{old.id}] warning: replaces the bundled entity {old.id!r}" in lines[0]
    assert resolver.with_paths(path).by_id(old.id).name == "Zzyzx Qwv Mine"


def test_validate_reports_the_problems_that_use_refuses(capsys, tmp_path, bundled):
    status, out, path = _validate(capsys, tmp_path, "- {id: a, type: place, name: A, parent: nowhere}\n")
    assert status == 1 and "parent 'nowhere' is not an id" in out.out
    assert out.err == "namenorm: 1 problem\n"
    with pytest.raises(namenorm.GazetteerError):
        bundled.with_paths(path)


def test_validate_over_a_saved_index(capsys, tmp_path, mini_path):
    saved = tmp_path / "mini.nnidx"
    namenorm.Resolver.from_paths(mini_path, include_default=False).save(saved)
    text = "- {id: x-town, type: place, name: X Town, country: azerbaijan}\n"
    status, out, _ = _validate(capsys, tmp_path, text, "--index", str(saved))
    assert status == 0 and out.out == "ok\n"
    text = "- {id: x-town, type: place, name: X Town, country: armenia-no}\n"
    status, out, _ = _validate(capsys, tmp_path, text, "--index", str(saved))
    assert status == 1 and "country 'armenia-no' is not an id" in out.out
    status, out, _ = _validate(capsys, tmp_path, text, "--index", str(saved), "--no-default")
    assert status == 2 and "--no-default" in out.err
