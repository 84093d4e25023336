"""What a user sees stays as it was: CLI outputs over the test data and seeds, byte for byte.

The files under tests/data/snapshots/ are written by ``python scripts/snapshot_outputs.py``; a
change that means to alter them regenerates them in the same commit and says why.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("snapshot_outputs", ROOT / "scripts" / "snapshot_outputs.py")
assert SPEC is not None and SPEC.loader is not None
snapshot_outputs = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(snapshot_outputs)

OUTPUTS = snapshot_outputs.outputs()


@pytest.mark.parametrize("name", sorted(p.name for p in snapshot_outputs.SNAPSHOTS.iterdir()))
def test_output_unchanged(name: str) -> None:
    if name.startswith("annotate-seed-") and not snapshot_outputs.SEEDS.is_dir():
        pytest.skip("the seeds are not beside the checkout (../shared/seeds)")
    want = (snapshot_outputs.SNAPSHOTS / name).read_text(encoding="utf-8")
    assert OUTPUTS[name] == want, f"{name} changed: rerun scripts/snapshot_outputs.py if meant"


def test_every_output_has_a_snapshot() -> None:
    missing = set(OUTPUTS) - {p.name for p in snapshot_outputs.SNAPSHOTS.iterdir()}
    assert not missing
