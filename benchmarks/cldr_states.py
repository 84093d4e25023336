"""How many CLDR names of the gazetteer's states resolve to their state (issue 16).

    python -m benchmarks.cldr_states [--locales base|all] [--systems namenorm,exact,rf-ratio]
                                     [--json PATH] [--failures N]

The rows: for every CLDR locale that ``babel`` ships (``base``: the 331 locales without a
territory or script, as issue 16 measured; ``all``: every locale identifier, regional and script
variants included) and every state of the gazetteer (an entity with ``xrefs.iso3166``), the
locale's name of that territory, expected to resolve to that state. A name given by several
locales is one row per locale, as a reader of each locale would type it.

Figures per system: right (the state), wrong (another entity) and none (no answer), as shares of
the rows. The baselines are those of :mod:`benchmarks.realnames`, over the same gazetteer names
in the same run: ``exact`` (lower-cased equality) and ``rf-ratio`` / ``rf-WRatio``
(rapidfuzz over unidecoded names, cutoff 80; ``rf-WRatio`` is slow and off by default).

The gazetteer holds these names once ``scripts/import_cldr.py`` has run: the figures measure the
import as much as the resolver, and the ``exact`` baseline shows how many are in it verbatim.
Source data: CLDR via babel, Unicode License v3 (Unicode-3.0).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import namenorm
from benchmarks.realnames import make_systems, pick_failures


def rows(which: str) -> list[tuple[str, str, str]]:
    """(locale, name, expected id) for every locale and every state of the gazetteer."""
    from babel import Locale, localedata

    states = {
        e.xrefs["iso3166"]: e.id
        for e in namenorm.default_gazetteer().entities
        if "iso3166" in e.xrefs
    }
    out = []
    for ident in localedata.locale_identifiers():
        if ident == "root" or (which == "base" and "_" in ident):
            continue
        territories = Locale.parse(ident).territories
        for code, eid in sorted(states.items()):
            text = territories.get(code)
            if isinstance(text, str) and text and text != code:
                out.append((ident, text, eid))
    return out


def figures(data: list[tuple[str, str, str]], answers: list[str | None]) -> dict[str, object]:
    n = len(data)
    right = sum(a == e for (_, _, e), a in zip(data, answers))
    none = sum(a is None for a in answers)
    return {
        "rows": n,
        "right": round(right / n, 4) if n else None,
        "wrong": round((n - right - none) / n, 4) if n else None,
        "none": round(none / n, 4) if n else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--locales", choices=("base", "all"), default="base")
    ap.add_argument("--systems", default="namenorm,exact,rf-ratio")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--failures", type=int, default=20)
    args = ap.parse_args(argv)

    data = rows(args.locales)
    systems = make_systems()
    wanted = args.systems.split(",")
    results: dict[str, object] = {}
    failures: list[tuple[str, str, str, str | None]] = []
    seconds = {}
    for name in wanted:
        answer = systems[name]
        cache: dict[str, str | None] = {}
        start = time.process_time()
        answers = [cache[t] if t in cache else cache.setdefault(t, answer(t)) for _, t, _ in data]
        seconds[name] = round(time.process_time() - start, 2)
        results[name] = figures(data, answers)
        if name == "namenorm":
            failures = [(loc, t, e, a) for (loc, t, e), a in zip(data, answers) if a != e]
    locales = len({loc for loc, _, _ in data})
    print(f"## CLDR state names ({args.locales} locales: {locales}; rows: {len(data)})\n")
    print("| system | right % | wrong % | none % |\n| --- | ---: | ---: | ---: |")
    for name, fig in results.items():
        assert isinstance(fig, dict)
        print(f"| {name} | {100 * fig['right']:.1f} | {100 * fig['wrong']:.2f} | "
              f"{100 * fig['none']:.1f} |")  # fmt: skip
    wrong_ids = Counter((e, a) for _, _, e, a in failures if a is not None)
    print(f"\nnamenorm wrong answers (expected -> got): {dict(wrong_ids.most_common(10))}")
    shown = pick_failures(failures, lambda f: f[3] is not None, args.failures)
    for loc, text, expected, got in shown:
        print(f"  {loc}\t{text}\t{expected}\t{got}")
    print(f"\nSeconds per system: {seconds}")
    if args.json:
        args.json.write_text(
            json.dumps({"locales": locales, "results": results, "seconds": seconds,
                        "failures": [list(f) for f in failures]}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
