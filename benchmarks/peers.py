"""What a user would pick instead of namenorm, each over the same names.

Every peer is built from a list of ``(name, entity id)`` pairs (namenorm's own aliases, so all
tools search the same strings) and answers ``best(query) -> (entity id or None, score)`` with its
best guess and that guess's score. A cutoff is applied afterwards (see ``run.best_cutoff``), so
each peer is judged at the cutoff that suits it best on the very data it is judged on - a
generous setting that namenorm, which runs with its defaults, does not get.

A name that belongs to several entities answers None (an abstention) when it is the best guess.

- ``unidecode-exact``: unidecode, case-fold, collapse spaces, then an exact dictionary lookup.
- ``rapidfuzz-WRatio`` and ``rapidfuzz-ratio``: ``rapidfuzz.process.extractOne`` with that scorer
  over the names after unidecode and rapidfuzz's ``default_process`` (needs the bench extra).
- ``jellyfish-JW``: Jaro-Winkler similarity of the unidecoded, case-folded strings, computed
  against every name (brute force).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import jellyfish
from unidecode import unidecode

__all__ = ["PEERS", "available_peers", "fold"]


def fold(text: str) -> str:
    """unidecode, lower case, spaces collapsed."""
    return " ".join(unidecode(text).lower().split())


class _Names:
    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        owners: dict[str, set[str]] = {}
        for text, eid in pairs:
            owners.setdefault(text, set()).add(eid)
        self.texts = sorted(owners)
        self.ids = [next(iter(o)) if len(o) == 1 else None for o in (owners[t] for t in self.texts)]


class UnidecodeExact:
    name = "unidecode-exact"

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        owners: dict[str, set[str]] = {}
        for text, eid in pairs:
            owners.setdefault(fold(text), set()).add(eid)
        self.table = {k: (next(iter(v)) if len(v) == 1 else None) for k, v in owners.items()}

    def best(self, query: str) -> tuple[str | None, float]:
        key = fold(query)
        if key in self.table:
            return self.table[key], 1.0
        return None, 0.0


class RapidfuzzPeer:
    def __init__(self, pairs: Sequence[tuple[str, str]], scorer_name: str) -> None:
        from rapidfuzz import fuzz, utils

        self.name = f"rapidfuzz-{scorer_name}"
        self.scorer = getattr(fuzz, scorer_name)
        self._process = utils.default_process
        names = _Names(pairs)
        self.choices = [self._process(unidecode(t)) for t in names.texts]
        self.ids = names.ids

    def best(self, query: str) -> tuple[str | None, float]:
        from rapidfuzz import process

        got = process.extractOne(
            self._process(unidecode(query)), self.choices, scorer=self.scorer, processor=None
        )
        if got is None:
            return None, 0.0
        _, score, idx = got
        return self.ids[idx], score / 100.0


class JaroWinkler:
    name = "jellyfish-JW"

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        names = _Names(pairs)
        self.choices = [fold(t) for t in names.texts]
        self.ids = names.ids

    def best(self, query: str) -> tuple[str | None, float]:
        q = fold(query)
        sim = jellyfish.jaro_winkler_similarity
        best_i, best_s = -1, -1.0
        for i, c in enumerate(self.choices):
            s = sim(q, c)
            if s > best_s:
                best_i, best_s = i, s
        if best_i < 0:
            return None, 0.0
        return self.ids[best_i], best_s


PEERS: dict[str, Callable[[Sequence[tuple[str, str]]], object]] = {
    "unidecode-exact": UnidecodeExact,
    "rapidfuzz-WRatio": lambda pairs: RapidfuzzPeer(pairs, "WRatio"),
    "rapidfuzz-ratio": lambda pairs: RapidfuzzPeer(pairs, "ratio"),
    "jellyfish-JW": JaroWinkler,
}


def available_peers() -> list[str]:
    """Peers whose libraries are installed (rapidfuzz comes with the bench extra)."""
    try:
        import rapidfuzz  # noqa: F401
    except ImportError:
        return ["unidecode-exact", "jellyfish-JW"]
    return list(PEERS)
