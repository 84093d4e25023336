"""Mentions in running text: find every gazetteer entity a document names, using the document.

:func:`annotate` reads a text in four passes:

1. **Tokens.** Words are maximal runs of letters, digits, combining marks, look-alike letters and
   invisible characters, with their code-point offsets in the text *as given*; a short piece of
   another script inside Latin text is marked as an injected fragment. Tokens join into longer
   spans across one or two spaces, a hyphen, an apostrophe or an abbreviation's full stop
   ("P'ashinyan", "Nagorno-Karabakh", "U.S."), never across a line break or other punctuation.
2. **Candidates.** A span whose folded tokens spell an alias of the gazetteer is a candidate (one
   dictionary probe per token: this is what keeps long texts fast). Runs of name-like tokens
   (capitalized, or in a script without case) are also looked up whole and in parts of up to
   ``max_fuzzy_tokens`` tokens, so corrupted names that spell no alias ("Azeгbaijan",
   "Nagorni Karabakh") reach the fuzzy resolver, as do Latin pieces alternating with fragments
   ("Mevl চা t ভ avu ও o ্ল lu"), letter-spaced words and machine-translation splits. A span
   never ends in a possessive "'s".
3. **Evidence.** Each candidate is resolved (:meth:`namenorm.Resolver.candidates`). A candidate
   the resolver would accept on its own is an *anchor*. Candidates that rest on a needs-context
   alias (an ordinary word such as "Stagnant" or "Macro") or that tie between entities ("Martuni"
   in Karabakh and in Armenia; "Aliyev") are decided by the document: capitalization that a
   sentence start does not explain, a title or place cue next to it ("President ...", "the
   capital, ..."), the same surface form accepted elsewhere in the document, and *coherence*:
   how closely the candidate is related (same entity, its country or parent, a sibling under the
   same country or parent) to anchors nearby, weighted by distance. A tie goes to the entity that
   coheres clearly better; otherwise it stays unresolved. A sound-alike (phonetic, skeleton or
   fuzzy match) in plain letters that scores below ``strong`` or stands at a sentence start needs
   coherence or a cue too ("Discussion", "Carter" stay words). A word in lower case in a cased
   text never resolves through a capitalized alias ("turkey", "stagnant").
4. **Selection.** Overlapping accepted spans give way to the longer one, then the higher score.

>>> [(m.text, m.id, m.kind) for m in annotate("Fighting near Stepanakert, Azerbaijan's army said.")]
[('Stepanakert', 'stepanakert', 'name'), ('Azerbaijan', 'azerbaijan', 'name')]
>>> annotate("Wages stayed stagnant all year.")
[]
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from namenorm.text.confusables import TO_LATIN
from namenorm.matching.inflect import strip_inflection
from namenorm.keys import fold_normalized
from namenorm.matching.resolver import Match, Resolver, check_types
from namenorm.text.normalize import (
    GAP,
    fold_word,
    nfkc,
    remove_invisible,
    script_of,
    unify_punctuation,
)

__all__ = ["Annotator", "Mention", "annotate", "rewrite"]


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in a text: ``text[start:end] == mention.text``.

    ``kind`` is ``"demonym"`` when the words name the entity's people or language ("Armenian",
    "Azeri") rather than the entity itself, else ``"name"``. The :class:`~namenorm.Match`
    carries the id, score, method and the explanation, including the context that decided.
    """

    start: int
    end: int
    text: str
    match: Match
    kind: str = "name"

    @property
    def id(self) -> str:
        return self.match.id

    @property
    def name(self) -> str:
        return self.match.name

    @property
    def type(self) -> str:
        return self.match.type

    @property
    def score(self) -> float:
        return self.match.score

    @property
    def method(self) -> str:
        return self.match.method

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: offsets, text, kind and the match's main fields."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "id": self.match.id,
            "name": self.match.name,
            "type": self.match.type,
            "kind": self.kind,
            "score": self.match.score,
            "method": self.match.method,
        }


_INEXACT = frozenset({"phonetic", "skeleton", "fuzzy"})

#: Words longer than this (in key letters) are not looked up inexactly: no name has them.
MAX_WORD = 40

# -- tokens -----------------------------------------------------------------------------------

_INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufe00-\ufe0f"
_token_re: re.Pattern[str] | None = None
_token_lock = threading.Lock()


def _char_ranges(chars: Iterable[int]) -> str:
    out = []
    run: list[int] = []
    for cp in sorted(chars):
        if run and cp == run[-1] + 1:
            run.append(cp)
            continue
        if run:
            out.append((run[0], run[-1]))
        run = [cp]
    if run:
        out.append((run[0], run[-1]))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in out
    )


def _token_pattern() -> re.Pattern[str]:
    """Word characters: letters and digits, combining marks (so an Indic or Arabic word stays
    whole), look-alike letters that are symbols (⍺, ∨) and invisible characters."""
    global _token_re
    if _token_re is None:
        with _token_lock:
            if _token_re is None:
                extra = {
                    cp
                    for cp in range(0x300, 0x20000)
                    if unicodedata.category(chr(cp))[0] == "M"
                }
                extra |= {ord(ch) for ch in TO_LATIN if not ch.isalnum() and not ch.isascii()}
                _token_re = re.compile(
                    rf"(?:[^\W_]|[{_char_ranges(extra)}]|[{_INVISIBLE}])+"
                )
    return _token_re


