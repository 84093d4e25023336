"""``python -m namenorm``: the same as the ``namenorm`` command."""

from namenorm.cli import run

run()
