from __future__ import annotations

import copy
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis profiles: "default" keeps CI time bounded (a fixed number of examples, no
# per-example deadline, which would fail on a slow shared machine); "thorough" is for a long
# fuzzing run: HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_hostile_text.py
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=5000, deadline=None)
# .ci/run: the same examples on every run (derived from each test's name), so a landing is
# judged on what a fresh clone showed before; local runs stay random and keep finding cases.
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


@pytest.fixture(scope="session", autouse=True)
def bundled_yaml_parsed_once():
    """Each YAML file of the bundled gazetteer is parsed once per session, in this process.

    Parsing the bundled YAML is nearly all of the half minute that loading it takes (pure-Python
    PyYAML with line numbers), and many tests load it (``Resolver.from_paths(...)`` on top of the
    bundled gazetteer, ``build_bundled``). ``yaml_io.read_yaml`` of a bundled file is kept: a later
    read of the same bytes, under the same limits and parser, gets a deep copy of the first
    result; everything after the parse (entries, checks, collisions, the index) runs every time.
    Any other file (the hostile ones in temporary folders) is always read afresh.
    """
    from namenorm.gazetteer import yaml_io
    from namenorm.gazetteer.model import default_paths

    real = yaml_io.read_yaml
    bundled = {p.resolve() for p in default_paths()}
    memo: dict[tuple[object, ...], object] = {}

    def read_yaml(path):
        resolved = Path(path).resolve()
        if resolved not in bundled or yaml_io.parse is not original_parse:
            return real(path)
        limits = tuple(sorted((k, v) for k, v in vars(yaml_io).items()
                              if k.isupper() and isinstance(v, int)))
        key = (str(path), hashlib.sha256(resolved.read_bytes()).digest(), limits)
        if key not in memo:
            memo[key] = real(path)
        return copy.deepcopy(memo[key])

    original_parse = yaml_io.parse
    patch = pytest.MonkeyPatch()
    patch.setattr(yaml_io, "read_yaml", read_yaml)
    yield
    patch.undo()


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


@pytest.fixture(scope="session")
def bundled_from_yaml():
    """The bundled gazetteer compiled from its YAML files now, once per session (reading and
    compiling it takes half a minute or more): ``(index, problems)``, the index of
    ``build_bundled(default_paths())`` and ``[]``, or None and every problem it raised (the
    problems ``validate_paths(default_paths())`` gives, as both read the files the same way)."""
    from namenorm import GazetteerError
    from namenorm.gazetteer.model import default_paths
    from namenorm.index.bundled import build_bundled

    try:
        return build_bundled(default_paths()), []
    except GazetteerError as exc:
        return None, list(exc.problems)


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
