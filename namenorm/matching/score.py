"""Scoring one alias against one query: which evidence holds, and how strong it is.

The evidence is tried from the strongest to the weakest and the first that holds sets the
method and base score (all from :class:`~namenorm.Config`):

``exact``     the normalized texts are equal ignoring case;
``folded``    the fold keys are equal (homoglyphs, diacritics, script, spacing, punctuation);
``phonetic``  the phonetic keys are equal; scaled by how close the fold keys still are;
``skeleton``  the consonant skeletons are equal (long keys only);
``fuzzy``     (neither of these two across scripts, where they would compound a transliteration
              with edits, nor for text in the Arabic or Hebrew script, whose keys are consonant
              skeletons already)
              the phonetic keys are within the edit budget for their length; the score falls
              with the share of letters edited. An injected fragment (gap) costs ``gap_cost``.
              When jellyfish's Metaphone codes of the two fold keys agree, ``metaphone_bonus``
              is added.

The base is then multiplied by the alias kind's factor (a bare surname is weaker evidence than a
full name). Every score is in [0, 1]. The resolver caps what rests on a needs-context alias at
``needs_context_ceiling``; mention detection weighs it on the document instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import jellyfish

from namenorm._config import Config
from namenorm.index.aliases import Alias
from namenorm.index.distance import distance_function
from namenorm.keys import QueryKeys, plain_key
from namenorm.matching.transcribed import transcription_cost
from namenorm.text.normalize import GAP
from namenorm.text.scripts import detect_script, has_abjad

__all__ = ["TRANSCRIBED", "Evidence", "gap_distance", "score_alias"]

#: The method of the evidence of :mod:`namenorm.matching.transcribed`.
TRANSCRIBED = "transcribed"


@dataclass(frozen=True, slots=True)
class Evidence:
    """The outcome of scoring an alias: method, score and the reasons in words."""

    method: str
    score: float
    reasons: tuple[str, ...]


def gap_distance(query: str, target: str, gap_cost: float) -> float:
    """Edit distance where each :data:`GAP` in ``query`` matches 0-2 letters at ``gap_cost``.

    >>> gap_distance("mevl\\ufffdt", "mevlut", 0.3)
    0.3
    >>> gap_distance("baku", "baki", 0.3)
    1.0
    """
    n, m = len(query), len(target)
    inf = float("inf")
    prev = [float(j) for j in range(m + 1)]
    for i in range(1, n + 1):
        qc = query[i - 1]
        cur = [inf] * (m + 1)
        if qc == GAP:
            for j in range(m + 1):
                best = prev[j]
                if j >= 1:
                    best = min(best, prev[j - 1])
                if j >= 2:
                    best = min(best, prev[j - 2])
                cur[j] = best + gap_cost
        else:
            cur[0] = prev[0] + 1
            for j in range(1, m + 1):
                cost = 0.0 if qc == target[j - 1] else 1.0
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        prev = cur
    return prev[m]


def _ratio(a: str, b: str) -> float:
    longest = max(len(a), len(b))
    if not longest:
        return 1.0
    return 1.0 - distance_function()(a, b) / longest


def score_alias(q: QueryKeys, alias: Alias, config: Config) -> Evidence | None:
    """Score ``alias`` for the query, or None when no evidence links them."""
    evidence = _base_evidence(q, alias, config)
    if evidence is None:
        return None
    method, score, reasons = evidence.method, evidence.score, list(evidence.reasons)
    # A short key matched inexactly is weak evidence, unless the query *is* the alias once its
    # look-alike letters are repaired ("ΤURK", Greek Tau, is "Turk"), as for exact-only aliases,
    # or the folded key of a name in another script: Arabic and Hebrew keys are consonant
    # skeletons ("ایروان" -> "yrwn") of longer names.
    same_script_fold = method == "folded" and not alias.latin and not q.latin
    if (
        method != "exact"
        and len(alias.fold_c) <= config.short_key
        and not (method == "folded" and plain_key(q.norm) == alias.plain)
        and not same_script_fold
    ):
        score *= config.short_factor
        reasons.append(f"short key, inexact match: x{config.short_factor:g}")
    factor = config.kind_factor.get(alias.kind, 1.0)
    if factor != 1.0:
        score *= factor
        reasons.append(f"alias kind {alias.kind}: x{factor:g}")
    return Evidence(method, min(1.0, max(0.0, score)), tuple(reasons))


def _base_evidence(q: QueryKeys, alias: Alias, config: Config) -> Evidence | None:
    """The strongest evidence that holds, before the alias and short-key factors."""
    if alias.exact_only:
        if q.norm == alias.norm:
            return Evidence("exact", config.exact, ("same text (exact-match-only alias)",))
        return None
    if q.norm_fold == alias.plain:
        return Evidence("exact", config.exact, ("same text, ignoring case",))
    # Arabic and Hebrew transliterate to consonant skeletons: an equal key across that script
    # boundary ("آرارات" and "Ararat") is as weak as a Latin query on a foreign alias, and
    # nothing weaker than an equal fold key holds across it ("Barış" is not "باريس").
    cross_abjad = has_abjad(q.norm) != has_abjad(alias.norm)
    if q.fold_c == alias.fold_c:
        return _folded(q, alias, config, cross_abjad=cross_abjad)
    if q.phon_c == alias.phon_c and not q.gapped and not cross_abjad:
        return _phonetic(q, alias, config)
    if not _may_sound_alike(q, alias):
        return _transcribed(q, alias, config)
    return _sound_alike(q, alias, config)


def _transcribed(q: QueryKeys, alias: Alias, config: Config) -> Evidence | None:
    """A query written by sound in another script, read against a Latin alias."""
    if not alias.latin or q.latin or q.gapped:
        return None
    script = _script(q.norm)
    reading = transcription_cost(q.norm, script, alias.fold, alias.lang)
    if reading is None:
        return None
    closeness = reading.closeness()
    score = config.transcribed * closeness
    if score <= 0 or config.transcribed <= 0:
        return None
    edited = "one class apart" if reading.edited else "the same classes"
    return Evidence(
        TRANSCRIBED,
        score,
        (
            f"read as sounds of the {script} script: {reading.classes} consonant classes, "
            f"{edited}; {reading.cost:.2f} of a letter apart per letter, closeness {closeness:.2f}",
        ),
    )


def _folded(q: QueryKeys, alias: Alias, config: Config, *, cross_abjad: bool) -> Evidence:
    if (alias.latin or not q.latin) and not cross_abjad:
        return Evidence("folded", config.folded, (f"same folded key {alias.fold!r}",))
    return Evidence(
        "folded",
        config.transliterated,
        (f"same folded key {alias.fold!r}, through transliteration of another script",),
    )


def _phonetic(q: QueryKeys, alias: Alias, config: Config) -> Evidence:
    closeness = _ratio(q.fold_c, alias.fold_c)
    score = config.phonetic * (0.9 + 0.1 * closeness)
    return Evidence(
        "phonetic",
        score,
        (f"same phonetic key {alias.phon!r}", f"folded keys {closeness:.2f} alike"),
    )


def _may_sound_alike(q: QueryKeys, alias: Alias) -> bool:
    """Whether a skeleton or fuzzy match may link the two at all."""
    if _script(q.norm) != _script(alias.norm):
        # Sound-alikes across scripts compound a transliteration with edits: "Турка" (a coffee
        # pot) is not "Թուրքիա", "Крайне" (extremely) is not "Ukraine".
        return False
    # Keys of the Arabic and Hebrew scripts are consonant skeletons already: an equal
    # skeleton or a few edits say nothing ("برادران", brothers, is not Barda Rayon).
    return not (has_abjad(q.norm) or has_abjad(alias.norm))


def _sound_alike(q: QueryKeys, alias: Alias, config: Config) -> Evidence | None:
    """Skeleton, else fuzzy evidence (with the Metaphone bonus)."""
    q_phon, a_phon = q.phon_c, alias.phon_c
    a_skel = alias.skel_c
    if q.skel_c == a_skel and len(a_skel) >= config.min_skeleton and not q.gapped:
        closeness = _ratio(q_phon, a_phon)
        score = config.skeleton * (0.85 + 0.15 * closeness)
        return Evidence(
            "skeleton",
            score,
            (f"same consonant skeleton {alias.skel!r}", f"phonetic keys {closeness:.2f} alike"),
        )
    evidence = _fuzzy(q_phon, a_phon, q.gapped, config)
    if evidence is None or q.gapped:
        return evidence
    # Metaphone (jellyfish) reads English spelling rules the phonetic key does not model
    # ("ph", silent letters, soft c and g): agreement is further evidence of a sound-alike.
    if _metaphone(q.fold) == _metaphone(alias.fold):
        return Evidence(
            evidence.method,
            min(1.0, evidence.score + config.metaphone_bonus),
            (*evidence.reasons, f"metaphone codes agree: +{config.metaphone_bonus:g}"),
        )
    return evidence


@lru_cache(maxsize=16384)
def _script(text: str) -> str:
    """The script most letters of ``text`` are in (the gap mark and digits do not count)."""
    return detect_script(text)


@lru_cache(maxsize=16384)
def _metaphone(fold: str) -> str:
    return " ".join(jellyfish.metaphone(word) for word in fold.split())


def _fuzzy(q_phon: str, a_phon: str, gapped: bool, config: Config) -> Evidence | None:
    length = max(len(q_phon), len(a_phon))
    allowed = config.edits_allowed(length)
    if gapped:
        length = len(a_phon)
        allowed = config.edits_allowed(length)
        gaps = q_phon.count(GAP)
        # Each gap costs gap_cost whatever it matches, so these bounds are exact and keep the
        # quadratic distance below from running on queries that cannot be in budget.
        if gaps * config.gap_cost > allowed:
            return None
        if abs(len(q_phon) - gaps - length) > 2 * gaps + allowed:
            return None
        d = gap_distance(q_phon, a_phon, config.gap_cost)
        what = f"{d:g} edits on the phonetic key, injected fragments as gaps"
    else:
        if not allowed or abs(len(q_phon) - len(a_phon)) > allowed:
            return None
        d = distance_function()(q_phon, a_phon)
        what = f"{d} edit{'s' if d != 1 else ''} on the phonetic key"
    if d > allowed or d >= length:
        return None
    score = config.fuzzy * (1.0 - d / length) ** config.fuzzy_power
    return Evidence("fuzzy", score, (f"{what} ({q_phon!r} ~ {a_phon!r})",))

