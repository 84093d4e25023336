"""The gazetteer's aliases as token keys, and the per-word caches mention detection probes."""

from __future__ import annotations

import threading
from collections.abc import Container

from namenorm._cache import BoundedCache
from namenorm.keys import fold_normalized, query_keys
from namenorm.matching.everyday import everyday_name
from namenorm.matching.inflect import strip_inflection
from namenorm.matching.resolver import MAX_INPUT_LENGTH, Resolver
from namenorm.mentions.abjad import AbjadKeys
from namenorm.mentions.tokens import HAN_WORD, Token, joiner, token_pattern
from namenorm.mentions.words import VOCABULARY
from namenorm.text.normalize import fold_word, nfkc, remove_invisible, unify_punctuation
from namenorm.text.scripts import single_script

__all__ = ["CACHE_MAX_CHARS", "NATIVE_SCRIPTS", "AliasKeys", "Lexicon", "token_key"]

#: Scripts whose aliases' keys are also kept apart (:meth:`Lexicon.native_keys`).
NATIVE_SCRIPTS = frozenset({"ARMENIAN", "GEORGIAN"})

#: A cache is emptied when it holds more entries than this (bounds memory on endless input).
_CACHE_LIMIT = 200_000
#: ... or more characters of words than this; a word over ``MAX_INPUT_LENGTH`` characters (no
#: name is that long: the resolver refuses such a query) is looked at but never kept.
CACHE_MAX_CHARS = 4_000_000


def _cache() -> BoundedCache:  # type: ignore[type-arg]
    return BoundedCache(_CACHE_LIMIT, CACHE_MAX_CHARS, MAX_INPUT_LENGTH)

#: (full keys of the aliases, longest alias in tokens by its first token key, words of the
#: aliases that are not in the vocabulary).
AliasKeys = tuple[frozenset[str], dict[str, int], frozenset[str]]


def token_key(word: str, latin_doc: bool) -> tuple[str, str]:
    """(key, repaired text) of one word: look-alikes repaired in the document's context (a
    Latin document when ``latin_doc``), then folded to the resolver's key, without spaces.

    >>> token_key("Azeгbaijan", True)
    ('azerbaijan', 'Azerbaijan')
    """
    repaired = fold_word(nfkc(unify_punctuation(remove_invisible(word))), latin_doc)
    return fold_normalized(repaired).replace(" ", ""), repaired


