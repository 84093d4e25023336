"""The layout of a saved index (``*.nnidx``), shared by :mod:`namenorm.index.write` and
:mod:`namenorm.index.read`.

One format serves every saved index: ``Resolver.save``, ``namenorm build-index``, ``namenorm
import geonames`` and the bundled index in ``namenorm/_data/bundled.nnidx``. It is built for a
million names and more and loads without parsing every alias and without rebuilding a table::

    MAGIC, an 8-byte little-endian length, a JSON header of that length, the sections back to back

The header gives the format, the :data:`~namenorm.keys.KEYS_VERSION` of the keys it holds, the
digest of the gazetteer YAML it was built from (the bundled index; ``null`` otherwise), the index
settings of the config, the counts, and each section's ``[offset, length, kind]``.

Section kinds: ``i``/``q``/``H``/``B`` are arrays of that type code (little-endian); ``lines`` is
UTF-8 text of newline-separated strings (no key, id or name holds a newline: the gazetteer refuses
control characters); ``blob`` is UTF-8 bytes cut by a ``q`` offsets section. Entities (JSON, one
object each) and the alias strings stay encoded until a lookup needs them. The sections
``neighbours.starts`` and ``neighbours.ids`` (format 5; absent when they were not computed) hold
the fuzzy neighbours of each phonetic key (:mod:`namenorm.index.neighbours`). Nothing in the file is
executed and every number is bounds-checked on load: a file from elsewhere can fail to load,
never run code.

>>> head, body = read_header(MAGIC + (2).to_bytes(8, "little") + b"{}" + b"rest")
>>> head, bytes(body)
({}, b'rest')
"""

from __future__ import annotations

import json
import mmap
import sys
from typing import Any, TypeAlias

from namenorm._errors import IndexFormatError

__all__ = ["ALIAS_STRINGS", "FORMAT", "LITTLE", "MAGIC", "TABLES", "Buffer", "map_file", "read_header"]

MAGIC = b"namenorm-index\n"
#: What an index is read from: its bytes, or the file mapped into memory (the bundled index,
#: whose sections are then read from the page cache only when used).
Buffer: TypeAlias = "bytes | mmap.mmap"
#: Version of the layout; bumped whenever it changes (the keys have their own version).
FORMAT = 5
#: The string columns of the aliases, each a ``blob`` section.
ALIAS_STRINGS = ("text", "norm", "fold", "phon", "skel")
#: The hash tables of an index, each a ``lines`` section of keys and two ``i`` sections.
TABLES = ("exact", "fold", "phon", "skel")
#: Arrays are stored little-endian; on a big-endian machine they are swapped.
LITTLE = sys.byteorder == "little"


def read_header(data: Buffer) -> tuple[dict[str, Any], memoryview]:
    """The JSON header of a saved index and the bytes of its sections; no check of the format
    or the keys (see :func:`namenorm.index.read.decode_index`)."""
    if data[: len(MAGIC)] != MAGIC:
        raise IndexFormatError("not a namenorm index (no namenorm-index header)")
    start = len(MAGIC) + 8
    size = int.from_bytes(data[len(MAGIC) : start], "little")
    if size > len(data) - start:
        raise IndexFormatError("damaged index: header longer than the file")
    try:
        head = json.loads(data[start : start + size])
    except (ValueError, RecursionError):
        raise IndexFormatError("damaged index: the header is not JSON") from None
    if not isinstance(head, dict):
        raise IndexFormatError("damaged index: the header is not a JSON object")
    return head, memoryview(data)[start + size :]


def map_file(path: str) -> Buffer:
    """The file mapped read-only into memory (its pages are read when a section is used), or
    its bytes where it cannot be mapped (an empty file)."""
    with open(path, "rb") as f:
        try:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            return f.read()
