"""The gazetteer: entities and their names, loaded from YAML and validated.

The format is documented in ``docs/gazetteer.md``. Loading reads YAML with a safe loader (no tag
can build an object), records the line of every entry, and collects *every* problem before it
raises one :class:`~namenorm.GazetteerError` that lists them, each naming file, line and entry.

>>> g = Gazetteer([Entity(id="baku", type="place", name="Baku", names=(Name("Bakı", lang="az"),))])
>>> g["baku"].names[1].script
'Latn'
"""

from __future__ import annotations

import re
import reprlib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from namenorm._errors import GazetteerError, GazetteerProblem
from namenorm.text.scripts import detect_script

__all__ = ["KINDS", "TYPES", "Entity", "Gazetteer", "Name", "detect_script", "load_paths"]

TYPES = frozenset({"person", "place", "organization", "event"})
KINDS = frozenset(
    {
        "preferred", "official", "variant", "exonym", "historical", "abbreviation", "short",
        "demonym", "corruption", "generated",
    }
)  # fmt: skip
_ENTITY_FIELDS = {
    "id", "type", "name", "names", "category", "country", "parent", "role", "near_miss", "xrefs",
}  # fmt: skip
_NAME_FIELDS = {
    "text", "lang", "script", "kind", "period", "exact_only", "needs_context", "shared", "scheme",
}  # fmt: skip
_FLAGS = ("exact_only", "needs_context", "shared")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?\Z")
_SCRIPT = re.compile(r"^[A-Z][a-z]{3}\Z")
_PERIOD = re.compile(r"^(\d{1,4})?-(\d{1,4})?\Z")
_CATEGORY = re.compile(r"^[a-z]+(?:-[a-z]+)*\Z")
_XREFS = {
    "wikidata": re.compile(r"^Q[1-9]\d*\Z"),
    "geonames": re.compile(r"^[1-9]\d*\Z"),
    "iso3166": re.compile(r"^[A-Z]{2}\Z"),
    "iso3166-2": re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}\Z"),
}
# Zero-width non-joiner and joiner are part of Persian and Arabic-script spelling.
_JOINERS = {"\u200c", "\u200d"}

#: Limits that keep a hostile file from exhausting memory or the stack: the size of a file, the
#: number of YAML nodes it holds once every alias is expanded (an "alias bomb" of nested anchors
#: is small on disk and huge when walked), and how deeply collections may nest.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NODES = 5_000_000
MAX_DEPTH = 64

# Values from a file are shown in messages at most this big (a hostile value can be huge).
_SHOW = reprlib.Repr()
_SHOW.maxstring = _SHOW.maxother = 80
_SHOW.maxlist = _SHOW.maxtuple = _SHOW.maxdict = _SHOW.maxset = 4
_SHOW.maxlevel = 2


def _show(value: Any) -> str:
    """``repr(value)``, shortened: safe in a message whatever the file held."""
    return _SHOW.repr(value)


@dataclass(frozen=True)
class Name:
    """One name of an entity: its text and what is known about it.

    ``exact_only`` names match only when the query is the same string (case kept);
    ``needs_context`` names are ordinary words too and do not resolve a bare lookup;
    ``shared`` names legitimately belong to several entities.
    """

    text: str
    lang: str | None = None
    script: str | None = None
    kind: str = "variant"
    period: str | None = None
    exact_only: bool = False
    needs_context: bool = False
    shared: bool = False
    scheme: str | None = None

    def __post_init__(self) -> None:
        if self.script is None:
            object.__setattr__(self, "script", detect_script(self.text))


@dataclass(frozen=True)
class Entity:
    """A canonical person, place or organization. ``names[0]`` is the canonical ``name``."""

    id: str
    type: str
    name: str
    names: tuple[Name, ...] = ()
    category: str | None = None
    country: str | None = None
    parent: str | None = None
    role: str | None = None
    near_miss: tuple[str, ...] = ()
    xrefs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.names or self.names[0].kind != "preferred" or self.names[0].text != self.name:
            # The canonical name comes first; listing it again under names only adds its flags
            # (for example ``shared: true`` where two entities have the same canonical name).
            same = [n for n in self.names if n.text == self.name]
            preferred = Name(
                self.name,
                lang="en",
                kind="preferred",
                **{f: any(getattr(n, f) for n in same) for f in _FLAGS},
            )
            rest = tuple(n for n in self.names if n.text != self.name)
            object.__setattr__(self, "names", (preferred, *rest))
        if not isinstance(self.xrefs, MappingProxyType):
            object.__setattr__(self, "xrefs", MappingProxyType(dict(self.xrefs)))


