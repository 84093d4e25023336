"""The checks a gazetteer entry gets once it is read: fields and their forms, texts, relations
between entities, and names that two entities share.

Every check reports through a ``bad(message, line)`` callback into a list of
:class:`~namenorm.GazetteerProblem`, so that a file's problems are all found and listed at once.

>>> problems = []
>>> parse_entity({"id": "Baku", "type": "place", "name": "Baku"}, "x.yaml", problems) is None
True
>>> [p.message for p in problems]
["id must be a lowercase ASCII slug like 'nikol-pashinyan'"]
"""

from __future__ import annotations

import re
import reprlib
import unicodedata
from collections.abc import Callable, Collection
from typing import Any

from namenorm._errors import GazetteerProblem
from namenorm.gazetteer.entity import FLAGS, KINDS, TYPES, Entity, Name

__all__ = [
    "MAX_NAME_LENGTH", "Bad", "check_collisions", "check_relations", "parse_entity", "show",
]  # fmt: skip

#: A name (an entity's ``name`` or a text of ``names``) has at most this many characters: as
#: many as the longest query the resolver reads (``MAX_QUERY_LENGTH``), so no longer name could
#: ever be matched, and a hostile file cannot make each name cost megabytes to index.
MAX_NAME_LENGTH = 300

#: How a check reports a problem: ``bad(message)`` or ``bad(message, line)``.
Bad = Callable[..., None]

_ENTITY_FIELDS = {
    "id", "type", "name", "names", "category", "country", "parent", "role", "near_miss", "xrefs",
    "regions", "namesakes",
}  # fmt: skip
_NAME_FIELDS = {
    "text", "lang", "script", "kind", "period", "exact_only", "needs_context", "shared", "scheme",
}  # fmt: skip
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?\Z")
_SCRIPT = re.compile(r"^[A-Z][a-z]{3}\Z")
_PERIOD = re.compile(r"^(\d{1,4})?-(\d{1,4})?\Z")
_CATEGORY = re.compile(r"^[a-z]+(?:-[a-z]+)*\Z")
_XREFS = {
    "wikidata": re.compile(r"^Q[1-9]\d*\Z"),
    "geonames": re.compile(r"^[1-9]\d*\Z"),
    "iso3166": re.compile(r"^[A-Z]{2}\Z"),
    "iso3166-2": re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}\Z"),
}

# Zero-width non-joiner and joiner are part of Persian and Arabic-script spelling.
_JOINERS = {"\u200c", "\u200d"}

# Values from a file are shown in messages at most this big (a hostile value can be huge).
_SHOW = reprlib.Repr()
_SHOW.maxstring = _SHOW.maxother = 80
_SHOW.maxlist = _SHOW.maxtuple = _SHOW.maxdict = _SHOW.maxset = 4
_SHOW.maxlevel = 2


def show(value: Any) -> str:
    """``repr(value)``, shortened: safe in a message whatever the file held."""
    return _SHOW.repr(value)


def parse_entity(
    item: Any, path: str, problems: list[GazetteerProblem], item_line: int | None = None
) -> Entity | None:
    """The entity of one entry as read from a file, or None after adding its problems."""
    if not isinstance(item, dict):
        problems.append(GazetteerProblem(path, item_line, None, "an entry is not a mapping"))
        return None
    line = item.pop("__line__", None)
    eid = item.get("id")
    label = eid if isinstance(eid, str) else None

    def bad(message: str, at: int | None = line) -> None:
        problems.append(GazetteerProblem(path, at, label, message))

    before = len(problems)
    _check_required(item, bad)
    _check_fields(item, bad)
    near = _near_miss(item.get("near_miss", []), bad)
    regions = _regions(item.get("regions", []), bad)
    namesakes = _ids("namesakes", item.get("namesakes", []), bad)
    xrefs = _xrefs(item.get("xrefs", {}), bad)
    names = _names(item.get("names", []), line, bad)
    if len(problems) > before:
        return None
    return Entity(
        id=item["id"],
        type=item["type"],
        name=item["name"],
        names=tuple(names),
        category=item.get("category"),
        country=item.get("country"),
        parent=item.get("parent"),
        role=item.get("role"),
        near_miss=tuple(near),
        xrefs=xrefs,
        regions=tuple(regions),
        namesakes=tuple(namesakes),
        source=f"{path}:{line}" if line else path,
    )


