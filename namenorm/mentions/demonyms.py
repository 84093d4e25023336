"""Demonyms in other languages, derived from the gazetteer's names of a people's country.

The gazetteer lists demonyms in English (and a few in Russian); running text in French,
German, Spanish, Turkish, Persian or Arabic writes them inflected and in lower case:
"arméniennes", "aserbaidschanischen", "armenios", "Ermenilerin", "ارمنی‌ها",
"الأذربيجانيين", "армянского". For every entity with a demonym, each of its names in one of the
languages below is turned into that language's demonym stems by the language's derivation
rules (French -ie -> -ien, German -ien -> -isch, Persian -ستان -> -ی, Arabic -يا -> -ي, ...),
and the stems take the language's endings (and in Arabic its proclitics and article). A form
that two entities would both give is left out; one that is already an alias serves only where
the alias does not (a lower-case "arménien", as the German "Armenien" is capitalized, or a
Persian "روسی" that only folds to the surname رئیسی).

The rules are a few suffix replacements per language; the stems come from the gazetteer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from namenorm.gazetteer.model import Entity, Name
from namenorm.matching.match import Match

__all__ = ["DemonymForms", "derive"]

#: language -> (name ending, stem ending) replacements, tried in order (all that apply).
_STEMS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("ie", "ien"), ("ie", "e"), ("an", "anais"), ("n", "nien")),
    "de": (("ien", "isch"), ("ien", "ier"), ("land", "isch"), ("ei", "isch"), ("an", "anisch")),
    "es": (("ia", "i"), ("ia", ""), ("án", "an")),
    "it": (("ia", ""), ("an", "an")),
    "no": (("ia", "sk"), ("land", "isk"), ("an", "ansk")),
    "nb": (("ia", "sk"), ("land", "isk"), ("an", "ansk")),
    "tr": (("istan", "i"), ("ya", "")),
    "az": (("ıstan", "ı"), ("istan", "i"), ("stan", "")),
    "ru": (("ения", "янск"), ("ия", "ийск"), ("ан", "анск")),
    "fa": (("ستان", "ی"), ("یه", "ی"), ("ان", "انی")),
    "ar": (("يا", "ي"), ("ان", "اني"), ("ل", "لي"), ("ات", "اتي")),
}
#: language -> endings a demonym stem takes.
_ENDINGS: dict[str, tuple[str, ...]] = {
    "fr": ("", "s", "ne", "nes", "e", "es"),
    "de": ("", "e", "en", "er", "es", "em", "n"),
    "es": ("o", "a", "os", "as"),
    "it": ("o", "a", "i", "e"),
    "no": ("", "e"),
    "nb": ("", "e"),
    "tr": ("", "ler", "leri", "lerin", "lere", "ce", "ca", "ça"),
    "az": ("", "lər", "ləri", "lərin", "cə"),
    "ru": ("ий", "ого", "ому", "им", "ом", "ая", "ой", "ую", "ое", "ие", "их", "ими"),
    "fa": ("", "ها", "های", "ان"),
    "ar": ("", "ة", "ون", "ين", "ان"),
}
#: Arabic proclitics and the article before a derived form.
_AR_PREFIXES = ("", "ال", "وال", "بال", "لل", "و", "ب", "ل")
#: Languages whose demonyms are written in lower case (a capital is a sentence start or, in
#: German, a noun); in the others they are capitalized or the script has no case.
_LOWER = frozenset({"fr", "de", "es", "it", "no", "nb", "ru", "az"})
#: German capitalizes its nouns ("Armeniern"); a Russian sentence may begin with a demonym
#: ("Армянский ..."); French, Spanish and Italian ones capitalized are given names ("Georges").
_CAPITAL_OK = frozenset({"de"})
_CAPITAL_AT_START = frozenset({"ru"})
#: Fewest letters of a derived form (Arabic script writes no short vowels: "روسی").
_MIN_FORM = 5
_MIN_FORM_ARABIC = 4
#: Russian demonyms in the gazetteer are plural nouns ("армяне"): their other cases.
_RU_PLURAL = (("е", ("", "ам", "ами", "ах")), ("ы", ("ев", "ов", "ам", "ами", "ах")))


def _derived_forms(e: Entity) -> list[tuple[Name, str, str]]:
    """(name, form, language) of every demonym form the entity's names give."""
    langs = {n.lang for n in e.names}
    out: list[tuple[Name, str, str]] = []
    for n in e.names:
        derived: list[tuple[str, str]] = []
        if n.kind == "demonym" and n.lang:
            derived = [(f, n.lang) for f in plural_cases(n.text, n.lang)]
        elif n.lang and n.kind not in ("demonym", "abbreviation", "official"):
            derived = [(f, n.lang) for f in derive(n.text, n.lang)]
        if n.text == e.name:
            # Spanish and Italian often write a country as English does ("Armenia")
            for other in ("es", "it"):
                if other not in langs:
                    derived += [(f, other) for f in derive(n.text, other)]
        out += [(n, form, lang) for form, lang in derived]
    return out


