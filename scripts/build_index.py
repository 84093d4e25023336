"""Compile the bundled gazetteer (gazetteer/*.yaml) into namenorm/_data/bundled.nnidx.

Run after editing the YAML or bumping KEYS_VERSION (namenorm/keys.py); tests/test_compiled.py
fails while the committed file is stale. Prints the alias counts and the generated romanizations
that were dropped because their key belongs to another entity (see docs/gazetteer.md).
"""

import sys

from namenorm._config import Config
from namenorm.gazetteer.load import load_paths
from namenorm.gazetteer.model import Gazetteer, default_paths
from namenorm.index.bundled import write_bundled
from namenorm.index.tables import Index, generated_aliases

if __name__ == "__main__":
    print(f"wrote {write_bundled()}")
    gazetteer = Gazetteer(load_paths(default_paths()))
    written = Index.build(gazetteer, Config(generate_variants=False)).aliases
    kept, dropped = generated_aliases(gazetteer.entities, list(written))
    print(f"{len(gazetteer)} entities, {len(written)} aliases + {len(kept)} generated")
    for d in dropped:
        print(f"dropped {d.text!r} ({d.scheme}) of {d.entity}: also {', '.join(d.others)}")
    sys.exit(0)
