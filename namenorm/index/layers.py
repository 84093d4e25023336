"""Layered gazetteers: a small index of a user's entities over a compiled one (the bundled
index, or a saved one), without compiling the lower layer again.

The user's entities are compiled on their own (their aliases and romanizations) and looked up
together with the index below: every query asks both layers' tables, and the candidates of both
are scored and ranked together, as in one index. The rules:

- **Ids**: an entity of the user's layer whose id is already below *replaces* that entity: its
  fields and names are the user's, and the names it had below no longer lead to it. Every other
  user entity is added.
- **References** (``country``, ``parent``, ``near_miss``, ``namesakes``) may name entities of
  either layer.
- **Names**: a user's name that another entity below also bears is not refused (the resolver's
  margin abstains between them unless one is clearly better); generated romanizations of the
  user's names are checked for collisions within the user's layer only.

>>> from namenorm.gazetteer.model import Entity, Gazetteer
>>> base = Index.build(Gazetteer([Entity("baku", "place", "Baku"), Entity("goris", "place", "Goris")]))
>>> both = layered(base, [Entity("goris", "place", "Goris Town"), Entity("qusar", "place", "Qusar")])
>>> [e.name for e in both.entities]
['Baku', 'Goris Town', 'Qusar']
>>> sorted({both.entities[both.aliases[i].entity].id for i in range(len(both.aliases))})
['baku', 'goris', 'qusar']
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import overload

from namenorm._config import Config
from namenorm.gazetteer.model import Entity, Gazetteer
from namenorm.index.aliases import Alias, QueryKeys
from namenorm.index.answers import StoredAnswers
from namenorm.index.directory import Directory
from namenorm.index.neighbours import Neighbours
from namenorm.index.flat import Postings, Table
from namenorm.index.tables import Index

__all__ = ["LayeredIndex", "layered", "load_layer"]


def load_layer(paths: Iterable[str | Path], below: Index) -> list[Entity]:
    """The entities of YAML gazetteer files, checked as a layer over ``below``: their
    references may name its entities (:class:`~namenorm.GazetteerError` lists every problem)."""
    from namenorm.gazetteer.load import load_paths

    return load_paths(paths, known_ids=_Ids(below))


def layered(below: Index, entities: Iterable[Entity], config: Config | None = None) -> Index:
    """``entities`` over the index ``below`` (see the module's rules), under ``config`` (by
    default ``below``'s)."""
    from namenorm._errors import GazetteerError
    from namenorm.gazetteer.validate import check_relations

    config = config or below.config
    entities = tuple(entities)
    for e in entities:
        if not isinstance(e, Entity):
            raise TypeError(f"entities must be Entity objects, not {type(e).__name__}")
    problems = check_relations(list(entities), {}, _Ids(below))
    if problems:
        raise GazetteerError(problems)
    return LayeredIndex(below.with_config(config), entities, config)


class _Ids(Collection[str]):
    """The entity ids of an index, as a collection (probed through its :class:`Directory`)."""

    def __init__(self, index: Index) -> None:
        self._index, self._directory = index, Directory(index)

    def __contains__(self, x: object) -> bool:
        return isinstance(x, str) and self._directory.number(x) is not None

    def __iter__(self) -> Iterator[str]:
        entities = self._index.entities
        listed = getattr(entities, "ids", None)  # a saved index lists them undecoded
        return iter(listed() if callable(listed) else [e.id for e in entities])

    def __len__(self) -> int:
        return len(self._index.entities)


class _Entities(Sequence[Entity]):
    """The entities below, some replaced by the user's, then the user's new ones."""

    def __init__(self, below: Sequence[Entity], replaced: dict[int, Entity],
                 added: list[Entity]) -> None:
        self._below, self._replaced, self._added = below, replaced, added

    def __len__(self) -> int:
        return len(self._below) + len(self._added)

    @overload
    def __getitem__(self, i: int) -> Entity: ...

    @overload
    def __getitem__(self, i: slice) -> list[Entity]: ...

    def __getitem__(self, i: int | slice) -> Entity | list[Entity]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self._below)
        if i < 0:
            i += len(self)
        if i >= n:
            return self._added[i - n]
        return self._replaced.get(i) or self._below[i]

    def ids(self) -> list[str]:
        """The ids by number, without decoding the entities below when they are saved."""
        listed = getattr(self._below, "ids", None)
        below: list[str] = listed() if callable(listed) else [e.id for e in self._below]
        return below + [e.id for e in self._added]


