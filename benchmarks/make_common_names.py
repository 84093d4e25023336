"""Write ``benchmarks/data/common_names.tsv``: ordinary people's names that are NOT our entities.

Given names, surnames and full names (given + surname, in the locale's order) drawn from faker's
person providers for many locales, sampled with a fixed seed. A name whose folded text
(unidecode, lower case, spaces collapsed) equals the folded text of any name of the default
gazetteer is left out, so every row is a name namenorm should NOT resolve: the share that
resolves anyway is the false-positive rate on everyday names.

    python -m benchmarks.make_common_names [--seed 13] [--per-kind 30] [--out PATH]
    python -m benchmarks.make_common_names --source mimesis   # the held-out set

The header records the package's version: another version has other lists, hence another file.

Two sources, because namenorm's own rule data (``gazetteer/lexicon/everyday_names.tsv``) is taken
from faker: the faker set measures names the rule has seen; the mimesis set (another package,
other compilers, 49 locales) is held out from every rule and is the figure to trust.
"""

from __future__ import annotations

import argparse
import importlib
import random
from pathlib import Path

from unidecode import unidecode

import namenorm

DATA = Path(__file__).resolve().parent / "data"
OUT = DATA / "common_names.tsv"
OUT_HELDOUT = DATA / "common_names_mimesis.tsv"

LOCALES = (
    "en_US",
    "en_GB",
    "de_DE",
    "fr_FR",
    "es_ES",
    "it_IT",
    "pt_BR",
    "pl_PL",
    "ru_RU",
    "uk_UA",
    "tr_TR",
    "az_AZ",
    "hy_AM",
    "ka_GE",
    "fa_IR",
    "ar_AA",
    "hi_IN",
    "ja_JP",
    "zh_CN",
    "nl_NL",
    "cs_CZ",
    "hu_HU",
    "el_GR",
    "he_IL",
    "ko_KR",
    "bn_BD",
    "ta_IN",
    "vi_VN",
    "ro_RO",
    "lv_LV",
    "lt_LT",
)
# Locales that write the surname first; CJK without a space between the parts.
SURNAME_FIRST = {"hu_HU", "ja_JP", "zh_CN", "ko_KR", "vi_VN"}
NO_SPACE = {"ja_JP", "zh_CN", "ko_KR"}


def mimesis_locales() -> list[str]:
    """Every mimesis locale that ships person names."""
    import mimesis

    root = Path(mimesis.__file__).parent / "datasets"
    return sorted(p.parent.name for p in root.glob("*/person.json"))


def mimesis_lists(locale: str) -> tuple[list[str], list[str]]:
    import json

    import mimesis

    path = Path(mimesis.__file__).parent / "datasets" / locale / "person.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return _flat(data.get("names")), _flat(data.get("surnames"))


def _flat(value: object) -> list[str]:
    """The strings of a list, or of a dict of lists (by gender), sorted and stripped."""
    items = value.values() if isinstance(value, dict) else [value or []]
    out = {x.strip() for group in items for x in group if isinstance(x, str) and x.strip()}
    return sorted(out)


def _source_version(source: str) -> str:
    if source == "mimesis":
        import mimesis

        return f"mimesis {mimesis.__version__}"
    return f"faker {_faker_version()}"


def _faker_version() -> str:
    # faker (the ``bench`` extra) is needed to write the file, not to check it: fold and
    # gazetteer_folds run in the test suite, which installs only ``dev``.
    import faker

    return str(faker.VERSION)


def fold(text: str) -> str:
    return " ".join(unidecode(text).lower().split())


def _names(provider: object, attrs: tuple[str, ...]) -> list[str]:
    out: set[str] = set()
    for attr in attrs:
        value = getattr(provider, attr, None)
        if not value:
            continue
        items = value.keys() if isinstance(value, dict) else value
        for item in items:
            if isinstance(item, str) and item.strip() and "{" not in item:
                out.add(item.strip())
    return sorted(out)


def locale_lists(locale: str) -> tuple[list[str], list[str]]:
    module = importlib.import_module(f"faker.providers.person.{locale}")
    provider = module.Provider
    given = _names(provider, ("first_names", "first_names_male", "first_names_female"))
    surnames = _names(
        provider,
        (
            "last_names",
            "last_names_male",
            "last_names_female",
            "unisex_last_names",
            "male_last_names",
            "female_last_names",
        ),
    )
    if surnames == ["Doe"]:  # only the base provider's placeholder
        surnames = []
    return given, surnames


def gazetteer_folds() -> set[str]:
    folds: set[str] = set()
    for entity in namenorm.default_gazetteer().entities:
        folds.add(fold(entity.name))
        for name in entity.names:
            folds.add(fold(name.text))
    return folds


def build(seed: int, per_kind: int, source: str = "faker") -> list[tuple[str, str, str]]:
    taken = gazetteer_folds()
    rng = random.Random(seed)
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def keep(name: str, locale: str, kind: str) -> bool:
        key = fold(name)
        if not key or key in taken or (key, kind) in seen:
            return False
        seen.add((key, kind))
        rows.append((name, locale, kind))
        return True

    locales = mimesis_locales() if source == "mimesis" else LOCALES
    lists = mimesis_lists if source == "mimesis" else locale_lists
    for locale in locales:
        given, surnames = lists(locale)
        if not given or not surnames:
            continue
        for kind, pool in (("given", given), ("surname", surnames)):
            picked = 0
            for name in rng.sample(pool, len(pool)):
                if picked == per_kind:
                    break
                picked += keep(name, locale, kind)
        picked = 0
        for _ in range(per_kind * 20):
            if picked == per_kind:
                break
            g, s = rng.choice(given), rng.choice(surnames)
            parts = (s, g) if _locale(locale) in SURNAME_FIRST else (g, s)
            full = ("" if _locale(locale) in NO_SPACE else " ").join(parts)
            picked += keep(full, locale, "full")
    return rows


def _locale(name: str) -> str:
    """faker's spelling of a locale (``ja_JP``) for mimesis' (``ja``), for the name-order tables."""
    short = {"hu": "hu_HU", "ja": "ja_JP", "zh": "zh_CN", "ko": "ko_KR"}
    return short.get(name, name)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-kind", type=int, default=30)
    parser.add_argument("--source", choices=("faker", "mimesis"), default="faker")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    args.out = args.out or (OUT_HELDOUT if args.source == "mimesis" else OUT)
    rows = build(args.seed, args.per_kind, args.source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(
            f"# {_source_version(args.source)}; seed {args.seed}; {args.per_kind} per kind and locale; "
            "written by benchmarks/make_common_names.py\n"
        )
        f.write("# name\tlocale\tkind\n")
        for name, locale, kind in rows:
            f.write(f"{name}\t{locale}\t{kind}\n")
    print(f"{len(rows)} names from {len({r[1] for r in rows})} locales -> {args.out}")


if __name__ == "__main__":
    main()
