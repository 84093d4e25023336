"""Fit ``Config.threshold`` and ``Config.margin`` to a user's labelled queries
(``namenorm calibrate``).

Each query is looked up once (:meth:`Resolver.candidates`, the best two entities with their
scores); the decision :meth:`Resolver.resolve` makes (best score at the threshold or above, and
at least the margin ahead of the runner-up; ``near_miss_margin`` for a declared near-miss
behind an inexact best) is then replayed for every threshold and margin of a grid, and the
setting that the chosen lean prefers is kept. Queries answered only through name structure
(titles, initials, ...: a second reading of the query) are not replayed exactly, so the best few
settings of the replay, and the starting one, are checked with :meth:`Resolver.resolve` itself
(:func:`fit` with ``check``), and the before and after figures come from it too.

A labelled file is UTF-8 text, one query a line: the query, a tab, and the id it should resolve
to, or nothing (an empty second column, or none) when it should not match. Blank lines and lines
starting with ``#`` are skipped; so is a first line ``query<TAB>expected``; further columns
are ignored (so the benchmark files ``benchmarks/data/*.tsv`` can be read as they are).

>>> parse_labels(["query\\texpected", "# mine", "Baku\\tbaku\\tnote", "table\\t", "chair"])
[Labelled(query='Baku', expected='baku'), Labelled(query='table', expected=None), \
Labelled(query='chair', expected=None)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from namenorm._config import Config

if TYPE_CHECKING:
    from namenorm.matching.resolver import Resolver

__all__ = [
    "LEANS",
    "Labelled",
    "Observed",
    "Scores",
    "choose",
    "evaluate",
    "fit",
    "grid",
    "observe",
    "parse_labels",
    "replay",
    "score_answers",
    "shortlist",
]  # fmt: skip

LEANS = ("balanced", "precision", "recall")
#: The precision a ``precision`` lean must keep while it raises recall.
PRECISION_FLOOR = 0.99


@dataclass(frozen=True)
class Labelled:
    """One labelled query: the id it should resolve to, or None for "should not match"."""

    query: str
    expected: str | None


@dataclass(frozen=True)
class Observed:
    """What a decision needs of one query: the best entity, its score and the runner-up's,
    and whether the two are a declared near-miss behind an inexact best."""

    label: Labelled
    best: str | None
    best_score: float
    runner_score: float | None
    near_miss: bool


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of answers against labels (an answer for a "should not match"
    query, or a wrong id, is a false positive; a missed or wrong id a false negative)."""

    right: int
    wrong: int
    expected: int

    @property
    def precision(self) -> float:
        answered = self.right + self.wrong
        return self.right / answered if answered else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def parse_labels(lines: Iterable[str]) -> list[Labelled]:
    """The labelled queries of a file's lines (see the module text for the format)."""
    out = []
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        query, _, rest = line.partition("\t")
        expected = rest.split("\t", 1)[0]
        if number == 1 and (query.strip().lower(), expected.strip().lower()) == (
            "query", "expected"
        ):
            continue
        if not query.strip():
            raise ValueError(f"line {number}: empty query")
        out.append(Labelled(query, expected.strip() or None))
    return out


def observe(resolver: Resolver, labels: Iterable[Labelled]) -> list[Observed]:
    """Look each query up once: its best two entities and their scores."""
    out = []
    for label in labels:
        top = resolver.candidates(label.query, limit=2)
        if not top:
            out.append(Observed(label, None, 0.0, None, False))
            continue
        best = top[0]
        runner = top[1] if len(top) > 1 else None
        near = (
            runner is not None
            and best.method not in ("exact", "folded")
            and resolver.near_miss(best.id, runner.id)
        )
        out.append(Observed(label, best.id, best.score, runner.score if runner else None, near))
    return out


def _answer(o: Observed, threshold: float, margin: float) -> str | None:
    """The id :meth:`Resolver.resolve` would give under ``threshold`` and ``margin``."""
    if o.best is None or o.best_score < threshold:
        return None
    if o.runner_score is not None and o.best_score - o.runner_score < margin:
        return None
    return o.best


