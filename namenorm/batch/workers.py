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

import gc
import multiprocessing
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from namenorm.matching.resolver import Resolver

__all__ = ["cpu_count", "default_start_method", "iter_annotate", "iter_parallel"]

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


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed, say): a pool worker waiting for work
    would otherwise wait for ever."""
    import threading

    def watch() -> None:
        while _alive(parent):
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="namenorm-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still exists (the parent of a forkserver worker is the fork
    server, not the process that asked for the pool: ask after that one by pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _init_inherited(resolver: Resolver, parent: int) -> None:
    global _worker
    _exit_with_parent(parent)
    # Keep the garbage collector off the inherited objects (the whole index): scanning them
    # would touch, and so copy, the pages the worker shares with its parent.
    gc.freeze()
    _worker = resolver


def _init_loaded(path: str | None, config: Any, parent: int) -> None:
    global _worker
    _exit_with_parent(parent)
    if path is None:
        from namenorm import default_resolver

        _worker = default_resolver()
    else:
        from namenorm.matching.resolver import Resolver

        _worker = Resolver.load(path, config=config)


_annotators: dict[tuple[Any, ...], Any] = {}


def _run_chunk(items: list[str | None], task: tuple[Any, ...]) -> list[Any]:
    """``("resolve", types)``: a Match or None per query; ``("annotate", demonyms, types)``:
    a list of Mentions per text. None stays None."""
    assert _worker is not None, "worker not initialized"
    if task[0] == "resolve":
        resolve, types = _worker.resolve, task[1]
        return [None if q is None else resolve(q, types=types) for q in items]
    annotator = _annotators.get(task)
    if annotator is None:
        from namenorm.mentions.annotator import Annotator

        annotator = _annotators[task] = Annotator(_worker, demonyms=task[1], types=task[2])
    return [None if t is None else annotator.annotate(t) for t in items]


def iter_parallel(
    resolver: Resolver,
    items: Iterable[str | None],
    *,
    task: tuple[Any, ...],
    workers: int,
    chunksize: int,
    start_method: str | None = None,
) -> Iterator[Any]:
    """Run ``task`` (see :func:`_run_chunk`) on ``items`` (None answers None) on ``workers``
    processes, at most one per core and one per chunk of input; answers in order."""
    it = iter(items)
    asked = 2 * workers
    first = [chunk for chunk in (list(islice(it, chunksize)) for _ in range(asked)) if chunk]
    workers = max(1, min(workers, cpu_count(), len(first)))
    method = start_method or default_start_method()
    context = multiprocessing.get_context(method)
    tmpdir = None
    initializer: Callable[..., None]
    initargs: tuple[Any, ...]
    if method == "fork":
        initializer, initargs = _init_inherited, (resolver, os.getpid())
    else:
        import namenorm

        path = None  # the bundled resolver: workers load it from the package
        if resolver is not namenorm._default_resolver:
            tmpdir = tempfile.TemporaryDirectory(prefix="namenorm-")
            path = os.path.join(tmpdir.name, "index.nnidx")
            resolver.save(path)
        initializer, initargs = _init_loaded, (path, resolver.config, os.getpid())
    executor: ProcessPoolExecutor = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=initializer, initargs=initargs  # type: ignore[arg-type]
    )
    pending: deque[Future[list[Any]]] = deque(
        executor.submit(_run_chunk, chunk, task) for chunk in first
    )
    try:
        exhausted = len(first) < asked
        while True:
            while not exhausted and len(pending) < 2 * workers:
                chunk = list(islice(it, chunksize))
                if not chunk:
                    exhausted = True
                    break
                pending.append(executor.submit(_run_chunk, chunk, task))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        if tmpdir is not None:
            tmpdir.cleanup()


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
        from namenorm.mentions.annotator import Annotator

        annotator = Annotator(resolver, demonyms=demonyms, types=types)
        for text in texts:
            yield None if text is None else annotator.annotate(text)
        return
    yield from iter_parallel(
        resolver, texts, task=("annotate", demonyms, types), workers=workers, chunksize=chunksize
    )
