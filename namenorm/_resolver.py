"""The resolver: from a query string to scored, explained matches, or an honest "no match".

A lookup normalizes the query (:func:`namenorm.normalize`), computes its keys, draws candidate
aliases from the index, scores each (:mod:`namenorm._score`), keeps the best alias per entity and
ranks entities by score (ties by entity id, so answers never depend on hash order).
:meth:`Resolver.resolve` answers only when the best score reaches ``Config.threshold`` *and* the
best other entity is at least ``Config.margin`` behind; otherwise it abstains.

>>> from namenorm._gazetteer import Entity, Gazetteer, Name
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
from typing import Any

from namenorm._config import Config
from namenorm._gazetteer import TYPES, Gazetteer
from namenorm._index import Index, QueryKeys, plain_key
from namenorm._keys import fold_normalized, phonetic_key, skeleton_key
from namenorm._score import score_alias
from namenorm._text import normalize_explained

__all__ = ["Match", "Resolver"]

#: Queries longer than this (in characters, after normalization) are not names: no match.
MAX_QUERY_LENGTH = 300


@dataclass(frozen=True)
class Match:
    """A resolved mention: what it is, how sure, through which alias, and why.

    ``method`` is one of ``exact``, ``folded``, ``phonetic``, ``skeleton`` and ``fuzzy``;
    ``alias`` is the gazetteer variant that matched, ``alias_kind`` its kind (``generated`` for a
    romanization made by code, with the scheme in ``alias_scheme``); ``explanation`` lists the
    steps taken, in order.
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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        d = asdict(self)
        d["explanation"] = list(self.explanation)
        return d


def _check_query(query: object) -> str:
    if not isinstance(query, str):
        raise TypeError(f"query must be str, not {type(query).__name__}")
    return query


def _check_types(types: str | Iterable[str] | None) -> frozenset[str] | None:
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
    return QueryKeys(
        norm=norm,
        norm_fold=plain_key(query),
        fold=fold,
        phon=phon,
        skel=skeleton_key(phon),
        steps=steps,
    )


