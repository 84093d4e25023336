"""Cold start of the CLI and lookup latency of the bundled resolver.

    python benchmarks/cold_start.py [--runs 15]

Prints a Markdown table. Cold start is the wall time of a whole `python -m namenorm lookup`
process, measured beside `python -c pass` in the same run so the ratio survives a noisy machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def _wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _per_query(resolver, queries: list[str], repeat: int) -> float:
    t = time.perf_counter()
    for _ in range(repeat):
        for q in queries:
            resolver.resolve(q)
    return (time.perf_counter() - t) / (repeat * len(queries))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    py = sys.executable
    bare = _wall([py, "-c", "pass"], args.runs)
    lookup = _wall([py, "-m", "namenorm", "lookup", "Steppe cart"], args.runs)

    import namenorm

    t = time.perf_counter()
    resolver = namenorm.default_resolver()
    load = time.perf_counter() - t
    exact = ["Stepanakert", "Baku", "Nikol Pashinyan", "Yerevan", "Ilham Aliyev", "NATO"]
    corrupted = ["Steppe cart", "Karaƅakh", "Xankendi", "Stepanakertt", "Mevl চা t ভ avu ও o ্ল lu",
                 "Nicol Pashinyan"]
    misses = ["stagnant economy", "Stephen King", "Buenos Aires", "ceasefire", "John Smith", "Osaka"]
    rows = [
        ("CLI cold start, one lookup (median wall time)", f"{lookup * 1000:.0f} ms"),
        ("`python -c pass` in the same run", f"{bare * 1000:.0f} ms"),
        ("load of the bundled index in-process", f"{load * 1000:.0f} ms"),
        ("entities / aliases", f"{len(resolver.gazetteer)} / {len(resolver.index.aliases)}"),
    ]
    for label, qs in (("exact hits", exact), ("corrupted hits", corrupted), ("misses", misses)):
        per = _per_query(resolver, qs, 20)
        rows.append((f"resolve(), {label}", f"{per * 1e6:.0f} µs/query ({1 / per:,.0f}/s)"))
    print("| measure | value |\n| --- | --- |")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
