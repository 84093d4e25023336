"""The resolver: from a query string to scored, explained matches, or an honest "no match".

A lookup normalizes the query (:func:`namenorm.normalize`), computes its keys, draws candidate
aliases from the index, scores each (:mod:`namenorm.matching.score`), keeps the best alias per entity and
ranks entities by score (ties by entity id, so answers never depend on hash order).
A word that may carry a grammatical ending ("Ереване", "Bakıda", "Երևանում") is also looked up
through the dictionary forms that :func:`namenorm.matching.inflect.stem_phrase` proposes; such a form
counts only when it matches an alias exactly, folded or phonetically, at ``Config.inflected``
times that score, and the match names the removed ending (``Match.ending``).
:meth:`Resolver.resolve` answers only when the best score reaches ``Config.threshold`` *and* the
best other entity is at least ``Config.margin`` behind; otherwise it abstains.

>>> from namenorm.gazetteer.model import Entity, Gazetteer, Name
>>> r = Resolver(Gazetteer([Entity("baku", "place", "Baku", names=(Name("Bakı", lang="az"),))]))
>>> r.resolve("BAKI").id
'baku'
>>> r.resolve("Paris Hilton") is None
True
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from namenorm._cache import BoundedCache
from namenorm._checks import (
    check_bool,
    check_choice,
    check_instance,
    check_int,
    check_items,
    check_iterable,
    check_number,
    check_path,
    check_paths,
    check_str,
)  # fmt: skip
from namenorm._config import Config
from namenorm.gazetteer.model import Entity, Gazetteer
from namenorm.index.directory import Directory
from namenorm.index.tables import Index
from namenorm.matching.candidates import (
    MAX_INPUT_LENGTH,
    MAX_QUERY_LENGTH,
    gather,
    index_source,
)
from namenorm.matching.match import Match, check_query, check_types, explain
from namenorm.matching.stored import answers_apply, stored_match

__all__ = [
    "CACHE_MAX_CHARS",
    "MAX_INPUT_LENGTH",
    "MAX_QUERY_LENGTH",
    "Match",
    "Resolver",
    "check_types",
]

#: The answer cache (``Config.cache_size`` entries) also holds at most this many characters of
#: queries; a query over ``MAX_INPUT_LENGTH`` characters (answered at once: no match) is never
#: kept, so 1,000 distinct 1 MB queries leave nothing behind.
CACHE_MAX_CHARS = 2_000_000


class Resolver:
    """Resolves mentions against one gazetteer. Thread-safe; build once, reuse.

    ``Resolver()`` uses the bundled gazetteer (its compiled index,
    :func:`namenorm.index.bundled.load_bundled`); ``Resolver(gazetteer)`` any other;
    :meth:`from_paths` loads YAML files, alone or on top of the bundled gazetteer.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, config: Config | None = None) -> None:
        check_instance("gazetteer", gazetteer, Gazetteer, optional=True)
        check_instance("config", config, Config, optional=True)
        if gazetteer is None:
            self._start(_bundled_index().with_config(config or Config()), None)
        else:
            self._start(Index.build(gazetteer, config or Config()), gazetteer)
        self._bundled = gazetteer is None

    @classmethod
    def from_index(cls, index: Index) -> Resolver:
        """A resolver over an already compiled index (its config comes with it)."""
        check_instance("index", index, Index)
        self = cls.__new__(cls)
        # The gazetteer is made on first use: a saved index decodes entities lazily.
        self._start(index, None)
        return self

    def _start(self, index: Index, gazetteer: Gazetteer | None) -> None:
        self._bundled = False
        self._index = index
        self._gazetteer: Gazetteer | None = gazetteer
        self._config = index.config
        self._source = index_source(index)
        self._directory = Directory(index)
        # Answers stored with a saved index for its alias texts (matching/stored.py).
        stored = index.stored_answers()
        self._stored = stored if stored is not None and answers_apply(self._config) else None
        self._cache: BoundedCache[tuple[str, frozenset[str] | None], Match | None] = (
            BoundedCache(self._config.cache_size, CACHE_MAX_CHARS, MAX_INPUT_LENGTH)
        )

    @classmethod
    def from_paths(
        cls, *paths: str | Path, include_default: bool = True, config: Config | None = None
    ) -> Resolver:
        """A resolver for YAML gazetteer files, by default layered over the bundled index: the
        files are compiled on their own, the bundled index is not compiled again, and an entity
        of the files replaces a bundled one of the same id (:mod:`namenorm.index.layers`)."""
        check_paths("paths", paths)
        check_bool("include_default", include_default)
        check_instance("config", config, Config, optional=True)
        if not include_default:
            return cls(Gazetteer.from_paths(*paths), config=config)
        return cls.from_index(_bundled_index().with_config(config or Config())).with_paths(*paths)

    def with_paths(self, *paths: str | Path) -> Resolver:
        """A new resolver: the entities of these YAML files layered over this resolver's index
        (an entity of the files replaces one of the same id; references may name either)."""
        from namenorm.index.layers import layered, load_layer

        check_paths("paths", paths)
        return Resolver.from_index(layered(self._index, load_layer(paths, self._index)))

    def with_entities(self, entities: Iterable[Entity]) -> Resolver:
        """A new resolver: ``entities`` layered over this resolver's index, compiled on their
        own (:mod:`namenorm.index.layers`); this resolver is left as it was.

        >>> from namenorm.gazetteer.model import Entity
        >>> r = Resolver().with_entities([Entity("qusar-town", "place", "Qusar Town")])
        >>> r.resolve("Qusar Town").id, r.resolve("Baku").id
        ('qusar-town', 'baku')
        """
        from namenorm.index.layers import layered

        entities = check_items("entities", entities, Entity, "Entity")
        return Resolver.from_index(layered(self._index, entities))

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            with _GAZETTEER_LOCK:
                if self._gazetteer is None:
                    self._gazetteer = Gazetteer(self._index.entities)
        return self._gazetteer

    def by_id(self, entity_id: str) -> Entity:
        """The entity with this id (or ``SCHEME:VALUE`` cross-reference, see :meth:`by_xref`);
        :class:`~namenorm.UnknownIdError` (a ``LookupError``) if there is none. A dictionary
        probe: a saved index decodes only that entity.

        >>> Resolver().by_id("baku").name, Resolver().by_id("wikidata:Q399").id
        ('Baku', 'armenia')
        """
        return self._directory.find(check_str("entity_id", entity_id))

    def by_xref(self, scheme: str, value: str) -> Entity:
        """The entity carrying this cross-reference: ``scheme`` is one of the gazetteer's xref
        keys (``wikidata``, ``geonames``, ``iso3166``, ``iso3166-2``; any case), ``value`` its
        identifier; :class:`~namenorm.UnknownIdError` if none does.

        >>> Resolver().by_xref("iso3166", "AM").id
        'armenia'
        """
        check_str("scheme", scheme)
        check_str("value", value)
        return self._directory.find(f"{scheme}:{value}")

    @property
    def directory(self) -> Directory:
        """Lookups by id and cross-reference in this resolver's index (built on first use)."""
        return self._directory

    @property
    def bundled(self) -> bool:
        """Whether this resolver is over the package's bundled index (``Resolver()``)."""
        return self._bundled

    @property
    def config(self) -> Config:
        return self._config

    @property
    def index(self) -> Index:
        """The compiled index (aliases with their keys)."""
        return self._index

    def candidates(
        self, query: str, *, limit: int = 5, types: str | Iterable[str] | None = None
    ) -> list[Match]:
        """The best ``limit`` entities for ``query``, best first, whatever their score."""
        query = check_query(query)
        check_int("limit", limit)
        if limit < 1:
            return []
        return self._ranked(query, check_types(types), limit=limit)

    def resolve(self, query: str, *, types: str | Iterable[str] | None = None) -> Match | None:
        """The entity ``query`` names, or None when the evidence is weak or ambiguous."""
        return self._resolve(check_query(query), check_types(types))

    def resolve_many(
        self,
        queries: Iterable[object],
        *,
        types: str | Iterable[str] | None = None,
        errors: str = "raise",
        workers: int = 1,
        chunksize: int = 512,
        start_method: str | None = None,
    ) -> list[Match | None]:
        """:meth:`resolve` for each query, one answer per query, in order.

        ``errors="raise"`` raises :class:`TypeError` naming the position of a non-str query;
        ``errors="none"`` answers None for it and goes on. ``workers=N`` resolves on N
        processes (``0``: one per core), ``chunksize`` queries at a time; the answers are the
        same, in the same order. See :meth:`iter_resolve`.

        >>> r = Resolver.from_index(__import__("namenorm").default_resolver().index)
        >>> [m and m.id for m in r.resolve_many(["Baku", "nobody"], workers=2)]
        ['baku', None]
        """
        return list(
            self.iter_resolve(
                queries,
                types=types,
                errors=errors,
                workers=workers,
                chunksize=chunksize,
                start_method=start_method,
            )
        )

    def iter_resolve(
        self,
        queries: Iterable[object],
        *,
        types: str | Iterable[str] | None = None,
        errors: str = "raise",
        workers: int = 1,
        chunksize: int = 512,
        start_method: str | None = None,
    ) -> Iterator[Match | None]:
        """Lazy :meth:`resolve_many`, for streams too long to hold.

        With ``workers`` above 1, at most ``2 * workers`` chunks of ``chunksize`` queries are
        in flight at once, so memory stays bounded however long ``queries`` is. The workers
        share this resolver's compiled index without rebuilding it: by ``fork`` (inherited,
        the default on Linux), or, with ``start_method="spawn"`` or ``"forkserver"`` (the
        defaults elsewhere), from a temporary saved index that each worker loads once.
        """
        check_iterable("queries", queries)
        check_choice("errors", errors, ("raise", "none"))
        check_int("workers", workers, minimum=0)
        check_int("chunksize", chunksize, minimum=1)
        check_str("start_method", start_method, optional=True)
        wanted = check_types(types)
        # The checks above run now; the answers come as they are asked for.
        return self._iter_resolve(queries, wanted, errors, workers, chunksize, start_method)

    def _iter_resolve(
        self,
        queries: Iterable[object],
        wanted: frozenset[str] | None,
        errors: str,
        workers: int,
        chunksize: int,
        start_method: str | None,
    ) -> Iterator[Match | None]:
        checked = _checked_queries(queries, errors)
        if workers == 0:
            from namenorm.batch.workers import cpu_count

            workers = cpu_count()
        if workers == 1:
            for query in checked:
                yield None if query is None else self._resolve(query, wanted)
            return
        from namenorm.batch.workers import iter_parallel

        yield from iter_parallel(
            self,
            checked,
            task=(resolve_chunk, wanted),
            workers=workers,
            chunksize=chunksize,
            start_method=start_method,
        )

    def save(self, path: str | Path) -> None:
        """Write the compiled index to ``path`` (atomically) for :meth:`load`.

        The file (binary, see :mod:`namenorm.index.binary`) loads without parsing YAML or
        computing keys, and cannot run code.
        The :class:`Config` is not saved: pass it again to :meth:`load`.
        """
        from namenorm.index.store import save_index

        save_index(self._index, check_path("path", path))

    @classmethod
    def load(cls, path: str | Path, *, config: Config | None = None) -> Resolver:
        """A resolver over an index saved by :meth:`save`.

        Raises :class:`~namenorm.IndexFormatError` for a file that is not a namenorm index or
        comes from a release whose index format or match keys differ (rebuild it then).
        """
        from namenorm.index.store import load_index

        check_path("path", path)
        check_instance("config", config, Config, optional=True)
        return cls.from_index(load_index(path, config))

    # -- internals ------------------------------------------------------------------------

    def _resolve(self, query: str, types: frozenset[str] | None) -> Match | None:
        cache = self._cache
        key = (query, types)
        hit = cache.get(key, _MISSING)
        if hit is not _MISSING:
            return hit  # type: ignore[return-value]
        if types is None and self._stored is not None:
            known, answer = stored_match(self._stored, query)
            if known:  # the same answer as below, worked out when the index was saved
                cache.put(key, len(query), answer)
                return answer
        answer = self._decide(query, types)
        if answer is None:
            # Name structure (issue 13): titles, patronymics, initials, legal forms, generic
            # words and qualifiers, read only when the plain lookup gives no answer. All the
            # logic is in namenorm/matching/structure.py (readings) and constraints.py (checks);
            # this hook moves with the resolver split.
            from namenorm.matching.constraints import resolve_structured

            answer = resolve_structured(
                query, types, plain=self._decide, config=self._config,
                ranked=lambda text, wanted, n: self._ranked(text, wanted, limit=n),
                entity=self.gazetteer.get,
            )  # fmt: skip
        if answer is None:
            # A name inside a pattern of words ("Cáucaso Menor"), or two names of one entity
            # ("X (Y)"): namenorm/matching/wrapped.py.
            from namenorm.matching.wrapped import resolve_both_names, resolve_wrapped

            answer = resolve_wrapped(
                query, types, plain=self._decide, entity=self.gazetteer.get
            ) or resolve_both_names(query, lambda text: self._resolve(text, types))
        cache.put(key, len(query), answer)
        return answer

    def _decide(self, query: str, types: frozenset[str] | None) -> Match | None:
        found = gather(self._index, query, types, self._source)
        if found is None:
            return None
        query, q, entries = found
        entries.sort(key=lambda e: (-e.capped, e.eid))
        if not entries or entries[0].capped < self._config.threshold:
            return None
        best = entries[0]
        runner = entries[1] if len(entries) > 1 else None
        margin, near = self._config.margin, ""
        if (
            runner is not None
            and best.ev.method not in ("exact", "folded")
            and self._near_miss_at(best.ei, runner.ei)
        ):
            margin = max(margin, self._config.near_miss_margin)
            near = f", a declared near-miss: margin {margin:g} required"
        if runner is not None and best.capped - runner.capped < margin:
            return None
        said = (
            f"runner-up {runner.eid} at {runner.capped:.3f}{near}"
            if runner is not None
            else "no other candidate"
        )
        return explain(
            self._index, query, q, best.ei, best.i, best.ev, best.capped, best.cut,
            best.inflection, last=f"accepted: score >= {self._config.threshold:g}; {said}",
        )  # fmt: skip

    def near_miss(self, a: str, b: str) -> bool:
        """Whether the gazetteer declares entities ``a`` and ``b`` (ids) near-misses, either way
        round: such a pair needs ``Config.near_miss_margin`` between an inexact best match and
        its runner-up instead of ``margin``."""
        check_str("a", a)
        check_str("b", b)
        ea, eb = self.gazetteer.get(a), self.gazetteer.get(b)
        return bool(ea and eb and (b in ea.near_miss or a in eb.near_miss))

    def _near_miss_at(self, a: int, b: int) -> bool:
        """:meth:`near_miss` by entity number (no id lookup, so no gazetteer to build)."""
        ea, eb = self._index.entities[a], self._index.entities[b]
        return eb.id in ea.near_miss or ea.id in eb.near_miss

    def _ranked(
        self, query: str, types: frozenset[str] | None, *, limit: int | None = None
    ) -> list[Match]:
        """The best ``limit`` entities for ``query`` (all when None)."""
        found = gather(self._index, query, types, self._source)
        if found is None:
            return []
        query, q, entries = found
        entries.sort(key=lambda e: (-e.capped, e.eid))
        if limit is not None:
            entries = entries[:limit]
        # Only the matches asked for are built: explanations are text and cost time.
        return [
            explain(self._index, query, q, e.ei, e.i, e.ev, e.capped, e.cut, e.inflection)
            for e in entries
        ]

    def scored(
        self,
        query: str,
        types: frozenset[str] | None,
        *,
        limit: int | None = None,
        contest: float | None = None,
    ) -> list[tuple[Match, bool]]:
        """Entities for ``query`` scored as if every needs-context alias were plain, best
        first, each with a flag that says whether that differs from what :meth:`resolve` sees
        (the score rests on a needs-context alias). Mention detection weighs those on the
        document (:mod:`namenorm.mentions`). ``types`` keeps only entities of those types
        (as :func:`check_types` gives them; None keeps all), ``limit`` the best so many.

        With ``contest`` (a margin), only the entities that can come within that margin of the
        best are sure to be listed: fuzzy retrieval is skipped when the hash tables give a
        match that no fuzzy match can come that close to (see :meth:`_fuzzy_ceiling`); for an
        inexact best the margin is widened to ``near_miss_margin``, as :meth:`resolve` does."""
        check_query(query)
        check_instance("types", types, frozenset, optional=True)
        check_int("limit", limit, optional=True)
        check_number("contest", contest, optional=True)
        # Running text does not take a transcription across scripts (a bare lookup does).
        found = gather(self._index, query, types, self._source, contest=contest, transcribe=False)
        if found is None:
            return []
        query, q, entries = found
        entries.sort(key=lambda e: (-e.raw, e.eid))
        if limit is not None:
            entries = entries[:limit]
        return [
            (
                explain(self._index, query, q, e.ei, e.raw_i, e.raw_ev, e.raw, "", e.inflection),
                e.raw > e.capped,
            )
            for e in entries
        ]


def resolve_chunk(
    resolver: Resolver, queries: list[str | None], types: frozenset[str] | None
) -> list[Match | None]:
    """:meth:`Resolver.resolve` for each query (None for None): the task that
    :meth:`Resolver.iter_resolve` gives the pool of worker processes."""
    return [None if q is None else resolver.resolve(q, types=types) for q in queries]


@functools.cache
def _bundled_index() -> Index:
    """The bundled index, loaded once for every ``Resolver()`` (each under its own config)."""
    from namenorm.index.bundled import load_bundled

    return load_bundled()


_MISSING = object()
_GAZETTEER_LOCK = threading.Lock()


def _checked_queries(queries: Iterable[object], errors: str) -> Iterator[str | None]:
    """The queries, with a non-str one raising (``errors="raise"``) or turned into None."""
    for position, query in enumerate(queries):
        if isinstance(query, str):
            yield query
        elif errors == "raise":
            raise TypeError(f"query {position} must be str, not {type(query).__name__}")
        else:
            yield None
