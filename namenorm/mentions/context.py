"""What a document says about a candidate: the entities it names nearby (coherence), the
people it names (their years), the same words elsewhere, and cue words next to it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass

from namenorm._config import AnnotateConfig
from namenorm.gazetteer.model import Entity
from namenorm.matching.resolver import Match
from namenorm.mentions.spans import Candidate
from namenorm.mentions.tokens import Token
from namenorm.mentions.words import (
    ORG_CUES_AFTER,
    PERSON_CUES,
    PLACE_CUES_AFTER,
    PLACE_CUES_BEFORE,
)

__all__ = ["Context", "Decision", "active_years", "cue"]


@dataclass
class Decision:
    """A candidate on its way to a mention: the resolver's readings and what decided."""

    cand: Candidate
    scored: list[tuple[Match, bool]]  # best first; True where only a needs-context alias fits
    midcap: bool  # capitalized where no sentence starts
    match: Match | None = None  # set once accepted
    weak: bool = False  # an inexact match that needs support from the document


class Context:
    """The entities a document has named so far, by position, for coherence."""

    def __init__(
        self,
        entities: Mapping[str, Entity],
        years: Mapping[str, tuple[int, int]],
        config: AnnotateConfig,
    ) -> None:
        self._entities = entities
        self._years = years
        self._config = config
        self._people: dict[str, tuple[int, int]] = {}
        self._anchors: list[tuple[int, int, str, str]] = []  # (first, last, id, text), sorted
        self._surfaces: set[tuple[str, str]] = set()

    def add(self, d: Decision) -> None:
        assert d.match is not None
        bisect.insort(self._anchors, (d.cand.first, d.cand.last, d.match.id, d.cand.text))
        if d.match.id in self._years:
            self._people[d.match.id] = self._years[d.match.id]
        if d.midcap:
            self._surfaces.add((d.cand.query.casefold(), d.match.id))

    def surface_known(self, query: str, eid: str) -> bool:
        """The same words were accepted for ``eid`` where capitalization meant something."""
        return (query.casefold(), eid) in self._surfaces

    def era(self, eid: str) -> tuple[float, str]:
        """The share of the people the text names (with known years) who were active in the
        same years as person ``eid``; 0 for an entity without years."""
        span = self._years.get(eid)
        others = [(pid, s) for pid, s in self._people.items() if pid != eid]
        if span is None or not others:
            return 0.0, ""
        overlap = [pid for pid, (a, b) in others if a <= span[1] and span[0] <= b]
        return len(overlap) / len(others), (
            f"active in the same years as {len(overlap)} of the {len(others)} people the "
            "text names"
        )

    def coherence(self, eid: str, cand: Candidate, *, weak: bool = False) -> tuple[float, str]:
        """How well entity ``eid`` fits the entities named around the candidate: the best of
        weight / (1 + distance / distance_scale) over anchors within the window, where the
        weight is ``same_weight`` for the same entity, ``parent_weight`` for its country or
        parent (or a place or person of it), ``neighbour_weight`` for a neighbour under the
        same country or parent, and 0 otherwise (:class:`~namenorm.mentions.AnnotateConfig`).
        For a ``weak`` candidate of one word, its country and what else lies in it count
        only within ``country_reach`` words ("Qalaça" is no village of Armenia for
        "Ermənistan" 56 words away)."""
        entity = self._entities.get(eid)
        if entity is None:
            return 0.0, ""
        window = self._config.window
        lo = bisect.bisect_left(self._anchors, (cand.first - window,))
        hi = bisect.bisect_right(self._anchors, (cand.last + window + 1,))
        best, why = 0.0, ""
        for first, last, aid, atext in self._anchors[lo:hi]:
            inside = cand.first <= first and last <= cand.last and (first, last) != (
                cand.first, cand.last
            )
            if first <= cand.last and cand.first <= last and not (inside and aid == eid):
                # the candidate itself, or a rival reading of the same words; but a shorter
                # name of the same entity inside it supports the longer reading
                continue
            weight, rel = self._relation(eid, entity, aid)
            if not weight:
                continue
            distance = abs(first - cand.first)
            if (
                weak and cand.first == cand.last and distance > self._config.country_reach
                and self._through_country(entity, aid)
            ):
                continue
            value = weight / (1.0 + distance / self._config.distance_scale)
            if value > best:
                best = value
                why = f"coheres with {aid} ({rel}), named {atext!r} {distance} words away"
        return best, why

    def _through_country(self, entity: Entity, aid: str) -> bool:
        """Whether anchor ``aid`` relates to ``entity`` only through its country: it is the
        country, or something else of the country under another parent."""
        if aid == entity.parent:
            return False
        if aid == entity.country:
            return True
        other = self._entities.get(aid)
        return other is not None and not (entity.parent and entity.parent == other.parent) and (
            entity.country is not None and entity.country == other.country
        )

    def _relation(self, eid: str, entity: Entity, aid: str) -> tuple[float, str]:
        """The weight and the name of the relation of an anchor ``aid`` to entity ``eid``."""
        other = self._entities.get(aid)
        config = self._config
        if other is None:
            return 0.0, ""
        if aid == eid:
            return config.same_weight, "the same entity"
        if aid in (entity.parent, entity.country):
            return config.parent_weight, "its country or parent"
        if eid in (other.parent, other.country):
            return config.parent_weight, "a place or person of it"
        if (entity.parent and entity.parent == other.parent) or (
            entity.country and entity.country == other.country
        ):
            return config.neighbour_weight, "a neighbour under the same country or parent"
        return 0.0, ""


def cue(match: Match, cand: Candidate, tokens: list[Token]) -> str:
    """A word next to the candidate that says what kind of thing it names ("" for none)."""
    before = [t.key for t in tokens[max(0, cand.first - 3) : cand.first]]
    after = tokens[cand.last + 1].key if cand.last + 1 < len(tokens) else ""
    if match.type == "person":
        for k in reversed(before):
            if k in PERSON_CUES:
                return f"after the title {k!r}"
    elif match.type == "place":
        return _place_cue(before, after)
    elif match.type == "organization" and after in ORG_CUES_AFTER:
        return f"before {after!r}"
    return ""


def _place_cue(before: list[str], after: str) -> str:
    if before and before[-1] in PLACE_CUES_BEFORE:
        return f"after {before[-1]!r}"
    if len(before) >= 2 and before[-1] == "of" and before[-2] in PLACE_CUES_BEFORE:
        return f"after '{before[-2]} of'"
    if after in PLACE_CUES_AFTER:
        return f"before {after!r}"
    return ""


_YEAR_RANGE = re.compile(r"\b(\d{4})(?:\s*-\s*(\d{4})?)?")


def active_years(role: str | None) -> tuple[int, int] | None:
    """The years a person was active, read off the year ranges in the gazetteer's ``role``
    ("Prime Minister of Armenia (2018-)" gives 2018 to the present).

    >>> active_years("Defence Minister (1993-1995, 2000-2007); President (2008-2018)")
    (1993, 2018)
    >>> active_years("President of Azerbaijan (2003-)")[1] > 2025
    True
    """
    if not role:
        return None
    first, last = 9999, 0
    for m in _YEAR_RANGE.finditer(role):
        start = int(m.group(1))
        open_ended = m.group(2) is None and role[m.end(1) : m.end()].strip() == "-"
        end = 9999 if open_ended else int(m.group(2) or start)
        first, last = min(first, start), max(last, end)
    return (first, last) if last else None
