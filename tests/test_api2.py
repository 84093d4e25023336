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
@given(st.data())
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
