"""Any gazetteer file, any saved index: read safely, refused with one clear error, harmless.

Each case below is an attack or a mistake seen in the wild (YAML tags that run code, alias
bombs, documents nested past the stack, integers Python refuses to convert, files that are not
UTF-8 or not a list) and the limit that stops it (docs/security.md lists them).
"""

from __future__ import annotations

import json
import subprocess
import sys
from array import array

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import namenorm
import namenorm.gazetteer.yaml_io as gazetteer_module
from namenorm import Entity, Gazetteer, GazetteerError, IndexFormatError, Resolver, validate_paths
from namenorm.index.binary import MAGIC, read_header
from namenorm.index.store import load_index
from namenorm.index.write import encode_index

ENTRY = "- id: a\n  type: place\n  name: A\n"


def _write(tmp_path, text, name="g.yaml"):
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return p


def _only_problem(path):
    problems = validate_paths([path])
    assert len(problems) == 1, problems
    return problems[0]


# -- YAML tags never build objects or run code -------------------------------------------------

PAYLOADS = [
    "!!python/object/apply:os.system ['touch {mark}']",
    "!!python/object/apply:subprocess.check_output [['touch', '{mark}']]",
    "!!python/object/new:subprocess.Popen [['touch', '{mark}']]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:namenorm.Config {{}}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_yaml_tags_cannot_build_objects_or_run_code(tmp_path, payload):
    mark = tmp_path / "pwned"
    doc = f"- id: a\n  type: place\n  name: A\n  role: {payload.format(mark=mark)}\n"
    p = _write(tmp_path, doc)
    problem = _only_problem(p)
    assert problem.message.startswith("YAML: could not determine a constructor")
    assert problem.line == 4 and problem.path == str(p)
    assert not mark.exists()
    with pytest.raises(GazetteerError):
        Resolver.from_paths(p, include_default=False)
    assert not mark.exists()


def test_the_payloads_are_live_on_an_unsafe_loader(tmp_path):
    """The documents above do run code where YAML is read unsafely: the tests above test
    something."""
    mark = tmp_path / "pwned"
    yaml.load(PAYLOADS[0].format(mark=mark), Loader=yaml.UnsafeLoader)  # noqa: S506
    assert mark.exists()


# -- limits: alias bombs, size, depth, integers ------------------------------------------------


def _bomb(levels: int, width: int = 9) -> str:
    lines = ["  extra:", f"    - &l0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"    - &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    return ENTRY + "\n".join(lines) + "\n"


def test_billion_laughs_is_refused(tmp_path):
    # 9 ** 9 = 387,420,489 strings once expanded, from 700 bytes on disk.
    p = _write(tmp_path, _bomb(9))
    problem = _only_problem(p)
    assert f"expands to more than {gazetteer_module.MAX_NODES} nodes" in problem.message
    assert problem.path == str(p) and problem.line == 1


def test_node_limit_counts_expanded_aliases(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer_module, "MAX_NODES", 1000)
    assert "expands to more than 1000" in _only_problem(_write(tmp_path, _bomb(4))).message
    assert validate_paths([_write(tmp_path, _bomb(2), "small.yaml")])[0].message.startswith(
        "unknown field 'extra'"
    )  # under the limit, the file is read and judged on its content


def test_self_referring_alias_is_refused(tmp_path):
    p = _write(tmp_path, ENTRY + "  names: &n [*n]\n")
    assert "alias refers to a node that contains it" in _only_problem(p).message


def test_oversized_file_is_refused_before_parsing(tmp_path, monkeypatch):
    p = _write(tmp_path, ENTRY * 1 + "  names: [" + ", ".join(["x"] * 500) + "]\n")
    monkeypatch.setattr(gazetteer_module, "MAX_FILE_BYTES", 1000)
    parsed = []
    monkeypatch.setattr(gazetteer_module, "parse", lambda text: parsed.append(text))
    assert _only_problem(p).message == "file over 1000 bytes"
    assert parsed == []


def test_deep_nesting_is_refused(tmp_path):
    p = _write(tmp_path, ENTRY + "  names: " + "[" * 5000 + "]" * 5000 + "\n")
    problem = _only_problem(p)
    assert f"nested more than {gazetteer_module.MAX_DEPTH} deep" in problem.message
    assert problem.line == 4


def test_integer_too_long_for_python_is_refused(tmp_path):
    p = _write(tmp_path, ENTRY + "  xrefs: {geonames: " + "9" * 5000 + "}\n")
    problem = _only_problem(p)
    assert problem.message == "YAML: integer too long" and problem.line == 4


NEWLINE_DOCS = {
    "id": '- {id: "baku\\n", type: place, name: Baku}\n',
    "category": '- {id: baku, type: place, name: Baku, category: "city\\n"}\n',
    "xref": '- {id: baku, type: place, name: Baku, xrefs: {wikidata: "Q9248\\n"}}\n',
}


@pytest.mark.parametrize("doc", NEWLINE_DOCS.values(), ids=NEWLINE_DOCS.keys())
def test_a_trailing_newline_does_not_pass_a_pattern(tmp_path, doc):
    # Python's "$" also matches before a final newline; the patterns end with "\Z".
    assert len(validate_paths([_write(tmp_path, doc)])) == 1


def test_messages_stay_short_whatever_the_value(tmp_path):
    # Names that are long lists (in a bomb, each would be millions of items) are shown cut.
    p = _write(tmp_path, ENTRY + "  names: [" + ", ".join(["[" + "x, " * 300 + "x]"] * 3) + "]\n")
    problems = validate_paths([p])
    assert len(problems) == 3 and all(len(str(x)) < 300 for x in problems)


# -- one clear error, naming file and line ---------------------------------------------------

BAD_FILES = {
    "not UTF-8": (ENTRY.encode() + b"- id: b\n  name: \xff\n", 5, "not UTF-8 text"),
    "not a list": ("id: a\ntype: place\n", 1, "the file must be a YAML list of entities"),
    "entry not a mapping": (ENTRY + "- just a string\n", 4, "an entry is not a mapping"),
    "missing field": (ENTRY + "- id: b\n  type: place\n", 4, "missing required field 'name'"),
    "duplicate key": (ENTRY + "  type: person\n", 4, "YAML: duplicate key 'type'"),
    "broken YAML": (ENTRY + "- id: [b\n", 5, "YAML: "),
    "a tab": (ENTRY + "\t- id: b\n", 4, "YAML: "),
}


@pytest.mark.parametrize("text,line,message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_file_gives_one_error_naming_file_and_line(tmp_path, text, line, message):
    p = _write(tmp_path, text)
    problem = _only_problem(p)
    assert problem.message.startswith(message) and problem.line == line
    with pytest.raises(GazetteerError) as info:
        Gazetteer.from_paths(p)
    assert str(info.value).startswith(f"{p}:{line}:")
    proc = subprocess.run(
        [sys.executable, "-m", "namenorm", "lookup", "--no-default", "--gazetteer", str(p), "A"],
        capture_output=True, timeout=120,
    )  # fmt: skip
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and f"{p}:{line}:" in err, err


# -- a failed load changes nothing -----------------------------------------------------------

QUERIES = ["Baku", "Steppe cart", "Karaƅakh", "Aliyev", "Ереван", "stagnant economy"]


def _answers(resolver):
    return [[(m.id, m.score) for m in resolver.candidates(q, limit=3)] for q in QUERIES]


def test_failed_loads_leave_the_bundled_gazetteer_alone(tmp_path):
    default = namenorm.default_resolver()
    before = _answers(default)
    n_entities, n_aliases = len(default.gazetteer), len(default.index.aliases)
    bad_files = [
        _write(tmp_path, BAD_FILES["missing field"][0], "missing.yaml"),
        _write(tmp_path, _bomb(9), "bomb.yaml"),
        # valid on its own, but it names a country no layer holds
        _write(tmp_path, "- {id: baku, type: place, name: Baku, country: nowhere}\n", "dup.yaml"),
    ]
    for i, p in enumerate(bad_files):
        with pytest.raises(GazetteerError):
            Resolver.from_paths(p, include_default=i != 1)  # the bomb is refused on its own
    # A good file on top of the bundled one builds a new resolver; the default stays as it was.
    good = _write(
        tmp_path, "- {id: krasnaya-sloboda, type: place, name: Krasnaya Sloboda}\n", "good.yaml"
    )
    assert Resolver.from_paths(good).resolve("Krasnaya Sloboda").id == "krasnaya-sloboda"
    assert namenorm.resolve("Krasnaya Sloboda") is None
    assert namenorm.default_resolver() is default
    assert len(default.gazetteer) == n_entities and len(default.index.aliases) == n_aliases
    assert _answers(default) == before == _answers(Resolver())


# -- a saved (compiled) index is data: checked, never executed ---------------------------------


def _raw(header: bytes, body: bytes = b"") -> bytes:
    return MAGIC + len(header).to_bytes(8, "little") + header + body


def _saved(mutate) -> bytes:
    """The saved form of a one-entity index, its header and sections changed by ``mutate``."""
    chunks = encode_index(Resolver(Gazetteer([Entity("baku", "place", "Baku")])).index)
    head, body = read_header(b"".join(chunks))
    sections = {name: [bytes(body[o : o + n]), kind]
                for name, (o, n, kind) in head["sections"].items()}
    mutate(head, sections)
    offset = 0
    for name, (data, kind) in sections.items():
        head["sections"][name] = [offset, len(data), kind]
        offset += len(data)
    return _raw(json.dumps(head).encode(), b"".join(d for d, _ in sections.values()))


def _section(name, data, kind=None):
    def mutate(head, sections):
        sections[name][0] = data
        if kind:
            sections[name][1] = kind
    return mutate


def _entities(change, ids=None):
    """Replace the one entity's JSON by ``change(entity)`` (one entity or a list)."""
    def mutate(head, sections):
        entity = json.loads(sections["entities"][0])
        new = change(entity)
        new = new if isinstance(new, list) else [new]
        texts = [json.dumps(e).encode() for e in new]
        offsets, total = [0], 0
        for t in texts:
            total += len(t)
            offsets.append(total)
        sections["entities"][0] = b"".join(texts)
        sections["entities.off"][0] = array("q", offsets).tobytes()
        sections["entities.ids"][0] = "\n".join(ids or [e["id"] if isinstance(e["id"], str)
                                                        else "baku" for e in new]).encode()
        head["entities"] = len(new)
    return mutate


HOSTILE_INDEXES = {
    "deep nesting": _raw(b"[" * 100_000 + b"]" * 100_000),
    "not an object": _raw(b"[1, 2]"),
    "not JSON": b"\x00garbage",
    "header not JSON": _raw(b"\x00garbage"),
    "other format": _saved(lambda h, s: h.update(format=99)),
    "entity out of range": _saved(_section("alias.entity", array("i", [7]).tobytes())),
    "negative entity": _saved(_section("alias.entity", array("i", [-1]).tobytes())),
    "entity of another width": _saved(_section("alias.entity", array("q", [0]).tobytes(),
                                               "q")),
    "key not UTF-8": _saved(_section("alias.fold", b"\xff\xfe\xfd\xfc")),
    "flag out of range": _saved(_section("alias.flags", bytes([7]))),
    "short column": _saved(_section("alias.kind", b"")),
    "scheme out of range": _saved(_section("alias.scheme", array("H", [5]).tobytes())),
    "long column": _saved(_section("alias.lang", array("H", [0] * 5).tobytes())),
    "section past the end": _saved(lambda h, s: s.update({"alias.text": [b"", "blob"]})),
    "entity id not a string": _saved(_entities(lambda e: dict(e, id=["x"]))),
    "entity id not the listed one": _saved(_entities(lambda e: e, ids=["ganja"])),
    "name text not a string": _saved(
        _entities(lambda e: dict(e, names=[dict(e["names"][0], text=5)]))
    ),
    "unknown entity field": _saved(_entities(lambda e: dict(e, __class__="x"))),
    "duplicate ids": _saved(_entities(lambda e: [e, e])),
}


@pytest.mark.parametrize("data", HOSTILE_INDEXES.values(), ids=HOSTILE_INDEXES.keys())
def test_hostile_saved_index_is_refused(tmp_path, data):
    path = tmp_path / "hostile.nnidx"
    path.write_bytes(data)
    with pytest.raises(IndexFormatError):
        resolver = Resolver.from_index(load_index(path))
        assert resolver.gazetteer  # entities are decoded when first used
        resolver.candidates("Baku")


def test_valid_saved_index_round_trips(tmp_path):
    path = tmp_path / "valid.nnidx"
    path.write_bytes(_saved(lambda h, s: None))
    assert Resolver.from_index(load_index(path)).resolve("BAKU").id == "baku"


# -- a saved binary index (``Resolver.save``/``load``): damaged bytes fail cleanly -------------


@pytest.fixture(scope="module")
def saved_bytes(tmp_path_factory):
    from namenorm.index.store import save_index

    path = tmp_path_factory.mktemp("idx") / "mini.nnidx"
    gazetteer = Gazetteer(
        [Entity("baku", "place", "Baku"), Entity("ganja", "place", "Ganja")]
    )
    save_index(Resolver(gazetteer).index, path)
    from namenorm.index.store import load_index

    assert Resolver.from_index(load_index(path)).resolve("Ganja").id == "ganja"  # undamaged
    return path.read_bytes()


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_binary_index_fails_cleanly(saved_bytes, tmp_path, data):
    from namenorm.index.store import load_index

    raw = bytearray(saved_bytes)
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    for _ in range(data.draw(st.integers(0, 4))):
        if raw:
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "damaged.nnidx"
    path.write_bytes(bytes(raw))
    # Entities and alias strings are decoded when first needed (the resolver's gazetteer, a
    # lookup), so damage there surfaces then, as IndexFormatError; nothing else may escape.
    try:
        resolver = Resolver.from_index(load_index(path))
        for query in ("Baku", "Ganja", "Gyanja", "nobody"):
            assert all(m.id in resolver.gazetteer for m in resolver.candidates(query))
    except IndexFormatError:
        pass


_CRASH = {
    # killed after the first piece of the new file was written
    "mid-write": (
        "import builtins\n"
        "class Dying:\n"
        "    def __init__(self, f): self.f = f\n"
        "    def __enter__(self): return self\n"
        "    def __exit__(self, *a): self.f.close()\n"
        "    def write(self, b): self.f.write(b); self.f.flush(); os._exit(9)\n"
        "compiled.open = lambda *a, **k: Dying(builtins.open(*a, **k))\n"
    ),
    # killed after the new file was written whole, before it replaced the old one
    "before-replace": "compiled.os.replace = lambda *a: os._exit(9)\n",
}


def test_saved_index_whose_aliases_have_one_length_round_trips(tmp_path):
    # Its "lengths" postings hold one empty gram, written as an empty section.
    from namenorm.index.store import load_index, save_index

    path = tmp_path / "one.nnidx"
    save_index(Resolver(Gazetteer([Entity("baku", "place", "Baku")])).index, path)
    assert Resolver.from_index(load_index(path)).resolve("BAKU").id == "baku"


@pytest.mark.parametrize("crash", _CRASH.values(), ids=_CRASH.keys())
def test_crash_while_saving_leaves_the_old_index_whole(tmp_path, crash):
    from namenorm.index.store import load_index, save_index

    path = tmp_path / "mine.nnidx"
    save_index(Resolver(Gazetteer([Entity("baku", "place", "Baku")])).index, path)
    before = path.read_bytes()
    script = (
        "import os, sys\nimport namenorm.index.store as compiled\n" + crash
        + "compiled.save_index(__import__('namenorm').default_resolver().index, sys.argv[1])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(path)], timeout=300)
    assert proc.returncode == 9  # the save did crash
    assert path.read_bytes() == before
    assert Resolver.from_index(load_index(path)).resolve("Baku").id == "baku"
