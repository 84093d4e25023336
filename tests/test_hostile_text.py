"""Any text: fuzzing of every public function, and the bounds on work per query.

What a hostile string may do is documented in docs/security.md: a non-str query or text raises
TypeError, an unknown type ValueError; any str at all (control characters, lone surrogates,
combining floods, bidi overrides, private-use and unassigned code points, megabytes without a
space) gives an answer or "no match" and nothing else. The work per query is bounded by
``MAX_INPUT_LENGTH`` (raw), ``MAX_QUERY_LENGTH`` (normalized) and ``Config.max_candidates``; the
tests below count work with hooks instead of timing it, so each fails if its bound is removed.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import namenorm
import namenorm.keys as keys_module
import namenorm.matching.candidates as candidates_module
import namenorm.matching.score as score_module
from namenorm import Config, Resolver
from namenorm.matching.resolver import MAX_INPUT_LENGTH, MAX_QUERY_LENGTH
from namenorm.text.normalize import GAP
from namenorm.cli import main

# Code points that break naive text code, beside whatever hypothesis draws on its own.
NASTY = [
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\t", "\r", "\n", "\u2028", "\u2029",  # controls
    "\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2069", "\u200e", "\u200f",  # bidi
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\ufe0f",  # invisible
    "\ud800", "\udbff", "\udc00", "\udfff", "\udcff",  # lone surrogates
    "\ue000", "\uf8ff", "\U000f0000", "\U0010fffd",  # private use
    "\u0378", "\U000e0080", "\U0010ffff", "\ufffe",  # unassigned, noncharacters
    "\u0301", "\u0489", "\u20dd", "\u0e49", "\u09cd",  # combining marks
    "\ufffd", "\ufdfa", "\ufb03", "\u3000", "\u00a0",  # the gap mark itself, expanding forms
    "а", "ƅ", "ℬ", "ｋ", "İ", "ı", "ß", "ﬀ", "Ꭺ", "ᛕ",  # look-alikes, case oddities
    "চ", "া", "ভ", "ও", "্", "ল", "Ա", "ж", "ქ", "中", "ﷺ",  # other scripts
]  # fmt: skip

_char = st.one_of(
    st.characters(codec=None),
    st.sampled_from(NASTY),
    st.integers(0, 0x10FFFF).map(chr),  # any code point, surrogates included
    st.sampled_from("Baku Stepanakert Aliyev '-."),
)
hostile = st.one_of(
    st.text(_char, max_size=40),
    # floods: one piece repeated, as pasted or injected text does
    st.builds(
        lambda piece, n: piece * n, st.text(_char, min_size=1, max_size=4), st.integers(1, 400)
    ),
    # a real name with hostile characters spliced in
    st.builds(
        lambda name, junk, at: name[:at] + junk + name[at:],
        st.sampled_from(["Stepanakert", "Nagorno-Karabakh", "Ilham Aliyev", "Ереван", "Xocalı"]),
        st.text(_char, max_size=8),
        st.integers(0, 12),
    ),
)

# The number of examples and the deadline come from the hypothesis profile (tests/conftest.py).
FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def _bad_category(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")


@FUZZ
@given(hostile)
def test_normalize_never_fails_and_gives_clean_text(text):
    out = namenorm.normalize(text)
    assert isinstance(out, str)
    out.encode("utf-8")  # no lone surrogate survives: the result can always be written out
    assert not any(_bad_category(ch) for ch in out), ascii(out)
    again, steps = namenorm.normalize_explained(text)
    assert again == out and all(isinstance(s, str) for s in steps)


@FUZZ
@given(hostile)
def test_resolve_and_candidates_never_fail(bundled, text):
    m = namenorm.resolve(text)
    assert m is None or (0.0 <= m.score <= 1.0 and m.id in bundled.gazetteer)
    cands = namenorm.candidates(text, limit=7)
    assert len(cands) <= 7
    assert all(0.0 <= c.score <= 1.0 for c in cands)
    assert [(-c.score, c.id) for c in cands] == sorted((-c.score, c.id) for c in cands)
    if m is not None:
        assert cands[0].id == m.id
        json.dumps(m.to_dict(), ensure_ascii=True)


@FUZZ
@given(st.lists(hostile, min_size=1, max_size=4).map(" ".join))
def test_annotate_and_rewrite_never_fail(text):
    for mention in namenorm.annotate(text):
        assert text[mention.start : mention.end] == mention.text
        assert 0.0 <= mention.score <= 1.0
    assert isinstance(namenorm.rewrite(text), str)


@FUZZ
@given(st.lists(st.one_of(hostile, st.none(), st.integers()), max_size=6))
def test_resolver_methods_answer_every_item(mini, items):
    answers = mini.resolve_many(items, errors="none")
    assert len(answers) == len(items)
    for item, answer in zip(items, answers):
        if not isinstance(item, str):
            assert answer is None
        elif answer is not None:
            assert answer.id in mini.gazetteer
    for text in (i for i in items if isinstance(i, str)):
        mini.candidates(text, limit=3, types=["place", "person"])
        mini.resolve(text, types="place")


@pytest.mark.parametrize("bad", [None, 42, b"Baku", ["Baku"]])
def test_non_text_raises_type_error(bad):
    for call in (namenorm.resolve, namenorm.candidates, namenorm.normalize, namenorm.annotate):
        with pytest.raises(TypeError):
            call(bad)
    with pytest.raises(TypeError):
        namenorm.default_resolver().resolve_many(["Baku", bad])


def test_unknown_type_raises_value_error():
    with pytest.raises(ValueError, match="unknown type"):
        namenorm.resolve("Baku", types="planet")


def _cli(*argv: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(list(argv))
    # JSON lines end at "\n" only (U+2028 or U+0085 inside a string stay as they are).
    return status, out.getvalue().split("\n")[:-1]


@given(st.lists(hostile.filter(lambda t: t != "-"), min_size=1, max_size=4))  # "-" is stdin
def test_cli_lookup_and_normalize_answer_every_argument(texts):
    status, lines = _cli("lookup", "--json", "--limit", "2", "--", *texts)
    assert len(lines) == len(texts)
    rows = [json.loads(line) for line in lines]
    for text, row in zip(texts, rows):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            assert row["query"] is None and "not valid UTF-8" in row["error"]
        else:
            assert row["query"] == text and "error" not in row
    assert status == (1 if any("error" in r for r in rows) else 0)
    status, lines = _cli("normalize", "--", *texts)
    assert status == (1 if any("error" in r for r in rows) else 0)
    assert len(lines) == len(texts)  # normalized text holds no line break of its own


# -- huge inputs -------------------------------------------------------------------------------

HUGE = {
    "1 MB without a space": "a" * 1_000_000,
    "10,000-token name": " ".join(["Stepanakert"] * 10_000),
    "combining flood": "Baku" + "\u0301" * 200_000,
    "bidi flood": "\u202e" * 200_000 + "Baku",
    "fragment flood": "Mevl চা t ভ avu ও o ্ল lu " * 10_000,
    "surrogate flood": "\ud800" * 200_000,
}


@pytest.mark.parametrize("text", HUGE.values(), ids=HUGE.keys())
def test_huge_inputs_are_answered(text):
    assert namenorm.resolve(text) is None
    assert namenorm.candidates(text) == []
    assert isinstance(namenorm.normalize(text), str)


@pytest.mark.parametrize("name", ["1 MB without a space", "bidi flood", "surrogate flood"])
def test_huge_texts_are_annotated(name):
    text = HUGE[name]
    assert all(text[m.start : m.end] == m.text for m in namenorm.annotate(text))


def test_raw_query_is_bounded_before_normalization(monkeypatch):
    seen: list[int] = []
    real = keys_module.normalize_explained

    def counting(text):
        seen.append(len(text))
        return real(text)

    monkeypatch.setattr(keys_module, "normalize_explained", counting)
    for text in HUGE.values():
        namenorm.resolve(text)
        namenorm.candidates(text)
    assert seen == [] or max(seen) <= MAX_INPUT_LENGTH
    # Within the bound, padding of invisible characters does not hide a name.
    padded = "\u200b".join("Stepanakert") + "\u200e" * (MAX_INPUT_LENGTH - 40)
    assert len(padded) <= MAX_INPUT_LENGTH
    assert namenorm.resolve(padded).id == "stepanakert"
    assert seen and max(seen) <= MAX_INPUT_LENGTH
    assert MAX_QUERY_LENGTH < MAX_INPUT_LENGTH


def _count_scored(monkeypatch) -> list[int]:
    calls = [0]
    real = candidates_module.score_alias

    def counting(q, alias, config):
        calls[0] += 1
        return real(q, alias, config)

    monkeypatch.setattr(candidates_module, "score_alias", counting)
    return calls


WIDE = ["Aliyev", "a", "an", "Azerbaijan", "Ar", "Baku Baku", "s" + GAP * 40, "k" + GAP + "r"]


def test_candidates_scored_per_query_are_bounded(monkeypatch):
    calls = _count_scored(monkeypatch)
    tight = Resolver(config=Config(max_candidates=5))
    hit_the_bound = False
    for query in WIDE + list(NASTY):
        calls[0] = 0
        tight.candidates(query)
        assert calls[0] <= 5, query
        hit_the_bound |= calls[0] == 5
    assert hit_the_bound  # the bound bites on these queries: without it, the test fails


def test_truncation_keeps_the_strongest_evidence():
    # Candidates are drawn exact text first, then fold, phonetic, skeleton keys, then fuzzy
    # neighbours by shared letter pairs: a bound of one still keeps an exact name.
    tight = Resolver(config=Config(max_candidates=1))
    exact = [("Baku", "baku"), ("Stepanakert", "stepanakert"), ("Ереван", "yerevan")]
    for query, expected in exact:
        assert tight.resolve(query).id == expected


@FUZZ
@given(hostile)
def test_scored_candidates_never_exceed_the_bound(bundled, text):
    with pytest.MonkeyPatch.context() as mp:  # undone after each example
        calls = _count_scored(mp)
        bundled.candidates(text)
    assert calls[0] <= bundled.config.max_candidates


def test_gap_distance_is_skipped_when_the_gaps_alone_are_over_budget(bundled, monkeypatch):
    config = bundled.config
    biggest_budget = max(edits for _, edits in config.edit_budget)
    calls: list[str] = []
    real = score_module.gap_distance

    def checking(query, target, gap_cost):
        calls.append(query)
        return real(query, target, gap_cost)

    monkeypatch.setattr(score_module, "gap_distance", checking)
    for query in ["s" + GAP * 299, "s" + "\ufffdа" * 100, "Mevl চা t ভ avu ও o ্ল lu" * 6]:
        bundled.candidates(query)
    assert all(q.count(GAP) * config.gap_cost <= biggest_budget for q in calls)
    calls.clear()
    assert namenorm.resolve("Mevl চা t ভ avu ও o ্ল lu") is not None  # one gap per fragment
    assert calls, "the gapped path still runs on ordinary injected fragments"


# -- linear work in normalization --------------------------------------------------------------


def _lines_executed(func, arg) -> int:
    """Python lines executed by ``func(arg)``: a count of work that does not depend on timing."""
    count = [0]

    def tracer(frame, event, _arg):
        if event == "line":
            count[0] += 1
        return tracer

    sys.settrace(tracer)
    try:
        func(arg)
    finally:
        sys.settrace(None)
    return count[0]


SHAPES = {
    "fragments": "Mevl চা t ভ avu ও o ্ল lu ",
    "spaces before fragments": "a" + " " * 9 + "চ",
    "look-alikes": "Azeгbaijan Karaƅakh ",
    "combining": "a\u0301\u0301\u0301 ",
    "invisible": "B\u200ba\u00adk\u200du\u202e ",
    "mixed scripts": "aб Ա ქ 中 ",
}


@pytest.mark.parametrize("piece", SHAPES.values(), ids=SHAPES.keys())
def test_normalization_work_grows_linearly(piece):
    small = _lines_executed(namenorm.normalize, piece * 200)
    large = _lines_executed(namenorm.normalize, piece * 800)
    assert large <= 4.4 * small  # four times the text, about four times the work
