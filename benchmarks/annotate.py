"""Mentions in running text: accuracy on the annotated documents and throughput on a corpus.

    python benchmarks/annotate.py                 # prints a Markdown report
    python benchmarks/annotate.py --size-mb 2 --seed 1

Accuracy: precision and recall of ``namenorm.annotate`` on the annotated documents in
``tests/data/docs`` and, when ``../shared/seeds`` is present, the seed texts with their gold
mentions (``tests/data/seeds_gold.tsv``); a mention counts when its offsets, id and kind all
agree. The exact-match baselines are scored on the same gold.

Throughput: a seeded, news-like English corpus of ``--size-mb`` megabytes (UTF-8), made of
documents of 2-6 kB: sentences of common English words (Faker's en_US word list), with names of
the bundled gazetteer (a tenth of them with look-alike letters), names of people, cities and
companies that are *not* in it (Faker), and the annotated documents themselves. Each tool reads
the corpus document by document in one process; times are wall-clock, side by side in one run.

Peers (needs the ``bench`` extra: faker, pyahocorasick; spaCy from the ``spacy`` extra):

* Aho-Corasick: every alias of the gazetteer, lower-cased, in one pyahocorasick automaton;
  matches on word boundaries, longest first, no fuzziness, no context.
* spaCy ``EntityRuler`` on a blank English pipeline with the same aliases as phrase patterns
  matched on the ``LOWER`` attribute.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import namenorm  # noqa: E402
from namenorm import Annotator  # noqa: E402
from tests.annotated import documents, seed_documents  # noqa: E402

_LOOKALIKE = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "i": "і", "B": "В", "K": "К"}


def corpus(size_mb: float, seed: int) -> list[str]:
    """Seeded news-like documents, about ``size_mb`` MB in all (see the module docstring)."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    rnd = random.Random(seed)
    gazetteer = namenorm.default_gazetteer()
    names = [
        n.text for e in gazetteer for n in e.names
        if n.script == "Latn" and not n.needs_context and not n.exact_only
    ]
    annotated = [text for _name, text, _gold in documents() + seed_documents()]
    target = int(size_mb * 1_000_000)
    docs: list[str] = []
    total = 0

    def mention() -> str:
        name = rnd.choice(names)
        if rnd.random() < 0.1:
            name = "".join(_LOOKALIKE.get(ch, ch) if rnd.random() < 0.3 else ch for ch in name)
        return name

    def stranger() -> str:
        return rnd.choice([fake.name, fake.city, fake.company, fake.last_name])()

    while total < target:
        if rnd.random() < 0.15:
            doc = rnd.choice(annotated)
        else:
            paragraphs = []
            for _ in range(rnd.randint(3, 8)):
                sentences = []
                for _ in range(rnd.randint(2, 6)):
                    words = fake.sentence(nb_words=rnd.randint(8, 22)).rstrip(".").split()
                    for maker, p in ((mention, 0.5), (stranger, 0.5)):
                        if rnd.random() < p:
                            words.insert(rnd.randint(1, len(words)), maker())
                    sentences.append(" ".join(words) + ".")
                paragraphs.append(" ".join(sentences))
            doc = "\n\n".join(paragraphs)
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return docs


def aliases() -> list[str]:
    return sorted({a.text for a in namenorm.default_resolver().index.aliases})


class AhoCorasick:
    """Exact, case-insensitive alias matching on word boundaries (longest match first)."""

    def __init__(self) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        ids = {}
        for a in namenorm.default_resolver().index.aliases:
            entity = namenorm.default_resolver().index.entities[a.entity]
            ids.setdefault(a.text.lower(), entity.id)
        for key, eid in ids.items():
            self.automaton.add_word(key, (len(key), eid))
        self.automaton.make_automaton()

    def annotate(self, text: str) -> list[tuple[int, int, str]]:
        low = text.lower()
        if len(low) != len(text):  # lower() changed the length (rare letters): keep offsets
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        found = []
        for end, (length, eid) in self.automaton.iter(low):
            start = end - length + 1
            if (start == 0 or not low[start - 1].isalnum()) and (
                end + 1 == len(low) or not low[end + 1].isalnum()
            ):
                found.append((start, end + 1, eid))
        found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        out, last = [], -1
        for start, end, eid in found:
            if start >= last:
                out.append((start, end, eid))
                last = end
        return out


class EntityRulerBaseline:
    """spaCy's EntityRuler with the aliases as LOWER phrase patterns, on a blank pipeline."""

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.blank("en")
        ruler = self.nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        index = namenorm.default_resolver().index
        ruler.add_patterns(
            [{"label": "NN", "pattern": a.text, "id": index.entities[a.entity].id}
             for a in index.aliases]
        )

    def annotate(self, text: str) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.ent_id_) for e in self.nlp(text).ents]


PEERS = (("Aho-Corasick, exact", AhoCorasick), ("spaCy EntityRuler", EntityRulerBaseline))


def accuracy() -> list[tuple[str, int, int, int]]:
    """(tool, true positives, false positives, false negatives) on the gold documents;
    baselines are scored on offsets and id (they have no demonym kind)."""
    gold_docs = documents() + seed_documents()
    rows = []
    ours = [0, 0, 0]
    for _name, text, gold in gold_docs:
        got = {(m.start, m.end, m.text, m.id, m.kind) for m in namenorm.annotate(text)}
        want = set(gold)
        ours[0] += len(got & want)
        ours[1] += len(got - want)
        ours[2] += len(want - got)
    rows.append(("namenorm annotate", *ours))
    for label, tool in PEERS:
        try:
            peer = tool()
        except ImportError as exc:
            print(f"skipping {label}: {exc}", file=sys.stderr)
            continue
        counts = [0, 0, 0]
        for _name, text, gold in gold_docs:
            got = set(peer.annotate(text))
            want = {(s, e, i) for s, e, _t, i, _k in gold}
            counts[0] += len(got & want)
            counts[1] += len(got - want)
            counts[2] += len(want - got)
        rows.append((label, *counts))
    return rows


def throughput(docs: list[str]) -> list[tuple[str, float, float, int]]:
    """(tool, seconds, MB/s, mentions) over the corpus, each tool built before timing."""
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    rows = []
    annotator = Annotator()
    annotator.annotate("Warm up in Baku.")  # builds the alias keys: not part of the timing
    t0 = time.perf_counter()
    n = sum(len(annotator.annotate(d)) for d in docs)
    dt = time.perf_counter() - t0
    rows.append(("namenorm annotate", dt, size / dt, n))
    for label, tool in PEERS:
        try:
            peer = tool()
        except ImportError:
            continue
        t0 = time.perf_counter()
        n = sum(len(peer.annotate(d)) for d in docs)
        dt = time.perf_counter() - t0
        rows.append((label, dt, size / dt, n))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    print("### Accuracy on the annotated documents\n")
    print("| tool | precision | recall | F1 | true pos. | false pos. | missed |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, tp, fp, fn in accuracy():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {label} | {p:.3f} | {r:.3f} | {f1:.3f} | {tp} | {fp} | {fn} |")

    docs = corpus(args.size_mb, args.seed)
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"\n### Throughput on {size:.2f} MB of news-like text ({len(docs)} documents, "
          f"seed {args.seed})\n")
    print("| tool | seconds | MB/s | mentions found | namenorm time / tool time |")
    print("| --- | --- | --- | --- | --- |")
    rows = throughput(docs)
    ours = rows[0][1]
    for label, dt, mbs, n in rows:
        print(f"| {label} | {dt:.2f} | {mbs:.2f} | {n} | {ours / dt:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
