"""Commands about the gazetteer itself: ``info``, ``stats``, ``validate``, ``build-index``, ``import``."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from namenorm._errors import NamenormError
from namenorm.cli.common import EXIT_OK, EXIT_SOME_FAILED, plural, resolver_for

if TYPE_CHECKING:
    from namenorm._errors import GazetteerProblem
    from namenorm.gazetteer.model import Entity, Name
    from namenorm.index.tables import Alias

__all__ = ["cmd_build_index", "cmd_import", "cmd_info", "cmd_stats", "cmd_validate"]


def cmd_info(args: argparse.Namespace, out: TextIO) -> int:
    """Show each entity by id: its fields, names and generated romanizations."""
    resolver = resolver_for(args)
    # Every id is looked up first: an unknown one is a usage error (exit 2) before any output.
    entities = [resolver.directory.find(ref) for ref in args.ids]
    for entity in entities:
        if args.json:
            from namenorm.gazetteer.model import entity_dict

            out.write(json.dumps(entity_dict(entity), ensure_ascii=False) + "\n")
        else:
            _write_entity(entity, resolver.directory.aliases_of(entity.id), out)
    return EXIT_OK


def _write_entity(entity: Entity, aliases: Iterable[Alias], out: TextIO) -> None:
    out.write(f"{entity.id}: {entity.name} ({entity.type}"
              + (f", {entity.category}" if entity.category else "") + ")\n")
    for key in ("country", "parent", "role"):
        if getattr(entity, key):
            out.write(f"  {key}: {getattr(entity, key)}\n")
    for key, ref in entity.xrefs.items():
        out.write(f"  {key}: {ref}\n")
    out.write(f"  names ({len(entity.names)}):\n")
    out.writelines(f"    {n.text}  [{', '.join(_name_tags(n))}]\n" for n in entity.names)
    if entity.near_miss:
        out.write(f"  near-miss: {', '.join(entity.near_miss)}\n")
    generated = [a for a in aliases if a.kind == "generated"]
    if generated:
        out.write(f"  generated ({len(generated)}):\n")
        out.writelines(f"    {a.text}  [{a.scheme}]\n" for a in generated)


def _name_tags(n: Name) -> list[str]:
    tags = [t for t in (n.lang, n.script, n.kind, n.period) if t]
    return tags + [f for f in ("exact_only", "needs_context", "shared") if getattr(n, f)]


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    """Check gazetteer files as ``lookup --gazetteer`` will use them: layered over the bundled
    index (or ``--index``), so references may name its entities and an entity with one of its
    ids is a warning (it replaces that entity), not a problem; ``--no-default`` checks the
    files alone. Every problem with its file, line and entry."""
    problems, warnings = _check_files(args)
    out.writelines(f"{p}\n" for p in problems)
    out.writelines(f"{w}\n" for w in warnings)
    if problems:
        sys.stderr.write(f"namenorm: {plural(len(problems), 'problem')}\n")
        return EXIT_SOME_FAILED
    out.write("ok\n")
    return EXIT_OK


def _check_files(args: argparse.Namespace) -> tuple[list[GazetteerProblem], list[str]]:
    """The problems of the files, and a warning for each entity that replaces one below."""
    from namenorm import GazetteerError, validate_paths
    from namenorm.index.layers import load_layer

    if args.no_default:
        if args.index:
            raise NamenormError("--index cannot be combined with --no-default")
        return validate_paths(args.paths), []
    below = resolver_for(argparse.Namespace(index=args.index))
    try:  # the loader of `lookup --gazetteer`: validate = use
        entities = load_layer(args.paths, below.index)
    except GazetteerError as exc:
        return list(exc.problems), []
    what = f"of {args.index}" if args.index else "bundled"
    warnings = []
    for e in entities:
        if below.directory.number(e.id) is not None:
            old = below.by_id(e.id)
            warnings.append(f"{e.source}: [{e.id}] warning: replaces the {what} entity "
                            f"{old.id!r} ({old.name}, {old.type})")
    return [], warnings


#: The region tag of the gazetteer that ``stats`` counts the place names of.
STATS_REGION = "south-caucasus-area"


def cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    """Count entities by type, names by script, language and kind, aliases by kind and scheme."""
    from namenorm.gazetteer.model import region_tags

    resolver = resolver_for(args)
    gazetteer = resolver.gazetteer
    out.write(f"entities: {len(gazetteer)}\n")
    _write_counts(out, None, Counter(e.type for e in gazetteer).items(), by_key=True)
    names = [(e, n) for e in gazetteer for n in e.names]
    out.write(f"names: {len(names)}\n")
    groups: list[tuple[str, Callable[[Entity, Name], str | None]]] = [
        ("script", lambda e, n: n.script),
        ("lang", lambda e, n: n.lang or "-"),
        ("kind", lambda e, n: n.kind),
        ("script of place names", lambda e, n: n.script if e.type == "place" else None),
        (
            "script of the South Caucasus' place names",
            lambda e, n: n.script
            if e.type == "place" and STATS_REGION in region_tags(e, gazetteer.get)
            else None,
        ),
    ]
    for label, get in groups:
        counts = Counter(v for e, n in names if (v := get(e, n)) is not None)
        _write_counts(out, f"names by {label}:", counts.most_common())
    _write_alias_stats(resolver.index.aliases, out)
    return EXIT_OK


def _write_alias_stats(aliases: Iterable[Alias], out: TextIO) -> None:
    from namenorm.text.romanize import SCHEMES

    aliases = list(aliases)
    out.write(f"index aliases: {len(aliases)}\n")
    _write_counts(out, "index aliases by kind:", Counter(a.kind for a in aliases).most_common())
    # Every scheme, those that add nothing to the keys too (0: the match keys cover them).
    schemes: Counter[str | None] = Counter({s: 0 for s in [*SCHEMES, "suffix"]})
    schemes.update(a.scheme for a in aliases if a.kind == "generated")
    out.write(f"generated names by scheme: {sum(schemes.values())}\n")
    out.writelines(f"  {key}: {n}\n" for key, n in sorted(schemes.items(), key=lambda kv: (-kv[1], kv[0] or "")))


def _write_counts(
    out: TextIO, title: str | None, counts: Iterable[tuple[str, int]], by_key: bool = False
) -> None:
    if title is not None:
        out.write(title + "\n")
    out.writelines(f"  {key}: {n}\n" for key, n in (sorted(counts) if by_key else counts))


def cmd_build_index(args: argparse.Namespace, out: TextIO) -> int:
    """Compile the gazetteers named by the options into a saved index file."""
    from namenorm.batch.write import check_output
    from namenorm.gazetteer.load import expand_paths

    inputs = [str(p) for p in expand_paths(args.gazetteer)] if args.gazetteer else []
    check_output(args.output, inputs + ([args.index] if args.index else []))
    resolver = resolver_for(args)
    try:
        resolver.save(args.output)
    except OSError as exc:
        raise NamenormError(f"cannot write {args.output}: {exc.strerror}") from None
    out.write(
        f"wrote {args.output}: {len(resolver.gazetteer)} entities, "
        f"{len(resolver.index.aliases)} aliases\n"
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    """Import a data source (GeoNames cities) as a gazetteer YAML and a saved index."""
    from namenorm.gazetteer.geonames import import_geonames

    if args.limit is not None and args.limit < 1:
        raise NamenormError("--limit must be 1 or more")
    try:  # before the slow read: a file where the folder should be is a usage error
        Path(args.out).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = exc.strerror or exc
        raise NamenormError(f"--out {args.out}: cannot make a folder: {why}") from None
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
