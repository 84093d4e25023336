"""The benchmark harness (benchmarks/): the corruption classes, the evaluation sets, the metrics,
and a smoke run of the whole harness so that it cannot rot. Timings are never asserted."""

from __future__ import annotations

import random
import unicodedata

import pytest

import namenorm
from benchmarks import accuracy, evalsets, run
from benchmarks.corrupt import CLASSES, corrupt


@pytest.mark.parametrize("cls", list(CLASSES))
def test_each_class_changes_names_reproducibly(cls):
    names = ["Stepanakert", "Nikol Pashinyan", "Xankəndi", "Mevlüt Çavuşoğlu", "Nagorno-Karabakh"]
    first = [corrupt(n, cls, random.Random(7)) for n in names]
    again = [corrupt(n, cls, random.Random(7)) for n in names]
    assert first == again
    assert any(out is not None for out in first), cls
    for name, out in zip(names, first):
        assert out is None or (out != name and out.strip())


def test_classes_do_what_they_say():
    rng = random.Random(3)
    assert corrupt("Xankəndi", "lost_diacritics", rng) == "Xankendi"
    assert corrupt("Baku", "lost_diacritics", rng) is None
    assert corrupt("Nikol Pashinyan", "token_reorder", rng) == "Pashinyan Nikol"
    assert corrupt("Nikol Pashinyan", "initials", rng) in ("N. Pashinyan", "N Pashinyan")
    glyph = corrupt("Stepanakert", "homoglyph", rng)
    assert any(unicodedata.name(c).startswith(("CYRILLIC", "GREEK")) for c in glyph)
    frag = corrupt("Stepanakert", "foreign_fragment", rng)
    assert " " in frag and not frag.replace(" ", "").isascii()
    assert len(corrupt("Stepanakert", "drop", rng)) == len("Stepanakert") - 1
    assert len(corrupt("Stepanakert", "double", rng)) == len("Stepanakert") + 1
    assert sorted(corrupt("Stepanakert", "swap", rng)) == sorted("Stepanakert")
    assert " " in corrupt("Stepanakert", "mt_split", rng)


def test_evaluation_sets_are_labelled_and_reproducible(bundled):
    g = bundled.gazetteer
    pos = evalsets.positives(g, 5, seed=1)
    assert pos == evalsets.positives(g, 5, seed=1)
    assert {cls for _, _, cls in pos} == set(CLASSES)
    assert all(g.get(eid) is not None for _, eid, _ in pos)
    neg = evalsets.negatives(g, 5, seed=1)
    assert {"neg_words", "neg_people"} <= {cls for _, _, cls in neg}
    assert all(exp is None for _, exp, _ in neg)


def test_metrics_and_best_cutoff():
    o = [
        accuracy.Outcome("a", "x", "c", "x", 0.9),  # right
        accuracy.Outcome("b", "y", "c", "z", 0.6),  # wrong, low score
        accuracy.Outcome("c", None, "neg", "x", 0.5),  # a negative answered, low score
        accuracy.Outcome("d", "y", "c", None, 0.0),  # no guess
    ]
    cut = accuracy.best_cutoff(o)
    assert 0.6 < cut <= 0.9
    m = accuracy.class_metrics(o, cut)
    assert m["c"]["precision"] == 1.0 and m["c"]["recall"] == pytest.approx(1 / 3)
    assert m["neg"]["answered"] == 0.0
    low = accuracy.class_metrics(o, 0.0)
    assert low["all"]["precision"] == pytest.approx(1 / 3)
    assert low["neg"]["answered"] == 1.0
    rows = accuracy.calibration(o, [0.0, 0.5, 0.8])
    assert [n for _, n, _ in rows] == [0, 2, 1]


def test_smoke_run_of_the_whole_harness(tmp_path):
    assert run.main(["--quick", "--per-class", "3", "--scale", "none", "--out", str(tmp_path),
                     "--results", str(tmp_path / "r.json")]) == 0
    text = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    for part in ("## Accuracy", "| homoglyph |", "| namenorm |", "unidecode-exact",
                 "jellyfish-JW", "## Speed at the bundled scale", "exact hits", "CLI cold start"):
        assert part in text, part
    assert "rapidfuzz-WRatio" in text or "rapidfuzz (its peers)" in text
    assert namenorm.__version__ in text


def test_classes_survive_letters_whose_case_changes_length():
    # "İ".lower() is two code points: positions must be taken on the name itself.
    for cls in CLASSES:
        for seed in range(5):
            corrupt("İstanbul İzmir Şahin", cls, random.Random(seed))


def test_a_run_keeps_the_sections_other_commands_wrote(tmp_path):
    path = tmp_path / "benchmarks.md"
    path.write_text(f"# old report\n\n{run.KEEP_MARKER}\n\n## Multilingual\nkept\n", "utf-8")
    run._write_report(path, "# new report\n")
    assert path.read_text("utf-8") == f"# new report\n\n{run.KEEP_MARKER}\n\n## Multilingual\nkept\n"
    fresh = tmp_path / "fresh.md"
    run._write_report(fresh, "# first\n")
    assert fresh.read_text("utf-8") == f"# first\n\n{run.KEEP_MARKER}\n"
