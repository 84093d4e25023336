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
from importlib import resources
from pathlib import Path
from typing import Any

from namenorm._config import Config
from namenorm._errors import IndexFormatError
from namenorm._gazetteer import Entity, Gazetteer, Name, default_paths
from namenorm._index import Alias, Index

__all__ = ["FORMAT", "bundled_path", "code_digest", "from_json", "load_bundled", "to_json"]

#: Version of the JSON layout; bumped whenever it or the meaning of a key changes.
FORMAT = 2

# Modules whose code decides the keys stored in a compiled index.
_KEY_MODULES = ("_confusables", "_text", "_translit", "_keys", "_index", "_gazetteer", "_romanize")
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


def _entity_dict(e: Entity) -> dict[str, Any]:
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
    entities = [json.dumps(_entity_dict(e), ensure_ascii=False) for e in index.entities]
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
            for e in data["entities"]
        )
        aliases = [Alias(*row) for row in data["aliases"]]
    except IndexFormatError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise IndexFormatError(f"not a namenorm index: {exc}") from None
    return Index(entities, aliases, config or Config()), str(head.get("digest", ""))


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
    from namenorm._gazetteer import load_paths

    return Index.build(Gazetteer(load_paths(paths)), config)


def write_bundled() -> Path:
    """Compile the bundled YAML into :func:`bundled_path` (used by scripts/build_index.py)."""
    from namenorm._gazetteer import load_paths

    paths = default_paths()
    index = Index.build(Gazetteer(load_paths(paths)))
    out = bundled_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_json(index, digest=source_digest(paths)), encoding="utf-8")
    return out
