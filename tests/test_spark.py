"""namenorm.spark on a real local Spark session (local[2]); skipped only without pyspark."""

from __future__ import annotations

import importlib.util
import os

import pytest

_missing = [m for m in ("pyspark", "pyarrow", "pandas") if importlib.util.find_spec(m) is None]
if _missing and os.environ.get("CI"):
    raise RuntimeError(f"CI must run the Spark tests, but {', '.join(_missing)} is not installed")
if _missing:
    pytest.skip(f"{', '.join(_missing)} not installed (pip install '.[spark]')", allow_module_level=True)

import namenorm
from namenorm import Config, NamenormError, Resolver


def _names(bundled):
    """Every entity's name, a corrupted form of some, misses, empties and a null."""
    names = [e.name for e in bundled.gazetteer]
    names += [n.text for e in list(bundled.gazetteer)[::7] for n in e.names]
    names += ["Steppe cart", "Karaƅakh", "Xankendi", "P'ashinyan", "Aliyev", "stagnant economy",
              "Stephen King", "", "   ", None]
    return names


def test_resolve_column_gives_the_ids_of_namenorm_resolve_for_every_row(spark, bundled):
    from namenorm.spark import resolve_column

    names = _names(bundled)
    df = spark.createDataFrame(list(enumerate(names)), "row int, name string").repartition(4)
    out = resolve_column(df, "name").orderBy("row").collect()
    assert [r.row for r in out] == list(range(len(names)))
    want = [namenorm.resolve(n) if n is not None else None for n in names]
    assert [r.namenorm.id for r in out] == [m and m.id for m in want]
    for r, m in zip(out, want):
        if m is not None:
            assert (r.namenorm.name, r.namenorm.type, r.namenorm.method) == (m.name, m.type, m.method)
            assert r.namenorm.score == pytest.approx(m.score)
    assert sum(m is not None for m in want) > len(bundled.gazetteer)  # most rows do resolve
    assert out[-1].name is None and out[-1].namenorm.id is None


def test_resolve_column_with_a_saved_index_shipped_to_executors(spark, mini, tmp_path):
    from namenorm.spark import resolve_column

    path = tmp_path / "mini-spark.nnidx"
    mini.save(path)
    queries = ["Baku", "BAKI", "Xankendi", "Yerevan", "Azeri", None]
    df = spark.createDataFrame([(q,) for q in queries], "q string")
    out = resolve_column(df, "q", index=str(path), output="m", types="place").collect()
    assert [r.m.id for r in out] == [
        m and m.id for m in mini.resolve_many(queries, errors="none", types="place")
    ]
    assert out[0].m.id == "baku" and out[3].m.id is None  # Yerevan is not in the mini gazetteer
    strict = resolve_column(df, "q", index=str(path), config=Config(threshold=0.999)).collect()
    assert [r.namenorm.id for r in strict] == [
        m and m.id
        for m in Resolver.load(path, config=Config(threshold=0.999)).resolve_many(
            queries, errors="none"
        )
    ]
    assert strict[2].namenorm.id is None  # "Xankendi" is a phonetic match, below 0.999


QUSAR = """\
- id: hammerfest
  type: place
  category: town
  name: Hammerfest
  names:
    - {text: Хаммерфест, lang: ru}
"""


def test_resolve_column_with_a_user_gazetteer(spark, mini_path, tmp_path):
    from namenorm.spark import resolve_column

    mine = tmp_path / "qusar.yaml"
    mine.write_text(QUSAR, encoding="utf-8")
    queries = ["Baku", "Hammerfest", "Хаммерфест", "Yerevan"]
    df = spark.createDataFrame([(q,) for q in queries], "q string")
    added = resolve_column(df, "q", gazetteer=mine).collect()
    alone = resolve_column(df, "q", gazetteer=[mini_path], include_default=False).collect()
    assert [r.namenorm.id for r in added] == ["baku", "hammerfest", "hammerfest", "yerevan"]
    assert [r.namenorm.id for r in alone] == [
        m and m.id for m in Resolver.from_paths(mini_path, include_default=False).resolve_many(queries)
    ]
    # mini.yaml repeats bundled ids: its entities replace those (namenorm/index/layers.py)
    over = resolve_column(df, "q", gazetteer=mini_path).collect()
    layered = Resolver.from_paths(mini_path).resolve_many(queries)
    assert [r.namenorm.id for r in over] == [m and m.id for m in layered]


