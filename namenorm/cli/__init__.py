"""The ``namenorm`` command."""

from namenorm.cli.main import main, run

__all__ = ["main", "run"]
