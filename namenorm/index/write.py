"""Writing an index in the binary format of :mod:`namenorm.index.binary` (as bytes; the file
and its atomic replacement are :func:`namenorm.index.store.save_index`'s)."""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from namenorm.gazetteer.model import entity_dict
from namenorm.index.answers import StoredAnswers
from namenorm.index.binary import ALIAS_STRINGS, FORMAT, LITTLE, MAGIC
from namenorm.index.tables import Alias, Index
from namenorm.keys import KEYS_VERSION

__all__ = ["encode_index"]

# One section: its name, its kind (see namenorm.index.binary) and its bytes.
_Section = tuple[str, str, bytes]


def encode_index(
    index: Index, *, yaml_digest: str | None = None, answers: StoredAnswers | None = None
) -> list[bytes]:
    """The saved form of ``index`` as pieces to write one after the other: the magic and the
    header first, then each section. ``yaml_digest`` records the gazetteer it came from;
    ``answers`` (:mod:`namenorm.index.answers`) are stored with it (by default the ones the
    index holds already, if any)."""
    sections = [
        *_entity_sections(index),
        *_alias_sections(index),
        *_table_sections(index),
        *_fuzzy_sections(index),
        *_neighbour_sections(index),
        *_answer_sections(index.stored_answers() if answers is None else answers),
    ]
    head = _header(index, yaml_digest)
    offset = 0
    for name, kind, data in sections:
        head["sections"][name] = [offset, len(data), kind]
        offset += len(data)
    header = json.dumps(head).encode("utf-8")
    return [MAGIC + len(header).to_bytes(8, "little") + header, *(s[2] for s in sections)]


def _vocabulary(aliases: Sequence[Alias]) -> tuple[list[str], list[str], list[str]]:
    """The alias kinds, languages and schemes, sorted: the header lists them, the alias
    columns hold their numbers (languages and schemes from 1, 0 for none)."""
    kinds = sorted({a.kind for a in aliases})
    langs = sorted({a.lang for a in aliases if a.lang is not None})
    schemes = sorted({a.scheme for a in aliases if a.scheme})
    return kinds, langs, schemes


def _header(index: Index, yaml_digest: str | None) -> dict[str, Any]:
    aliases = index.aliases
    kinds, langs, schemes = _vocabulary(aliases)
    return {
        "format": FORMAT,
        "keys_version": KEYS_VERSION,
        "yaml_digest": yaml_digest,
        "edit_budget": [list(p) for p in index.config.edit_budget],
        "min_skeleton": index.config.min_skeleton,
        "entities": len(index.entities),
        "aliases": len(aliases),
        "kinds": kinds,
        "langs": langs,
        "schemes": schemes,
        "sections": {},
    }


def _bytes(a: array[Any]) -> bytes:
    if not LITTLE:
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def _lines(strings: Iterable[str]) -> bytes:
    return "\n".join(strings).encode("utf-8")


def _blob(name: str, strings: Iterable[str]) -> list[_Section]:
    """Strings as one UTF-8 blob and the ``q`` offsets that cut it."""
    offsets = array("q", [0])
    parts = []
    total = 0
    for text in strings:
        b = text.encode("utf-8")
        parts.append(b)
        total += len(b)
        offsets.append(total)
    return [(name, "blob", b"".join(parts)), (f"{name}.off", "q", _bytes(offsets))]


def _entity_sections(index: Index) -> list[_Section]:
    entities = index.entities
    return [
        *_blob("entities", (json.dumps(entity_dict(e), ensure_ascii=False) for e in entities)),
        ("entities.ids", "lines", _lines(e.id for e in entities)),
    ]


def _alias_sections(index: Index) -> list[_Section]:
    aliases = index.aliases
    kinds, langs, schemes = _vocabulary(aliases)
    kind_no = {k: n for n, k in enumerate(kinds)}
    lang_no = {k: n + 1 for n, k in enumerate(langs)}
    scheme_no = {k: n + 1 for n, k in enumerate(schemes)}
    columns = {
        "entity": ("i", [a.entity for a in aliases]),
        "kind": ("B", [kind_no[a.kind] for a in aliases]),
        "lang": ("H", [_number(lang_no, a.lang) for a in aliases]),
        "flags": ("B", [a.exact_only | a.needs_context << 1 for a in aliases]),
        "scheme": ("H", [_number(scheme_no, a.scheme) for a in aliases]),
    }
    out: list[_Section] = [
        (f"alias.{name}", code, _bytes(array(code, values)))
        for name, (code, values) in columns.items()
    ]
    for field in ALIAS_STRINGS:
        out += _blob(f"alias.{field}", (getattr(a, field) for a in aliases))
    return out


def _number(numbers: dict[str, int], value: str | None) -> int:
    """The number of a language or scheme; 0 for none (None or empty)."""
    return numbers[value] if value else 0


def _table_sections(index: Index) -> list[_Section]:
    out: list[_Section] = []
    for name, table in index.tables().items():
        out.append((f"{name}.keys", "lines", _lines(table.keys)))
        out.append((f"{name}.starts", "i", _bytes(table.starts)))
        out.append((f"{name}.ids", "i", _bytes(table.ids)))
    return out


def _fuzzy_sections(index: Index) -> list[_Section]:
    key_pairs, postings, lengths = index.fuzzy_tables()
    out: list[_Section] = [("fuzzy.pairs", "H", _bytes(key_pairs))]
    for name, post in (("postings", postings), ("lengths", lengths)):
        out.append((f"{name}.grams", "lines", _lines(g for g, _ in post.spans)))
        out.append((f"{name}.length", "i", _bytes(array("i", (n for _, n in post.spans)))))
        starts = array("q", [0, *(b for _, b in post.spans.values())])
        out.append((f"{name}.starts", "q", _bytes(starts)))
        out.append((f"{name}.ids", "i", _bytes(post.ids)))
    return out


def _neighbour_sections(index: Index) -> list[_Section]:
    """The stored fuzzy neighbours of the phonetic keys, when they are computed (see
    :mod:`namenorm.index.neighbours`): a loaded index finds an exact key's fuzzy candidates
    by one probe."""
    near = index.neighbours()
    if near is None:
        return []
    return [("neighbours.starts", "i", _bytes(near.starts)), ("neighbours.ids", "i", _bytes(near.ids))]


def _answer_sections(answers: StoredAnswers | None) -> list[_Section]:
    """The stored answers (:mod:`namenorm.index.answers`), when there are any: the query texts
    and their records as a table, the scores, and the strings the records name."""
    if answers is None:
        return []
    table = answers.table
    return [
        ("answers.keys", "lines", _lines(table.keys)),
        ("answers.starts", "i", _bytes(table.starts)),
        ("answers.ids", "i", _bytes(table.ids)),
        ("answers.scores", "d", _bytes(answers.scores)),
        *_blob("answers.strings", (answers.strings[n] for n in range(answers.n_strings))),
    ]