def test_bad_arguments_fail_on_the_driver(spark, mini, tmp_path):
    from namenorm.spark import resolve_column

    df = spark.createDataFrame([("Baku",)], "q string")
    with pytest.raises(NamenormError, match="no column 'nope'"):
        resolve_column(df, "nope")
    bad = tmp_path / "bad.nnidx"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(NamenormError, match="not a namenorm index"):
        resolve_column(df, "q", index=bad)
    with pytest.raises(NamenormError, match="not both"):
        resolve_column(df, "q", index=bad, gazetteer=bad)
    with pytest.raises(ValueError, match="unknown type"):
        resolve_column(df, "q", types="planet")


def test_annotate_column_gives_the_mentions_of_namenorm_annotate(spark):
    from namenorm.spark import annotate_column

    texts = [
        "Fighting near Stepanakert, Azerbaijan's army said.",
        "The shelling in Nagorny Karaƅakh went on; Armenian forces left Shusha.",
        "Wages stayed stagnant all year.",
        "",
        None,
    ]
    df = spark.createDataFrame(list(enumerate(texts)), "row int, text string").repartition(2)
    out = annotate_column(df, "text").orderBy("row").collect()
    no_demonyms = annotate_column(df, "text", demonyms=False, output="m").orderBy("row").collect()
    assert [r.row for r in out] == list(range(len(texts)))
    for r, q, text in zip(out, no_demonyms, texts):
        if text is None:
            assert r.namenorm_mentions is None
            continue
        for got, want in ((r.namenorm_mentions, namenorm.annotate(text)),
                          (q.m, namenorm.annotate(text, demonyms=False))):
            assert [(m.start, m.end, m.text, m.kind, m.id, m.type, m.method) for m in got] == [
                (m.start, m.end, m.text, m.kind, m.id, m.match.type, m.match.method) for m in want
            ]
    assert [m.id for m in out[0].namenorm_mentions] == ["stepanakert", "azerbaijan"]
    assert out[2].namenorm_mentions == []


def test_annotate_column_with_a_user_gazetteer(spark, tmp_path):
    from namenorm.spark import annotate_column

    mine = tmp_path / "qusar.yaml"
    mine.write_text(QUSAR, encoding="utf-8")
    df = spark.createDataFrame([("Talks in Baku and Hammerfest.",)], "text string")
    out = annotate_column(df, "text", gazetteer=mine).collect()
    assert [m.id for m in out[0].namenorm_mentions] == ["baku", "hammerfest"]


ALONE = QUSAR  # it names no country: it stands on its own too


def test_a_rebuilt_index_at_the_same_path_gives_new_answers(spark, mini_path, tmp_path):
    """Files are shipped by content: the same path rebuilt, or the same name in another folder,
    is a new file for the executors (no stale answers, no addFile clash)."""
    from namenorm.spark import resolve_column

    df = spark.createDataFrame([("Hammerfest",), ("Baku",)], "q string")
    path = tmp_path / "same.nnidx"
    Resolver.from_paths(mini_path, include_default=False).save(path)
    before = [r.namenorm.id for r in resolve_column(df, "q", index=str(path)).collect()]
    mine = tmp_path / "qusar.yaml"
    mine.write_text(ALONE, encoding="utf-8")
    Resolver.from_paths(mine, include_default=False).save(path)
    after = [r.namenorm.id for r in resolve_column(df, "q", index=str(path)).collect()]
    assert before == [None, "baku"] and after == ["hammerfest", None]
    other = tmp_path / "elsewhere"
    other.mkdir()
    Resolver.from_paths(mini_path, include_default=False).save(other / "same.nnidx")
    again = [r.namenorm.id for r in resolve_column(df, "q", index=str(other / "same.nnidx")).collect()]
    assert again == before
    edited = tmp_path / "g.yaml"
    edited.write_text(ALONE, encoding="utf-8")
    first = [r.namenorm.id for r in resolve_column(df, "q", gazetteer=edited,
                                                   include_default=False).collect()]
    edited.write_text(ALONE.replace("Hammerfest", "Vardø").replace("hammerfest", "vardo")
                      .replace("Хаммерфест", "Вардё"), encoding="utf-8")
    second = [r.namenorm.id for r in resolve_column(df, "q", gazetteer=edited,
                                                    include_default=False).collect()]
    assert first == ["hammerfest", None] and second == [None, None]  # the edited file
