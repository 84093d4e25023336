"""Record what a user sees: ``lookup --json`` and ``annotate --json`` over the test data and seeds.

    python scripts/snapshot_outputs.py          # rewrite tests/data/snapshots/
    python scripts/snapshot_outputs.py --check  # exit 1 when an output differs

``tests/test_snapshots.py`` runs the same comparison. A change that means to alter what users see
regenerates these files in the same commit and says why in its message.

The queries are the first column of tests/data/golden.tsv and tests/data/multilingual.tsv and the
mention texts of tests/data/seeds_gold.tsv; the documents are tests/data/docs/*.txt (marks
removed) and, when ../shared/seeds/ is present, the seed texts (their outputs hold offsets and
mention strings only, never the seeds' sentences).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SNAPSHOTS = DATA / "snapshots"
SEEDS = ROOT.parent / "shared" / "seeds"


def queries() -> list[str]:
    """Every query of the golden, multilingual and seed-gold files, in file order, once each."""
    seen: dict[str, None] = {}
    for name, column in (("golden.tsv", 0), ("multilingual.tsv", 0), ("seeds_gold.tsv", 3)):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            cells = line.split("\t")
            if len(cells) > column and cells[column].strip():
                seen.setdefault(cells[column], None)
    return list(seen)


def documents() -> dict[str, str]:
    """Snapshot name -> document text: the test documents (marks removed) and the seeds."""
    sys.path.insert(0, str(ROOT))
    from tests.annotated import parse  # the marks format of tests/data/docs

    docs = {f"doc-{p.stem}": parse(p.read_text(encoding="utf-8"))[0]
            for p in sorted((DATA / "docs").glob("*.txt"))}
    if SEEDS.is_dir():
        for p in sorted(SEEDS.glob("*.txt")):
            docs[f"seed-{p.stem.split('_')[0]}"] = p.read_text(encoding="utf-8")
    return docs


def _cli(argv: list[str], stdin: str | None = None) -> str:
    from namenorm.cli import main

    out = io.StringIO()
    old_stdin = sys.stdin
    try:
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8",
                                         newline="")
        with contextlib.redirect_stdout(out):
            status = main(argv)
    finally:
        sys.stdin = old_stdin
    if status != 0:
        raise SystemExit(f"namenorm {' '.join(argv[:2])} exited {status}")
    return out.getvalue()


def outputs() -> dict[str, str]:
    """Snapshot file name -> the CLI output it must hold."""
    lines = "\n".join(queries()) + "\n"
    result = {
        "lookup.jsonl": _cli(["lookup", "--json", "--limit", "3", "-"], lines),
        "lookup-explain.txt": _cli(["lookup", "--explain", "-"], lines),
    }
    for name, text in documents().items():
        result[f"annotate-{name}.jsonl"] = _cli(["annotate", "--json", "-"], text)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    differ = []
    for name, text in outputs().items():
        path = SNAPSHOTS / name
        if args.check and name.startswith("annotate-seed-") and not SEEDS.is_dir():
            continue  # the seeds are not beside this checkout
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                differ.append(name)
        else:
            path.write_text(text, encoding="utf-8", newline="")
    for name in differ:
        print(f"differs: {name}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
