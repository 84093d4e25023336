"""Names that the gazetteer's entity shares with something it does not hold.

Three checks on the selected mentions of a document:

* **Ordinary words**: a span of function words or month names alone is no name ("از یک" is
  no Azokh, "كان" no Imran Khan, "Aralık" no Maralik).
* **Elsewhere**: "Georgia" is also a state of the United States. When a document names the
  United States or something in it (the Senate, Washington, "American"), or writes "state"
  before the name ("ایالت جورجیا"), and names nothing of the Caucasus, its Georgia is the
  state: the mentions of the country are dropped.
* **A given name before a surname**: a single capitalized word matched to a place only
  inexactly, right before another capitalized word that no mention holds, is somebody's given
  name ("George Clooney" is no "Géorgie"); unless the word is the alias with an ending
  ("Russlands Vermittlung", German capitalizing its nouns).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from namenorm.gazetteer.model import Entity, region_tags
from namenorm.mentions.mention import Mention
from namenorm.mentions.spans import without_proclitic
from namenorm.mentions.tokens import Token
from namenorm.mentions.words import INEXACT, ORDINARY_WORDS, PLACE_CUES_AFTER
from namenorm.text.normalize import remove_invisible

__all__ = ["STATE_WORDS", "drop_homonyms"]

def _country(e: Entity | None) -> str | None:
    if e is None:
        return None
    return e.country or (e.id if e.type == "place" else None)


#: "state" before a name, in the languages of the dev set and the region (folded keys are
#: computed from these by the annotator's key function).
STATE_WORDS = ("state", "État", "Estado", "Stato", "Staat", "штат", "eyalet", "eyaleti", "ştat",
               "ştatı", "ایالت", "ولاية", "نահանգ", "შტატი")


def drop_homonyms(
    tokens: list[Token],
    mentions: list[Mention],
    entities: Mapping[str, Entity],
    state_keys: frozenset[str] = frozenset(),
) -> list[Mention]:
    """``mentions`` without the homonyms of the entities they name (see the module);
    ``state_keys`` are the token keys of :data:`STATE_WORDS`."""
    mentions = [m for m in mentions if not _ordinary(m.text)]
    return _given_names(tokens, _elsewhere(tokens, mentions, entities, state_keys), entities)


def _ordinary(text: str) -> bool:
    """A span of ordinary words only (:data:`~namenorm.mentions.words.ORDINARY_WORDS`)."""
    return all(
        w in ORDINARY_WORDS or any(r in ORDINARY_WORDS for _, r in without_proclitic(w))
        for w in remove_invisible(text).split()
    )


def _elsewhere(
    tokens: list[Token],
    mentions: list[Mention],
    entities: Mapping[str, Entity],
    state_keys: frozenset[str],
) -> list[Mention]:
    """Mentions of an entity that has ``namesakes`` (gazetteer: countries holding a well-known
    place of the same name) dropped when the document names such a country, or writes "state"
    before the name, and names nothing that shares a region tag with the entity."""
    first_at = {t.start: k for k, t in enumerate(tokens)}
    drop = {
        eid
        for eid in {m.id for m in mentions}
        if _means_the_namesake(eid, tokens, first_at, mentions, entities, state_keys)
    }
    return [m for m in mentions if m.id not in drop]


def _means_the_namesake(
    eid: str,
    tokens: list[Token],
    first_at: dict[int, int],
    mentions: list[Mention],
    entities: Mapping[str, Entity],
    state_keys: frozenset[str],
) -> bool:
    entity = entities.get(eid)
    if entity is None or not entity.namesakes:
        return False
    own = region_tags(entity, entities.get)
    related = [e for m in mentions if m.id != eid and (e := entities.get(m.id)) is not None]
    if any(own & region_tags(e, entities.get) for e in related):
        return False
    state = any(
        (k := first_at.get(m.start)) and tokens[k - 1].key in state_keys
        for m in mentions
        if m.id == eid
    )
    return state or any({e.id, _country(e)} & set(entity.namesakes) for e in related)


def _plain(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(ch)
    )


def _alias_and_ending(m: Mention) -> bool:
    """The word is its alias with an ending ("Russlands Vermittlung": German genitive)."""
    word, alias = _plain(m.text), _plain(m.match.alias)
    return len(word) > len(alias) and word.startswith(alias)


def _given_names(
    tokens: list[Token], mentions: list[Mention], entities: Mapping[str, Entity]
) -> list[Mention]:
    first_at = {t.start: k for k, t in enumerate(tokens)}
    held = {m.start for m in mentions}
    out = []
    for m in mentions:
        k = first_at.get(m.start)
        if (
            k is not None
            and k + 1 < len(tokens)
            and tokens[k].end == m.end
            and m.method in INEXACT
            and m.type == "place"
            and tokens[k + 1].join == " "
            and tokens[k + 1].upper
            and tokens[k + 1].start not in held
            and tokens[k + 1].key not in PLACE_CUES_AFTER
            and not _alias_and_ending(m)
        ):
            continue
        out.append(m)
    return out
