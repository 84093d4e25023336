"""namenorm for pandas: a column of names in, a frame of answers out, indexed like the column.

Needs the ``pandas`` extra (``pip install "namenorm[pandas]"``).

>>> import pandas as pd
>>> import namenorm.pandas
>>> names = pd.Series(["Steppe cart", None, "stagnant economy"], index=[10, 11, 12])
>>> namenorm.pandas.resolve(names)[["id", "method"]]
             id method
10  stepanakert  exact
11         None   None
12         None   None
>>> texts = pd.Series(["Talks in Baku and Yerevan."], index=["a"])
>>> namenorm.pandas.annotate(texts)[["start", "end", "id"]]
   start  end       id
a      9   13     baku
a     18   25  yerevan

Missing values (None, NaN, ``pd.NA``) answer nothing; any other value that is not a string raises
:class:`TypeError` with its index label.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

try:
    import pandas as pd
except ImportError as _no_extra:  # pragma: no cover - depends on what is installed
    raise ImportError(
        f"namenorm.pandas needs the pandas extra (pip install 'namenorm[pandas]'): {_no_extra}"
    ) from _no_extra

from namenorm._checks import check_instance, check_int
from namenorm.matching.match import check_types

if TYPE_CHECKING:
    from namenorm.matching.resolver import Resolver

__all__ = ["ANNOTATE_COLUMNS", "RESOLVE_COLUMNS", "annotate", "resolve"]

#: Columns of :func:`resolve`'s frame.
RESOLVE_COLUMNS = ["id", "name", "type", "score", "method", "alias"]
#: Columns of :func:`annotate`'s frame (one row per mention).
ANNOTATE_COLUMNS = ["start", "end", "text", "id", "name", "type", "kind", "score", "method"]


def resolve(
    series: pd.Series,
    *,
    types: str | Iterable[str] | None = None,
    workers: int = 1,
    resolver: Resolver | None = None,
) -> pd.DataFrame:
    """One row per value of ``series`` (same index): :data:`RESOLVE_COLUMNS`, None for no match."""
    _check(series, resolver)
    check_int("workers", workers, minimum=0)
    check_types(types)
    resolver = resolver if resolver is not None else _default()
    matches = resolver.resolve_many(_texts(series), types=types, errors="none", workers=workers)
    rows = [
        [getattr(m, c) for c in RESOLVE_COLUMNS] if m is not None else [None] * len(RESOLVE_COLUMNS)
        for m in matches
    ]
    frame: pd.DataFrame = pd.DataFrame(rows, index=series.index, columns=RESOLVE_COLUMNS,
                                       dtype=object)
    return frame


def annotate(
    series: pd.Series,
    *,
    demonyms: bool = True,
    types: str | Iterable[str] | None = None,
    resolver: Resolver | None = None,
) -> pd.DataFrame:
    """One row per mention in the texts of ``series``, indexed by the text's index label (a
    label repeats for several mentions, and is absent when a text has none)."""
    from namenorm.mentions.annotator import Annotator

    _check(series, resolver)
    annotator = Annotator(resolver if resolver is not None else _default(), demonyms=demonyms,
                          types=types)
    labels: list[Any] = []
    rows: list[list[Any]] = []
    for label, text in zip(series.index, _texts(series)):
        for mention in annotator.annotate(text) if text is not None else []:
            d = mention.to_dict()
            labels.append(label)
            rows.append([d[c] for c in ANNOTATE_COLUMNS])
    frame: pd.DataFrame = pd.DataFrame(
        rows, index=pd.Index(labels, name=series.index.name), columns=ANNOTATE_COLUMNS
    )
    return frame


def _check(series: object, resolver: object) -> None:
    from namenorm.matching.resolver import Resolver

    if not isinstance(series, pd.Series):
        raise TypeError(f"series must be a pandas Series, not {type(series).__name__}")
    check_instance("resolver", resolver, Resolver, optional=True)


def _texts(series: pd.Series) -> Iterator[str | None]:
    for label, value in series.items():
        if isinstance(value, str):
            yield value
        elif _missing(value):
            yield None
        else:
            raise TypeError(f"value at {label!r} must be str or missing, not {type(value).__name__}")


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _default() -> Resolver:
    import namenorm

    return namenorm.default_resolver()
