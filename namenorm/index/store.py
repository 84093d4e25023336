"""The compiled form of a gazetteer and its index, as JSON: fast to load, safe to read.

``scripts/build_index.py`` compiles the bundled YAML into ``namenorm/_data/bundled.json`` so that
the first lookup does not parse YAML or compute keys. The file records a digest of the YAML and of
the code that computes keys; :func:`load_bundled` uses it only while both still match and
otherwise rebuilds from the YAML, so a stale file can slow the first lookup but never change an
answer. ``tests/test_compiled.py`` fails while the committed file is stale.

The format is plain JSON (never pickle): loading a file from elsewhere cannot run code.
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from namenorm._config import Config
from namenorm._errors import IndexFormatError, NamenormError
from namenorm.gazetteer.loader import Entity, Gazetteer, Name, default_paths
from namenorm.index.tables import Alias, Index

__all__ = [
    "FORMAT",
    "bundled_path",
    "code_digest",
    "from_json",
    "load_bundled",
    "load_index",
    "save_index",
    "to_json",
]

#: Version of the JSON layout; bumped whenever it or the meaning of a key changes.
FORMAT = 2

# Modules whose code decides the keys stored in a compiled index.
_KEY_MODULES = (
    "text/confusables", "text/normalize", "text/translit", "keys", "index/tables", "gazetteer/loader",
    "text/romanize",
)
_NAME_DEFAULTS = {f: getattr(Name("x"), f) for f in Name.__dataclass_fields__ if f != "text"}


def bundled_path() -> Path:
    """Where the compiled bundled gazetteer lives inside the package."""
    return Path(str(resources.files("namenorm").joinpath("_data", "bundled.json")))


def code_digest() -> str:
    """SHA-256 over the source of the modules that compute keys."""
    h = hashlib.sha256()
    pkg = resources.files("namenorm")
    for mod in _KEY_MODULES:
        h.update(pkg.joinpath(f"{mod}.py").read_bytes())
    return h.hexdigest()


def source_digest(paths: list[Path]) -> str:
    """SHA-256 over gazetteer files (names and bytes), plus :func:`code_digest`."""
    h = hashlib.sha256(code_digest().encode())
    for p in paths:
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _name_dict(n: Name) -> dict[str, Any]:
    d: dict[str, Any] = {"text": n.text}
    for f, default in _NAME_DEFAULTS.items():
        value = getattr(n, f)
        if f == "script" or value != default:
            d[f] = value
    return d


def entity_dict(e: Entity) -> dict[str, Any]:
    d: dict[str, Any] = {"id": e.id, "type": e.type, "name": e.name}
    for f in ("category", "country", "parent", "role", "source"):
        if getattr(e, f) is not None:
            d[f] = getattr(e, f)
    if e.near_miss:
        d["near_miss"] = list(e.near_miss)
    if e.xrefs:
        d["xrefs"] = dict(e.xrefs)
    d["names"] = [_name_dict(n) for n in e.names]
    return d


def to_json(index: Index, *, digest: str = "") -> str:
    """Serialize an index (with its entities) to JSON text, one alias per line."""
    entities = [json.dumps(entity_dict(e), ensure_ascii=False) for e in index.entities]
    aliases = [
        json.dumps(
            [a.entity, a.text, a.kind, a.lang, a.exact_only, a.needs_context, a.norm, a.fold, a.phon, a.skel]
            + ([a.scheme] if a.scheme else []),
            ensure_ascii=False,
        )
        for a in index.aliases
    ]
    head = json.dumps({"format": FORMAT, "digest": digest})
    return (
        f'{{"head": {head},\n"entities": [\n'
        + ",\n".join(entities)
        + '\n],\n"aliases": [\n'
        + ",\n".join(aliases)
        + "\n]}\n"
    )


def from_json(text: str, config: Config | None = None) -> tuple[Index, str]:
    """Rebuild an index from :func:`to_json` output; returns it and its recorded digest."""
    try:
        data = json.loads(text)
        head = data["head"]
        if head.get("format") != FORMAT:
            raise IndexFormatError(
                f"index format {head.get('format')!r} is not {FORMAT}; rebuild the index"
            )
        entities = tuple(
            Entity(
                **{k: v for k, v in e.items() if k not in ("names", "near_miss")},
                near_miss=tuple(e.get("near_miss", ())),
                names=tuple(Name(**n) for n in e["names"]),
            )
            for e in map(_check_entity, data["entities"])
        )
        aliases = [Alias(*_alias_row(row, len(entities))) for row in data["aliases"]]
        Gazetteer(entities)  # refuses duplicate ids
    except IndexFormatError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError, NamenormError) as exc:
        raise IndexFormatError(f"not a namenorm index: {str(exc)[:200]}") from None
    return Index(entities, aliases, config or Config()), str(head.get("digest", ""))


# Types of the fields of one alias row, in the order of :func:`to_json` (the last, the scheme
# of a generated alias, is optional).
_ROW = (int, str, str, (str, type(None)), bool, bool, str, str, str, str, str)


def _alias_row(row: Any, n_entities: int) -> list[Any]:
    """Check one alias row of a saved index: the right types, an entity that exists."""
    if not isinstance(row, list) or len(row) not in (len(_ROW) - 1, len(_ROW)):
        raise ValueError(f"an alias row must be a list of {len(_ROW) - 1} or {len(_ROW)} values")
    for value, kind in zip(row, _ROW):
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"bad value in alias row {row[:2]!r}")
    if not 0 <= row[0] < n_entities:
        raise ValueError(f"alias row {row[:2]!r} names no entity")
    return row


_ENTITY_TEXT = ("id", "type", "name")


def _check_entity(e: Any) -> Any:
    if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in _ENTITY_TEXT):
        raise ValueError("an entity must be an object with string id, type and name")
    names = e.get("names")
    if not isinstance(names, list) or not all(
        isinstance(n, dict) and isinstance(n.get("text"), str) for n in names
    ):
        raise ValueError(f"names of {e['id']!r} must be a list of objects with a text")
    return e


def load_bundled(config: Config | None = None) -> Index:
    """The bundled index: from the compiled file while it is fresh, else built from YAML."""
    paths = default_paths()
    digest = source_digest(paths)
    path = bundled_path()
    if path.is_file():
        try:
            index, recorded = from_json(path.read_text(encoding="utf-8"), config)
        except IndexFormatError:
            pass
        else:
            if recorded == digest:
                return index
    from namenorm.gazetteer.loader import load_paths

    return Index.build(Gazetteer(load_paths(paths)), config)


def write_bundled() -> Path:
    """Compile the bundled YAML into :func:`bundled_path` (used by scripts/build_index.py)."""
    from namenorm.gazetteer.loader import load_paths

    paths = default_paths()
    # Sources name the file within the gazetteer ("gazetteer/states.yaml:12"), never the path
    # of the checkout that built it: the compiled file must not depend on where it was built.
    entities = [
        replace(e, source=f"gazetteer/{Path(e.source).name}") if e.source else e
        for e in load_paths(paths)
    ]
    index = Index.build(Gazetteer(entities))
    out = bundled_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_json(index, digest=source_digest(paths)), encoding="utf-8")
    return out



# -- the binary format of saved indexes ---------------------------------------------------------
#
# A saved index (``*.nnidx``) is built for a million names and more: it loads without parsing
# every alias and without rebuilding a table. Layout:
#
#   MAGIC, then an 8-byte little-endian length, then a JSON header of that length, then the
#   sections back to back. The header gives the format, the code digest, the index settings of
#   the config, the counts, and each section's (offset, length, kind).
#
# Section kinds: ``i``/``q``/``H``/``B`` are arrays of that type code (little-endian);
# ``lines`` is UTF-8 text of newline-separated strings (no key or name holds a newline: the
# gazetteer refuses control characters); ``blob`` is UTF-8 bytes cut by an ``q`` offsets
# section. Entities (JSON, one object each) and the alias strings stay encoded until a lookup
# needs them. Nothing in the file is executed and every number is bounds-checked on load: a
# file from elsewhere can fail to load, never run code.

MAGIC = b"namenorm-index\n"
BINARY_FORMAT = 3
_ALIAS_STRINGS = ("text", "norm", "fold", "phon", "skel")
_TABLES = ("exact", "fold", "phon", "skel")
_LITTLE = sys.byteorder == "little"


def _arr(code: str, data: Any) -> array:
    a = array(code, data)
    if not _LITTLE:
        a.byteswap()
    return a


def _blob(strings: Any) -> tuple[bytes, array]:
    offsets = array("q", [0])
    parts = []
    total = 0
    for text in strings:
        b = text.encode("utf-8")
        parts.append(b)
        total += len(b)
        offsets.append(total)
    return b"".join(parts), offsets


def save_index(index: Index, path: str | Path) -> Path:
    """Write ``index`` (with its entities) to ``path`` in the binary format; :func:`load_index`
    reads it back."""
    path = Path(path)
    sections: list[tuple[str, str, bytes]] = []

    def add(name: str, kind: str, data: Any) -> None:
        if isinstance(data, array):
            if not _LITTLE:
                data = array(data.typecode, data)
                data.byteswap()
            data = data.tobytes()
        sections.append((name, kind, data))

    ents, ent_off = _blob(json.dumps(entity_dict(e), ensure_ascii=False) for e in index.entities)
    add("entities", "blob", ents)
    add("entities.off", "q", ent_off)
    aliases = index.aliases
    kinds = sorted({a.kind for a in aliases})
    langs = sorted({a.lang for a in aliases if a.lang is not None})
    schemes = sorted({a.scheme for a in aliases if a.scheme})
    kind_no = {k: n for n, k in enumerate(kinds)}
    lang_no = {k: n + 1 for n, k in enumerate(langs)}
    scheme_no = {k: n + 1 for n, k in enumerate(schemes)}
    add("alias.entity", "i", array("i", (a.entity for a in aliases)))
    add("alias.kind", "B", array("B", (kind_no[a.kind] for a in aliases)))
    add("alias.lang", "H", array("H", (lang_no.get(a.lang, 0) if a.lang else 0 for a in aliases)))
    add("alias.flags", "B", array("B", (a.exact_only | a.needs_context << 1 for a in aliases)))
    add("alias.scheme", "H", array("H", (scheme_no.get(a.scheme, 0) if a.scheme else 0
                                         for a in aliases)))
    for field in _ALIAS_STRINGS:
        blob, off = _blob(getattr(a, field) for a in aliases)
        add(f"alias.{field}", "blob", blob)
        add(f"alias.{field}.off", "q", off)
    for name, table in index.tables().items():
        add(f"{name}.keys", "lines", "\n".join(table.keys).encode("utf-8"))
        add(f"{name}.starts", "i", table.starts)
        add(f"{name}.ids", "i", table.ids)
    key_pairs, postings, lengths = index.fuzzy_tables()
    add("fuzzy.pairs", "H", key_pairs)
    for name, post in (("postings", postings), ("lengths", lengths)):
        add(f"{name}.grams", "lines", "\n".join(g for g, _ in post.spans).encode("utf-8"))
        add(f"{name}.length", "i", array("i", (n for _, n in post.spans)))
        add(f"{name}.starts", "q", array("q", [0, *(b for _, b in post.spans.values())]))
        add(f"{name}.ids", "i", post.ids)
    head: dict[str, Any] = {
        "format": BINARY_FORMAT,
        "digest": code_digest(),
        "edit_budget": [list(p) for p in index.config.edit_budget],
        "min_skeleton": index.config.min_skeleton,
        "entities": len(index.entities),
        "aliases": len(aliases),
        "kinds": kinds,
        "langs": langs,
        "schemes": schemes,
        "sections": {},
    }
    offset = 0
    for name, kind, data in sections:
        head["sections"][name] = [offset, len(data), kind]
        offset += len(data)
    header = json.dumps(head).encode("utf-8")
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(MAGIC + len(header).to_bytes(8, "little") + header)
        for _, _, data in sections:
            f.write(data)
    tmp.replace(path)
    return path


class _Strings:
    """Strings kept as one UTF-8 blob and decoded one at a time."""

    __slots__ = ("_blob", "_off")

    def __init__(self, blob: bytes, off: array) -> None:
        self._blob, self._off = blob, off

    def __getitem__(self, i: int) -> str:
        try:
            return self._blob[self._off[i] : self._off[i + 1]].decode("utf-8")
        except UnicodeDecodeError:
            raise IndexFormatError(f"damaged index: string {i} is not UTF-8") from None


T = TypeVar("T")


class _Lazy(Sequence[T]):
    """A sequence of ``n`` items made by :meth:`_make` when first used, then kept."""

    def __init__(self, n: int) -> None:
        self._n = n
        self._made: dict[int, T] = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        item = self._made.get(i)
        if item is None:
            item = self._made[i] = self._make(i)
        return item

    def _make(self, i: int) -> T:
        raise NotImplementedError


class SavedAliases(_Lazy[Alias]):
    """The aliases of a loaded index, made into :class:`Alias` objects when first used."""

    def __init__(self, n: int, cols: dict[str, Any], kinds: list[str], langs: list[str],
                 schemes: list[str]) -> None:
        super().__init__(n)
        self._cols, self._kinds, self._langs = cols, kinds, [None, *langs]
        self._schemes = [None, *schemes]

    def _make(self, i: int) -> Alias:
        c = self._cols
        flags = c["flags"][i]
        return Alias(c["entity"][i], c["text"][i], self._kinds[c["kind"][i]],
                     self._langs[c["lang"][i]], bool(flags & 1), bool(flags & 2),
                     c["norm"][i], c["fold"][i], c["phon"][i], c["skel"][i],
                     self._schemes[c["scheme"][i]])

    def __iter__(self) -> Iterator[Alias]:
        return (self[i] for i in range(self._n))

    def texts(self) -> Iterator[str]:
        """The alias texts alone, without making :class:`Alias` objects."""
        col = self._cols["text"]
        return (col[i] for i in range(self._n))


class SavedEntities(_Lazy[Entity]):
    """The entities of a loaded index, decoded when first used."""

    def __init__(self, blob: bytes, off: array) -> None:
        super().__init__(len(off) - 1)
        self._strings = _Strings(blob, off)

    def _make(self, i: int) -> Entity:
        try:
            return _entity_from_dict(json.loads(self._strings[i]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise IndexFormatError(f"entity {i} of the saved index is damaged: {exc}") from None

    def __iter__(self) -> Iterator[Entity]:
        return (self[i] for i in range(self._n))


def _entity_from_dict(e: dict[str, Any]) -> Entity:
    return Entity(
        **{k: v for k, v in e.items() if k not in ("names", "near_miss")},
        near_miss=tuple(e.get("near_miss", ())),
        names=tuple(Name(**n) for n in e["names"]),
    )


def load_index(path: str | Path, config: Config | None = None) -> Index:
    """Read an index written by :func:`save_index`; :class:`IndexFormatError` if it is not one.

    With a ``config`` whose index settings (``edit_budget``, ``min_skeleton``) differ from the
    saved ones, the tables are rebuilt from the saved aliases.
    """
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise IndexFormatError(f"cannot read index {path}: {exc.strerror or exc}") from None
    try:
        return _load(data, config or Config())
    except IndexFormatError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, UnicodeDecodeError,
            OverflowError) as exc:
        raise IndexFormatError(f"{path} is not a valid namenorm index: {exc}") from None


def _load(data: bytes, config: Config) -> Index:
    from namenorm.index.tables import Postings, Table

    if not data.startswith(MAGIC):
        raise IndexFormatError("not a namenorm index (no namenorm-index header)")
    start = len(MAGIC) + 8
    size = int.from_bytes(data[len(MAGIC) : start], "little")
    if size > len(data) - start:
        raise IndexFormatError("damaged index: header longer than the file")
    head = json.loads(data[start : start + size])
    if head.get("format") != BINARY_FORMAT:
        raise IndexFormatError(
            f"index format {head.get('format')!r} is not {BINARY_FORMAT}; rebuild the index"
        )
    if head.get("digest") != code_digest():
        raise IndexFormatError(
            "the index was saved by a namenorm whose match-key code differs from this one; "
            "rebuild it (for GeoNames: namenorm import geonames)"
        )
    body = memoryview(data)[start + size :]
    n_entities, n_aliases = int(head["entities"]), int(head["aliases"])

    def section(name: str, kind: str) -> Any:
        offset, length, stored = head["sections"][name]
        if stored != kind or offset < 0 or length < 0 or offset + length > len(body):
            raise IndexFormatError(f"damaged index: section {name}")
        raw = body[offset : offset + length]
        if kind == "blob":
            return bytes(raw)
        if kind == "lines":
            text = str(raw, "utf-8")
            return text.split("\n") if text else []
        a = array(kind)
        a.frombytes(raw)
        if not _LITTLE:
            a.byteswap()
        return a

    def offsets(name: str, count: int, blob_len: int) -> array:
        off = section(name, "q")
        if len(off) != count + 1 or off[0] != 0 or off[-1] != blob_len:
            raise IndexFormatError(f"damaged index: section {name}")
        return off  # each slice is decoded and checked when used

    def check(a: array, count: int, bound: int, name: str) -> array:
        if len(a) != count or (count and (min(a) < 0 or max(a) >= bound)):
            raise IndexFormatError(f"damaged index: section {name}")
        return a

    ents = section("entities", "blob")
    entities = SavedEntities(ents, offsets("entities.off", n_entities, len(ents)))
    kinds, langs = [str(k) for k in head["kinds"]], [str(x) for x in head["langs"]]
    schemes = [str(x) for x in head["schemes"]]
    cols: dict[str, Any] = {
        "entity": check(section("alias.entity", "i"), n_aliases, max(n_entities, 1), "alias.entity"),
        "kind": check(section("alias.kind", "B"), n_aliases, max(len(kinds), 1), "alias.kind"),
        "lang": check(section("alias.lang", "H"), n_aliases, len(langs) + 1, "alias.lang"),
        "flags": check(section("alias.flags", "B"), n_aliases, 4, "alias.flags"),
        "scheme": check(section("alias.scheme", "H"), n_aliases, len(schemes) + 1, "alias.scheme"),
    }
    for field in _ALIAS_STRINGS:
        blob = section(f"alias.{field}", "blob")
        cols[field] = _Strings(blob, offsets(f"alias.{field}.off", n_aliases, len(blob)))
    aliases = SavedAliases(n_aliases, cols, kinds, langs, schemes)
    same_settings = (
        [list(p) for p in config.edit_budget] == head["edit_budget"]
        and config.min_skeleton == head["min_skeleton"]
    )
    if not same_settings:
        return Index(entities, list(aliases), config)
    tables = {}
    for name in _TABLES:
        keys = section(f"{name}.keys", "lines")
        starts = section(f"{name}.starts", "i")
        ids = section(f"{name}.ids", "i")
        if (len(starts) != len(keys) + 1 or (starts and (starts[0] != 0 or starts[-1] != len(ids)))
                or any(a > b for a, b in zip(starts, starts[1:]))):
            raise IndexFormatError(f"damaged index: table {name}")
        tables[name] = Table(keys, starts, check(ids, len(ids), max(n_aliases, 1), f"{name}.ids"))
    n_keys = len(tables["phon"])
    key_pairs = section("fuzzy.pairs", "H")
    if len(key_pairs) != n_keys:
        raise IndexFormatError("damaged index: section fuzzy.pairs")
    posts = []
    for name in ("postings", "lengths"):
        grams = section(f"{name}.grams", "lines")
        lens = section(f"{name}.length", "i")
        if not grams and len(lens) == 1:
            grams = [""]  # one empty line is written as nothing: the one gram of a tiny index
        starts = section(f"{name}.starts", "q")
        ids = section(f"{name}.ids", "i")
        if (len(lens) != len(grams) or len(starts) != len(grams) + 1 or starts[0] != 0
                or starts[-1] != len(ids) or any(a > b for a, b in zip(starts, starts[1:]))):
            raise IndexFormatError(f"damaged index: section {name}")
        check(ids, len(ids), max(n_keys, 1), f"{name}.ids")
        spans = {(g, n): (starts[k], starts[k + 1]) for k, (g, n) in enumerate(zip(grams, lens))}
        posts.append(Postings(spans, ids))
    return Index.from_parts(entities, aliases, config, tables, (key_pairs, posts[0], posts[1]))
