"""Compile the bundled gazetteer (gazetteer/*.yaml) into namenorm/_data/bundled.json.

Run after editing the YAML or the code that computes keys; tests/test_compiled.py fails while
the committed file is stale.
"""

import sys

from namenorm._compiled import write_bundled

if __name__ == "__main__":
    print(f"wrote {write_bundled()}")
    sys.exit(0)
