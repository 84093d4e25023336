"""Score namenorm and three naive baselines on the measurement sets of issue 13.

    python -m benchmarks.realnames [--json PATH] [--failures N] [--sets real,common,pairs]

The sets (``benchmarks/data``), none of them generated from namenorm's own rules:

- ``real_spellings.tsv``: name strings as real web pages wrote them (with the page URL), by tier:
  base forms in Latin/Cyrillic/Armenian/Georgian/Greek, inflected forms, other scripts, hard
  (machine-translation garbling, truncation, typos), and namesakes (expected: no answer).
- ``common_names.tsv``: everyday given names, surnames and full names from faker's lists for
  many locales, none equal to a gazetteer name: every answer is a false positive.
- ``common_names_mimesis.tsv``: the same kind of set from mimesis' lists (49 locales). namenorm's
  rule data on everyday names comes from faker, so this set is the held-out one.
- ``name_pairs.tsv``: hand-written queries on name structure (titles, patronymics, initials,
  order, particles, feminine forms, legal forms, place generics and qualifiers, scripts).

Baselines, measured on the same rows in the same run, over every gazetteer name (each entity's
``name`` and all its ``names``):

- ``exact``: the query lower-cased equal to a name lower-cased.
- ``rf-ratio``: ``rapidfuzz.process.extractOne(unidecode(q).lower(), [unidecode(n).lower() ...],
  scorer=fuzz.ratio, score_cutoff=80)``.
- ``rf-WRatio``: the same with ``scorer=fuzz.WRatio``.

A name (after the baseline's own normalisation) that belongs to several entities gives no answer
when it is the one picked: a baseline is not charged for guessing between them.

Figures: for positives, recall (right id / positives), wrong (a wrong id / rows) and abstained
(no answer / rows); for namesakes, negatives and common names, the share that resolved to
anything; for pairs, precision (right / answered), recall (right / positives) and F1.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from unidecode import unidecode

import namenorm

DATA = Path(__file__).resolve().parent / "data"
TIERS = (
    "latin-cyrillic-armenian-georgian-greek",
    "inflected",
    "other-scripts",
    "hard",
    "namesake",
)
SYSTEMS = ("namenorm", "exact", "rf-ratio", "rf-WRatio")

Answer = Callable[[str], "str | None"]


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def gazetteer_names() -> list[tuple[str, str]]:
    pairs = []
    for entity in namenorm.default_gazetteer().entities:
        pairs.append((entity.name, entity.id))
        pairs.extend((name.text, entity.id) for name in entity.names)
    return pairs


def _owners(pairs: Iterable[tuple[str, str]], key: Callable[[str], str]) -> dict[str, str | None]:
    owners: dict[str, set[str]] = defaultdict(set)
    for text, eid in pairs:
        owners[key(text)].add(eid)
    return {k: (next(iter(v)) if len(v) == 1 else None) for k, v in owners.items()}


def make_systems() -> dict[str, Answer]:
    from rapidfuzz import fuzz, process

    pairs = gazetteer_names()
    exact = _owners(pairs, str.lower)
    folded = _owners(pairs, lambda t: unidecode(t).lower())
    choices = list(folded)
    choice_ids = [folded[c] for c in choices]
    resolver = namenorm.Resolver(namenorm.default_gazetteer())

    def nn(query: str) -> str | None:
        match = resolver.resolve(query)
        return match.id if match is not None else None

    def ex(query: str) -> str | None:
        return exact.get(query.lower())

    def rf(scorer: Callable[..., float]) -> Answer:
        def answer(query: str) -> str | None:
            hit = process.extractOne(
                unidecode(query).lower(), choices, scorer=scorer, processor=None, score_cutoff=80
            )
            return choice_ids[hit[2]] if hit is not None else None

        return answer

    return {"namenorm": nn, "exact": ex, "rf-ratio": rf(fuzz.ratio), "rf-WRatio": rf(fuzz.WRatio)}


def pick_failures(items: list, is_wrong: Callable[[object], bool], n: int) -> list:
    """Up to n failures: wrong answers first (up to half), then abstentions spread evenly."""
    wrong = [x for x in items if is_wrong(x)]
    rest = [x for x in items if not is_wrong(x)]
    chosen = wrong[: max(n // 2, n - len(rest))]
    room = n - len(chosen)
    if room > 0 and rest:
        step = max(1, len(rest) // room)
        chosen += rest[::step][:room]
    return chosen


def _share(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def positives_figures(rows: list[tuple[str, str]], answers: list[str | None]) -> dict:
    n = len(rows)
    right = sum(1 for (_, e), a in zip(rows, answers) if a == e)
    wrong = sum(1 for (_, e), a in zip(rows, answers) if a is not None and a != e)
    none = sum(1 for a in answers if a is None)
    return {
        "rows": n,
        "recall": _share(right, n),
        "wrong": _share(wrong, n),
        "abstained": _share(none, n),
    }


def negatives_figures(answers: list[str | None]) -> dict:
    return {
        "rows": len(answers),
        "resolved": _share(sum(a is not None for a in answers), len(answers)),
    }


def pairs_figures(rows: list[tuple[str, str]], answers: list[str | None]) -> dict:
    pos = [(e, a) for (_, e), a in zip(rows, answers) if e]
    neg = [a for (_, e), a in zip(rows, answers) if not e]
    right = sum(1 for e, a in pos if a == e)
    answered = sum(1 for a in answers if a is not None)
    p = right / answered if answered else None
    r = right / len(pos) if pos else None
    f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
    return {
        "rows": len(rows),
        "precision": None if p is None else round(p, 4),
        "recall": None if r is None else round(r, 4),
        "f1": None if f1 is None else round(f1, 4),
        "negatives_resolved": _share(sum(a is not None for a in neg), len(neg)),
    }


def run(sets: set[str], failures: int) -> dict:
    systems = make_systems()
    out: dict = {
        "systems": list(SYSTEMS),
        "gazetteer_names": len(gazetteer_names()),
        "sets": {},
        "failures": {},
        "seconds": {},
    }

    def answer_all(queries: list[str]) -> dict[str, list[str | None]]:
        result = {}
        for name in SYSTEMS:
            t0 = time.perf_counter()
            result[name] = [systems[name](q) for q in queries]
            out["seconds"][name] = round(
                out["seconds"].get(name, 0.0) + time.perf_counter() - t0, 2
            )
        return result

    if "real" in sets:
        rows = read_tsv(DATA / "real_spellings.tsv")
        answers = answer_all([r[0] for r in rows])
        table: dict = {}
        for tier in TIERS:
            idx = [i for i, r in enumerate(rows) if r[3] == tier]
            table[tier] = {}
            for name in SYSTEMS:
                a = [answers[name][i] for i in idx]
                if tier == "namesake":
                    table[tier][name] = negatives_figures(a)
                else:
                    table[tier][name] = positives_figures(
                        [(rows[i][0], rows[i][1]) for i in idx], a
                    )
            fails = [
                (rows[i][0], rows[i][1], answers["namenorm"][i], rows[i][2])
                for i in idx
                if answers["namenorm"][i] != rows[i][1]
                and not (tier == "namesake" and answers["namenorm"][i] is None)
            ]
            out["failures"][f"real/{tier}"] = [
                {"query": q, "expected": e or None, "got": g, "lang": lang}
                for q, e, g, lang in pick_failures(fails, lambda x: x[2] is not None, failures)
            ]
        pos_idx = [i for i, r in enumerate(rows) if r[3] != "namesake"]
        table["all positives"] = {
            name: positives_figures(
                [(rows[i][0], rows[i][1]) for i in pos_idx], [answers[name][i] for i in pos_idx]
            )
            for name in SYSTEMS
        }
        out["sets"]["real_spellings"] = table

    if "common" in sets:
        for key, file in COMMON_SETS:
            table, fails = common_figures(read_tsv(DATA / file), answer_all)
            out["sets"][key] = table
            out["failures"][key] = [
                {"query": q, "locale": loc, "got": g}
                for q, loc, g in pick_failures(fails, lambda x: True, failures)
            ]

    if "pairs" in sets:
        rows = read_tsv(DATA / "name_pairs.tsv")
        answers = answer_all([r[0] for r in rows])
        table = {
            "all": {
                name: pairs_figures([(r[0], r[1]) for r in rows], answers[name]) for name in SYSTEMS
            }
        }
        groups: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(rows):
            groups[r[2].removesuffix("-neg")].append(i)
        for group, idx in sorted(groups.items()):
            table[group] = {
                name: pairs_figures(
                    [(rows[i][0], rows[i][1]) for i in idx], [answers[name][i] for i in idx]
                )
                for name in SYSTEMS
            }
        out["sets"]["name_pairs"] = table
        for group, idx in sorted(groups.items()):
            fails = [
                (rows[i][0], rows[i][1], answers["namenorm"][i])
                for i in idx
                if answers["namenorm"][i] != (rows[i][1] or None)
            ]
            out["failures"][f"pairs/{group}"] = [
                {"query": q, "expected": e or None, "got": g}
                for q, e, g in pick_failures(fails, lambda x: x[2] is not None, failures)
            ]
    return out


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def markdown(result: dict) -> str:
    lines = [f"Gazetteer names searched by the baselines: {result['gazetteer_names']}", ""]
    sets = result["sets"]
    if "real_spellings" in sets:
        lines += [
            "### Real spellings (recall / wrong / abstained, % of rows; namesakes: % resolved)",
            "",
            "| tier | rows | " + " | ".join(SYSTEMS) + " |",
            "| --- | ---: | " + " | ".join("---" for _ in SYSTEMS) + " |",
        ]
        for tier, by in sets["real_spellings"].items():
            n = next(iter(by.values()))["rows"]
            if tier == "namesake":
                cells = [f"{_pct(by[s]['resolved'])} resolved" for s in SYSTEMS]
            else:
                cells = [
                    f"{_pct(by[s]['recall'])} / {_pct(by[s]['wrong'])} / {_pct(by[s]['abstained'])}"
                    for s in SYSTEMS
                ]
            lines.append(f"| {tier} | {n} | " + " | ".join(cells) + " |")
        lines.append("")
    for key, title in (
        ("common_names", "faker's lists, seen by the everyday-names rule"),
        ("common_names_heldout", "mimesis' lists, held out"),
    ):
        if key not in sets:
            continue
        lines += [
            f"### Common names, {title} (% that resolved to an entity: all false positives)",
            "",
            "| kind | rows | " + " | ".join(SYSTEMS) + " |",
            "| --- | ---: | " + " | ".join("---:" for _ in SYSTEMS) + " |",
        ]
        for kind, by in sets[key].items():
            n = next(iter(by.values()))["rows"]
            lines.append(
                f"| {kind} | {n} | " + " | ".join(_pct(by[s]["resolved"]) for s in SYSTEMS) + " |"
            )
        lines.append("")
    if "name_pairs" in sets:
        lines += [
            "### Name pairs (precision / recall / F1, %; negatives resolved, %)",
            "",
            "| category | rows | " + " | ".join(SYSTEMS) + " |",
            "| --- | ---: | " + " | ".join("---" for _ in SYSTEMS) + " |",
        ]
        for group, by in sets["name_pairs"].items():
            n = next(iter(by.values()))["rows"]
            cells = [
                f"{_pct(by[s]['precision'])} / {_pct(by[s]['recall'])} / {_pct(by[s]['f1'])}"
                + (
                    f" (neg {_pct(by[s]['negatives_resolved'])})"
                    if by[s]["negatives_resolved"] is not None
                    else ""
                )
                for s in SYSTEMS
            ]
            lines.append(f"| {group} | {n} | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append(
        "Seconds per system: " + ", ".join(f"{k} {v}" for k, v in result["seconds"].items())
    )
    return "\n".join(lines)


COMMON_SETS = (
    ("common_names", "common_names.tsv"),
    ("common_names_heldout", "common_names_mimesis.tsv"),
)


def common_figures(
    rows: list[list[str]], answer_all: Callable[[list[str]], dict[str, list[str | None]]]
) -> tuple[dict[str, dict[str, dict[str, float]]], list[tuple[str, str, str]]]:
    """Share resolved per kind (given, surname, full, all) and system, and namenorm's answers."""
    answers = answer_all([r[0] for r in rows])
    table = {}
    for kind in ("given", "surname", "full", "all"):
        idx = [i for i, r in enumerate(rows) if kind in ("all", r[2])]
        table[kind] = {name: negatives_figures([answers[name][i] for i in idx]) for name in SYSTEMS}
    fails = [(r[0], r[1], a) for r, a in zip(rows, answers["namenorm"]) if a is not None]
    return table, fails


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--json", type=Path, help="write the figures (and namenorm's failures) here"
    )
    parser.add_argument("--failures", type=int, default=20, help="failures kept per tier/category")
    parser.add_argument("--sets", default="real,common,pairs")
    parser.add_argument(
        "--show-failures", action="store_true", help="print namenorm's failures too"
    )
    args = parser.parse_args(argv)
    result = run(set(args.sets.split(",")), args.failures)
    print(markdown(result))
    if args.show_failures:
        for key, items in result["failures"].items():
            print(f"\n#### {key}")
            for item in items:
                print("- " + json.dumps(item, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
