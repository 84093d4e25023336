"""Saved indexes: :func:`save_index` and :func:`load_index`, the one pair every caller uses
(``Resolver.save``/``Resolver.load``, ``namenorm build-index``, ``namenorm lookup --index``,
``namenorm import geonames``, ``scripts/build_index.py`` for the bundled index).

The file is the binary format of :mod:`namenorm.index.binary` (never pickle: loading a file from
elsewhere cannot run code). It records the :data:`~namenorm.keys.KEYS_VERSION` of its keys, and
:func:`load_index` refuses a file whose keys differ from this release's with
:class:`~namenorm.IndexFormatError` (keys made by other code would silently give other answers).

Writing is atomic and durable: the index goes to a temporary file of its own in the target's
directory, is flushed to disk, and only then replaces the target (``os.replace``); on any
failure the temporary file is removed and the previous index stays whole.

>>> import tempfile, pathlib
>>> from namenorm.gazetteer.model import Entity, Gazetteer
>>> from namenorm.index.tables import Index
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.nnidx"
>>> g = Gazetteer([Entity("baku", "place", "Baku"), Entity("tbilisi", "place", "Tbilisi")])
>>> save_index(Index.build(g), path).name
'mine.nnidx'
>>> [e.id for e in load_index(path).entities]
['baku', 'tbilisi']
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from namenorm._config import Config
from namenorm._errors import IndexFormatError
from namenorm._files import check_path, read_at_most
from namenorm.index.answers import StoredAnswers
from namenorm.index.read import decode_index
from namenorm.index.tables import Index

__all__ = ["MAX_INDEX_BYTES", "load_index", "save_index", "write_atomic"]

#: A saved index over this size is refused from its size alone, before anything is read (the
#: whole file is read into memory).
MAX_INDEX_BYTES = 2**30


def save_index(
    index: Index,
    path: str | Path,
    *,
    yaml_digest: str | None = None,
    answers: StoredAnswers | None = None,
) -> Path:
    """Write ``index`` (with its entities) to ``path``, atomically; :func:`load_index` reads it
    back. ``yaml_digest`` records the gazetteer files it was built from (the bundled index);
    ``answers`` are stored with it (:mod:`namenorm.index.answers`; by default those it holds)."""
    from namenorm.index.write import encode_index  # imported here: loading does not need it

    path = Path(path)
    write_atomic(path, encode_index(index, yaml_digest=yaml_digest, answers=answers))
    return path


def write_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path`` through a temporary file in the same folder: flushed and
    synced to disk, given the rights of a new file, then renamed over ``path``."""
    import tempfile  # imported here: it costs a cold start (``namenorm lookup``) a few ms

    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        with open(tmp, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; give it normal rights
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_dir(path.parent)


def _sync_dir(folder: Path) -> None:
    """Make the rename durable too, where the system allows syncing a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def load_index(path: str | Path, config: Config | None = None) -> Index:
    """Read an index written by :func:`save_index`; :class:`IndexFormatError` for a file that
    is not one, is damaged, cannot be read, is over :data:`MAX_INDEX_BYTES`, or holds another
    format or other match keys; ``TypeError`` for a ``path`` that is not a str or path.

    With a ``config`` whose index settings (``edit_budget``, ``min_skeleton``) differ from the
    saved ones, the tables are rebuilt from the saved aliases.
    """
    check_path(path)  # open(True) would read file descriptor 1
    try:
        data = read_at_most(path, MAX_INDEX_BYTES)
    except OSError as exc:
        raise IndexFormatError(f"cannot read index {path}: {exc.strerror or exc}") from None
    if data is None:
        raise IndexFormatError(f"index {path} is over {MAX_INDEX_BYTES} bytes")
    try:
        return decode_index(data, config or Config())
    except IndexFormatError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, UnicodeDecodeError,
            OverflowError, RecursionError) as exc:
        raise IndexFormatError(f"{path} is not a valid namenorm index: {exc}") from None