class _Aliases(Sequence[Alias]):
    """The aliases below except those of replaced entities, then the user's."""

    def __init__(self, below: Sequence[Alias], removed: list[int], top: list[Alias]) -> None:
        self._below, self._top = below, top
        self._shift = [r - k for k, r in enumerate(removed)]  # see at()
        self.kept: int = len(below) - len(removed)

    def at(self, j: int) -> int:
        """The number below of kept alias ``j``: ``j`` plus the removed ones before it."""
        return j + bisect_right(self._shift, j)

    def __len__(self) -> int:
        return self.kept + len(self._top)

    @overload
    def __getitem__(self, i: int) -> Alias: ...

    @overload
    def __getitem__(self, i: slice) -> list[Alias]: ...

    def __getitem__(self, i: int | slice) -> Alias | list[Alias]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if i >= self.kept:
            return self._top[i - self.kept]
        if i < 0:
            raise IndexError(i)
        return self._below[self.at(i)]

    def entity_numbers(self) -> list[int]:
        """The entity number of each alias (undecoded below when it is saved)."""
        numbers = getattr(self._below, "entity_numbers", None)
        below: Sequence[int] = numbers() if callable(numbers) else [a.entity for a in self._below]
        return [below[self.at(j)] for j in range(self.kept)] + [a.entity for a in self._top]


class LayeredIndex(Index):
    """An index of the user's entities over another (see the module's rules). It answers what
    an index answers; saving it (:meth:`tables`) compiles the two into one."""

    __slots__ = ("_below", "_full", "_lock", "_ordered", "_removed", "_top", "_view", "user_entities")

    def __init__(self, below: Index, entities: tuple[Entity, ...], config: Config) -> None:
        # Index.__init__ is not called: the tables are the two layers'.
        self._below = below
        self.user_entities: tuple[Entity, ...] = entities
        self.config: Config = config
        self._lock = threading.Lock()
        self._full: Index | None = None
        directory = Directory(below)
        n = len(below.entities)
        replaced: dict[int, Entity] = {}
        added: list[Entity] = []
        where: list[int] = []  # the layered number of each user entity
        for e in entities:
            number = directory.number(e.id)
            if number is None:
                number = n + len(added)
                added.append(e)
            else:
                replaced[number] = e
            where.append(number)
        self._top = Index.build(Gazetteer(entities), config)  # refuses ids repeated here
        removed = sorted(i for e in replaced.values() for i in directory.alias_numbers(e.id))
        self._removed, self._ordered = frozenset(removed), removed
        top = [replace(a, entity=where[a.entity]) for a in self._top.aliases]
        self.entities: Sequence[Entity] = _Entities(below.entities, replaced, added)
        self._view = _Aliases(below.aliases, removed, top)
        self.aliases: Sequence[Alias] = self._view

    def _from_below(self, found: Iterable[int]) -> list[int]:
        removed, ordered = self._removed, self._ordered
        if not removed:
            return list(found)
        return [i - bisect_left(ordered, i) for i in found if i not in removed]

    def _merged(self, below: Iterable[int], top: Iterable[int]) -> list[int]:
        kept = self._view.kept
        return [kept + t for t in top] + self._from_below(below)

    def candidate_ids(self, q: QueryKeys) -> list[int]:
        found = self._merged(self._below.candidate_ids(q), self._top.candidate_ids(q))
        return found[: self.config.max_candidates]

    def table_ids(self, q: QueryKeys, *, skeleton: bool = True) -> list[int]:
        return self._merged(
            self._below.table_ids(q, skeleton=skeleton), self._top.table_ids(q, skeleton=skeleton)
        )

    def with_config(self, config: Config) -> Index:
        return LayeredIndex(self._below.with_config(config), self.user_entities, config)

    def compiled(self) -> Index:
        """The two layers as one index (built once, from the aliases: no key is recomputed),
        for saving."""
        with self._lock:
            if self._full is None:
                self._full = Index(list(self.entities), list(self.aliases), self.config)
            return self._full

    def tables(self) -> dict[str, Table]:
        return self.compiled().tables()

    def fuzzy_tables(self) -> tuple[array[int], Postings, Postings]:
        return self.compiled().fuzzy_tables()

    def neighbours(self) -> Neighbours | None:
        return self.compiled().neighbours()

    def stored_answers(self) -> StoredAnswers | None:
        return None  # the answers stored below do not know the user's entities

