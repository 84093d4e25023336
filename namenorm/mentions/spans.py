"""Candidate spans: runs of tokens that may name an entity.

A span whose folded tokens spell an alias is an *exact* candidate (one dictionary probe per
token). Runs of name-like tokens are also proposed whole and in parts, as are a word with its
grammatical ending, machine-translation splits, letter-spaced words and words broken by
injected fragments; those go to the fuzzy resolver.
"""

from __future__ import annotations

from dataclasses import dataclass

from namenorm._config import AnnotateConfig
from namenorm.matching.inflect import strip_inflection
from namenorm.mentions.abjad import is_arabic_script, without_proclitic
from namenorm.mentions.lexicon import Lexicon
from namenorm.mentions.tokens import Token, tight
from namenorm.mentions.words import CONNECTORS, ELIDED, FUNCTION_WORDS, POSSESSIVE
from namenorm.text.normalize import unify_punctuation
from namenorm.text.scripts import single_script

__all__ = ["Candidate", "find_candidates", "without_proclitic"]

#: Fewest single letters, one space apart, that make a letter-spaced word ("B a k u").
_MIN_SPACED = 4
#: Most tokens in a stretch of Latin pieces and fragments.
_MAX_BROKEN = 16
#: Fewest letters left after a proclitic.
_MIN_AR_REST = 3


@dataclass(frozen=True)
class Candidate:
    """A span of tokens ``first..last`` (inclusive) at ``start:end`` in the text."""

    first: int
    last: int
    start: int
    end: int
    text: str
    query: str  # the text sent to the resolver (look-alikes repaired in context)
    exact: bool  # its folded tokens spell an alias


