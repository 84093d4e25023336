"""``namenorm calibrate``: fit the threshold and margin to a file of labelled queries and save
the :class:`~namenorm.Config` as JSON (for ``lookup --config`` and ``Config.from_file``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from namenorm._errors import NamenormError
from namenorm.cli.common import EXIT_OK, resolver_for

if TYPE_CHECKING:
    from namenorm._config import Config
    from namenorm.matching.calibrate import Labelled, Scores
    from namenorm.matching.resolver import Resolver

__all__ = ["cmd_calibrate"]


def cmd_calibrate(args: argparse.Namespace, out: TextIO) -> int:
    """Read the labels, fit, write ``--output``, print before and after."""
    from namenorm import Resolver
    from namenorm.matching.calibrate import evaluate, fit, observe

    labels = _read_labels(args.labels)
    if not any(label.expected for label in labels):
        raise NamenormError(f"{args.labels}: no query has an expected id to fit recall on")
    resolver = resolver_for(args)
    _check_ids(resolver, labels, args.labels)
    checked: dict[Config, Scores] = {}

    def check(config: Config) -> Scores:
        tuned = Resolver.from_index(resolver.index.with_config(config))
        checked[config] = evaluate(tuned, labels)
        return checked[config]

    before = check(resolver.config)
    config = fit(observe(resolver, labels), resolver.config, args.lean, check)
    after = checked[config]
    try:
        config.to_file(args.output)
    except OSError as exc:
        raise NamenormError(f"cannot write {args.output!r}: {exc.strerror or exc}") from None
    _report(out, len(labels), (resolver.config, before), (config, after))
    out.write(f"wrote {args.output} (use: namenorm lookup --config {args.output} ...)\n")
    return EXIT_OK


def _read_labels(path: str) -> list[Labelled]:
    from namenorm.matching.calibrate import parse_labels

    try:
        with open(path, encoding="utf-8") as f:
            return parse_labels(f)
    except OSError as exc:
        raise NamenormError(f"cannot read {path!r}: {exc.strerror or exc}") from None
    except ValueError as exc:  # a bad line, or not UTF-8
        raise NamenormError(f"{path}: {exc}") from None


def _check_ids(resolver: Resolver, labels: list[Labelled], path: str) -> None:
    """An expected id the gazetteer lacks is a typo in the labels: say so before fitting."""
    known = {e.id for e in resolver.index.entities}
    unknown = sorted({lb.expected for lb in labels if lb.expected and lb.expected not in known})
    if unknown:
        shown = ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        raise NamenormError(f"{path}: ids not in the gazetteer: {shown}")


def _report(out: TextIO, n: int, *rows: tuple[Config, Scores]) -> None:
    out.write(f"{n:,} labelled queries\n")
    out.write(f"{'':8}{'threshold':>10}{'margin':>8}{'P':>7}{'R':>7}{'F1':>7}\n")
    out.writelines(
        f"{name:8}{config.threshold:>10.2f}{config.margin:>8.2f}"
        f"{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}\n"
        for name, (config, s) in zip(("before", "after"), rows, strict=True)
    )
