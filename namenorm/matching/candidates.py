"""Candidates: from a query to the best alias of each entity it may name, scored.

:func:`gather` computes the query's keys (:func:`namenorm.keys.query_keys`), asks a
:class:`Source` for candidate aliases, scores each (:func:`namenorm.matching.score.score_alias`)
and keeps the best alias of each entity (:func:`rank_ids`), twice over: *capped*, as a bare
lookup sees it (an alias flagged needs-context counts at most ``needs_context_ceiling``), and
*raw*, as mention detection weighs it on the document. A query that is no name as it stands is
also looked up through the dictionary forms that :func:`namenorm.matching.inflect.stem_phrase`
proposes (:func:`inflected`).

The :class:`Source` of the resolver asks the compiled index; the slow reference
(:mod:`namenorm.matching.reference`) scans every alias through the same steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from namenorm.index.tables import Alias, Index
from namenorm.keys import QueryKeys, casefold, normalized_keys, query_keys
from namenorm.matching.everyday import everyday_name
from namenorm.matching.inflect import PhraseStem, stem_phrase
from namenorm.matching.score import TRANSCRIBED, Evidence, score_alias
from namenorm.matching.transcribed import MIN_CLASSES_EDITED, ClassTable, costs_of, read_query
from namenorm.text.scripts import detect_script

__all__ = [
    "MAX_INPUT_LENGTH",
    "MAX_QUERY_LENGTH",
    "Entry",
    "Found",
    "Source",
    "fuzzy_ceiling",
    "gate_surnames",
    "gather",
    "index_source",
    "inflected",
    "rank_ids",
    "spells_alias",
    "transcribed_ids",
]

#: Queries longer than this (in characters, after normalization) are not names: no match.
MAX_QUERY_LENGTH = 300
#: Raw queries longer than this are not even normalized: no match. It leaves room for a name of
#: ``MAX_QUERY_LENGTH`` letters padded with invisible characters and injected fragments, and keeps
#: the work per query bounded however long the input (a 1 MB line costs nothing but its length).
MAX_INPUT_LENGTH = 10 * MAX_QUERY_LENGTH

_DERIVED_KINDS = frozenset({"surname", "initials", "reversed", "given-surname"})
_SURE = ("exact", "folded")


class Entry(NamedTuple):
    """One entity's best alias for a query, before any :class:`~namenorm.Match` is made of it."""

    ei: int
    eid: str
    capped: float
    i: int
    ev: Evidence
    cut: str
    raw: float
    raw_i: int
    raw_ev: Evidence
    #: (proposed dictionary form, its keys, score factor) when reached through an inflection
    inflection: tuple[PhraseStem, QueryKeys, float] | None = None


@dataclass(frozen=True)
class Source:
    """Where candidate aliases come from: ``aliases`` for a query, ``stems`` for a dictionary
    form proposed for it (exact, folded and phonetic matches only)."""

    aliases: Callable[[QueryKeys], Iterable[int]]
    stems: Callable[[QueryKeys], Iterable[int]]


def index_source(index: Index) -> Source:
    """Candidates from the index's tables: never a scan. A query written by sound in another
    script (:mod:`namenorm.matching.transcribed`) and spelling no alias also gets the Latin
    aliases whose consonant classes are within one edit of its own."""

    def aliases(q: QueryKeys) -> list[int]:
        found = index.candidate_ids(q)
        if spells_alias(index, q, found):
            return found  # the query spells an alias: no reading of its sounds is needed
        extra = transcribed_ids(index, q)
        if not extra:
            return found
        room = index.config.max_candidates - len(found)
        return list(dict.fromkeys(found + extra[: max(room, 0)]))

    return Source(aliases, lambda qv: index.table_ids(qv, skeleton=False))


def spells_alias(index: Index, q: QueryKeys, ids: Iterable[int]) -> bool:
    """Whether one of the aliases ``ids`` has the query's fold key."""
    return any(index.aliases[i].fold_c == q.fold_c for i in ids)


#: The class tables of recent indexes, by ``id`` (the index is kept with its table, so an id
#: is not reused while it is here).
_CLASS_TABLES: dict[int, tuple[Index, ClassTable]] = {}


def transcribed_ids(index: Index, q: QueryKeys) -> list[int]:
    """Latin aliases that a query written by sound may transcribe (empty for other queries)."""
    if q.latin or q.gapped:
        return []
    script = detect_script(q.norm)
    costs = costs_of(script)
    if costs is None:
        return []
    _, key = read_query(q.norm, script)
    if len(key) < costs.min_classes or (script == "Hani" and len(q.norm) < 3):
        return []
    return _class_table(index).ids(key, edited=len(key) >= costs.min_classes_edited)


