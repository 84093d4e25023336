"""Reading batch files a record at a time: CSV, TSV and JSON Lines, bounded in memory.

CSV records are found before they are parsed: a quoted field may hold line breaks, but a quote
left open (``"Yerevan,2`` and no closing quote) would swallow every later row into one field. A
record still open at the end of the input, or longer than :data:`MAX_RECORD_CHARS`, is answered
with an error at its first line, and reading goes on from the line after it: no row is lost.

JSON Lines records are parsed only to find the text and the keys; the writer splices the results
into the record's own text, so numbers, key order and repeated keys stay as written. Non-finite
numbers (``NaN``, ``Infinity``, ``1e999``), records nested too deep and texts with lone
surrogates are record errors.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from namenorm._errors import NamenormError
from namenorm.batch.records import MAX_RECORD_CHARS, Record

__all__ = ["Source", "dialect", "open_source"]

_UNDECODABLE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of bytes not UTF-8
_SURROGATE = re.compile("[\ud800-\udfff]")


def dialect(fmt: str) -> dict[str, Any]:
    """The ``csv`` module's options for ``fmt`` (TSV: plain tab-separated, quotes are data)."""
    if fmt == "tsv":
        return {"delimiter": "\t", "quoting": csv.QUOTE_NONE, "quotechar": None}
    return {}


class Source:
    """Records of a CSV, TSV or JSON Lines stream, with the text of ``column`` in each."""

    def __init__(self, stream: BinaryIO, fmt: str, column: str) -> None:
        self.fmt = fmt
        self.column = column
        self._stream = stream
        self.header: list[str] | None = None
        self._line = 0
        self._backlog: list[tuple[int, str | None]] = []  # lines to read again as records
        self._taken: list[tuple[int, str | None]] = []  # the later lines of the last record
        if fmt in ("csv", "tsv"):
            # A field may be as long as a record (the csv module's default is 131,072): the
            # bound is process-wide, so it is only ever raised.
            csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_CHARS))
            self._text = io.TextIOWrapper(
                stream, encoding="utf-8-sig", errors="surrogateescape", newline=""
            )
            self.header = self._read_header()
            if column not in self.header:
                shown = ", ".join(repr(h) for h in self.header[:20])
                raise NamenormError(f"no column {column!r} in the header ({shown})")
            self._at = self.header.index(column)

    def _read_header(self) -> list[str]:
        for first, text, error in self._physical_records():
            if error is not None:
                raise NamenormError(f"cannot read the header row: {error}")
            rows = list(csv.reader([text], **dialect(self.fmt)))
            return rows[0] if rows else []
        raise NamenormError("the input is empty: no header row")

    def close(self) -> None:
        """Close the file (not standard input)."""
        if self._stream is not sys.stdin.buffer:
            self._stream.close()

    def size(self) -> int | None:
        """The input's size in bytes when it is a regular file."""
        try:
            st = os.fstat(self._stream.fileno())
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            return None
        return st.st_size if stat.S_ISREG(st.st_mode) else None

    def position(self) -> int | None:
        """Bytes read so far (for progress), when the stream can tell."""
        try:
            return self._stream.tell()
        except (OSError, ValueError, AttributeError):
            return None

    def __iter__(self) -> Iterator[Record]:
        return self._csv() if self.header is not None else self._jsonl()

    # -- CSV and TSV ------------------------------------------------------------------------

    def _lines(self) -> Iterator[str | None]:
        """Physical lines (ends kept), None for a line over the record bound (read past)."""
        while True:
            line = self._text.readline(MAX_RECORD_CHARS + 1)
            if not line:
                return
            self._line += 1
            if len(line) > MAX_RECORD_CHARS and not line.endswith("\n"):
                while line and not line.endswith("\n"):
                    line = self._text.readline(MAX_RECORD_CHARS)
                yield None
                continue
            yield line

    def _physical_records(self) -> Iterator[tuple[int, str, str | None]]:
        """(first line, record text, error) of each record; a record left open is an error at
        its first line, and its later lines are read again as records of their own."""
        backlog = self._backlog
        lines = self._lines()
        while True:
            if backlog:
                number, line = backlog.pop(0)
            else:
                line = next(lines, "")
                if line == "":
                    return
                number = self._line
            if line is None:
                yield number, "", f"line {number} is over {MAX_RECORD_CHARS:,} characters"
                continue
            text, taken = self._complete(line, backlog, lines)
            if text is None:
                backlog[:0] = taken
                yield number, line, _never_closed(number)
                continue
            self._taken = taken
            yield number, text, None

    def _complete(
        self, line: str, backlog: list[tuple[int, str | None]], lines: Iterator[str | None]
    ) -> tuple[str | None, list[tuple[int, str | None]]]:
        """The whole record that starts with ``line``, or None (and the lines taken) when its
        quote never closes within the bound."""
        if self.fmt == "tsv" or not _open_quote(line, False):
            return line, []
        parts, size, quoted = [line], len(line), True
        taken: list[tuple[int, str | None]] = []
        while quoted:
            if backlog:
                number, more = backlog.pop(0)
            else:
                more = next(lines, "")
                number = self._line
                if more == "":
                    return None, taken
            taken.append((number, more))
            if more is None or size + len(more) > MAX_RECORD_CHARS:
                return None, taken
            parts.append(more)
            size += len(more)
            quoted = _open_quote(more, True)
        return "".join(parts), taken

    def _csv(self) -> Iterator[Record]:
        assert self.header is not None
        width = len(self.header)
        for line, text, error in self._physical_records():
            if error is not None:
                yield Record(line, self._cells(text, width), None, error)
                continue
            try:
                rows = list(csv.reader([text], **dialect(self.fmt)))
            except csv.Error as exc:
                yield Record(line, [""] * width, None, f"line {line}: {exc}")
                continue
            row = rows[0] if rows else []
            if self._taken and len(row) != width:
                # Quoted line breaks that leave the row the wrong shape: a quote left open
                # that a later quote closed. Its later lines are records of their own.
                first = text[: len(text) - sum(len(more or "") for _, more in self._taken)]
                self._backlog[:0] = self._taken
                yield Record(line, self._cells(first, width), None, _never_closed(line))
                continue
            yield self._row_record(line, row, width)

    def _cells(self, text: str, width: int) -> list[str]:
        """The fields of a broken record's first line, as far as they go (kept in the output)."""
        rows = list(csv.reader([text.rstrip("\r\n")], **dialect(self.fmt)))
        row = rows[0] if rows else []
        return row + [""] * (width - len(row))

    def _row_record(self, line: int, row: list[str], width: int) -> Record:
        if not row:  # a blank line: a row of empty fields, an empty name
            return Record(line, [""] * width, "", None)
        if len(row) > width:
            return Record(line, row, None, f"line {line} has {len(row)} fields, the header has {width}")
        padded = row + [""] * (width - len(row))
        if self._at >= len(row):
            return Record(line, padded, None,
                          f"line {line} has only {len(row)} of {width} fields: no {self.column!r}")
        if _UNDECODABLE.search(row[self._at]):
            return Record(line, padded, None, f"line {line}: {self.column!r} is not valid UTF-8")
        return Record(line, padded, row[self._at], None)

    # -- JSON Lines -------------------------------------------------------------------------

    def _jsonl(self) -> Iterator[Record]:
        line = 0
        while True:
            raw = self._stream.readline(4 * MAX_RECORD_CHARS + 1)
            if not raw:
                return
            line += 1
            if len(raw) > 4 * MAX_RECORD_CHARS and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):
                    raw = self._stream.readline(4 * MAX_RECORD_CHARS)
                yield Record(line, None, None, f"line {line} is over {MAX_RECORD_CHARS:,} characters")
                continue
            yield _json_record(line, raw.rstrip(b"\n").rstrip(b"\r"), self.column)


