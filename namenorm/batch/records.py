"""Records of batch files: the formats, one input record, and the bounds every reader keeps.

Every input record gives exactly one output record, in order, whatever is wrong with it: a record
that cannot be processed keeps its place, with the reason in the error column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "FORMATS", "MAX_JSON_DEPTH", "MAX_RECORD_CHARS", "Record", "format_of",
]  # fmt: skip

FORMATS = ("csv", "tsv", "jsonl")
_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}

#: A record (a CSV or TSV row, quoted line breaks included, or a JSON line) longer than this many
#: characters is answered with an error and skipped, never held whole in memory.
MAX_RECORD_CHARS = 4 << 20
#: JSON objects and arrays nested deeper than this in a JSON Lines record are refused.
MAX_JSON_DEPTH = 64


def format_of(path: str, given: str | None) -> str | None:
    """The format named by ``given``, else by the file's extension; None when neither says."""
    if given:
        return given
    return _EXTENSIONS.get(Path(path).suffix.lower()) if path != "-" else None


@dataclass
class Record:
    """One input record: where it was, what it holds, its text (or why there is none)."""

    line: int
    values: Any  # a list of fields (CSV, TSV), a dict (JSON Lines) or None (unparsable line)
    text: str | None
    error: str | None
    raw: str | None = None  # the line itself, for a JSON line that could not be parsed
    keys: tuple[str, ...] | None = None  # a JSON object's keys, in order, repeats included
