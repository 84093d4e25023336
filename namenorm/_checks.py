"""The argument checks of the public API: a value of the wrong type is a :class:`TypeError`, a
value out of range a :class:`ValueError`, and each message names the argument and what it
must be, before any work is done.

>>> check_int("limit", "3")
Traceback (most recent call last):
TypeError: limit must be int, not str
>>> check_iterable("values", 5)
Traceback (most recent call last):
TypeError: values must be an iterable (a list, a tuple, a pandas Series, ...), not int
>>> check_paths("paths", ["a.yaml", 3])
Traceback (most recent call last):
TypeError: paths must hold str or os.PathLike, not int (item 1)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, TypeVar

__all__ = [
    "check_bool",
    "check_choice",
    "check_instance",
    "check_int",
    "check_items",
    "check_iterable",
    "check_number",
    "check_path",
    "check_paths",
    "check_str",
]  # fmt: skip

T = TypeVar("T")


def _refuse(name: str, what: str, value: object, where: str = "") -> TypeError:
    return TypeError(f"{name} must {what}, not {type(value).__name__}{where}")


def check_str(name: str, value: object, *, optional: bool = False) -> Any:
    """``value`` if it is a str (or None with ``optional``)."""
    if isinstance(value, str) or (optional and value is None):
        return value
    raise _refuse(name, "be str" + (" or None" if optional else ""), value)


def check_bool(name: str, value: object) -> bool:
    """``value`` if it is a bool (an int 0 or 1 is not taken for one)."""
    if not isinstance(value, bool):
        raise _refuse(name, "be bool", value)
    return value


def check_int(
    name: str, value: object, *, minimum: int | None = None, optional: bool = False
) -> Any:
    """``value`` if it is an int (not a bool) at least ``minimum`` (or None with ``optional``)."""
    if optional and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(name, "be int" + (" or None" if optional else ""), value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be {minimum} or more, not {value}")
    return value


def check_number(name: str, value: object, *, optional: bool = False) -> Any:
    """``value`` if it is an int or a float (not a bool), or None with ``optional``."""
    if optional and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _refuse(name, "be a number" + (" or None" if optional else ""), value)
    return value


def check_instance(name: str, value: object, cls: type[T], *, optional: bool = False) -> Any:
    """``value`` if it is a ``cls`` (or None with ``optional``)."""
    if isinstance(value, cls) or (optional and value is None):
        return value
    raise _refuse(name, f"be {cls.__name__}" + (" or None" if optional else ""), value)


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """``value`` if it is one of the strings ``choices``."""
    known = list(choices)
    if not isinstance(value, str):
        raise _refuse(name, "be one of " + ", ".join(map(repr, known)), value)
    if value not in known:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, known))}, not {value!r}")
    return value


def check_iterable(name: str, value: object) -> Any:
    """``value`` if it is an iterable of values: not one str or bytes, which would be read
    character by character."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise _refuse(name, "be an iterable (a list, a tuple, a pandas Series, ...)", value)
    return value


def check_path(name: str, value: object, *, optional: bool = False) -> Any:
    """``value`` if it is a file name: a str or an :class:`os.PathLike` (or None)."""
    if isinstance(value, (str, os.PathLike)) or (optional and value is None):
        return value
    raise _refuse(name, "be str or os.PathLike" + (" or None" if optional else ""), value)


def check_items(name: str, values: object, cls: type | tuple[type, ...], what: str) -> list[Any]:
    """The items of the iterable ``values`` as a list, each an instance of ``cls`` (``what``
    names it in the message)."""
    check_iterable(name, values)
    items: list[Any] = list(values)  # type: ignore[call-overload]
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise _refuse(name, f"hold {what}", item, f" (item {i})")
    return items


def check_paths(name: str, values: object) -> list[Any]:
    """The file names of the iterable ``values``, each a str or an :class:`os.PathLike`."""
    return check_items(name, values, (str, os.PathLike), "str or os.PathLike")
