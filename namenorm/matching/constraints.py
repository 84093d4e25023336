"""Trying the readings of a query's structure: the constraints each reading's match must satisfy.

:func:`resolve_structured` is the resolver's fallback when the plain lookup gives no answer
(:mod:`namenorm.matching.structure` makes the readings): it tries them in order and accepts the
first whose match satisfies the reading's constraints (type, initial, qualifier, patronymic,
kind of place) and clears the threshold (after the reading's factor) and the margin. The
explanation records each step and each check ("initial 'И.' agrees with Ильхам", "qualifier
'Armenia' agrees: country armenia", "given name Misha ~ Mikheil (hypocorism)").

>>> import namenorm
>>> namenorm.resolve("Yerevan, Armenia").explanation[-3]
"structure: qualifier 'Armenia' agrees: country armenia"
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from namenorm.keys import casefold, fold_normalized
from namenorm.matching.lexicon import Lexicon, lexicon
from namenorm.matching.structure import Reading, describe, readings

if TYPE_CHECKING:
    from namenorm._config import Config
    from namenorm.gazetteer.model import Entity
    from namenorm.matching.match import Match

__all__ = ["resolve_structured"]

#: Candidates examined for a constrained reading.
CANDIDATES = 10


Plain = Callable[[str, "frozenset[str] | None"], "Match | None"]
Ranked = Callable[[str, "frozenset[str] | None", int], "list[Match]"]


@dataclass(frozen=True)
class _Lookup:
    """What a reading is tried with: the resolver's plain lookup (``plain(text, types)``,
    without this fallback), its candidates (``ranked(text, types, limit)``), its gazetteer
    entries (``entity(id)``), its config and the lexicon."""

    plain: Plain
    ranked: Ranked
    entity: Callable[[str], Entity | None]
    config: Config
    lex: Lexicon


def _fold(text: str) -> str:
    return fold_normalized(text).replace(" ", "")


def _initial_agrees(initial: str, entity: Entity) -> str | None:
    """The given name of ``entity`` that starts with ``initial`` (in any script, compared on
    transliterated first letters), or None."""
    want = _fold(initial)[:1]
    want_raw = casefold(initial)
    givens = [n.split()[0] for n in (entity.name, *(n.text for n in entity.names)) if " " in n]
    for given in givens:  # a name in the initial's own script first: "И." agrees with Ильхам
        if casefold(given)[:1] == want_raw:
            return given
    for given in givens:
        if want and _fold(given)[:1] == want:
            return given
    return None


def _ancestors(entity_id: str, entity: Callable[[str], Entity | None]) -> dict[str, str]:
    """The entity, its parents and countries, each with how it relates ("country", ...)."""
    out = {entity_id: "itself"}
    todo = [entity_id]
    while todo and len(out) < 12:
        e = entity(todo.pop())
        if e is None:
            continue
        for rel, other in (("parent", e.parent), ("country", e.country)):
            if other and other not in out:
                out[other] = rel
                todo.append(other)
    return out


def _father_agrees(reading: Reading, match: Match, look: _Lookup) -> tuple[bool, str]:
    father = reading.father or ""
    forms = look.lex.fathers.get(match.id)
    key = _fold(father)[:3]
    if forms is not None:
        for form in forms:
            if _fold(form)[:3] == key and key:
                return True, f"patronymic agrees with the father's name {form}"
        return False, ""
    # Unknown: refuse when the father's name with the surname names another person.
    for surname in (reading.text.split()[0], reading.text.split()[-1]):
        other = look.plain(f"{father} {surname}", frozenset({"person"}))
        if other is not None and other.id != match.id:
            return False, ""
    return True, "patronymic checked: it names no other person of the gazetteer"


def _pick(matches: list[Match], config: Config) -> Match | None:
    if not matches or matches[0].score < config.threshold:
        return None
    if len(matches) > 1 and matches[0].score - matches[1].score < config.margin:
        return None
    return matches[0]


def _kind_ok(
    match: Match, reading: Reading, entity: Callable[[str], Entity | None]
) -> tuple[Match | None, str]:
    """A place word names a kind of place: the match must be of that kind, or be a place
    inside one of that kind that bears its name ("distretto di Tovuz": Tovuz, in Tovuz
    District). Otherwise no match: "Hrazdan River" is not the town of Hrazdan."""
    if not reading.categories:
        return match, ""
    e = entity(match.id)
    if e is not None and e.category in reading.categories:
        return match, f"a place of kind {e.category}, as the place word says"
    parent = entity(e.parent) if e is not None and e.parent else None
    if (
        e is not None
        and parent is not None
        and parent.category in reading.categories
        and _fold(parent.name).startswith(_fold(e.name))
    ):
        moved = replace(match, id=parent.id, name=parent.name, type=parent.type)
        return moved, f"the place word names the {parent.category} {parent.id}, around {e.id}"
    return None, ""


def _try(
    reading: Reading, types: frozenset[str] | None, look: _Lookup
) -> tuple[Match, list[str]] | None:
    kind = reading.type
    wanted = types
    if kind is not None:
        wanted = frozenset({kind}) if types is None else types & {kind}
        if not wanted:
            return None
    notes: list[str] = []
    if reading.qualifier is not None:
        match = _qualified(reading, types, wanted, look, notes)
    else:
        match = _unqualified(reading, types, wanted, look)
    if match is None or (kind is not None and match.type != kind):
        return None  # "ООО «Армения»" is not the state, "Armenia LLC" neither
    return _checked(match, reading, look, notes)


def _qualified(
    reading: Reading,
    types: frozenset[str] | None,
    wanted: frozenset[str] | None,
    look: _Lookup,
    notes: list[str],
) -> Match | None:
    """The qualifier must name a place the entity lies in (its country or parent), or the
    entity itself ("Khankendi (Stepanakert)", "State Oil Company ... (SOCAR)")."""
    assert reading.qualifier is not None
    where = look.plain(reading.qualifier, None)
    if where is None:
        return None
    if reading.type is None and where.type == "place":
        # "Yerevan, Armenia": a place in a place (a person by country needs a title)
        wanted = frozenset({"place"}) if types is None else types & {"place"}
    agreeing: dict[str, str] = {}
    cands = []
    for m in look.ranked(reading.text, wanted, CANDIDATES):
        if where.type == "place":
            rel = _ancestors(m.id, look.entity).get(where.id)
        else:
            rel = "itself" if m.id == where.id else None
        if rel is not None:
            agreeing[m.id] = rel
            cands.append(m)
    match = _pick(cands, look.config)
    if match is None:
        return None
    rel = agreeing[match.id]
    notes.append(
        f"qualifier {reading.qualifier!r} names the same entity"
        if rel == "itself"
        else f"qualifier {reading.qualifier!r} agrees: {rel} {where.id}"
    )
    return match


def _unqualified(
    reading: Reading,
    types: frozenset[str] | None,
    wanted: frozenset[str] | None,
    look: _Lookup,
) -> Match | None:
    match = look.plain(reading.text, types)
    entity = look.entity
    if match is None and reading.categories:
        # "Armavir city": of the Armavirs, the one of the kind the word names
        cands = [
            c for c in look.ranked(reading.text, wanted, CANDIDATES)
            if (e := entity(c.id)) is not None and e.category in reading.categories
        ]  # fmt: skip
        match = _pick(cands, look.config)
    if match is None and reading.initial:
        cands = [
            c for c in look.ranked(reading.text, wanted, CANDIDATES)
            if (e := entity(c.id)) is not None and _initial_agrees(reading.initial, e)
        ]  # fmt: skip
        match = _pick(cands, look.config)
    return match


def _checked(
    match: Match, reading: Reading, look: _Lookup, notes: list[str]
) -> tuple[Match, list[str]] | None:
    """The match if the kind, the initial and the father's name agree with it, with notes."""
    kept, note = _kind_ok(match, reading, look.entity)
    if kept is None:
        return None
    if note:
        notes.append(note)
    if reading.initial:
        e = look.entity(kept.id)
        given = _initial_agrees(reading.initial, e) if e is not None else None
        if not given:
            return None
        notes.append(f"initial '{reading.initial}.' agrees with {given}")
    if reading.father is not None:
        agrees, note = _father_agrees(reading, kept, look)
        if not agrees:
            return None
        notes.append(note)
    if reading.type is not None:
        notes.append(f"type {reading.type} implied by the structure: agrees")
    return kept, notes


