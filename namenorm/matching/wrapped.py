"""A whole query that is a name inside a pattern of words: "Cáucaso Menor", "Lilla Kaukasus",
"Región Autónoma de Nagorno-Karabaj", "Tiểu Kavkaz".

The patterns are the rows with ``{}`` of ``gazetteer/lexicon/composite_names.tsv`` (the table
mention detection composes with, namenorm/mentions/compose.py). When the query's first and last
words are a pattern's words, the words between (a link word such as "de" or "of" allowed right
after the words before the name) must resolve, on their own, to an entity that is not a person;
each English template of the pattern is then filled with that entity's English names, and the
answer is the entity the first filled template names with an exact or folded alias, without an
ending, and not a person ("Cáucaso" is the Caucasus, "Lesser Caucasus" an alias of the Lesser
Caucasus). Nothing is guessed: a pattern whose filled names are no alias gives no answer.

>>> (("lilla",), (), ("Lesser {}",)) in pattern_rows()
True
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import replace

from namenorm.gazetteer.model import Entity
from namenorm.keys import casefold
from namenorm.matching.lexicon import lexicon_dir
from namenorm.matching.match import Match

__all__ = ["pattern_rows", "resolve_both_names", "resolve_wrapped"]

Plain = Callable[[str, "frozenset[str] | None"], "Match | None"]
Row = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]

#: Words that may stand between the words before a name and the name ("Región Autónoma de").
LINKS = frozenset("de d du del della dell di of des do da the la le el".split())

#: "X (Y)": a name and a second name in brackets.
_BRACKETED = re.compile(r"^([^()]+?)\s*\(([^()]+)\)$")

_ROWS: list[Row] | None = None
_LOCK = threading.Lock()


def pattern_rows() -> list[Row]:
    """(words before, words after, English templates) of each pattern with ``{}``, the words
    case-folded, longest patterns first; read once."""
    global _ROWS
    if _ROWS is None:
        with _LOCK:
            if _ROWS is None:
                rows: list[Row] = []
                path = lexicon_dir() / "composite_names.tsv"
                for line in path.read_text(encoding="utf-8").splitlines():
                    if not line.strip() or line.startswith("#"):
                        continue
                    pattern, _lang, english = line.split("\t")
                    if "{}" not in pattern:
                        continue
                    head, _, tail = casefold(pattern.strip()).partition("{}")
                    templates = tuple(e.strip() for e in english.split("|"))
                    row = (tuple(head.split()), tuple(tail.split()), templates)
                    if row not in rows:
                        rows.append(row)
                rows.sort(key=lambda r: -(len(r[0]) + len(r[1])))
                _ROWS = rows
    return _ROWS


def english_names(entity: Entity) -> tuple[str, ...]:
    """The entity's canonical name and its English names that are not abbreviations."""
    names = [entity.name]
    for n in entity.names:
        if (n.lang or "en") == "en" and n.text not in names and n.kind != "abbreviation":
            names.append(n.text)
    return tuple(names)


def _inner(words: list[str], folded: list[str], row: Row) -> str | None:
    """The words between the pattern's words, when the query stands in the pattern."""
    before, after, _ = row
    if before and before[-1].endswith("-"):
        return _hyphened(words, folded, row)
    if len(words) <= len(before) + len(after):
        return None
    if tuple(folded[: len(before)]) != before:
        return None
    if after and tuple(folded[-len(after) :]) != after:
        return None
    inner = words[len(before) : len(words) - len(after)]
    if before and before[-1] not in LINKS and len(inner) > 1 and casefold(inner[0]) in LINKS:
        inner = inner[1:]
    return " ".join(inner)


def _hyphened(words: list[str], folded: list[str], row: Row) -> str | None:
    """The name written after a pattern's word and a hyphen (Hungarian "Hegyi-Karabah")."""
    before, after, _ = row
    n = len(before)
    word = before[-1]
    if after or len(words) < n or tuple(folded[: n - 1]) != before[:-1]:
        return None
    if not folded[n - 1].startswith(word) or len(folded[n - 1]) == len(word):
        return None
    rest = words[n - 1][len(word) :] if len(folded[n - 1]) == len(words[n - 1]) else None
    return " ".join([rest, *words[n:]]) if rest else None


def resolve_wrapped(
    query: str,
    types: frozenset[str] | None,
    *,
    plain: Plain,
    entity: Callable[[str], Entity | None],
) -> Match | None:
    """The entity a pattern around a name in ``query`` names (see the module), or None.
    ``plain(text, types)`` is the resolver's lookup without name structure."""
    words = query.split()
    if not words:
        return None
    folded = [casefold(w) for w in words]
    for row in pattern_rows():
        inner = _inner(words, folded, row)
        if not inner:
            continue
        found = plain(inner, None)
        if found is None or found.type == "person":
            continue
        inner_entity = entity(found.id)
        if inner_entity is None:
            continue
        for template in row[2]:
            for name in english_names(inner_entity):
                whole = plain(template.format(name), types)
                if (
                    whole is not None
                    and whole.method in ("exact", "folded")
                    and whole.ending is None
                    and whole.type != "person"
                ):
                    score = round(min(whole.score, found.score), 6)
                    steps = (
                        f"pattern: {inner!r} is {found.id} ({found.method}, {found.score:.3f})",
                        f"pattern: {template!r} filled with {name!r}",
                    )
                    return replace(
                        whole, query=query, score=score,
                        explanation=(*steps, *whole.explanation),
                    )  # fmt: skip
    return None


def resolve_both_names(query: str, resolve: Callable[[str], Match | None]) -> Match | None:
    """"X (Y)" where X and Y, each resolved on its own (``resolve``, with name structure),
    name the same entity: "Republic of Nagorno-Karabakh (Artsakh)". The score is the lower
    of the two; None when either gives no answer or they differ."""
    m = _BRACKETED.match(" ".join(query.split()))
    if m is None:
        return None
    first = resolve(m.group(1))
    second = resolve(m.group(2)) if first is not None else None
    if first is None or second is None or second.id != first.id:
        return None
    step = f"both names: {m.group(2)!r} names {second.id} too ({second.score:.3f})"
    return replace(
        first, query=query, score=min(first.score, second.score),
        explanation=(*first.explanation, step),
    )  # fmt: skip
