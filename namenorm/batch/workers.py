"""Resolving a long stream of queries on several cores, in order, in bounded memory.

:func:`iter_parallel` cuts the queries into chunks and keeps at most ``2 * workers`` chunks in
flight, so an endless iterable never piles up in memory; answers come back in input order.

The workers get the compiled index without rebuilding it:

- with the ``fork`` start method (the default on Linux) each worker inherits the parent's
  resolver as it is in memory, copy-on-write: nothing is serialized, nothing rebuilt;
- with ``spawn`` or ``forkserver`` (the defaults on macOS and Windows, where ``fork`` is unsafe
  or absent) the parent writes its index once to a temporary file in the saved-index format and
  each worker loads that file (the bundled resolver is loaded from its packaged file instead).

The pool knows nothing of what it runs: a task is a module-level function and its arguments,
``(function, *args)``, called as ``function(resolver, chunk, *args)`` in the worker
(:func:`namenorm.matching.resolver.resolve_chunk`,
:func:`namenorm.batch.annotating.annotate_chunk`). So this module imports neither the resolver
nor mention detection, and they may import it.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, Protocol

__all__ = ["Shared", "cpu_count", "default_start_method", "iter_parallel"]


class Shared(Protocol):
    """What the pool needs of a resolver: its config, whether it is the package's bundled
    index (which workers load themselves), and to save and load its index."""

    @property
    def config(self) -> Any: ...

    @property
    def bundled(self) -> bool: ...

    def save(self, path: str) -> None: ...

    @classmethod
    def load(cls, path: str, *, config: Any = None) -> Any: ...


_worker: Any = None


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

    # A killed parent stays a zombie, still there for os.kill(pid, 0), until whoever started it
    # waits for it; its workers must not wait for that (they hold its stdout and stderr, so a
    # caller reading them to the end waited for ever). A forked worker is re-parented the
    # moment its parent dies: a changed parent pid says enough.
    direct = os.getppid() == parent

    def watch() -> None:
        while _alive(parent) and (not direct or os.getppid() == parent):
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="namenorm-parent-watch", daemon=True).start()


def _quiet_signals() -> None:
    """A worker dies of SIGTERM without a word and leaves Ctrl-C to its parent: a forked
    worker inherits the handlers of its parent (the CLI's SIGTERM handler raises), and a
    worker ended while the pool shuts down (after another was killed, or on Ctrl-C of the
    process group) printed a traceback from its queue."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # held by _signals_held while the pool forked
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held(method: str) -> Iterator[None]:
    """With ``fork``, SIGINT and SIGTERM wait while the pool forks its workers: a new worker
    gets them only once it has its own handlers. Before, Ctrl-C of the process group just as
    a worker was forked raised KeyboardInterrupt in it (inside the fork handlers of logging)
    and printed a traceback. The parent gets them as soon as the workers are started."""
    if method != "fork" or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


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


def _init_inherited(resolver: Shared, parent: int) -> None:
    global _worker
    _quiet_signals()
    _exit_with_parent(parent)
    # Keep the garbage collector off the inherited objects (the whole index): scanning them
    # would touch, and so copy, the pages the worker shares with its parent.
    gc.freeze()
    _worker = resolver


def _init_loaded(kind: Callable[..., Any], path: str | None, config: Any, parent: int) -> None:
    """A worker's resolver: ``kind(config=config)`` over the bundled index (``path`` None), or
    ``kind.load(path, config=config)``."""
    global _worker
    _quiet_signals()
    _exit_with_parent(parent)
    _worker = kind(config=config) if path is None else kind.load(path, config=config)  # type: ignore[attr-defined]


def _run_chunk(items: list[str | None], task: tuple[Any, ...]) -> list[Any]:
    """``task`` is ``(function, *args)``: ``function(resolver, items, *args)``, the answers
    for ``items`` (None stays None)."""
    assert _worker is not None, "worker not initialized"
    function, *args = task
    return list(function(_worker, items, *args))


def iter_parallel(
    resolver: Shared,
    items: Iterable[str | None],
    *,
    task: tuple[Any, ...],
    workers: int,
    chunksize: int,
    start_method: str | None = None,
) -> Iterator[Any]:
    """Run ``task`` (``(function, *args)``, see :func:`_run_chunk`) on ``items`` (None answers
    None) on ``workers`` processes, at most one per core and one per chunk of input; answers in
    order."""
    it = iter(items)
    workers = max(1, min(workers, cpu_count()))  # first: 2 * 10**30 empty chunks never end
    asked = 2 * workers
    first = [chunk for chunk in (list(islice(it, chunksize)) for _ in range(asked)) if chunk]
    workers = max(1, min(workers, cpu_count(), len(first)))
    method = start_method or default_start_method()
    context = multiprocessing.get_context(method)
    tmpdir = None
    initializer: Any
    initargs: tuple[Any, ...]
    if method == "fork":
        initializer, initargs = _init_inherited, (resolver, os.getpid())
    else:
        path = None  # the bundled index: workers load it from the package
        if not resolver.bundled:
            tmpdir = tempfile.TemporaryDirectory(prefix="namenorm-")
            path = os.path.join(tmpdir.name, "index.nnidx")
            resolver.save(path)
        initializer, initargs = _init_loaded, (type(resolver), path, resolver.config, os.getpid())
    with _signals_held(method):  # the first submit forks the workers
        executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=initializer, initargs=initargs
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
