"""Resolving a column of values as pipelines hold them: strings, missing values (None, NaN,
pandas' ``NA``) and now and then something else. One answer per value, in order, whatever the
value: a :class:`Match`, None (no match, or a missing value), or an :class:`ItemError` for a
value that cannot be asked (as a batch file's error column keeps a bad record's place).

>>> from namenorm.gazetteer.model import Entity, Gazetteer
>>> from namenorm.matching.resolver import Resolver
>>> r = Resolver(Gazetteer([Entity("baku", "place", "Baku")]))
>>> out = resolve_values(r, ["Baku", None, float("nan"), 7, "nobody"])
>>> [m.id if m else m for m in out[:3]], out[3].error, out[4]
(['baku', None, None], 'value 3 must be str or missing, not int', None)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from namenorm._checks import check_choice, check_int, check_iterable
from namenorm.matching.match import Match, check_types

if TYPE_CHECKING:
    from namenorm.matching.resolver import Resolver

__all__ = ["ItemError", "is_missing", "resolve_values"]


@dataclass(frozen=True)
class ItemError:
    """The answer for a value that could not be asked: its position and why. Falsy, like the
    None of "no match", so ``m.id if m else None`` reads a list of answers either way."""

    position: int
    error: str

    def __bool__(self) -> bool:
        return False

    def to_dict(self) -> dict[str, Any]:
        """``{"position": ..., "error": ...}``."""
        return {"position": self.position, "error": self.error}


def is_missing(value: object) -> bool:
    """Whether ``value`` stands for a missing value: None, a float NaN, pandas' ``NA`` or
    ``NaT`` (recognised by type name, so pandas need not be installed).

    >>> [is_missing(v) for v in (None, float("nan"), "", 0)]
    [True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def resolve_values(
    resolver: Resolver,
    values: Iterable[object],
    *,
    types: str | Iterable[str] | None = None,
    workers: int = 1,
    errors: str = "item",
) -> list[Match | ItemError | None]:
    """:meth:`Resolver.resolve` for each of ``values``: None for a missing value; for any other
    value that is not a str, an :class:`ItemError` (``errors="item"``, the default) or a
    :class:`TypeError` naming its position (``errors="raise"``). ``workers`` as in
    :meth:`Resolver.resolve_many`."""
    check_iterable("values", values)
    check_choice("errors", errors, ("item", "raise"))
    check_int("workers", workers, minimum=0)
    check_types(types)
    out: list[Match | ItemError | None] = []
    asked: list[str] = []
    where: list[int] = []
    for position, value in enumerate(values):
        if isinstance(value, str):
            where.append(len(out))
            asked.append(value)
            out.append(None)
        elif is_missing(value):
            out.append(None)
        else:
            why = f"value {position} must be str or missing, not {type(value).__name__}"
            if errors == "raise":
                raise TypeError(why)
            out.append(ItemError(position, why))
    for position, match in zip(where, resolver.resolve_many(asked, types=types, workers=workers)):
        out[position] = match
    return out
