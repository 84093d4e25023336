"""The annotate dev set (issue 15): namenorm.annotate beside an exact-match baseline.

    python -m benchmarks.annotate_dev                  # Markdown tables: overall, per language, per kind
    python -m benchmarks.annotate_dev --errors         # and every false positive and miss
    python -m benchmarks.annotate_dev --json out.json  # the figures as JSON

The documents are ``benchmarks/data/docs/<lang>-<nn>-<kind>.txt``, each written after a real page
of its kind (recorded on its first line, ``# after: <URL> (<kind>, <lang>)``, which is stripped
here), with every mention of a gazetteer entity marked ``[[surface|id]]`` or
``[[surface|id|demonym]]`` as in ``tests/data/docs`` (see ``benchmarks/data/docs/README.md``).

Strict: a found mention is right when its start, end and id are those of a gold mention (the kind
is not compared, so the baseline, which has no kinds, is scored the same way). Lenient: a found
mention is right when it overlaps a gold mention with the same id, and a gold mention is found
when some found mention with its id overlaps it.

Exact-match baseline, scored in the same run on the same text: every alias text of the default
gazetteer (each entity's name and all its names) found verbatim, case-sensitive, on word
boundaries (the characters either side are not letters, digits or combining marks), longest match
first, no overlaps; an alias shared by several entities gives the first entity in gazetteer order.
pyahocorasick finds the candidates when installed, else one regular expression of all aliases.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.annotated import parse

DOCS = Path(__file__).resolve().parent / "data" / "docs"
KINDS = ("news", "encyclopedia", "machine-translated", "spun", "scraped")
_NAME = re.compile(r"^(?P<lang>[a-z]{2,3})-(?P<nn>\d{2})-(?P<kind>[a-z-]+)$")
_AFTER = re.compile(r"^# after: (?P<url>\S+) \((?P<kind>[a-z-]+), (?P<lang>[a-z]{2,3})\)\n")

Span = tuple[int, int, str]  # start, end, id


@dataclass
class Document:
    name: str
    lang: str
    kind: str
    url: str
    text: str
    gold: list[tuple[int, int, str, str, str]]  # start, end, text, id, kind


def read(path: Path) -> Document:
    """A dev document: its ``# after:`` line checked and stripped, its marks parsed."""
    m = _NAME.match(path.stem)
    if not m:
        raise ValueError(f"{path.name}: not <lang>-<nn>-<kind>.txt")
    if m["kind"] not in KINDS:
        raise ValueError(f"{path.name}: kind {m['kind']!r} is not one of {', '.join(KINDS)}")
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    first = _AFTER.match(raw)
    if not first:
        raise ValueError(f"{path.name}: the first line must be '# after: <URL> (<kind>, <lang>)'")
    if (first["kind"], first["lang"]) != (m["kind"], m["lang"]):
        raise ValueError(f"{path.name}: the '# after:' line says ({first['kind']}, {first['lang']})")
    text, gold = parse(raw[first.end():])
    return Document(path.stem, m["lang"], m["kind"], first["url"], text, gold)


def documents(folder: Path = DOCS) -> list[Document]:
    return [read(p) for p in sorted(folder.glob("*.txt"))]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


class ExactBaseline:
    """Verbatim, case-sensitive alias matching on word boundaries, longest match first."""

    def __init__(self, gazetteer=None) -> None:
        import namenorm

        gazetteer = gazetteer if gazetteer is not None else namenorm.default_gazetteer()
        self.ids: dict[str, str] = {}
        for e in gazetteer:
            for alias in [e.name, *(n.text for n in e.names)]:
                if alias and alias.strip():
                    self.ids.setdefault(alias, e.id)
        try:
            import ahocorasick
        except ImportError:
            self.automaton = None
            alternatives = sorted(self.ids, key=len, reverse=True)
            self.regex = re.compile("(?=(" + "|".join(map(re.escape, alternatives)) + "))")
        else:
            self.automaton = ahocorasick.Automaton()
            for alias in self.ids:
                self.automaton.add_word(alias, alias)
            self.automaton.make_automaton()

    def _candidates(self, text: str):
        if self.automaton is not None:
            for end, alias in self.automaton.iter(text):
                yield end + 1 - len(alias), end + 1, alias
        else:  # every alias at every position: the lookahead gives the longest, so try each
            for m in self.regex.finditer(text):
                start = m.start()
                for alias in self.ids:
                    if text.startswith(alias, start):
                        yield start, start + len(alias), alias

    def annotate(self, text: str) -> list[Span]:
        found = {
            (s, e, alias) for s, e, alias in self._candidates(text)
            if (s == 0 or not _is_word(text[s - 1])) and (e == len(text) or not _is_word(text[e]))
        }
        taken = [False] * len(text)
        out = []
        for s, e, alias in sorted(found, key=lambda t: (-(t[1] - t[0]), t[0])):
            if not any(taken[s:e]):
                out.append((s, e, self.ids[alias]))
                for i in range(s, e):
                    taken[i] = True
        return sorted(out)


