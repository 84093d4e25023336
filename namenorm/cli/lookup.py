"""``namenorm lookup``: names from arguments, stdin lines or a batch file, answered in order."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from namenorm._errors import NamenormError
from namenorm.cli.common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    failed_lines,
    match_json,
    match_text,
    plural,
    resolver_for,
    shown,
)  # fmt: skip
from namenorm.cli.inputs import Lines

if TYPE_CHECKING:
    from namenorm.batch.records import Record
    from namenorm.matching.resolver import Match, Resolver

__all__ = ["LOOKUP_FIELDS", "cmd_lookup", "is_reference", "run_file", "xref_text"]

#: Result columns of ``lookup --input``, after the prefix (``namenorm_`` by default).
LOOKUP_FIELDS = ["id", "name", "type", "score", "method", "error"]

Answers = Callable[[Iterator[str | None]], Iterator[Any]]
Values = Callable[[Any, "Record"], list[Any]]


def cmd_lookup(args: argparse.Namespace, out: TextIO) -> int:
    """Resolve every query; exit 1 when some input could not be asked. With ``--xref``, a
    query written ``SCHEME:ID`` (``iso3166:AM``) is looked up by that identifier: as for
    ``namenorm info``, an unknown one among the arguments stops the command (exit 2) before
    any output; one read from stdin gets an error answer in its place (exit 1)."""
    _check_lookup_args(args)
    resolver = resolver_for(args)
    types = args.type or None
    if args.input is not None:
        return _lookup_file(args, resolver, types)
    for query in args.queries:
        if query != "-" and _by_reference(args, query):
            resolver.by_id(query)  # UnknownIdError: exit 2, before any output
    # Reading stdin, answer each line as soon as it is resolved: a program that writes a name
    # and waits for its answer (a co-process) must not wait on our output buffer. With
    # --workers N, lines are resolved in chunks on N processes: answers come in order, in bursts.
    interactive = "-" in args.queries
    pending: deque[tuple[str | None, str | None]] = deque()

    def queries() -> Iterator[str | None]:
        for query, error in Lines(args.queries, sys.stdin.buffer):
            pending.append((query, error))
            # an identifier is looked up by _answer, not resolved as a name
            yield None if _by_reference(args, query) else query

    answers: Iterator[Match | None | str]
    if args.workers == 1:
        answers = ("resolve" for _ in queries())  # resolved by _answer, one by one
    else:
        answers = resolver.iter_resolve(queries(), types=types, errors="none",
                                        workers=args.workers)
    failed = 0
    for match in answers:
        query, error = pending.popleft()
        if error is None and _by_reference(args, query):
            match, error = _identified(resolver, query, types)  # type: ignore[arg-type]
        if error is not None:
            failed += 1
            _error_line(args, error, out)
        elif query is not None:
            _answer(resolver, query, args, types, out, match)
        if interactive:
            out.flush()
    out.flush()
    return failed_lines(failed)


def _check_lookup_args(args: argparse.Namespace) -> None:
    if args.input is not None:
        if args.queries:
            raise NamenormError("give either QUERY arguments or --input FILE, not both")
        if args.limit or args.explain or args.json or args.xref:
            raise NamenormError(
                "--limit, --explain, --json and --xref are for queries, not --input files"
            )
    elif not args.queries:
        raise NamenormError("nothing to look up: give QUERY arguments, - for stdin, or --input FILE")
    if args.limit and args.workers != 1:
        raise NamenormError("--limit needs --workers 1")


def _error_line(args: argparse.Namespace, error: str, out: TextIO) -> None:
    if args.json:
        out.write(json.dumps(match_json(None, None, error), ensure_ascii=False) + "\n")
    else:
        out.write(f"error: {error}\n")


def _answer(
    resolver: Resolver, query: str, args: argparse.Namespace, types: Any, out: TextIO,
    match: Match | None | str,
) -> None:
    if isinstance(match, str):  # not resolved yet (no worker did it)
        match = resolver.resolve(query, types=types)
    cands = []
    if args.limit and not _by_reference(args, query):  # an identifier has one answer
        cands = resolver.candidates(query, limit=args.limit, types=types)
    if args.json:
        out.write(json.dumps(_answer_json(resolver, query, args, match, cands),
                             ensure_ascii=False) + "\n")  # explanation included
        return
    out.write(f"{shown(query)} -> {match_text(match) if match else 'no match'}\n")
    if args.xref and match is not None:
        out.write(f"    xrefs: {xref_text(resolver, match)}\n")
    if args.explain and match is not None:
        out.writelines(f"    - {step}\n" for step in match.explanation)
    for c in cands:
        out.write(f"    candidate: {match_text(c)}\n")
        if args.xref:
            out.write(f"        xrefs: {xref_text(resolver, c)}\n")


def _answer_json(
    resolver: Resolver, query: str, args: argparse.Namespace, match: Match | None,
    cands: list[Match],
) -> dict[str, Any]:
    def one(m: Match | None) -> dict[str, Any]:
        d = match_json(query, m)
        if args.xref:  # null without a match, {} for an entity with no identifiers
            d["xrefs"] = None if m is None else dict(sorted(resolver.by_id(m.id).xrefs.items()))
        return d

    d = one(match)
    if args.limit:
        d["candidates"] = [one(c) for c in cands]
    return d


#: A query that ``lookup --xref`` takes for an identifier: a scheme, a colon, an id, no spaces.
_REFERENCE = re.compile(r"[A-Za-z][A-Za-z0-9-]*:[^\s:]+")


def is_reference(query: str) -> bool:
    """Whether ``lookup --xref`` looks ``query`` up as ``SCHEME:ID`` (``iso3166:AM``,
    ``geonames:616052``) rather than resolving it as a name.

    >>> is_reference("wikidata:Q399"), is_reference("Baku"), is_reference("Baku: the capital")
    (True, False, False)
    """
    return _REFERENCE.fullmatch(query) is not None


def _by_reference(args: argparse.Namespace, query: str | None) -> bool:
    """Whether ``query`` is looked up by identifier (``--xref`` and a ``SCHEME:ID`` query)."""
    return bool(args.xref and query and is_reference(query))


def _identified(
    resolver: Resolver, query: str, types: list[str] | None
) -> tuple[Match | None, str | None]:
    """The entity an identifier names as a match of method ``xref`` (score 1; None if its type
    is not among ``types``), or the error answer of an unknown identifier."""
    from namenorm._errors import UnknownIdError
    from namenorm.gazetteer.entity import xref_key
    from namenorm.matching.match import Match

    try:
        entity = resolver.by_id(query)
    except UnknownIdError as exc:
        return None, str(exc)
    if types and entity.type not in types:
        return None, None
    scheme, value = xref_key(*query.split(":"))
    ref = f"{scheme}:{value}"
    return Match(
        id=entity.id, name=entity.name, type=entity.type, score=1.0, method="xref", alias=ref,
        alias_kind="xref", alias_lang=None, query=query,
        explanation=(f"identifier {ref} of {entity.id}", "score 1.000"),
    ), None


def xref_text(resolver: Resolver, match: Match) -> str:
    """The identifiers of a match's entity as ``SCHEME:ID`` words (the form ``namenorm info``
    takes), or ``none``."""
    xrefs = resolver.by_id(match.id).xrefs
    return " ".join(f"{k}:{v}" for k, v in sorted(xrefs.items())) or "none"


def _lookup_file(args: argparse.Namespace, resolver: Resolver, types: Any) -> int:
    def answers(texts: Iterator[str | None]) -> Iterator[Match | None]:
        return resolver.iter_resolve(texts, types=types, errors="none", workers=args.workers)

    def values(match: Match | None, record: Record) -> list[Any]:
        if match is None:
            return [None] * 5 + [record.error]
        return [match.id, match.name, match.type, match.score, match.method, None]

    return run_file(args, "name", LOOKUP_FIELDS, answers, values)


def run_file(
    args: argparse.Namespace, column: str, fields: list[str], answers: Answers, values: Values
) -> int:
    """Stream ``--input`` to ``--output``: one record out per record in, in order, with
    ``values(answer, record)`` in the result ``fields``; exit 1 if any record failed."""
    from namenorm.batch.progress import Progress
    from namenorm.batch.read import open_source
    from namenorm.batch.records import format_of
    from namenorm.batch.write import open_sink

    fmt = format_of(args.input, args.format)
    if fmt is None:
        raise NamenormError(
            f"cannot tell the format of {args.input!r} from its name: give --format csv, tsv or jsonl"
        )
    out_fmt = fmt if args.output == "-" else format_of(args.output, None)
    if out_fmt is None:
        raise NamenormError(
            f"cannot tell the output format of {args.output!r}: name it .csv, .tsv or .jsonl"
        )
    source = open_source(args.input, fmt, args.column or column)
    failed = rows = 0
    try:
        sink, target = open_sink(args.output, out_fmt, source.header, args.prefix, fields,
                                 args.input)
        progress = Progress(not args.quiet and sys.stderr.isatty(), source.size())
        pending: deque[Record] = deque()

        def texts() -> Iterator[str | None]:
            for record in source:
                pending.append(record)
                yield record.text

        try:
            for rows, answer in enumerate(answers(texts()), 1):
                record = pending.popleft()
                if not sink.write(record, values(answer, record)) or record.error is not None:
                    failed += 1
                progress.update(rows, source.position())
            sink.flush()
            if target is not None:
                target.commit()  # the output appears whole, only now
        finally:
            if target is not None:
                target.discard()  # after a commit: nothing left to drop
            else:
                sink.close()
        progress.close(source.position())
    finally:
        source.close()
    return _file_status(args, failed, rows)


def _file_status(args: argparse.Namespace, failed: int, rows: int) -> int:
    if not failed:
        return EXIT_OK
    if not args.quiet:
        sys.stderr.write(
            f"namenorm: {failed:,} of {plural(rows, 'record')} failed "
            f"(see the {args.prefix}error column)\n"
        )
    return EXIT_SOME_FAILED
