"""Towns named in a sentence about districts are the districts.

Azerbaijan's districts bear the names of their towns ("Laçın" and "Laçın rayonu"), and a text
about districts often names them by the bare town name in a list under one plural word:
"şimalda Kəlbəcər, şərqdə Xocalı, Şuşa və Xocavənd ... rayonlarıdır", "des districts d'Agdam,
de Kelbajar et de Lachin", "the districts of Agdam and Lachin". In a sentence that holds such a
plural word, a mention of a town that has a district of its name is read as the district.

Which town has which district is read off the gazetteer: a district whose name is a district
word and another place's name ("Lachin District", "Laçın rayonu", "Лачинский район") is that
place's district.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from namenorm.gazetteer.model import Entity
from namenorm.mentions.mention import Mention
from namenorm.mentions.tokens import Token

__all__ = ["DISTRICT_WORDS", "PLURAL_DISTRICT_WORDS", "district_of", "as_districts"]

#: A district, in a name ("Lachin District", "Laçın rayonu"), as folded token keys' sources.
DISTRICT_WORDS = ("district", "rayon", "rayonu", "raion")
#: Districts, plural, in running text (the stem of Azerbaijani and Turkish plural forms, which
#: take endings: "rayonlarıdır", "rayonlarının").
PLURAL_DISTRICT_WORDS = (
    "districts", "distritos", "distretti", "distrikter", "distriktene", "Bezirke", "rayonlar",
    "районы", "районов", "районах", "районами", "ilçeler", "շրջանները", "რაიონები",
)  # fmt: skip

Key = Callable[[str, bool], tuple[str, str]]


def district_of(entities: Iterable[Entity], key: Key) -> dict[str, str]:
    """Town id -> id of the district of its name: a place named "<town's name> <district
    word>" (or the word first) in the same country.

    The names are compared as folded token keys, so any script's spelling of the town counts
    where the district's name repeats it."""
    entities = list(entities)
    words = {key(w, True)[0] for w in DISTRICT_WORDS}
    towns: dict[tuple[str, str | None], set[str]] = {}
    for e in entities:
        if e.type == "place":
            for text in (e.name, *(n.text for n in e.names)):
                towns.setdefault((_keys(text, key), e.country), set()).add(e.id)
    out: dict[str, str] = {}
    for d in entities:
        if d.type != "place":
            continue
        for text in (d.name, *(n.text for n in d.names)):
            parts = _keys(text, key).split(" ")
            if len(parts) < 2 or not ({parts[0], parts[-1]} & words):
                continue
            rest = " ".join(parts[1:] if parts[0] in words else parts[:-1])
            for town in towns.get((rest, d.country), ()):
                if town != d.id:
                    out.setdefault(town, d.id)
    return out


def _keys(text: str, key: Key) -> str:
    return " ".join(k for w in text.split() if (k := key(w, True)[0]))


def as_districts(
    tokens: list[Token],
    mentions: list[Mention],
    districts: Mapping[str, str],
    plural_keys: frozenset[str],
    entities: Mapping[str, Entity],
) -> list[Mention]:
    """``mentions`` with towns read as their districts in sentences about districts."""
    if not districts or not any(m.id in districts for m in mentions):
        return mentions
    sentence_of = _sentences(tokens)
    about = {
        sentence_of[k]
        for k, t in enumerate(tokens)
        if any(t.key.startswith(p) for p in plural_keys)
    }
    if not about:
        return mentions
    first_at = {t.start: k for k, t in enumerate(tokens)}
    out = []
    for m in mentions:
        k = first_at.get(m.start)
        district = entities.get(districts.get(m.id, ""))
        if k is not None and district is not None and sentence_of[k] in about:
            step = f"context: a sentence about districts names it: {district.id}"
            m = replace(
                m,
                match=replace(
                    m.match, id=district.id, name=district.name,
                    explanation=(*m.match.explanation, step),
                ),
            )  # fmt: skip
        out.append(m)
    return out


def _sentences(tokens: list[Token]) -> list[int]:
    """The number of the sentence of each token."""
    out, n = [], -1
    for t in tokens:
        if t.sentence_start:
            n += 1
        out.append(max(n, 0))
    return out
