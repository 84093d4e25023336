"""Memory stays bounded on hostile streams: caches hold no refused input and count characters.

Each test runs in a fresh interpreter and measures its resident memory (``/proc/self/statm``)
before and after the stream, after one warm-up call has built everything built once. The bound
(:data:`GROWTH_MB`) is generous: it allows for the allocator and the lazily built tables, and
is far below what the unbounded caches kept (about 1,000 MB for the queries, 631 MB for the
documents). A memory bound, not a timing.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from namenorm._cache import BoundedCache

GROWTH_MB = 200

_MEASURE = """
import gc, os, sys
import namenorm

def resident_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6

{setup}
gc.collect()
before = resident_mb()
for i in range({count}):
    {step}
gc.collect()
print(resident_mb() - before)
"""

pytestmark = pytest.mark.skipif(
    not os.path.exists("/proc/self/statm"), reason="resident memory is read from /proc"
)


def _growth_mb(setup: str, step: str, count: int) -> float:
    code = _MEASURE.format(setup=setup, step=step, count=count)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=900
    )
    return float(out.stdout)


def test_a_thousand_distinct_1mb_queries_leave_nothing_behind():
    # Refused for length at once (MAX_INPUT_LENGTH), and never kept by the answer cache.
    growth = _growth_mb(
        "r = namenorm.default_resolver(); r.resolve('Baku')",
        "r.resolve(str(i).rjust(7, '0') + 'a' * 1_000_000)",
        1_000,
    )
    assert growth < GROWTH_MB, f"{growth:.0f} MB resident growth"


def test_two_thousand_documents_with_100k_letter_words_leave_nothing_behind():
    # Each word is new: the token, stem and span caches must not keep it.
    growth = _growth_mb(
        "namenorm.annotate('Baku and Azerbaijan.')",
        "namenorm.annotate('Talks in Baku on ' + str(i) + 'x' * 100_000 + ' and Azerbaijan.')",
        2_000,
    )
    assert growth < GROWTH_MB, f"{growth:.0f} MB resident growth"


def test_cache_counts_characters_and_keeps_no_over_long_key():
    cache: BoundedCache[str, int] = BoundedCache(max_entries=100, max_chars=10, max_key_chars=6)
    cache.put("x" * 7, 7, 1)
    assert len(cache) == 0 and cache.get("x" * 7) is None
    for i, key in enumerate(["aaaaa", "bbbbb", "ccccc"]):
        cache.put(key, 5, i)
        assert cache.chars <= 10
    assert cache.get("ccccc") == 2
    assert BoundedCache(0, 10, 10).put("a", 1, 1) is None  # a size of 0 keeps nothing


def test_resolver_cache_skips_refused_queries():
    from namenorm import Resolver
    from namenorm.matching.resolver import CACHE_MAX_CHARS, MAX_INPUT_LENGTH

    r = Resolver.from_index(__import__("namenorm").default_resolver().index)
    assert r.resolve("y" * (MAX_INPUT_LENGTH + 1)) is None
    assert len(r._cache) == 0
    r.resolve("Baku")
    assert len(r._cache) == 1
    for i in range(CACHE_MAX_CHARS // MAX_INPUT_LENGTH + 5):
        r.resolve(f"{i:06d}" + "q" * (MAX_INPUT_LENGTH - 6))
    assert r._cache.chars <= CACHE_MAX_CHARS
