"""Aliases: every string the index holds for an entity, with its keys.

Building the index expands each entity's names into *aliases*. A person's full names also give
derived aliases: the surname alone ("Pashinyan"), initials ("N. Pashinyan"), the reversed order
("Pashinyan Nikol") and the name without middle names ("Recep Erdoğan"). Names in other scripts
give generated romanizations (:func:`generated_aliases`). Each alias carries its keys
(:func:`keys_of`, from :mod:`namenorm.keys`): the normalized text and the fold, phonetic and
skeleton keys, and, derived from them, the plain text and the keys without word boundaries.

>>> from namenorm.gazetteer.model import Entity
>>> sorted(a.text for a in aliases_of(0, Entity("nikol-pashinyan", "person", "Nikol Pashinyan")))
['N. Pashinyan', 'Nikol Pashinyan', 'Pashinyan', 'Pashinyan Nikol']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from namenorm.gazetteer.model import Entity, Name, region_tags
from namenorm.keys import QueryKeys, keys_of, plain_key, set_derived_keys
from namenorm.text.normalize import normalize

__all__ = [
    "Alias",
    "Dropped",
    "QueryKeys",
    "aliases_of",
    "generated_aliases",
    "keys_of",
    "plain_key",
]

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
        set_derived_keys(self, self.fold, self.phon, self.skel, self.norm)
        object.__setattr__(self, "plain", plain_key(self.text))

    @property
    def derived(self) -> bool:
        """Whether the alias was derived by code rather than written in the gazetteer."""
        return self.kind in ("surname", "initials", "reversed", "given-surname")


def _person_forms(name: Name) -> list[tuple[str, str]]:
    """(text, kind) forms derived from a person's full name."""
    if name.kind not in _DERIVABLE_KINDS or name.exact_only or name.needs_context:
        return []
    # Japanese and Chinese renderings separate given name and surname with a middle dot.
    tokens = normalize(name.text).replace("・", " ").replace("·", " ").split()
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


def aliases_of(ei: int, entity: Entity) -> list[Alias]:
    """The aliases of entity number ``ei``: its names, and for a person the derived forms."""
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
    """Romanizations of the entities' names (:mod:`namenorm.text.romanize`), as aliases.

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
        for a in _variants_of(ei, entity, by_id):
            if not a.fold_c or (ei, a.phon_c) in sounds:
                continue
            sounds.add((ei, a.phon_c))
            generated_by.setdefault(a.fold_c, set()).add(ei)
            proposed.append(a)
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


def _variants_of(ei: int, entity: Entity, by_id: dict[str, Entity]) -> list[Alias]:
    """Every romanization of the entity's names, as a generated alias, in order."""
    # Imported here: only building an index romanizes, never loading a saved one.
    from namenorm.text.romanize import GENERATING_KINDS, variants

    person = entity.type == "person"
    langs = frozenset((n.lang or "").split("-")[0] for n in entity.names if n.lang)
    homes = region_tags(entity, by_id.get)
    out: list[Alias] = []
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
            out.append(
                Alias(ei, text, "generated", lang, False, False, norm, fold, phon, skel, scheme)
            )
    return out
