"""The lazy sequences of a loaded index: entities and aliases stay encoded in the file's bytes
until a lookup needs one, then are made once and kept."""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar, overload

from namenorm._errors import IndexFormatError
from namenorm.gazetteer.model import Entity, entity_from_dict
from namenorm.index.aliases import Alias

__all__ = ["Lazy", "SavedAliases", "SavedEntities", "Strings"]

T = TypeVar("T")


class Strings:
    """Strings kept as one UTF-8 blob and decoded one at a time."""

    __slots__ = ("_blob", "_off")

    def __init__(self, blob: bytes | memoryview, off: array[int]) -> None:
        self._blob, self._off = blob, off  # a view of a mapped file: read when used

    def __getitem__(self, i: int) -> str:
        try:
            return str(self._blob[self._off[i] : self._off[i + 1]], "utf-8")
        except UnicodeDecodeError:
            raise IndexFormatError(f"damaged index: string {i} is not UTF-8") from None


class Lazy(Sequence[T]):
    """A sequence of ``n`` items made by :meth:`_make` when first used, then kept."""

    def __init__(self, n: int) -> None:
        self._n = n
        self._made: dict[int, T] = {}

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        item = self._made.get(i)
        if item is None:
            item = self._made[i] = self._make(i)
        return item

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(self._n))

    def _make(self, i: int) -> T:
        raise NotImplementedError


class SavedAliases(Lazy[Alias]):
    """The aliases of a loaded index, made into :class:`Alias` objects when first used."""

    def __init__(self, n: int, cols: dict[str, Any], kinds: list[str], langs: list[str],
                 schemes: list[str]) -> None:
        super().__init__(n)
        self._cols, self._kinds = cols, kinds
        self._langs: list[str | None] = [None, *langs]
        self._schemes: list[str | None] = [None, *schemes]

    def _make(self, i: int) -> Alias:
        c = self._cols
        flags = c["flags"][i]
        return Alias(c["entity"][i], c["text"][i], self._kinds[c["kind"][i]],
                     self._langs[c["lang"][i]], bool(flags & 1), bool(flags & 2),
                     c["norm"][i], c["fold"][i], c["phon"][i], c["skel"][i],
                     self._schemes[c["scheme"][i]])

    def entity_numbers(self) -> Sequence[int]:
        """The entity number of each alias, without making :class:`Alias` objects."""
        col: Sequence[int] = self._cols["entity"]
        return col

    def texts(self) -> Iterator[str]:
        """The alias texts alone, without making :class:`Alias` objects."""
        col = self._cols["text"]
        return (col[i] for i in range(self._n))


_ENTITY_TEXT = ("id", "type", "name")


class SavedEntities(Lazy[Entity]):
    """The entities of a loaded index, decoded and checked when first used."""

    def __init__(self, blob: bytes | memoryview, off: array[int], ids: list[str]) -> None:
        super().__init__(len(off) - 1)
        self._strings = Strings(blob, off)
        self._ids = ids

    def ids(self) -> list[str]:
        """The entity ids by number, without decoding any entity."""
        return self._ids

    def _make(self, i: int) -> Entity:
        try:
            d = json.loads(self._strings[i])
            _check_entity(d, self._ids[i])
            return entity_from_dict(d)
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            raise IndexFormatError(f"entity {i} of the saved index is damaged: {exc}") from None


def _check_entity(e: Any, eid: str) -> None:
    """Raise ``ValueError`` unless ``e`` has the shape :func:`entity_dict` gives and the id the
    index lists for it."""
    if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in _ENTITY_TEXT):
        raise ValueError("an entity must be an object with string id, type and name")
    if e["id"] != eid:
        raise ValueError(f"entity {e['id']!r} is listed as {eid!r}")
    names = e.get("names")
    if not isinstance(names, list) or not all(
        isinstance(n, dict) and isinstance(n.get("text"), str) for n in names
    ):
        raise ValueError(f"names of {e['id']!r} must be a list of objects with a text")