def _check_required(item: dict[str, Any], bad: Bad) -> None:
    """No unknown field; ``id``, ``type`` and ``name`` present, each a non-empty string."""
    for key in sorted(set(item) - _ENTITY_FIELDS):
        bad(f"unknown field {show(key)}")
    for key in ("id", "type", "name"):
        if key not in item:
            bad(f"missing required field {key!r}")
        elif not isinstance(item[key], str) or not item[key].strip():
            bad(f"field {key!r} must be a non-empty string")


def _check_fields(item: dict[str, Any], bad: Bad) -> None:
    """The form of each of the entity's own fields."""
    eid = item.get("id")
    if isinstance(eid, str) and not _ID.match(eid):
        bad("id must be a lowercase ASCII slug like 'nikol-pashinyan'")
    if isinstance(item.get("type"), str) and item["type"] not in TYPES:
        bad(f"type must be one of {', '.join(sorted(TYPES))}")
    if isinstance(item.get("name"), str):
        _check_text(item["name"], bad)
    for key in ("country", "parent"):
        if not _is(item.get(key), _ID):
            bad(f"{key} must be an entity id")
    if item.get("role") is not None and not isinstance(item.get("role"), str):
        bad("role must be a string")
    elif isinstance(item.get("role"), str) and any(_not_a_character(c) for c in item["role"]):
        bad("role has a lone surrogate or a noncharacter")
    if not _is(item.get("category"), _CATEGORY):
        bad("category must be lowercase words joined by hyphens")


def _is(value: Any, pattern: re.Pattern[str]) -> bool:
    """Whether an optional field is absent (None) or a string of the pattern."""
    return value is None or (isinstance(value, str) and pattern.match(value) is not None)


def _near_miss(near: Any, bad: Bad) -> list[str]:
    if not isinstance(near, list) or not all(isinstance(x, str) and _ID.match(x) for x in near):
        bad("near_miss must be a list of entity ids")
        return []
    return near


def _ids(field: str, ids: Any, bad: Bad) -> list[str]:
    if not isinstance(ids, list) or not all(isinstance(x, str) and _ID.match(x) for x in ids):
        bad(f"{field} must be a list of entity ids")
        return []
    return ids


def _regions(regions: Any, bad: Bad) -> list[str]:
    if not isinstance(regions, list) or not all(
        isinstance(x, str) and _CATEGORY.match(x) for x in regions
    ):
        bad("regions must be a list of region tags (lowercase words joined by hyphens)")
        return []
    return regions


def _check_text(text: str, bad: Bad, line: int | None = None) -> None:
    if len(text) > MAX_NAME_LENGTH:
        bad(f"text {show(text)} is longer than {MAX_NAME_LENGTH} characters", line)
        return
    if any(_not_a_character(c) for c in text):
        # A lone surrogate cannot be written as UTF-8: it would crash building an index.
        bad(f"text {text!r} has a lone surrogate or a noncharacter", line)
        return
    if unicodedata.normalize("NFC", text) != text:
        bad(f"text {text!r} is not in NFC", line)
    if text != text.strip() or "  " in text:
        bad(f"text {text!r} has stray white space", line)
    if any(unicodedata.category(c) in ("Cc", "Cf") and c not in _JOINERS for c in text):
        bad(f"text {text!r} has control or invisible characters", line)


def _not_a_character(c: str) -> bool:
    """A surrogate code point (only ever half a character) or one of Unicode's 66
    noncharacters (U+FDD0..U+FDEF and the last two code points of every plane)."""
    o = ord(c)
    return 0xD800 <= o <= 0xDFFF or 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE


def _xrefs(value: Any, bad: Bad) -> dict[str, str]:
    if not isinstance(value, dict):
        bad("xrefs must be a mapping")
        return {}
    value.pop("__line__", None)
    out = {}
    for key, ref in value.items():
        if isinstance(ref, bool) or not isinstance(ref, (str, int)):
            bad(f"xref {show(key)}: {show(ref)} is not a valid identifier")
            continue
        ref = str(ref)
        pattern = _XREFS.get(key)
        if pattern is None:
            bad(f"unknown xref {show(key)} (known: {', '.join(sorted(_XREFS))})")
        elif not pattern.match(ref):
            bad(f"xref {key}: {ref!r} is not a valid identifier")
        else:
            out[key] = ref
    return out


