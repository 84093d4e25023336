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

>>> from namenorm.gazetteer.loader import Entity, Gazetteer, Name
>>> r = Resolver(Gazetteer([Entity("baku", "place", "Baku", names=(Name("Bakı", lang="az"),))]))
>>> r.resolve("BAKI").id
'baku'
>>> r.resolve("Paris Hilton") is None
True
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from namenorm._config import Config
from namenorm.gazetteer.loader import TYPES, Gazetteer, detect_script
from namenorm.index.tables import Index, QueryKeys, plain_key
from namenorm.matching.inflect import PhraseStem, stem_phrase
from namenorm.keys import fold_normalized, phonetic_key, skeleton_key
from namenorm.matching.score import score_alias
from namenorm.text.normalize import LOOKALIKE_STEPS, normalize_explained

__all__ = ["Match", "Resolver"]

_DERIVED_KINDS = frozenset({"surname", "initials", "reversed", "given-surname"})

#: Queries longer than this (in characters, after normalization) are not names: no match.
MAX_QUERY_LENGTH = 300
#: Raw queries longer than this are not even normalized: no match. It leaves room for a name of
#: ``MAX_QUERY_LENGTH`` letters padded with invisible characters and injected fragments, and keeps
#: the work per query bounded however long the input (a 1 MB line costs nothing but its length).
MAX_INPUT_LENGTH = 10 * MAX_QUERY_LENGTH


@dataclass(frozen=True)
class Match:
    """A resolved mention: what it is, how sure, through which alias, and why.

    ``method`` is one of ``exact``, ``folded``, ``phonetic``, ``skeleton`` and ``fuzzy``;
    ``alias`` is the gazetteer variant that matched, ``alias_kind`` its kind (``generated`` for a
    romanization made by code, with the scheme in ``alias_scheme``); ``explanation`` lists the
    steps taken, in order. ``ending`` is the grammatical ending removed to reach the alias
    ("ում" for "Երևանում"; endings of several words joined by spaces), None if none was.
    """

    id: str
    name: str
    type: str
    score: float
    method: str
    alias: str
    alias_kind: str
    alias_lang: str | None
    query: str
    explanation: tuple[str, ...]
    #: For an alias of kind ``generated``: the romanization scheme that made it.
    alias_scheme: str | None = None
    #: The grammatical ending removed to reach the alias (namenorm.matching.inflect), or None.
    ending: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        d = asdict(self)
        d["explanation"] = list(self.explanation)
        return d


def _check_query(query: object) -> str:
    if not isinstance(query, str):
        raise TypeError(f"query must be str, not {type(query).__name__}")
    return query


