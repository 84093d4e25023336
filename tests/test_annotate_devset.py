"""The annotate dev set (benchmarks/data/docs) is well formed; its accuracy is not asserted."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

import namenorm
from benchmarks.annotate_dev import DOCS, KINDS, ExactBaseline, documents, read, score

FILES = sorted(DOCS.glob("*.txt"))


@pytest.fixture(scope="module")
def docs():
    return documents()


def test_enough_documents_and_languages(docs):
    assert len(docs) >= 30
    assert len({d.lang for d in docs}) >= 10
    assert {d.kind for d in docs} == set(KINDS)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_file_parses_with_its_after_line(path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert re.match(r"^# after: https?://\S+ \([a-z-]+, [a-z]{2,3}\)$", first), first
    doc = read(path)
    assert "[[" not in doc.text and "]]" not in doc.text, "a mark did not parse"
    for start, end, text, _eid, kind in doc.gold:
        assert doc.text[start:end] == text
        assert kind in ("name", "demonym")
    words = len(doc.text.split())
    assert 150 <= words <= 400, words


def test_gold_ids_exist(docs):
    ids = {e.id for e in namenorm.default_gazetteer()}
    unknown = {(d.name, g[3]) for d in docs for g in d.gold if g[3] not in ids}
    assert not unknown


def test_gold_mentions_do_not_overlap(docs):
    for d in docs:
        spans = sorted((s, e) for s, e, *_ in d.gold)
        for (_s1, e1), (s2, _e2) in pairwise(spans):
            assert e1 <= s2, d.name


def test_scoring_and_baseline_run():
    counts, fps, misses = score([(0, 4, "baku"), (10, 12, "x")], [(0, 4, "baku"), (20, 25, "y")])
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)
    assert fps == [(10, 12, "x")] and misses == [(20, 25, "y")]
    base = ExactBaseline()
    text = "Talks in Baku and Bakuvian news on the Lachin corridor."
    found = base.annotate(text)
    assert (9, 13, "baku") in found
    assert any(text[s:e] == "Lachin corridor" for s, e, _ in found)
    assert not any(text[s:e] == "Lachin" for s, e, _ in found)