def score_answers(pairs: Iterable[tuple[Labelled, str | None]]) -> Scores:
    """:class:`Scores` of (label, answer) pairs."""
    right = wrong = expected = 0
    for label, answer in pairs:
        expected += label.expected is not None
        if answer is None:
            continue
        if answer == label.expected:
            right += 1
        else:
            wrong += 1
    return Scores(right, wrong, expected)


def replay(observed: Sequence[Observed], config: Config) -> Scores:
    """The scores the decision would get under ``config``'s threshold and margins."""

    def margin(o: Observed) -> float:
        return max(config.margin, config.near_miss_margin) if o.near_miss else config.margin

    return score_answers(
        (o.label, _answer(o, config.threshold, margin(o))) for o in observed
    )


def grid(base: Config) -> list[Config]:
    """``base`` under every threshold 0.50, 0.51, ... 1.00 and margin 0.00, 0.01, ... 0.20."""
    return [
        replace(base, threshold=t / 100, margin=m / 100)
        for t in range(50, 101)
        for m in range(21)
    ]


def _key(lean: str, base: Config) -> Callable[[tuple[Config, Scores]], tuple[float, ...]]:
    """Sort key of (config, scores) for ``lean``: higher is preferred; ties go to the config
    nearest ``base``."""
    if lean not in LEANS:
        raise ValueError(f"lean must be one of {', '.join(LEANS)}, not {lean!r}")

    def key(item: tuple[Config, Scores]) -> tuple[float, ...]:
        c, s = item
        near = -(abs(c.threshold - base.threshold) + abs(c.margin - base.margin))
        if lean == "balanced":
            return (s.f1, s.precision, near)
        if lean == "recall":
            return (s.recall, s.precision, near)
        safe = s.precision >= PRECISION_FLOOR
        return (safe, s.recall if safe else s.precision, s.precision, near)

    return key


def choose(results: Sequence[tuple[Config, Scores]], lean: str, base: Config) -> Config:
    """The config the ``lean`` prefers: ``balanced`` the best F1; ``precision`` the best recall
    at precision >= 0.99 (the best precision when none reaches it); ``recall`` the best
    precision among those with the best recall. Ties go to the config nearest ``base``."""
    return max(results, key=_key(lean, base))[0]


def shortlist(results: Sequence[tuple[Config, Scores]], lean: str, base: Config,
              size: int = 5) -> list[Config]:
    """The ``size`` best configs for ``lean`` with different scores (the one nearest ``base``
    of each), best first."""
    best: dict[Scores, Config] = {}
    for config, scores in sorted(results, key=_key(lean, base), reverse=True):
        best.setdefault(scores, config)
        if len(best) == size:
            break
    return list(best.values())


def fit(
    observed: Sequence[Observed],
    base: Config,
    lean: str = "balanced",
    check: Callable[[Config], Scores] | None = None,
) -> Config:
    """The config of :func:`grid` that ``lean`` prefers on the observed queries.

    The replay sees only each query's best two entities; with ``check`` (the scores of the
    real resolver under a config, as :func:`evaluate` gives them), the best few of the replay
    and ``base`` itself are checked, and the one ``lean`` prefers on the real scores wins, so
    the result never does worse than ``base`` on these queries."""
    results = [(c, replay(observed, c)) for c in grid(base)]
    if check is None:
        return choose(results, lean, base)
    tried = [base, *shortlist(results, lean, base)]
    return choose([(c, check(c)) for c in tried], lean, base)


def evaluate(resolver: Resolver, labels: Iterable[Labelled]) -> Scores:
    """Scores of :meth:`Resolver.resolve` itself on the labelled queries."""
    pairs = []
    for label in labels:
        match = resolver.resolve(label.query)
        pairs.append((label, match.id if match is not None else None))
    return score_answers(pairs)