def resolve_structured(
    query: str,
    types: frozenset[str] | None,
    *,
    plain: Plain,
    ranked: Ranked,
    entity: Callable[[str], Entity | None],
    config: Config,
) -> Match | None:
    """The first reading of ``query`` whose match satisfies its constraints and clears the
    threshold (after the reading's factor) and the margin; None when none does.

    ``plain(text, types)`` is the resolver's lookup without this fallback, ``ranked(text,
    types, limit)`` its candidates, ``entity(id)`` its gazetteer entry.
    """
    found = readings(query)
    if not found:
        return None
    look = _Lookup(plain, ranked, entity, config, lexicon())
    for number, reading in enumerate(found, 1):
        if types is not None and reading.type is not None and reading.type not in types:
            continue
        tried = _try(reading, types, look)
        if tried is None:
            continue
        match, notes = tried
        score = round(match.score * reading.factor, 6)
        if score < config.threshold:
            continue
        explanation = (
            *(f"structure: {describe(s)}" for s in reading.steps),
            f"structure: reading {reading.text!r}",
            *(line for line in match.explanation if not line.startswith("accepted:")),
            *(f"structure: {n}" for n in notes),
            f"structure: x{reading.factor:g} for the reading; score {score:.3f}",
            f"accepted: reading {number} of {len(found)}; score >= {config.threshold:g}",
        )
        return replace(match, query=query, score=score, explanation=explanation)
    return None
