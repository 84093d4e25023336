"""Whole names first: a name with a generic word beside it names the longer entity.

"Republik Bergkarabach", "Dağlık Karabağ Cumhuriyeti", "Kanato de Karabaj", "Laçın rayonu",
"Fédération de Russie": the inner name resolves to a place, and the generic word next to it
(in any of the languages of the table, before or after the name, across a connector such as
"de", "d'", "del", "of") says that the text names something else built on it. Longer patterns
stand around the name: "première guerre du Haut-Karabakh", "منطقه خودمختار قره‌باغ",
"Azerbaycan Devlet Sınır Hizmeti", "российские миротворцы", "Upland Karabakh". The longer entity
is found by filling the English form of the generic word or pattern with the inner entity's
English names ("Nagorno-Karabakh Republic", "Karabakh Khanate", "Lachin District", "First
Nagorno-Karabakh War", "Russian peacekeepers", "Upper Karabakh") and asking the resolver for an
exact spelling of a gazetteer alias (of another entity, or a longer name of the same one: the
official "Fédération de Russie" is Russia, whole). When nothing in the gazetteer has that name,
the inner mention stays as it was.

The words and patterns are data (``gazetteer/lexicon/composite_names.tsv``); the names come
from the gazetteer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from namenorm.matching.lexicon import lexicon_dir
from namenorm.matching.match import Match
from namenorm.matching.resolver import Resolver
from namenorm.mentions.mention import Mention
from namenorm.mentions.tokens import Token, token_pattern

__all__ = ["Composer", "Pattern", "composite_names"]

#: Words that may stand between a generic word before a name and the name.
_LINKS = frozenset("de d du del della dell di of des do da".split())
#: Articles that may follow a link word ("of the", "de la", "de l'").
_ARTICLES = frozenset("the la le l el los las les der die das".split())
#: Arabic proclitics written onto the first word of a pattern ("لوزارة الدفاع").
_PROCLITICS = ("و", "ب", "ل")


@dataclass(frozen=True)
class Pattern:
    """Words around a name (``before`` + name + ``after``) and the English templates of the
    whole, ``{}`` standing for the name."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    english: tuple[str, ...]


_ROWS: list[tuple[str, str]] | None = None
_ROWS_LOCK = threading.Lock()


def composite_names() -> list[tuple[str, str]]:
    """(pattern, English) rows of ``composite_names.tsv``, read once."""
    global _ROWS
    if _ROWS is None:
        with _ROWS_LOCK:
            if _ROWS is None:
                rows = []
                path = lexicon_dir() / "composite_names.tsv"
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line.strip() and not line.startswith("#"):
                        pattern, _lang, english = line.split("\t")
                        rows.append((pattern.strip(), english.strip()))
                _ROWS = rows
    return _ROWS


def _spellings(words: list[str]) -> list[list[str]]:
    """The words, and with a proclitic on the first when it is in Arabic script."""
    out = [words]
    if words and "\u0600" <= words[0][0] <= "\u06ff":
        first = words[0]
        for p in _PROCLITICS:
            out.append([p + first, *words[1:]])
        if first.startswith("ال"):
            out.append(["لل" + first[2:], *words[1:]])
    return out


