"""The ``namenorm`` command."""

from namenorm.cli.main import MAX_LINE_BYTES, main, run

__all__ = ["MAX_LINE_BYTES", "main", "run"]
