"""Gazetteer loading and validation: every problem named with file, line and entry."""

from __future__ import annotations

import pytest

from namenorm import Entity, Gazetteer, GazetteerError, Name, validate_paths
from namenorm.gazetteer.model import detect_script


def _write(tmp_path, text, name="g.yaml", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return p


def _messages(path):
    return [(p.line, p.entry, p.message) for p in validate_paths([path])]


def test_valid_fixture_has_no_problems(mini_path):
    assert validate_paths([mini_path]) == []


def test_unknown_and_missing_fields(tmp_path):
    p = _write(tmp_path, "- id: baku\n  type: place\n  colour: blue\n- id: x\n  name: X\n")
    msgs = _messages(p)
    assert (1, "baku", "unknown field 'colour'") in msgs
    assert (1, "baku", "missing required field 'name'") in msgs
    assert (4, "x", "missing required field 'type'") in msgs


def test_duplicate_ids_across_files(tmp_path):
    a = _write(tmp_path, "- {id: baku, type: place, name: Baku}\n", "a.yaml")
    b = _write(tmp_path, "- {id: baku, type: place, name: Bakou}\n", "b.yaml")
    problems = validate_paths([a, b])
    assert len(problems) == 1 and "duplicate id" in problems[0].message
    assert problems[0].path.endswith("b.yaml") and problems[0].line == 1


def test_duplicate_keys_are_refused(tmp_path):
    p = _write(tmp_path, "- id: baku\n  id: bakou\n  type: place\n  name: Baku\n")
    [problem] = validate_paths([p])
    assert "duplicate key 'id'" in problem.message and problem.line == 2


def test_unmarked_alias_collision(tmp_path):
    p = _write(
        tmp_path,
        "- {id: a, type: place, name: Martuni}\n"
        "- id: b\n  type: place\n  name: Khojavend\n  names: [{text: Martuni}]\n",
    )
    msgs = [m for _, _, m in _messages(p)]
    assert any("also names a, b" in m for m in msgs)
    ok = _write(
        tmp_path,
        "- id: a\n  type: place\n  name: Martuni\n  names: [{text: Martuni, shared: true}]\n"
        "- id: b\n  type: place\n  name: Khojavend\n  names: [{text: Martuni, shared: true}]\n",
        "ok.yaml",
    )
    assert validate_paths([ok]) == []


def test_text_not_nfc(tmp_path):
    p = _write(tmp_path, "- id: a\n  type: place\n  name: Baku\n  names: [{text: \"Bak\u0131\u0307\"}]\n")
    # 'ı' + combining dot is not a composable pair, so use an explicit decomposed é instead:
    p = _write(tmp_path, "- id: a\n  type: place\n  name: Baku\n  names: [{text: \"Bake\u0301\"}]\n")
    assert any("not in NFC" in m for _, _, m in _messages(p))


def test_bad_values(tmp_path):
    p = _write(
        tmp_path,
        "- id: Not A Slug\n  type: planet\n  name: X\n  xrefs: {wikidata: 123, geonames: abc}\n"
        "  names: [{text: Y, kind: nickname, lang: Armenian, period: 'in the 1990s'}]\n",
    )
    msgs = " | ".join(m for _, _, m in _messages(p))
    for fragment in ("lowercase ASCII slug", "type must be one of", "wikidata", "geonames",
                     "kind 'nickname'", "lang 'Armenian'", "period"):
        assert fragment in msgs


def test_relations_must_point_to_ids(tmp_path):
    p = _write(tmp_path, "- {id: a, type: place, name: A, country: nowhere, near_miss: [b]}\n")
    msgs = [m for _, _, m in _messages(p)]
    assert "country 'nowhere' is not an id" in msgs and "near_miss 'b' is not an id" in msgs


def test_not_a_list_not_utf8_not_yaml(tmp_path):
    assert "YAML list" in validate_paths([_write(tmp_path, "id: a\n", "m.yaml")])[0].message
    assert "not UTF-8" in validate_paths([_write(tmp_path, b"- id: \xff\n", "b.yaml")])[0].message
    bad = validate_paths([_write(tmp_path, "- id: [a\n", "y.yaml")])[0]
    assert bad.message.startswith("YAML") and bad.line is not None


def test_yaml_tags_cannot_build_objects(tmp_path):
    p = _write(tmp_path, "- !!python/object/apply:os.system ['echo pwned']\n")
    [problem] = validate_paths([p])
    assert problem.message.startswith("YAML")


def test_load_error_lists_every_problem(tmp_path):
    p = _write(tmp_path, "- {id: a, type: planet, name: A}\n- {id: b, type: place}\n")
    with pytest.raises(GazetteerError) as info:
        Gazetteer.from_paths(p)
    assert len(info.value.problems) == 2
    assert str(p) in str(info.value) and "and 1 more" in str(info.value)


def test_entity_model():
    e = Entity("baku", "place", "Baku", names=(Name("Bakı", lang="az"), Name("Baku", shared=True)))
    assert [n.text for n in e.names] == ["Baku", "Bakı"]
    assert e.names[0].kind == "preferred" and e.names[0].shared
    assert detect_script("Ереван") == "Cyrl" and detect_script("თბილისი") == "Geor"


def test_bundled_gazetteer_validates(bundled_from_yaml):
    # validate_paths(default_paths()), read once per session with the compiled-from-YAML index
    _, problems = bundled_from_yaml
    assert problems == []


def test_bundled_gazetteer_has_the_core_entities():
    import namenorm

    g = namenorm.default_gazetteer()
    core = """armenia azerbaijan georgia russia turkey iran france united-states syria qatar
    soviet-union artsakh nagorno-karabakh nakhchivan stepanakert shusha ganja baku yerevan tbilisi
    ankara moscow istanbul martuni hadrut lachin ilham-aliyev heydar-aliyev nikol-pashinyan
    arayik-harutyunyan vladimir-putin sergei-lavrov dmitry-peskov recep-tayyip-erdogan
    mevlut-cavusoglu emmanuel-macron donald-trump osce-minsk-group nato european-union afp
    al-jazeera interfax armenpress""".split()
    assert [i for i in core if i not in g] == []
    for eid in core:
        scripts = {n.script for n in g[eid].names}
        assert len(scripts) >= 2, (eid, scripts)  # native-script forms beside the Latin ones
