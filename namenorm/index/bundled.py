"""The bundled index: the gazetteer in ``gazetteer/*.yaml`` compiled into
``namenorm/_data/bundled.nnidx`` (the saved-index format of :mod:`namenorm.index.store`), so
that the first lookup neither parses YAML nor computes keys.

``scripts/build_index.py`` writes it. The file records :func:`yaml_digest` (a hash of the YAML
files' names and bytes: data, never code) and the :data:`~namenorm.keys.KEYS_VERSION` of its keys;
:func:`load_bundled` uses it while both match and otherwise builds the index from the YAML, so a
stale file can slow the first lookup but never change an answer. ``tests/test_compiled.py`` fails
while the committed file is stale or answers otherwise than an index built from the YAML now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from namenorm._config import Config
from namenorm._errors import IndexFormatError
from namenorm.gazetteer.model import Gazetteer, default_paths, installed_copy
from namenorm.index.answers import StoredAnswers
from namenorm.index.binary import map_file, read_header
from namenorm.index.read import decode_index
from namenorm.index.store import save_index
from namenorm.index.tables import Index
from namenorm.keys import KEYS_VERSION

__all__ = ["build_bundled", "bundled_path", "is_fresh", "load_bundled", "write_bundled",
           "yaml_digest"]


def bundled_path() -> Path:
    """Where the compiled bundled gazetteer lives inside the package."""
    return Path(__file__).resolve().parent.parent / "_data" / "bundled.nnidx"


def yaml_digest(paths: list[Path]) -> str:
    """SHA-256 over gazetteer files: their names and bytes."""
    import hashlib  # a checkout's start and builds only: an installed wheel never hashes

    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def is_fresh(head: dict[str, Any], paths: list[Path]) -> bool:
    """Whether a saved index's header says it holds these YAML files under this release's keys."""
    return head.get("keys_version") == KEYS_VERSION and head.get("yaml_digest") == yaml_digest(paths)


def load_bundled(config: Config | None = None) -> Index:
    """The bundled index: from the compiled file while it is fresh, else built from YAML.

    In an installed wheel the YAML and the compiled file were packed together by one build
    (and ``tests/test_lazy_import.py`` fails a checkout whose compiled file is stale), so only
    the match keys' version is checked there; in a checkout, whose YAML its users edit, the
    digest of the YAML is compared too.
    """
    paths = default_paths()
    try:
        data = map_file(str(bundled_path()))  # sections are paged in as they are used
        head = read_header(data)[0]
        if head.get("keys_version") == KEYS_VERSION and (installed_copy() or is_fresh(head, paths)):
            # The package's own file: tests/test_compiled.py decodes it with every check on.
            return decode_index(data, config or Config(), checked=False)
    except (OSError, IndexFormatError):
        pass
    return build_bundled(paths, config)


def build_bundled(paths: list[Path], config: Config | None = None) -> Index:
    """The bundled index built from its YAML files."""
    from namenorm.gazetteer.load import load_paths  # PyYAML only when YAML is read

    # Sources name the file within the gazetteer ("gazetteer/states.yaml:12"), never the path
    # of the checkout that built it: the compiled file must not depend on where it was built.
    entities = [
        replace(e, source=f"gazetteer/{Path(e.source).name}") if e.source else e
        for e in load_paths(paths)
    ]
    return Index.build(Gazetteer(entities), config)


def write_bundled(answers: Callable[[Index], StoredAnswers | None] | None = None) -> Path:
    """Compile the bundled YAML into :func:`bundled_path` (used by scripts/build_index.py),
    with the answers that ``answers`` computes for the index (see
    :func:`namenorm.matching.stored.compute_answers`), if given."""
    paths = default_paths()
    out = bundled_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    index = build_bundled(paths)
    stored = None if answers is None else answers(index)
    return save_index(index, out, yaml_digest=yaml_digest(paths), answers=stored)