_KANA_HAN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _kana_han_class(ch: str) -> int:
    if "\u30a0" <= ch <= "\u30ff":
        return 1  # katakana, with the long-vowel mark
    if "\u3040" <= ch <= "\u309f":
        return 2  # hiragana
    if _KANA_HAN.match(ch):
        return 3  # han
    return 0


def _words_of(text: str, han_words: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Spans of the words of ``text``. Chinese and Japanese write no spaces: a run of letters is
    cut where katakana, hiragana and kanji meet ("パシニャン首相は"), and a run of kanji into the
    longest words of the gazetteer's names it holds, left to right, the rest between them one
    word ("亚美尼亚总理帕希尼扬" -> 亚美尼亚, 总理, 帕希尼扬)."""
    spans: list[tuple[int, int]] = []
    for m in _token_pattern().finditer(text):
        start, end = m.span()
        if _KANA_HAN.search(m.group()) is None:
            spans.append((start, end))
            continue
        cut = start
        for i in range(start + 1, end + 1):
            if i < end:
                a, b = _kana_han_class(text[i - 1]), _kana_han_class(text[i])
                if a == b or not (a or b):
                    continue
            if _kana_han_class(text[cut]) == 3 and han_words:
                spans.extend(_segment_han(text, cut, i, han_words))
            else:
                spans.append((cut, i))
            cut = i
    return spans


_MAX_HAN_WORD = 12
_HAN_WORD = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def _segment_han(
    text: str, start: int, end: int, words: frozenset[str]
) -> list[tuple[int, int]]:
    """Greedy longest-match segmentation of a run of kanji by the words of the gazetteer."""
    spans: list[tuple[int, int]] = []
    rest = start
    i = start
    while i < end:
        for j in range(min(end, i + _MAX_HAN_WORD), i + 1, -1):
            if text[i:j] in words:
                if rest < i:
                    spans.append((rest, i))
                spans.append((i, j))
                i = rest = j
                break
        else:
            i += 1
    if rest < end:
        spans.append((rest, end))
    return spans


#: Gaps that a name may span between two of its words (the middle dots and double hyphen join
#: the parts of Japanese and Chinese renderings: "ナゴルノ・カラバフ", "尼科尔·帕希尼扬").
_JOIN_SPACE = re.compile(
    r"[ \u00a0\u2009\u202f]{1,2}|[ ]?[-\u2010\u2011\u2013\u30fb\u00b7\uff1d\u30a0][ ]?"
)
_JOIN_TIGHT = re.compile(r"['\u2019\u02bc\u2018`\u00b4.\u05f3]")  # and the Hebrew geresh
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\u0589\u061f]|\n\s*\n")
_POSSESSIVE = frozenset({"s"})

#: Words that may stand inside a multi-word name in lower case ("Ministry of Foreign Affairs").
_CONNECTORS = frozenset(
    "of de del della der des di du da dos das la le el al ul van von bin ibn and".split()
)
#: Words that do not begin a name looked up inexactly (they are capitalized at a sentence start).
_FUNCTION_WORDS = frozenset(
    """the a an in on at by for from to with and or but as of this that these those his her
    its their our my your it he she we they i is was are were after before during while when
    if then there here what who which where how why not no yes all some many most more also
    both each every other another such than so yet since until unless because although
    later earlier meanwhile however instead still now today yesterday tomorrow again already
    thus also separately elsewhere finally first next last then there here only even just
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)
#: Abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt sgt prof gov sen rep pres amb capt maj adm no vs".split()
)
#: Words before a person's name that make it a name (English and the region's languages, as
#: folded keys: Cyrillic, Armenian and Azerbaijani forms fold to Latin).
_PERSON_CUES = frozenset(
    """president presidents premier minister ministers prime chancellor spokesman spokeswoman
    spokesperson leader leaders mr mrs ms dr general gen secretary ambassador envoy counterpart
    deputy chairman chairwoman chair speaker mayor governor commander colonel senator king
    queen emir sheikh ayatollah pope patriarch catholicos aide adviser advisor ombudsman
    prezident ministr premer prem'er nazir prezidenti naxagah varchapet nakhagah nakharar
    cumhurbaskani bakan basbakan sozcusu""".split()
)
#: Words next to a place name that make it a place.
_PLACE_CUES_BEFORE = frozenset(
    "capital city town village region province district republic enclave in near".split()
)
_PLACE_CUES_AFTER = frozenset(
    """region district province city town village republic corridor river mountains
    mountain reservoir airport border pass lake valley oblast rayon""".split()
)
_ORG_CUES_AFTER = frozenset("agency reported reports said says news".split())
_VOCABULARY = (
    _FUNCTION_WORDS | _CONNECTORS | _PERSON_CUES | _PLACE_CUES_BEFORE | _PLACE_CUES_AFTER
    | frozenset("ministry ministries foreign defence defense affairs armed forces".split())
)


@dataclass
class _Token:
    start: int
    end: int
    text: str
    repaired: str
    key: str
    cased: bool  # the token starts with a letter of a script that has case
    upper: bool  # ... and that letter is upper case
    fragment: bool  # a short foreign piece injected into a Latin word
    sentence_start: bool = False
    join: str | None = None  # how it joins the token before it in one name (see _joiner)


