"""Namesakes: a place or person inside the name of something named after it.

"Karen Demirchyan Complex", "Munich Security Conference", "Stadtverwaltung Stepanakert",
"Commune de Bakou", "Ստեփանակերտի օդանավակայան", "ქ. თბილისის მერია": the longer name is an
institution, a venue, an event or a prize, and when the gazetteer holds it, it is found whole
first (exact aliases, :mod:`~namenorm.mentions.compose`). When it does not, the place or person
inside it is not reported: the text names the institution, not the place. The words that make
a namesake are data (``gazetteer/lexicon/institution_words.tsv``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from namenorm.matching.lexicon import lexicon_dir
from namenorm.mentions.mention import Mention
from namenorm.mentions.tokens import Token
from namenorm.mentions.words import CONNECTORS, ELIDED
from namenorm.text.scripts import single_script

__all__ = ["Institutions"]

#: Capitalized words that may stand between a name and an institution word after it
#: ("Munich Security Conference").
_MAX_BETWEEN = 2

_ROWS: list[tuple[str, str]] | None = None
_LOCK = threading.Lock()


def _rows() -> list[tuple[str, str]]:
    """(word, position) rows of ``institution_words.tsv``, read once."""
    global _ROWS
    if _ROWS is None:
        with _LOCK:
            if _ROWS is None:
                rows = []
                path = lexicon_dir() / "institution_words.tsv"
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line.strip() and not line.startswith("#"):
                        word, _lang, position = line.split("\t")
                        rows.append((word.strip(), position.strip()))
                _ROWS = rows
    return _ROWS


class Institutions:
    """Drops the places and people that stand inside an institution's name."""

    def __init__(self, key_of: Callable[[str, bool], tuple[str, str]]) -> None:
        self._after: set[str] = set()
        self._before: set[str] = set()
        for word, position in _rows():
            table = self._after if position == "after" else self._before
            for latin in (True, False):
                key = key_of(word, latin)[0]
                if key:
                    table.add(key)

    def drop_namesakes(self, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
        """``mentions`` without the places and people named inside an institution's name."""
        first_at = {t.start: k for k, t in enumerate(tokens)}
        last_at = {t.end: k for k, t in enumerate(tokens)}
        held = {k for m in mentions
                for k in range(first_at.get(m.start, 0), last_at.get(m.end, -1) + 1)}
        out = []
        for m in mentions:
            i, j = first_at.get(m.start), last_at.get(m.end)
            if (
                i is not None and j is not None and m.kind == "name"
                and m.match.type in ("place", "person")
                and (self._followed(tokens, j, held) or self._preceded(tokens, i, held))
            ):
                continue
            out.append(m)
        return out

    def _followed(self, tokens: list[Token], j: int, held: set[int]) -> bool:
        """An institution word after token ``j``, directly or after capitalized words."""
        for k in range(j + 1, min(len(tokens), j + 2 + _MAX_BETWEEN)):
            t = tokens[k]
            if t.join is None or k in held:
                return False
            if t.key in self._after:
                # in Latin script a name capitalizes it: "Baku Airport", not "Baku airport"
                return t.upper or single_script(t.text) != "LATIN"
            if t.cased and not t.upper:
                return False  # a lower-case word ends a name
        return False

    def _preceded(self, tokens: list[Token], i: int, held: set[int]) -> bool:
        """An institution word right before token ``i`` (a link word between allowed)."""
        k = i - 1
        if k < 0 or tokens[i].join is None:
            return False
        if tokens[k].key in CONNECTORS | ELIDED and k > 0 and tokens[k].join is not None:
            k -= 1
        return k not in held and tokens[k].key in self._before