class Gazetteer:
    """An immutable collection of entities with unique ids.

    Build one from :class:`Entity` objects, or from YAML with :meth:`from_paths`.
    """

    __slots__ = ("_by_id", "_entities")

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._entities = tuple(entities)
        self._by_id: dict[str, Entity] = {}
        for e in self._entities:
            if e.id in self._by_id:
                raise GazetteerError(
                    [GazetteerProblem(e.source or "<memory>", None, e.id, "duplicate id")]
                )
            self._by_id[e.id] = e

    @classmethod
    def from_paths(cls, *paths: str | Path, include_default: bool = False) -> Gazetteer:
        """Load YAML files (or folders of them), optionally on top of the bundled gazetteer."""
        base = default_paths() if include_default else []
        return cls(load_paths([*base, *paths]))

    @property
    def entities(self) -> tuple[Entity, ...]:
        """All entities, in file order."""
        return self._entities

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self._by_id.get(entity_id)

    def __getitem__(self, entity_id: str) -> Entity:
        return self._by_id[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities)

    def __len__(self) -> int:
        return len(self._entities)

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self)} entities>"


def default_paths() -> list[Path]:
    """The YAML files of the bundled gazetteer, in a fixed order."""
    return sorted(_default_dir().glob("*.yaml"))


def _default_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    installed = here / "_gazetteer_data"
    if installed.is_dir():
        return installed
    return here.parent / "gazetteer"


