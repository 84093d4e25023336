"""What the resolver answers: a :class:`Match`, and the checks of what it is asked.

A match says what the query resolved to, with what score, by which method, through which alias,
and why (:attr:`Match.explanation`, the steps taken, in order). :func:`explain` builds one from
the scored alias that the resolver chose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from namenorm._checks import check_items, check_str
from namenorm.gazetteer.model import TYPES

if TYPE_CHECKING:
    from namenorm.index.tables import Index
    from namenorm.keys import QueryKeys
    from namenorm.matching.inflect import PhraseStem
    from namenorm.matching.score import Evidence

__all__ = ["Match", "check_query", "check_types", "explain", "with_step"]


@dataclass(frozen=True)
class Match:
    """A resolved mention: what it is, how sure, through which alias, and why.

    ``method`` is one of ``exact``, ``folded``, ``phonetic``, ``skeleton`` and ``fuzzy``, and in
    running text also ``abjad`` (an Arabic-script name read by its consonants and long vowels, see
    ``mentions/abjad.py``), and for ``namenorm lookup --xref SCHEME:ID`` ``xref`` (the entity
    that carries the identifier, score 1, alias ``SCHEME:ID`` of kind ``xref``);
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


def check_query(query: object) -> str:
    """``query``, or :class:`TypeError` when it is not a str."""
    return check_str("query", query)  # type: ignore[no-any-return]


def check_types(types: str | Iterable[str] | None) -> frozenset[str] | None:
    """The entity types asked for (None: any), or :class:`ValueError` naming unknown ones."""
    if types is None:
        return None
    if isinstance(types, str):
        wanted = frozenset([types])
    else:
        wanted = frozenset(check_items("types", types, str, "str (an entity type)"))
    unknown = wanted - TYPES
    if unknown:
        raise ValueError(
            f"unknown type {', '.join(sorted(unknown))}; known: {', '.join(sorted(TYPES))}"
        )
    return wanted


def with_step(match: Match, step: str) -> Match:
    """``match`` with one more step at the end of its explanation."""
    return replace(match, explanation=(*match.explanation, step))


def explain(
    index: Index,
    query: str,
    q: QueryKeys,
    ei: int,
    i: int,
    ev: Evidence,
    score: float,
    cut: str,
    inflection: tuple[PhraseStem, QueryKeys, float] | None = None,
    *,
    last: str | None = None,
) -> Match:
    """The :class:`Match` of entity ``ei`` through alias ``i`` for ``query`` (keys ``q``),
    scored ``score`` on the evidence ``ev``; ``cut`` says why the score was capped ("" if it
    was not), ``inflection`` how the query was reached through a dictionary form; ``last`` one
    more step at the end (as :func:`with_step` adds it, without making the match twice)."""
    alias = index.aliases[i]
    entity = index.entities[ei]
    steps = [f"query normalized: {s}" for s in q.steps]
    if inflection is not None:
        variant, qv, _factor = inflection
        steps.append(f"inflection: removed {variant.describe()} -> {variant.text!r}")
        steps.extend(f"dictionary form normalized: {s}" for s in qv.steps)
    steps.append(
        f"{ev.method} match on alias {alias.text!r} ({alias.kind}"
        + (f" by scheme {alias.scheme}" if alias.scheme else "")
        + (f", {alias.lang}" if alias.lang else "")
        + f") of {entity.id}"
    )
    steps.extend(ev.reasons)
    if cut:
        ceiling = index.config.needs_context_ceiling
        steps.append(f"{cut}: capped at {ceiling:g} without document context")
    if inflection is not None:
        steps.append(f"inflected form: x{inflection[2]:g}")
    steps.append(f"score {score:.3f}")
    if last is not None:
        steps.append(last)
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
        ending=None if inflection is None else inflection[0].ending,
    )