def _class_table(index: Index) -> ClassTable:
    hit = _CLASS_TABLES.get(id(index))
    if hit is not None and hit[0] is index:
        return hit[1]
    folds = [(a.fold, a.lang) if a.latin and not a.exact_only else None for a in index.aliases]
    table = ClassTable(folds, MIN_CLASSES_EDITED)
    if len(_CLASS_TABLES) >= 4:
        _CLASS_TABLES.clear()
    _CLASS_TABLES[id(index)] = (index, table)
    return table


Found = tuple[str, QueryKeys, list[Entry]]


def gather(
    index: Index,
    query: str,
    types: frozenset[str] | None,
    source: Source,
    *,
    contest: float | None = None,
    transcribe: bool = True,
) -> Found | None:
    """The query, its keys and the best entry of each entity it may name (unordered); None
    for a query too long or empty to be a name.

    With ``contest`` (a margin), only the entities that can come within that margin of the
    best are sure to be listed: fuzzy retrieval is skipped when the hash tables give a match
    that no fuzzy match can come that close to (:func:`fuzzy_ceiling`); for an inexact best
    the margin is widened to ``near_miss_margin``. ``transcribe=False`` leaves out the
    evidence of :mod:`namenorm.matching.transcribed` (mention detection, which reads running
    text, does not take it)."""
    if len(query) > MAX_INPUT_LENGTH or not query.strip():
        return None
    q = query_keys(query)
    if not q.fold or len(q.norm) > MAX_QUERY_LENGTH:
        return None
    if contest is not None and not q.gapped:
        quick = _uncontested(index, q, types, contest, transcribe)
        if quick is not None:
            return query, q, gate_surnames(index, quick)
    # A query that spells an alias is read as written, not by its sounds (and the fast and
    # the brute-force paths agree on it).
    transcribe = transcribe and not spells_alias(index, q, index.table_ids(q, skeleton=False))
    entries = rank_ids(index, q, source.aliases(q), types, transcribe=transcribe)
    if not any(e.raw_ev.method in _SURE for e in entries):
        # A query that is a name as it stands ("Шуши", "Azerbaijani", "Martuni") is not read
        # as an inflected form of another ("Azerbaijan" + Turkish -i).
        stems = inflected(index, q, types, source.stems, transcribe=transcribe)
        entries = _better_of(entries, stems)
    return query, q, gate_surnames(index, entries)


def _uncontested(
    index: Index, q: QueryKeys, types: frozenset[str] | None, contest: float, transcribe: bool
) -> list[Entry] | None:
    """The entries of the hash tables alone, when no fuzzy match can come within ``contest``
    of their best (else None). Only when one of them is sure (exact or folded): otherwise the
    full path also reads the query as an inflected form, which may score higher ("Masiss" is
    "Masis" + -s at 0.96, above its phonetic match)."""
    entries = rank_ids(index, q, index.table_ids(q), types, transcribe=transcribe)
    if not any(e.raw_ev.method in _SURE for e in entries):
        return None
    best = max(entries, key=lambda e: e.raw)
    return entries if best.raw >= fuzzy_ceiling(index, q) + contest else None


def _better_of(direct: list[Entry], through_stems: list[Entry]) -> list[Entry]:
    """Per entity, the better of the direct and the inflected entry."""
    if not through_stems:
        return direct
    best = {e.ei: e for e in direct}
    for e in through_stems:
        prev = best.get(e.ei)
        if prev is None or e.capped > prev.capped:
            best[e.ei] = e
    return list(best.values())


def inflected(
    index: Index,
    q: QueryKeys,
    types: frozenset[str] | None,
    stem_ids: Callable[[QueryKeys], Iterable[int]],
    *,
    transcribe: bool = True,
) -> list[Entry]:
    """Entries reached through a dictionary form of an inflected query (best per entity).

    Only exact, folded and phonetic matches of the proposed form count, on an alias written
    in the form's own script, so an ordinary word is not stemmed into an entity unless its
    stem is a name of one; scores are multiplied by ``Config.inflected``."""
    factor = index.config.inflected
    if factor <= 0:
        return []  # switched off
    if everyday_name(q.norm) == "name":
        # An everyday name is a name as it stands ("Michela", "Орлова", "Babayeva"), not an
        # inflected form of a name of ours ("Michel" + -a).
        return []
    best: dict[int, Entry] = {}
    for variant in stem_phrase(q.norm):
        for entry in _variant_entries(index, variant, types, stem_ids, transcribe):
            prev = best.get(entry.ei)
            if prev is None or entry.raw > prev.raw:
                best[entry.ei] = entry
    return list(best.values())


