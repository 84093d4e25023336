"""Reading gazetteer YAML: a safe loader (no tag can build an object) that records the line of
every entry, refuses duplicate keys and keeps a hostile file within limits.

>>> parse("- id: baku\\n  type: place\\n")
([{'id': 'baku', 'type': 'place', '__line__': 1}], [1])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # (types-PyYAML is not a dependency)

from namenorm._errors import GazetteerProblem
from namenorm._files import read_at_most
from namenorm.gazetteer.validate import show

__all__ = ["MAX_CHARS", "MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES", "parse", "read_yaml"]

#: Limits that keep a hostile file from exhausting memory or the stack: the size of a file, the
#: number of YAML nodes it holds once every alias is expanded (an "alias bomb" of nested anchors
#: is small on disk and huge when walked), and how deeply collections may nest.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NODES = 5_000_000
MAX_DEPTH = 64
#: Characters of all the scalars of a document once every alias is expanded: an alias of a long
#: string counts its length, so a file can expand to no more text than the largest file holds.
MAX_CHARS = MAX_FILE_BYTES


class _LineLoader(yaml.SafeLoader):  # type: ignore[misc]
    """Safe loader that records each mapping's line, refuses duplicate keys and limits nesting."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"collections nested more than {MAX_DEPTH} deep",
                    self.peek_event().start_mark,
                )  # fmt: skip
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _check_expanded_size(root: yaml.Node) -> None:
    """Refuse a document with more than :data:`MAX_NODES` nodes or :data:`MAX_CHARS` characters
    of scalars once each alias is counted as a copy of what it names, or with an alias inside
    the node it names. Linear in the nodes on disk: the size of a shared node is computed once."""
    size: dict[int, tuple[int, int]] = {}  # node -> (nodes, characters) expanded
    open_: set[int] = set()  # nodes whose children are being counted
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if isinstance(node, yaml.ScalarNode):
            size[key] = (1, len(node.value))
            continue
        if isinstance(node, yaml.MappingNode):
            children = [c for pair in node.value for c in pair]
        else:
            children = list(node.value)
        if not children_done:
            if key in size:
                continue
            if key in open_:  # reached from its own descendants
                raise yaml.composer.ComposerError(
                    None, None, "an alias refers to a node that contains it", node.start_mark
                )
            open_.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size)
            continue
        open_.discard(key)
        nodes = 1 + sum(size[id(c)][0] for c in children)
        chars = sum(size[id(c)][1] for c in children)
        if nodes > MAX_NODES:
            raise yaml.composer.ComposerError(
                None, None, f"the document expands to more than {MAX_NODES} nodes through "
                "aliases", root.start_mark,
            )  # fmt: skip
        if chars > MAX_CHARS:
            raise yaml.composer.ComposerError(
                None, None, f"the document expands to more than {MAX_CHARS} characters "
                "through aliases", root.start_mark,
            )  # fmt: skip
        size[key] = (nodes, chars)


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    try:
        value: int = loader.construct_yaml_int(node)
        return value
    except ValueError:  # Python refuses to convert integers of more than 4300 digits
        raise yaml.constructor.ConstructorError(
            None, None, "integer too long", node.start_mark
        ) from None


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, f"mapping key {show(key)} is not a string", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {show(key)}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def parse(text: str) -> tuple[Any, list[int]]:
    """Parse one YAML document with :class:`_LineLoader` and the limits above; also return the
    line of each item when the document is a list."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        _check_expanded_size(node)
        lines = []
        if isinstance(node, yaml.SequenceNode):
            lines = [item.start_mark.line + 1 for item in node.value]
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def read_yaml(path: Path) -> tuple[Any, list[int], list[GazetteerProblem]]:
    where = str(path)
    try:
        raw = read_at_most(path, MAX_FILE_BYTES)  # never past the limit: /dev/zero, 2 GB files
    except OSError as exc:
        problem = GazetteerProblem(where, None, None, f"cannot read: {exc.strerror or exc}")
        return None, [], [problem]
    if raw is None:
        problem = GazetteerProblem(where, None, None, f"file over {MAX_FILE_BYTES} bytes")
        return None, [], [problem]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [], [GazetteerProblem(where, line, None, "not UTF-8 text")]
    try:
        data, lines = parse(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at: int | None = mark.line + 1 if mark else None
        return None, [], [GazetteerProblem(where, at, None, f"YAML: {exc.problem or exc}")]
    except yaml.YAMLError as exc:
        return None, [], [GazetteerProblem(where, None, None, f"YAML: {exc}")]
    except RecursionError:  # a chain of nested aliases deeper than the stack
        return None, [], [GazetteerProblem(where, None, None, "YAML: nested too deeply")]
    return data, lines, []
