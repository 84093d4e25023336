"""namenorm: resolve messy, multilingual, corrupted mentions of Caucasus entities to canonical ids.

>>> import namenorm
>>> namenorm.resolve("Karaƅakh").id
'nagorno-karabakh'
>>> namenorm.resolve("stagnant economy") is None
True
>>> namenorm.normalize("Azeгbaijan")
'Azerbaijan'

The bundled gazetteer and its resolver are built on first use and cached; ``import namenorm``
itself loads no data, and the modules behind its public names (the annotator, the YAML loader)
are imported when a name is first used.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from namenorm._config import Config
from namenorm._errors import (
    GazetteerError,
    GazetteerProblem,
    IndexFormatError,
    NamenormError,
    UnknownIdError,
)

if TYPE_CHECKING:
    from namenorm.gazetteer.load import load_paths, validate_paths
    from namenorm.gazetteer.model import Entity, Gazetteer, Name
    from namenorm.matching.resolver import Match, Resolver
    from namenorm.matching.values import ItemError
    from namenorm.mentions.annotator import Annotator, Mention, annotate, rewrite
    from namenorm.text.normalize import normalize, normalize_explained

# Public names imported on first use (PEP 562), so that ``import namenorm`` loads neither PyYAML
# nor the annotator: name -> the module that defines it.
_LAZY = {
    "Annotator": "namenorm.mentions.annotator",
    "Mention": "namenorm.mentions.annotator",
    "annotate": "namenorm.mentions.annotator",
    "rewrite": "namenorm.mentions.annotator",
    "Entity": "namenorm.gazetteer.model",
    "Gazetteer": "namenorm.gazetteer.model",
    "Name": "namenorm.gazetteer.model",
    "load_paths": "namenorm.gazetteer.load",
    "validate_paths": "namenorm.gazetteer.load",
    "Match": "namenorm.matching.resolver",
    "Resolver": "namenorm.matching.resolver",
    "ItemError": "namenorm.matching.values",
    "normalize": "namenorm.text.normalize",
    "normalize_explained": "namenorm.text.normalize",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'namenorm' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Annotator",
    "Config",
    "Entity",
    "Gazetteer",
    "GazetteerError",
    "GazetteerProblem",
    "IndexFormatError",
    "ItemError",
    "Match",
    "Mention",
    "Name",
    "NamenormError",
    "Resolver",
    "UnknownIdError",
    "__version__",
    "annotate",
    "candidates",
    "default_gazetteer",
    "default_resolver",
    "load_paths",
    "normalize",
    "normalize_explained",
    "resolve",
    "resolve_many",
    "rewrite",
    "validate_paths",
]

__version__ = "0.2.0"

_lock = threading.Lock()
_default_resolver: Resolver | None = None


def default_gazetteer() -> Gazetteer:
    """The bundled Caucasus gazetteer (loaded once, then cached)."""
    return default_resolver().gazetteer


def default_resolver() -> Resolver:
    """The resolver over the bundled gazetteer (built once, then cached)."""
    global _default_resolver
    if _default_resolver is None:
        with _lock:
            if _default_resolver is None:
                from namenorm.matching.resolver import Resolver

                # Resolver() shares the one bundled index a process loads with every other
                # Resolver() of the bundled gazetteer.
                _default_resolver = Resolver()
    return _default_resolver


def resolve(query: str, *, types: str | Iterable[str] | None = None) -> Match | None:
    """Resolve ``query`` with the bundled gazetteer: a :class:`Match`, or None for no match.

    >>> resolve("Xankendi").id
    'stepanakert'
    """
    return default_resolver().resolve(query, types=types)


def resolve_many(
    values: Iterable[object],
    *,
    types: str | Iterable[str] | None = None,
    workers: int = 1,
    errors: str = "item",
) -> list[Match | ItemError | None]:
    """:func:`resolve` for each value, with the bundled gazetteer: one answer per value, in
    order. None answers a missing value (None, NaN, pandas' ``NA``) and a value with no match;
    any other value that is not a str gets an :class:`ItemError` with its position and the
    reason (``errors="raise"``: a ``TypeError`` instead). ``workers=N`` resolves on N
    processes (``0``: one per core), with the same answers.

    >>> [m.id if m else m for m in resolve_many(["Baku", None, float("nan"), "nobody"])]
    ['baku', None, None, None]
    >>> resolve_many(["Baku", 3.5])[1].error
    'value 1 must be str or missing, not float'
    """
    from namenorm.matching.values import resolve_values

    return resolve_values(default_resolver(), values, types=types, workers=workers, errors=errors)


def candidates(
    query: str, *, limit: int = 5, types: str | Iterable[str] | None = None
) -> list[Match]:
    """The best ``limit`` candidate entities for ``query``, best first, even below threshold."""
    return default_resolver().candidates(query, limit=limit, types=types)
