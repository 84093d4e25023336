"""namenorm.pandas: a column of names or texts in, a frame out, indexed like the column."""

from __future__ import annotations

import math

import pytest

pd = pytest.importorskip("pandas")
import namenorm  # noqa: E402
import namenorm.pandas as nnpd  # noqa: E402


def test_resolve_keeps_the_index_and_answers_nothing_for_missing_values():
    series = pd.Series(["Xankendi", None, float("nan"), pd.NA, "nobody at all"],
                       index=list("abcde"), name="place")
    frame = nnpd.resolve(series)
    assert list(frame.index) == list("abcde")
    assert list(frame.columns) == nnpd.RESOLVE_COLUMNS
    assert frame.loc["a", "id"] == "stepanakert"
    assert frame.loc["a", "score"] == namenorm.resolve("Xankendi").score
    assert all(frame.loc[k, "id"] is None for k in "bcde")


def test_resolve_on_workers_gives_the_same_frame():
    series = pd.Series(["Baku", "Tbilisi", None, "Yerevan"] * 3)
    assert nnpd.resolve(series, workers=2).equals(nnpd.resolve(series))


def test_a_value_that_is_not_text_names_its_label():
    with pytest.raises(TypeError, match="'x'"):
        nnpd.resolve(pd.Series(["Baku", 5], index=["ok", "x"]))
    with pytest.raises(TypeError, match="Series"):
        nnpd.resolve(["Baku"])


def test_annotate_gives_one_row_per_mention_with_the_text_label():
    texts = pd.Series(["Talks in Baku and Yerevan.", None, "Nothing here."], index=[7, 8, 9])
    frame = nnpd.annotate(texts)
    assert list(frame.columns) == nnpd.ANNOTATE_COLUMNS
    assert list(frame.index) == [7, 7]
    assert list(frame["id"]) == ["baku", "yerevan"]
    assert all(texts[7][s:e] == t for s, e, t in zip(frame["start"], frame["end"], frame["text"]))
    assert not math.isnan(frame["score"].iloc[0])
