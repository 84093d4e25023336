"""Decisions: which candidates name which entity.

A candidate the resolver accepts on its own is an *anchor*. A candidate that rests on a
needs-context alias, ties between entities, or is a weak sound-alike is decided by the document
(:mod:`namenorm.mentions.context`), in two rounds so that one decided on context can support
another.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from namenorm._config import AnnotateConfig
from namenorm.gazetteer.model import Entity
from namenorm.matching.resolver import Match, Resolver
from namenorm.mentions.context import Context, Decision, cue
from namenorm.mentions.lexicon import Lexicon
from namenorm.mentions.spans import Candidate
from namenorm.mentions.tokens import Token, first_letter
from namenorm.mentions.words import INEXACT, VOCABULARY

__all__ = ["Decider", "Scorer"]

#: ``(query, exact) -> readings``: the resolver's best entities for a span, best first, each
#: with a flag that says whether only a needs-context alias fits.
Scorer = Callable[[str, bool], list[tuple[Match, bool]]]

#: (coherence, era, match, gated, why coherent, why of the era) of one reading.
_Option = tuple[float, float, Match, bool, str, str]


def _with_steps(match: Match, steps: list[str]) -> Match:
    return replace(match, explanation=(*match.explanation, *steps))


class Decider:
    """Decides the candidates of one document for one resolver and option set."""

    def __init__(
        self,
        resolver: Resolver,
        lexicon: Lexicon,
        config: AnnotateConfig,
        *,
        demonyms: bool,
        entities: Mapping[str, Entity],
        years: Mapping[str, tuple[int, int]],
    ) -> None:
        self._resolver = resolver
        self._lexicon = lexicon
        self._config = config
        self._demonyms = demonyms
        self._entities = entities
        self._years = years

    def decide(
        self, tokens: list[Token], cands: list[Candidate], cased_doc: bool, scorer: Scorer
    ) -> list[Decision]:
        """Anchors first (what the resolver accepts on its own), then the candidates that
        need the document, in two rounds so that one decided on context can support another."""
        decisions: list[Decision] = []
        longer: list[tuple[Candidate, set[str]]] = []  # surnames inside a longer name
        for cand in cands:
            scored = self._readings(cand, tokens, cased_doc, scorer, longer)
            if scored:
                decisions.append(self._assess(cand, scored, tokens, cased_doc))
        other_people = self._other_people(decisions, longer)
        if other_people:
            # ... and so is the bare "Pashinyan" that refers back to that person.
            decisions = [
                d for d in decisions
                if d.scored[0][0].alias_kind != "surname"
                or d.cand.query.casefold() not in other_people
            ]
        self._rounds(decisions, tokens)
        return [d for d in decisions if d.match is not None]

    def _readings(
        self,
        cand: Candidate,
        tokens: list[Token],
        cased_doc: bool,
        scorer: Scorer,
        longer: list[tuple[Candidate, set[str]]],
    ) -> list[tuple[Match, bool]]:
        """The readings of a candidate that the text allows, or [] when none reaches the
        threshold; a surname next to another name word goes to ``longer``."""
        threshold = self._resolver.config.threshold
        scored = scorer(cand.query, cand.exact)
        if not self._demonyms:
            scored = [(m, g) for m, g in scored if m.alias_kind != "demonym"]
        steps = (self._case_fits, self._all_words_fit, self._not_in_longer_name)
        for step in steps:
            if not scored or scored[0][0].score < threshold:
                return []
            scored = step(scored, cand, tokens, cased_doc, longer)
        if not scored or scored[0][0].score < threshold:
            return []
        return scored

    def _case_fits(
        self,
        scored: list[tuple[Match, bool]],
        cand: Candidate,
        tokens: list[Token],
        cased_doc: bool,
        longer: list[tuple[Candidate, set[str]]],
    ) -> list[tuple[Match, bool]]:
        """Lower case in a cased text: only an alias written in lower case will do, or a
        plain (not needs-context) alias spelled exactly but for its capital, taken as if it
        needed context: machine-translated and scraped text lower-cases names ("la armenia",
        "il karabakh"), and the document must capitalize it elsewhere too
        (:meth:`_gated_evidence`)."""
        head = tokens[cand.first]
        if cased_doc and head.cased and not head.upper:
            return [
                (m, g or not first_letter(m.alias).islower())
                for m, g in scored
                if first_letter(m.alias).islower() or (m.method in ("exact", "folded") and not g)
            ]
        return scored

    def _all_words_fit(
        self,
        scored: list[tuple[Match, bool]],
        cand: Candidate,
        tokens: list[Token],
        cased_doc: bool,
        longer: list[tuple[Candidate, set[str]]],
    ) -> list[tuple[Match, bool]]:
        """An inexact span keeps the readings its vocabulary words fit (:meth:`_words_fit`)."""
        if cand.exact:
            return scored
        return [(m, g) for m, g in scored if self._words_fit(cand, tokens, m.alias, m.ending)]

    def _not_in_longer_name(
        self,
        scored: list[tuple[Match, bool]],
        cand: Candidate,
        tokens: list[Token],
        cased_doc: bool,
        longer: list[tuple[Candidate, set[str]]],
    ) -> list[tuple[Match, bool]]:
        """A surname next to another name word is no reading: "Karen Pashinyan" is somebody
        else (the candidate goes to ``longer``)."""
        if any(m.alias_kind == "surname" for m, _ in scored) and self._in_longer_name(
            cand, tokens
        ):
            longer.append((cand, {m.id for m, _ in scored if m.alias_kind == "surname"}))
            return [(m, g) for m, g in scored if m.alias_kind != "surname"]
        return scored

    def _assess(
        self,
        cand: Candidate,
        scored: list[tuple[Match, bool]],
        tokens: list[Token],
        cased_doc: bool,
    ) -> Decision:
        """A decision for a candidate; accepted at once when it needs no context."""
        head = tokens[cand.first]
        best, gated = scored[0]
        tied = any(best.score - m.score < self._margin(best, m) for m, _ in scored[1:])
        d = Decision(cand, scored, midcap=cased_doc and head.upper and not head.sentence_start)
        # A sound-alike of modest score in plain letters is weak in running text, where
        # capitalized strangers abound ("Discussion", "Carter"): it needs the document.
        d.weak = (
            best.method in INEXACT
            and (best.score < self._config.strong or not d.midcap)
            and not any(
                tokens[k].fragment or tokens[k].repaired != tokens[k].text
                for k in range(cand.first, cand.last + 1)
            )
        )
        if not gated and not tied and not d.weak:
            d.match = _with_steps(best, ["no context needed: the resolver accepts it alone"])
        return d

    def _other_people(
        self, decisions: list[Decision], longer: list[tuple[Candidate, set[str]]]
    ) -> set[str]:
        """A surname inside a longer name that is not the same person's ("Karen Pashinyan")
        belongs to somebody else: the surnames that do."""
        by_first: dict[int, list[Decision]] = {}
        for d in decisions:
            by_first.setdefault(d.cand.first, []).append(d)
        most = self._config.max_tokens
        return {
            cand.query.casefold()
            for cand, ids in longer
            if not any(
                cand.last <= d.cand.last and d.cand != cand and d.scored[0][0].id in ids
                for first in range(max(0, cand.first - most), cand.first + 1)
                for d in by_first.get(first, ())
            )
        }

    def _rounds(self, decisions: list[Decision], tokens: list[Token]) -> None:
        context = Context(self._entities, self._years, self._config)
        for d in decisions:
            if d.match is not None:
                context.add(d)
        for _round in range(2):
            newly = [
                d for d in decisions
                if d.match is None and self._decide_one(d, tokens, context)
            ]
            if not newly:
                break
            for d in newly:
                context.add(d)

    def _decide_one(self, d: Decision, tokens: list[Token], context: Context) -> bool:
        """Accept a gated or tied candidate when the document supports it; set ``d.match``."""
        chosen = self._choose(d, context)
        if chosen is None:
            return False
        (coherence, _era, match, gated, why, _era_why), evidence = chosen
        if coherence > 0:
            evidence.append(f"context: {why}")
        if d.weak and not gated:
            found = cue(match, d.cand, tokens)
            if not (coherence > 0 or found):
                return False
            if found:
                evidence.append(f"context: {found}")
        if gated:
            units = self._gated_evidence(d, match, coherence, tokens, context, evidence)
            if units is None:
                return False
            score = min(match.score, self._resolver.config.threshold
                        + self._config.evidence_step * units)
        else:
            score = match.score
        d.match = replace(
            match,
            score=round(score, 6),
            explanation=(*match.explanation[:-1], *evidence, f"score {score:.3f}"),
        )
        return True

    def _choose(self, d: Decision, context: Context) -> tuple[_Option, list[str]] | None:
        """The reading the document prefers, with the evidence so far; None when rivals stay
        tied or a lone reading needs no document (nor gets it)."""
        best = d.scored[0][0]
        options: list[_Option] = []
        for m, gated in d.scored:
            if m is best or best.score - m.score < self._margin(best, m):
                coherence, why = context.coherence(m.id, d.cand, weak=m.method in INEXACT)
                era, era_why = context.era(m.id)
                options.append((coherence, era, m, gated, why, era_why))
        options.sort(key=lambda t: (-t[0], -t[1], -t[2].score, t[2].id))
        top = options[0]
        coherence, era, match = top[0], top[1], top[2]
        lead = self._config.lead
        if len(options) == 1:
            return (top, []) if top[3] or d.weak else None
        runner = options[1]
        if coherence - runner[0] >= lead:
            why = (
                f"context: {match.id} chosen over {runner[2].id}, coherence "
                f"{coherence:.2f} against {runner[0]:.2f}"
            )
            return top, [why]
        if runner[0] - coherence < lead and era - max(o[1] for o in options[1:]) >= lead:
            # as coherent as its rivals, but of the text's time: Ilham, not Heydar, Aliyev
            options.sort(key=lambda t: (-t[1], -t[0], -t[2].score, t[2].id))
            return options[0], [
                f"context: {options[0][2].id} chosen over {options[1][2].id}: {options[0][5]}"
            ]
        return None

    def _gated_evidence(
        self,
        d: Decision,
        match: Match,
        coherence: float,
        tokens: list[Token],
        context: Context,
        evidence: list[str],
    ) -> int | None:
        """The pieces of evidence for a needs-context alias (added to ``evidence``), or None
        when they do not suffice."""
        found = cue(match, d.cand, tokens)
        same = context.surface_known(d.cand.query, match.id)
        head = tokens[d.cand.first]
        if head.cased and not head.upper and not first_letter(match.alias).islower():
            if not same:  # a name in lower case: only where the text also writes it capitalized
                return None
        if d.midcap:
            evidence.append("context: capitalized where no sentence starts")
        if found:
            evidence.append(f"context: {found}")
        if same:
            evidence.append("context: the same words name it elsewhere in the text")
        units = sum(map(bool, (d.midcap, found, coherence > 0, same)))
        if not (
            ((d.midcap or found) and (coherence > 0 or found))
            or (same and (d.midcap or coherence > 0))
        ):
            return None
        return units

    def _margin(self, best: Match, other: Match) -> float:
        """The lead ``best`` needs over ``other``: wider when an inexact match has a declared
        near-miss for a rival (as in :meth:`namenorm.Resolver.resolve`)."""
        config = self._resolver.config
        if best.method not in ("exact", "folded") and self._resolver.near_miss(best.id, other.id):
            return max(config.margin, config.near_miss_margin)
        return config.margin

    def _in_longer_name(self, cand: Candidate, tokens: list[Token]) -> bool:
        """A capitalized word that is not a title or a common word stands right next to the
        candidate, one space away: it is part of the same, longer name."""
        neighbours = []
        if cand.first > 0 and tokens[cand.first].join == " ":
            neighbours.append(tokens[cand.first - 1])
        last = tokens[cand.last]
        ends_inflected = cand.last > cand.first and last.cased and not last.upper
        if cand.last + 1 < len(tokens) and tokens[cand.last + 1].join == " " and not ends_inflected:
            # (a name that ends in a grammatical ending, "Erdoğan'ın", has ended)
            neighbours.append(tokens[cand.last + 1])
        return any(self._name_word(t) for t in neighbours)

    def _name_word(self, t: Token) -> bool:
        """A capitalized word of some name, not a title or a common word."""
        words = self._lexicon.alias_keys()[2]
        return (
            t.upper
            and not t.fragment
            and t.key not in VOCABULARY
            # not a word of any name, and at a sentence start ("Позже Пашинян") or an inflected
            # form of a word of another name ("Bakıda Paşinyanla")
            and not (
                t.key not in words
                and (t.sentence_start or bool(self._lexicon.stem_keys(t) & words))
            )
        )

    def _words_fit(
        self, cand: Candidate, tokens: list[Token], alias: str, ending: str | None = None
    ) -> bool:
        """An inexact match may not turn a word of the vocabulary (a title, a place word, a
        function word) into another: "Russian Foreign Minister" is not "... Ministry". A
        grammatical ending after an apostrophe or hyphen ("İstanbul'da") is no word."""
        last = cand.last
        if (
            ending is not None
            and last > cand.first
            and tokens[last].key == self._lexicon.token_key(ending, True)[0]
        ):
            last -= 1
        words = {
            tokens[k].key
            for k in range(cand.first, last + 1)
            if len(tokens[k].key) > 1 and tokens[k].key in VOCABULARY
        }
        return not words or words <= self._lexicon.alias_words(alias)
