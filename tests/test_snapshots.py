"""What a user sees stays as it was: CLI outputs over the test data and seeds, byte for byte.

The files under tests/data/snapshots/ are written by ``python scripts/snapshot_outputs.py``; a
change that means to alter them regenerates them in the same commit and says why. The check runs
in its own process, so that it shares no answer cache with the other tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_outputs_unchanged() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "snapshot_outputs.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, (
        f"{done.stdout}{done.stderr}\nrerun `python scripts/snapshot_outputs.py` if the change is meant"
    )
