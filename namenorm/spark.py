"""namenorm on Apache Spark: resolve a column of names, or annotate a column of texts.

Needs the ``spark`` extra (``pip install "namenorm[spark]"``: pyspark, pyarrow, pandas) on the
driver, and namenorm on every executor (see docs/spark.md).

    from namenorm.spark import resolve_column
    resolve_column(df, "place").select("place", "namenorm.id").show()

Both functions work through Arrow-based pandas UDFs. Each Python worker builds or loads its
resolver once, on first use, and keeps it for every later batch and task: the bundled resolver
from the package's compiled index, a user's saved index (``index=``) or YAML gazetteer
(``gazetteer=``) from a file that Spark ships to every executor (``SparkContext.addFile``,
found there with ``SparkFiles.get``).

The added column is a struct ``(id, name, type, score, method)``; its fields are null where
there is no match, and for a null or non-string input. ``annotate_column`` adds an array of
``(start, end, text, kind, id, name, type, score, method)`` structs, one per mention found
(:func:`namenorm.annotate`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    import pandas as pd
    from pyspark import SparkFiles
    from pyspark.sql import Column, DataFrame, SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.functions import pandas_udf
    from pyspark.sql.types import (
        ArrayType,
        DoubleType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )
except ImportError as _no_extra:  # pragma: no cover - depends on what is installed
    raise ImportError(
        f"namenorm.spark needs the spark extra (pip install 'namenorm[spark]'): {_no_extra}"
    ) from _no_extra

from namenorm._checks import check_bool, check_instance, check_path, check_paths, check_str
from namenorm._config import Config
from namenorm._errors import NamenormError

if TYPE_CHECKING:
    from namenorm.matching.resolver import Resolver
    from namenorm.mentions.annotator import Annotator

__all__ = ["MATCH_SCHEMA", "MENTION_SCHEMA", "annotate_column", "resolve_column"]

#: The struct that :func:`resolve_column` adds.
MATCH_SCHEMA = StructType(
    [
        StructField("id", StringType()),
        StructField("name", StringType()),
        StructField("type", StringType()),
        StructField("score", DoubleType()),
        StructField("method", StringType()),
    ]
)
#: One element of the array that :func:`annotate_column` adds.
MENTION_SCHEMA = StructType(
    [
        StructField("start", IntegerType()),
        StructField("end", IntegerType()),
        StructField("text", StringType()),
        StructField("kind", StringType()),
        *MATCH_SCHEMA.fields,
    ]
)

# What a worker needs to build its resolver: picklable, small, and a key for the cache.
# ("bundled",), ("index", file name) or ("gazetteer", (file names...), include_default)
_Spec = tuple[Any, ...]

_lock = threading.Lock()
_cache: dict[tuple[_Spec, str], Resolver] = {}
_annotators: dict[tuple[Any, ...], Annotator] = {}


def _pandas_udf(schema: Any) -> Callable[[Callable[..., Any]], Any]:
    """``pandas_udf`` with one simple type (PySpark's overloads do not cover iterator UDFs)."""
    make: Any = pandas_udf
    decorate: Callable[[Callable[..., Any]], Any] = make(schema)
    return decorate


def _resolver_for(spec: _Spec, config: Config | None) -> Resolver:
    """The resolver for ``spec`` in this process: built or loaded once, then cached."""
    key = (spec, repr(config))
    resolver = _cache.get(key)
    if resolver is None:
        with _lock:
            resolver = _cache.get(key)
            if resolver is None:
                resolver = _build(spec, config)
                _cache[key] = resolver
    return resolver


def _build(spec: _Spec, config: Config | None) -> Resolver:
    import namenorm
    from namenorm.matching.resolver import Resolver

    kind = spec[0]
    if kind == "bundled":
        return namenorm.default_resolver() if config is None else Resolver(config=config)
    if kind == "index":
        return Resolver.load(SparkFiles.get(spec[1]), config=config)
    paths = [SparkFiles.get(name) for name in spec[1]]
    return Resolver.from_paths(*paths, include_default=spec[2], config=config)


def _distribute(
    spark: SparkSession,
    index: str | Path | None,
    gazetteer: str | Path | Iterable[str | Path] | None,
    include_default: bool,
) -> _Spec:
    """Ship the user's index or gazetteer files to the executors; the spec to find them."""
    if index is not None and gazetteer is not None:
        raise NamenormError("give index= or gazetteer=, not both (build-index combines them)")
    if index is None and gazetteer is None:
        if not include_default:
            raise NamenormError("include_default=False needs a gazetteer= or an index=")
        return ("bundled",)
    sc = spark.sparkContext
    if index is not None:
        if _is_uri(index):  # hdfs://, s3a://, ...: Spark fetches it; checked on the executors
            sc.addFile(str(index))
            return ("index", str(index).rstrip("/").rsplit("/", 1)[-1])
        path = Path(index)
        if not path.is_file():
            raise NamenormError(f"no index file {path}")
        from namenorm.index.store import load_index

        load_index(path)  # refuse a bad or incompatible file here, not in every executor
        return ("index", _ship(sc, path))
    from namenorm.gazetteer.load import expand_paths
    from namenorm.matching.resolver import Resolver

    given = [gazetteer] if isinstance(gazetteer, (str, Path)) else list(gazetteer or [])
    paths = expand_paths(given)
    # What the executors will load, loaded here first: a bad gazetteer fails on the driver,
    # with file, line and entry (over the bundled index it is compiled alone: index/layers.py).
    Resolver.from_paths(*paths, include_default=include_default)
    return ("gazetteer", tuple(_ship(sc, p) for p in paths), include_default)


def _ship(sc: Any, path: Path) -> str:
    """Ship a local file to the executors under a name made of its content's digest: a file
    rebuilt at the same path is a new file (never the old answers), and two files of the same
    name from different folders never clash. The name to find it with ``SparkFiles.get``."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    name = f"{digest.hexdigest()[:32]}-{path.name}"
    staged = Path(tempfile.gettempdir()) / f"namenorm-spark-{os.getuid()}" / name
    if not staged.exists():
        staged.parent.mkdir(mode=0o700, exist_ok=True)
        tmp = staged.with_name(f".{name}.{os.getpid()}.tmp")
        shutil.copyfile(path, tmp)
        os.replace(tmp, staged)
    sc.addFile(str(staged))  # the same content again: the same path, which Spark accepts
    return name


def _is_uri(path: str | Path) -> bool:
    return isinstance(path, str) and "://" in path and not path.startswith("file://")


def check_types(types: str | Iterable[str] | None) -> frozenset[str] | None:
    from namenorm.matching.match import check_types as check

    return check(types)


def _checked(
    df: object, column: object, output: object, types: str | Iterable[str] | None,
    index: object, gazetteer: object, include_default: object, config: object,
) -> frozenset[str] | None:
    """The types asked for, once every argument of the column functions is checked (the
    options first, then ``df``)."""
    # By name: a Spark Connect Column or DataFrame is not an instance of the classic class.
    if not isinstance(column, str) and type(column).__name__ != "Column":
        raise TypeError(f"column must be str or a pyspark Column, not {type(column).__name__}")
    check_str("output", output)
    check_path("index", index, optional=True)
    if gazetteer is not None and not isinstance(gazetteer, (str, os.PathLike)):
        check_paths("gazetteer", gazetteer)
    check_bool("include_default", include_default)
    check_instance("config", config, Config, optional=True)
    wanted = check_types(types)
    if not (hasattr(df, "sparkSession") and hasattr(df, "withColumn")):
        raise TypeError(f"df must be a pyspark DataFrame, not {type(df).__name__}")
    return wanted


def _column(df: DataFrame, column: str | Column) -> Column:
    if isinstance(column, str):
        if column not in df.columns:
            raise NamenormError(f"no column {column!r} in the DataFrame ({', '.join(df.columns)})")
        return F.col(column)
    return column


def _match_fields(m: Any) -> tuple[Any, ...]:
    if m is None:
        return (None, None, None, None, None)
    return (m.id, m.name, m.type, m.score, m.method)


def resolve_column(
    df: DataFrame,
    column: str | Column,
    *,
    output: str = "namenorm",
    types: str | Iterable[str] | None = None,
    index: str | Path | None = None,
    gazetteer: str | Path | Iterable[str | Path] | None = None,
    include_default: bool = True,
    config: Config | None = None,
) -> DataFrame:
    """``df`` with a struct column ``output`` = ``(id, name, type, score, method)`` resolving
    ``column``, the same answers as :meth:`namenorm.Resolver.resolve` row by row.

    ``index`` is a file saved by :meth:`Resolver.save` (``namenorm build-index``): a path on
    the driver (checked there first) or a URI Spark can fetch (``hdfs://...``);
    ``gazetteer`` YAML files (or folders) on the driver, added to the bundled gazetteer or used
    alone with ``include_default=False``. Spark ships them to the executors.
    """
    wanted = _checked(df, column, output, types, index, gazetteer, include_default, config)
    spec = _distribute(df.sparkSession, index, gazetteer, include_default)
    col = _column(df, column)

    @_pandas_udf(MATCH_SCHEMA)
    def resolve_udf(batches: Iterator[pd.Series]) -> Iterator[pd.DataFrame]:
        resolver = _resolver_for(spec, config)
        for batch in batches:
            rows = [
                _match_fields(resolver.resolve(q, types=wanted) if isinstance(q, str) else None)
                for q in batch
            ]
            yield pd.DataFrame(rows, columns=MATCH_SCHEMA.fieldNames()).astype(
                {"score": "float64"}
            )

    return df.withColumn(output, resolve_udf(col))


def _annotator_for(
    spec: _Spec, config: Config | None, demonyms: bool, types: frozenset[str] | None
) -> Annotator:
    """The annotator for these options in this process: built once, then cached."""
    from namenorm.mentions.annotator import Annotator

    key = (spec, repr(config), demonyms, types)
    annotator = _annotators.get(key)
    if annotator is None:
        resolver = _resolver_for(spec, config)
        with _lock:
            annotator = _annotators.get(key)
            if annotator is None:
                annotator = Annotator(resolver, demonyms=demonyms, types=types)
                _annotators[key] = annotator
    return annotator


def annotate_column(
    df: DataFrame,
    column: str | Column,
    *,
    output: str = "namenorm_mentions",
    demonyms: bool = True,
    types: str | Iterable[str] | None = None,
    index: str | Path | None = None,
    gazetteer: str | Path | Iterable[str | Path] | None = None,
    include_default: bool = True,
    config: Config | None = None,
) -> DataFrame:
    """``df`` with an array column ``output`` of the mentions :func:`namenorm.annotate` finds
    in the texts of ``column``: ``(start, end, text, kind, id, name, type, score, method)``
    structs in text order (offsets in code points); null for a null or non-string text.

    ``demonyms`` and ``types`` are those of :class:`namenorm.Annotator`; ``index``,
    ``gazetteer``, ``include_default`` and ``config`` those of :func:`resolve_column`.
    """
    check_bool("demonyms", demonyms)
    wanted = _checked(df, column, output, types, index, gazetteer, include_default, config)
    spec = _distribute(df.sparkSession, index, gazetteer, include_default)
    col = _column(df, column)
    names = MENTION_SCHEMA.fieldNames()

    @_pandas_udf(ArrayType(MENTION_SCHEMA))
    def annotate_udf(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        annotator = _annotator_for(spec, config, demonyms, wanted)
        for batch in batches:
            out: list[list[dict[str, Any]] | None] = []
            for text in batch:
                if not isinstance(text, str):
                    out.append(None)
                    continue
                out.append(
                    [
                        dict(zip(names, (m.start, m.end, m.text, m.kind, *_match_fields(m.match))))
                        for m in annotator.annotate(text)
                    ]
                )
            yield pd.Series(out, dtype=object)

    return df.withColumn(output, annotate_udf(col))
