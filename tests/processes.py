"""Helpers of the tests that watch processes (batch workers)."""

from __future__ import annotations


def children(pid: int) -> list[int]:
    """The ids of the live child processes of ``pid`` (Linux /proc; [] once it is gone)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []
