from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis profiles: "default" keeps CI time bounded (a fixed number of examples, no
# per-example deadline, which would fail on a slow shared machine); "thorough" is for a long
# fuzzing run: HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_hostile_text.py
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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


@pytest.fixture(scope="session")
def spark():
    """One local Spark session (2 cores) for the whole run; its Python workers run this Python."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install '.[spark]')")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install '.[spark]')")
    import os
    import sys

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("namenorm-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
