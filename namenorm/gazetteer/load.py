"""Loading gazetteer files: YAML read by :mod:`namenorm.gazetteer.yaml_io`, each entry checked by
:mod:`namenorm.gazetteer.validate`, and every problem of every file collected before one
:class:`~namenorm.GazetteerError` lists them, each naming file, line and entry.

The format is documented in ``docs/gazetteer.md``.

>>> validate_paths([])[0].message
'no gazetteer files given'
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from namenorm._checks import check_paths
from namenorm._errors import GazetteerError, GazetteerProblem
from namenorm.gazetteer import yaml_io
from namenorm.gazetteer.entity import Entity
from namenorm.gazetteer.validate import check_collisions, check_relations, parse_entity

__all__ = ["expand_paths", "load_paths", "validate_paths"]

# Where each entity was read: id -> (file, line).
_Lines = dict[str, tuple[str, int | None]]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the ``*.yaml``/``*.yml`` files of folders, in name order."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted([*p.glob("*.yaml"), *p.glob("*.yml")]))
        else:
            out.append(p)
    return out


def load_paths(
    paths: Iterable[str | Path], *, known_ids: Collection[str] = frozenset()
) -> list[Entity]:
    """Read and validate gazetteer files; raise :class:`GazetteerError` listing every problem.
    References may also name the ids in ``known_ids`` (a layer below these files)."""
    if isinstance(known_ids, (str, bytes)) or not isinstance(known_ids, Collection):
        raise TypeError(f"known_ids must be a collection of ids, not {type(known_ids).__name__}")
    entities, problems = _load(check_paths("paths", paths), known_ids)
    if problems:
        raise GazetteerError(problems)
    return entities


def validate_paths(paths: Iterable[str | Path]) -> list[GazetteerProblem]:
    """Every problem in these gazetteer files (an empty list when they are valid)."""
    return _load(check_paths("paths", paths))[1]


def _load(
    paths: Iterable[str | Path], known_ids: Collection[str] = frozenset()
) -> tuple[list[Entity], list[GazetteerProblem]]:
    problems: list[GazetteerProblem] = []
    entities: list[Entity] = []
    lines: _Lines = {}
    files = expand_paths(paths)
    if not files:
        problems.append(GazetteerProblem("<paths>", None, None, "no gazetteer files given"))
    for path in files:
        _load_file(path, entities, lines, problems)
    problems.extend(check_relations(entities, lines, known_ids))
    problems.extend(check_collisions(entities, lines))
    return entities, problems


def _load_file(
    path: Path, entities: list[Entity], lines: _Lines, problems: list[GazetteerProblem]
) -> None:
    """Add the entities of one file to ``entities`` and its problems to ``problems``."""
    data, item_lines, file_problems = yaml_io.read_yaml(path)
    problems.extend(file_problems)
    if file_problems or data is None:
        return  # an empty file holds no entities
    if not isinstance(data, list):
        problems.append(
            GazetteerProblem(str(path), 1, None, "the file must be a YAML list of entities")
        )
        return
    for item, item_line in zip(data, item_lines):
        line = _line(item) or item_line
        entity = parse_entity(item, str(path), problems, item_line)
        if entity is None:
            continue
        if entity.id in lines:
            other, first = lines[entity.id]
            problems.append(
                GazetteerProblem(
                    str(path), line, entity.id, f"duplicate id (first in {other}:{first})"
                )
            )
            continue
        lines[entity.id] = (str(path), line)
        entities.append(entity)


def _line(item: Any) -> int | None:
    return item.get("__line__") if isinstance(item, dict) else None
