"""Write ``benchmarks/data/common_names.tsv``: ordinary people's names that are NOT our entities.

Given names, surnames and full names (given + surname, in the locale's order) drawn from faker's
person providers for many locales, sampled with a fixed seed. A name whose folded text
(unidecode, lower case, spaces collapsed) equals the folded text of any name of the default
gazetteer is left out, so every row is a name namenorm should NOT resolve: the share that
resolves anyway is the false-positive rate on everyday names.

    python -m benchmarks.make_common_names [--seed 13] [--per-kind 30] [--out PATH]

The header records faker's version: another version has other lists, hence another file.
"""

from __future__ import annotations

import argparse
import importlib
import random
from pathlib import Path

from unidecode import unidecode

import namenorm

OUT = Path(__file__).resolve().parent / "data" / "common_names.tsv"

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


def build(seed: int, per_kind: int) -> list[tuple[str, str, str]]:
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

    for locale in LOCALES:
        given, surnames = locale_lists(locale)
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
            parts = (s, g) if locale in SURNAME_FIRST else (g, s)
            full = ("" if locale in NO_SPACE else " ").join(parts)
            picked += keep(full, locale, "full")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-kind", type=int, default=30)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = build(args.seed, args.per_kind)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(
            f"# faker {_faker_version()}; seed {args.seed}; {args.per_kind} per kind and locale; "
            "written by benchmarks/make_common_names.py\n"
        )
        f.write("# name\tlocale\tkind\n")
        for name, locale, kind in rows:
            f.write(f"{name}\t{locale}\t{kind}\n")
    print(f"{len(rows)} names from {len({r[1] for r in rows})} locales -> {args.out}")


if __name__ == "__main__":
    main()
