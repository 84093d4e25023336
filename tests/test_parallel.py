"""Resolver.resolve_many / iter_resolve on several processes: same answers, same order."""

from __future__ import annotations

import itertools
import sys

import pytest

import namenorm
from namenorm.batch import workers as _parallel

QUERIES = ["Baku", "Steppe cart", "nobody", "", "Xankendi", "Karaƅakh", "Azeri", "Баку", "P'ashinyan"]


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_workers_give_the_same_answers_in_the_same_order(mini, start_method):
    queries = [q + suffix for suffix in ("", "a", " ") for q in QUERIES] * 7
    want = mini.resolve_many(queries)
    got = mini.resolve_many(queries, workers=2, chunksize=5, start_method=start_method)
    assert got == want
    assert sum(m is not None for m in got) > 10


def test_bundled_resolver_in_spawned_workers(bundled):
    got = bundled.resolve_many(QUERIES, workers=2, chunksize=2, start_method="spawn")
    assert got == [namenorm.resolve(q) for q in QUERIES]


def test_workers_keep_types_and_non_str_handling(mini):
    queries = ["Baku", 7, None, "Azeri", "Xankendi"]
    want = mini.resolve_many(queries, errors="none", types="place")
    assert mini.resolve_many(queries, errors="none", types="place", workers=2, chunksize=1) == want
    assert want[1] is None and want[2] is None
    with pytest.raises(TypeError, match="query 1 must be str"):
        mini.resolve_many(queries, workers=2)


def test_long_stream_is_consumed_lazily(mini):
    """An endless iterable: only a bounded number of chunks is read ahead."""
    pulled = 0

    def endless():
        nonlocal pulled
        for q in itertools.cycle(QUERIES):
            pulled += 1
            yield q

    answers = mini.iter_resolve(endless(), workers=2, chunksize=10)
    first = list(itertools.islice(answers, 25))
    answers.close()
    assert first == mini.resolve_many(list(itertools.islice(itertools.cycle(QUERIES), 25)))
    assert pulled <= 10 * (2 * 2 + 3)  # chunks in flight, plus those answered


def test_workers_zero_means_one_per_core(mini, monkeypatch):
    monkeypatch.setattr(_parallel, "cpu_count", lambda: 2)
    assert mini.resolve_many(QUERIES, workers=0) == mini.resolve_many(QUERIES)


def test_bad_worker_arguments(mini):
    with pytest.raises(ValueError, match="workers"):
        mini.resolve_many(QUERIES, workers=-1)
    with pytest.raises(ValueError, match="chunksize"):
        mini.resolve_many(QUERIES, workers=2, chunksize=0)


def test_fork_workers_inherit_the_index_without_rebuilding(mini, monkeypatch):
    """Building an index in a worker would be a bug: make it impossible and check answers."""
    from namenorm.index.tables import Index

    def no_build(*a, **k):
        raise AssertionError("index rebuilt in a worker")

    monkeypatch.setattr(Index, "build", classmethod(no_build))
    assert mini.resolve_many(QUERIES, workers=2, start_method="fork") == [
        mini.resolve(q) for q in QUERIES
    ]


def test_annotate_on_workers_gives_the_mentions_of_one_process(bundled):
    from namenorm.batch.annotating import iter_annotate

    texts = ["Fighting near Stepanakert, Azerbaijan's army said.", None, "Talks in Baku.",
             "Wages stayed stagnant all year.", "Armenian forces left Shusha."] * 3
    one = list(iter_annotate(bundled, texts))
    two = list(iter_annotate(bundled, texts, workers=2, chunksize=2))
    assert two == one
    assert one[1] is None and [m.id for m in one[2]] == ["baku"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    """A CLI killed mid-batch must not leave pool workers waiting for ever."""
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import itertools, os, sys, namenorm\n"
        "r = namenorm.default_resolver()\n"
        "answers = r.iter_resolve(itertools.repeat('Baku'), workers=2, chunksize=1)\n"
        "next(answers)\n"
        "import multiprocessing\n"
        "print(' '.join(str(p.pid) for p in multiprocessing.active_children()), flush=True)\n"
        "import time; time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert len(pids) == 2
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    def alive(pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                return f.read().split()[2] != "Z"
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 20
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in pids)
