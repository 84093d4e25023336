"""Multilingual depth: inflected and other-script forms, ordinary words, mojibake.

    python benchmarks/multilingual.py                # prints a Markdown report
    python benchmarks/multilingual.py --top 3000     # ordinary words per language (wordfreq)

1. The golden set ``tests/data/multilingual.tsv``: accuracy of ``namenorm.resolve`` per language
   and per kind of ending or script variation, and the rate at which the ordinary words listed
   there are resolved (they must not be).
2. Ordinary words at scale, where the ``bench`` extra (wordfreq) is installed: the ``--top`` most
   frequent words of Russian, Ukrainian, Turkish, Polish, Czech, Slovak, Persian, Arabic, Greek
   and Hebrew (wordfreq has no Armenian, Georgian or Azerbaijani), capitalized as at the start of
   a sentence, resolved with the bundled resolver and with the inflection fallback switched off
   (``Config(inflected=0)``); the difference is what the suffix rules add, listed in full so
   that a reader can tell real names ("России") from false resolutions.
3. Mojibake: each golden query that resolves, misread (UTF-8 as Windows-1252 and as
   Windows-1251, KOI8-R as Windows-1251, where the query can be encoded), resolved again; and the
   share of gazetteer names whose misreading :func:`namenorm.text.mojibake.repair` undoes.
4. The time ``resolve()`` takes with the inflection fallback and without it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import namenorm
from namenorm import Config, Resolver
from namenorm.text.mojibake import MISREADINGS, misread, repair

GOLDEN = ROOT / "tests" / "data" / "multilingual.tsv"
WORDFREQ_LANGS = ("ru", "uk", "tr", "pl", "cs", "sk", "fa", "ar", "el", "he")


def _rows() -> list[list[str]]:
    return [
        line.split("\t")
        for line in GOLDEN.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _kind_group(kind: str) -> str:
    """The case or variation a golden kind names ("genitive-apostrophe" -> "genitive")."""
    head = kind.split("-")[0]
    if head in ("locative", "genitive", "dative", "instrumental", "ablative", "ergative",
                "accusative", "article", "possessive", "adjective"):
        return head
    return kind  # script variations keep their own name


def golden_report(resolver: Resolver) -> list[str]:
    by_lang: dict[str, Counter[str]] = defaultdict(Counter)
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    failures = []
    for row in _rows():
        query, expected, lang, kind = row[:4]
        m = resolver.resolve(query)
        got = m.id if m else ""
        if kind == "ordinary":
            by_lang[lang]["ordinary"] += 1
            by_lang[lang]["false"] += bool(got)
            if got:
                failures.append(f"{query} ({lang}, ordinary) -> {got}")
            continue
        ok = got == expected
        by_lang[lang]["n"] += 1
        by_lang[lang]["ok"] += ok
        group = "abbreviation" if kind == "abbreviation" else _kind_group(kind)
        by_kind[group]["n"] += 1
        by_kind[group]["ok"] += ok
        if not ok:
            failures.append(
                f"{query} ({lang}, {kind}) -> {got or 'no match'}, "
                f"expected {expected or 'no match'}"
            )
    out = ["### Golden set by language", "",
           "| language | forms | resolved correctly | ordinary words | wrongly resolved |",
           "| --- | ---: | ---: | ---: | ---: |"]
    tot = Counter()
    for lang in sorted(by_lang, key=lambda k: (-by_lang[k]["n"], k)):
        c = by_lang[lang]
        tot.update(c)
        acc = f"{c['ok']} ({c['ok'] / c['n']:.0%})" if c["n"] else "-"
        fr = f"{c['false']} ({c['false'] / c['ordinary']:.0%})" if c["ordinary"] else "-"
        out.append(f"| {lang} | {c['n']} | {acc} | {c['ordinary'] or '-'} | {fr} |")
    out.append(
        f"| **all** | {tot['n']} | {tot['ok']} ({tot['ok'] / tot['n']:.1%}) | {tot['ordinary']} "
        f"| {tot['false']} ({tot['false'] / tot['ordinary']:.1%}) |"
    )
    out += ["", "### Golden set by kind of ending or script variation", "",
            "| kind | forms | resolved correctly |", "| --- | ---: | ---: |"]
    for kind in sorted(by_kind, key=lambda k: (-by_kind[k]["n"], k)):
        c = by_kind[kind]
        out.append(f"| {kind} | {c['n']} | {c['ok']} ({c['ok'] / c['n']:.0%}) |")
    out += ["", "Failures (the known ones are `xfail` in the tests):", ""]
    out += [f"- {f}" for f in failures] or ["- none"]
    return out


def ordinary_report(resolver: Resolver, top: int) -> list[str]:
    try:
        import wordfreq
    except ImportError:
        return ["### Ordinary words at scale", "",
                "Skipped: `pip install -e \".[bench]\"` (wordfreq) to run it."]
    plain = Resolver(config=Config(inflected=0.0))
    out = ["### Ordinary words at scale (wordfreq, capitalized)", "",
           (f"The {top} most frequent words of each language with at least four letters, "
            "capitalized; resolved by the bundled resolver, and with inflection switched off."),
           "",
           "| language | words | resolved | without inflection | added by inflection |",
           "| --- | ---: | ---: | ---: | ---: |"]
    added_all: dict[str, list[str]] = {}
    for lang in WORDFREQ_LANGS:
        words = [w for w in wordfreq.top_n_list(lang, top * 2) if len(w) >= 4][:top]
        words = [w[:1].upper() + w[1:] for w in words]
        with_inf = {w: resolver.resolve(w) for w in words}
        without = {w: plain.resolve(w) for w in words}
        n_with = sum(m is not None for m in with_inf.values())
        n_without = sum(m is not None for m in without.values())
        added = [
            f"{w} -> {m.id} (-{m.ending})"
            for w, m in with_inf.items()
            if m is not None and m.ending is not None and without[w] is None
        ]
        added_all[lang] = added
        out.append(
            f"| {lang} | {len(words)} | {n_with} ({n_with / len(words):.1%}) | "
            f"{n_without} ({n_without / len(words):.1%}) | "
            f"{len(added)} ({len(added) / len(words):.1%}) |"
        )
    out += ["", "Words that only the suffix rules resolve:", ""]
    for lang, added in added_all.items():
        out.append(f"- {lang}: " + ("; ".join(added) if added else "none"))
    return out


def mojibake_report(resolver: Resolver) -> list[str]:
    pairs = (("utf-8", "cp1252"), ("utf-8", "cp1251"), ("koi8-r", "cp1251"))
    rows = [r for r in _rows() if r[1]]
    out = ["### Mojibake", "",
           ("| misreading | golden forms | resolved correctly, clean "
            "| resolved correctly, misread |"),
           "| --- | ---: | ---: | ---: |"]
    for true, wrong in pairs:
        n = clean_ok = broken_ok = 0
        for row in rows:
            query, expected = row[0], row[1]
            try:
                broken = misread(query, true, wrong)
            except UnicodeEncodeError:
                continue
            if broken == query:
                continue
            n += 1
            m = resolver.resolve(query)
            clean_ok += bool(m and m.id == expected)
            m = resolver.resolve(broken)
            broken_ok += bool(m and m.id == expected)
        out.append(f"| {true} read as {wrong} | {n} | {clean_ok} | {broken_ok} |")
    names = sorted({n.text for e in resolver.gazetteer.entities for n in e.names})
    untouched = sum(repair(x) == x for x in names)
    out += ["", f"Gazetteer names left unchanged by repair: {untouched} of {len(names)}.", "",
            "| misreading | names it changes | repaired to the original |", "| --- | ---: | ---: |"]
    for true, wrong in MISREADINGS:
        n = ok = 0
        for x in names:
            try:
                broken = misread(x, true, wrong)
            except UnicodeEncodeError:
                continue
            if broken == x:
                continue
            n += 1
            ok += repair(broken) == x
        out.append(f"| {true} read as {wrong} | {n} | {ok} ({ok / n:.1%}) |")
    return out


def latency_report(resolver: Resolver) -> list[str]:
    """Time per resolve() with the inflection fallback and without it, side by side (the
    fastest of seven interleaved runs)."""
    # No answer cache: every run must do the work.
    resolver = Resolver(config=Config(cache_size=0))
    off = Resolver(config=Config(inflected=0.0, cache_size=0))
    english = [
        line.split("\t")[0]
        for line in (ROOT / "tests" / "data" / "golden.tsv").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    sets = {"golden.tsv (English, corrupted)": english,
            "multilingual.tsv": [r[0] for r in _rows()]}
    out = ["### Cost of the inflection fallback", "",
           "| queries | n | resolve() with it | without it (`Config(inflected=0)`) |",
           "| --- | ---: | ---: | ---: |"]
    for name, queries in sets.items():
        runs: dict[int, list[float]] = {0: [], 1: []}
        for res in (resolver, off):
            for q in queries:  # warm the caches
                res.resolve(q)
        for _ in range(7):  # interleaved, the fastest run of each: the machine is shared
            for k, res in enumerate((resolver, off)):
                t = time.perf_counter()
                for q in queries:
                    res.resolve(q)
                runs[k].append((time.perf_counter() - t) / len(queries) * 1e6)
        with_it, without = min(runs[0]), min(runs[1])
        out.append(f"| {name} | {len(queries)} | {with_it:.0f} µs | {without:.0f} µs |")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=2000, help="ordinary words per language")
    args = parser.parse_args(argv)
    resolver = namenorm.default_resolver()
    lines = [*golden_report(resolver), "", *ordinary_report(resolver, args.top), "",
             *mojibake_report(resolver), "", *latency_report(resolver)]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