def _first_letter(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            return ch
    return ""


def _has_case(ch: str) -> bool:
    # Georgian has had capital (Mtavruli) forms since Unicode 11, but text is written in the
    # lower-case Mkhedruli alone: names are not capitalized, so the script counts as caseless.
    return ch.lower() != ch.upper() and not "\u10d0" <= ch <= "\u10ff"


# -- the annotator ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    first: int  # token indices, inclusive
    last: int
    start: int
    end: int
    text: str
    query: str  # the text sent to the resolver (look-alikes repaired in context)
    exact: bool  # its folded tokens spell an alias


@dataclass
class _Decision:
    cand: _Candidate
    scored: list[tuple[Match, bool]]  # best first; True where only a needs-context alias fits
    midcap: bool  # capitalized where no sentence starts
    match: Match | None = None  # set once accepted
    weak: bool = False  # an inexact match that needs support from the document


class _Context:
    """The entities a document has named so far, by position, for coherence."""

    #: Anchors further than this many tokens away do not count (bounds the work).
    WINDOW = 400

    def __init__(self, entities: dict[str, Any], years: dict[str, tuple[int, int]]) -> None:
        self._entities = entities
        self._years = years
        self._people: dict[str, tuple[int, int]] = {}
        self._anchors: list[tuple[int, int, str, str]] = []  # (first, last, id, text), sorted
        self._surfaces: set[tuple[str, str]] = set()

    def add(self, d: _Decision) -> None:
        assert d.match is not None
        bisect.insort(self._anchors, (d.cand.first, d.cand.last, d.match.id, d.cand.text))
        if d.match.id in self._years:
            self._people[d.match.id] = self._years[d.match.id]
        if d.midcap:
            self._surfaces.add((d.cand.query.casefold(), d.match.id))

    def surface_known(self, query: str, eid: str) -> bool:
        """The same words were accepted for ``eid`` where capitalization meant something."""
        return (query.casefold(), eid) in self._surfaces

    def era(self, eid: str) -> tuple[float, str]:
        """The share of the people the text names (with known years) who were active in the
        same years as person ``eid``; 0 for an entity without years."""
        span = self._years.get(eid)
        others = [(pid, s) for pid, s in self._people.items() if pid != eid]
        if span is None or not others:
            return 0.0, ""
        overlap = [pid for pid, (a, b) in others if a <= span[1] and span[0] <= b]
        return len(overlap) / len(others), (
            f"active in the same years as {len(overlap)} of the {len(others)} people the "
            "text names"
        )

    def coherence(self, eid: str, cand: _Candidate) -> tuple[float, str]:
        """How well entity ``eid`` fits the entities named around the candidate: the best of
        weight / (1 + distance / 25) over anchors within the window, where the weight is 3 for
        the same entity, 2 for its country or parent (or a place or person of it), 1 for a
        neighbour under the same country or parent, and 0 otherwise."""
        entity = self._entities.get(eid)
        if entity is None:
            return 0.0, ""
        lo = bisect.bisect_left(self._anchors, (cand.first - self.WINDOW,))
        hi = bisect.bisect_right(self._anchors, (cand.last + self.WINDOW + 1,))
        best, why = 0.0, ""
        for first, last, aid, atext in self._anchors[lo:hi]:
            if first <= cand.last and cand.first <= last:
                continue  # the candidate itself, or a rival reading of the same words
            other = self._entities.get(aid)
            if other is None:
                continue
            if aid == eid:
                weight, rel = 3.0, "the same entity"
            elif aid in (entity.parent, entity.country):
                weight, rel = 2.0, "its country or parent"
            elif eid in (other.parent, other.country):
                weight, rel = 2.0, "a place or person of it"
            elif (entity.parent and entity.parent == other.parent) or (
                entity.country and entity.country == other.country
            ):
                weight, rel = 1.0, "a neighbour under the same country or parent"
            else:
                continue
            distance = abs(first - cand.first)
            value = weight / (1.0 + distance / 25.0)
            if value > best:
                best = value
                why = f"coheres with {aid} ({rel}), named {atext!r} {distance} words away"
        return best, why


def _with_steps(match: Match, steps: list[str]) -> Match:
    return replace(match, explanation=(*match.explanation, *steps))


def _tight(text: str, a: _Token, b: _Token) -> bool:
    """Two tokens with at most one space between them."""
    return b.start - a.end <= 1 and text[a.end : b.start] in ("", " ")


class Annotator:
    """Finds mentions of one resolver's entities in texts. Thread-safe; build once, reuse.

    ``demonyms=False`` leaves out mentions of a people or language ("Armenian forces");
    ``types`` keeps only entities of those types. ``max_tokens`` bounds the words of one
    mention and ``max_fuzzy_tokens`` the words of a span looked up inexactly. An inexact
    (phonetic, skeleton, fuzzy) match in plain letters that scores below ``strong``, or stands
    at a sentence start, is accepted only with support from the document.

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
        max_tokens: int = 8,
        max_fuzzy_tokens: int = 4,
        strong: float = 0.85,
    ) -> None:
        if resolver is None:
            from namenorm import default_resolver

            resolver = default_resolver()
        self._resolver = resolver
        self._demonyms = demonyms
        self._types = check_types(types)
        self._max_tokens = max_tokens
        self._max_fuzzy = max_fuzzy_tokens
        self.strong = strong
        self._lock = threading.Lock()
        self._keys: tuple[frozenset[str], dict[str, int], frozenset[str]] | None = None
        self._token_keys: dict[tuple[str, bool], tuple[str, str]] = {}
        self._scored_cache: dict[tuple[str, bool], list[tuple[Match, bool]]] = {}
        self._alias_words: dict[str, frozenset[str]] = {}
        self._near_words: frozenset[str] | None = None
        self._near_cache: dict[str, bool] = {}
        self._stem_keys_cache: dict[tuple[str, bool], frozenset[str]] = {}
        self._han: frozenset[str] | None = None
        self._all_words: frozenset[str] = frozenset()
        entities = resolver.index.entities
        self._entity = {e.id: e for e in entities}
        self._years = {
            e.id: span for e in entities if e.type == "person" and (span := _active_years(e.role))
        }

    @property
    def resolver(self) -> Resolver:
        return self._resolver

    # -- public -------------------------------------------------------------------------------

    def annotate(self, text: str) -> list[Mention]:
        """Every mention of an entity in ``text``, in order of position."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if not text:
            return []
        tokens, cased_doc = self._tokens(text)
        if not tokens:
            return []
        cands = self._candidates(text, tokens)
        decisions = self._decide(tokens, cands, cased_doc)
        return self._select(decisions, len(tokens))

    def rewrite(self, text: str) -> str:
        """``text`` with look-alike letters repaired, invisible characters removed and each
        mention replaced by its entity's canonical name (a demonym by the entity's first
        English demonym, when it has one)."""
        mentions = self.annotate(text)
        out = []
        last = 0
        for m in mentions:
            out.append(_repair(text[last : m.start]))
            out.append(self._canonical(m))
            last = m.end
        out.append(_repair(text[last:]))
        return "".join(out)

    # -- passes -------------------------------------------------------------------------------

    def _tokens(self, text: str) -> tuple[list[_Token], bool]:
        latin_doc = _latin_dominant(text)
        fragments = latin_doc and not text.isascii()
        tokens = []
        upper = lower = 0
        prev_end = 0
        prev_key = ""
        for start, end in _words_of(text, self._han_words()):
            word = text[start:end]
            fragment = fragments and len(word) <= 12 and not word.isascii() and _is_fragment(word)
            if fragment:
                key, repaired = GAP, word
            else:
                key, repaired = self._token_key(word, latin_doc)
                if not key:
                    continue
            first = _first_letter(repaired)
            cased = bool(first) and _has_case(first) and not fragment
            up = cased and first.isupper()
            if cased:
                if up:
                    upper += 1
                else:
                    lower += 1
            gap = text[prev_end:start]
            sentence_start = not tokens or (
                bool(_SENTENCE_END.search(gap)) and prev_key not in _ABBREVIATIONS
            )
            tokens.append(_Token(start, end, word, repaired, key, cased, up, fragment,
                                 sentence_start))
            prev_end = end
            prev_key = key
        # A text in one case only (all lower, all upper) gives capitalization no weight.
        cased_doc = upper > 0 and lower > 0
        return tokens, cased_doc

    def _token_key(self, word: str, latin_doc: bool) -> tuple[str, str]:
        """(key, repaired text) of one word: look-alikes repaired in the document's context,
        then folded to the resolver's key, without spaces."""
        cache = self._token_keys
        hit = cache.get((word, latin_doc))
        if hit is None:
            repaired = fold_word(nfkc(unify_punctuation(remove_invisible(word))), latin_doc)
            hit = (fold_normalized(repaired).replace(" ", ""), repaired)
            if len(cache) > 200_000:
                cache.clear()
            cache[(word, latin_doc)] = hit
        return hit

    def _alias_keys(self) -> tuple[frozenset[str], dict[str, int], frozenset[str]]:
        """The aliases as sequences of token keys: the full keys, the longest alias (in
        tokens) that starts with each first token, and every word of every alias."""
        if self._keys is None:
            with self._lock:
                if self._keys is None:
                    full: set[str] = set()
                    first: dict[str, int] = {}
                    vocab: set[str] = set()
                    pattern = _token_pattern()
                    for alias in self._resolver.index.aliases:
                        parts = []
                        prev_end = None
                        words = [
                            (m.start(), m.end()) for m in pattern.finditer(alias.text)
                        ]
                        for start, end in words:
                            key, _ = self._token_key(alias.text[start:end], True)
                            if not key:
                                continue
                            if prev_end is not None:
                                parts.append(_joiner(alias.text[prev_end:start]) or " ")
                            parts.append(key)
                            vocab.add(key)
                            prev_end = end
                        if not parts or len(words) > self._max_tokens:
                            continue
                        full.add("".join(parts))
                        n = (len(parts) + 1) // 2
                        first[parts[0]] = max(first.get(parts[0], 0), n)
                    self._all_words = frozenset(vocab)
                    self._keys = (frozenset(full), first, frozenset(vocab - _VOCABULARY))
        return self._keys

    def _near_alias_word(self, key: str) -> bool:
        """Whether a word's key is within one edit of a word of some alias (one dictionary
        probe per one-letter deletion, through the aliases' words and their deletions)."""
        hit = self._near_cache.get(key)
        if hit is None:
            if self._near_words is None:
                with self._lock:
                    if self._near_words is None:
                        words = self._alias_keys()[2]
                        deletions = {
                            w[:i] + w[i + 1 :] for w in words if len(w) > 2 for i in range(len(w))
                        }
                        self._near_words = frozenset(words | deletions)
            near = self._near_words
            hit = key in near or any(key[:i] + key[i + 1 :] in near for i in range(len(key)))
            if len(self._near_cache) > 200_000:
                self._near_cache.clear()
            self._near_cache[key] = hit
        return hit

    def _candidates(self, text: str, tokens: list[_Token]) -> list[_Candidate]:
        full, first, alias_words = self._alias_keys()
        near_word = self._near_alias_word
        fold_keys = self._resolver.index.tables()["fold"]
        n = len(tokens)
        # joins[i]: how token i attaches to token i-1 in a key ("" or " "), None if it cannot
        joins: list[str | None] = [None] * n
        for i in range(1, n):
            joins[i] = tokens[i].join = _joiner(text[tokens[i - 1].end : tokens[i].start])
        seen: set[tuple[int, int]] = set()
        cands: list[_Candidate] = []

        def add(i: int, j: int, exact: bool, broken: bool = False) -> None:
            if (i, j) in seen:
                return
            if not exact:
                # an inexact match needs five letters at least (shorter keys score below the
                # threshold); a span of several whole words needs one word that occurs in an
                # alias, and every word within one edit of an alias's word
                if sum(len(tokens[k].key) for k in range(i, j + 1)) < 5:
                    return
                if j > i and not broken:
                    span = [tokens[k] for k in range(i, j + 1)]
                    if not any(
                        t.key in alias_words or self._stem_keys(t) & alias_words for t in span
                    ) or not all(
                        t.key in _CONNECTORS
                        or len(t.key) <= 2  # an ending after a hyphen: ՀԱՊԿ-ի
                        or near_word(t.key)
                        or self._stem_keys(t) & alias_words
                        for t in span
                    ):
                        return
            if j > i and tokens[j].key in _POSSESSIVE and joins[j] == "":
                return  # "Armenia's": the name ends before the apostrophe
            seen.add((i, j))
            parts = [tokens[i].repaired]
            for k in range(i + 1, j + 1):
                parts.append(text[tokens[k - 1].end : tokens[k].start])
                parts.append(tokens[k].repaired)
            start, end = tokens[i].start, tokens[j].end
            cands.append(_Candidate(i, j, start, end, text[start:end], "".join(parts), exact))

        # Exact: walk the alias keys from each token that starts one.
        for i, tok in enumerate(tokens):
            longest = first.get(tok.key)
            if not longest:
                continue
            key = tok.key
            if key in full:
                add(i, i, True)
            for j in range(i + 1, min(n, i + longest)):
                join = joins[j]
                if join is None:
                    break
                key = key + join + tokens[j].key
                if key in full:
                    add(i, j, True)

        # Inexact: runs of name-like tokens, whole and in parts of up to max_fuzzy tokens.
        def name_like(t: _Token) -> bool:
            return (
                (t.upper or not t.cased)
                and not t.fragment
                and not t.key.isdigit()
                and len(t.key) <= MAX_WORD
            )

        def may_start(t: _Token) -> bool:
            return name_like(t) and t.key not in _FUNCTION_WORDS

        def name_part(t: _Token) -> bool:
            # A lower-case word of an alias, inflected or not, inside a name ("Шушинского
            # района", "Минской группе ОБСЕ"): it may continue and end a run, never start one.
            return (
                t.cased
                and not t.upper
                and t.key not in _FUNCTION_WORDS
                and bool(({t.key} | self._stem_keys(t)) & self._all_words)
            )

        i = 0
        while i < n:
            if not name_like(tokens[i]):
                i += 1
                continue
            j = i
            while (
                j + 1 < n
                and joins[j + 1] is not None
                and (
                    name_like(tokens[j + 1])
                    or tokens[j + 1].key in _CONNECTORS
                    or name_part(tokens[j + 1])
                )
                and j + 1 - i < 3 * self._max_fuzzy
            ):
                j += 1
            for a in range(i, j + 1):
                if may_start(tokens[a]):
                    for b in range(a, min(j, a + self._max_fuzzy - 1) + 1):
                        if name_like(tokens[b]) or (b > a and name_part(tokens[b])):
                            add(a, b, False)
            i = j + 1

        # A grammatical ending after an apostrophe or a hyphen belongs to the mention
        # ("İstanbul'da", "ATƏT-in", "ՀԱՊԿ-ի"): the span covers the whole written form.
        for i in range(n - 1):
            a, b = tokens[i], tokens[i + 1]
            gap = unify_punctuation(text[a.end : b.start])
            if name_like(a) and gap in ("'", "-") and (not b.cased or not b.upper):
                written = unify_punctuation(text[a.start : b.end])
                if any(s.stem == text[a.start : a.end] for s in strip_inflection(written)):
                    add(i, i + 1, False)

        # Machine-translation splits: a name-like word and the lower-case rest of it
        # ("Stepana kert", "Azer baijan").
        for i in range(n - 1):
            a, b = tokens[i], tokens[i + 1]
            if (
                joins[i + 1] == " "
                and name_like(a)
                and b.cased
                and not b.upper
                and a.key + b.key in fold_keys
            ):
                add(i, i + 1, True)

        # Letter-spaced words: four or more single letters one space apart ("B a k u").
        i = 0
        while i < n:
            if len(tokens[i].key) != 1:
                i += 1
                continue
            j = i
            while j + 1 < n and len(tokens[j + 1].key) == 1 and joins[j + 1] == " ":
                j += 1
            if j - i >= 3:
                add(i, j, False, broken=True)
            i = j + 1

        # Words broken by injected fragments: Latin pieces and fragments, alternating, with at
        # most one space between them ("Mevl চা t ভ avu"); every stretch that holds a fragment
        # and ends in a Latin piece is looked up (the resolver marks the fragments as gaps).
        i = 0
        while i < n:
            if not tokens[i].fragment:
                i += 1
                continue
            lo = i - 1 if i > 0 and _tight(text, tokens[i - 1], tokens[i]) else i
            j = i
            while (
                j + 1 < n
                and _tight(text, tokens[j], tokens[j + 1])
                and tokens[j + 1].fragment != tokens[j].fragment
                and j + 1 - lo < 16
            ):
                j += 1
            for a in range(lo, j + 1):
                for b in range(a + 1, j + 1):
                    if not tokens[b].fragment:
                        add(a, b, False, broken=True)
            i = j + 1
        return cands

    def _scored(self, query: str, exact: bool = False) -> list[tuple[Match, bool]]:
        """The resolver's best four for a span (cached). For a span that spells an alias,
        fuzzy retrieval is skipped when no fuzzy match could come within the widest margin of
        what the hash tables found: it could neither win nor make a tie."""
        cache = self._scored_cache
        hit = cache.get((query, exact))
        if hit is None:
            contest = self._resolver.config.margin if exact else None
            hit = self._resolver.scored(query, self._types, limit=4, contest=contest)
            if len(cache) > 100_000:
                cache.clear()
            cache[(query, exact)] = hit
        return hit

    def _decide(
        self, tokens: list[_Token], cands: list[_Candidate], cased_doc: bool
    ) -> list[_Decision]:
        """Anchors first (what the resolver accepts on its own), then the candidates that
        need the document, in two rounds so that one decided on context can support another."""
        threshold = self._resolver.config.threshold
        decisions: list[_Decision] = []
        longer: list[tuple[_Candidate, set[str]]] = []  # surnames inside a longer name
        for cand in cands:
            scored = self._scored(cand.query, cand.exact)
            if not self._demonyms:
                scored = [(m, g) for m, g in scored if m.alias_kind != "demonym"]
            if not scored or scored[0][0].score < threshold:
                continue
            head = tokens[cand.first]
            if cased_doc and head.cased and not head.upper:
                # lower case in a cased text: only an alias written in lower case will do
                scored = [(m, g) for m, g in scored if _first_letter(m.alias).islower()]
                if not scored or scored[0][0].score < threshold:
                    continue
            if not cand.exact:
                scored = [
                    (m, g) for m, g in scored if self._words_fit(cand, tokens, m.alias, m.ending)
                ]
                if not scored or scored[0][0].score < threshold:
                    continue
            if any(m.alias_kind == "surname" for m, _ in scored) and self._in_longer_name(
                cand, tokens
            ):
                # "Karen Pashinyan" is somebody else: a surname next to another name word
                longer.append((cand, {m.id for m, _ in scored if m.alias_kind == "surname"}))
                scored = [(m, g) for m, g in scored if m.alias_kind != "surname"]
                if not scored or scored[0][0].score < threshold:
                    continue
            best, gated = scored[0]
            tied = any(best.score - m.score < self._margin(best, m) for m, _ in scored[1:])
            d = _Decision(cand, scored, midcap=cased_doc and head.upper and not head.sentence_start)
            # A sound-alike of modest score in plain letters is weak in running text, where
            # capitalized strangers abound ("Discussion", "Carter"): it needs the document.
            d.weak = (
                best.method in _INEXACT
                and (best.score < self.strong or not d.midcap)
                and not any(
                    tokens[k].fragment or tokens[k].repaired != tokens[k].text
                    for k in range(cand.first, cand.last + 1)
                )
            )
            if not gated and not tied and not d.weak:
                d.match = _with_steps(best, ["no context needed: the resolver accepts it alone"])
            decisions.append(d)

        # A surname inside a longer name that is not the same person's ("Karen Pashinyan")
        # belongs to somebody else...
        by_first: dict[int, list[_Decision]] = {}
        for d in decisions:
            by_first.setdefault(d.cand.first, []).append(d)
        other_people = {
            cand.query.casefold()
            for cand, ids in longer
            if not any(
                cand.last <= d.cand.last and d.cand != cand and d.scored[0][0].id in ids
                for first in range(max(0, cand.first - self._max_tokens), cand.first + 1)
                for d in by_first.get(first, ())
            )
        }
        if other_people:
            # ... and so is the bare "Pashinyan" that refers back to that person.
            decisions = [
                d for d in decisions
                if d.scored[0][0].alias_kind != "surname"
                or d.cand.query.casefold() not in other_people
            ]
        context = _Context(self._entity, self._years)
        for d in decisions:
            if d.match is not None:
                context.add(d)
        for _round in range(2):
            newly = [
                d for d in decisions
                if d.match is None and self._decide_one(d, tokens, context)
            ]
            if not newly:
                break
            for d in newly:
                context.add(d)
        return [d for d in decisions if d.match is not None]

    def _decide_one(self, d: _Decision, tokens: list[_Token], context: _Context) -> bool:
        """Accept a gated or tied candidate when the document supports it; set ``d.match``."""
        config = self._resolver.config
        best = d.scored[0][0]
        options = []
        for m, gated in d.scored:
            if m is best or best.score - m.score < self._margin(best, m):
                coherence, why = context.coherence(m.id, d.cand)
                era, era_why = context.era(m.id)
                options.append((coherence, era, m, gated, why, era_why))
        options.sort(key=lambda t: (-t[0], -t[1], -t[2].score, t[2].id))
        coherence, era, match, gated, why, era_why = options[0]
        evidence: list[str] = []
        if len(options) > 1:
            runner = options[1]
            if coherence - runner[0] >= 0.5:
                evidence.append(
                    f"context: {match.id} chosen over {runner[2].id}, coherence "
                    f"{coherence:.2f} against {runner[0]:.2f}"
                )
            elif runner[0] - coherence < 0.5 and era - max(o[1] for o in options[1:]) >= 0.5:
                # as coherent as its rivals, but of the text's time: Ilham, not Heydar, Aliyev
                options.sort(key=lambda t: (-t[1], -t[0], -t[2].score, t[2].id))
                coherence, era, match, gated, why, era_why = options[0]
                evidence.append(f"context: {match.id} chosen over {options[1][2].id}: {era_why}")
            else:
                return False
        elif not gated and not d.weak:
            return False
        if coherence > 0:
            evidence.append(f"context: {why}")
        if d.weak and not gated:
            cue = self._cue(match, d.cand, tokens)
            if not (coherence > 0 or cue):
                return False
            if cue:
                evidence.append(f"context: {cue}")
        units = 0
        if gated:
            cue = self._cue(match, d.cand, tokens)
            same = context.surface_known(d.cand.query, match.id)
            if d.midcap:
                evidence.append("context: capitalized where no sentence starts")
            if cue:
                evidence.append(f"context: {cue}")
            if same:
                evidence.append("context: the same words name it elsewhere in the text")
            units = sum(map(bool, (d.midcap, cue, coherence > 0, same)))
            if not (
                ((d.midcap or cue) and (coherence > 0 or cue))
                or (same and (d.midcap or coherence > 0))
            ):
                return False
            score = min(match.score, config.threshold + 0.05 * units)
        else:
            score = match.score
        d.match = replace(
            match,
            score=round(score, 6),
            explanation=(*match.explanation[:-1], *evidence, f"score {score:.3f}"),
        )
        return True

    def _margin(self, best: Match, other: Match) -> float:
        """The lead ``best`` needs over ``other``: wider when an inexact match has a declared
        near-miss for a rival (as in :meth:`namenorm.Resolver.resolve`)."""
        config = self._resolver.config
        if best.method not in ("exact", "folded") and self._resolver.near_miss(best.id, other.id):
            return max(config.margin, config.near_miss_margin)
        return config.margin

    def _in_longer_name(self, cand: _Candidate, tokens: list[_Token]) -> bool:
        """A capitalized word that is not a title or a common word stands right next to the
        candidate, one space away: it is part of the same, longer name."""
        neighbours = []
        if cand.first > 0 and tokens[cand.first].join == " ":
            neighbours.append(tokens[cand.first - 1])
        last = tokens[cand.last]
        ends_inflected = cand.last > cand.first and last.cased and not last.upper
        if cand.last + 1 < len(tokens) and tokens[cand.last + 1].join == " " and not ends_inflected:
            # (a name that ends in a grammatical ending, "Erdoğan'ın", has ended)
            neighbours.append(tokens[cand.last + 1])
        words = self._alias_keys()[2]
        return any(
            t.upper
            and not t.fragment
            and t.key not in _VOCABULARY
            # not a word of any name, and at a sentence start ("Позже Пашинян") or an inflected
            # form of a word of another name ("Bakıda Paşinyanla")
            and not (
                t.key not in words and (t.sentence_start or bool(self._stem_keys(t) & words))
            )
            for t in neighbours
        )

    def _han_words(self) -> frozenset[str]:
        """Words of two or more kanji in the aliases (for segmenting Chinese and Japanese)."""
        if self._han is None:
            words = set()
            for alias in self._resolver.index.aliases:
                words.update(m.group() for m in _HAN_WORD.finditer(alias.text))
            self._han = frozenset(words)
        return self._han

    def _stem_keys(self, t: _Token) -> frozenset[str]:
        """Keys of the dictionary forms :func:`~namenorm.matching.inflect.strip_inflection` proposes
        for a token ("Алиевым" -> "aliyev"), whatever its case."""
        latin = t.repaired.isascii()
        hit = self._stem_keys_cache.get((t.repaired, latin))
        if hit is None:
            hit = frozenset(
                key
                for s in strip_inflection(t.repaired, lowercase_ok=True)
                if (key := self._token_key(s.stem, latin)[0])
            )
            if len(self._stem_keys_cache) > 200_000:
                self._stem_keys_cache.clear()
            self._stem_keys_cache[(t.repaired, latin)] = hit
        return hit

    def _words_fit(
        self, cand: _Candidate, tokens: list[_Token], alias: str, ending: str | None = None
    ) -> bool:
        """An inexact match may not turn a word of the vocabulary (a title, a place word, a
        function word) into another: "Russian Foreign Minister" is not "... Ministry". A
        grammatical ending after an apostrophe or hyphen ("İstanbul'da") is no word."""
        last = cand.last
        if (
            ending is not None
            and last > cand.first
            and tokens[last].key == self._token_key(ending, True)[0]
        ):
            last -= 1
        words = {
            tokens[k].key
            for k in range(cand.first, last + 1)
            if len(tokens[k].key) > 1 and tokens[k].key in _VOCABULARY
        }
        if not words:
            return True
        keys = self._alias_words.get(alias)
        if keys is None:
            keys = frozenset(
                self._token_key(m.group(), True)[0] for m in _token_pattern().finditer(alias)
            )
            self._alias_words[alias] = keys
        return words <= keys

    def _cue(self, match: Match, cand: _Candidate, tokens: list[_Token]) -> str:
        """A word next to the candidate that says what kind of thing it names."""
        before = [t.key for t in tokens[max(0, cand.first - 3) : cand.first]]
        after = tokens[cand.last + 1].key if cand.last + 1 < len(tokens) else ""
        if match.type == "person":
            for k in reversed(before):
                if k in _PERSON_CUES:
                    return f"after the title {k!r}"
        elif match.type == "place":
            if before and before[-1] in _PLACE_CUES_BEFORE:
                return f"after {before[-1]!r}"
            if len(before) >= 2 and before[-1] == "of" and before[-2] in _PLACE_CUES_BEFORE:
                return f"after '{before[-2]} of'"
            if after in _PLACE_CUES_AFTER:
                return f"before {after!r}"
        elif match.type == "organization" and after in _ORG_CUES_AFTER:
            return f"before {after!r}"
        return ""

    def _select(self, decisions: list[_Decision], n_tokens: int) -> list[Mention]:
        """Non-overlapping mentions: longer spans first, then higher scores; but a span matched
        inexactly gives way to an exact match inside it that scores as well ("Armenian SU-25"
        is not a longer name of Armenia)."""
        exact_at: dict[int, list[tuple[int, float]]] = {}  # first token -> (last, score)
        for d in decisions:
            if d.cand.exact and d.match is not None:
                exact_at.setdefault(d.cand.first, []).append((d.cand.last, d.match.score))
        kept = []
        for d in decisions:
            assert d.match is not None
            first, last = d.cand.first, d.cand.last
            # A span reached through the exact dictionary form of its inflected words
            # ("Минской группе ОБСЕ") is as good as an exact one.
            exact_stem = d.match.ending is not None and d.match.method in ("exact", "folded")
            if not d.cand.exact and not exact_stem and any(
                b <= last and (a, b) != (first, last) and score >= d.match.score
                for a in range(first, last + 1)
                for b, score in exact_at.get(a, ())
            ):
                continue
            kept.append(d)
        ranked = sorted(
            kept,
            key=lambda d: (
                -(d.cand.last - d.cand.first),
                -(d.cand.end - d.cand.start),
                -(d.match.score if d.match else 0.0),
                d.cand.start,
            ),
        )
        taken = bytearray(n_tokens)
        chosen = []
        for d in ranked:
            span = range(d.cand.first, d.cand.last + 1)
            if any(taken[k] for k in span):
                continue
            for k in span:
                taken[k] = 1
            chosen.append(d)
        chosen.sort(key=lambda d: d.cand.start)
        mentions = []
        for d in chosen:
            assert d.match is not None
            kind = "demonym" if d.match.alias_kind == "demonym" else "name"
            mentions.append(Mention(d.cand.start, d.cand.end, d.cand.text, d.match, kind))
        return mentions

    def _canonical(self, m: Mention) -> str:
        entity = self._entity.get(m.id)
        if entity is None:
            return m.text
        if m.kind == "demonym":
            for n in entity.names:
                if n.kind == "demonym" and (n.lang or "en") == "en":
                    return n.text
            return _repair(m.text)
        return entity.name


# -- helpers ----------------------------------------------------------------------------------


_YEAR_RANGE = re.compile(r"\b(\d{4})(?:\s*-\s*(\d{4})?)?")


def _active_years(role: str | None) -> tuple[int, int] | None:
    """The years a person was active, read off the year ranges in the gazetteer's ``role``
    ("Prime Minister of Armenia (2018-)" gives 2018 to the present).

    >>> _active_years("Defence Minister (1993-1995, 2000-2007); President (2008-2018)")
    (1993, 2018)
    >>> _active_years("President of Azerbaijan (2003-)")[1] > 2025
    True
    """
    if not role:
        return None
    first, last = 9999, 0
    for m in _YEAR_RANGE.finditer(role):
        start = int(m.group(1))
        open_ended = m.group(2) is None and role[m.end(1) : m.end()].strip() == "-"
        end = 9999 if open_ended else int(m.group(2) or start)
        first, last = min(first, start), max(last, end)
    return (first, last) if last else None


def _joiner(gap: str) -> str | None:
    """How a gap joins two words of one name in a key: " ", "" or None (it does not)."""
    if _JOIN_SPACE.fullmatch(gap):
        return " "
    if len(gap) == 1 and _JOIN_TIGHT.fullmatch(gap):
        return ""
    return None


_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _latin_dominant(text: str) -> bool:
    """Most letters of the text are Latin (counted fast: ASCII letters against all letters,
    then the non-ASCII letters one by one only when that does not decide)."""
    letters = len(_LETTER.findall(text))
    ascii_letters = len(_ASCII_LETTER.findall(text))
    if ascii_letters * 2 > letters:
        return True
    latin = ascii_letters + sum(
        1 for ch in text if not ch.isascii() and ch.isalpha() and script_of(ch) == "LATIN"
    )
    return latin * 2 > letters


def _is_fragment(word: str) -> bool:
    """A short piece (at most three letters) of a script other than Latin."""
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) > 3:
        return False
    if not letters:
        return bool(word) and all(unicodedata.category(ch)[0] == "M" for ch in word)
    return all(script_of(ch) not in ("LATIN", "COMMON") and ch not in TO_LATIN for ch in letters)


def _repair(text: str) -> str:
    """Look-alikes folded and invisible characters removed; spacing and case kept."""
    if text.isascii():
        return text
    from namenorm.text.normalize import fold_homoglyphs

    return fold_homoglyphs(remove_invisible(text))


_default: Annotator | None = None
_default_lock = threading.Lock()


def _default_annotator() -> Annotator:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Annotator()
    return _default


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
    if resolver is None and demonyms and types is None:
        return _default_annotator().annotate(text)
    return Annotator(resolver, demonyms=demonyms, types=types).annotate(text)


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
    if resolver is None and demonyms and types is None:
        return _default_annotator().rewrite(text)
    return Annotator(resolver, demonyms=demonyms, types=types).rewrite(text)
