"""Reading an index in the binary format of :mod:`namenorm.index.binary`: every section is
bounds-checked, entities and alias strings are left encoded (:mod:`namenorm.index.lazy`), and an
index whose format or :data:`~namenorm.keys.KEYS_VERSION` differs is refused."""

from __future__ import annotations

from array import array
from typing import Any

from namenorm._config import Config
from namenorm._errors import IndexFormatError
from namenorm.index.answers import NONE, StoredAnswers
from namenorm.index.binary import ALIAS_STRINGS, FORMAT, LITTLE, TABLES, read_header
from namenorm.index.lazy import SavedAliases, SavedEntities, Strings
from namenorm.index.neighbours import Neighbours
from namenorm.index.tables import Index, Postings, Table
from namenorm.keys import KEYS_VERSION

__all__ = ["check_header", "decode_index"]


def check_header(head: dict[str, Any]) -> None:
    """Refuse a header of another format or of other match keys."""
    if head.get("format") != FORMAT:
        raise IndexFormatError(
            f"index format {head.get('format')!r} is not {FORMAT}; rebuild the index"
        )
    if head.get("keys_version") != KEYS_VERSION:
        raise IndexFormatError(
            f"the index holds match keys of KEYS_VERSION {head.get('keys_version')!r}; this "
            f"namenorm's match-key code differs (KEYS_VERSION {KEYS_VERSION}): rebuild it "
            "(namenorm build-index, or for GeoNames: namenorm import geonames)"
        )


def decode_index(data: bytes, config: Config, *, checked: bool = True) -> Index:
    """The index saved in ``data``; :class:`IndexFormatError` (or, for damage the checks do not
    name, ``ValueError``, ``KeyError``...) if it is not one this release reads.

    ``checked=False`` skips the scans that prove every stored number in range and every table's
    spans in order (half the decoding time): only for a file this release wrote and shipped,
    the bundled index, which the tests decode with the checks on. Sizes and headers are checked
    either way.

    With a ``config`` whose index settings (``edit_budget``, ``min_skeleton``) differ from the
    saved ones, the tables are rebuilt from the saved aliases.
    """
    head, body = read_header(data)
    check_header(head)
    sections = _Sections(head, body, checked)
    n_entities = int(head["entities"])
    entities = _entities(sections, n_entities)
    aliases = _aliases(sections, head, n_entities)
    same_settings = (
        [list(p) for p in config.edit_budget] == head["edit_budget"]
        and config.min_skeleton == head["min_skeleton"]
    )
    if not same_settings:
        return Index(entities, list(aliases), config)
    tables = {name: _table(sections, name, len(aliases)) for name in TABLES}
    fuzzy = _fuzzy(sections, len(tables["phon"]))
    near = _neighbours(sections, head, len(tables["phon"]))
    answers = _answers(sections, head)
    return Index.from_parts(entities, aliases, config, tables, fuzzy, near, answers)


class _Sections:
    """The sections of a saved index, by name, checked against the header."""

    def __init__(self, head: dict[str, Any], body: memoryview, checked: bool) -> None:
        self._where, self._body, self.checked = head["sections"], body, checked

    def get(self, name: str, kind: str) -> Any:
        offset, length, stored = self._where[name]
        if stored != ("lines" if kind in ("text", "bytes") else kind) or offset < 0 or length < 0 or offset + length > len(self._body):
            raise IndexFormatError(f"damaged index: section {name}")
        raw = self._body[offset : offset + length]
        if kind == "blob":
            return bytes(raw)
        if kind == "lines":
            text = str(raw, "utf-8")
            return text.split("\n") if text else []
        if kind == "text":
            return str(raw, "utf-8")
        if kind == "bytes":  # lines left encoded (a Table searches them as they are)
            return bytes(raw)
        a = array(kind)
        a.frombytes(raw)
        if not LITTLE:
            a.byteswap()
        return a

    def offsets(self, name: str, count: int, blob_len: int) -> array[int]:
        off: array[int] = self.get(name, "q")
        if len(off) != count + 1 or off[0] != 0 or off[-1] != blob_len:
            raise IndexFormatError(f"damaged index: section {name}")
        return off  # each slice is decoded and checked when used

    def bounded(
        self, name: str, kind: str, count: int, bound: int, low: int = 0
    ) -> array[int]:
        """An array section of ``count`` numbers in ``range(low, bound)``."""
        a: array[int] = self.get(name, kind)
        if len(a) != count or (self.checked and count and (min(a) < low or max(a) >= bound)):
            raise IndexFormatError(f"damaged index: section {name}")
        return a

    def flat(self, name: str, n: int, starts_kind: str) -> tuple[array[int], array[int]]:
        """The ``starts`` and ``ids`` sections of a flat table of ``n`` entries."""
        starts: array[int] = self.get(f"{name}.starts", starts_kind)
        ids: array[int] = self.get(f"{name}.ids", "i")
        if (len(starts) != n + 1 or starts[0] != 0 or starts[-1] != len(ids)
                or (self.checked and starts.tolist() != sorted(starts))):  # spans in order
            raise IndexFormatError(f"damaged index: table {name}")
        return starts, ids


