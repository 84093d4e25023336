"""Every tunable weight and threshold of the resolver, in one frozen object."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Config"]


@dataclass(frozen=True)
class Config:
    """Weights and thresholds of :class:`namenorm.Resolver`; every score is in [0, 1].

    >>> Config().threshold
    0.75
    >>> Config(threshold=0.9).threshold
    0.9
    """

    #: Lowest score at which :meth:`Resolver.resolve` answers; below it, no match.
    threshold: float = 0.75
    #: The best entity must beat the best *other* entity by this much, or no match.
    margin: float = 0.06
    #: Base score of each kind of evidence, before the alias and fuzziness factors.
    exact: float = 1.0
    folded: float = 0.97
    #: A Latin query equal to a non-Latin alias only after transliteration.
    transliterated: float = 0.9
    phonetic: float = 0.92
    skeleton: float = 0.84
    #: Fuzzy score = ``fuzzy * (1 - edits / length) ** fuzzy_power`` on the phonetic key.
    fuzzy: float = 0.95
    fuzzy_power: float = 1.5
    #: Added to a fuzzy score when the Metaphone codes of query and alias agree.
    metaphone_bonus: float = 0.03
    #: Edits allowed on the phonetic key by its length: (minimum length, edits) pairs.
    edit_budget: tuple[tuple[int, int], ...] = ((5, 1), (9, 2), (14, 3))
    #: Keys of at most ``short_key`` letters match inexactly only at ``short_factor``.
    short_key: int = 4
    short_factor: float = 0.8
    #: Shortest skeleton key that may match on its own.
    min_skeleton: int = 5
    #: Cost of one injected-fragment gap standing for one or two letters.
    gap_cost: float = 0.3
    #: Factors by alias kind (names of kinds not listed count 1.0).
    kind_factor: dict[str, float] = field(
        default_factory=lambda: {
            "corruption": 0.97,
            "surname": 0.9,
            "initials": 0.93,
            "reversed": 0.97,
            "short": 0.97,
            "demonym": 0.95,
            "generated": 0.98,
        }
    )
    #: Factor on the score of a form reached by removing a grammatical ending ("Ереване" ->
    #: "Ереван"); only exact, folded and phonetic matches of the stem count (namenorm.matching.inflect).
    #: 0 switches the inflection fallback off.
    inflected: float = 0.96
    #: Shortest fold key (letters) of a stem that may match phonetically; shorter stems must
    #: match exactly or at the folded level.
    min_phonetic_stem: int = 6
    #: Score ceiling of an alias flagged needs-context when no context is given.
    needs_context_ceiling: float = 0.5
    #: Index the romanizations that published schemes make of native-script names
    #: (:mod:`namenorm.text.romanize`) as aliases of kind ``generated``.
    generate_variants: bool = True
    #: A declared near-miss (``near_miss`` in the gazetteer) as runner-up must be this far
    #: behind an inexact best match, instead of ``margin``.
    near_miss_margin: float = 0.12
    #: At most this many candidate aliases are scored for one query (bounds work per query).
    max_candidates: int = 400
    #: :meth:`Resolver.resolve` remembers this many recent answers (0: none). Names recur in
    #: running text, and a remembered answer costs a dictionary lookup.
    cache_size: int = 8192

    def edits_allowed(self, length: int) -> int:
        """How many edits a fuzzy match may need on a phonetic key of ``length`` letters."""
        allowed = 0
        for minimum, edits in self.edit_budget:
            if length >= minimum:
                allowed = edits
        return allowed
