"""The compiled index: every alias of a gazetteer with its keys, and the tables to find them.

Building the index expands each entity's names into *aliases*. A person's full names also give
derived aliases: the surname alone ("Pashinyan"), initials ("N. Pashinyan"), the reversed order
("Pashinyan Nikol") and the name without middle names ("Recep Erdoğan"). Each alias carries its
three keys (:mod:`namenorm._keys`).

Lookups never scan all aliases. Candidates come from hash tables on the exact text, the fold key,
the phonetic key and the skeleton key, and from an inverted index of the phonetic key's letter
pairs (bigrams). The bigram filter is complete for the fuzzy budget: two keys within ``d`` edits
share at least ``n + 1 - 3d`` of their padded bigrams (an edit or adjacent swap destroys at most
three), so no alias that the scorer could accept is missed.

>>> from namenorm._gazetteer import Entity, Gazetteer
>>> g = Gazetteer([Entity("nikol-pashinyan", "person", "Nikol Pashinyan")])
>>> sorted(a.text for a in Index.build(g).aliases)
['N. Pashinyan', 'Nikol Pashinyan', 'Pashinyan', 'Pashinyan Nikol']
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from namenorm._config import Config
from namenorm._gazetteer import Entity, Gazetteer, Name
from namenorm._keys import casefold, compact, fold_normalized, phonetic_key, skeleton_key
from namenorm._romanize import GENERATING_KINDS, variants
from namenorm._text import GAP, is_latin, normalize

__all__ = ["Alias", "Dropped", "Index", "QueryKeys", "bigrams", "generated_aliases"]

# Words that belong to the surname that follows ("Jean-Yves Le Drian", "von der Leyen").
_PARTICLES = frozenset({"al", "el", "le", "la", "de", "du", "da", "di", "der", "von", "van", "bin", "ibn"})
_DERIVABLE_KINDS = frozenset({"preferred", "official", "variant", "exonym", "short", "historical"})
_NO_INITIALS_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Hang", "Arab", "Hebr", "Thai"})


@dataclass(frozen=True, slots=True)
class Alias:
    """One indexed string: a gazetteer name, or one derived from it."""

    entity: int
    text: str
    kind: str
    lang: str | None
    exact_only: bool
    needs_context: bool
    norm: str
    fold: str
    phon: str
    skel: str
    #: For a generated alias (kind ``generated``): the romanization scheme that made it.
    scheme: str | None = None
    # Derived once here, compared for every query: plain text and the keys without spaces.
    plain: str = field(init=False, repr=False, compare=False)
    fold_c: str = field(init=False, repr=False, compare=False)
    phon_c: str = field(init=False, repr=False, compare=False)
    skel_c: str = field(init=False, repr=False, compare=False)
    latin: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _set_derived(self, self.fold, self.phon, self.skel, self.norm)
        object.__setattr__(self, "plain", plain_key(self.text))

    @property
    def derived(self) -> bool:
        """Whether the alias was derived by code rather than written in the gazetteer."""
        return self.kind in ("surname", "initials", "reversed", "given-surname")


@dataclass(frozen=True, slots=True)
class QueryKeys:
    """The keys of a query, computed once per lookup."""

    norm: str
    norm_fold: str  # plain_key of the raw query, for exact comparison
    fold: str
    phon: str
    skel: str
    steps: tuple[str, ...]
    fold_c: str = field(init=False, repr=False, compare=False)
    phon_c: str = field(init=False, repr=False, compare=False)
    skel_c: str = field(init=False, repr=False, compare=False)
    latin: bool = field(init=False, repr=False, compare=False)
    gapped: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _set_derived(self, self.fold, self.phon, self.skel, self.norm)
        object.__setattr__(self, "gapped", GAP in self.fold)


def _set_derived(obj: Alias | QueryKeys, fold: str, phon: str, skel: str, norm: str) -> None:
    object.__setattr__(obj, "fold_c", compact(fold))
    object.__setattr__(obj, "phon_c", compact(phon))
    object.__setattr__(obj, "skel_c", compact(skel))
    object.__setattr__(obj, "latin", is_latin(norm))


def bigrams(key: str) -> list[str]:
    """Padded letter pairs of a compact key.

    >>> bigrams("baku")
    ['^b', 'ba', 'ak', 'ku', 'u$']
    """
    padded = f"^{key}$"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


def _person_forms(name: Name) -> list[tuple[str, str]]:
    """(text, kind) forms derived from a person's full name."""
    if name.kind not in _DERIVABLE_KINDS or name.exact_only or name.needs_context:
        return []
    tokens = normalize(name.text).split()
    if len(tokens) < 2 or any(t.endswith(".") for t in tokens):
        return []
    split = len(tokens) - 1
    while split > 1 and tokens[split - 1].casefold() in _PARTICLES:
        split -= 1
    given, surname = tokens[:split], " ".join(tokens[split:])
    forms = []
    if len(surname.replace(" ", "")) >= 3:
        forms.append((surname, "surname"))
    forms.append((f"{surname} {' '.join(given)}", "reversed"))
    if len(given) > 1:
        forms.append((f"{given[0]} {surname}", "given-surname"))
        forms.append((f"{given[-1]} {surname}", "given-surname"))
    first = given[0]
    if name.script not in _NO_INITIALS_SCRIPTS and first[:1].isalpha():
        forms.append((f"{first[0]}. {surname}", "initials"))
    return forms