def derive(name: str, lang: str) -> list[str]:
    """The demonym forms of one name in ``lang`` (lower case in the languages that write them
    so).

    >>> "arméniennes" in derive("Arménie", "fr"), "ارمنی" in derive("ارمنستان", "fa")
    (True, True)
    """
    if " " in name or lang not in _STEMS:
        return []
    low = name.lower() if lang in _LOWER else name
    base = low[2:] if lang == "ar" and low.startswith("ال") else low
    stems = [base[: len(base) - len(end)] + new for end, new in _STEMS[lang] if base.endswith(end)]
    prefixes = _AR_PREFIXES if lang == "ar" else ("",)
    out = [p + stem + ending for stem in stems for ending in _ENDINGS[lang] for p in prefixes]
    return _long_enough(out, lang)


def _long_enough(forms: list[str], lang: str) -> list[str]:
    least = _MIN_FORM_ARABIC if lang in ("ar", "fa") else _MIN_FORM
    return [f for f in dict.fromkeys(forms) if sum(ch.isalpha() for ch in f) >= least]


def plural_cases(demonym: str, lang: str) -> list[str]:
    """The other cases of a plural demonym of the gazetteer (Russian).

    >>> plural_cases("армяне", "ru")[:2]
    ['армян', 'армянам']
    """
    if lang != "ru" or " " in demonym:
        return []
    low = demonym.lower()
    for end, endings in _RU_PLURAL:
        if low.endswith(end):
            return [low[: -len(end)] + e for e in endings]
    return []


@dataclass(frozen=True)
class _Form:
    entity: str
    name: str
    lang: str
    alias: bool = False  # also the key of an alias: stands only where the alias cannot


class DemonymForms:
    """Derived demonym forms by token key, built once from the entities with a demonym."""

    def __init__(
        self,
        entities: Iterable[Entity],
        key_of: Callable[[str, bool], tuple[str, str]],
        alias_keys: frozenset[str],
    ) -> None:
        forms: dict[str, _Form | None] = {}
        for e in entities:
            if not any(n.kind == "demonym" for n in e.names):
                continue
            for n, form, lang in _derived_forms(e):
                key = key_of(form, form.isascii())[0]
                alias = key in alias_keys
                if not key or (alias and key == key_of(n.text, n.text.isascii())[0]):
                    continue  # "georgia": Spanish "Georgia" with -a is the name itself
                if key not in forms:
                    forms[key] = _Form(e.id, n.text, lang, alias)
                elif (old := forms[key]) is not None and old.entity != e.id:
                    forms[key] = None  # two peoples: neither
        self._forms = {k: v for k, v in forms.items() if v is not None}

    def match(self, key: str, word: str, upper: bool, sentence_start: bool,
              entity_of: Callable[[str], Entity], *, over_alias: bool = False) -> Match | None:
        """The demonym match of a word with token ``key``, or None. A form that is also the
        key of an alias stands where the alias cannot: in lower case ("arménien", though the
        German "Armenien" is an alias) or, with ``over_alias``, where the alias matched only
        through folded letters."""
        form = self._forms.get(key)
        if form is None:
            return None
        cased = word[:1].lower() != word[:1].upper()
        if form.alias and not over_alias and not (cased and not upper):
            return None
        if cased:
            if form.lang in _LOWER and upper and form.lang not in _CAPITAL_OK:
                if not (sentence_start and form.lang in _CAPITAL_AT_START):
                    return None  # "George(s)" is a given name, not a French demonym
            if form.lang not in _LOWER and not upper:
                return None  # Turkish writes demonyms capitalized: "Ermeni"
        e = entity_of(form.entity)
        return Match(
            id=e.id, name=e.name, type=e.type, score=0.9, method="exact", alias=form.name,
            alias_kind="demonym", alias_lang=form.lang, query=word,
            explanation=(
                f"derived demonym: {word!r} from the {form.lang} name {form.name!r} of {e.id}",
                "score 0.900",
            ),
        )
