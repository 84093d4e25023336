"""Config files (Config.from_file / to_file, ``--config``) and ``namenorm calibrate``."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm import Config, default_resolver
from namenorm.matching.calibrate import (
    Labelled,
    Scores,
    evaluate,
    fit,
    observe,
    parse_labels,
    replay,
    score_answers,
)  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "namenorm", *args], capture_output=True,
                          timeout=300, check=False)


# -- Config files -----------------------------------------------------------------------------


def test_round_trip_of_every_field(tmp_path):
    config = Config(threshold=0.81, margin=0.1, kind_factor={"surname": 0.5},
                    edit_budget=((4, 1), (8, 2)), generate_variants=False, cache_size=0)
    path = tmp_path / "c.json"
    config.to_file(path)
    assert Config.from_file(path) == config
    assert json.loads(path.read_text())["kind_factor"] == {"surname": 0.5}


@settings(max_examples=30, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.integers(1, 1000))
def test_round_trip_of_any_valid_values(threshold, margin, candidates):
    config = Config(threshold=threshold, margin=margin, max_candidates=candidates)
    assert Config.from_dict(json.loads(json.dumps(config.to_dict()))) == config


def test_a_partial_file_keeps_the_other_defaults(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{"threshold": 0.9}')
    assert Config.from_file(path) == replace(Config(), threshold=0.9)


@pytest.mark.parametrize(("text", "named"), [
    ('{"treshold": 0.9}', "treshold"),
    ('{"threshold": 2}', "threshold"),
    ('{"margin": "0.1"}', "margin"),
    ('{"edit_budget": [[0, 1]]}', "edit_budget"),
    ('{"kind_factor": {"surname": -1}}', "kind_factor"),
    ("[0.9]", "JSON object"),
    ('{"threshold": 0.9', "not JSON"),
])  # fmt: skip
def test_a_bad_file_is_a_value_error_naming_the_key(tmp_path, text, named):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(ValueError, match=named) as info:
        Config.from_file(path)
    assert str(path) in str(info.value)


def test_a_file_that_is_not_utf8_is_a_value_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"threshold": "\xff"}')
    with pytest.raises(ValueError, match="not JSON"):
        Config.from_file(path)


# -- labels and scores ------------------------------------------------------------------------


def test_labels_skip_comments_header_and_extra_columns():
    lines = ["query\texpected", "# note", "", "Baku\tbaku\tplace", "table\t", "chair\n"]
    assert parse_labels(lines) == [
        Labelled("Baku", "baku"), Labelled("table", None), Labelled("chair", None)
    ]
    with pytest.raises(ValueError, match="line 1: empty query"):
        parse_labels(["\tbaku"])


def test_scores_count_wrong_ids_and_answers_to_non_names_as_false_positives():
    s = score_answers([
        (Labelled("a", "x"), "x"), (Labelled("b", "y"), "x"), (Labelled("c", None), "z"),
        (Labelled("d", "w"), None), (Labelled("e", None), None),
    ])  # fmt: skip
    assert (s.right, s.wrong, s.expected) == (1, 2, 3)
    assert s.precision == pytest.approx(1 / 3) and s.recall == pytest.approx(1 / 3)
    assert Scores(0, 0, 0).precision == 1.0 and Scores(0, 1, 2).f1 == 0.0


# -- fitting on queries made from the bundled gazetteer ---------------------------------------

WORDS = ["table", "window", "kitchen", "pencil", "blanket", "teacher", "garden", "yellow"]


def _one_letter_short(name: str) -> str:
    middle = len(name) // 2
    return name[:middle] + name[middle + 1:]


@pytest.fixture(scope="module")
def labels() -> list[Labelled]:
    """Single-word place names of the gazetteer, each as written and one letter short, and
    ordinary words that should not match."""
    resolver = default_resolver()
    names = sorted(
        (e.name, e.id) for e in resolver.index.entities
        if e.type == "place" and e.name.isalpha() and len(e.name) >= 7
    )[:40]
    out = [Labelled(name, eid) for name, eid in names]
    out += [Labelled(_one_letter_short(name), eid) for name, eid in names]
    return out + [Labelled(word, None) for word in WORDS]


def test_a_tighter_threshold_loses_recall_and_a_looser_one_wrong_answers(labels):
    observed = observe(default_resolver(), labels)
    strict, usual = replay(observed, Config(threshold=1.0)), replay(observed, Config())
    assert strict.recall < usual.recall
    assert strict.precision >= usual.precision
    loose = replay(observed, Config(threshold=0.5, margin=0.0))
    assert loose.right + loose.wrong >= usual.right + usual.wrong


@pytest.mark.parametrize("lean", ["balanced", "precision", "recall"])
def test_fit_never_does_worse_than_the_start_on_the_real_resolver(labels, lean):
    from namenorm import Resolver

    resolver = default_resolver()
    start = Config(threshold=0.99, margin=0.15)

    def check(config: Config) -> Scores:
        return evaluate(Resolver.from_index(resolver.index.with_config(config)), labels)

    fitted = fit(observe(resolver, labels), start, lean, check)
    before, after = check(start), check(fitted)
    if lean == "balanced":
        assert after.f1 >= before.f1 and after.f1 > 0.9
    elif lean == "recall":
        assert after.recall >= before.recall and after.recall > before.recall
    else:
        assert after.precision >= min(before.precision, 0.99)
    assert (fitted.threshold, fitted.margin) != (start.threshold, start.margin) or lean == "precision"


def test_fit_rejects_an_unknown_lean(labels):
    with pytest.raises(ValueError, match="lean must be one of"):
        fit(observe(default_resolver(), labels[:2]), Config(), "strict")


# -- the commands -----------------------------------------------------------------------------


def test_calibrate_writes_a_config_that_lookup_uses(tmp_path, labels):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("query\texpected\n" + "".join(
        f"{lb.query}\t{lb.expected or ''}\n" for lb in labels), encoding="utf-8")
    start = tmp_path / "start.json"
    Config(threshold=1.0, margin=0.2).to_file(start)
    out = tmp_path / "mine.json"
    proc = run("calibrate", str(pairs), "-o", str(out), "--config", str(start))
    assert proc.returncode == 0, proc.stderr.decode()
    text = proc.stdout.decode()
    assert "before" in text and "after" in text and f"{len(labels)} labelled" in text
    fitted = Config.from_file(out)
    assert fitted.threshold < 1.0
    query = next(lb for lb in labels[40:] if lb.expected)  # one letter short: inexact
    strict = run("lookup", "--json", "--config", str(start), query.query)
    tuned = run("lookup", "--json", "--config", str(out), query.query)
    assert json.loads(strict.stdout)["id"] is None
    assert json.loads(tuned.stdout)["id"] == query.expected


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read"),
    ("Baku\tno-such-id\n", "ids not in the gazetteer: no-such-id"),
    ("table\t\n", "no query has an expected id"),
    (b"Baku\tbaku\n\xff\n", "pairs.tsv"),
])  # fmt: skip
def test_calibrate_errors_are_one_line_exit_2(tmp_path, content, message):
    pairs = tmp_path / "pairs.tsv"
    if isinstance(content, bytes):
        pairs.write_bytes(content)
    elif content is not None:
        pairs.write_text(content, encoding="utf-8")
    proc = run("calibrate", str(pairs), "-o", str(tmp_path / "out.json"))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and message in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("text", [None, '{"threshold": 7}', '{"nope": 1}', "{"])
@pytest.mark.parametrize("command", ["lookup", "annotate"])
def test_a_bad_config_file_is_one_line_exit_2(tmp_path, text, command):
    path = tmp_path / "c.json"
    if text is not None:
        path.write_text(text)
    proc = subprocess.run([sys.executable, "-m", "namenorm", command, "--config", str(path),
                           "-" if command == "annotate" else "Baku"],
                          input=b"Baku\n", capture_output=True, timeout=120, check=False)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "--config" in err
    assert "Traceback" not in err and err.count("\n") == 1
