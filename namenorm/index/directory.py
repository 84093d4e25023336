"""Entities of a compiled index found by id or by cross-reference (``wikidata:Q399``), and the
aliases of each: dictionary probes, built once per index on first use, never a scan per lookup.

A saved index lists its entity ids apart from the encoded entities, so a lookup by id decodes
one entity; the cross-references are read from every entity once, on the first lookup by one.

>>> from namenorm.gazetteer.model import Entity, Gazetteer
>>> from namenorm.index.tables import Index
>>> am = Entity("armenia", "place", "Armenia", xrefs={"wikidata": "Q399", "iso3166": "AM"})
>>> d = Directory(Index.build(Gazetteer([am])))
>>> d.entity("armenia").name, d.xref("iso3166", "am").id
('Armenia', 'armenia')
>>> d.find("wikidata:Q399").id
'armenia'
>>> d.find("wikidata:Q1")
Traceback (most recent call last):
namenorm._errors.UnknownIdError: no entity with wikidata id 'Q1'
>>> d.find("osm:123")
Traceback (most recent call last):
namenorm._errors.UnknownIdError: unknown identifier scheme 'osm' (known here: iso3166, wikidata)
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from namenorm._checks import check_str
from namenorm._errors import UnknownIdError
from namenorm.gazetteer.entity import xref_key

if TYPE_CHECKING:
    from namenorm.gazetteer.entity import Entity
    from namenorm.index.aliases import Alias
    from namenorm.index.tables import Index

__all__ = ["Directory"]


class Directory:
    """Lookups by id and by cross-reference in one compiled index. Thread-safe."""

    def __init__(self, index: Index) -> None:
        self._index = index
        self._lock = threading.Lock()
        self._ids: dict[str, int] | None = None
        self._xrefs: dict[tuple[str, str], int] | None = None
        self._schemes: frozenset[str] = frozenset()
        self._aliases: dict[int, list[int]] | None = None

    def number(self, entity_id: str) -> int | None:
        """The entity number of ``entity_id`` in the index, or None."""
        if self._ids is None:
            entities = self._index.entities
            ids = getattr(entities, "ids", None)  # a saved index lists them undecoded
            listed: list[str] = ids() if callable(ids) else [e.id for e in entities]
            with self._lock:
                self._ids = dict(zip(listed, range(len(listed))))
        return self._ids.get(entity_id)

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        ei = self.number(entity_id)
        return None if ei is None else self._index.entities[ei]

    def xref(self, scheme: str, value: str) -> Entity | None:
        """The entity with this cross-reference (``xref("wikidata", "Q399")``), or None. When
        several entities carry the same one, the first in the index."""
        found = self._xref_table().get(xref_key(scheme, value))
        return None if found is None else self._index.entities[found]

    def schemes(self) -> frozenset[str]:
        """The identifier schemes that some entity of the index carries (in lower case)."""
        self._xref_table()
        return self._schemes

    def _xref_table(self) -> dict[tuple[str, str], int]:
        if self._xrefs is None:
            table: dict[tuple[str, str], int] = {}
            for n, e in enumerate(self._index.entities):
                for s, v in e.xrefs.items():
                    table.setdefault(xref_key(s, v), n)
            with self._lock:
                self._schemes = frozenset(s for s, _ in table)
                self._xrefs = table
        return self._xrefs

    def find(self, ref: str) -> Entity:
        """The entity ``ref`` names: an id, or ``SCHEME:VALUE`` (``iso3166:AM``,
        ``geonames:616052``, ``wikidata:Q399``); :class:`~namenorm.UnknownIdError` if none."""
        entity = self.entity(check_str("ref", ref))
        if entity is not None:
            return entity
        scheme, colon, value = ref.partition(":")
        if not colon:
            raise UnknownIdError(f"no entity with id {ref!r}")
        entity = self.xref(scheme, value)
        if entity is not None:
            return entity
        scheme = scheme.strip().lower()
        if scheme not in self.schemes():
            known = ", ".join(sorted(self.schemes())) or "none"
            raise UnknownIdError(f"unknown identifier scheme {scheme!r} (known here: {known})")
        raise UnknownIdError(f"no entity with {scheme} id {value.strip()!r}")

    def aliases_of(self, entity_id: str) -> list[Alias]:
        """The index's aliases of one entity (names and generated forms), in index order."""
        return [self._index.aliases[i] for i in self.alias_numbers(entity_id)]

    def alias_numbers(self, entity_id: str) -> list[int]:
        """The numbers of the index's aliases of one entity, in order ([] for an unknown id)."""
        ei = self.number(entity_id)
        if ei is None:
            return []
        if self._aliases is None:
            aliases = self._index.aliases
            numbers = getattr(aliases, "entity_numbers", None)  # undecoded in a saved index
            column: Sequence[int] = numbers() if callable(numbers) else [a.entity for a in aliases]
            table: dict[int, list[int]] = {}
            for i, owner in enumerate(column):
                table.setdefault(owner, []).append(i)
            with self._lock:
                self._aliases = table
        return list(self._aliases.get(ei, ()))