def plain_key(text: str) -> str:
    """Text compared for an ``exact`` match: NFC, case-folded, spaces collapsed, nothing else.

    >>> plain_key("  Nagorno-KARABAKH ")
    'nagorno-karabakh'
    """
    return casefold(" ".join(unicodedata.normalize("NFC", text).split()))


def keys_of(text: str) -> tuple[str, str, str, str]:
    """(normalized, fold, phonetic, skeleton) keys of a gazetteer string."""
    norm = normalize(text)
    fold = fold_normalized(norm)
    phon = phonetic_key(fold)
    return norm, fold, phon, skeleton_key(phon)


class Index:
    """Aliases of a gazetteer with their lookup tables. Immutable once built."""

    __slots__ = (
        "_by_exact",
        "_by_fold",
        "_by_phon",
        "_by_skel",
        "_grams",
        "_phon_len",
        "aliases",
        "config",
        "entities",
    )

    def __init__(self, entities: tuple[Entity, ...], aliases: list[Alias], config: Config) -> None:
        self.entities = entities
        self.aliases = tuple(aliases)
        self.config = config
        self._by_exact: dict[str, list[int]] = {}
        self._by_fold: dict[str, list[int]] = {}
        self._by_phon: dict[str, list[int]] = {}
        self._by_skel: dict[str, list[int]] = {}
        self._grams: dict[str, list[int]] = {}
        self._phon_len = [len(a.phon_c) for a in self.aliases]
        for i, a in enumerate(self.aliases):
            if a.exact_only:
                self._by_exact.setdefault(a.norm, []).append(i)
                continue
            self._by_exact.setdefault(a.plain, []).append(i)
            self._by_fold.setdefault(a.fold_c, []).append(i)
            self._by_phon.setdefault(a.phon_c, []).append(i)
            if len(a.skel_c) >= config.min_skeleton:
                self._by_skel.setdefault(a.skel_c, []).append(i)
            if config.edits_allowed(len(a.phon_c) + 3) > 0:
                for g in set(bigrams(a.phon_c)):
                    self._grams.setdefault(g, []).append(i)

    @classmethod
    def build(cls, gazetteer: Gazetteer, config: Config | None = None) -> Index:
        """Expand every entity's names into aliases and index them."""
        config = config or Config()
        entities = gazetteer.entities
        aliases: list[Alias] = []
        for ei, entity in enumerate(entities):
            aliases.extend(_aliases_of(ei, entity))
        if config.generate_variants:
            aliases.extend(generated_aliases(entities, aliases)[0])
        return cls(entities, aliases, config)

    def candidate_ids(self, q: QueryKeys) -> list[int]:
        """Aliases that may score above zero for the query, at most ``max_candidates``."""
        found: dict[int, None] = {}
        for table, key in (
            (self._by_exact, q.norm),
            (self._by_exact, q.norm_fold),
            (self._by_fold, q.fold_c),
            (self._by_phon, q.phon_c),
            (self._by_skel, q.skel_c),
        ):
            for i in table.get(key, ()):
                found[i] = None
        for i in self._fuzzy_ids(q):
            found[i] = None
        return list(found)[: self.config.max_candidates]

    def _fuzzy_ids(self, q: QueryKeys) -> Iterable[int]:
        phon = q.phon_c
        if q.gapped:
            grams = [g for g in bigrams(phon) if GAP not in g]
        else:
            grams = bigrams(phon)
        counts: Counter[int] = Counter()
        for g in set(grams):
            postings = self._grams.get(g)
            if postings:
                counts.update(postings)
        if not counts:
            return []
        n = len(phon)
        lengths = self._phon_len
        budget = self.config.edits_allowed
        if q.gapped:
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            keep = [i for i, common in ranked if common * 2 >= len(grams)]
            return keep[: self.config.max_candidates]
        # No alias beyond n + dmax letters can be in budget, and every alias in budget shares
        # at least n + 1 - 3 * dmax pairs: a floor that discards most counts before sorting.
        # Counts are of *distinct* shared pairs: a pair the query repeats ("xankandi baku
        # xankandi") is counted once, so each repeat lowers both floors by one.
        repeats = len(grams) - len(set(grams))
        dmax = budget(n + 3)
        floor = n + 1 - 3 * dmax - repeats
        ranked = sorted(
            ((i, common) for i, common in counts.items() if common >= floor),
            key=lambda kv: (-kv[1], kv[0]),
        )
        keep = []
        for i, common in ranked:
            alias_len = lengths[i]
            d = budget(max(n, alias_len))
            if abs(alias_len - n) > d or common < max(n, alias_len) + 1 - 3 * d - repeats:
                continue
            keep.append(i)
            if len(keep) >= self.config.max_candidates:
                break
        return keep


