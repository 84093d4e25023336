"""The lexicon of name structure: the words that wrap names, read from ``gazetteer/lexicon/``.

Titles and honorifics, patronymic markers, legal forms and organization words, generic place
words, given-name equivalents and the patronymics of a few persons, one TSV file each (each file
names its source and columns in its comment lines). :func:`lexicon` reads them once, on first
use, under a lock; no YAML is involved.

>>> ("president",) in lexicon().titles_before
True
>>> lexicon().fathers["ilham-aliyev"][0]
'Heydar'
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from namenorm.keys import casefold

__all__ = ["Lexicon", "lexicon", "lexicon_dir"]


@dataclass(frozen=True)
class Lexicon:
    """The words of ``gazetteer/lexicon/``, keyed by their case-folded words."""

    titles_before: frozenset[tuple[str, ...]]
    titles_after: frozenset[tuple[str, ...]]
    org_words: dict[tuple[str, ...], tuple[str, str]]  # words -> (kind, position)
    place_words: dict[tuple[str, ...], tuple[str, str]]  # words -> (position, category)
    attached: tuple[tuple[str, str, str], ...]  # (text, before|after|hyphen, category)
    heads: dict[str, tuple[str, str]]  # place category -> (English word, before|after)
    elisions: tuple[str, ...]
    suffixes: tuple[str, ...]  # patronymic suffixes, longest first
    markers: frozenset[str]
    genitives: tuple[str, ...]
    fathers: dict[str, tuple[str, ...]]  # person id -> father's name forms
    given: dict[str, tuple[tuple[str, str], ...]]  # folded name -> ((group, relation), ...)
    groups: dict[str, tuple[tuple[str, str], ...]]  # group -> ((name, relation), ...)

    @cached_property
    def words(self) -> frozenset[str]:
        """Every single word of the wrapper lists (titles, organization and place words)."""
        out: set[str] = set()
        for table in (self.titles_before, self.titles_after, self.org_words, self.place_words):
            for words in table:
                out.update(words)
        return frozenset(out)


def lexicon_dir() -> Path:
    """``gazetteer/lexicon`` beside the package, or inside an installed wheel (where
    ``gazetteer/`` ships as ``namenorm/_gazetteer_data/``), as the gazetteer loader finds it."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "_gazetteer_data" / "lexicon"
    if installed.is_dir():
        return installed
    return here.parent / "gazetteer" / "lexicon"


def _rows(name: str, columns: int) -> list[list[str]]:
    rows = []
    path = lexicon_dir() / name
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < columns - 1 or not cells[0]:
            raise ValueError(f"{path}:{number}: expected {columns} tab-separated columns")
        rows.append(cells + [""] * (columns - len(cells)))
    return rows


def _key(words: str) -> tuple[str, ...]:
    return tuple(casefold(w) for w in words.split())


def _load() -> Lexicon:
    before, after = _titles()
    orgs = {_key(t): (kind, pos) for t, _lang, kind, pos in _rows("organization_words.tsv", 4)}
    places, attached, elisions = _place_words()
    suffixes, markers, genitives = _patronymic_words()
    fathers = {eid: tuple(forms.split("|")) for eid, forms in _rows("person_patronymics.tsv", 2)}
    given: dict[str, list[tuple[str, str]]] = {}
    groups: dict[str, list[tuple[str, str]]] = {}
    for group, name, _lang, relation in _rows("given_names.tsv", 4):
        given.setdefault(casefold(name), []).append((group, relation))
        groups.setdefault(group, []).append((name, relation))
    return Lexicon(
        titles_before=frozenset(before),
        titles_after=frozenset(after),
        org_words=orgs,
        place_words=places,
        attached=tuple(attached),
        heads=_heads(),
        elisions=tuple(sorted(set(elisions), key=len, reverse=True)),
        suffixes=tuple(sorted(set(suffixes), key=len, reverse=True)),
        markers=frozenset(markers),
        genitives=tuple(genitives),
        fathers=fathers,
        given={k: tuple(dict.fromkeys(v)) for k, v in given.items()},
        groups={k: tuple(v) for k, v in groups.items()},
    )


_LEXICON: Lexicon | None = None
_LOCK = threading.Lock()



def _titles() -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    before: set[tuple[str, ...]] = set()
    after: set[tuple[str, ...]] = set()
    for text, _lang, position in _rows("titles.tsv", 3):
        (after if position == "after" else before).add(_key(text))
    return before, after


def _place_words() -> tuple[
    dict[tuple[str, ...], tuple[str, str]], list[tuple[str, str, str]], list[str]
]:
    places: dict[tuple[str, ...], tuple[str, str]] = {}
    attached: list[tuple[str, str, str]] = []
    elisions: list[str] = []
    for text, _lang, position, category in _rows("place_words.tsv", 4):
        if position == "elision":
            elisions.append(casefold(text))
        elif position in ("attached", "hyphen"):
            side = "hyphen" if position == "hyphen" else "before" if text.endswith(".") else "after"
            attached.append((casefold(text), side, category))
        else:
            known = places.get(_key(text))
            if known is not None and known[0] != position:  # "Lake Sevan", "Sevan lake"
                position = "either"
            places[_key(text)] = (position, category)
    return places, attached, elisions


def _heads() -> dict[str, tuple[str, str]]:
    """Each place category's English head: its first English word written before or after."""
    heads: dict[str, tuple[str, str]] = {}
    for text, lang, position, category in _rows("place_words.tsv", 4):
        if lang == "en" and category and position in ("before", "after"):
            heads.setdefault(category, (text, position))
    return heads


def _patronymic_words() -> tuple[list[str], set[str], list[str]]:
    suffixes: list[str] = []
    markers: set[str] = set()
    genitives: list[str] = []
    for text, _lang, kind in _rows("patronymics.tsv", 3):
        if kind == "suffix":
            suffixes.append(casefold(text))
        elif kind == "marker":
            markers.add(casefold(text))
        elif kind == "genitive":
            genitives.append(casefold(text))
    return suffixes, markers, genitives

def lexicon() -> Lexicon:
    """The lexicon, read on first use (once, under a lock)."""
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                _LEXICON = _load()
    return _LEXICON
