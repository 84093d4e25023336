"""Mentions in running text: find every gazetteer entity a document names, using the document.

:func:`annotate` reads a text in four passes, one module each:

1. **Tokens** (:mod:`~namenorm.mentions.tokens`). Words are maximal runs of letters, digits,
   combining marks, look-alike letters and invisible characters, with their code-point offsets
   in the text *as given*; a short piece of another script inside Latin text is marked as an
   injected fragment. Tokens join into longer spans across one or two spaces, a hyphen, an
   apostrophe or an abbreviation's full stop ("P'ashinyan", "Nagorno-Karabakh", "U.S."), never
   across a line break or other punctuation.
2. **Candidates** (:mod:`~namenorm.mentions.spans`). A span whose folded tokens spell an alias
   of the gazetteer is a candidate (one dictionary probe per token, through the aliases as
   token keys of :mod:`~namenorm.mentions.lexicon`: this is what keeps long texts fast). Runs of
   name-like tokens (capitalized, or in a script without case) are also looked up whole and in
   parts of up to ``max_fuzzy_tokens`` tokens, so corrupted names that spell no alias
   ("Azeгbaijan", "Nagorni Karabakh") reach the fuzzy resolver, as do Latin pieces alternating
   with fragments ("Mevl চা t ভ avu ও o ্ল lu"), letter-spaced words and machine-translation
   splits. A span never ends in a possessive "'s".
3. **Evidence** (:mod:`~namenorm.mentions.decide`, :mod:`~namenorm.mentions.context`). Each
   candidate is resolved (:meth:`namenorm.Resolver.scored`). A candidate the resolver would
   accept on its own is an *anchor*. Candidates that rest on a needs-context alias (an ordinary
   word such as "Stagnant" or "Macro") or that tie between entities ("Martuni" in Karabakh and
   in Armenia; "Aliyev") are decided by the document: capitalization that a sentence start
   does not explain, a title or place cue next to it ("President ...", "the capital, ..."),
   the same surface form accepted elsewhere in the document, and *coherence*: how closely the
   candidate is related (same entity, its country or parent, a sibling under the same country
   or parent) to anchors nearby, weighted by distance. A tie goes to the entity that coheres
   clearly better; otherwise it stays unresolved. A sound-alike (phonetic, skeleton or fuzzy
   match) in plain letters that scores below ``strong`` or stands at a sentence start needs
   coherence or a cue too ("Discussion", "Carter" stay words). A word in lower case in a cased
   text never resolves through a capitalized alias ("turkey", "stagnant").
4. **Selection** (:mod:`~namenorm.mentions.select`). Overlapping accepted spans give way to the
   longer one, then the higher score.

The weights, distances and thresholds are those of :class:`~namenorm.mentions.AnnotateConfig`.

>>> [(m.text, m.id, m.kind) for m in annotate("Fighting near Stepanakert, Azerbaijan's army said.")]
[('Stepanakert', 'stepanakert', 'name'), ('Azerbaijan', 'azerbaijan', 'name')]
>>> annotate("Wages stayed stagnant all year.")
[]
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import replace

from namenorm._cache import BoundedCache
from namenorm._checks import check_bool, check_instance, check_str
from namenorm._config import AnnotateConfig
from namenorm.matching.resolver import MAX_INPUT_LENGTH, Match, Resolver, check_types
from namenorm.mentions.abjad import is_arabic_script, readings
from namenorm.mentions.compose import Composer
from namenorm.mentions.context import active_years
from namenorm.mentions.decide import Decider
from namenorm.mentions.demonyms import DemonymForms
from namenorm.mentions.districts import PLURAL_DISTRICT_WORDS, as_districts, district_of
from namenorm.mentions.homonyms import STATE_WORDS, drop_homonyms
from namenorm.mentions.institutions import Institutions
from namenorm.mentions.lexicon import Lexicon
from namenorm.mentions.mention import Mention
from namenorm.mentions.rewriting import ExplainedRewrite, explain_rewrite
from namenorm.mentions.select import select, with_written_endings
from namenorm.mentions.spans import find_candidates
from namenorm.mentions.tokens import Token, tokenize

__all__ = ["Annotator", "Mention", "annotate", "annotator_for", "rewrite", "rewrite_explained"]

#: The resolver's readings of one span are remembered up to this many spans.
_SCORED_CACHE_LIMIT = 100_000
#: ... and up to this many characters of spans (a span over ``MAX_INPUT_LENGTH`` is not kept).
_SCORED_CACHE_CHARS = 4_000_000


class Annotator:
    """Finds mentions of one resolver's entities in texts. Thread-safe; build once, reuse.

    ``demonyms=False`` leaves out mentions of a people or language ("Armenian forces");
    ``types`` keeps only entities of those types. ``config`` holds the weights, distances and
    thresholds (:class:`~namenorm.mentions.AnnotateConfig`); ``max_tokens``, ``max_fuzzy_tokens`` and
    ``strong``, when given, override the fields of that name: ``max_tokens`` bounds the words
    of one mention and ``max_fuzzy_tokens`` the words of a span looked up inexactly, and an
    inexact (phonetic, skeleton, fuzzy) match in plain letters that scores below ``strong``, or
    stands at a sentence start, is accepted only with support from the document.

    >>> a = Annotator(demonyms=False)
    >>> [m.id for m in a.annotate("Armenian troops left Shusha.")]
    ['shusha']
    """

    def __init__(
        self,
        resolver: Resolver | None = None,
        *,
        demonyms: bool = True,
        types: str | Iterable[str] | None = None,
        max_tokens: int | None = None,
        max_fuzzy_tokens: int | None = None,
        strong: float | None = None,
        config: AnnotateConfig | None = None,
    ) -> None:
        check_instance("resolver", resolver, Resolver, optional=True)
        check_bool("demonyms", demonyms)
        config = _configured(config, max_tokens, max_fuzzy_tokens, strong)
        types_wanted = check_types(types)
        if resolver is None:
            from namenorm import default_resolver

            resolver = default_resolver()
        self._resolver = resolver
        self._config = config
        self._types = types_wanted
        self._scored_cache: BoundedCache[tuple[str, bool], list[tuple[Match, bool]]] = (
            BoundedCache(_SCORED_CACHE_LIMIT, _SCORED_CACHE_CHARS, MAX_INPUT_LENGTH)
        )
        self._lexicon = Lexicon(resolver, config.max_tokens)
        entities = resolver.index.entities
        self._entity = {e.id: e for e in entities}
        years = {
            e.id: span for e in entities if e.type == "person" and (span := active_years(e.role))
        }
        self._demonyms = demonyms
        self._state_keys = frozenset(
            self._lexicon.token_key(w, latin)[0] for w in STATE_WORDS for latin in (True, False)
        )
        self._demonym_forms: DemonymForms | None = None
        self._districts: dict[str, str] | None = None
        self._plural_keys = frozenset(
            self._lexicon.token_key(w, latin)[0]
            for w in PLURAL_DISTRICT_WORDS
            for latin in (True, False)
        )
        self._composer = Composer(resolver, self._lexicon.token_key, self._english_names)
        self._institutions = Institutions(self._lexicon.token_key)
        self._decider = Decider(
            resolver,
            self._lexicon,
            config,
            demonyms=demonyms,
            entities=self._entity,
            years=years,
        )

    @property
    def resolver(self) -> Resolver:
        return self._resolver

    @property
    def config(self) -> AnnotateConfig:
        """The weights, distances and thresholds in use."""
        return self._config

    @property
    def strong(self) -> float:
        """The score below which a sound-alike in plain letters needs the document."""
        return self._config.strong

    def annotate(self, text: str) -> list[Mention]:
        """Every mention of an entity in ``text``, in order of position."""
        if not check_str("text", text):
            return []
        tokens, cased_doc = tokenize(text, self._lexicon.token_key, self._lexicon.han_words())
        if not tokens:
            return []
        cands = find_candidates(text, tokens, self._lexicon, self._config)
        decisions = self._decider.decide(tokens, cands, cased_doc, self._scored)
        mentions = select(decisions, len(tokens))
        if self._demonyms and (self._types is None or "place" in self._types):
            mentions = self._derived_demonyms(tokens, mentions)
        mentions = self._composer.compose(text, tokens, mentions)
        mentions = self._institutions.drop_namesakes(tokens, mentions)
        mentions = drop_homonyms(tokens, mentions, self._entity, self._state_keys)
        if self._districts is None:  # a lost race builds it twice, harmlessly
            self._districts = district_of(self._entity.values(), self._lexicon.token_key)
        mentions = as_districts(
            tokens, mentions, self._districts, self._plural_keys, self._entity
        )
        return with_written_endings(text, tokens, mentions)

    def _derived_demonyms(self, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
        """Demonyms of other languages, derived from the gazetteer's names, on the words no
        mention holds (:mod:`~namenorm.mentions.demonyms`), and on a word that only folds to
        a person's name: a demonym written out beats a surname read through folded letters
        ("روسی" is Russian, not رئیسی)."""
        forms = self._demonym_forms
        if forms is None:
            forms = DemonymForms(
                self._entity.values(), self._lexicon.token_key, self._lexicon.keyed_alias_keys()
            )
            self._demonym_forms = forms
        held, folded_people = _held(tokens, mentions)
        found = []
        for t in tokens:
            if t.fragment or held.find(1, t.start, t.end) >= 0:
                continue
            person = folded_people.get(t.start)
            if person is not None and person.end != t.end:
                continue
            match = forms.match(t.key, t.text, t.upper, t.sentence_start,
                                self._entity.__getitem__, over_alias=person is not None)
            if match is not None:
                found.append(Mention(t.start, t.end, t.text, match, "demonym"))
        if not found:
            return mentions
        replaced = {m.start for m in found}  # only a folded person's mention shares a start
        kept = [m for m in mentions if m.start not in replaced]
        return sorted([*kept, *found], key=lambda m: m.start)

    def rewrite(self, text: str) -> str:
        """``text`` with look-alike letters repaired, invisible characters removed and each
        mention replaced by its entity's canonical name in the text's language, keeping
        meaning (:mod:`~namenorm.mentions.rewriting`: inflected and quoted names stay, a
        demonym keeps its number, capitals stay capitals)."""
        return self.rewrite_explained(text).text

    def rewrite_explained(self, text: str) -> ExplainedRewrite:
        """:meth:`rewrite` with every edit: offsets into ``text``, old and new text, and why.

        >>> r = Annotator().rewrite_explained("Armenians left Steppe cart.")
        >>> r.text, [(e.old, e.new, e.why) for e in r.edits]
        ('Armenians left Stepanakert.', [('Steppe cart', 'Stepanakert', 'canonical')])
        """
        return explain_rewrite(text, self.annotate(text), self._entity)

    def _scored(self, query: str, exact: bool = False) -> list[tuple[Match, bool]]:
        """The resolver's best few for a span (cached). For a span that spells an alias,
        fuzzy retrieval is skipped when no fuzzy match could come within the widest margin of
        what the hash tables found: it could neither win nor make a tie. An Arabic-script
        span the resolver does not read is read through abjad keys
        (:mod:`~namenorm.mentions.abjad`)."""
        cache = self._scored_cache
        hit = cache.get((query, exact))
        if hit is None:
            contest = self._resolver.config.margin if exact else None
            if not exact and self._lexicon.unmatched_everyday_name(query):
                hit = []  # what the resolver would say, without its fuzzy retrieval
            else:
                hit = self._resolver.scored(
                    query, self._types, limit=self._config.candidates, contest=contest
                )
            if (not hit or hit[0][0].score < self._resolver.config.threshold) and (
                is_arabic_script(query)
            ):
                hit = readings(self._resolver, self._lexicon.abjad(), query, self._types) or hit
            cache.put((query, exact), len(query), hit)
        return hit  # type: ignore[return-value]

    def _english_names(self, eid: str) -> tuple[str, ...]:
        """The English names of an entity, canonical name first (demonyms too: "Russian
        Federation")."""
        entity = self._entity.get(eid)
        if entity is None:
            return ()
        names = [entity.name]
        for n in entity.names:
            if (n.lang or "en") == "en" and n.text not in names and n.kind != "abbreviation":
                names.append(n.text)
        return tuple(names)


def _held(tokens: list[Token], mentions: list[Mention]) -> tuple[bytearray, dict[int, Mention]]:
    """1 for each character a mention holds, but for the one-word mentions of a person
    matched through folded letters only, which are returned by start."""
    held = bytearray(tokens[-1].end)
    folded_people: dict[int, Mention] = {}
    for m in mentions:
        if m.match.type == "person" and m.match.method == "folded" and " " not in m.text:
            folded_people[m.start] = m
        else:
            held[m.start : m.end] = b"\x01" * (m.end - m.start)
    return held, folded_people


def _configured(
    config: AnnotateConfig | None,
    max_tokens: int | None,
    max_fuzzy_tokens: int | None,
    strong: float | None,
) -> AnnotateConfig:
    """``config`` (or the defaults) with the fields given as constructor arguments."""
    if config is None:
        config = AnnotateConfig()
    elif not isinstance(config, AnnotateConfig):
        raise TypeError(f"config must be AnnotateConfig, not {type(config).__name__}")
    if max_tokens is not None:
        config = replace(config, max_tokens=max_tokens)
    if max_fuzzy_tokens is not None:
        config = replace(config, max_fuzzy_tokens=max_fuzzy_tokens)
    if strong is not None:
        config = replace(config, strong=strong)
    return config


#: Annotators of the module-level functions, by (resolver, demonyms, types); most recent last.
_annotators: OrderedDict[tuple[Resolver | None, bool, frozenset[str] | None], Annotator]
_annotators = OrderedDict()
_annotators_lock = threading.Lock()
#: At most this many annotators are kept (each holds the tables of its resolver's aliases).
_MAX_ANNOTATORS = 16


def annotator_for(
    resolver: Resolver | None = None,
    *,
    demonyms: bool = True,
    types: str | Iterable[str] | None = None,
) -> Annotator:
    """The annotator that :func:`annotate` and :func:`rewrite` use for these options: built
    once per option set, then reused (the most recent :data:`_MAX_ANNOTATORS` are kept).

    >>> annotator_for(types="place") is annotator_for(types=["place"])
    True
    """
    check_instance("resolver", resolver, Resolver, optional=True)
    key = (resolver, check_bool("demonyms", demonyms), check_types(types))
    with _annotators_lock:
        annotator = _annotators.get(key)
        if annotator is None:
            annotator = Annotator(resolver, demonyms=demonyms, types=key[2])
            _annotators[key] = annotator
            if len(_annotators) > _MAX_ANNOTATORS:
                _annotators.popitem(last=False)
        else:
            _annotators.move_to_end(key)
        return annotator


def annotate(
    text: str,
    *,
    demonyms: bool = True,
    types: str | Iterable[str] | None = None,
    resolver: Resolver | None = None,
) -> list[Mention]:
    """The mentions of entities in ``text`` (bundled gazetteer unless ``resolver`` is given).

    >>> [(m.start, m.end, m.id) for m in annotate("Talks in Baku.")]
    [(9, 13, 'baku')]
    """
    check_str("text", text)  # before an annotator is built
    return annotator_for(resolver, demonyms=demonyms, types=types).annotate(text)


def rewrite_explained(
    text: str,
    *,
    demonyms: bool = True,
    types: str | Iterable[str] | None = None,
    resolver: Resolver | None = None,
) -> ExplainedRewrite:
    """:func:`rewrite` with every edit (offsets, old and new text, why).

    >>> [e.to_dict() for e in rewrite_explained("BAKU (Reuters) - Talks.").edits]
    []
    """
    check_str("text", text)
    return annotator_for(resolver, demonyms=demonyms, types=types).rewrite_explained(text)


def rewrite(
    text: str,
    *,
    demonyms: bool = True,
    types: str | Iterable[str] | None = None,
    resolver: Resolver | None = None,
) -> str:
    """``text`` with look-alikes repaired and every mention replaced by its canonical name.

    >>> rewrite("Shelling hit Steppe cart and Xankəndi.")
    'Shelling hit Stepanakert and Stepanakert.'
    """
    check_str("text", text)
    return annotator_for(resolver, demonyms=demonyms, types=types).rewrite(text)
