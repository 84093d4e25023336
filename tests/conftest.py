from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def mini_path() -> Path:
    return DATA / "mini.yaml"


@pytest.fixture(scope="session")
def mini(mini_path):
    from namenorm import Resolver

    return Resolver.from_paths(mini_path, include_default=False)


@pytest.fixture(scope="session")
def bundled():
    import namenorm

    return namenorm.default_resolver()


def seed_text(prefix: str) -> str:
    """Text of a seed document in ../shared/seeds (skips the test when it is absent)."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"seed {prefix}_*.txt not found in {SEEDS} (shared/ is not beside the checkout)")
    return matches[0].read_text(encoding="utf-8")