class Composer:
    """Extends mentions over a generic word beside them when the gazetteer names the whole."""

    def __init__(self, resolver: Resolver, key_of: Callable[[str, bool], tuple[str, str]],
                 names: Callable[[str], tuple[str, ...]]) -> None:
        self._resolver = resolver
        self._names = names
        self._generic: dict[str, str] = {}
        self._by_before: dict[str, list[Pattern]] = {}  # by the word right before the name
        self._by_after: dict[str, list[Pattern]] = {}  # ... or, with none before, right after
        words = token_pattern()
        for pattern, english in composite_names():
            if "{}" not in pattern:
                for latin in (True, False):
                    key = key_of(pattern, latin)[0]
                    if key:
                        self._generic.setdefault(key, english)
                continue
            head, _, tail = pattern.partition("{}")
            templates = tuple(e.strip() for e in english.split("|"))
            for before in _spellings([m.group() for m in words.finditer(head)]):
                after = [m.group() for m in words.finditer(tail)]
                for latin in (True, False):
                    p = Pattern(tuple(key_of(w, latin)[0] for w in before),
                                tuple(key_of(w, latin)[0] for w in after), templates)
                    table, key = ((self._by_before, p.before[-1]) if p.before
                                  else (self._by_after, p.after[0]))
                    if p not in table.get(key, ()):
                        table.setdefault(key, []).append(p)
        self._cache: dict[tuple[str, tuple[str, ...]], Match | None] = {}

    def compose(self, text: str, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
        """``mentions`` with each inner name that a generic word turns into a longer
        gazetteer entity replaced by that entity over the whole span."""
        first_at = {t.start: k for k, t in enumerate(tokens)}
        last_at = {t.end: k for k, t in enumerate(tokens)}
        taken = {k for m in mentions for k in range(first_at.get(m.start, -1),
                                                    last_at.get(m.end, -2) + 1)}
        out = []
        for m in mentions:
            i, j = first_at.get(m.start), last_at.get(m.end)
            if i is None or j is None:
                out.append(m)
                continue
            longer = self._around(text, tokens, m, i, j, taken)
            if longer is None and m.kind == "name":
                longer = self._after(text, tokens, m, j, taken) or self._before(
                    text, tokens, m, i, taken
                )
            out.append(longer or m)
        return self._of_parents(text, tokens, out, first_at, last_at)

    def _of_parents(self, text: str, tokens: list[Token], mentions: list[Mention],
                    first_at: dict[int, int], last_at: dict[int, int]) -> list[Mention]:
        """An organization followed by a link word and another mention that the gazetteer
        puts in front of its name is one name: "Gruppo di Minsk dell'OSCE" is the OSCE Minsk
        Group (its alias "OSCE Minsk Group"), not the group and the OSCE."""
        out: list[Mention] = []
        for m in mentions:
            prev = out[-1] if out else None
            if prev is not None and prev.match.type == "organization" and _linked(
                tokens, last_at.get(prev.end), first_at.get(m.start)
            ):
                # (the parent as written too: an abbreviation, "OSCE", is no English name)
                written = m.text.replace("{", "{{").replace("}", "}}")
                own = tuple(f"{written} {name}" for name in self._names(prev.id))
                whole = self._templated(m.id, own) if own else None
                if whole is not None and whole.id == prev.id:
                    span = text[prev.start : m.end]
                    out[-1] = Mention(prev.start, m.end, span,
                                      replace(prev.match, query=span), prev.kind)
                    continue
            out.append(m)
        return out

    def _around(self, text: str, tokens: list[Token], m: Mention, i: int, j: int,
                taken: set[int]) -> Mention | None:
        """The longest pattern around tokens ``i..j`` that names an entity of the gazetteer."""
        spans = []
        for p in self._patterns(tokens, i, j):
            span = _fits(tokens, p, i, j, taken)
            if span is not None:
                spans.append((span[1] - span[0], span, p))
        for _size, (a, b), p in sorted(spans, key=lambda s: -s[0]):
            match = self._templated(m.id, p.english)
            if match is not None:
                start, end = tokens[a].start, tokens[b].end
                step = f"pattern around {m.text!r} ({m.id}) -> {match.alias!r}"
                match = replace(match, query=text[start:end],
                                explanation=(step, *match.explanation))
                return Mention(start, end, text[start:end], match, "name")
        return None

    def _patterns(self, tokens: list[Token], i: int, j: int) -> list[Pattern]:
        found: list[Pattern] = []
        k = i - 1
        if k >= 0 and tokens[i].join is not None:
            found += self._by_before.get(tokens[k].key, ())
            if tokens[k].key in _LINKS and k > 0 and tokens[k].join is not None:
                found += self._by_before.get(tokens[k - 1].key, ())
        if j + 1 < len(tokens) and tokens[j + 1].join is not None:
            found += self._by_after.get(tokens[j + 1].key, ())
        return found

    def _templated(self, inner: str, templates: tuple[str, ...]) -> Match | None:
        """The entity one of ``templates`` names when filled with an English name of
        ``inner``: an exact or folded alias, not a person's, without an ending."""
        queries = (t.format(name) for t in templates for name in self._names(inner))
        return self._first((inner, templates), queries, lambda m: m.method in ("exact", "folded"))

    def _first(self, key: tuple[str, tuple[str, ...]], queries: Iterable[str],
               accept: Callable[[Match], bool]) -> Match | None:
        """The first answer to ``queries`` that ``accept`` takes and that is a whole name (no
        ending) of no person, or None; cached under ``key``."""
        if key not in self._cache:
            answers = (self._resolver.resolve(q) for q in queries)
            self._cache[key] = next(
                (m for m in answers
                 if m is not None and accept(m) and m.ending is None and m.type != "person"),
                None,
            )
        return self._cache[key]

    def _after(self, text: str, tokens: list[Token], m: Mention, j: int,
               taken: set[int]) -> Mention | None:
        k = j + 1
        if k >= len(tokens) or k in taken or tokens[k].join is None:
            return None
        english = self._generic.get(tokens[k].key)
        if english is None:
            return None
        return self._longer(text, m, m.start, tokens[k].end, english, same=False)

    def _before(self, text: str, tokens: list[Token], m: Mention, i: int,
                taken: set[int]) -> Mention | None:
        k = i - 1
        if k < 0 or tokens[i].join is None:
            return None
        if tokens[k].key in _LINKS and k > 0 and tokens[k].join is not None:
            k -= 1
        if k in taken:
            return None
        english = self._generic.get(tokens[k].key)
        if english is None:
            return None
        return self._longer(text, m, tokens[k].start, m.end, english, same=True)

    def _longer(self, text: str, m: Mention, start: int, end: int, english: str,
                same: bool) -> Mention | None:
        # The official name of the same entity only with the generic word first ("Fédération
        # de Russie"); "Russie Fédération" is a translation's word order, not a name.
        match = self._whole(m.id, english)
        if match is None or (match.id == m.id and not same):
            return None
        span = text[start:end]
        step = f"generic word: {english} beside {m.text!r} ({m.id}) -> {match.alias!r}"
        match = replace(match, query=span, explanation=(step, *match.explanation))
        return Mention(start, end, span, match, "name")

    def _whole(self, inner: str, english: str) -> Match | None:
        queries = (q for name in self._names(inner)
                   for q in (f"{name} {english}", f"{english} of {name}"))
        return self._first((inner, (english,)), queries, lambda m: (
            m.method in ("exact", "folded") and m.id != inner
            or m.method == "exact" and m.alias_kind == "official"))


def _fits(tokens: list[Token], p: Pattern, i: int, j: int,
          taken: set[int]) -> tuple[int, int] | None:
    """The tokens ``(first, last)`` of pattern ``p`` around tokens ``i..j`` (a link word
    allowed between the words before and the name), or None where it does not stand."""
    a = i - len(p.before)
    if p.before and tokens[i - 1].key in _LINKS and tokens[i - 1].key != p.before[-1]:
        a -= 1  # "oblast autonome du Haut-Karabakh"
    b = j + len(p.after)
    if a < 0 or b >= len(tokens):
        return None
    if any(k in taken for k in (*range(a, i), *range(j + 1, b + 1))):
        return None
    if any(tokens[k].join is None for k in (*range(a + 1, i + 1), *range(j + 1, b + 1))):
        return None
    if tuple(t.key for t in tokens[a : a + len(p.before)]) != p.before:
        return None
    if tuple(t.key for t in tokens[j + 1 : b + 1]) != p.after:
        return None
    return a, b


def _linked(tokens: list[Token], j: int | None, i: int | None) -> bool:
    """Whether tokens ``j`` and ``i`` stand one link word apart ("of", "dell'"), or a link
    word and an article ("of the", "de la"), on one line."""
    if i is None or j is None or not 2 <= i - j <= 3:
        return False
    between = tokens[j + 1 : i]
    return (
        between[0].key in _LINKS
        and all(t.key in _LINKS | _ARTICLES for t in between)
        and all(t.join is not None for t in tokens[j + 1 : i + 1])
    )
