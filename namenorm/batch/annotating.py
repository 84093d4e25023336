"""Mentions of a long stream of texts, in order, on one process or several
(:mod:`namenorm.batch.workers`).

>>> import namenorm
>>> [[m.id for m in ms] for ms in iter_annotate(namenorm.default_resolver(), ["Baku"])]
[['baku']]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from namenorm.batch.workers import cpu_count, iter_parallel
from namenorm.matching.resolver import Resolver
from namenorm.mentions.annotator import Annotator, Mention

__all__ = ["annotate_chunk", "iter_annotate"]

# One annotator per (resolver, demonyms, types) in a worker process, made on first use.
_annotators: dict[tuple[int, bool, frozenset[str] | None], Annotator] = {}


def annotate_chunk(
    resolver: Resolver, texts: list[str | None], demonyms: bool, types: frozenset[str] | None
) -> list[list[Mention] | None]:
    """The mentions of each text (None for None): a task of :func:`iter_parallel`."""
    key = (id(resolver), demonyms, types)
    annotator = _annotators.get(key)
    if annotator is None:
        annotator = _annotators[key] = Annotator(resolver, demonyms=demonyms, types=types)
    return [None if t is None else annotator.annotate(t) for t in texts]


def iter_annotate(
    resolver: Resolver,
    texts: Iterable[str | None],
    *,
    demonyms: bool = True,
    types: frozenset[str] | None = None,
    workers: int = 1,
    chunksize: int = 64,
) -> Iterator[list[Any] | None]:
    """The mentions of each text (None for None), in order, on ``workers`` processes."""
    if workers == 0:
        workers = cpu_count()
    if workers == 1:
        annotator = Annotator(resolver, demonyms=demonyms, types=types)
        for text in texts:
            yield None if text is None else annotator.annotate(text)
        return
    yield from iter_parallel(
        resolver, texts, task=(annotate_chunk, demonyms, types), workers=workers, chunksize=chunksize
    )
