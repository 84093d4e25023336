"""Throughput of namenorm at scale: a plain loop, resolve_many on 1 and 2 workers, local Spark,
and the CLI on a CSV file, all on the same mentions in one run.

    python benchmarks/scale_out.py [--n 1000000] [--workers 2] [--no-spark] [--no-cli]

Prints a Markdown table: wall time, mentions per second, the ratio to the plain loop, the CPU
seconds spent (this process and its ended children: pool workers, the CLI; not Spark's JVM and
its workers) and the load average when the step started, since a shared machine skews wall
times. The mentions are
drawn, with a fixed seed, from the bundled gazetteer's names, as written, lowercased, with one
letter dropped or doubled, and misses (words of ordinary English and names from elsewhere), so
hits, fuzzy hits and misses are all in the mix. Spark needs the spark extra and Java; it runs
``local[N]`` with N = --workers, and its start-up time is reported apart from its throughput.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MISSES = [
    "stagnant economy", "Stephen King", "Buenos Aires", "ceasefire", "John Smith", "Osaka",
    "parliament", "the minister said", "Maria Garcia", "Lisbon", "winter wheat", "Toronto",
    "press release", "Hans Müller", "oil prices", "Nairobi",
]


def mentions(n: int, seed: int = 6) -> list[str]:
    import namenorm

    rnd = random.Random(seed)
    names = sorted({name.text for e in namenorm.default_gazetteer() for name in e.names})
    out = []
    for _ in range(n):
        kind = rnd.random()
        if kind < 0.15:
            out.append(rnd.choice(MISSES))
            continue
        name = rnd.choice(names)
        if kind < 0.55:
            out.append(name)
        elif kind < 0.7:
            out.append(name.lower())
        elif len(name) > 4:
            i = rnd.randrange(1, len(name) - 1)
            out.append(name[:i] + name[i + 1 :] if kind < 0.85 else name[:i] + name[i] + name[i:])
        else:
            out.append(name)
    return out


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (pool workers, the CLI)."""
    import resource

    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def timed(label: str, n: int, fn) -> tuple[str, float, float, float, object]:
    """(label, wall seconds, CPU seconds, load average at the start, result) of ``fn()``."""
    load = os.getloadavg()[0]
    t, c = time.perf_counter(), _cpu()
    result = fn()
    seconds, cpu = time.perf_counter() - t, _cpu() - c
    print(f"  {label}: {seconds:.1f} s ({n / seconds:,.0f}/s), CPU {cpu:.1f} s, load {load:.1f}",
          file=sys.stderr)
    return label, seconds, cpu, load, result


def run_spark(queries: list[str], workers: int, tmp: Path) -> tuple[float, float, list]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    path = tmp / "mentions.parquet"
    pq.write_table(pa.table({"row": list(range(len(queries))), "mention": queries}), path)
    t = time.perf_counter()
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(f"local[{workers}]")
        .appName("namenorm-scale-out")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - t
    from namenorm.spark import resolve_column

    t = time.perf_counter()
    df = spark.read.parquet(str(path)).repartition(4 * workers)
    out = resolve_column(df, "mention").select("row", "namenorm.id")
    out.write.mode("overwrite").parquet(str(tmp / "out.parquet"))
    seconds = time.perf_counter() - t
    ids = pq.read_table(tmp / "out.parquet").sort_by("row").column("id").to_pylist()
    spark.stop()
    return startup, seconds, ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--no-cli", action="store_true")
    args = parser.parse_args()

    import namenorm

    resolver = namenorm.default_resolver()
    queries = mentions(args.n)
    n = len(queries)
    print(f"{n:,} mentions; {os.cpu_count()} cores; load average before: "
          f"{os.getloadavg()[0]:.2f}", file=sys.stderr)
    for q in queries[:20_000]:  # warm the small caches of normalization before any timing
        resolver.resolve(q)
    rows = []
    label, base, cpu, load, want = timed(
        "plain loop", n, lambda: [resolver.resolve(q) for q in queries]
    )
    want_ids = [m and m.id for m in want]
    import pickle

    t = time.perf_counter()
    pickle.loads(pickle.dumps(want, protocol=pickle.HIGHEST_PROTOCOL))
    per = (time.perf_counter() - t) / n
    print(f"  pickle round trip of the answers (what workers send back): {per * 1e6:.1f} µs "
          f"per mention, against {base / n * 1e6:.0f} µs of wall time per lookup", file=sys.stderr)
    del want
    rows.append((label, base, cpu, load))
    for w in (1, args.workers):
        label, seconds, cpu, load, got = timed(
            f"resolve_many(workers={w})", n, lambda w=w: resolver.resolve_many(queries, workers=w)
        )
        assert [m and m.id for m in got] == want_ids, "workers changed an answer"
        del got
        rows.append((label, seconds, cpu, load))
    with tempfile.TemporaryDirectory(prefix="namenorm-bench-") as tmpdir:
        tmp = Path(tmpdir)
        if not args.no_spark:
            load = os.getloadavg()[0]
            startup, seconds, ids = run_spark(queries, args.workers, tmp)
            print(f"  spark local[{args.workers}]: start {startup:.1f} s, run {seconds:.1f} s",
                  file=sys.stderr)
            assert ids == want_ids, "Spark changed an answer"
            rows.append((f"Spark local[{args.workers}] resolve_column (read, resolve, write "
                         f"parquet; start-up {startup:.0f} s not counted)", seconds, None, load))
        if not args.no_cli:
            src = tmp / "mentions.csv"
            with open(src, "w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f, lineterminator="\n")
                writer.writerow(["row", "mention"])
                writer.writerows(enumerate(queries))
            out = tmp / "out.csv"
            cmd = [sys.executable, "-m", "namenorm", "lookup", "--input", str(src), "--column",
                   "mention", "--output", str(out), "--quiet", "--workers", str(args.workers)]
            label, seconds, cpu, load, _ = timed(
                f"CLI lookup --input CSV --workers {args.workers}", n,
                lambda: subprocess.run(cmd, check=True),
            )
            with open(out, encoding="utf-8", newline="") as f:
                got_ids = [r[2] or None for r in list(csv.reader(f))[1:]]
            assert got_ids == want_ids, "the CLI changed an answer"
            rows.append((label + " (whole process)", seconds, cpu, load))
    print(f"| {n:,} mentions | wall s | mentions/s | vs. plain loop | CPU s | load at start |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, seconds, cpu, load in rows:
        cpu_text = "n/a" if cpu is None else f"{cpu:.1f}"
        print(f"| {label} | {seconds:.1f} | {n / seconds:,.0f} | {base / seconds:.2f}x "
              f"| {cpu_text} | {load:.1f} |")


if __name__ == "__main__":
    main()
