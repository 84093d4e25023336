"""Writing batch results: the records with result fields added, into a file that appears whole.

An output file is written to a temporary file in its folder and renamed over the target only when
the run ends well, so an error, Ctrl-C or a kill midway leaves the previous file as it was. A
symbolic link is written through (its target is replaced, the link stays). An output that is the
input (a file, or the file standard input reads), a folder, a FIFO or a device is refused before
anything is read.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
import sys
import tempfile
from typing import Any, BinaryIO

from namenorm._errors import NamenormError
from namenorm.batch.read import dialect
from namenorm.batch.records import Record

__all__ = ["AtomicFile", "Sink", "check_output", "open_sink"]


class AtomicFile:
    """A binary file written beside ``path`` and renamed over it by :meth:`commit`."""

    def __init__(self, path: str) -> None:
        self.path: str = os.path.realpath(path)  # through a symlink: the link itself stays
        folder = os.path.dirname(self.path) or "."
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(self.path)}.", suffix=".tmp",
                                   dir=folder)
        self.tmp: str = tmp
        self.stream: BinaryIO = os.fdopen(fd, "wb")

    def commit(self) -> None:
        """Flush, sync and put the file in place (with the old file's mode, if there was one)."""
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.chmod(self.tmp, _mode_for(self.path))
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        """Drop the temporary file; the target stays as it was."""
        with contextlib.suppress(OSError):
            self.stream.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)


def _mode_for(path: str) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_output(path: str, inputs: list[str]) -> None:
    """Refuse an output path that is an input, a folder, a FIFO or a device (``-`` is stdout)."""
    if path == "-":
        return
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise NamenormError(f"cannot write {path}: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise NamenormError(f"{path} is a folder; give a file name for the output")
    if not stat.S_ISREG(st.st_mode):
        raise NamenormError(f"{path} is not a regular file (a FIFO, socket or device)")
    for source in inputs:
        if _same_file(st, source):
            raise NamenormError(f"{path} is also the input; write the output elsewhere")


def _same_file(st: os.stat_result, source: str) -> bool:
    try:
        other = os.fstat(sys.stdin.fileno()) if source == "-" else os.stat(source)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False
    return (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino)


class Sink:
    """Writes records with the result fields added, in the chosen format."""

    def __init__(
        self, stream: BinaryIO, fmt: str, header: list[str] | None, prefix: str, names: list[str]
    ) -> None:
        self.fmt: str = fmt
        self.header: list[str] | None = header
        self.fields: list[str] = [prefix + n for n in names]
        fields = self.fields
        self.error_field: str = prefix + "error"
        self.input_field: str = prefix + "input"
        self._text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape",
                                      newline="" if fmt != "jsonl" else "\n", write_through=False)
        if fmt in ("csv", "tsv"):
            assert header is not None, "checked by open_sink"
            self._width = len(header)
            self._writer = csv.writer(self._text, lineterminator="\n", **dialect(fmt))
            # Lines end in "\n", so the csv module would leave a lone "\r" in a field unquoted
            # (and readers would break the row there): such rows are written fully quoted.
            self._quote_all = csv.writer(self._text, lineterminator="\n", quoting=csv.QUOTE_ALL)
            self._writerow(header + fields)

    def write(self, record: Record, values: list[Any]) -> bool:
        """Write ``record`` with the result ``values`` (in the order of ``fields``); False when
        the results could not be added (a JSON record already has a field of that name)."""
        results = dict(zip(self.fields, values))
        if self.fmt in ("csv", "tsv"):
            row = list(record.values)
            extra = row[self._width :]
            cells = ["" if v is None else _cell(v) for v in results.values()]
            self._writerow(row[: self._width] + cells + extra)
            return True
        return self._write_json(record, results)

    def _write_json(self, record: Record, results: dict[str, Any]) -> bool:
        if isinstance(record.values, dict) and record.raw is not None:
            clash = [k for k in results if k in (record.keys or ())]
            if clash:  # never overwrite input: answer nothing, say why, keep the record as is
                results = {k: None for k in results}
                results[self.error_field] = (
                    f"line {record.line} already has a field {clash[0]!r}; choose another --prefix"
                )
                for k in clash:
                    results.pop(k)
            self._text.write(_splice(record.raw, _pairs(results.items())) + "\n")
            return not clash
        if isinstance(record.values, list) and self.header is not None:  # CSV or TSV in
            named = list(zip(self.header, record.values))
            named += [(f"{self.input_field}_extra", record.values[len(self.header):])] if len(
                record.values) > len(self.header) else []
            self._text.write("{" + _pairs([*named, *results.items()]) + "}\n")
            return True
        obj = dict(results)
        obj[self.input_field] = record.raw
        self._text.write(json.dumps(obj, ensure_ascii=False) + "\n")
        return True

    def _writerow(self, cells: list[str]) -> None:
        if self.fmt == "tsv":
            cells = [_tsv_cell(c) for c in cells]
        if self.fmt == "csv" and any("\r" in c for c in cells):
            self._quote_all.writerow(cells)
        else:
            self._writer.writerow(cells)

    def flush(self) -> None:
        """Push everything written so far to the stream."""
        self._text.flush()

    def close(self) -> None:
        """Flush everything, and close the file (not standard output)."""
        self._text.flush()
        raw = self._text.detach()
        if raw is not sys.stdout.buffer:
            raw.close()


def _pairs(items: Any) -> str:
    return ", ".join(
        f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in items
    )


def _splice(text: str, pairs: str) -> str:
    """A JSON object's own text with ``pairs`` added before its closing brace."""
    body = text.rstrip()
    inner = body[: body.rfind("}")].rstrip()
    if not pairs:
        return body
    return f"{inner}{'' if inner.endswith('{') else ', '}{pairs}}}"


def _cell(value: Any) -> str:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _tsv_cell(text: str) -> str:
    """A TSV cell cannot hold a tab or a line break: they are written as ``\\t``, ``\\n``, ``\\r``."""
    if "\t" in text or "\n" in text or "\r" in text:
        return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def open_sink(path: str, fmt: str, header: list[str] | None, prefix: str, names: list[str],
              source_path: str) -> tuple[Sink, AtomicFile | None]:
    """A :class:`Sink` on ``path`` (``-``: standard output) and the :class:`AtomicFile` to commit
    when the run ends well. Every check comes before anything is written."""
    if fmt in ("csv", "tsv"):
        if header is None:
            raise NamenormError("CSV or TSV output needs CSV or TSV input (it has a header)")
        clash = sorted(set(header) & {prefix + n for n in names})
        if clash:
            raise NamenormError(
                f"the input already has a column {clash[0]!r}; choose another --prefix"
            )
    check_output(path, [source_path])
    if path == "-":
        return Sink(sys.stdout.buffer, fmt, header, prefix, names), None
    try:
        target = AtomicFile(path)
    except OSError as exc:
        raise NamenormError(f"cannot write {path}: {exc.strerror}") from None
    return Sink(target.stream, fmt, header, prefix, names), target