def _aliases_of(ei: int, entity: Entity) -> list[Alias]:
    out: list[Alias] = []
    seen: set[tuple[str, str]] = set()

    def add(text: str, kind: str, name: Name) -> None:
        if (text, kind) in seen:
            return
        seen.add((text, kind))
        norm, fold, phon, skel = keys_of(text)
        if not fold:
            return
        out.append(
            Alias(
                entity=ei,
                text=text,
                kind=kind,
                lang=name.lang,
                exact_only=name.exact_only,
                needs_context=name.needs_context,
                norm=norm,
                fold=fold,
                phon=phon,
                skel=skel,
            )
        )

    for name in entity.names:
        add(name.text, name.kind, name)
    if entity.type == "person":
        for name in entity.names:
            for text, kind in _person_forms(name):
                add(text, kind, name)
    return out


def _homes(entity: Entity, by_id: dict[str, Entity]) -> frozenset[str]:
    """The entity's id and the ids of its countries and parents, up the parent chain."""
    out: set[str] = set()
    e: Entity | None = entity
    while e is not None and e.id not in out:
        out.add(e.id)
        if e.country:
            out.add(e.country)
        e = by_id.get(e.parent) if e.parent else None
    return frozenset(out)


@dataclass(frozen=True)
class Dropped:
    """A generated variant left out of the index because its key belongs to other entities."""

    entity: str
    text: str
    scheme: str
    others: tuple[str, ...]


def generated_aliases(
    entities: tuple[Entity, ...], aliases: list[Alias]
) -> tuple[list[Alias], list[Dropped]]:
    """Romanizations of the entities' names (:mod:`namenorm._romanize`), as aliases.

    A variant is indexed unless:

    - an alias of the same entity (or an earlier variant) has its phonetic key already: the
      phonetic match finds that spelling anyway, and every alias costs lookup time;
    - its fold key belongs to another entity's alias, written or derived, or another entity
      generates the same key: then it is *dropped* and reported, never indexed, so generated
      spellings cannot create an alias collision.
    """
    owners: dict[str, set[int]] = {}
    sounds: set[tuple[int, str]] = set()
    for a in aliases:
        if not a.exact_only:
            owners.setdefault(a.fold_c, set()).add(a.entity)
            sounds.add((a.entity, a.phon_c))
    proposed: list[Alias] = []
    generated_by: dict[str, set[int]] = {}
    by_id = {e.id: e for e in entities}
    for ei, entity in enumerate(entities):
        person = entity.type == "person"
        langs = frozenset((n.lang or "").split("-")[0] for n in entity.names if n.lang)
        homes = _homes(entity, by_id)
        for name in entity.names:
            if name.kind not in GENERATING_KINDS or name.exact_only or name.needs_context:
                continue
            for text, scheme, lang in variants(
                name.text,
                script=name.script,
                lang=name.lang,
                person=person,
                person_langs=langs,
                homes=homes,
            ):
                norm, fold, phon, skel = keys_of(text)
                key = compact(fold)
                if not key or (ei, compact(phon)) in sounds:
                    continue
                sounds.add((ei, compact(phon)))
                generated_by.setdefault(key, set()).add(ei)
                proposed.append(
                    Alias(ei, text, "generated", lang, False, False, norm, fold, phon, skel, scheme)
                )
    kept: list[Alias] = []
    dropped: list[Dropped] = []
    for a in proposed:
        others = (owners.get(a.fold_c, set()) | generated_by[a.fold_c]) - {a.entity}
        if others:
            ids = tuple(sorted(entities[o].id for o in others))
            dropped.append(Dropped(entities[a.entity].id, a.text, a.scheme or "", ids))
        else:
            kept.append(a)
    return kept, dropped