class Resolver:
    """Resolves mentions against one gazetteer. Thread-safe; build once, reuse.

    ``Resolver()`` uses the bundled gazetteer; ``Resolver(gazetteer)`` any other;
    :meth:`from_paths` loads YAML files, alone or on top of the bundled gazetteer.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, config: Config | None = None) -> None:
        if gazetteer is None:
            from namenorm import default_resolver

            index = default_resolver().index
            self._index = Index(index.entities, list(index.aliases), config or Config())
        else:
            self._index = Index.build(gazetteer, config or Config())
        self._gazetteer = Gazetteer(self._index.entities)
        self._config = self._index.config

    @classmethod
    def from_index(cls, index: Index) -> Resolver:
        """A resolver over an already compiled index (its config comes with it)."""
        self = cls.__new__(cls)
        self._index = index
        self._gazetteer = Gazetteer(index.entities)
        self._config = index.config
        return self

    @classmethod
    def from_paths(
        cls, *paths: str | Path, include_default: bool = True, config: Config | None = None
    ) -> Resolver:
        """A resolver for YAML gazetteer files (by default added to the bundled gazetteer)."""
        return cls(Gazetteer.from_paths(*paths, include_default=include_default), config=config)

    @property
    def gazetteer(self) -> Gazetteer:
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
        return self._ranked(query, _check_types(types))[:limit]

    def resolve(self, query: str, *, types: str | Iterable[str] | None = None) -> Match | None:
        """The entity ``query`` names, or None when the evidence is weak or ambiguous."""
        query = _check_query(query)
        ranked = self._ranked(query, _check_types(types))
        if not ranked:
            return None
        best = ranked[0]
        if best.score < self._config.threshold:
            return None
        margin, near = self._config.margin, ""
        if len(ranked) > 1 and best.method not in ("exact", "folded") and self._near_miss(
            best.id, ranked[1].id
        ):
            margin = max(margin, self._config.near_miss_margin)
            near = f", a declared near-miss: margin {margin:g} required"
        if len(ranked) > 1 and best.score - ranked[1].score < margin:
            return None
        runner = (
            f"runner-up {ranked[1].id} at {ranked[1].score:.3f}{near}"
            if len(ranked) > 1
            else "no other candidate"
        )
        return _with_step(best, f"accepted: score >= {self._config.threshold:g}; {runner}")

    def resolve_many(
        self,
        queries: Iterable[object],
        *,
        types: str | Iterable[str] | None = None,
        errors: str = "raise",
    ) -> list[Match | None]:
        """:meth:`resolve` for each query, one answer per query, in order.

        ``errors="raise"`` raises :class:`TypeError` naming the position of a non-str query;
        ``errors="none"`` answers None for it and goes on.
        """
        return list(self.iter_resolve(queries, types=types, errors=errors))

    def iter_resolve(
        self,
        queries: Iterable[object],
        *,
        types: str | Iterable[str] | None = None,
        errors: str = "raise",
    ) -> Iterator[Match | None]:
        """Lazy :meth:`resolve_many`, for streams too long to hold."""
        if errors not in ("raise", "none"):
            raise ValueError("errors must be 'raise' or 'none'")
        wanted = _check_types(types)
        for position, query in enumerate(queries):
            if not isinstance(query, str):
                if errors == "raise":
                    raise TypeError(
                        f"query {position} must be str, not {type(query).__name__}"
                    )
                yield None
                continue
            yield self.resolve(query, types=wanted)

    # -- internals ------------------------------------------------------------------------

    def _near_miss(self, a: str, b: str) -> bool:
        """Whether the gazetteer declares ``a`` and ``b`` near-misses (either way round)."""
        ea, eb = self._gazetteer.get(a), self._gazetteer.get(b)
        return bool(ea and eb and (b in ea.near_miss or a in eb.near_miss))

    def _ranked(
        self, query: str, types: frozenset[str] | None, *, scan: bool = False
    ) -> list[Match]:
        """Entities ranked for ``query``; ``scan=True`` scores every alias instead of asking
        the index (the slow reference that tests compare the index against)."""
        matches = [capped for capped, _raw in self._both(query, types, scan=scan)]
        matches.sort(key=lambda m: (-m.score, m.id))
        return matches

    def _scored(
        self, query: str, types: frozenset[str] | None
    ) -> list[tuple[Match, bool]]:
        """Entities for ``query`` scored as if every needs-context alias were plain, best
        first, each with a flag that says whether that differs from what :meth:`resolve` sees
        (the score rests on a needs-context alias). Mention detection weighs those on the
        document (:mod:`namenorm._annotate`)."""
        pairs = [(raw, raw.score > capped.score) for capped, raw in self._both(query, types)]
        pairs.sort(key=lambda pair: (-pair[0].score, pair[0].id))
        return pairs

    def _both(
        self, query: str, types: frozenset[str] | None, *, scan: bool = False
    ) -> list[tuple[Match, Match]]:
        if not query.strip():
            return []
        q = query_keys(query)
        if not q.fold or len(q.norm) > MAX_QUERY_LENGTH:
            return []
        ids = range(len(self._index.aliases)) if scan else self._index.candidate_ids(q)
        return self._rank_ids(query, q, ids, types)

    def _rank_ids(
        self, query: str, q: QueryKeys, ids: Iterable[int], types: frozenset[str] | None
    ) -> list[tuple[Match, Match]]:
        """(capped, raw) best match of each entity. *Capped*: an alias flagged needs-context
        counts at most ``needs_context_ceiling``, and an entity whose needs-context alias is
        the query (exact or folded) stays under the ceiling unless a plain alias of it matches
        as closely: "Macro" must not reach Macron through fuzziness. *Raw*: no cap."""
        index, config = self._index, self._config
        ceiling = config.needs_context_ceiling
        capped: dict[int, tuple[float, int, Any, str]] = {}
        raw: dict[int, tuple[float, int, Any]] = {}
        gated: set[int] = set()
        plain: set[int] = set()
        for i in ids:
            alias = index.aliases[i]
            entity = index.entities[alias.entity]
            if types is not None and entity.type not in types:
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
        pairs = []
        for ei, (score, i, ev, cut) in capped.items():
            if ei in gated and ei not in plain and score > ceiling:
                score, cut = ceiling, "the query is an alias flagged needs-context"
            raw_score, raw_i, raw_ev = raw[ei]
            pairs.append(
                (
                    self._match(query, q, ei, i, ev, score, cut),
                    self._match(query, q, ei, raw_i, raw_ev, raw_score, ""),
                )
            )
        return pairs

    def _match(
        self, query: str, q: QueryKeys, ei: int, i: int, ev: Any, score: float, cut: str
    ) -> Match:
        alias = self._index.aliases[i]
        entity = self._index.entities[ei]
        steps = [f"query normalized: {s}" for s in q.steps]
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
        )

    def _brute_force(self, query: str, types: frozenset[str] | None = None) -> list[Match]:
        """Reference ranking that scores every alias (slow; for tests)."""
        return self._ranked(query, types, scan=True)


def _with_step(match: Match, step: str) -> Match:
    return replace(match, explanation=(*match.explanation, step))


