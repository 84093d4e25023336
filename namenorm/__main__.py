"""``python -m namenorm``: the same as the ``namenorm`` command."""

import sys

try:
    from namenorm.cli import run
except KeyboardInterrupt:  # Ctrl-C (or SIGINT) while the command is still loading
    sys.stderr.write("namenorm: interrupted\n")
    sys.exit(130)

run()