def _names(value: Any, entity_line: int | None, bad: Bad) -> list[Name]:
    if not isinstance(value, list):
        bad("names must be a list")
        return []
    out: list[Name] = []
    seen: set[tuple[str, str | None]] = set()
    for raw in value:
        if isinstance(raw, str):
            raw = {"text": raw}
        if not isinstance(raw, dict):
            bad(f"a name must be a mapping with 'text', not {show(raw)}")
            continue
        line = raw.pop("__line__", entity_line)
        name = _name(raw, line, bad)
        if name is None:
            continue
        if (name.text, name.lang) in seen:
            bad(f"name {name.text!r} is listed twice", line)
        seen.add((name.text, name.lang))
        out.append(name)
    return out


def _name(raw: dict[str, Any], line: int | None, report: Bad) -> Name | None:
    """One name of an entry, or None when it has problems (each goes to ``report``: the
    :class:`Name` made from a bad one would refuse it)."""
    reported: list[str] = []

    def bad(message: str, at: int | None = line) -> None:
        reported.append(message)
        report(message, at)

    for key in sorted(set(raw) - _NAME_FIELDS):
        bad(f"unknown name field {show(key)}", line)
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        bad(f"name text must be a non-empty string, not {show(text)}", line)
        return None
    _check_text(text, bad, line)
    lang, script, kind = raw.get("lang"), raw.get("script"), raw.get("kind", "variant")
    if not _is(lang, _LANG):
        bad(f"lang {show(lang)} of {text!r} is not a code like 'hy' or 'hy-Latn'", line)
    if not _is(script, _SCRIPT):
        bad(f"script {show(script)} of {text!r} is not an ISO 15924 code like 'Armn'", line)
    if kind not in KINDS:
        bad(f"kind {show(kind)} of {text!r} is not one of {', '.join(sorted(KINDS))}", line)
    period = raw.get("period")
    if not _is(period, _PERIOD):
        bad(f"period {show(period)} of {text!r} must look like '1923-1991', '-1923' or '1991-'",
            line)
    for flag in FLAGS:
        if flag in raw and not isinstance(raw[flag], bool):
            bad(f"{flag} of {text!r} must be true or false", line)
    scheme = raw.get("scheme")
    if scheme is not None and not isinstance(scheme, str):
        bad(f"scheme {show(scheme)} of {text!r} must be a string", line)
    if reported:
        return None
    return Name(
        text=text,
        lang=lang,
        script=script,
        kind=kind,
        period=period,
        scheme=raw.get("scheme"),
        exact_only=raw.get("exact_only") is True,
        needs_context=raw.get("needs_context") is True,
        shared=raw.get("shared") is True,
    )


def check_relations(
    entities: list[Entity],
    lines: dict[str, tuple[str, int | None]],
    known: Collection[str] = frozenset(),
) -> list[GazetteerProblem]:
    """References (country, parent, near_miss, namesakes) that name no entity of ``entities``
    nor of ``known`` (the ids of the layers below: see :mod:`namenorm.index.layers`)."""
    ids = {e.id for e in entities}

    def absent(ref: str) -> bool:  # ``known`` is probed, never listed (it may be large)
        return ref not in ids and ref not in known

    problems = []
    for e in entities:
        path, line = lines.get(e.id, ("<memory>", None))
        for key in ("country", "parent"):
            ref = getattr(e, key)
            if ref is not None and absent(ref):
                problems.append(GazetteerProblem(path, line, e.id, f"{key} {ref!r} is not an id"))
        for key in ("near_miss", "namesakes"):
            for ref in getattr(e, key):
                if absent(ref):
                    problems.append(GazetteerProblem(path, line, e.id, f"{key} {ref!r} is not an id"))
    return problems


def check_collisions(
    entities: list[Entity], lines: dict[str, tuple[str, int | None]]
) -> list[GazetteerProblem]:
    """An alias (same folded key) on two entities must be marked ``shared`` on both."""
    from namenorm.keys import fold_key

    owners: dict[str, list[tuple[Entity, Name]]] = {}
    for e in entities:
        seen: set[str] = set()
        for n in e.names:
            key = fold_key(n.text) if not n.exact_only else "\0" + n.text
            if key and key not in seen:
                seen.add(key)
                owners.setdefault(key, []).append((e, n))
    problems = []
    for pairs in owners.values():
        if len({e.id for e, _ in pairs}) < 2:
            continue
        unmarked = [(e, n) for e, n in pairs if not n.shared]
        if not unmarked:
            continue
        all_ids = ", ".join(e.id for e, _ in pairs)
        for e, n in unmarked:
            path, line = lines.get(e.id, ("<memory>", None))
            problems.append(
                GazetteerProblem(
                    path,
                    line,
                    e.id,
                    f"name {n.text!r} also names {all_ids}: mark it 'shared: true' on each",
                )
            )
    return problems

