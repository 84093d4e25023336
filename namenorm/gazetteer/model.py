"""The gazetteer's model: the collection of entities (:class:`Gazetteer`), the plain JSON form of
an entity, and region tags. The entities and names themselves are in
:mod:`namenorm.gazetteer.entity` (and importable from here).

Nothing here reads YAML (:mod:`namenorm.gazetteer.load` does, for
:meth:`Gazetteer.from_paths`) or checks a file
(:mod:`namenorm.gazetteer.validate`): a saved index rebuilds these objects without either.

>>> g = Gazetteer([Entity(id="baku", type="place", name="Baku", names=(Name("Bakı", lang="az"),))])
>>> g["baku"].names[1].script
'Latn'
>>> entity_from_dict(entity_dict(g["baku"])) == g["baku"]
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from namenorm._checks import check_bool, check_items, check_paths, check_str
from namenorm._errors import GazetteerError, GazetteerProblem
from namenorm.gazetteer.entity import FLAGS, KINDS, TYPES, Entity, Name, detect_script, xref_key

__all__ = [
    "FLAGS",
    "KINDS",
    "TYPES",
    "Entity",
    "Gazetteer",
    "Name",
    "default_paths",
    "installed_copy",
    "detect_script",
    "entity_dict",
    "entity_from_dict",
]

def region_tags(entity: Entity, get: Callable[[str], Entity | None]) -> frozenset[str]:
    """The region tags of ``entity``, its country and its parents, up the parent chain
    (``get`` finds an entity by id).

    >>> am = Entity("armenia", "place", "Armenia", regions=("south-caucasus-area",))
    >>> town = Entity("goris", "place", "Goris", country="armenia")
    >>> sorted(region_tags(town, {"armenia": am}.get))
    ['south-caucasus-area']
    """
    tags: set[str] = set()
    seen: set[str] = set()
    e: Entity | None = entity
    while e is not None and e.id not in seen:
        seen.add(e.id)
        tags.update(e.regions)
        country = get(e.country) if e.country else None
        if country is not None:
            tags.update(country.regions)
        e = get(e.parent) if e.parent else None
    return frozenset(tags)


class Gazetteer:
    """An immutable collection of entities with unique ids.

    Build one from :class:`Entity` objects, or from YAML with :meth:`from_paths`.
    """

    __slots__ = ("_by_id", "_by_xref", "_entities")

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._entities = tuple(check_items("entities", entities, Entity, "Entity"))
        self._by_id: dict[str, Entity] = {}
        for e in self._entities:
            if e.id in self._by_id:
                raise GazetteerError(
                    [GazetteerProblem(e.source or "<memory>", None, e.id, "duplicate id")]
                )
            self._by_id[e.id] = e
        self._by_xref: dict[tuple[str, str], Entity] | None = None

    @classmethod
    def from_paths(cls, *paths: str | Path, include_default: bool = False) -> Gazetteer:
        """Load YAML files (or folders of them), optionally on top of the bundled gazetteer."""
        from namenorm.gazetteer.load import load_paths  # PyYAML only when YAML is read

        check_paths("paths", paths)
        check_bool("include_default", include_default)
        base = default_paths() if include_default else []
        return cls(load_paths([*base, *paths]))

    @property
    def entities(self) -> tuple[Entity, ...]:
        """All entities, in file order."""
        return self._entities

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self._by_id.get(check_str("entity_id", entity_id))

    def by_xref(self, scheme: str, value: str) -> Entity | None:
        """The entity with this cross-reference, or None: ``scheme`` one of the xref keys
        (``wikidata``, ``geonames``, ``iso3166``, ``iso3166-2``; any case), ``value`` its
        identifier (the first such entity when several carry it).

        >>> am = Entity("armenia", "place", "Armenia", xrefs={"wikidata": "Q399"})
        >>> Gazetteer([am]).by_xref("wikidata", "Q399").id
        'armenia'
        """
        check_str("scheme", scheme)
        check_str("value", value)
        if self._by_xref is None:
            table: dict[tuple[str, str], Entity] = {}
            for e in self._entities:
                for s, v in e.xrefs.items():
                    table.setdefault(xref_key(s, v), e)
            self._by_xref = table  # the same table whichever thread makes it
        return self._by_xref.get(xref_key(scheme, value))

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


def installed_copy() -> bool:
    """Whether the bundled YAML is the copy a wheel installed inside the package (rather than
    the ``gazetteer/`` folder of a checkout, which its users edit)."""
    return (Path(__file__).resolve().parent.parent / "_gazetteer_data").is_dir()


def _default_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    return here / "_gazetteer_data" if installed_copy() else here.parent / "gazetteer"


_NAME_DEFAULTS = {f: getattr(Name("x"), f) for f in Name.__dataclass_fields__ if f != "text"}


def _name_dict(n: Name) -> dict[str, Any]:
    d: dict[str, Any] = {"text": n.text}
    for f, default in _NAME_DEFAULTS.items():
        value = getattr(n, f)
        if f == "script" or value != default:
            d[f] = value
    return d


def entity_dict(e: Entity) -> dict[str, Any]:
    """The entity as plain JSON-ready data (what ``namenorm info --json`` prints and a saved
    index stores); :func:`entity_from_dict` reads it back."""
    d: dict[str, Any] = {"id": e.id, "type": e.type, "name": e.name}
    for f in ("category", "country", "parent", "role", "source"):
        if getattr(e, f) is not None:
            d[f] = getattr(e, f)
    if e.near_miss:
        d["near_miss"] = list(e.near_miss)
    if e.xrefs:
        d["xrefs"] = dict(e.xrefs)
    if e.regions:
        d["regions"] = list(e.regions)
    if e.namesakes:
        d["namesakes"] = list(e.namesakes)
    d["names"] = [_name_dict(n) for n in e.names]
    return d


def entity_from_dict(d: dict[str, Any]) -> Entity:
    """The entity :func:`entity_dict` made ``d`` from (``TypeError``/``KeyError`` for data of
    another shape)."""
    return Entity(
        **{k: v for k, v in d.items() if k not in ("names", "near_miss", "regions", "namesakes")},
        near_miss=tuple(d.get("near_miss", ())),
        regions=tuple(d.get("regions", ())),
        namesakes=tuple(d.get("namesakes", ())),
        names=tuple(Name(**n) for n in d["names"]),
    )
