"""Accuracy of namenorm and its peers on the same queries: per class, and calibration.

Definitions (per class, and overall):

- *answered*: the tool returned an entity; *abstention* = share of queries not answered;
- *precision* = right answers / answers; *recall* = right answers / positive queries;
  *F1* their harmonic mean. On a negative class every answer is wrong, so only the share of
  queries answered (false positives) is reported for it.
- Overall precision counts answers to negatives as wrong answers.

namenorm runs with its default configuration. Each peer gets the cutoff that gives it the best
overall F1 on these very queries (:func:`best_cutoff`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Outcome", "best_cutoff", "calibration", "class_metrics", "run_tool"]

Query = tuple[str, "str | None", str]


@dataclass(frozen=True)
class Outcome:
    """One tool's best guess for one query: the guess, its score, and what was expected."""

    query: str
    expected: str | None
    cls: str
    guess: str | None
    score: float


def run_tool(best, queries: Sequence[Query]) -> list[Outcome]:
    """``best(query) -> (id or None, score)`` over every query."""
    out = []
    for query, expected, cls in queries:
        guess, score = best(query)
        out.append(Outcome(query, expected, cls, guess, score))
    return out


def _answers(outcomes: Sequence[Outcome], cutoff: float) -> list[str | None]:
    return [o.guess if o.guess is not None and o.score >= cutoff else None for o in outcomes]


def _prf(outcomes: Sequence[Outcome], answers: Sequence[str | None]) -> dict[str, float]:
    positives = sum(o.expected is not None for o in outcomes)
    answered = sum(a is not None for a in answers)
    right = sum(a is not None and a == o.expected for o, a in zip(outcomes, answers))
    p = right / answered if answered else 1.0
    r = right / positives if positives else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "n": len(outcomes),
        "precision": p,
        "recall": r,
        "f1": f1,
        "abstention": 1 - answered / len(outcomes) if outcomes else 0.0,
        "answered": answered / len(outcomes) if outcomes else 0.0,
    }


def best_cutoff(outcomes: Sequence[Outcome]) -> float:
    """The score cutoff with the best overall F1 (ties: the higher cutoff)."""
    best = (-1.0, 1.0)
    for cut in sorted({round(o.score, 4) for o in outcomes} | {1.01}):
        f1 = _prf(outcomes, _answers(outcomes, cut))["f1"]
        if (f1, cut) > best:
            best = (f1, cut)
    return best[1]


def class_metrics(outcomes: Sequence[Outcome], cutoff: float) -> dict[str, dict[str, float]]:
    """Metrics per class and ``"all"`` at ``cutoff``."""
    answers = _answers(outcomes, cutoff)
    classes: dict[str, list[int]] = {}
    for i, o in enumerate(outcomes):
        classes.setdefault(o.cls, []).append(i)
    out = {}
    for cls, idx in classes.items():
        out[cls] = _prf([outcomes[i] for i in idx], [answers[i] for i in idx])
    out["all"] = _prf(outcomes, answers)
    pos = [i for i, o in enumerate(outcomes) if o.expected is not None]
    out["all positives"] = _prf([outcomes[i] for i in pos], [answers[i] for i in pos])
    neg = [i for i, o in enumerate(outcomes) if o.expected is None]
    out["all negatives"] = _prf([outcomes[i] for i in neg], [answers[i] for i in neg])
    return out


def calibration(outcomes: Sequence[Outcome], bands: Sequence[float]) -> list[tuple[str, int, float]]:
    """For each score band: how many top guesses fell in it and the share that was right."""
    rows = []
    edges = list(bands)
    for lo, hi in zip(edges, edges[1:] + [1.0001]):
        inside = [o for o in outcomes if o.guess is not None and lo <= o.score < hi]
        right = sum(o.guess == o.expected for o in inside)
        label = f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}"
        rows.append((label, len(inside), right / len(inside) if inside else float("nan")))
    return rows
