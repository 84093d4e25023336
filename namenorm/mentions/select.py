"""Selection: the accepted candidates that do not overlap, as mentions."""

from __future__ import annotations

from dataclasses import replace

from namenorm.mentions.abjad import METHOD as ABJAD
from namenorm.mentions.context import Decision
from namenorm.mentions.mention import Mention
from namenorm.mentions.tokens import Token
from namenorm.mentions.words import is_written_ending
from namenorm.text.normalize import unify_punctuation
from namenorm.text.scripts import single_script

__all__ = ["select", "with_written_endings"]


def select(decisions: list[Decision], n_tokens: int) -> list[Mention]:
    """Non-overlapping mentions: longer spans first, then higher scores; but a span matched
    inexactly gives way to an exact match inside it that scores as well ("Armenian SU-25"
    is not a longer name of Armenia)."""
    chosen = _non_overlapping(_without_inexact_around_exact(decisions), n_tokens)
    mentions = []
    for d in chosen:
        assert d.match is not None
        kind = "demonym" if d.match.alias_kind == "demonym" else "name"
        mentions.append(Mention(d.cand.start, d.cand.end, d.cand.text, d.match, kind))
    return mentions


def _without_inexact_around_exact(decisions: list[Decision]) -> list[Decision]:
    exact_at: dict[int, list[tuple[int, float]]] = {}  # first token -> (last, score)
    for d in decisions:
        if d.cand.exact and d.match is not None:
            exact_at.setdefault(d.cand.first, []).append((d.cand.last, d.match.score))
    kept = []
    for d in decisions:
        assert d.match is not None
        first, last = d.cand.first, d.cand.last
        # A span reached through the exact dictionary form of its inflected words
        # ("Минской группе ОБСЕ"), or whose every word spells the alias by abjad key
        # ("ناغورنو كاراباخ"), is as good as an exact one.
        exact_stem = (
            d.match.ending is not None and d.match.method in ("exact", "folded")
        ) or d.match.method == ABJAD
        score = d.match.score
        if not d.cand.exact and not exact_stem and any(
            b <= last and (a, b) != (first, last) and other >= score
            for a in range(first, last + 1)
            for b, other in exact_at.get(a, ())
        ):
            continue
        kept.append(d)
    return kept


def _non_overlapping(kept: list[Decision], n_tokens: int) -> list[Decision]:
    ranked = sorted(
        kept,
        key=lambda d: (
            -(d.cand.last - d.cand.first),
            -(d.cand.end - d.cand.start),
            -(d.match.score if d.match else 0.0),
            d.cand.start,
        ),
    )
    taken = bytearray(n_tokens)
    chosen = []
    for d in ranked:
        span = range(d.cand.first, d.cand.last + 1)
        if any(taken[k] for k in span):
            continue
        for k in span:
            taken[k] = 1
        chosen.append(d)
    chosen.sort(key=lambda d: d.cand.start)
    return chosen


def with_written_endings(text: str, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Mentions extended over a case ending written after an apostrophe or a hyphen: the
    written form is the whole word ("Dağlık Karabağ'ı", "Laçın Koridoru'na", "აშშ-ის")."""
    last_at = {t.end: k for k, t in enumerate(tokens)}
    out = []
    for m in mentions:
        k = last_at.get(m.end)
        if k is not None and k + 1 < len(tokens):
            b = tokens[k + 1]
            gap = unify_punctuation(text[m.end : b.start])
            if (
                gap in ("'", "-")
                and not b.upper
                and (b.end == len(text) or not text[b.end].isalnum())
                and _same_script(tokens[k].text, b.text)
                and is_written_ending(b.text, single_script(b.text))
            ):
                m = replace(m, end=b.end, text=text[m.start : b.end])
        out.append(m)
    return out


def _same_script(name: str, ending: str) -> bool:
    """An ending is written in the script of the word it ends ("Reuters-ին" is a Latin name
    with an Armenian ending: the name is "Reuters"); after a number, in any script."""
    return name.isdigit() or single_script(name) == single_script(ending)
