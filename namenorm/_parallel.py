"""Resolving a long stream of queries on several cores, in order, in bounded memory.

:func:`iter_parallel` cuts the queries into chunks and keeps at most ``2 * workers`` chunks in
flight, so an endless iterable never piles up in memory; answers come back in input order.

The workers get the compiled index without rebuilding it:

- with the ``fork`` start method (the default on Linux) each worker inherits the parent's
  resolver as it is in memory, copy-on-write: nothing is serialized, nothing rebuilt;
- with ``spawn`` or ``forkserver`` (the defaults on macOS and Windows, where ``fork`` is unsafe
  or absent) the parent writes its index once to a temporary file in the saved-index format and
  each worker loads that file (the bundled resolver is loaded from its packaged file instead).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from namenorm._resolver import Match, Resolver

__all__ = ["cpu_count", "default_start_method", "iter_parallel"]

_worker: Resolver | None = None


def cpu_count() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_start_method() -> str:
    """``fork`` where it is safe and available (Linux), else the platform's default."""
    if sys.platform.startswith("linux"):
        return "fork"
    return multiprocessing.get_start_method()


def _init_inherited(resolver: Resolver) -> None:
    global _worker
    _worker = resolver


def _init_loaded(path: str | None, config: Any) -> None:
    global _worker
    if path is None:
        from namenorm import default_resolver

        _worker = default_resolver()
    else:
        from namenorm._resolver import Resolver

        _worker = Resolver.load(path, config=config)


def _resolve_chunk(queries: list[str | None], types: frozenset[str] | None) -> list[Match | None]:
    assert _worker is not None, "worker not initialized"
    resolve = _worker.resolve
    return [None if q is None else resolve(q, types=types) for q in queries]


def iter_parallel(
    resolver: Resolver,
    queries: Iterable[str | None],
    *,
    types: frozenset[str] | None,
    workers: int,
    chunksize: int,
    start_method: str | None = None,
) -> Iterator[Match | None]:
    """Resolve ``queries`` (None answers None) on ``workers`` processes; answers in order."""
    method = start_method or default_start_method()
    context = multiprocessing.get_context(method)
    tmpdir = None
    if method == "fork":
        initializer, initargs = _init_inherited, (resolver,)
    else:
        import namenorm

        path = None  # the bundled resolver: workers load it from the package
        if resolver is not namenorm._default_resolver:
            tmpdir = tempfile.TemporaryDirectory(prefix="namenorm-")
            path = os.path.join(tmpdir.name, "index.json")
            resolver.save(path)
        initializer, initargs = _init_loaded, (path, resolver.config)
    executor = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=initializer, initargs=initargs
    )
    pending: deque[Future[list[Match | None]]] = deque()
    it = iter(queries)
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * workers:
                chunk = list(islice(it, chunksize))
                if not chunk:
                    exhausted = True
                    break
                pending.append(executor.submit(_resolve_chunk, chunk, types))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        if tmpdir is not None:
            tmpdir.cleanup()
