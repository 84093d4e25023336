"""What the commands share: exit statuses, the resolver an option set names, match rendering."""

from __future__ import annotations

import argparse
import sys
import threading
import unicodedata
from typing import TYPE_CHECKING, Any

from namenorm._errors import NamenormError

if TYPE_CHECKING:
    from namenorm.matching.resolver import Match, Resolver

__all__ = [
    "EXIT_OK",
    "EXIT_SOME_FAILED",
    "EXIT_USAGE",
    "failed_lines",
    "match_json",
    "match_text",
    "plural",
    "resolver_for",
    "shown",
]  # fmt: skip

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

_lock = threading.Lock()
_resolvers: dict[tuple[str | None, tuple[str, ...], bool, str | None], Resolver] = {}


def resolver_for(args: argparse.Namespace) -> Resolver:
    """The resolver of the gazetteer options in ``args``, built once per option set."""
    index = getattr(args, "index", None)
    gazetteers = tuple(getattr(args, "gazetteer", ()))
    no_default = bool(getattr(args, "no_default", False))
    if index and no_default:
        raise NamenormError("--index cannot be combined with --no-default (the index is the "
                            "lowest layer: --gazetteer files are added on top of it)")
    if no_default and not gazetteers:
        raise NamenormError("--no-default needs at least one --gazetteer PATH")
    config_path = getattr(args, "config", None)
    key = (index, gazetteers, no_default, config_path)
    with _lock:
        resolver = _resolvers.get(key)
        if resolver is None:
            resolver = _build(index, gazetteers, no_default)
            if config_path is not None:
                resolver = _configured(resolver, config_path)
            _resolvers[key] = resolver
    return resolver


def _configured(resolver: Resolver, path: str) -> Resolver:
    """``resolver`` under the :class:`~namenorm.Config` saved in ``path`` (``--config``)."""
    from namenorm import Resolver
    from namenorm._config import Config

    try:
        config = Config.from_file(path)
    except OSError as exc:
        raise NamenormError(f"cannot read --config {path!r}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise NamenormError(f"bad --config file: {exc}") from None
    return Resolver.from_index(resolver.index.with_config(config))


def _build(index: str | None, gazetteers: tuple[str, ...], no_default: bool) -> Resolver:
    from namenorm import Resolver, default_resolver

    if index:
        from namenorm.index.store import load_index

        below = Resolver.from_index(load_index(index))
        return below.with_paths(*gazetteers) if gazetteers else below
    if not gazetteers:
        return default_resolver()
    if no_default:
        return Resolver.from_paths(*gazetteers, include_default=False)
    # The user's files over the bundled index: the bundled gazetteer is not compiled again.
    return default_resolver().with_paths(*gazetteers)


def match_json(query: str | None, match: Match | None, error: str | None = None) -> dict[str, Any]:
    """The JSON object of one answer: the query, then every field of :meth:`Match.to_dict`
    (each None when there is no match), and ``error`` for an input that could not be asked
    (the shapes are in ``docs/json-schema.md``)."""
    from dataclasses import fields

    from namenorm.matching.match import Match

    d: dict[str, Any] = {"query": query}
    if match is not None:
        d.update((k, v) for k, v in match.to_dict().items() if k != "query")
    else:
        d.update((f.name, None) for f in fields(Match) if f.name != "query")
    if error is not None:
        d["error"] = error
    return d


def failed_lines(failed: int) -> int:
    """The status of a batch from arguments or stdin: 0, or 1 after one line on stderr saying
    how many inputs got an error answer (every command that fails says so on stderr)."""
    if not failed:
        return EXIT_OK
    sys.stderr.write(f"namenorm: {plural(failed, 'input')} could not be read (see the error "
                     "answers)\n")
    return EXIT_SOME_FAILED


def plural(n: int, noun: str) -> str:
    """``"1 problem"``, ``"2 problems"`` (nouns of the messages here take an s)."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def shown(text: str) -> str:
    """``text`` for a line of output: control characters and line or paragraph separators
    escaped, so that a query can never print a line that looks like another answer (format
    characters such as the zero-width non-joiner of Persian stay as they are)."""
    if not any(unicodedata.category(c) in _BREAKING for c in text):
        return text
    return "".join(_escape(c) if unicodedata.category(c) in _BREAKING else c for c in text)


_BREAKING = frozenset({"Cc", "Zl", "Zp"})


def _escape(c: str) -> str:
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or f"\\u{ord(c):04x}"


def match_text(match: Match) -> str:
    """One match as a line of text."""
    return (
        f"{match.id} ({match.name}, {match.type})  score {match.score:.3f}  "
        f"{match.method} via {match.alias!r} [{match.alias_kind}]"
    )
