"""Freshness of saved indexes by behaviour: the keys of a committed sample of names
(tests/data/keys_sample.tsv, names of every script of the gazetteer) are recomputed and must be
the ones recorded. When one differs, every saved index holds keys this code no longer makes:
bump KEYS_VERSION (namenorm/keys.py) so that they are refused and rebuilt."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from namenorm.keys import KEYS_VERSION

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "keys_sample.tsv"


def _script():
    spec = importlib.util.spec_from_file_location("keys_sample", ROOT / "scripts" / "keys_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sample() -> tuple[int, list[str], list[list[str]]]:
    first, header, *rows = SAMPLE.read_text(encoding="utf-8").splitlines()
    return int(first.rsplit(" ", 1)[1]), header.split("\t"), [r.split("\t") for r in rows]


def test_sample_keys_are_the_ones_the_code_computes():
    version, columns, rows = _sample()
    keys_sample = _script()
    assert tuple(columns) == keys_sample.COLUMNS
    changed = [(r[1], col, old, new)
               for r in rows
               for col, old, new in zip(columns, r, keys_sample.row(r[0], r[1]))
               if old != new]  # fmt: skip
    if version == KEYS_VERSION:
        assert not changed, (
            f"the keys of {len({c[0] for c in changed})} sample names changed, e.g. "
            + "; ".join(f"{t!r} {col}: {old!r} -> {new!r}" for t, col, old, new in changed[:5])
            + ". Saved indexes hold the old keys: bump KEYS_VERSION in namenorm/keys.py, then "
            "run python scripts/keys_sample.py and python scripts/build_index.py"
        )
    else:
        assert not changed and version == KEYS_VERSION, (
            f"KEYS_VERSION is {KEYS_VERSION}, the sample was made under {version}: "
            "run python scripts/keys_sample.py (and python scripts/build_index.py)"
        )


def test_sample_covers_every_script_of_the_gazetteer():
    _, _, rows = _sample()
    want = {script for script, _ in _script().sample()}
    assert want <= {r[0] for r in rows}, "run python scripts/keys_sample.py"


def test_sample_holds_several_names_of_each_script():
    _, _, rows = _sample()
    scripts = {r[0] for r in rows}
    assert {"Latn", "Cyrl", "Armn", "Geor", "Arab", "Grek", "Hebr", "Hani", "Kana", "Deva"} <= scripts
    assert all(sum(r[0] == s for r in rows) >= 2 for s in scripts)
