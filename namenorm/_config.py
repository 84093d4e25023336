"""Every tunable weight and threshold of the resolver (:class:`Config`) and of mention detection
(:class:`AnnotateConfig`), each in one frozen object."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

__all__ = ["AnnotateConfig", "Config"]


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


@dataclass(frozen=True)
class AnnotateConfig:
    """Weights, distances and thresholds of mention detection (:class:`namenorm.Annotator`).

    Frozen and hashable (module-level :func:`namenorm.annotate` keeps one annotator per option
    set); every field is checked on construction: a value of the wrong type raises
    :class:`TypeError`, one out of range :class:`ValueError`.

    >>> AnnotateConfig().strong
    0.85
    >>> AnnotateConfig(max_tokens=0)
    Traceback (most recent call last):
    ...
    ValueError: AnnotateConfig.max_tokens must be at least 1, not 0
    """

    #: Most words in one mention.
    max_tokens: int = 8
    #: Most words in one span looked up inexactly (runs of name-like words are cut into parts
    #: of up to this many words; a run is followed for at most three times as many).
    max_fuzzy_tokens: int = 4
    #: An inexact (phonetic, skeleton, fuzzy) match in plain letters that scores below this,
    #: or stands at a sentence start, needs support from the document.
    strong: float = 0.85
    #: Words longer than this (in key letters) are not looked up inexactly: no name has them.
    max_word: int = 40
    #: Fewest key letters in a span looked up inexactly (shorter keys score below threshold).
    min_inexact_letters: int = 5
    #: Most entities the resolver lists for one span (the rivals a tie is decided between).
    candidates: int = 4
    #: Anchors further than this many words away do not count for coherence.
    window: int = 400
    #: Coherence is ``weight / (1 + distance / distance_scale)``, distance in words.
    distance_scale: float = 25.0
    #: Coherence weight of an anchor that is the same entity.
    same_weight: float = 3.0
    #: ... that is the entity's country or parent, or a place or person of it.
    parent_weight: float = 2.0
    #: ... that is a neighbour under the same country or parent.
    neighbour_weight: float = 1.0
    #: Lead in coherence (and, between people equally coherent, in the share of the text's
    #: people active in the same years) that decides a tie between entities.
    lead: float = 0.5
    #: A needs-context alias accepted on the document scores ``threshold + evidence_step``
    #: per piece of evidence (never more than the alias itself gives).
    evidence_step: float = 0.05

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            name = f"AnnotateConfig.{f.name}"
            if f.type in ("int", int):
                if isinstance(value, bool) or not isinstance(value, int):
                    raise TypeError(f"{name} must be int, not {type(value).__name__}")
                if value < 1:
                    raise ValueError(f"{name} must be at least 1, not {value}")
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"{name} must be a number, not {type(value).__name__}")
            if not value >= 0 or value == float("inf"):  # also rejects NaN
                raise ValueError(f"{name} must be finite and at least 0, not {value}")
        for name in ("strong", "evidence_step"):
            if getattr(self, name) > 1:
                raise ValueError(f"AnnotateConfig.{name} is a score and must be at most 1")
        if self.distance_scale == 0:
            raise ValueError("AnnotateConfig.distance_scale must be more than 0")
        if self.max_fuzzy_tokens > self.max_tokens:
            raise ValueError("AnnotateConfig.max_fuzzy_tokens must be at most max_tokens")
