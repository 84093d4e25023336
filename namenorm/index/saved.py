"""Saved indexes for :meth:`Resolver.save` / :meth:`Resolver.load`: the binary format of
:mod:`namenorm.index.store` (one format for every saved index; never pickle, so loading a file from
elsewhere cannot run code), written so that a crash cannot leave a half-written file behind.

:func:`namenorm.index.store.load_index` checks the format version and a digest of the code that
computes match keys, and refuses a file from a release whose keys differ with
:class:`~namenorm.IndexFormatError` (keys made by other code would silently give other answers).

Writing is atomic and durable: the index goes to a temporary file of its own in the target's
directory, is flushed to disk, and only then replaces the target (``os.replace``); on any
failure the temporary file is removed and the previous index stays whole.

>>> import tempfile, pathlib
>>> from namenorm.gazetteer.loader import Entity, Gazetteer
>>> from namenorm.index.tables import Index
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.nnidx"
>>> g = Gazetteer([Entity("baku", "place", "Baku"), Entity("tbilisi", "place", "Tbilisi")])
>>> save_index(Index.build(g), path)
>>> [e.id for e in load_index(path).entities]
['baku', 'tbilisi']
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from namenorm._config import Config
from namenorm.index.tables import Index

__all__ = ["load_index", "save_index"]


def save_index(index: Index, path: str | Path) -> None:
    """Write ``index`` (with its entities) to ``path``, atomically."""
    from namenorm.index import store as _compiled

    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        _compiled.save_index(index, tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; give it normal rights
        os.replace(tmp, path)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + ".tmp")):  # _compiled's own temp name
            try:
                leftover.unlink()
            except OSError:
                pass
        raise


def load_index(path: str | Path, config: Config | None = None) -> Index:
    """Read an index written by :func:`save_index` (or ``namenorm import``); raises
    :class:`~namenorm.IndexFormatError` for a file that is not one, is damaged, cannot be read,
    or comes from a release whose format or match keys differ."""
    from namenorm.index.store import load_index as load

    return load(path, config)