# --- YAML reading --------------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """Safe loader that records each mapping's line, refuses duplicate keys and limits nesting."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"collections nested more than {MAX_DEPTH} deep",
                    self.peek_event().start_mark,
                )  # fmt: skip
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _check_expanded_size(root: yaml.Node) -> None:
    """Refuse a document with more than :data:`MAX_NODES` nodes once each alias is counted as a
    copy of what it names, or with an alias inside the node it names. Linear in the nodes on
    disk: the size of a shared node is computed once."""
    size: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are being counted
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if isinstance(node, yaml.ScalarNode):
            size[key] = 1
            continue
        if isinstance(node, yaml.MappingNode):
            children = [c for pair in node.value for c in pair]
        else:
            children = list(node.value)
        if not children_done:
            if key in size:
                continue
            if key in open_:  # reached from its own descendants
                raise yaml.composer.ComposerError(
                    None, None, "an alias refers to a node that contains it", node.start_mark
                )
            open_.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size)
            continue
        open_.discard(key)
        total = 1 + sum(size[id(c)] for c in children)
        if total > MAX_NODES:
            raise yaml.composer.ComposerError(
                None, None, f"the document expands to more than {MAX_NODES} nodes through "
                "aliases", root.start_mark,
            )  # fmt: skip
        size[key] = total


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:  # Python refuses to convert integers of more than 4300 digits
        raise yaml.constructor.ConstructorError(
            None, None, "integer too long", node.start_mark
        ) from None


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, f"mapping key {_show(key)} is not a string", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {_show(key)}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _parse(text: str) -> tuple[Any, list[int]]:
    """Parse one YAML document with :class:`_LineLoader` and the limits above; also return the
    line of each item when the document is a list."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        _check_expanded_size(node)
        lines = []
        if isinstance(node, yaml.SequenceNode):
            lines = [item.start_mark.line + 1 for item in node.value]
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def _read_yaml(path: Path) -> tuple[Any, list[int], list[GazetteerProblem]]:
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problem = GazetteerProblem(where, None, None, f"cannot read: {exc.strerror or exc}")
        return None, [], [problem]
    if len(raw) > MAX_FILE_BYTES:
        problem = GazetteerProblem(where, None, None, f"file over {MAX_FILE_BYTES} bytes")
        return None, [], [problem]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [], [GazetteerProblem(where, line, None, "not UTF-8 text")]
    try:
        data, lines = _parse(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return None, [], [GazetteerProblem(where, line, None, f"YAML: {exc.problem or exc}")]
    except yaml.YAMLError as exc:
        return None, [], [GazetteerProblem(where, None, None, f"YAML: {exc}")]
    except RecursionError:  # a chain of nested aliases deeper than the stack
        return None, [], [GazetteerProblem(where, None, None, "YAML: nested too deeply")]
    return data, lines, []


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted([*p.glob("*.yaml"), *p.glob("*.yml")]))
        else:
            out.append(p)
    return out


def load_paths(paths: Iterable[str | Path]) -> list[Entity]:
    """Read and validate gazetteer files; raise :class:`GazetteerError` listing every problem."""
    entities, problems = _load(paths)
    if problems:
        raise GazetteerError(problems)
    return entities


def validate_paths(paths: Iterable[str | Path]) -> list[GazetteerProblem]:
    """Every problem in these gazetteer files (an empty list when they are valid)."""
    return _load(paths)[1]


def _load(paths: Iterable[str | Path]) -> tuple[list[Entity], list[GazetteerProblem]]:
    problems: list[GazetteerProblem] = []
    entities: list[Entity] = []
    lines: dict[str, tuple[str, int | None]] = {}
    files = expand_paths(paths)
    if not files:
        problems.append(GazetteerProblem("<paths>", None, None, "no gazetteer files given"))
    for path in files:
        data, item_lines, file_problems = _read_yaml(path)
        problems.extend(file_problems)
        if file_problems:
            continue
        if data is None:
            continue  # an empty file holds no entities
        if not isinstance(data, list):
            problems.append(
                GazetteerProblem(str(path), 1, None, "the file must be a YAML list of entities")
            )
            continue
        for item, item_line in zip(data, item_lines):
            line = _line(item) or item_line
            entity = parse_entity(item, str(path), problems, item_line)
            if entity is None:
                continue
            if entity.id in lines:
                other, first = lines[entity.id]
                problems.append(
                    GazetteerProblem(
                        str(path), line, entity.id, f"duplicate id (first in {other}:{first})"
                    )
                )
                continue
            lines[entity.id] = (str(path), line)
            entities.append(entity)
    problems.extend(check_relations(entities, lines))
    problems.extend(_check_collisions(entities, lines))
    return entities, problems


def _line(item: Any) -> int | None:
    return item.get("__line__") if isinstance(item, dict) else None


def parse_entity(
    item: Any, path: str, problems: list[GazetteerProblem], item_line: int | None = None
) -> Entity | None:
    if not isinstance(item, dict):
        problems.append(GazetteerProblem(path, item_line, None, "an entry is not a mapping"))
        return None
    line = item.pop("__line__", None)
    eid = item.get("id")
    label = eid if isinstance(eid, str) else None

    def bad(message: str, at: int | None = line) -> None:
        problems.append(GazetteerProblem(path, at, label, message))

    before = len(problems)
    for key in sorted(set(item) - _ENTITY_FIELDS):
        bad(f"unknown field {_show(key)}")
    for key in ("id", "type", "name"):
        if key not in item:
            bad(f"missing required field {key!r}")
        elif not isinstance(item[key], str) or not item[key].strip():
            bad(f"field {key!r} must be a non-empty string")
    if isinstance(eid, str) and not _ID.match(eid):
        bad("id must be a lowercase ASCII slug like 'nikol-pashinyan'")
    if isinstance(item.get("type"), str) and item["type"] not in TYPES:
        bad(f"type must be one of {', '.join(sorted(TYPES))}")
    if isinstance(item.get("name"), str):
        _check_text(item["name"], bad)
    for key in ("country", "parent"):
        value = item.get(key)
        if value is not None and (not isinstance(value, str) or not _ID.match(value)):
            bad(f"{key} must be an entity id")
    if item.get("role") is not None and not isinstance(item.get("role"), str):
        bad("role must be a string")
    category = item.get("category")
    if category is not None and (not isinstance(category, str) or not _CATEGORY.match(category)):
        bad("category must be lowercase words joined by hyphens")
    near = item.get("near_miss", [])
    if not isinstance(near, list) or not all(isinstance(x, str) and _ID.match(x) for x in near):
        bad("near_miss must be a list of entity ids")
        near = []
    xrefs = _xrefs(item.get("xrefs", {}), bad)
    names = _names(item.get("names", []), line, bad)
    if len(problems) > before:
        return None
    return Entity(
        id=eid,
        type=item["type"],
        name=item["name"],
        names=tuple(names),
        category=category,
        country=item.get("country"),
        parent=item.get("parent"),
        role=item.get("role"),
        near_miss=tuple(near),
        xrefs=xrefs,
        source=f"{path}:{line}" if line else path,
    )


def _check_text(text: str, bad: Any, line: int | None = None) -> None:
    if unicodedata.normalize("NFC", text) != text:
        bad(f"text {text!r} is not in NFC", line)
    if text != text.strip() or "  " in text:
        bad(f"text {text!r} has stray white space", line)
    if any(unicodedata.category(c) in ("Cc", "Cf") and c not in _JOINERS for c in text):
        bad(f"text {text!r} has control or invisible characters", line)


def _xrefs(value: Any, bad: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        bad("xrefs must be a mapping")
        return {}
    value.pop("__line__", None)
    out = {}
    for key, ref in value.items():
        if isinstance(ref, bool) or not isinstance(ref, (str, int)):
            bad(f"xref {_show(key)}: {_show(ref)} is not a valid identifier")
            continue
        ref = str(ref)
        pattern = _XREFS.get(key)
        if pattern is None:
            bad(f"unknown xref {_show(key)} (known: {', '.join(sorted(_XREFS))})")
        elif not pattern.match(ref):
            bad(f"xref {key}: {ref!r} is not a valid identifier")
        else:
            out[key] = ref
    return out


def _names(value: Any, entity_line: int | None, bad: Any) -> list[Name]:
    if not isinstance(value, list):
        bad("names must be a list")
        return []
    out: list[Name] = []
    seen: set[tuple[str, str | None]] = set()
    for raw in value:
        if isinstance(raw, str):
            raw = {"text": raw}
        if not isinstance(raw, dict):
            bad(f"a name must be a mapping with 'text', not {_show(raw)}")
            continue
        line = raw.pop("__line__", entity_line)
        for key in sorted(set(raw) - _NAME_FIELDS):
            bad(f"unknown name field {_show(key)}", line)
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            bad(f"name text must be a non-empty string, not {_show(text)}", line)
            continue
        _check_text(text, bad, line)
        lang, script, kind = raw.get("lang"), raw.get("script"), raw.get("kind", "variant")
        if lang is not None and (not isinstance(lang, str) or not _LANG.match(lang)):
            bad(f"lang {_show(lang)} of {text!r} is not a code like 'hy' or 'hy-Latn'", line)
        if script is not None and (not isinstance(script, str) or not _SCRIPT.match(script)):
            bad(f"script {_show(script)} of {text!r} is not an ISO 15924 code like 'Armn'", line)
        if kind not in KINDS:
            bad(f"kind {_show(kind)} of {text!r} is not one of {', '.join(sorted(KINDS))}", line)
        period = raw.get("period")
        if period is not None and (not isinstance(period, str) or not _PERIOD.match(period)):
            bad(f"period {_show(period)} of {text!r} must look like '1923-1991', '-1923' or '1991-'", line)
        for flag in _FLAGS:
            if flag in raw and not isinstance(raw[flag], bool):
                bad(f"{flag} of {text!r} must be true or false", line)
        if (text, lang) in seen:
            bad(f"name {text!r} is listed twice", line)
        seen.add((text, lang))
        out.append(
            Name(
                text=text,
                lang=lang,
                script=script,
                kind=kind,
                period=period,
                scheme=raw.get("scheme"),
                **{f: raw.get(f) is True for f in _FLAGS},
            )
        )
    return out


def check_relations(
    entities: list[Entity], lines: dict[str, tuple[str, int | None]]
) -> list[GazetteerProblem]:
    ids = {e.id for e in entities}
    problems = []
    for e in entities:
        path, line = lines.get(e.id, ("<memory>", None))
        for key in ("country", "parent"):
            ref = getattr(e, key)
            if ref is not None and ref not in ids:
                problems.append(GazetteerProblem(path, line, e.id, f"{key} {ref!r} is not an id"))
        for ref in e.near_miss:
            if ref not in ids:
                problems.append(GazetteerProblem(path, line, e.id, f"near_miss {ref!r} is not an id"))
    return problems


def _check_collisions(
    entities: list[Entity], lines: dict[str, tuple[str, int | None]]
) -> list[GazetteerProblem]:
    """An alias (same folded key) on two entities must be marked ``shared`` on both."""
    from namenorm.keys import fold_key

    owners: dict[str, list[tuple[Entity, Name]]] = {}
    for e in entities:
        seen: set[str] = set()
        for n in e.names:
            key = fold_key(n.text) if not n.exact_only else "\0" + n.text
            if key and key not in seen:
                seen.add(key)
                owners.setdefault(key, []).append((e, n))
    problems = []
    for pairs in owners.values():
        if len({e.id for e, _ in pairs}) < 2:
            continue
        unmarked = [(e, n) for e, n in pairs if not n.shared]
        if not unmarked:
            continue
        all_ids = ", ".join(e.id for e, _ in pairs)
        for e, n in unmarked:
            path, line = lines.get(e.id, ("<memory>", None))
            problems.append(
                GazetteerProblem(
                    path,
                    line,
                    e.id,
                    f"name {n.text!r} also names {all_ids}: mark it 'shared: true' on each",
                )
            )
    return problems

