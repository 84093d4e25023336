"""A one-line progress report on stderr for batch runs (shown only on a terminal)."""

from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


class Progress:
    """A one-line progress report on stderr, redrawn at most a few times a second."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.enabled: bool = enabled
        self.total: int | None = total
        self.start: float = time.monotonic()
        self.last: float = self.start
        self.rows: int = 0

    def update(self, rows: int, position: int | None) -> None:
        self.rows = rows
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        self._draw(now, position)

    def _draw(self, now: float, position: int | None) -> None:
        rate = self.rows / max(now - self.start, 1e-9)
        share = ""
        if self.total and position is not None:
            share = f" ({min(100, 100 * position // self.total)}%)"
        sys.stderr.write(f"\rnamenorm: {self.rows:,} rows{share}, {rate:,.0f} rows/s ")
        sys.stderr.flush()

    def close(self, position: int | None) -> None:
        if self.enabled:
            self._draw(time.monotonic(), position)
            sys.stderr.write("\n")
            sys.stderr.flush()