def _variant_entries(
    index: Index,
    variant: PhraseStem,
    types: frozenset[str] | None,
    stem_ids: Callable[[QueryKeys], Iterable[int]],
    transcribe: bool,
) -> list[Entry]:
    """The entries one proposed dictionary form reaches, their scores times
    ``Config.inflected``."""
    qv = normalized_keys(variant.text)
    if len(qv.fold_c) < 3:
        return []
    ids = list(stem_ids(qv))
    by_sound = transcribe and not spells_alias(index, qv, ids)
    if by_sound:
        ids.extend(transcribed_ids(index, qv))
    entries = rank_ids(index, qv, ids, types, transcribe=by_sound)
    if not entries:
        return []  # most proposed forms name nothing: no script or languages to read
    script = detect_script(variant.text)
    proclitic = any(st.rule == "proclitic" for st in variant.stems)
    langs = frozenset(lang for st in variant.stems for lang in st.lang.split("/"))
    factor = index.config.inflected
    return [
        e._replace(
            capped=round(e.capped * factor, 6),
            raw=round(e.raw * factor, 6),
            inflection=(variant, qv, factor),
        )
        for e in entries
        if _stem_counts(index, qv, e, script, proclitic, langs)
        and not _feminine(index.aliases[e.raw_i], variant)
    ]


def _stem_counts(
    index: Index, qv: QueryKeys, e: Entry, script: str, proclitic: bool, langs: frozenset[str]
) -> bool:
    """Whether the match of a proposed dictionary form (keys ``qv``, written in ``script``,
    after a ``proclitic`` or not, by the endings of ``langs``) counts as a match of the query."""
    method = e.raw_ev.method
    alias = index.aliases[e.raw_i]
    # A script that writes names by sound writes a foreign name as it sounds: its dictionary
    # form may be the transcription of a Latin alias ("아르메니아는" is "아르메니아", Armenia, +
    # topic -는; "কারাবাখের" is Karabakh + genitive -ের).
    by_sound = costs_of(script) is not None
    if method not in ("exact", "folded", "phonetic") and not (by_sound and method == TRANSCRIBED):
        return False
    if method == "phonetic" and len(qv.fold_c) < index.config.min_phonetic_stem:
        return False
    # A dictionary form is a word of its language: it must be a name written in the same
    # script ("Руся" is not Turkish "Rusya", "Першя" is not "Persia").
    alias_script = detect_script(alias.text)
    if alias_script != script and not (
        by_sound and (alias.latin or costs_of(alias_script) is not None)
    ):
        return False
    # A form that only sounds like an exonym must be of the exonym's language: Russian
    # "Грузом" less -ом is not the Chuvash Грузи.
    if method == "phonetic" and not _ending_lang_fits(alias, langs):
        return False
    # Arabic-script and Hebrew keys are consonant skeletons: after a proclitic only the very
    # name will do, not a surname alone ("الرئيسي", "main", is not Raisi).
    return not (proclitic and (method != "exact" or alias.kind in _DERIVED_KINDS))


def _ending_lang_fits(alias: Alias, langs: frozenset[str]) -> bool:
    """Whether a form of ``langs`` may sound like ``alias``: any name but an exonym (what one
    other language calls the entity) does, since every language inflects a foreign name
    (Slovene "Pašinjanu", Kurdish "Moskowayê"); an exonym only for its own language."""
    if alias.kind != "exonym" or alias.lang is None or not langs:
        return True
    return alias.lang.split("-")[0] in langs


#: Masculine surname endings whose feminine form adds -a (Aliyev/Aliyeva, Лавров/Лаврова).
_MASCULINE = ("ov", "ev", "ёв", "ов", "ев")


def _feminine(alias: Alias, variant: PhraseStem) -> bool:
    """Whether ``variant`` reaches the bare surname ``alias`` by removing the -a that makes a
    masculine -ov/-ev surname feminine: "Mutalibova" is a woman of that name, not Ayaz
    Mutalibov (the genitive "Лаврова" is the same letters: the bare form cannot tell them
    apart, so it abstains)."""
    return (
        alias.kind == "surname"
        and variant.ending in ("a", "а")
        and casefold(alias.text).endswith(_MASCULINE)
    )


def fuzzy_ceiling(index: Index, q: QueryKeys) -> float:
    """The highest score a fuzzy match can give this (gap-free) query: at least one edit
    on a phonetic key no longer than the query's plus its edit budget, with the Metaphone
    bonus, times the heaviest alias kind factor (1 at least)."""
    config = index.config
    n = len(q.phon_c)
    reach = n + config.edits_allowed(n + 3)
    if reach == n:
        return 0.0
    ceiling = config.fuzzy * (1.0 - 1.0 / reach) ** config.fuzzy_power
    heaviest = max([1.0, *config.kind_factor.values()])
    return float(min(1.0, (ceiling + config.metaphone_bonus) * heaviest))


