"""Timing helpers: throughput of a lookup function, cold start and peak memory of a process.

Timings are medians of several rounds; on a shared machine compare the ratios measured side by
side in one run, not the absolute numbers.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

__all__ = ["per_second", "process_stats", "wall"]


def per_second(fn: Callable[[str], object], queries: Sequence[str], rounds: int = 3,
               budget: float = 5.0) -> float:
    """Lookups per second of ``fn`` over ``queries`` (median of up to ``rounds`` passes; a pass
    stops early after ``budget`` seconds, so slow peers are timed on a prefix)."""
    rates = []
    for _ in range(rounds):
        done = 0
        t0 = time.perf_counter()
        for q in queries:
            fn(q)
            done += 1
            if done % 16 == 0 and time.perf_counter() - t0 > budget:
                break
        rates.append(done / (time.perf_counter() - t0))
    return statistics.median(rates)


def wall(cmd: Sequence[str], runs: int) -> float:
    """Median wall time of a whole process (seconds)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


_PROBE = """
import json, resource, sys, time
t = time.perf_counter()
{setup}
load = time.perf_counter() - t
t = time.perf_counter()
{work}
work = time.perf_counter() - t
# Peak resident memory of this process (VmHWM; ru_maxrss may count the parent before exec).
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")] if sys.platform == "linux" else []
peak = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"load": load, "work": work, "maxrss_mb": peak}}))
"""


def process_stats(setup: str, work: str = "pass") -> dict[str, float]:
    """Run ``setup`` then ``work`` in a fresh interpreter: their times and the peak memory."""
    code = _PROBE.format(setup=setup, work=work)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])