class _Spans:
    """Collects candidates, each span once, in the order they are proposed."""

    def __init__(
        self, text: str, tokens: list[Token], lexicon: Lexicon, config: AnnotateConfig
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.lexicon = lexicon
        self.config = config
        self.alias_words = lexicon.alias_keys()[2]
        self.all_words = lexicon.all_words()
        self.seen: set[tuple[int, int]] = set()
        self.cands: list[Candidate] = []

    def add(
        self,
        i: int,
        j: int,
        exact: bool,
        broken: bool = False,
        first: str | None = None,
        last: str | None = None,
        checked: bool = False,
    ) -> None:
        """Propose tokens ``i..j``; ``first`` replaces the first token's text in the query
        (a word without its proclitic: "لباشينيان" is looked up as "باشينيان"), ``last`` the
        last token's (a word without its ending: "Ալիևը" as "Ալիև"). ``checked``: the span
        already fits an alias by a rule of its own (abjad keys), so the letter count of its
        match keys (which drop the medial vowel letters of Arabic script) does not apply."""
        if (i, j) in self.seen:
            return
        tokens = self.tokens
        if not exact and not checked and not self._inexact_ok(i, j, broken):
            return
        if j > i and tokens[j].key in POSSESSIVE and tokens[j].join == "":
            return  # "Armenia's": the name ends before the apostrophe
        if j > i and tokens[i].key in ELIDED and self._apostrophe(i):
            return  # "L'Azerbaigian": the name begins after the apostrophe
        self.seen.add((i, j))
        parts = [tokens[i].repaired if first is None else first]
        for k in range(i + 1, j + 1):
            parts.append(self.text[tokens[k - 1].end : tokens[k].start])
            parts.append(tokens[k].repaired)
        if last is not None:
            parts[-1] = last
        start, end = tokens[i].start, tokens[j].end
        self.cands.append(Candidate(i, j, start, end, self.text[start:end], "".join(parts), exact))

    def _apostrophe(self, i: int) -> bool:
        """Whether token ``i`` is written onto the next one with an apostrophe."""
        gap = self.text[self.tokens[i].end : self.tokens[i + 1].start]
        return self.tokens[i + 1].join == "" and unify_punctuation(gap) == "'"

    def _inexact_ok(self, i: int, j: int, broken: bool) -> bool:
        """An inexact match needs five letters at least (shorter keys score below the
        threshold); a span of several whole words needs one word that occurs in an alias, and
        every word within one edit of an alias's word."""
        span = self.tokens[i : j + 1]
        if sum(len(t.key) for t in span) < self.config.min_inexact_letters:
            return False
        if j == i or broken:
            return True
        stem_keys, alias_words = self.lexicon.stem_keys, self.alias_words
        return any(t.key in alias_words or stem_keys(t) & alias_words for t in span) and all(
            t.key in CONNECTORS
            or len(t.key) <= 2  # an ending after a hyphen: ՀԱՊԿ-ի
            or self.lexicon.near_alias_word(t.key)
            or stem_keys(t) & alias_words
            for t in span
        )

    def name_like(self, t: Token) -> bool:
        return (
            (t.upper or not t.cased)
            and not t.fragment
            and not t.key.isdigit()
            and len(t.key) <= self.config.max_word
        )

    def may_start(self, t: Token) -> bool:
        return self.name_like(t) and t.key not in FUNCTION_WORDS

    def name_part(self, t: Token) -> bool:
        # A lower-case word of an alias, inflected or not, inside a name ("Шушинского
        # района", "Минской группе ОБСЕ"): it may continue and end a run, never start one.
        # A word of one or two letters is a particle, not part of a name ("Armenia e",
        # "Tbilisi si", "Երևանն ու").
        return (
            t.cased
            and not t.upper
            and len(t.key) > 2
            and t.key not in FUNCTION_WORDS
            and bool(({t.key} | self.lexicon.stem_keys(t)) & self.all_words)
        )


def find_candidates(
    text: str, tokens: list[Token], lexicon: Lexicon, config: AnnotateConfig
) -> list[Candidate]:
    """Every candidate span of ``tokens``, exact ones first."""
    spans = _Spans(text, tokens, lexicon, config)
    _exact(spans)
    _proclitics(spans)
    _attached_endings(spans)
    _name_runs(spans)
    _endings(spans)
    _splits(spans)
    _letter_spaced(spans)
    _broken(spans)
    _abjad(spans)
    return spans.cands


def _exact(spans: _Spans) -> None:
    """Walk the alias keys from each token that starts one."""
    full, first, _ = spans.lexicon.alias_keys()
    for i, tok in enumerate(spans.tokens):
        longest = first.get(tok.key)
        if longest:
            _walk(spans, full, i, tok.key, longest, None)


def _walk(
    spans: _Spans, full: frozenset[str], i: int, key: str, longest: int, first: str | None
) -> None:
    """Propose every span from token ``i`` (whose key is ``key``) that spells an alias key,
    up to ``longest`` tokens; ``first`` as in :meth:`_Spans.add`."""
    tokens = spans.tokens
    if key in full:
        spans.add(i, i, True, first=first)
    for j in range(i + 1, min(len(tokens), i + longest)):
        join = tokens[j].join
        if join is None:
            break
        key = key + join + tokens[j].key
        if key in full:
            spans.add(i, j, True, first=first)


def _proclitics(spans: _Spans) -> None:
    """An Arabic-script word that starts no alias but does so without its proclitic: the
    span keeps the whole written word, the query the word without the proclitic."""
    full, first, _ = spans.lexicon.alias_keys()
    for i, tok in enumerate(spans.tokens):
        word = tok.repaired
        if tok.key in first or not word or not "\u0600" <= word[0] <= "\u06ff":
            continue
        for prefix, rest in without_proclitic(word):
            if len(rest) < _MIN_AR_REST:
                continue
            key = spans.lexicon.token_key(rest, False)[0]
            longest = first.get(key)
            if not longest:
                continue
            _walk(spans, full, i, key, longest, rest)
            break


#: Endings written as one word with a name, by script: the Armenian article and case endings
#: ("Ալիևը", "Պեսկովն", "Աբդուլաևան"), the Georgian case endings ("ზახაროვამ", "ოცნებაში").
_ATTACHED_ENDINGS = {
    "ARMENIAN": ("ը", "ն", "ի", "ին", "ից", "ով", "ում", "ու"),
    "GEORGIAN": ("მა", "მ", "ს", "ის", "ში", "ზე", "ით", "ად", "თან", "დან", "ისთვის"),
}
#: Fewest letters left of a word without its ending.
_MIN_STEM = 3
#: Fewest key letters of a name in another script read off a word without its ending
#: ("ზახაროვამ" is Zakharova, written in Latin letters only; "დარბაზში" is not Darbaz).
_MIN_FOREIGN_STEM = 8


def _attached_endings(spans: _Spans) -> None:
    """A name with an ending written as one word, in Armenian and Georgian: when the word
    without the ending ends an alias (exactly, token by token), the span keeps the written
    word and the query the word without the ending (a Georgian stem may take back its ი:
    "თბილისის" is თბილისი's). Such a span is proposed as inexact, so that a longer name
    around it ("Արցախի Հանրապետության") still wins over it."""
    full = spans.lexicon.alias_keys()[0]
    tokens = spans.tokens
    for j, tok in enumerate(tokens):
        script = single_script(tok.repaired) or ""
        endings = _ATTACHED_ENDINGS.get(script)
        if not endings or tok.key in full or not spans.name_like(tok):
            continue
        # "დარბაზში" (in the hall) is not the Latin-script "Darbaz" with -ში
        native = spans.lexicon.native_keys(script)
        for rest in _stems(tok.repaired, endings):
            if _ending_spans(spans, j, rest, native, full):
                break


def _ending_spans(
    spans: _Spans, j: int, rest: str, native: frozenset[str], full: frozenset[str]
) -> bool:
    """Propose every span that ends in token ``j`` read as ``rest`` and spells an alias of
    the word's own script (``native``), or a long alias of another (``full``: a short word
    of the language transliterates to many a foreign name); whether there was one."""
    tokens = spans.tokens
    key = spans.lexicon.token_key(rest, False)[0]
    found = False
    i = j
    while True:
        if key in native or (len(key) >= _MIN_FOREIGN_STEM and key in full):
            spans.add(i, j, False, broken=True, first=rest if i == j else None, last=rest)
            found = True
        join = tokens[i].join
        if i == 0 or join is None or j - i + 1 >= spans.config.max_tokens:
            return found
        key = tokens[i - 1].key + join + key
        i -= 1


def _stems(word: str, endings: tuple[str, ...]) -> list[str]:
    out = []
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            rest = word[: -len(ending)]
            out.append(rest)
            if "\u10d0" <= rest[-1] <= "\u10ff" and rest[-1] != "ი":
                out.append(rest + "ი")
    return out


def _name_runs(spans: _Spans) -> None:
    """Runs of name-like tokens, whole and in parts of up to ``max_fuzzy_tokens`` tokens."""
    tokens = spans.tokens
    n = len(tokens)
    most = spans.config.max_fuzzy_tokens
    i = 0
    while i < n:
        if not spans.name_like(tokens[i]):
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 - i < 3 * most and _continues(spans, tokens[j + 1]):
            j += 1
        for a in range(i, j + 1):
            if spans.may_start(tokens[a]):
                for b in range(a, min(j, a + most - 1) + 1):
                    if spans.name_like(tokens[b]) or (b > a and spans.name_part(tokens[b])):
                        spans.add(a, b, False)
        i = j + 1


def _continues(spans: _Spans, t: Token) -> bool:
    return t.join is not None and (
        spans.name_like(t) or t.key in CONNECTORS or spans.name_part(t)
    )


def _endings(spans: _Spans) -> None:
    """A grammatical ending after an apostrophe or a hyphen belongs to the mention
    ("İstanbul'da", "ATƏT-in", "ՀԱՊԿ-ի"): the span covers the whole written form."""
    text, tokens = spans.text, spans.tokens
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        gap = unify_punctuation(text[a.end : b.start])
        if spans.name_like(a) and gap in ("'", "-") and (not b.cased or not b.upper):
            written = unify_punctuation(text[a.start : b.end])
            if any(s.stem == text[a.start : a.end] for s in strip_inflection(written)):
                spans.add(i, i + 1, False)


def _splits(spans: _Spans) -> None:
    """Machine-translation splits: a name-like word and the lower-case rest of it
    ("Stepana kert", "Azer baijan")."""
    tokens = spans.tokens
    fold_keys = spans.lexicon.fold_keys()
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if (
            b.join == " "
            and spans.name_like(a)
            and b.cased
            and not b.upper
            and a.key + b.key in fold_keys
        ):
            spans.add(i, i + 1, True)


def _letter_spaced(spans: _Spans) -> None:
    """Letter-spaced words: four or more single letters one space apart ("B a k u")."""
    tokens = spans.tokens
    n = len(tokens)
    i = 0
    while i < n:
        if len(tokens[i].key) != 1:
            i += 1
            continue
        j = i
        while j + 1 < n and len(tokens[j + 1].key) == 1 and tokens[j + 1].join == " ":
            j += 1
        if j - i >= _MIN_SPACED - 1:
            spans.add(i, j, False, broken=True)
        i = j + 1


def _broken(spans: _Spans) -> None:
    """Words broken by injected fragments: Latin pieces and fragments, alternating, with at
    most one space between them ("Mevl চা t ভ avu"); every stretch that holds a fragment and
    ends in a Latin piece is looked up (the resolver marks the fragments as gaps)."""
    text, tokens = spans.text, spans.tokens
    n = len(tokens)
    i = 0
    while i < n:
        if not tokens[i].fragment:
            i += 1
            continue
        lo = i - 1 if i > 0 and tight(text, tokens[i - 1], tokens[i]) else i
        j = i
        while (
            j + 1 < n
            and tight(text, tokens[j], tokens[j + 1])
            and tokens[j + 1].fragment != tokens[j].fragment
            and j + 1 - lo < _MAX_BROKEN
        ):
            j += 1
        for a in range(lo, j + 1):
            for b in range(a + 1, j + 1):
                if not tokens[b].fragment:
                    spans.add(a, b, False, broken=True)
        i = j + 1


def _abjad(spans: _Spans) -> None:
    """Runs of Arabic-script words that spell an alias by abjad key only
    (:mod:`~namenorm.mentions.abjad`: "جیحون بایراموف" is Jeyhun Bayramov), whole and in parts
    of up to ``max_fuzzy_tokens`` words; the resolver reads the proclitic off the first."""
    tokens = spans.tokens
    n, most = len(tokens), spans.config.max_fuzzy_tokens
    keys = None
    for i, tok in enumerate(tokens):
        if tok.fragment or not "\u0600" <= tok.text[0] <= "\u06ff" or not is_arabic_script(tok.text):
            continue  # (the first letter first: most words of most texts are not Arabic)
        for j in range(i, min(n, i + most)):
            if j > i and (tokens[j].join is None or not is_arabic_script(tokens[j].text)):
                break
            if (i, j) in spans.seen:
                continue
            keys = keys or spans.lexicon.abjad()
            text = spans.text[tok.start : tokens[j].end]
            head, space, rest = text.partition(" ")
            if keys.aliases(text) or any(
                keys.aliases(r + space + rest) for _, r in without_proclitic(head)
            ):
                spans.add(i, j, False, broken=True, checked=True)
