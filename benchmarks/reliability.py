"""How far to trust a score: the share of right answers per score band (a reliability table).

    python -m benchmarks.reliability

Rows: ``benchmarks/data/real_spellings.tsv`` (names as real pages wrote them; namesakes
expect no answer) and ``benchmarks/data/name_pairs.tsv`` (name structure; rows with no id expect
no answer). For each row, three scored answers are put in the band of their score:

- ``resolve``: what :meth:`Resolver.resolve` answers (only scores at the threshold, 0.75 by
  default, and with the margin, appear);
- ``best candidate``: the top of :meth:`Resolver.candidates` whatever its score, i.e. what a
  lower threshold and no margin would answer;
- ``rf-ratio`` (baseline, same rows, same run): ``rapidfuzz.process.extractOne(unidecode(q)
  .lower(), gazetteer names likewise, scorer=fuzz.ratio, score_cutoff=50)``, its score / 100.

An answer is right when its id is the expected one; an answer to a row that expects none is
wrong. A score is calibrated when the share right in each band lies inside the band.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from pathlib import Path

from rapidfuzz import fuzz, process
from unidecode import unidecode

import namenorm

DATA = Path(__file__).resolve().parent / "data"
BANDS = [(lo / 10, (lo + 1) / 10) for lo in range(5, 10)]
Scored = Callable[[str], "tuple[str, float] | None"]


def rows() -> list[tuple[str, str | None]]:
    """(query, expected id or None) of both files."""
    out = []
    for name in ("real_spellings.tsv", "name_pairs.tsv"):
        with (DATA / name).open(encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                out.append((cols[0], cols[1] if len(cols) > 1 and cols[1] else None))
    return out


def systems() -> dict[str, Scored]:
    resolver = namenorm.default_resolver()

    def resolve(q: str) -> tuple[str, float] | None:
        m = resolver.resolve(q)
        return (m.id, m.score) if m else None

    def best(q: str) -> tuple[str, float] | None:
        top = resolver.candidates(q, limit=1)
        return (top[0].id, top[0].score) if top else None

    names, ids = [], []
    for entity in namenorm.default_gazetteer().entities:
        for text in [entity.name, *(n.text for n in entity.names)]:
            names.append(unidecode(text).lower())
            ids.append(entity.id)

    def rf_ratio(q: str) -> tuple[str, float] | None:
        hit = process.extractOne(unidecode(q).lower(), names, scorer=fuzz.ratio, score_cutoff=50)
        return (ids[hit[2]], hit[1] / 100) if hit else None

    return {"resolve": resolve, "best candidate": best, "rf-ratio": rf_ratio}


def table(data: Iterable[tuple[str, str | None]], answer: Scored) -> list[tuple[int, int]]:
    """(answers, right) per band of :data:`BANDS` (a score of 1.0 is in the last band)."""
    counts = [[0, 0] for _ in BANDS]
    for query, expected in data:
        got = answer(query)
        if got is None or got[1] < BANDS[0][0]:
            continue
        band = min(int(got[1] * 10) - 5, len(BANDS) - 1)
        counts[band][0] += 1
        counts[band][1] += got[0] == expected
    return [(n, right) for n, right in counts]


def render(results: dict[str, list[tuple[int, int]]], total: int) -> str:
    head = "| score band | " + " | ".join(f"{s}: answers | right" for s in results) + " |"
    lines = [f"{total:,} rows (real_spellings.tsv + name_pairs.tsv)", "", head,
             "|---" * (1 + 2 * len(results)) + "|"]
    for i, (lo, hi) in enumerate(BANDS):
        cells = []
        for counts in results.values():
            n, right = counts[i]
            cells += [str(n), f"{right / n:.0%}" if n else "-"]
        lines.append(f"| {lo:.1f}-{hi:.1f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args(argv)
    data = rows()
    results = {name: table(data, answer) for name, answer in systems().items()}
    print(render(results, len(data)))


if __name__ == "__main__":
    main()