def check_types(types: str | Iterable[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    wanted = frozenset([types] if isinstance(types, str) else types)
    unknown = wanted - TYPES
    if unknown:
        raise ValueError(
            f"unknown type {', '.join(sorted(unknown))}; known: {', '.join(sorted(TYPES))}"
        )
    return wanted


def query_keys(query: str) -> QueryKeys:
    """Normalize a query and compute its keys."""
    norm, steps = normalize_explained(query)
    fold = fold_normalized(norm)
    phon = phonetic_key(fold)
    # A query whose look-alikes were folded is not the same text as any alias: case folding
    # would read some of them otherwise ("ſ", a long s that looks like an f, folds to "s").
    lookalikes = not LOOKALIKE_STEPS.isdisjoint(steps)
    return QueryKeys(
        norm=norm,
        norm_fold="" if lookalikes else plain_key(query),
        fold=fold,
        phon=phon,
        skel=skeleton_key(phon),
        steps=steps,
    )


def _normalized_keys(norm: str) -> QueryKeys:
    """The keys of text that is normalized already (a dictionary form proposed for a
    normalized query): no second pass through the normalization pipeline."""
    fold = fold_normalized(norm)
    phon = phonetic_key(fold)
    skel = skeleton_key(phon)
    return QueryKeys(
        norm=norm, norm_fold=plain_key(norm), fold=fold, phon=phon, skel=skel, steps=()
    )


class Resolver:
    """Resolves mentions against one gazetteer. Thread-safe; build once, reuse.

    ``Resolver()`` uses the bundled gazetteer; ``Resolver(gazetteer)`` any other;
    :meth:`from_paths` loads YAML files, alone or on top of the bundled gazetteer.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, config: Config | None = None) -> None:
        if gazetteer is None:
            from namenorm import default_resolver

            self._index = default_resolver().index.with_config(config or Config())
        else:
            self._index = Index.build(gazetteer, config or Config())
        self._gazetteer: Gazetteer | None = gazetteer
        self._config = self._index.config
        self._cache: dict[tuple[str, frozenset[str] | None], Match | None] = {}

    @classmethod
    def from_index(cls, index: Index) -> Resolver:
        """A resolver over an already compiled index (its config comes with it)."""
        self = cls.__new__(cls)
        self._index = index
        self._gazetteer = None  # made on first use: a saved index decodes entities lazily
        self._config = index.config
        self._cache = {}
        return self

    @classmethod
    def from_paths(
        cls, *paths: str | Path, include_default: bool = True, config: Config | None = None
    ) -> Resolver:
        """A resolver for YAML gazetteer files (by default added to the bundled gazetteer)."""
        return cls(Gazetteer.from_paths(*paths, include_default=include_default), config=config)

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            with _GAZETTEER_LOCK:
                if self._gazetteer is None:
                    self._gazetteer = Gazetteer(self._index.entities)
        return self._gazetteer

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
        query = _check_query(query)
        if limit < 1:
            return []
        return self._ranked(query, check_types(types), limit=limit)

    def resolve(self, query: str, *, types: str | Iterable[str] | None = None) -> Match | None:
        """The entity ``query`` names, or None when the evidence is weak or ambiguous."""
        return self._resolve(_check_query(query), check_types(types))

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
        if errors not in ("raise", "none"):
            raise ValueError("errors must be 'raise' or 'none'")
        if not isinstance(workers, int) or workers < 0:
            raise ValueError("workers must be 0 (one per core) or more")
        if chunksize < 1:
            raise ValueError("chunksize must be 1 or more")
        wanted = check_types(types)
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
            task=("resolve", wanted),
            workers=workers,
            chunksize=chunksize,
            start_method=start_method,
        )

    def save(self, path: str | Path) -> None:
        """Write the compiled index to ``path`` (atomically) for :meth:`load`.

        The file is JSON, loads without parsing YAML or computing keys, and cannot run code.
        The :class:`Config` is not saved: pass it again to :meth:`load`.
        """
        from namenorm.index.saved import save_index

        save_index(self._index, path)

    @classmethod
    def load(cls, path: str | Path, *, config: Config | None = None) -> Resolver:
        """A resolver over an index saved by :meth:`save`.

        Raises :class:`~namenorm.IndexFormatError` for a file that is not a namenorm index or
        comes from a release whose index format or match keys differ (rebuild it then).
        """
        from namenorm.index.saved import load_index

        return cls.from_index(load_index(path, config))

    # -- internals ------------------------------------------------------------------------

    def _resolve(self, query: str, types: frozenset[str] | None) -> Match | None:
        cache = self._cache
        key = (query, types)
        hit = cache.get(key, _MISSING)
        if hit is not _MISSING:
            return hit  # type: ignore[return-value]
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
        if self._config.cache_size > 0:
            if len(cache) >= self._config.cache_size:
                cache.clear()  # simple and thread-safe: the next queries fill it again
            cache[key] = answer
        return answer

    def _decide(self, query: str, types: frozenset[str] | None) -> Match | None:
        found = self._both(query, types)
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
        match = self._match(
            query, q, best.ei, best.i, best.ev, best.capped, best.cut, best.inflection
        )
        said = (
            f"runner-up {runner.eid} at {runner.capped:.3f}{near}"
            if runner is not None
            else "no other candidate"
        )
        return _with_step(match, f"accepted: score >= {self._config.threshold:g}; {said}")

    def _near_miss(self, a: str, b: str) -> bool:
        """Whether the gazetteer declares ``a`` and ``b`` near-misses (either way round)."""
        ea, eb = self.gazetteer.get(a), self.gazetteer.get(b)
        return bool(ea and eb and (b in ea.near_miss or a in eb.near_miss))

    def _near_miss_at(self, a: int, b: int) -> bool:
        """:meth:`_near_miss` by entity number (no id lookup, so no gazetteer to build)."""
        ea, eb = self._index.entities[a], self._index.entities[b]
        return eb.id in ea.near_miss or ea.id in eb.near_miss

    def _ranked(
        self,
        query: str,
        types: frozenset[str] | None,
        *,
        scan: bool = False,
        limit: int | None = None,
    ) -> list[Match]:
        """The best ``limit`` entities for ``query`` (all when None); ``scan=True`` scores
        every alias instead of asking the index (the slow reference that tests compare the
        index against)."""
        found = self._both(query, types, scan=scan)
        if found is None:
            return []
        query, q, entries = found
        entries.sort(key=lambda e: (-e.capped, e.eid))
        if limit is not None:
            entries = entries[:limit]
        # Only the matches asked for are built: explanations are text and cost time.
        return [
            self._match(query, q, e.ei, e.i, e.ev, e.capped, e.cut, e.inflection)
            for e in entries
        ]

    def _scored(
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
        document (:mod:`namenorm.mentions.annotator`).

        With ``contest`` (a margin), only the entities that can come within that margin of the
        best are sure to be listed: fuzzy retrieval is skipped when the hash tables give a
        match that no fuzzy match can come that close to (see :meth:`_fuzzy_ceiling`); for an
        inexact best the margin is widened to ``near_miss_margin``, as :meth:`resolve` does."""
        found = self._both(query, types, contest=contest)
        if found is None:
            return []
        query, q, entries = found
        entries.sort(key=lambda e: (-e.raw, e.eid))
        if limit is not None:
            entries = entries[:limit]
        return [
            (
                self._match(query, q, e.ei, e.raw_i, e.raw_ev, e.raw, "", e.inflection),
                e.raw > e.capped,
            )
            for e in entries
        ]

    def _both(
        self,
        query: str,
        types: frozenset[str] | None,
        *,
        scan: bool = False,
        contest: float | None = None,
    ) -> tuple[str, QueryKeys, list[_Entry]] | None:
        if len(query) > MAX_INPUT_LENGTH or not query.strip():
            return None
        q = query_keys(query)
        if not q.fold or len(q.norm) > MAX_QUERY_LENGTH:
            return None
        if contest is not None and not scan and not q.gapped:
            entries = self._rank_ids(q, self._index.table_ids(q), types)
            if entries:
                best = max(entries, key=lambda e: e.raw)
                if best.raw_ev.method not in ("exact", "folded"):
                    # as in resolve(): an inexact best needs the wider near-miss margin
                    contest = max(contest, self._config.near_miss_margin)
                if best.raw >= self._fuzzy_ceiling(q) + contest:
                    return query, q, entries
        ids = range(len(self._index.aliases)) if scan else self._index.candidate_ids(q)
        entries = self._rank_ids(q, ids, types)
        if any(e.raw_ev.method in ("exact", "folded") for e in entries):
            # The query is a name as it stands ("Шуши", "Azerbaijani", "Martuni"): it is not
            # read as an inflected form of another ("Azerbaijan" + Turkish -i).
            return query, q, entries
        inflected = self._inflected(q, types, scan=scan)
        if not inflected:
            return query, q, entries
        # Per entity, the better of the direct and the inflected entry.
        best = {e.ei: e for e in entries}
        for e in inflected:
            prev = best.get(e.ei)
            if prev is None or e.capped > prev.capped:
                best[e.ei] = e
        return query, q, list(best.values())

    def _inflected(
        self, q: QueryKeys, types: frozenset[str] | None, *, scan: bool
    ) -> list[_Entry]:
        """Entries reached through a dictionary form of an inflected query (best per entity).

        Only exact, folded and phonetic matches of the proposed form count, on an alias written
        in the form's own script, so an ordinary word is not stemmed into an entity unless its
        stem is a name of one; scores are multiplied by ``Config.inflected``."""
        config = self._config
        if config.inflected <= 0:
            return []  # switched off
        aliases = self._index.aliases
        best: dict[int, _Entry] = {}
        for variant in stem_phrase(q.norm):
            qv = _normalized_keys(variant.text)
            if len(qv.fold_c) < 3:
                continue
            if scan:
                ids: Iterable[int] = [
                    i
                    for i, a in enumerate(aliases)
                    if a.fold_c == qv.fold_c
                    or a.phon_c == qv.phon_c
                    or a.plain == qv.norm_fold
                    or a.norm == qv.norm
                ]
            else:
                ids = self._index.table_ids(qv, skeleton=False)
            script = detect_script(variant.text)
            proclitic = any(st.rule == "proclitic" for st in variant.stems)
            for e in self._rank_ids(qv, ids, types):
                method = e.raw_ev.method
                alias = aliases[e.raw_i]
                if method not in ("exact", "folded", "phonetic"):
                    continue
                if method == "phonetic" and len(qv.fold_c) < config.min_phonetic_stem:
                    continue
                # A dictionary form is a word of its language: it must be a name written in
                # the same script ("Руся" is not Turkish "Rusya", "Першя" is not "Persia").
                if detect_script(alias.text) != script:
                    continue
                # Arabic-script and Hebrew keys are consonant skeletons: after a proclitic only
                # the very name will do, not a surname alone ("الرئيسي", "main", is not Raisi).
                if proclitic and (method != "exact" or alias.kind in _DERIVED_KINDS):
                    continue
                factor = config.inflected
                entry = e._replace(
                    capped=round(e.capped * factor, 6),
                    raw=round(e.raw * factor, 6),
                    inflection=(variant, qv, factor),
                )
                prev = best.get(e.ei)
                if prev is None or entry.raw > prev.raw:
                    best[e.ei] = entry
        return list(best.values())

    def _fuzzy_ceiling(self, q: QueryKeys) -> float:
        """The highest score a fuzzy match can give this (gap-free) query: at least one edit
        on a phonetic key no longer than the query's plus its edit budget, with the Metaphone
        bonus, times the heaviest alias kind factor (1 at least)."""
        config = self._config
        n = len(q.phon_c)
        reach = n + config.edits_allowed(n + 3)
        if reach == n:
            return 0.0
        ceiling = config.fuzzy * (1.0 - 1.0 / reach) ** config.fuzzy_power
        heaviest = max(1.0, *config.kind_factor.values())
        return min(1.0, (ceiling + config.metaphone_bonus) * heaviest)

    def _rank_ids(
        self, q: QueryKeys, ids: Iterable[int], types: frozenset[str] | None
    ) -> list[_Entry]:
        """The best alias of each entity, capped and raw. *Capped*: an alias flagged
        needs-context counts at most ``needs_context_ceiling``, and an entity whose
        needs-context alias is the query (exact or folded) stays under the ceiling unless a
        plain alias of it matches as closely: "Macro" must not reach Macron through
        fuzziness. *Raw*: no cap."""
        index, config = self._index, self._config
        aliases, entities = index.aliases, index.entities
        ceiling = config.needs_context_ceiling
        capped: dict[int, tuple[float, int, Any, str]] = {}
        raw: dict[int, tuple[float, int, Any]] = {}
        gated: set[int] = set()
        plain: set[int] = set()
        for i in ids:
            alias = aliases[i]
            if types is not None and entities[alias.entity].type not in types:
                continue
            ev = score_alias(q, alias, config)
            if ev is None:
                continue
            if ev.method in ("exact", "folded"):
                (gated if alias.needs_context else plain).add(alias.entity)
            prev = raw.get(alias.entity)
            if prev is None or (ev.score, -i) > (prev[0], -prev[1]):
                raw[alias.entity] = (ev.score, i, ev)
            score, cut = ev.score, ""
            if alias.needs_context and score > ceiling:
                score, cut = ceiling, "the alias is flagged needs-context"
            prev = capped.get(alias.entity)
            if prev is None or (score, -i) > (prev[0], -prev[1]):
                capped[alias.entity] = (score, i, ev, cut)
        out = []
        for ei, (score, i, ev, cut) in capped.items():
            if ei in gated and ei not in plain and score > ceiling:
                score, cut = ceiling, "the query is an alias flagged needs-context"
            raw_score, raw_i, raw_ev = raw[ei]
            out.append(
                _Entry(ei, entities[ei].id, round(score, 6), i, ev, cut,
                       round(raw_score, 6), raw_i, raw_ev)
            )
        return out

    def _match(
        self,
        query: str,
        q: QueryKeys,
        ei: int,
        i: int,
        ev: Any,
        score: float,
        cut: str,
        inflection: tuple[PhraseStem, QueryKeys, float] | None = None,
    ) -> Match:
        alias = self._index.aliases[i]
        entity = self._index.entities[ei]
        steps = [f"query normalized: {s}" for s in q.steps]
        ending = None
        if inflection is not None:
            variant, qv, _factor = inflection
            steps.append(f"inflection: removed {variant.describe()} -> {variant.text!r}")
            steps.extend(f"dictionary form normalized: {s}" for s in qv.steps)
            ending = variant.ending
        steps.append(
            f"{ev.method} match on alias {alias.text!r} ({alias.kind}"
            + (f" by scheme {alias.scheme}" if alias.scheme else "")
            + (f", {alias.lang}" if alias.lang else "")
            + f") of {entity.id}"
        )
        steps.extend(ev.reasons)
        if cut:
            steps.append(
                f"{cut}: capped at {self._config.needs_context_ceiling:g} without document context"
            )
        if inflection is not None:
            steps.append(f"inflected form: x{inflection[2]:g}")
        steps.append(f"score {score:.3f}")
        return Match(
            id=entity.id,
            name=entity.name,
            type=entity.type,
            score=round(score, 6),
            method=ev.method,
            alias=alias.text,
            alias_kind=alias.kind,
            alias_lang=alias.lang,
            query=query,
            explanation=tuple(steps),
            alias_scheme=alias.scheme,
            ending=ending,
        )

    def _brute_force(self, query: str, types: frozenset[str] | None = None) -> list[Match]:
        """Reference ranking that scores every alias (slow; for tests)."""
        return self._ranked(query, types, scan=True)


class _Entry(NamedTuple):
    """One entity's best alias for a query, before any :class:`Match` is made of it."""

    ei: int
    eid: str
    capped: float
    i: int
    ev: Any
    cut: str
    raw: float
    raw_i: int
    raw_ev: Any
    #: (proposed dictionary form, its keys, score factor) when reached through an inflection
    inflection: Any = None


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


def _with_step(match: Match, step: str) -> Match:
    return replace(match, explanation=(*match.explanation, step))