def _entities(sections: _Sections, n: int) -> SavedEntities:
    blob = sections.get("entities", "blob")
    ids = sections.get("entities.ids", "lines")
    if len(ids) != n or len(set(ids)) != n:
        raise IndexFormatError("damaged index: entity ids missing or listed twice")
    return SavedEntities(blob, sections.offsets("entities.off", n, len(blob)), ids)


def _aliases(sections: _Sections, head: dict[str, Any], n_entities: int) -> SavedAliases:
    n = int(head["aliases"])
    kinds, langs = [str(k) for k in head["kinds"]], [str(x) for x in head["langs"]]
    schemes = [str(x) for x in head["schemes"]]
    cols: dict[str, Any] = {
        "entity": sections.bounded("alias.entity", "i", n, max(n_entities, 1)),
        "kind": sections.bounded("alias.kind", "B", n, max(len(kinds), 1)),
        "lang": sections.bounded("alias.lang", "H", n, len(langs) + 1),
        "flags": sections.bounded("alias.flags", "B", n, 4),
        "scheme": sections.bounded("alias.scheme", "H", n, len(schemes) + 1),
    }
    for field in ALIAS_STRINGS:
        blob = sections.get(f"alias.{field}", "blob")
        cols[field] = Strings(blob, sections.offsets(f"alias.{field}.off", n, len(blob)))
    return SavedAliases(n, cols, kinds, langs, schemes)


def _table(sections: _Sections, name: str, n_aliases: int) -> Table:
    keys = sections.get(f"{name}.keys", "bytes")  # decoded and split when first needed (Table)
    starts, ids = sections.flat(name, keys.count(b"\n") + 1 if keys else 0, "i")
    sections.bounded(f"{name}.ids", "i", len(ids), max(n_aliases, 1))
    return Table(None, starts, ids, keys)


def _fuzzy(sections: _Sections, n_keys: int) -> tuple[array[int], Postings, Postings]:
    key_pairs: array[int] = sections.get("fuzzy.pairs", "H")
    if len(key_pairs) != n_keys:
        raise IndexFormatError("damaged index: section fuzzy.pairs")
    posts = []
    for name in ("postings", "lengths"):
        grams = sections.get(f"{name}.grams", "text")  # split when first used (Postings)
        lens = sections.get(f"{name}.length", "i")
        # "" holds no pair, or the one empty pair of a tiny index
        if len(lens) != grams.count("\n") + 1 and not (grams == "" and len(lens) == 0):
            raise IndexFormatError(f"damaged index: section {name}")
        starts, ids = sections.flat(name, len(lens), "q")
        sections.bounded(f"{name}.ids", "i", len(ids), max(n_keys, 1))
        posts.append(Postings(None, ids, (grams, lens, starts)))
    return key_pairs, posts[0], posts[1]


def _neighbours(sections: _Sections, head: dict[str, Any], n_keys: int) -> Neighbours | None:
    """The stored fuzzy neighbours of the phonetic keys; None when the file has none."""
    if "neighbours.starts" not in head["sections"]:
        return None
    starts, ids = sections.flat("neighbours", n_keys, "i")
    sections.bounded("neighbours.ids", "i", len(ids), max(n_keys, 1))
    return Neighbours(starts, ids)


def _answers(sections: _Sections, head: dict[str, Any]) -> StoredAnswers | None:
    """The stored answers of the alias texts (:mod:`namenorm.index.answers`); None when the
    file has none."""
    if "answers.keys" not in head["sections"]:
        return None
    keys = sections.get("answers.keys", "bytes")  # decoded when first needed (Table)
    n = keys.count(b"\n") + 1 if keys else 0
    starts, ids = sections.flat("answers", n, "i")
    scores: array[float] = sections.get("answers.scores", "d")
    blob = sections.get("answers.strings", "blob")
    off: array[int] = sections.get("answers.strings.off", "q")
    n_strings = len(off) - 1
    if len(scores) != n or n_strings < 0 or off[0] != 0 or off[-1] != len(blob):
        raise IndexFormatError("damaged index: section answers")
    if sections.checked:
        sections.bounded("answers.ids", "i", len(ids), max(n_strings, 1), low=NONE)
    return StoredAnswers(Table(None, starts, ids, keys), scores, Strings(blob, off), n_strings)
