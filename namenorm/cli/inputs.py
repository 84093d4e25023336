"""What the commands read: queries from arguments or stdin lines, and whole text files."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from namenorm._errors import NamenormError

__all__ = ["MAX_LINE_BYTES", "Lines", "has_surrogates", "read_lines", "read_text"]

#: A stdin line longer than this gets an error answer instead of being read into memory.
MAX_LINE_BYTES = 1 << 20


class Lines:
    """Queries from arguments or, with ``-``, from stdin: (query or None, error or None)."""

    def __init__(self, args: Sequence[str], stdin: BinaryIO) -> None:
        self.args = args
        self.stdin = stdin

    def __iter__(self) -> Iterator[tuple[str | None, str | None]]:
        for position, arg in enumerate(self.args, 1):
            if arg == "-":
                yield from self._stdin()
            elif has_surrogates(arg):
                # Python hands undecodable argument bytes over as lone surrogates, which
                # could not be written back out: answer them like undecodable stdin lines.
                yield None, f"argument {position} is not valid UTF-8"
            else:
                yield arg, None

    def _stdin(self) -> Iterator[tuple[str | None, str | None]]:
        for number, raw in enumerate(read_lines(self.stdin), 1):
            if raw is None:
                yield None, f"input line {number} is over {MAX_LINE_BYTES} bytes"
                continue
            try:
                yield raw.rstrip(b"\n").rstrip(b"\r").decode("utf-8"), None
            except UnicodeDecodeError as exc:
                yield None, f"input line {number} is not valid UTF-8 (byte {exc.start})"


def read_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Lines of ``stream``, None for a line over :data:`MAX_LINE_BYTES` (read past, never held:
    memory stays bounded whatever the input)."""
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(MAX_LINE_BYTES)
            yield None
            continue
        yield raw


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds lone surrogates (undecodable bytes of a command-line argument)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_text(path: str) -> str:
    """A whole file (or stdin for ``-``) as UTF-8, without newline translation, so that
    offsets into it are offsets into the file's text."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as exc:
        raise NamenormError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NamenormError(f"{path} is not valid UTF-8 (byte {exc.start})") from None