class _Best:
    """The best alias of each entity so far, capped and raw (see :func:`rank_ids`)."""

    def __init__(self, ceiling: float) -> None:
        self.ceiling = ceiling
        self.capped: dict[int, tuple[float, int, Evidence, str]] = {}
        self.raw: dict[int, tuple[float, int, Evidence]] = {}
        self.gated: set[int] = set()  # entities matched exactly or folded on a needs-context alias
        self.plain: set[int] = set()  # ... and on a plain alias

    def add(self, i: int, alias: Alias, ev: Evidence) -> None:
        ei = alias.entity
        if ev.method in _SURE:
            (self.gated if alias.needs_context else self.plain).add(ei)
        raw = self.raw.get(ei)
        if raw is None or (ev.score, -i) > (raw[0], -raw[1]):
            self.raw[ei] = (ev.score, i, ev)
        score, cut = ev.score, ""
        if alias.needs_context and score > self.ceiling:
            score, cut = self.ceiling, "the alias is flagged needs-context"
        capped = self.capped.get(ei)
        if capped is None or (score, -i) > (capped[0], -capped[1]):
            self.capped[ei] = (score, i, ev, cut)

    def entries(self, index: Index) -> list[Entry]:
        out = []
        for ei, (score, i, ev, cut) in self.capped.items():
            if ei in self.gated and ei not in self.plain and score > self.ceiling:
                score, cut = self.ceiling, "the query is an alias flagged needs-context"
            raw_score, raw_i, raw_ev = self.raw[ei]
            out.append(
                Entry(ei, index.entities[ei].id, round(score, 6), i, ev, cut,
                      round(raw_score, 6), raw_i, raw_ev)
            )  # fmt: skip
        return out


def rank_ids(
    index: Index,
    q: QueryKeys,
    ids: Iterable[int],
    types: frozenset[str] | None,
    *,
    transcribe: bool = True,
) -> list[Entry]:
    """The best alias of each entity, capped and raw. *Capped*: an alias flagged
    needs-context counts at most ``needs_context_ceiling``, and an entity whose
    needs-context alias is the query (exact or folded) stays under the ceiling unless a
    plain alias of it matches as closely: "Macro" must not reach Macron through
    fuzziness. *Raw*: no cap.

    A query that is an everyday personal name (:mod:`namenorm.matching.everyday`) is taken
    only on exact and folded evidence: "Francis" is not a misspelling of "Francia"; nor is
    a full name made of everyday names a misspelling of a person's name."""
    config = index.config
    aliases, entities = index.aliases, index.entities
    best = _Best(config.needs_context_ceiling)
    everyday: str | None | bool = False  # looked up on the first inexact evidence only
    for i in ids:
        alias = aliases[i]
        kind = entities[alias.entity].type
        if types is not None and kind not in types:
            continue
        ev = score_alias(q, alias, config)
        if ev is None or (not transcribe and ev.method == TRANSCRIBED):
            continue
        if ev.method not in _SURE:
            if everyday is False:
                everyday = everyday_name(q.norm)
            if everyday == "name" or (everyday == "full" and kind == "person"):
                continue
        best.add(i, alias, ev)
    return best.entries(index)


def gate_surnames(index: Index, entries: list[Entry]) -> list[Entry]:
    """``entries`` with a bare surname that ordinary people bear too
    (:mod:`namenorm.matching.everyday`) held at ``needs_context_ceiling``, as a needs-context
    alias is, when its person is named in fewer than ``Config.prominent_languages`` languages
    ("Harris" is not Kamala Harris on its own; "Pashinyan" is Nikol Pashinyan). When several
    entities rest on such a surname ("Həsənov", "Aliyev") nothing is held: they tie, and the
    margin (or the document) decides between them."""
    config = index.config
    ceiling = config.needs_context_ceiling
    bare = [e for e in entries if e.capped > ceiling and _everyday_surname(index.aliases[e.i])]
    if len(bare) != 1:
        return entries
    (e,) = bare
    names = index.entities[e.ei].names
    if len({n.lang or n.script for n in names}) >= config.prominent_languages:
        return entries
    why = (
        "an everyday surname alone, of a person named in fewer than "
        f"{config.prominent_languages} languages"
    )
    return [x._replace(capped=ceiling, cut=why) if x is e else x for x in entries]


def _everyday_surname(alias: Alias) -> bool:
    return alias.kind == "surname" and everyday_name(alias.text) == "name"
