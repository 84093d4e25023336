"""Every tunable weight and threshold of the resolver (:class:`Config`) and of mention detection
(:class:`AnnotateConfig`), each in one frozen object."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from namenorm._checks import check_bool, check_int, check_number, check_path, check_str

__all__ = ["AnnotateConfig", "Config", "KindFactors"]

_DEFAULT_KIND_FACTORS = {
    "corruption": 0.97,
    "surname": 0.9,
    "initials": 0.93,
    "reversed": 0.97,
    "short": 0.97,
    "demonym": 0.95,
    "generated": 0.98,
}


class KindFactors(Mapping[str, float]):
    """A read-only, hashable mapping of alias kinds to score factors (:attr:`Config.kind_factor`).

    >>> f = KindFactors({"surname": 0.9})
    >>> f["surname"], f.get("short", 1.0), f == {"surname": 0.9}, hash(f) == hash(KindFactors(f))
    (0.9, 1.0, True, True)
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, float]) -> None:
        self._items = dict(items)

    def __getitem__(self, kind: str) -> float:
        return self._items[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self._items == dict(other.items())

    def __repr__(self) -> str:
        return f"KindFactors({self._items!r})"


def _number(name: str, value: object) -> None:
    check_number(f"Config.{name}", value)


def _check_unit(name: str, value: object) -> object:
    """A score, factor, margin or cost: a number in [0, 1]."""
    _number(name, value)
    if not 0.0 <= value <= 1.0:  # type: ignore[operator]  # NaN fails too
        raise ValueError(f"Config.{name} must be in [0, 1], not {value!r}")
    return value


def _check_positive(name: str, value: object) -> object:
    _number(name, value)
    if not (0.0 < value < math.inf):  # type: ignore[operator]
        raise ValueError(f"Config.{name} must be a finite number above 0, not {value!r}")
    return value


def _check_count(name: str, value: object, least: int = 0) -> object:
    check_int(f"Config.{name}", value)
    if value < least:  # type: ignore[operator]
        raise ValueError(f"Config.{name} must be {least} or more, not {value!r}")
    return value


def _check_bool(name: str, value: object) -> object:
    return check_bool(f"Config.{name}", value)


def _check_budget(name: str, value: object) -> object:
    """(minimum length >= 1, edits >= 0) pairs, kept as a tuple of tuples."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise TypeError(f"Config.{name} must be a tuple of (length, edits) pairs")
    pairs = []
    for pair in value:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"Config.{name} must be a tuple of (length, edits) pairs")
        _check_count(name, pair[0], 1)
        _check_count(name, pair[1], 0)
        pairs.append((pair[0], pair[1]))
    budget = tuple(pairs)
    return value if budget == value else budget


def _check_factors(name: str, value: object) -> object:
    """A mapping of alias kind (str) to a finite factor of 0 or more, kept read-only."""
    if not isinstance(value, Mapping):
        raise TypeError(f"Config.{name} must be a mapping of alias kind to factor")
    for kind, factor in value.items():
        if not isinstance(kind, str):
            raise TypeError(f"Config.{name} keys must be str, not {type(kind).__name__}")
        _number(f"{name}[{kind!r}]", factor)
        if not 0.0 <= factor < math.inf:
            raise ValueError(f"Config.{name}[{kind!r}] must be 0 or more, not {factor!r}")
    return value if isinstance(value, KindFactors) else KindFactors(value)


# How each field is checked; a field not named here is a number in [0, 1].
_CHECKS = {
    "fuzzy_power": _check_positive,
    "edit_budget": _check_budget,
    "short_key": _check_count,
    "min_skeleton": _check_count,
    "min_phonetic_stem": _check_count,
    "prominent_languages": _check_count,
    "max_candidates": lambda name, value: _check_count(name, value, 1),
    "cache_size": _check_count,
    "kind_factor": _check_factors,
    "generate_variants": _check_bool,
}


@dataclass(frozen=True)
class Config:
    """Weights and thresholds of :class:`namenorm.Resolver`; every score is in [0, 1].

    Frozen and hashable; every field is checked when the config is made: a value of the wrong
    type raises :class:`TypeError`, one out of range :class:`ValueError`.

    >>> Config().threshold
    0.75
    >>> Config(threshold=0.9).threshold
    0.9
    >>> Config(threshold=2)
    Traceback (most recent call last):
    ...
    ValueError: Config.threshold must be in [0, 1], not 2
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
    #: A query in a script that writes names by sound (an abjad, Han, kana, Hangul, Thai, the
    #: scripts of India) close to a Latin alias once both are read as consonant classes and
    #: vowels; scaled by how close (namenorm.matching.transcribed).
    transcribed: float = 0.88
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
    #: Factors by alias kind (names of kinds not listed count 1.0); any mapping of kind to a
    #: factor (0 or more) may be given, and is kept as a read-only :class:`KindFactors`.
    kind_factor: Mapping[str, float] = field(
        default_factory=lambda: KindFactors(_DEFAULT_KIND_FACTORS)
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
    #: A bare surname that ordinary people bear too ("Harris", "Yıldırım"; see
    #: namenorm.matching.everyday) resolves alone only to a person whose names the gazetteer
    #: gives in at least this many languages (one the world's press names); for anyone else
    #: it is held at ``needs_context_ceiling``, as a needs-context alias is.
    prominent_languages: int = 5
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

    def __post_init__(self) -> None:
        for f in fields(self):
            check = _CHECKS.get(f.name, _check_unit)
            value = check(f.name, getattr(self, f.name))
            if value is not getattr(self, f.name):
                object.__setattr__(self, f.name, value)

    def to_dict(self) -> dict[str, Any]:
        """Every field as a JSON value (``kind_factor`` a dict, ``edit_budget`` a list of pairs).

        >>> Config.from_dict(Config(threshold=0.8).to_dict()) == Config(threshold=0.8)
        True
        """
        d: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        d["kind_factor"] = dict(self.kind_factor)
        d["edit_budget"] = [list(pair) for pair in self.edit_budget]
        return d

    @classmethod
    def from_dict(cls, data: object, where: str = "config") -> Config:
        """A config from a mapping of field names to values; fields not given keep their
        defaults. An unknown key, or a value of the wrong type or out of range, is a
        :class:`ValueError` naming the key (and ``where`` it came from).

        >>> Config.from_dict({"threshold": 0.8, "margin": 0.1}).margin
        0.1
        >>> Config.from_dict({"treshold": 0.8})
        Traceback (most recent call last):
        ...
        ValueError: config: unknown key 'treshold' (known: threshold, margin, exact, ...)
        """
        check_str("where", where)
        if not isinstance(data, Mapping):
            raise ValueError(  # noqa: TRY004 - a file's content, not an argument's type
                f"{where}: must be a JSON object of Config fields, not {type(data).__name__}"
            )
        names = [f.name for f in fields(cls)]
        for key in data:
            if key not in names:
                raise ValueError(f"{where}: unknown key {key!r} (known: {', '.join(names[:3])}, ...)")
        try:
            return cls(**data)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{where}: {exc}") from None

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """The config saved by :meth:`to_file` (or any JSON object of some of its fields).

        Raises :class:`OSError` for a file that cannot be read and :class:`ValueError`, naming
        the file and the key, for one that is not such a JSON object.
        """
        check_path("path", path)
        try:
            with open(path, encoding="utf-8") as f:
                data = json.loads(f.read())
        except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
            raise ValueError(f"{path}: not JSON ({exc})") from None
        return cls.from_dict(data, str(path))

    def to_file(self, path: str | Path) -> None:
        """Write every field as a JSON object, for :meth:`from_file` and ``--config``."""
        text = json.dumps(self.to_dict(), indent=2, sort_keys=False) + "\n"
        Path(check_path("path", path)).write_text(text, encoding="utf-8")

    def edits_allowed(self, length: int) -> int:
        """How many edits a fuzzy match may need on a phonetic key of ``length`` letters."""
        if type(length) is not int:  # called for every scored alias: the check only when needed
            check_int("length", length)
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
    #: A weak sound-alike of one word coheres with its country only this many words away at
    #: most: a text about the region names the countries everywhere.
    country_reach: int = 12

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            name = f"AnnotateConfig.{f.name}"
            if f.type in ("int", int):
                check_int(name, value)
                if value < 1:
                    raise ValueError(f"{name} must be at least 1, not {value}")
                continue
            check_number(name, value)
            if not value >= 0 or value == float("inf"):  # also rejects NaN
                raise ValueError(f"{name} must be finite and at least 0, not {value}")
        for name in ("strong", "evidence_step"):
            if getattr(self, name) > 1:
                raise ValueError(f"AnnotateConfig.{name} is a score and must be at most 1")
        if self.distance_scale == 0:
            raise ValueError("AnnotateConfig.distance_scale must be more than 0")
        if self.max_fuzzy_tokens > self.max_tokens:
            raise ValueError("AnnotateConfig.max_fuzzy_tokens must be at most max_tokens")
