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
               budget: float = 5.0, clock: Callable[[], float] = time.perf_counter) -> float:
    """Lookups per second of ``fn`` over ``queries`` (median of up to ``rounds`` passes; a pass
    stops early after ``budget`` seconds, so slow peers are timed on a prefix). ``clock``:
    wall time by default; ``time.process_time`` counts this process's CPU time only."""
    rates = []
    for _ in range(rounds):
        done = 0
        t0 = clock()
        for q in queries:
            fn(q)
            done += 1
            if done % 16 == 0 and clock() - t0 > budget:
                break
        rates.append(done / (clock() - t0))
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


# -- command line: lookup speed at the bundled scale --------------------------------------------


def _peer_pairs(resolver, choices: str) -> list[tuple[str, str]]:
    """(name, id) pairs the peers search: the gazetteer's own names (what a user would hand
    rapidfuzz) or every indexed alias (generated romanizations included)."""
    if choices == "aliases":
        ents = resolver.index.entities
        return [(a.text, ents[a.entity].id) for a in resolver.index.aliases if not a.exact_only]
    pairs = []
    for e in resolver.gazetteer.entities:
        pairs.append((e.name, e.id))
        pairs.extend((n.text, e.id) for n in e.names)
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    """Lookups per second of namenorm (answer cache off, every query asked once per pass) beside
    rapidfuzz ``process.extractOne`` with ``ratio`` and ``WRatio``, on the exact, corrupted and
    no-match queries of ``benchmarks.run``, in one run; then load time and memory of the
    bundled index in a fresh interpreter."""
    import argparse

    from benchmarks import peers
    from benchmarks.run import _cold, speed_sets
    from namenorm import default_resolver

    ap = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=main.__doc__)
    ap.add_argument("-n", type=int, default=1000, help="queries per set (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--budget", type=float, default=5.0, help="seconds per pass and tool")
    ap.add_argument("--choices", choices=("names", "aliases"), default="names",
                    help="what rapidfuzz searches: the gazetteer's names (default) or every "
                    "indexed alias, as benchmarks.run gives it")
    ap.add_argument("--no-process", action="store_true", help="skip load time and memory")
    args = ap.parse_args(argv)
    resolver = default_resolver()
    sets = speed_sets(resolver, args.n, args.seed)
    pairs = _peer_pairs(resolver, args.choices)
    fns: dict[str, Callable[[str], object]] = {"namenorm": _cold(resolver).resolve}
    for name in ("rapidfuzz-ratio", "rapidfuzz-WRatio"):
        fns[name] = peers.PEERS[name](pairs).best  # type: ignore[attr-defined]
    print(f"rapidfuzz searches {len(pairs):,} {args.choices} ({len({t for t, _ in pairs}):,} "
          "distinct); lookups per CPU second, median of 3 passes taking turns")
    print("| queries | n | namenorm | rapidfuzz ratio | rapidfuzz WRatio | x ratio | x WRatio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, qs in sets.items():
        # Passes take turns (namenorm, ratio, WRatio, namenorm, ...) and count CPU time, so
        # that the load of a shared machine weighs on all tools alike.
        rates: dict[str, list[float]] = {name: [] for name in fns}
        for _ in range(3):
            for name, fn in fns.items():
                rates[name].append(per_second(fn, qs, rounds=1, budget=args.budget,
                                              clock=time.process_time))
        r = {name: statistics.median(got) for name, got in rates.items()}
        nn, ra, wr = r["namenorm"], r["rapidfuzz-ratio"], r["rapidfuzz-WRatio"]
        print(f"| {label} | {len(qs)} | {nn:,.0f} | {ra:,.0f} | {wr:,.0f} | {nn / ra:.1f}x "
              f"| {nn / wr:.1f}x |", flush=True)
    if not args.no_process:
        probe = process_stats("import namenorm; r = namenorm.default_resolver()",
                              "r.resolve('Steppe cart')")
        bare = process_stats("pass")["maxrss_mb"]
        print(f"bundled index: load {probe['load'] * 1000:.0f} ms in a fresh interpreter, peak "
              f"memory {probe['maxrss_mb']:.0f} MB after one lookup (bare interpreter {bare:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
