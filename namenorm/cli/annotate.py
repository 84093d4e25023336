"""``namenorm annotate`` and ``namenorm normalize``: running text in, mentions or repaired text out."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from namenorm._errors import NamenormError
from namenorm.cli.common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    failed_lines,
    match_text,
    resolver_for,
)
from namenorm.cli.inputs import Lines, read_text
from namenorm.cli.lookup import run_file

if TYPE_CHECKING:
    from namenorm.batch.records import Record
    from namenorm.mentions.annotator import Mention

__all__ = ["ANNOTATE_FIELDS", "cmd_annotate", "cmd_normalize"]

#: Result columns of ``annotate --input``, after the prefix: a JSON array of mentions, an error.
ANNOTATE_FIELDS = ["mentions", "error"]


def cmd_annotate(args: argparse.Namespace, out: TextIO) -> int:
    """Annotate (or rewrite) each file, or every record of a batch file."""
    from namenorm import Annotator

    if args.input is not None:
        if args.files:
            raise NamenormError("give either FILE arguments or --input FILE, not both")
        if args.json or args.rewrite or args.explain:
            raise NamenormError("--json, --rewrite and --explain are for FILE arguments, not --input")
        return _annotate_file(args)
    if not args.files:
        args.files = ["-"]  # like ftfy and most filters: no file means standard input
    if args.workers != 1:
        raise NamenormError("--workers is for --input files")
    annotator = Annotator(
        resolver_for(args), demonyms=not args.no_demonyms, types=args.type or None
    )
    status = EXIT_OK
    for path in args.files:
        try:
            text = read_text(path)
        except NamenormError as exc:
            sys.stderr.write(f"namenorm: error: {exc}\n")
            status = EXIT_SOME_FAILED
            continue
        if args.rewrite and args.json:
            done = annotator.rewrite_explained(text)
            record = {"file": path, "text": done.text, "edits": [e.to_dict() for e in done.edits]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif args.rewrite:
            out.write(annotator.rewrite(text))
        else:
            _write_mentions(args, path, annotator.annotate(text), out)
    return status


def _write_mentions(
    args: argparse.Namespace, path: str, mentions: list[Mention], out: TextIO
) -> None:
    prefix = f"{path}:" if len(args.files) > 1 else ""
    for m in mentions:
        if args.json:
            d = {"file": path, **m.to_dict()}
            if args.explain:
                d["explanation"] = list(m.match.explanation)
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
            continue
        kind = " [demonym]" if m.kind == "demonym" else ""
        out.write(f"{prefix}{m.start}-{m.end}\t{m.text!r} -> {match_text(m.match)}{kind}\n")
        if args.explain:
            out.writelines(f"    - {step}\n" for step in m.match.explanation)


def _annotate_file(args: argparse.Namespace) -> int:
    from namenorm.batch.annotating import iter_annotate
    from namenorm.matching.match import check_types

    resolver = resolver_for(args)
    wanted = check_types(args.type or None)

    def answers(texts: Iterator[str | None]) -> Iterator[Any]:
        return iter_annotate(resolver, texts, demonyms=not args.no_demonyms, types=wanted,
                             workers=args.workers)

    def values(mentions: list[Mention] | None, record: Record) -> list[Any]:
        if mentions is None:
            return [None, record.error]
        return [[m.to_dict() for m in mentions], None]

    return run_file(args, "text", ANNOTATE_FIELDS, answers, values)


def cmd_normalize(args: argparse.Namespace, out: TextIO) -> int:
    """Print each text repaired (look-alikes, fragments, mojibake); ``-`` reads stdin lines."""
    from namenorm import normalize

    failed = 0
    interactive = "-" in args.texts
    for text, error in Lines(args.texts, sys.stdin.buffer):
        if error is not None:
            out.write(f"error: {error}\n")
            failed += 1
        else:
            out.write(normalize(text or "") + "\n")
        if interactive:
            out.flush()
    out.flush()
    return failed_lines(failed)