def _never_closed(line: int) -> str:
    return f"line {line} has a quote that is never closed"


def _open_quote(line: str, quoted: bool) -> bool:
    """Whether a CSV quote is still open after ``line``, given whether one was open before it
    (a quote opens a field only at the field's start; ``""`` inside quotes is a quote)."""
    if '"' not in line:
        return quoted
    at_start = not quoted
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if quoted:
            if c == '"':
                if i + 1 < n and line[i + 1] == '"':
                    i += 1
                else:
                    quoted = False
        elif c == '"' and at_start:
            quoted = True
        at_start = c in ",\r\n" and not quoted
        i += 1
    return quoted


class _Refused(ValueError):
    """A JSON value this reader does not accept (a non-finite number)."""


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(f"the number {text} is not finite")
    return value


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number")


def _json_record(line: int, raw: bytes, column: str) -> Record:
    try:
        decoded = raw.decode("utf-8-sig" if line == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return Record(line, None, None, f"line {line} is not valid UTF-8 (byte {exc.start})",
                      raw.decode("utf-8", "backslashreplace"))
    keys: list[tuple[str, Any]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys[:] = items  # the outermost object is decoded last
        return dict(items)

    try:
        obj = json.loads(decoded, object_pairs_hook=pairs, parse_float=_finite,
                         parse_constant=_constant)
    except _Refused as exc:
        return Record(line, None, None, f"line {line}: {exc}", decoded)
    except RecursionError:
        return Record(line, None, None, f"line {line} is nested too deep", decoded)
    except ValueError as exc:
        what = "is empty" if not decoded.strip() else f"is not JSON ({exc})"
        return Record(line, None, None, f"line {line} {what}", decoded)
    if not isinstance(obj, dict):
        return Record(line, None, None,
                      f"line {line} is a JSON {type(obj).__name__}, not an object", decoded)
    names = tuple(k for k, _ in keys)
    return Record(line, obj, *_json_text(line, obj, column), decoded, names)


def _json_text(line: int, obj: dict[str, Any], column: str) -> tuple[str | None, str | None]:
    if column not in obj:
        return None, f"line {line} has no field {column!r}"
    value = obj[column]
    if not isinstance(value, str):
        kind = "null" if value is None else type(value).__name__
        return None, f"line {line}: {column!r} is {kind}, not a string"
    if _SURROGATE.search(value):
        return None, f"line {line}: {column!r} holds half a character (a lone surrogate escape)"
    return value, None


def open_source(path: str, fmt: str, column: str) -> Source:
    """A :class:`Source` on ``path`` (``-``: standard input)."""
    if path == "-":
        return Source(sys.stdin.buffer, fmt, column)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed by the caller through the Source
    except OSError as exc:
        raise NamenormError(f"cannot read {path}: {exc.strerror}") from None
    return Source(stream, fmt, column)
