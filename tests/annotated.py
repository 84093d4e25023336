"""Reading the annotated test documents (``tests/data/docs``) and the seeds' gold mentions."""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).parent / "data"
DOCS = DATA / "docs"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

_MARK = re.compile(r"\[\[(.+?)\|([a-z0-9-]+)(?:\|(demonym))?\]\]", re.S)

Gold = tuple[int, int, str, str, str]  # start, end, text, id, kind


def parse(marked: str) -> tuple[str, list[Gold]]:
    """The plain text of a marked document and its gold mentions, with offsets into it."""
    out: list[str] = []
    gold: list[Gold] = []
    pos = last = 0
    for m in _MARK.finditer(marked):
        out.append(marked[last : m.start()])
        pos += m.start() - last
        text = m.group(1)
        gold.append((pos, pos + len(text), text, m.group(2), m.group(3) or "name"))
        out.append(text)
        pos += len(text)
        last = m.end()
    out.append(marked[last:])
    return "".join(out), gold


def documents() -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold) of every annotated document."""
    docs = []
    for path in sorted(DOCS.glob("*.txt")):
        text, gold = parse(path.read_text(encoding="utf-8"))
        docs.append((path.stem, text, gold))
    return docs


def seed_documents() -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold) of the seed texts, when ``../shared/seeds`` is present."""
    gold: dict[str, list[Gold]] = {}
    for line in (DATA / "seeds_gold.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        prefix, start, end, text, eid, kind = line.split("\t")
        gold.setdefault(prefix, []).append((int(start), int(end), text, eid, kind))
    docs = []
    for prefix, mentions in sorted(gold.items()):
        paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
        if paths:
            with open(paths[0], encoding="utf-8", newline="") as f:
                docs.append((paths[0].name, f.read(), mentions))
    return docs
