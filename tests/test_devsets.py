"""Shape of the measurement sets of issue 13 (benchmarks/data): columns, tiers, ids, URLs, sizes.

Accuracy is not asserted here: ``python -m benchmarks.realnames`` measures it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import namenorm

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"
TIERS = {"latin-cyrillic-armenian-georgian-greek", "inflected", "other-scripts", "hard", "namesake"}
URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$")


def rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


@pytest.fixture(scope="module")
def ids() -> set[str]:
    return {e.id for e in namenorm.default_gazetteer().entities}


def test_real_spellings_shape(ids: set[str]) -> None:
    data = rows("real_spellings.tsv")
    assert len(data) >= 600
    for row in data:
        assert len(row) == 5, row
        surface, eid, lang, tier, url = row
        assert surface.strip() == surface and surface, row
        assert tier in TIERS, row
        assert (eid == "") == (tier == "namesake"), row
        assert not eid or eid in ids, row
        assert re.fullmatch(r"[a-z]{2,3}", lang), row
        assert URL.match(url), row
    assert len({r[2] for r in data}) >= 25
    assert len({(r[0], r[1]) for r in data}) == len(data)
    tiers = {r[3] for r in data}
    assert tiers == TIERS
    assert sum(r[3] == "namesake" for r in data) >= 60


def test_heldout_common_names_shape() -> None:
    text = (DATA / "common_names_mimesis.tsv").read_text(encoding="utf-8")
    assert text.startswith("# mimesis ")
    data = rows("common_names_mimesis.tsv")
    assert len(data) >= 3000
    assert {r[2] for r in data} == {"given", "surname", "full"}
    assert len({r[1] for r in data}) >= 40


def test_common_names_shape() -> None:
    text = (DATA / "common_names.tsv").read_text(encoding="utf-8")
    assert text.startswith("# faker ")
    data = rows("common_names.tsv")
    assert len(data) >= 2000
    for row in data:
        assert len(row) == 3, row
        assert row[0].strip(), row
        assert re.fullmatch(r"[a-z]{2}_[A-Z]{2}", row[1]), row
        assert row[2] in {"given", "surname", "full"}, row
    assert len({r[1] for r in data}) >= 15


def test_common_names_are_not_gazetteer_names() -> None:
    from benchmarks.make_common_names import fold, gazetteer_folds

    taken = gazetteer_folds()
    for file in ("common_names.tsv", "common_names_mimesis.tsv"):
        assert not [r[0] for r in rows(file) if fold(r[0]) in taken], file


def test_name_pairs_shape(ids: set[str]) -> None:
    data = rows("name_pairs.tsv")
    assert len(data) >= 400
    for row in data:
        assert len(row) == 4, row
        query, eid, category, note = row
        assert query and category and note, row
        assert not eid or eid in ids, row
        assert category.endswith("-neg") == (eid == ""), row
    negatives = sum(1 for r in data if not r[1])
    assert 0.15 <= negatives / len(data) <= 0.4
    assert len({r[0] for r in data}) == len(data)
