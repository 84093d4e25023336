"""Compile the bundled gazetteer (gazetteer/*.yaml) into namenorm/_data/bundled.nnidx.

Run after editing the YAML or bumping KEYS_VERSION (namenorm/keys.py), or after a change to
the scoring or the lexicons that changes an answer (the file stores the answer of every alias
text); tests/test_compiled.py fails while the committed file is stale. Prints the alias counts and the generated romanizations
that were dropped because their key belongs to another entity (see docs/gazetteer.md).
"""

import sys

from namenorm._config import Config
from namenorm.gazetteer.load import load_paths
from namenorm.gazetteer.model import Gazetteer, default_paths
from namenorm.index.bundled import write_bundled
from namenorm.index.tables import Index, generated_aliases
from namenorm.matching.resolver import Resolver
from namenorm.matching.stored import compute_answers


def answers(index: Index):
    """The answer of every alias text, stored with the index (namenorm/index/answers.py): the
    full path of a resolver over this very index, answer cache off."""
    config = index.config
    resolver = Resolver.from_index(index.with_config(Config(**{**config.__dict__, "cache_size": 0})))
    return compute_answers((a.text for a in index.aliases), resolver.resolve, config)


if __name__ == "__main__":
    print(f"wrote {write_bundled(answers)}")
    gazetteer = Gazetteer(load_paths(default_paths()))
    written = Index.build(gazetteer, Config(generate_variants=False)).aliases
    kept, dropped = generated_aliases(gazetteer.entities, list(written))
    print(f"{len(gazetteer)} entities, {len(written)} aliases + {len(kept)} generated")
    for d in dropped:
        print(f"dropped {d.text!r} ({d.scheme}) of {d.entity}: also {', '.join(d.others)}")
    sys.exit(0)