def namenorm_spans(text: str) -> list[Span]:
    import namenorm

    return [(m.start, m.end, m.id) for m in namenorm.annotate(text)]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    lenient_found_right: int = 0  # found mentions overlapping a gold mention with their id
    lenient_gold_found: int = 0  # gold mentions overlapped by a found mention with their id
    found: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def figures(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        p, r = ratio(self.tp, self.tp + self.fp), ratio(self.tp, self.tp + self.fn)
        lp, lr = ratio(self.lenient_found_right, self.found), ratio(self.lenient_gold_found, self.gold)
        return {
            "precision": p, "recall": r, "f1": ratio(2 * p * r, p + r),
            "lenient_precision": lp, "lenient_recall": lr, "lenient_f1": ratio(2 * lp * lr, lp + lr),
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "found": self.found, "gold": self.gold,
        }


def score(found: list[Span], gold: list[Span]) -> tuple[Counts, list[Span], list[Span]]:
    """Counts, false positives and misses of one document."""
    f, g = set(found), set(gold)
    c = Counts(tp=len(f & g), fp=len(f - g), fn=len(g - f), found=len(f), gold=len(g))

    def overlaps(a: Span, b: Span) -> bool:
        return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]

    c.lenient_found_right = sum(any(overlaps(x, y) for y in g) for x in f)
    c.lenient_gold_found = sum(any(overlaps(y, x) for x in f) for y in g)
    return c, sorted(f - g), sorted(g - f)


@dataclass
class Result:
    overall: Counts = field(default_factory=Counts)
    by_lang: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_kind: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[dict] = field(default_factory=list)


def evaluate(docs: list[Document], tools: dict) -> dict[str, Result]:
    results = {label: Result() for label in tools}
    for doc in docs:
        gold = [(s, e, i) for s, e, _t, i, _k in doc.gold]
        for label, annotate in tools.items():
            counts, fps, misses = score(annotate(doc.text), gold)
            res = results[label]
            res.overall.add(counts)
            res.by_lang[doc.lang].add(counts)
            res.by_kind[doc.kind].add(counts)
            for kind, spans in (("false positive", fps), ("missed", misses)):
                for s, e, i in spans:
                    res.errors.append({"doc": doc.name, "error": kind, "start": s, "end": e,
                                       "text": doc.text[s:e], "id": i})
    return results


def _row(label: str, docs: int, gold: int, a: dict, b: dict) -> str:
    return (f"| {label} | {docs} | {gold} | {a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f}"
            f" | {a['lenient_precision']:.3f} | {a['lenient_recall']:.3f}"
            f" | {b['precision']:.3f} | {b['recall']:.3f} | {b['f1']:.3f}"
            f" | {b['lenient_precision']:.3f} | {b['lenient_recall']:.3f} |")


_HEAD = ("| {} | docs | gold | namenorm P | R | F1 | lenient P | lenient R"
         " | exact P | R | F1 | lenient P | lenient R |\n"
         "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")


def report(docs: list[Document], results: dict[str, Result], ours: str, base: str) -> str:
    n_docs = {"lang": defaultdict(int), "kind": defaultdict(int)}
    for d in docs:
        n_docs["lang"][d.lang] += 1
        n_docs["kind"][d.kind] += 1
    a, b = results[ours], results[base]
    title = (f"### annotate dev set: {len(docs)} documents, {len(n_docs['lang'])} languages, "
             f"{a.overall.gold} gold mentions\n")
    note = ("Strict: start, end and id agree; lenient: overlap with the same id. "
            "namenorm is `namenorm.annotate`; exact is the verbatim alias baseline.\n")
    lines = [title, note,
             _HEAD.format("set"),
             _row("all", len(docs), a.overall.gold, a.overall.figures(), b.overall.figures()),
             "", _HEAD.format("language")]
    for lang in sorted(a.by_lang):
        lines.append(_row(lang, n_docs["lang"][lang], a.by_lang[lang].gold,
                          a.by_lang[lang].figures(), b.by_lang[lang].figures()))
    lines += ["", _HEAD.format("kind")]
    for kind in sorted(a.by_kind):
        lines.append(_row(kind, n_docs["kind"][kind], a.by_kind[kind].gold,
                          a.by_kind[kind].figures(), b.by_kind[kind].figures()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DOCS, help="folder of dev documents")
    parser.add_argument("--json", type=Path, help="write the figures (and errors) as JSON here")
    parser.add_argument("--errors", action="store_true", help="list false positives and misses")
    args = parser.parse_args(argv)

    docs = documents(args.docs)
    baseline = ExactBaseline()
    ours, base = "namenorm", "exact"
    results = evaluate(docs, {ours: namenorm_spans, base: baseline.annotate})
    print(report(docs, results, ours, base))
    if args.errors:
        for label in (ours, base):
            print(f"\n### Errors of {label}\n")
            for err in results[label].errors:
                print(f"- {err['doc']} {err['error']}: {err['text']!r} "
                      f"[{err['start']}:{err['end']}] {err['id']}")
    if args.json:
        out = {
            "documents": len(docs),
            "languages": sorted({d.lang for d in docs}),
            "tools": {
                label: {
                    "overall": r.overall.figures(),
                    "by_language": {k: v.figures() for k, v in sorted(r.by_lang.items())},
                    "by_kind": {k: v.figures() for k, v in sorted(r.by_kind.items())},
                    "errors": r.errors,
                }
                for label, r in results.items()
            },
        }
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
