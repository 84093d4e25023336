"""A dictionary cache bounded by entries *and* by characters, that never keeps an over-long key.

The caches of the resolver and of mention detection remember answers for strings that come
from the open web. Bounding them by entries alone is not enough (8,192 entries of 1 MB queries
are 8 GB), so each also counts the characters of the keys it holds and empties itself when
either bound would be passed; a key over ``max_key_chars`` characters (a query the resolver
refuses for its length, a word no name can be) is answered but never stored.

>>> cache = BoundedCache(max_entries=2, max_chars=10, max_key_chars=4)
>>> cache.put("Baku", 4, "baku"); cache.get("Baku")
'baku'
>>> cache.put("a" * 5, 5, None); len(cache)     # too long: not kept
1
>>> cache.put("abcd", 4, 1); cache.put("wxyz", 4, 2); len(cache), cache.chars  # emptied first
(1, 4)
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["BoundedCache"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """``get`` is a plain dictionary lookup (lock-free); ``put`` stores under a lock, emptying
    the cache first when it holds ``max_entries`` entries or the new key would take it past
    ``max_chars`` characters (simple, and the next lookups fill it again)."""

    def __init__(self, max_entries: int, max_chars: int, max_key_chars: int) -> None:
        self.max_entries = max_entries
        self.max_chars = max_chars
        self.max_key_chars = max_key_chars
        self._data: dict[K, V] = {}
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, key: K, default: object = None) -> V | object:
        return self._data.get(key, default)

    def put(self, key: K, chars: int, value: V) -> None:
        """Remember ``value`` for ``key``, whose size is ``chars`` characters."""
        if self.max_entries <= 0 or chars > self.max_key_chars:
            return
        with self._lock:
            if len(self._data) >= self.max_entries or self._chars + chars > self.max_chars:
                self._data = {}
                self._chars = 0
            if key not in self._data:
                self._chars += chars
            self._data[key] = value

    @property
    def chars(self) -> int:
        """Characters of the keys held."""
        return self._chars

    def __len__(self) -> int:
        return len(self._data)
