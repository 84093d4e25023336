"""Reading a file no further than a size limit.

A gazetteer or a saved index names its size before it is read: a regular file over the limit
is refused from its size alone, and anything else (a pipe, ``/dev/zero``) is read up to one
byte past the limit and refused then, so no file makes namenorm hold more than the limit.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "f"
>>> _ = p.write_bytes(b"12345")
>>> read_at_most(p, 5), read_at_most(p, 4)
(b'12345', None)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from namenorm._checks import check_path as checked_path

__all__ = ["check_path", "read_at_most"]


def check_path(path: object, what: str = "path") -> None:
    """``TypeError`` unless ``path`` is a ``str`` or a path object: ``open(True)`` would open
    file descriptor 1 (an int is a descriptor to ``open``, and a bool is an int)."""
    checked_path(what, path)


def read_at_most(path: str | Path, limit: int) -> bytes | None:
    """The bytes of ``path``, or None when it holds more than ``limit`` bytes. ``OSError``
    when it cannot be read."""
    check_path(path)
    with open(path, "rb") as f:
        info = os.fstat(f.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            return None
        data = f.read(limit + 1)
    return None if len(data) > limit else data
