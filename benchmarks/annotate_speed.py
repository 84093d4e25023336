"""annotate against a pyahocorasick scan of the same alias texts, in CPU time, one run.

    python -m benchmarks.annotate_speed [--size-mb 1.0] [--seed 0]

The corpus and the automaton are those of :mod:`benchmarks.annotate`; CPU time
(``time.process_time``) keeps the figure steady on a shared machine.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.annotate import AhoCorasick, corpus
from namenorm.mentions import Annotator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    docs = corpus(args.size_mb, args.seed)
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    annotator = Annotator()
    annotator.annotate("Warm up in Baku.")  # builds the alias keys: not part of the timing
    t0 = time.process_time()
    n = sum(len(annotator.annotate(d)) for d in docs)
    ours = time.process_time() - t0
    automaton = AhoCorasick()
    t0 = time.process_time()
    m = sum(len(automaton.annotate(d)) for d in docs)
    theirs = time.process_time() - t0
    print(f"{size:.2f} MB: namenorm {ours:.2f} s cpu ({size / ours:.3f} MB/s, {n} mentions); "
          f"Aho-Corasick {theirs:.3f} s cpu ({size / theirs:.2f} MB/s, {m}); "
          f"ratio {theirs / ours:.4f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
