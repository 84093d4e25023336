"""The compiled index: every alias of a gazetteer (:mod:`namenorm.index.aliases`) and the tables
to find them.

Lookups never scan all aliases. Candidates come from hash tables on the exact text, the fold key,
the phonetic key and the skeleton key, and from an inverted index of the phonetic key's letter
pairs (bigrams), read by key length (see :class:`Index`). The pair filter is complete for the
fuzzy budget and every key it lets through is checked with the edit distance, so fuzzy retrieval
finds exactly the aliases a brute-force scan would accept.

>>> from namenorm.gazetteer.model import Entity, Gazetteer
>>> g = Gazetteer([Entity("nikol-pashinyan", "person", "Nikol Pashinyan")])
>>> sorted(a.text for a in Index.build(g).aliases)
['N. Pashinyan', 'Nikol Pashinyan', 'Pashinyan', 'Pashinyan Nikol']
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Literal

from namenorm._config import Config
from namenorm.gazetteer.model import Entity, Gazetteer
from namenorm.index.aliases import (
    Alias,
    Dropped,
    QueryKeys,
    aliases_of,
    generated_aliases,
    keys_of,
    plain_key,
)
from namenorm.index.counting import PairCounter, pair_counter
from namenorm.index.distance import distance_function
from namenorm.index.flat import Postings, Table
from namenorm.index.neighbours import Neighbours, compute_neighbours
from namenorm.index.pairs import keys_in_reach, select
from namenorm.text.normalize import GAP

if TYPE_CHECKING:  # answers.py reads its records through a Table
    from namenorm.index.answers import StoredAnswers

__all__ = [
    "Alias",
    "Dropped",
    "Index",
    "Postings",
    "QueryKeys",
    "Table",
    "bigrams",
    "generated_aliases",
    "keys_of",
    "plain_key",
]


def bigrams(key: str) -> list[str]:
    """Padded letter pairs of a compact key.

    >>> bigrams("baku")
    ['^b', 'ba', 'ak', 'ku', 'u$']
    """
    padded = f"^{key}$"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


#: Phonetic keys of at most this many letters find their fuzzy candidates through deletion
#: neighbourhoods (:meth:`Index._near_ids`); with the default edit budget (one edit from five
#: letters, two from nine, three from fourteen) every key within budget of such a query is
#: reachable that way.
NEAR_MAX_QUERY = 8
#: Above this many distinct phonetic keys the deletion table is not built.
NEAR_MAX_KEYS = 200_000
#: Short fuzzy lookups that the pair postings serve before the deletion table is built. Both
#: give the same candidates (tests/test_index.py); building the table costs about as much as
#: this many lookups through the postings, which a process answering a few queries (``namenorm
#: lookup Baku``) never recovers.
NEAR_AFTER = 300


def _near_is_complete(config: Config) -> bool:
    """Whether the edit budget lets deletion neighbourhoods find every fuzzy candidate of a
    query of at most ``Q = NEAR_MAX_QUERY`` letters: at most one edit up to ``Q`` letters, two
    at ``Q + 1`` and ``Q + 2``, and never enough to reach a key longer than that."""
    q, budget = NEAR_MAX_QUERY, config.edits_allowed
    return all(
        budget(m) <= (1 if m <= q else 2 if m <= q + 2 else m - q - 1) for m in range(1, 256)
    )


class Index:
    """Aliases of a gazetteer with their lookup tables. Immutable once built.

    Hash tables on the exact text, the fold key, the phonetic key and the skeleton key give the
    candidates that need no edit. Fuzzy retrieval works on the distinct compact phonetic keys
    (the phonetic table's keys; many aliases share one). Their letter pairs are posted by key
    length, so a query only reads the postings of the lengths its edit budget can reach. A key
    within ``d`` edits of the query misses at most ``3d`` of the query's distinct pairs (an edit
    or a swap breaks at most three), so of any ``r`` of those pairs it holds at least ``r - 3d``:
    the postings of the rarest pairs are counted (the commonest are skipped when they would cost
    more than they save), keys below the bound are dropped, and every other key is checked with
    the real edit distance. The result is exactly the set of aliases within budget, as a
    brute-force scan would find them.
    """

    __slots__ = (
        "_answers",
        "_counter",
        "_exact",
        "_fold",
        "_key_pairs",
        "_lengths",
        "_near",
        "_neighbours",
        "_pair_lookups",
        "_phon",
        "_postings",
        "_short_lookups",
        "_skel",
        "aliases",
        "config",
        "entities",
    )

    def __init__(
        self, entities: Sequence[Entity], aliases: Sequence[Alias], config: Config
    ) -> None:
        by_exact: dict[str, list[int]] = {}
        by_fold: dict[str, list[int]] = {}
        by_phon: dict[str, list[int]] = {}
        by_skel: dict[str, list[int]] = {}
        for i, a in enumerate(aliases):
            if a.exact_only:
                by_exact.setdefault(a.norm, []).append(i)
                continue
            by_exact.setdefault(a.plain, []).append(i)
            by_fold.setdefault(a.fold_c, []).append(i)
            by_phon.setdefault(a.phon_c, []).append(i)
            if len(a.skel_c) >= config.min_skeleton:
                by_skel.setdefault(a.skel_c, []).append(i)
        phon = Table.from_dict(by_phon)
        key_pairs, postings, lengths = _fuzzy_tables(phon.keys, config)
        self._setup(
            entities,
            aliases if isinstance(aliases, tuple) else tuple(aliases),
            config,
            Table.from_dict(by_exact),
            Table.from_dict(by_fold),
            phon,
            Table.from_dict(by_skel),
            key_pairs,
            postings,
            lengths,
        )

    def _setup(
        self,
        entities: Sequence[Entity],
        aliases: Sequence[Alias],
        config: Config,
        exact: Table,
        fold: Table,
        phon: Table,
        skel: Table,
        key_pairs: array[int],
        postings: Postings,
        lengths: Postings,
        neighbours: Neighbours | None = None,
        answers: StoredAnswers | None = None,
    ) -> None:
        self.entities: Sequence[Entity] = entities
        self.aliases: Sequence[Alias] = aliases
        self.config: Config = config
        self._exact, self._fold, self._phon, self._skel = exact, fold, phon, skel
        self._key_pairs = key_pairs  # distinct pairs of each phonetic key (0: not posted)
        self._postings = postings  # (pair, length) -> phonetic key numbers
        self._lengths = lengths  # ("", length) -> posted phonetic key numbers of that length
        self._near: dict[str, list[int]] | None = None  # see _near_ids, built when worth it
        self._neighbours = neighbours  # stored fuzzy candidates of each phonetic key, if any
        self._answers = answers  # stored answers of the alias texts, if any (index/answers.py)
        self._counter: PairCounter | Literal[False] | None = None  # see index/counting.py
        self._pair_lookups = 0
        self._short_lookups = 0  # short fuzzy lookups so far (see NEAR_AFTER)

    @classmethod
    def from_parts(
        cls,
        entities: Sequence[Entity],
        aliases: Sequence[Alias],
        config: Config,
        tables: dict[str, Table],
        fuzzy: tuple[array[int], Postings, Postings] | None = None,
        neighbours: Neighbours | None = None,
        answers: StoredAnswers | None = None,
    ) -> Index:
        """An index from stored tables (see :mod:`namenorm.index.store`); the fuzzy tables are
        recomputed from the phonetic keys when they are not given."""
        self = cls.__new__(cls)
        phon = tables["phon"]
        key_pairs, postings, lengths = fuzzy or _fuzzy_tables(phon.keys, config)
        self._setup(entities, aliases, config, tables["exact"], tables["fold"], phon,
                    tables["skel"], key_pairs, postings, lengths, neighbours, answers)
        return self

    @classmethod
    def build(cls, gazetteer: Gazetteer, config: Config | None = None) -> Index:
        """Expand every entity's names into aliases and index them."""
        config = config or Config()
        entities = gazetteer.entities
        aliases: list[Alias] = []
        for ei, entity in enumerate(entities):
            aliases.extend(aliases_of(ei, entity))
        if config.generate_variants:
            aliases.extend(generated_aliases(entities, aliases)[0])
        return cls(entities, aliases, config)

    def tables(self) -> dict[str, Table]:
        """The hash tables by name (``exact``, ``fold``, ``phon``, ``skel``), for saving."""
        return {"exact": self._exact, "fold": self._fold, "phon": self._phon, "skel": self._skel}

    def fuzzy_tables(self) -> tuple[array[int], Postings, Postings]:
        """Pair counts of the phonetic keys, pair postings and keys by length, for saving."""
        return self._key_pairs, self._postings, self._lengths

    def neighbours(self) -> Neighbours | None:
        """The fuzzy neighbours of each phonetic key (:mod:`namenorm.index.neighbours`),
        computed on first use (for saving); None where they are not computed."""
        if self._neighbours is None:
            self._neighbours = compute_neighbours(self._phon.keys, self.config.edits_allowed)
        return self._neighbours

    def stored_answers(self) -> StoredAnswers | None:
        """The answers stored with a saved index for its alias texts (:mod:`.answers`; they
        hold under the default config only), or None."""
        return self._answers

    def with_config(self, config: Config) -> Index:
        """This index under another config (tables are shared when the config allows it)."""
        if (config.min_skeleton, config.edit_budget) != (
            self.config.min_skeleton,
            self.config.edit_budget,
        ):
            return Index(self.entities, list(self.aliases), config)
        other = Index.__new__(Index)
        for slot in Index.__slots__:
            object.__setattr__(other, slot, getattr(self, slot))
        other.config = config
        return other

    def candidate_ids(self, q: QueryKeys) -> list[int]:
        """Aliases that may score above zero for the query, at most ``max_candidates``."""
        found = dict.fromkeys(self.table_ids(q))
        if len(found) < self.config.max_candidates:
            for i in self._fuzzy_ids(q):
                found[i] = None
        return list(found)[: self.config.max_candidates]

    def table_ids(self, q: QueryKeys, *, skeleton: bool = True) -> list[int]:
        """The aliases that the hash tables give for the query (no fuzzy retrieval).
        ``skeleton=False`` leaves out the consonant skeleton: the cheap lookup for proposed
        forms such as stems of inflected words."""
        found: dict[int, None] = {}
        for table, key in (
            (self._exact, q.norm),
            (self._exact, q.norm_fold),
            (self._fold, q.fold_c),
            (self._phon, q.phon_c),
            (self._skel, q.skel_c if skeleton else None),
        ):
            if key is not None:
                for i in table.get(key):
                    found[i] = None
        return list(found)

    def _fuzzy_ids(self, q: QueryKeys) -> list[int]:
        if q.gapped:
            return self._gapped_ids(q)
        phon = q.phon_c
        if self._neighbours is not None:
            j = self._phon.number(phon)
            if j is not None:  # one of the index's own keys: its neighbours are stored
                return self._neighbour_ids(self._neighbours.of(j))
        n = len(phon)
        if n <= NEAR_MAX_QUERY:
            if self._near is None and self._short_lookups < NEAR_AFTER:
                self._short_lookups += 1  # a lost update under threads only delays the table
                return self._pair_ids(phon)
            near = self._near_table()
            if near is not None:
                return self._near_ids(phon, near)
        return self._pair_ids(phon)

    def _neighbour_ids(self, near: Iterable[int]) -> list[int]:
        """The aliases of these phonetic keys, in order (as :meth:`_pair_ids` lists them)."""
        table = self._phon
        out: list[int] = []
        for k in near:
            out.extend(table.of(k))
        out.sort()
        return out

    def _pair_ids(self, phon: str) -> list[int]:
        """Fuzzy candidates through the letter-pair postings (see the class docstring and
        :mod:`namenorm.index.pairs`)."""
        n = len(phon)
        budget = self.config.edits_allowed
        dmax = budget(n + 3)
        if not dmax:
            return []
        grams = set(bigrams(phon))
        if self._counter is None:
            self._pair_lookups += 1  # a lost update under threads only delays the counter
            if self._pair_lookups > NEAR_AFTER:
                lens = array("H", (min(len(k), 65535) for k in self._phon.keys))
                self._counter = pair_counter(self._postings.ids, self._key_pairs, lens) or False
        keys, table = self._phon.keys, self._phon
        rows = [row for g in grams if (row := self._postings.rows.get(g))]
        selections = []
        for length in range(max(1, n - dmax), n + dmax + 1):
            d = budget(max(n, length))
            if d and abs(length - n) <= d:
                selections.append(select(len(grams), rows, length, d, self._lengths))
        counter = self._counter or None
        distance = distance_function()
        out: list[int] = []
        for k, d in keys_in_reach(selections, self._postings.ids, self._key_pairs, counter):
            if distance(phon, keys[k]) <= d:
                out.extend(table.of(k))
        out.sort()
        return out

    def _near_table(self) -> dict[str, list[int]] | None:
        """Deletion neighbourhoods of the short phonetic keys (SymSpell's idea), for queries of
        at most ``Q = NEAR_MAX_QUERY`` letters: a key of at most ``Q`` letters is filed under
        itself and its one-letter deletions, a key of ``Q + 1`` letters under its one- and
        two-letter deletions too, a key of ``Q + 2`` letters under its two-letter deletions.
        None for a gazetteer with more than ``NEAR_MAX_KEYS`` phonetic keys (the table would
        outweigh the gain; the pair postings serve alone) or an edit budget it cannot serve."""
        if self._near is None:
            keys = self._phon.keys
            if len(keys) > NEAR_MAX_KEYS or not _near_is_complete(self.config):
                return None
            q = NEAR_MAX_QUERY
            near: dict[str, list[int]] = {}
            for k, key in enumerate(keys):
                n = len(key)
                if n > q + 2:
                    continue
                ones = {key[:i] + key[i + 1 :] for i in range(n)}
                twos = (
                    {d[:i] + d[i + 1 :] for d in ones for i in range(len(d))} if n > q else set()
                )
                variants = ({key} | ones) if n <= q else ({key} | ones | twos)
                if n == q + 2:
                    variants = twos
                for v in variants:
                    near.setdefault(v, []).append(k)
            self._near = near
        return self._near

    def _near_ids(self, phon: str, near: dict[str, list[int]]) -> list[int]:
        """Aliases within the edit budget of a short phonetic key, through the deletion
        table: exactly what the pair postings would give (a test compares the two). The query
        and its one-letter deletions are looked up: a key within budget of a query of at most
        ``Q`` letters is at most one edit away (if it has at most ``Q`` letters) or has at most
        ``Q + 2``, and then shares one of its two-letter deletions with them."""
        n = len(phon)
        budget = self.config.edits_allowed
        found: set[int] = set()
        for v in {phon} | {phon[:i] + phon[i + 1 :] for i in range(n)}:
            found.update(near.get(v, ()))
        keys, table = self._phon.keys, self._phon
        distance = distance_function()
        out: list[int] = []
        for k in found:
            key = keys[k]
            d = budget(max(n, len(key)))
            if d and abs(len(key) - n) <= d and distance(phon, key) <= d:
                out.extend(table.of(k))
        out.sort()
        return out

    def _gapped_ids(self, q: QueryKeys) -> list[int]:
        """Candidates for a query with injected fragments: keys sharing half its pairs."""
        grams = {g for g in bigrams(q.phon_c) if GAP not in g}
        spans, post = self._postings.spans, self._postings.ids
        lists = []
        for _, length in self._lengths.spans:
            for g in grams:
                sp = spans.get((g, length))
                if sp:
                    lists.append(post[sp[0] : sp[1]])
        counts = Counter(chain.from_iterable(lists))
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out: list[int] = []
        for k, common in ranked:
            if common * 2 < len(grams) or len(out) >= self.config.max_candidates:
                break
            out.extend(self._phon.of(k))
        return out


def _fuzzy_tables(keys: list[str], config: Config) -> tuple[array[int], Postings, Postings]:
    """Pair counts, pair postings and length lists of the phonetic keys long enough to
    be matched with edits."""
    key_pairs = array("H", bytes(2 * len(keys)))
    postings: dict[tuple[str, int], list[int]] = {}
    lengths: dict[tuple[str, int], list[int]] = {}
    for k, key in enumerate(keys):
        length = len(key)
        if config.edits_allowed(length + 3) <= 0:
            continue
        pairs = set(bigrams(key))
        key_pairs[k] = min(len(pairs), 65535)
        lengths.setdefault(("", length), []).append(k)
        for g in sorted(pairs):  # sorted: the saved file is the same under any hash seed
            postings.setdefault((g, length), []).append(k)
    return key_pairs, Postings.from_dict(postings), Postings.from_dict(lengths)

