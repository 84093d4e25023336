"""Rewrite that keeps meaning: each edit with its offsets, old and new text, and why.

A mention is replaced by its entity's canonical name *in the language of the text* (the
language most of the document's mentions matched aliases of; the gazetteer's name in that
language, without one the mention stays), with these exceptions, each a stable step id in :attr:`Edit.why` or in :attr:`Kept.why`:

* ``inflected``: a mention that carries a grammatical ending stays (its ending would be lost);
* ``quoted``: a name in quotation marks, or after "called" / "known as", is what someone calls
  something, and stays;
* ``demonym``: a demonym becomes the gazetteer's demonym of the same language and number
  ("Armenians" stays plural); without one it stays;
* ``case``: a mention written in capitals stays in capitals ("BAKU/YEREVAN (Reuters)");
* a name is never replaced by one in another script (an English name in a Russian text);
* ``repair``: look-alike letters and invisible characters between mentions are repaired.
"""

from __future__ import annotations

from dataclasses import dataclass

from namenorm.gazetteer.model import Entity
from namenorm.mentions.mention import Mention
from namenorm.mentions.tokens import repair
from namenorm.text.scripts import single_script

__all__ = ["Edit", "ExplainedRewrite", "explain_rewrite", "text_language"]

_OPEN_QUOTES = "\"'«„“‘‹「"
_CLOSE_QUOTES = "\"'»“”’›」"
#: Words right before a name that say it is what someone calls something (lower case).
_CALLED = ("called", "known as", "named", "calls it", "call it", "appelé", "appelée",
           "dite", "dit", "llamado", "llamada", "genannt", "называют", "называемый")  # fmt: skip


#: Words that mark a text as English (none of them a word of the other languages' texts).
_ENGLISH = frozenset(
    "the and of to was is were with for from that said says has have by this which".split()
)


@dataclass(frozen=True)
class Edit:
    """One change: ``text[start:end]`` was ``old`` and is now ``new``, because of ``why``
    (a step id of the module docstring: ``canonical``, ``demonym``, ``case``, ``repair``)."""

    start: int
    end: int
    old: str
    new: str
    why: str

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "old": self.old, "new": self.new,
                "why": self.why}


@dataclass(frozen=True)
class ExplainedRewrite:
    """The rewritten text and every edit made, in order of position."""

    text: str
    edits: tuple[Edit, ...]


def explain_rewrite(
    text: str, mentions: list[Mention], entities: dict[str, Entity]
) -> ExplainedRewrite:
    """``text`` rewritten (see the module) with the list of edits."""
    out: list[str] = []
    edits: list[Edit] = []
    last = 0
    lang = text_language(text, mentions)
    for m in mentions:
        _gap(text, last, m.start, out, edits)
        new, why = _replacement(text, m, entities.get(m.id), lang)
        out.append(new)
        if new != m.text:
            edits.append(Edit(m.start, m.end, m.text, new, why))
        last = m.end
    _gap(text, last, len(text), out, edits)
    return ExplainedRewrite("".join(out), tuple(edits))


def _gap(text: str, start: int, end: int, out: list[str], edits: list[Edit]) -> None:
    old = text[start:end]
    new = repair(old)
    out.append(new)
    if new != old:
        edits.append(Edit(start, end, old, new, "repair"))


def text_language(text: str, mentions: list[Mention]) -> str:
    """English when English function words make a twentieth of the words; otherwise the
    language other than English that most mentions matched an alias of (English without
    any, ``"und"`` on a tie: then names stay)."""
    words = text.lower().split()
    if words and 20 * sum(w in _ENGLISH for w in words) >= len(words):
        return "en"
    counts: dict[str, int] = {}
    for m in mentions:
        lang = m.match.alias_lang
        if lang and lang != "en" and m.match.alias_kind != "generated":
            counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return "en"
    best = max(counts.values())
    tops = sorted(k for k, v in counts.items() if v == best)
    return tops[0] if len(tops) == 1 else "und"  # undetermined: names stay


def _replacement(
    text: str, m: Mention, entity: Entity | None, doc_lang: str
) -> tuple[str, str]:
    """(new text, step id) of one mention; the repaired mention when it stays."""
    kept = repair(m.text)
    if entity is None:
        return kept, "repair"
    if m.match.ending is not None or _quoted(text, m):
        return kept, "repair"
    if m.kind == "demonym":
        new = _demonym(entity, m.match.alias, m.match.alias_lang or "en")
        why = "demonym"
    else:
        new = _name_in(entity, doc_lang, single_script(m.text))
        why = "canonical"
    if new is None or single_script(new) != single_script(kept):
        return kept, "repair"  # never a name of another script pasted into the text
    if kept.isupper() and len(kept) > 1:
        return new.upper(), "case"
    return new, why


def _quoted(text: str, m: Mention) -> bool:
    before = text[max(0, m.start - 3) : m.start].rstrip(" \u00a0\u202f")[-1:]
    after = text[m.end : m.end + 3].lstrip(" \u00a0\u202f")[:1]
    if before and after and before in _OPEN_QUOTES and after in _CLOSE_QUOTES:
        return True
    head = text[max(0, m.start - 16) : m.start].lower().rstrip(" ,:")
    return head.endswith(_CALLED)


def _name_in(entity: Entity, lang: str, script: str | None) -> str | None:
    """The entity's name in ``lang`` and the mention's script (its canonical name for
    English), or None."""
    if lang == "en":
        return entity.name
    for n in entity.names:
        if (
            n.lang == lang
            and n.kind in ("preferred", "variant", "exonym")
            and single_script(n.text) == script
        ):
            return n.text
    return None


def _demonym(entity: Entity, alias: str, lang: str) -> str | None:
    """The gazetteer's demonym in ``lang`` of the same number as ``alias`` (plural when the
    alias is the plural of another demonym: "Armenians"), or None."""
    demonyms = [n.text for n in entity.names if n.kind == "demonym" and (n.lang or "en") == lang]
    if not demonyms or alias not in demonyms:
        return None
    plural = any(alias != d and alias.startswith(d) for d in demonyms)
    for d in demonyms:
        if plural == any(d != e and d.startswith(e) for e in demonyms):
            return d
    return None
