"""Issue 17, continued: ``lookup --xref``, ``validate`` checking a file as it will be used, and
the README's examples of layered gazetteers and identifier lookups."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
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
