"""Batch files for the CLI: read CSV, TSV or JSON Lines a record at a time, write them back with
result columns added.

Every input record gives exactly one output record, in order, whatever is wrong with it: a record
that cannot be processed keeps its place, with the reason in the error column. Input columns pass
through unchanged (bytes that are not UTF-8 in other columns of a CSV or TSV row are written back
as they came). Memory stays constant: one record is read, resolved and written at a time (with
``--workers``, a bounded number of chunks are in flight).

The result columns are the prefix (``namenorm_`` unless told otherwise) followed by ``id``,
``name``, ``type``, ``score``, ``method`` and ``error`` for lookup, ``mentions`` and ``error`` for
annotate.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from namenorm._errors import NamenormError

__all__ = ["FORMATS", "Progress", "Record", "Sink", "Source", "format_of", "open_sink", "open_source"]

FORMATS = ("csv", "tsv", "jsonl")
_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of bytes not UTF-8


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


def _dialect(fmt: str) -> dict[str, Any]:
    if fmt == "tsv":  # plain tab-separated values: quotes are data, not quoting
        return {"delimiter": "\t", "quoting": csv.QUOTE_NONE, "quotechar": None}
    return {}


class Source:
    """Records of a CSV, TSV or JSON Lines stream, with the text of ``column`` in each."""

    def __init__(self, stream: BinaryIO, fmt: str, column: str) -> None:
        self.fmt = fmt
        self.column = column
        self._stream = stream
        self.header: list[str] | None = None
        if fmt in ("csv", "tsv"):
            self._text = io.TextIOWrapper(
                stream, encoding="utf-8-sig", errors="surrogateescape", newline=""
            )
            self._reader = csv.reader(self._text, **_dialect(fmt))
            try:
                self.header = next(self._reader)
            except StopIteration:
                raise NamenormError("the input is empty: no header row") from None
            except csv.Error as exc:
                raise NamenormError(f"cannot read the header row: {exc}") from None
            if column not in self.header:
                shown = ", ".join(repr(h) for h in self.header[:20])
                raise NamenormError(f"no column {column!r} in the header ({shown})")
            self._at = self.header.index(column)

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
        import stat

        return st.st_size if stat.S_ISREG(st.st_mode) else None

    def position(self) -> int | None:
        """Bytes read so far (for progress), when the stream can tell."""
        try:
            return self._stream.tell()
        except (OSError, ValueError, AttributeError):
            return None

    def __iter__(self) -> Iterator[Record]:
        return self._csv() if self.header is not None else self._jsonl()

    def _csv(self) -> Iterator[Record]:
        assert self.header is not None
        width, at, column = len(self.header), self._at, self.column
        reader = self._reader
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                # The csv module cannot resume after a broken quoted field: report and stop.
                raise NamenormError(f"line {reader.line_num}: {exc}") from None
            line = reader.line_num
            if not row:  # a blank line: a row of empty fields, an empty name
                yield Record(line, [""] * width, "", None)
            elif len(row) > width:
                yield Record(line, row, None,
                             f"line {line} has {len(row)} fields, the header has {width}")
            elif at >= len(row):
                yield Record(line, row + [""] * (width - len(row)), None,
                             f"line {line} has only {len(row)} of {width} fields: no {column!r}")
            else:
                cell: str | None = row[at]
                error = None
                if _UNDECODABLE.search(row[at]):
                    error = f"line {line}: {column!r} is not valid UTF-8"
                    cell = None
                yield Record(line, row + [""] * (width - len(row)), cell, error)

    def _jsonl(self) -> Iterator[Record]:
        column = self.column
        for line, raw in enumerate(self._stream, 1):
            raw = raw.rstrip(b"\n").rstrip(b"\r")
            try:
                decoded = raw.decode("utf-8-sig" if line == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield Record(line, None, None,
                             f"line {line} is not valid UTF-8 (byte {exc.start})",
                             raw.decode("utf-8", "backslashreplace"))
                continue
            try:
                obj = json.loads(decoded)
            except ValueError as exc:
                what = "is empty" if not decoded.strip() else f"is not JSON ({exc})"
                yield Record(line, None, None, f"line {line} {what}", decoded)
                continue
            if not isinstance(obj, dict):
                yield Record(line, None, None,
                             f"line {line} is a JSON {type(obj).__name__}, not an object", decoded)
                continue
            if column not in obj:
                yield Record(line, obj, None, f"line {line} has no field {column!r}")
                continue
            value = obj[column]
            if not isinstance(value, str):
                kind = "null" if value is None else type(value).__name__
                yield Record(line, obj, None, f"line {line}: {column!r} is {kind}, not a string")
                continue
            yield Record(line, obj, value, None)


class Sink:
    """Writes records with the result fields added, in the chosen format."""

    def __init__(
        self, stream: BinaryIO, fmt: str, header: list[str] | None, prefix: str, names: list[str]
    ) -> None:
        self.fmt = fmt
        self.fields = fields = [prefix + n for n in names]
        self.error_field = prefix + "error"
        self.input_field = prefix + "input"
        if fmt in ("csv", "tsv"):
            assert header is not None, "checked by open_sink"
            self._width = len(header)
            self._text = io.TextIOWrapper(
                stream, encoding="utf-8", errors="surrogateescape", newline="", write_through=False
            )
            self._writer = csv.writer(self._text, lineterminator="\n", **_dialect(fmt))
            # Lines end in "\n", so the csv module would leave a lone "\r" in a field unquoted
            # (and readers would break the row there): such rows are written fully quoted.
            self._quote_all = csv.writer(self._text, lineterminator="\n", quoting=csv.QUOTE_ALL)
            self._writerow(header + fields)
        else:
            self._text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")

    def write(self, record: Record, values: list[Any]) -> bool:
        """Write ``record`` with the result ``values`` (in the order of ``fields``); False when
        the results could not be added (a JSON record already has a field of that name)."""
        results = dict(zip(self.fields, values))
        if self.fmt in ("csv", "tsv"):
            row = list(record.values)
            extra = row[self._width :]
            cells = ["" if v is None else _cell(v, self.fmt) for v in results.values()]
            self._writerow(row[: self._width] + cells + extra)
            return True
        if isinstance(record.values, dict):
            obj = dict(record.values)
            clash = [k for k in results if k in obj]
            if clash:  # never overwrite input: answer nothing, say why, keep the record as is
                results = {k: None for k in results}
                results[self.error_field] = (
                    f"line {record.line} already has a field {clash[0]!r}; choose another --prefix"
                )
                for k in clash:
                    results.pop(k)
                obj.update(results)
                self._text.write(json.dumps(obj, ensure_ascii=False) + "\n")
                return False
            obj.update(results)
        else:
            obj = dict(results)
            obj[self.input_field] = record.raw
        self._text.write(json.dumps(obj, ensure_ascii=False) + "\n")
        return True

    def _writerow(self, cells: list[str]) -> None:
        if self.fmt == "csv" and any("\r" in c for c in cells):
            self._quote_all.writerow(cells)
        else:
            self._writer.writerow(cells)

    def close(self) -> None:
        """Flush everything, and close the file (not standard output)."""
        self._text.flush()
        raw = self._text.detach()
        if raw is not sys.stdout.buffer:
            raw.close()


def _cell(value: Any, fmt: str) -> str:
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    if fmt == "tsv":
        text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return text


def open_source(path: str, fmt: str, column: str) -> Source:
    """A :class:`Source` on ``path`` (``-``: standard input)."""
    if path == "-":
        return Source(sys.stdin.buffer, fmt, column)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed by the caller through the Source
    except OSError as exc:
        raise NamenormError(f"cannot read {path}: {exc.strerror}") from None
    return Source(stream, fmt, column)


def open_sink(path: str, fmt: str, header: list[str] | None, prefix: str, names: list[str],
              source_path: str) -> Sink:
    """A :class:`Sink` on ``path`` (``-``: standard output); never the input file itself.
    Every check comes before the file is opened, so a refused run leaves it untouched."""
    if fmt in ("csv", "tsv"):
        if header is None:
            raise NamenormError("CSV or TSV output needs CSV or TSV input (it has a header)")
        clash = sorted(set(header) & {prefix + n for n in names})
        if clash:
            raise NamenormError(
                f"the input already has a column {clash[0]!r}; choose another --prefix"
            )
    if path == "-":
        return Sink(sys.stdout.buffer, fmt, header, prefix, names)
    if source_path != "-" and os.path.exists(path) and os.path.samefile(path, source_path):
        raise NamenormError(f"{path} is the input file; write the output elsewhere")
    try:
        stream = open(path, "wb")  # noqa: SIM115 - closed by Sink.close's caller
    except OSError as exc:
        raise NamenormError(f"cannot write {path}: {exc.strerror}") from None
    return Sink(stream, fmt, header, prefix, names)


class Progress:
    """A one-line progress report on stderr, redrawn at most a few times a second."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.enabled = enabled
        self.total = total
        self.start = self.last = time.monotonic()
        self.rows = 0

    def update(self, rows: int, position: int | None) -> None:
        self.rows = rows
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        self._draw(now, position)

    def _draw(self, now: float, position: int | None) -> None:
        rate = self.rows / max(now - self.start, 1e-9)
        share = ""
        if self.total and position is not None:
            share = f" ({min(100, 100 * position // self.total)}%)"
        sys.stderr.write(f"\rnamenorm: {self.rows:,} rows{share}, {rate:,.0f} rows/s ")
        sys.stderr.flush()

    def close(self, position: int | None) -> None:
        if self.enabled:
            self._draw(time.monotonic(), position)
            sys.stderr.write("\n")
            sys.stderr.flush()
