"""Check ISO 3166-1 codes of states and propose ISO 3166-2 codes of the region's subdivisions.

A build-time tool, not a runtime dependency: ``pip install pycountry`` (the ISO 3166 data of
Debian's iso-codes, LGPL-2.1).

    python scripts/iso3166_codes.py            # report only
    python scripts/iso3166_codes.py --write    # also write accepted iso3166-2 codes

States: every ``iso3166`` code in the YAML must exist in pycountry, and one of the country's
names there (name, official name, common name) must resolve to our entity; a state without a
code is reported with the code pycountry would give it.

Subdivisions of Armenia, Azerbaijan and Georgia: pycountry's name (an ISO transliteration such
as "Aragac̣otn" or "Vayoć Jor") is resolved with namenorm itself, among our places of that country
whose category fits the subdivision type (a Rayon is a district, a Municipality or City a city,
a Region a province or region). A code is accepted only when one entity is the clear answer; two
entities for one code, or one entity for two codes, are reported and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

try:
    import pycountry
except ImportError:  # pragma: no cover - a build-time tool
    sys.exit("this script needs pycountry: pip install pycountry")

from namenorm import Resolver
from namenorm.gazetteer.load import load_paths
from namenorm.gazetteer.model import Gazetteer, default_paths

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _xrefs import write_xrefs  # noqa: E402  (a sibling module of the scripts)

SUBDIVISION_COUNTRIES = {"AM": "armenia", "AZ": "azerbaijan", "GE": "georgia"}
CATEGORIES = {
    "Rayon": {"district"},
    "Municipality": {"city", "town"},
    "City": {"city"},
    "Region": {"province", "region"},
    "Autonomous republic": {"region", "de-facto-state", "province"},
}


def check_states(g: Gazetteer, resolver: Resolver) -> list[str]:
    notes = []
    for e in g:
        if e.category not in ("country", "de-facto-state"):
            continue
        code = e.xrefs.get("iso3166")
        if code is None:
            found = None
            for n in e.names:
                try:
                    found = pycountry.countries.lookup(n.text)
                    break
                except LookupError:
                    continue
            notes.append(
                f"no-code     {e.id}" + (f": pycountry suggests {found.alpha_2}" if found else "")
            )
            continue
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            notes.append(f"bad-code    {e.id}: {code} is not an ISO 3166-1 code")
            continue
        names = {getattr(country, f, None) for f in ("name", "official_name", "common_name")}
        ids = {m.id for n in names if n for m in [resolver.resolve(n, types="place")] if m}
        if e.id in ids:
            notes.append(f"ok          {e.id}: {code} {country.name}")
        else:
            notes.append(f"mismatch    {e.id}: {code} is {country.name}, which resolves to {ids}")
    return notes


def propose_subdivisions(g: Gazetteer, resolver: Resolver) -> tuple[dict[str, str], list[str]]:
    notes: list[str] = []
    proposals: dict[str, list[str]] = defaultdict(list)  # entity id -> codes
    for cc, state in SUBDIVISION_COUNTRIES.items():
        for sub in pycountry.subdivisions.get(country_code=cc):
            fits = CATEGORIES.get(sub.type, set())
            # A rayon is named like its centre; its own name is "<name> rayonu".
            query = f"{sub.name} rayonu" if sub.type == "Rayon" else sub.name
            ranked = [
                m
                for m in resolver.candidates(query, limit=10, types="place")
                if g[m.id].category in fits and _country(g, m.id) == state
            ]
            if not ranked or ranked[0].score < resolver.config.threshold:
                notes.append(f"not-found   {sub.code} {sub.name} ({sub.type})")
                continue
            if len(ranked) > 1 and ranked[0].score - ranked[1].score < resolver.config.margin:
                notes.append(
                    f"ambiguous   {sub.code} {sub.name}: {ranked[0].id}, {ranked[1].id}"
                )
                continue
            proposals[ranked[0].id].append(sub.code)
            best = ranked[0]
            notes.append(f"match       {sub.code} {sub.name} -> {best.id} ({best.method})")
    accepted = {}
    for eid, codes in proposals.items():
        have = g[eid].xrefs.get("iso3166-2")
        if len(codes) > 1:
            notes.append(f"collision   {eid} proposed for {', '.join(codes)}: none written")
        elif have and have != codes[0]:
            notes.append(f"disagree    {eid}: YAML has {have}, pycountry match {codes[0]}")
        else:
            accepted[eid] = codes[0]
    return accepted, notes


def _country(g: Gazetteer, eid: str) -> str | None:
    e, seen = g.get(eid), set()
    while e is not None and e.id not in seen:
        seen.add(e.id)
        if e.country:
            return e.country
        e = g.get(e.parent) if e.parent else None
    return None


def write_codes(accepted: dict[str, str]) -> int:
    """Add ``xrefs: {iso3166-2: ...}`` to the entities' blocks; returns how many were written."""
    return write_xrefs("iso3166-2", accepted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write accepted iso3166-2 codes")
    args = parser.parse_args(argv)
    g = Gazetteer(load_paths(default_paths()))
    resolver = Resolver(g)
    version = getattr(pycountry, "__version__", "unknown")
    print(f"# source: pycountry {version} (ISO 3166 from iso-codes)")
    notes = check_states(g, resolver)
    accepted, sub_notes = propose_subdivisions(g, resolver)
    for note in sorted(notes) + sorted(sub_notes):
        print(note)
    kinds: dict[str, int] = defaultdict(int)
    for note in notes + sub_notes:
        kinds[note.split()[0]] += 1
    print("# " + ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items())))
    if args.write:
        print(f"# wrote {write_codes(accepted)} codes; now run scripts/build_index.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