class Lexicon:
    """What one resolver's aliases look like as tokens; built lazily, thread-safe."""

    def __init__(self, resolver: Resolver, max_tokens: int) -> None:
        self._resolver = resolver
        self._max_tokens = max_tokens
        self._lock = threading.Lock()
        self._keys: AliasKeys | None = None
        self._all_words: frozenset[str] = frozenset()
        self._token_keys: BoundedCache[tuple[str, bool], tuple[str, str]] = _cache()
        self._alias_words: dict[str, frozenset[str]] = {}
        self._near_words: frozenset[str] | None = None
        self._near_cache: BoundedCache[str, bool] = _cache()
        self._stem_keys_cache: BoundedCache[tuple[str, bool], frozenset[str]] = _cache()
        self._han: frozenset[str] | None = None
        self._abjad: AbjadKeys | None = None
        self._native: dict[str, frozenset[str]] = {}
        self._keyed: frozenset[str] = frozenset()

    def token_key(self, word: str, latin_doc: bool) -> tuple[str, str]:
        """:func:`token_key`, cached."""
        cache = self._token_keys
        hit = cache.get((word, latin_doc))
        if hit is None:
            hit = token_key(word, latin_doc)
            cache.put((word, latin_doc), len(word), hit)
        return hit  # type: ignore[return-value]

    def unmatched_everyday_name(self, query: str) -> bool:
        """Whether ``query`` is an everyday personal name (:mod:`namenorm.matching.everyday`)
        that spells no alias: the resolver takes such a name on exact or folded evidence only
        (never as a misspelling or an inflected form of one of ours), and those come from the
        exact and fold tables, which hold none of its keys. Three dictionary probes and a
        bisection, where the resolver's own answer costs a fuzzy retrieval.

        >>> lexicon = Lexicon(__import__("namenorm").default_resolver(), 4)
        >>> lexicon.unmatched_everyday_name("Chapman"), lexicon.unmatched_everyday_name("Aliyev")
        (True, False)
        """
        if len(query) > MAX_INPUT_LENGTH or everyday_name(query) != "name":
            return False  # (the query as written first: most are no everyday name at all)
        q = query_keys(query)
        if not q.fold or everyday_name(q.norm) != "name":
            return False
        tables = self._resolver.index.tables()
        exact = tables["exact"]
        return not (
            exact.get(q.norm) or exact.get(q.norm_fold) or tables["fold"].get(q.fold_c)
        )

    def fold_keys(self) -> Container[str]:
        """The resolver's table of fold keys (whole aliases, spaces removed)."""
        return self._resolver.index.tables()["fold"]

    def alias_keys(self) -> AliasKeys:
        """The aliases as sequences of token keys: the full keys, the longest alias (in
        tokens) that starts with each first token, and every word of every alias."""
        if self._keys is None:
            with self._lock:
                if self._keys is None:
                    self._keys = self._build_alias_keys()
        return self._keys

    def _build_alias_keys(self) -> AliasKeys:
        full: set[str] = set()
        keyed: set[str] = set()
        first: dict[str, int] = {}
        vocab: set[str] = set()
        native: dict[str, set[str]] = {}
        pattern = token_pattern()
        for alias in self._resolver.index.aliases:
            words = [(m.start(), m.end()) for m in pattern.finditer(alias.text)]
            parts = self._alias_parts(alias.text, words)
            vocab.update(parts[::2])
            if not parts or len(words) > self._max_tokens:
                continue
            full.add("".join(parts))
            if not alias.exact_only:
                keyed.add("".join(parts))
            script = single_script(alias.text)
            if script in NATIVE_SCRIPTS:
                native.setdefault(script, set()).add("".join(parts))
            n = (len(parts) + 1) // 2
            first[parts[0]] = max(first.get(parts[0], 0), n)
        self._native = {s: frozenset(keys) for s, keys in native.items()}
        self._all_words = frozenset(vocab)
        self._keyed = frozenset(keyed)
        return frozenset(full), first, frozenset(vocab - VOCABULARY)

    def _alias_parts(self, text: str, words: list[tuple[int, int]]) -> list[str]:
        """Token keys of an alias alternating with how they join (" " or "")."""
        parts: list[str] = []
        prev_end = None
        for start, end in words:
            key, _ = self.token_key(text[start:end], True)
            if not key:
                continue
            if prev_end is not None:
                parts.append(joiner(text[prev_end:start]) or " ")
            parts.append(key)
            prev_end = end
        return parts

    def native_keys(self, script: str) -> frozenset[str]:
        """The full keys of the aliases written in ``script`` (one of :data:`NATIVE_SCRIPTS`)."""
        self.alias_keys()
        return self._native.get(script, frozenset())

    def keyed_alias_keys(self) -> frozenset[str]:
        """The full keys of the aliases that match by key: an ``exact_only`` alias stands only
        for its own text, so its key claims no other word (a derived demonym, say)."""
        self.alias_keys()
        return self._keyed

    def all_words(self) -> frozenset[str]:
        """Every word (token key) of every alias, vocabulary words included."""
        self.alias_keys()
        return self._all_words

    def near_alias_word(self, key: str) -> bool:
        """Whether a word's key is within one edit of a word of some alias (one dictionary
        probe per one-letter deletion, through the aliases' words and their deletions)."""
        hit = self._near_cache.get(key)
        if hit is None:
            near = self._near()
            hit = key in near or any(key[:i] + key[i + 1 :] in near for i in range(len(key)))
            self._near_cache.put(key, len(key), hit)
        return hit  # type: ignore[return-value]

    def _near(self) -> frozenset[str]:
        if self._near_words is None:
            with self._lock:
                if self._near_words is None:
                    words = self.alias_keys()[2]
                    deletions = {
                        w[:i] + w[i + 1 :] for w in words if len(w) > 2 for i in range(len(w))
                    }
                    self._near_words = frozenset(words | deletions)
        return self._near_words

    def stem_keys(self, t: Token) -> frozenset[str]:
        """Keys of the dictionary forms :func:`~namenorm.matching.inflect.strip_inflection`
        proposes for a token ("Алиевым" -> "aliyev"), whatever its case."""
        latin = t.repaired.isascii()
        hit = self._stem_keys_cache.get((t.repaired, latin))
        if hit is None:
            hit = frozenset(
                key
                for s in strip_inflection(t.repaired, lowercase_ok=True)
                if (key := self.token_key(s.stem, latin)[0])
            )
            self._stem_keys_cache.put((t.repaired, latin), len(t.repaired), hit)
        return hit  # type: ignore[return-value]

    def alias_words(self, alias: str) -> frozenset[str]:
        """The token keys of the words of one alias."""
        keys = self._alias_words.get(alias)
        if keys is None:
            keys = frozenset(
                self.token_key(m.group(), True)[0] for m in token_pattern().finditer(alias)
            )
            self._alias_words[alias] = keys
        return keys

    def han_words(self) -> frozenset[str]:
        """Words of two or more kanji in the aliases (for segmenting Chinese and Japanese)."""
        if self._han is None:
            words: set[str] = set()
            for alias in self._resolver.index.aliases:
                words.update(m.group() for m in HAN_WORD.finditer(alias.text))
            self._han = frozenset(words)
        return self._han

    def abjad(self) -> AbjadKeys:
        """The aliases by abjad key (:mod:`~namenorm.mentions.abjad`), built on first use."""
        if self._abjad is None:
            with self._lock:
                if self._abjad is None:
                    self._abjad = AbjadKeys(self._resolver.index)
        return self._abjad
