"""The source distribution runs its own tests (issue 17, packaging).

The sdist is built once with the project's build backend (hatchling, through its PEP 517
hooks, as ``python -m build --sdist`` would), unpacked, built into a wheel, and that wheel is
unpacked where Python imports it from; then test files of the unpacked sdist run against that
installed package, with the sdist's own source removed so that nothing else can be imported.
The backend comes with the ``dev`` extra (CI); where it is missing the test is skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Folders whose every file the tests (or their data) read, so the sdist must carry them.
NEEDED = ["tests", "gazetteer", "docs"]
#: Files at the top that the tests and their configuration need.
TOP = ["conftest.py", "pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE"]
#: Test files run from the unpacked sdist: they read tests/data, docs/ and the bundled index.
SUBSET = ["tests/test_keys_version.py", "tests/test_api.py::test_item_error_keys_are_documented",
          "tests/test_api.py::test_lookup_json_carries_every_field_of_to_dict_as_documented"]


def _hook(hook: str, source: Path, out: Path) -> Path:
    """Run one PEP 517 hook of hatchling in ``source`` (a fresh process, as a frontend does)."""
    code = f"import sys; from hatchling.build import {hook}; print({hook}(sys.argv[1]))"
    proc = subprocess.run([sys.executable, "-c", code, str(out)], cwd=source,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out / proc.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def sdist(tmp_path_factory):
    pytest.importorskip("hatchling.build", reason="the build backend (dev extra) is not installed")
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("not run from a source tree")
    return _hook("build_sdist", ROOT, tmp_path_factory.mktemp("dist"))


def _files(folder: Path) -> set[str]:
    skip = {"__pycache__", ".hypothesis", ".pytest_cache"}
    return {
        p.relative_to(ROOT).as_posix() for p in folder.rglob("*")
        if p.is_file() and not skip & set(p.relative_to(ROOT).parts)
    }


def test_the_sdist_holds_the_tests_their_data_and_the_package(sdist):
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    wanted = {f for d in NEEDED for f in _files(ROOT / d)} | set(TOP)
    wanted |= {"namenorm/py.typed", "namenorm/_data/bundled.nnidx"}
    assert wanted - names == set()
    assert not {n for n in names if "__pycache__" in n or n.endswith(".pyc")}


def test_the_unpacked_sdist_builds_and_passes_its_tests_against_the_installed_wheel(
    sdist, tmp_path
):
    with tarfile.open(sdist) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+: refuse odd members
            tar.extractall(tmp_path, filter="data")
        else:  # pragma: no cover - older Pythons
            tar.extractall(tmp_path)  # noqa: S202 - our own archive, just built
    source = tmp_path / sdist.name.removesuffix(".tar.gz")
    wheel = _hook("build_wheel", source, tmp_path / "wheel")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)  # a pure-Python wheel installed: its files where Python finds them
    assert (site / "namenorm" / "_data" / "bundled.nnidx").is_file()
    assert (site / "namenorm" / "_gazetteer_data").is_dir()
    shutil.rmtree(source / "namenorm")  # only the installed package can be imported now
    env = {**os.environ, "PYTHONPATH": str(site), "HYPOTHESIS_PROFILE": "ci"}
    where = subprocess.run([sys.executable, "-c", "import namenorm; print(namenorm.__file__)"],
                           cwd=source, env=env, capture_output=True, text=True, timeout=60)
    assert Path(where.stdout.strip()).is_relative_to(site), where.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUBSET],
        cwd=source, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and "skipped" not in proc.stdout
