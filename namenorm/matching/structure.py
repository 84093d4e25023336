"""Name structure: read what wraps a name, set it aside, and check what it says.

A query often carries more than a name: a title ("President Ilham Aliyev", "պարոն Իլհամ Ալիև"),
a patronymic ("Ilham Heydar oglu Aliyev", "Гейдар Алиевич Алиев"), initials after the surname or
doubled ("Алиев И.", "В.В. Путин"), a legal form or a party word ("PJSC Gazprom", "партия
«Грузинская мечта»"), a generic place word ("City of Yerevan", "г. Баку", "亚美尼亚共和国") or a
qualifier ("Yerevan, Armenia", "Khankendi (Stepanakert)"). :func:`readings` proposes reduced
readings of a query, each with the steps that made it (as data: a step id and its argument) and
the constraints the reduced text's match must satisfy: a type (a title implies a person, a legal
form an organization, a place word a place), a given-name initial, a qualifier the entity must
lie in, a patronymic that must agree, a preferred kind of place. :func:`resolve_structured` tries
them in order when the plain lookup gives no answer, and accepts the first whose match satisfies
its constraints and clears the threshold and margin.

The words are data (``gazetteer/lexicon/*.tsv``, each file naming its source), read once on first
use. A title, generic word or initial alone never resolves; feminine surnames are never reduced
to the masculine form (Aliyeva is not Ilham Aliyev).

>>> [r.text for r in readings("President Jeyhun Bayramov")]
['Jeyhun Bayramov']
>>> [(s.id, s.arg) for s in readings("Алиев И.Г.")[0].steps]
[('initials', 'И.Г.')]
>>> readings("Алиев И.Г.")[0].text, readings("Алиев И.Г.")[0].initial
('И. Алиев', 'И')
>>> readings("President")
[]
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from namenorm.keys import casefold, fold_normalized
from namenorm.text.normalize import script_of

if TYPE_CHECKING:
    from namenorm._config import Config
    from namenorm.gazetteer.loader import Entity
    from namenorm.matching.resolver import Match

__all__ = ["Lexicon", "Reading", "Step", "describe", "lexicon", "readings", "resolve_structured"]

#: Score factors of a match reached through a reading (they move to ``Config`` once the
#: resolver restructure lands): something set aside, and a given name read as an equivalent.
STRUCTURE_FACTOR = 0.97
GIVEN_NAME_FACTOR = 0.92
#: Queries with more words than this are not read for structure.
MAX_WORDS = 12
#: The longest wrapper phrase of the lexicon, in words ("Sanayi ve Ticaret A.Ş.").
MAX_PHRASE = 5
#: Candidates examined for a constrained reading.
CANDIDATES = 10

_QUOTES = "«»“”„‟\"‹›「」『』"
_INITIALS = re.compile(r"(?:[^\W\d_]\.[\s-]?){1,3}")
_CATEGORIES = {
    "settlement": frozenset({"city", "town", "village"}),
    "region": frozenset({"region", "province", "district"}),
    "country": frozenset({"country", "de-facto-state", "historical-state"}),
    "mountain": frozenset({"mountain", "mountain-range"}),
    "lake": frozenset({"lake", "reservoir"}),
    "river": frozenset({"river"}),
}
_STEP_TYPE = {
    "title": "person", "patronymic": "person", "initials": "person", "given-name": "person",
    "legal-form": "organization", "org-word": "organization", "place-word": "place",
}  # fmt: skip


@dataclass(frozen=True)
class Step:
    """One thing a reading did: a stable ``id`` and its argument (the words concerned)."""

    id: str
    arg: str


@dataclass(frozen=True)
class Reading:
    """A reduced reading of a query and what its match must satisfy.

    ``type``: the entity type the structure implies; ``initial``: the first letter the
    person's given name must have; ``qualifier``: text naming a place the entity must lie in
    (or be); ``father``: the patronymic's given name, which must agree; ``categories``: kinds
    of place preferred among the candidates; ``given``: (written, read as, relation) when a
    given name was replaced by an equivalent.
    """

    text: str
    steps: tuple[Step, ...]
    type: str | None = None
    initial: str | None = None
    qualifier: str | None = None
    father: str | None = None
    categories: frozenset[str] | None = None
    given: tuple[str, str, str] | None = None
    factor: float = STRUCTURE_FACTOR


# --- the lexicon ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """The words of ``gazetteer/lexicon/``, keyed by their case-folded words."""

    titles_before: frozenset[tuple[str, ...]]
    titles_after: frozenset[tuple[str, ...]]
    org_words: dict[tuple[str, ...], tuple[str, str]]  # words -> (kind, position)
    place_words: dict[tuple[str, ...], tuple[str, str]]  # words -> (position, category)
    attached: tuple[tuple[str, str, str], ...]  # (text, position before|after, category)
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
    before, after = set(), set()
    for text, _lang, position in _rows("titles.tsv", 3):
        (after if position == "after" else before).add(_key(text))
    orgs = {_key(t): (kind, pos) for t, _lang, kind, pos in _rows("organization_words.tsv", 4)}
    places: dict[tuple[str, ...], tuple[str, str]] = {}
    attached, elisions = [], []
    for text, _lang, position, category in _rows("place_words.tsv", 4):
        if position == "elision":
            elisions.append(casefold(text))
        elif position == "attached":
            side = "before" if text.endswith(".") else "after"
            attached.append((casefold(text), side, category))
        else:
            places[_key(text)] = (position, category)
    suffixes, markers, genitives = [], set(), []
    for text, _lang, kind in _rows("patronymics.tsv", 3):
        if kind == "suffix":
            suffixes.append(casefold(text))
        elif kind == "marker":
            markers.add(casefold(text))
        elif kind == "genitive":
            genitives.append(casefold(text))
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


def lexicon() -> Lexicon:
    """The lexicon, read on first use (once, under a lock)."""
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                _LEXICON = _load()
    return _LEXICON


# --- readings ------------------------------------------------------------------------------


def _strip_quotes(token: str) -> str:
    return token.strip(_QUOTES)


def _longest(tokens: list[str], table: Container[tuple[str, ...]], *, at_end: bool) -> int:
    """How many tokens at the start (or end) form the longest entry of ``table`` (0: none)."""
    part = tokens[-MAX_PHRASE:] if at_end else tokens[:MAX_PHRASE]
    keys = [casefold(t) for t in part]
    for n in range(len(keys), 0, -1):
        if tuple(keys[-n:] if at_end else keys[:n]) in table:
            return n
    return 0


def _script(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            return script_of(ch)
    return ""


def _split_attached(tokens: list[str], lex: Lexicon) -> tuple[list[str], list[Step], str | None]:
    """Place words written onto a name with no space: "г.Ереван", "埃里温市", "亚美尼亚共和国"."""
    steps: list[Step] = []
    category = None
    out = list(tokens)
    for text, side, cat in lex.attached:
        if side == "before" and out and len(out[0]) > len(text) + 1:
            head = out[0][: len(text)]
            # lower case only: "Г.А." are initials, "г.Ереван" a city
            if casefold(head) == text and head == head.lower() and out[0][len(text)].isalpha():
                steps.append(Step("place-word", out[0][: len(text)]))
                out[0] = out[0][len(text):]
                category = cat
        elif side == "after" and len(out) == 1 and len(out[0]) > len(text) + 1:
            # written onto the name only in scripts without spaces (Han, kana)
            if casefold(out[0]).endswith(text) and _script(out[0]) in ("HAN", "KATAKANA", "HIRAGANA"):
                steps.append(Step("place-word", out[0][-len(text):]))
                out[0] = out[0][: -len(text)]
                category = cat
    return out, steps, category


def _patronymic(tokens: list[str], lex: Lexicon) -> tuple[list[str], Step, str] | None:
    """Set aside one patronymic between or after a given name and a surname: the remaining
    tokens, the step, and the father's given name it contains."""
    if len(tokens) < 3:
        return None
    for i in range(1, len(tokens)):
        if casefold(tokens[i]) in lex.markers and len(tokens) - 2 >= 2:
            rest = tokens[: i - 1] + tokens[i + 1:]
            return rest, Step("patronymic", f"{tokens[i - 1]} {tokens[i]}"), tokens[i - 1]
    for i, token in enumerate(tokens):
        key = casefold(token)
        for suffix in lex.suffixes:
            if key.endswith(suffix) and len(key) >= len(suffix) + 2 and token[:1].isupper():
                father = token[: len(token) - len(suffix)]
                return tokens[:i] + tokens[i + 1:], Step("patronymic", token), father
    if len(tokens) == 3:
        middle = tokens[1]
        for ending in lex.genitives:
            if casefold(middle).endswith(ending) and len(middle) >= len(ending) + 3:
                stem = middle[: len(middle) - len(ending)]
                # Latin -yi only after a vowel (Vovayi); Armenian -ի on any stem
                if _script(middle) == "LATIN" and stem[-1:].lower() not in "aeiou":
                    continue
                return [tokens[0], tokens[2]], Step("patronymic", middle), stem
    return None


def _initials(tokens: list[str]) -> tuple[str, str, str] | None:
    """Initials before or after a surname ("В.В. Путин", "Алиев И.Г.", "Pashinyan N."): the
    reading "И. Алиев", the initials as written, and the first initial."""
    lead = 0
    while lead < len(tokens) and _INITIALS.fullmatch(tokens[lead]):
        lead += 1
    trail = len(tokens)
    while trail > lead and _INITIALS.fullmatch(tokens[trail - 1]):
        trail -= 1
    rest = tokens[lead:trail]
    written = tokens[:lead] + tokens[trail:]
    if not written or not rest or (lead and trail < len(tokens)) or len(rest) > 3:
        return None
    letters = [ch for ch in "".join(written) if ch.isalpha()]
    if lead and len(letters) == 1:
        return None  # "N. Pashinyan": the index holds that form already
    if any(_INITIALS.fullmatch(t) or len(t) < 2 for t in rest):
        return None
    first = letters[0]
    return f"{first}. {' '.join(rest)}", " ".join(written), first


def _strip(tokens: list[str], lex: Lexicon) -> tuple[list[str], list[Step], str | None]:
    """Set aside articles, titles, legal forms, organization and place words around a name."""
    steps: list[Step] = []
    category: str | None = None
    changed = True
    while changed and tokens:
        changed = False
        # titles before the name, and after it (cənab, xanım, cənabları)
        n = _longest(tokens, lex.titles_before, at_end=False)
        if 0 < n < len(tokens):
            steps.append(Step("title", " ".join(tokens[:n])))
            tokens, changed = tokens[n:], True
            continue
        n = _longest(tokens, lex.titles_after, at_end=True)
        if 0 < n < len(tokens):
            steps.append(Step("title", " ".join(tokens[-n:])))
            tokens, changed = tokens[:-n], True
            continue
        if len(tokens) >= 3 and (casefold(tokens[1]),) in lex.titles_after:
            steps.append(Step("title", tokens[1]))  # "Mehriban xanım Əliyeva"
            tokens, changed = [tokens[0], *tokens[2:]], True
            continue
        for at_end in (False, True):
            for table, kind in ((lex.org_words, None), (lex.place_words, "place-word")):
                n = _longest(tokens, table, at_end=at_end)
                if not 0 < n < len(tokens):
                    continue
                words = tuple(casefold(t) for t in (tokens[-n:] if at_end else tokens[:n]))
                position = table[words][1 if kind is None else 0]
                if position not in ("either", "after" if at_end else "before"):
                    continue
                written = " ".join(tokens[-n:] if at_end else tokens[:n])
                if kind and _INITIALS.fullmatch(written) and written != written.lower():
                    continue  # "Г. Алиев": an initial, not "г." (город)
                step_id = kind or table[words][0]  # type: ignore[index]
                steps.append(Step(step_id, written))
                tokens = tokens[:-n] if at_end else tokens[n:]
                if kind == "place-word":
                    category = table[words][1]
                    if not at_end:  # "ville d'Erevan", "Repubblica dell'Azerbaigian"
                        head = casefold(tokens[0])
                        for elision in lex.elisions:
                            if head.startswith(elision) and len(head) > len(elision) + 1:
                                steps.append(Step("place-word", tokens[0][: len(elision)]))
                                tokens = [tokens[0][len(elision):], *tokens[1:]]
                                break
                changed = True
                break
            if changed:
                break
    return tokens, steps, category


def _implied_type(steps: Iterable[Step]) -> str | None | bool:
    """The type the steps imply; False when they disagree (a title and a legal form)."""
    types = {_STEP_TYPE[s.id] for s in steps if s.id in _STEP_TYPE}
    if len(types) > 1:
        return False
    return next(iter(types), None)


def _qualified(q: str) -> tuple[str, str] | None:
    """ "X, Y" or "X (Y)": the name and its qualifier."""
    m = re.fullmatch(r"([^(),]+?)\s*\(([^()]+)\)", q)
    if m is None:
        m = re.fullmatch(r"([^(),]+?)\s*,\s*([^(),]+)", q)
    if m is None:
        return None
    name, qualifier = m.group(1).strip(), m.group(2).strip()
    if not name or not qualifier:
        return None
    return name, qualifier


def readings(query: str) -> list[Reading]:
    """Reduced readings of ``query``, most likely first; [] when it shows no structure.

    Every reading's text is made of the query's own words (less what was set aside, with
    quotation marks removed and initials reordered), except where a ``given-name`` step
    replaced a given name by an equivalent of the lexicon.
    """
    q = " ".join(query.split())
    words = q.split()
    if not q or len(words) > MAX_WORDS:
        return []
    lex = lexicon()
    out: list[Reading] = []
    qualified = _qualified(q)
    if qualified is not None:
        name, qualifier = qualified
        out.append(Reading(name, (Step("qualifier", qualifier),), qualifier=qualifier))
    tokens = [t for t in (_strip_quotes(w) for w in words) if t]
    steps: list[Step] = []
    if len(tokens) != len(words) or any(t != w for t, w in zip(tokens, words)):
        steps.append(Step("quotes", ""))
    tokens, attached, category = _split_attached(tokens, lex)
    steps += attached
    qualifier = None
    n = _longest(tokens[1:], lex.titles_before, at_end=False)
    if n and not _longest(tokens, lex.titles_before, at_end=False) and len(tokens) - 1 - n >= 2:
        # a state before the title ("Azərbaycan Prezidenti", "French President"): the person
        # must be of that country
        qualifier = tokens[0]
        steps.append(Step("qualifier", tokens[0]))
        tokens = tokens[1:]
    tokens, stripped, stripped_category = _strip(tokens, lex)
    steps += stripped
    category = stripped_category or category
    father = None
    patronymic = _patronymic(tokens, lex)
    if patronymic is not None:
        tokens, step, father = patronymic
        steps.append(step)
    initial = None
    initials = _initials(tokens)
    text = " ".join(tokens)
    if initials is not None:
        text, written, initial = initials
        steps.append(Step("initials", written))
    kinds = {s.id for s in steps} - {"quotes"}
    implied = _implied_type(steps)
    wrapper_words = lex.words
    name_words = [t for t in tokens if casefold(t) not in wrapper_words]
    ok = bool(kinds) and implied is not False and bool(name_words) and text != q
    # A title or a patronymic needs a full name after it (two words): "Mrs Pashinyan" is not
    # Nikol Pashinyan, "President Aliyev" not one of the Aliyevs.
    if ok and kinds & {"title", "patronymic"} and len(text.split()) < 2:
        ok = False
    main = None
    if ok:
        main = Reading(
            text,
            tuple(steps),
            type=implied or None,
            initial=initial,
            qualifier=qualifier,
            father=father,
            categories=_CATEGORIES.get(category or ""),
        )
        out.append(main)
    out.extend(_given_name_readings(main, q, lex))
    return out


def _given_name_readings(main: Reading | None, q: str, lex: Lexicon) -> list[Reading]:
    """The reading with its first word, a given name of the lexicon, replaced by each other
    form of its group in the same script ("Misha Saakashvili" -> "Mikheil Saakashvili")."""
    base = main.text if main is not None else q
    tokens = base.split()
    if len(tokens) < 2 or len(tokens) > 4 or (main is not None and main.initial):
        return []
    first = tokens[0]
    script = _script(first)
    out = []
    for group, relation in lex.given.get(casefold(first), ()):
        for name, other_relation in lex.groups[group]:
            if casefold(name) == casefold(first) or _script(name) != script:
                continue
            rel = "hypocorism" if "hypocorism" in (relation, other_relation) else "form"
            step = Step("given-name", f"{first} ~ {name} ({rel})")
            steps = (main.steps if main is not None else ()) + (step,)
            implied = _implied_type(steps)
            if implied is False:
                continue
            out.append(
                Reading(
                    " ".join([name, *tokens[1:]]),
                    steps,
                    type=implied,
                    father=main.father if main is not None else None,
                    given=(first, name, rel),
                    factor=GIVEN_NAME_FACTOR,
                )
            )
    return out


# --- explanation ---------------------------------------------------------------------------


def describe(step: Step) -> str:
    """A step in words (the explanation's prose; the step itself is the data)."""
    label = {
        "title": "title", "patronymic": "patronymic", "legal-form": "legal form",
        "org-word": "organization word", "place-word": "place word", "article": "article",
        "qualifier": "qualifier",
    }  # fmt: skip
    if step.id == "quotes":
        return "quotation marks set aside"
    if step.id == "initials":
        return f"initials {step.arg!r} read as one given-name initial before the surname"
    if step.id == "given-name":
        return f"given name {step.arg}"
    return f"{label.get(step.id, step.id)} {step.arg!r} set aside"


# --- resolving -----------------------------------------------------------------------------

Plain = Callable[[str, "frozenset[str] | None"], "Match | None"]
Ranked = Callable[[str, "frozenset[str] | None", int], "list[Match]"]


def _fold(text: str) -> str:
    return fold_normalized(text).replace(" ", "")


def _initial_agrees(initial: str, entity: Entity) -> str | None:
    """The given name of ``entity`` that starts with ``initial`` (in any script, compared on
    transliterated first letters), or None."""
    want = _fold(initial)[:1]
    want_raw = casefold(initial)
    givens = [n.split()[0] for n in (entity.name, *(n.text for n in entity.names)) if " " in n]
    for given in givens:  # a name in the initial's own script first: "И." agrees with Ильхам
        if casefold(given)[:1] == want_raw:
            return given
    for given in givens:
        if want and _fold(given)[:1] == want:
            return given
    return None


def _ancestors(entity_id: str, entity: Callable[[str], Entity | None]) -> dict[str, str]:
    """The entity, its parents and countries, each with how it relates ("country", ...)."""
    out = {entity_id: "itself"}
    todo = [entity_id]
    while todo and len(out) < 12:
        e = entity(todo.pop())
        if e is None:
            continue
        for rel, other in (("parent", e.parent), ("country", e.country)):
            if other and other not in out:
                out[other] = rel
                todo.append(other)
    return out


def _father_agrees(
    reading: Reading, match: Match, lex: Lexicon, plain: Plain
) -> tuple[bool, str]:
    father = reading.father or ""
    forms = lex.fathers.get(match.id)
    key = _fold(father)[:3]
    if forms is not None:
        for form in forms:
            if _fold(form)[:3] == key and key:
                return True, f"patronymic agrees with the father's name {form}"
        return False, ""
    # Unknown: refuse when the father's name with the surname names another person.
    for surname in (reading.text.split()[0], reading.text.split()[-1]):
        other = plain(f"{father} {surname}", frozenset({"person"}))
        if other is not None and other.id != match.id:
            return False, ""
    return True, "patronymic checked: it names no other person of the gazetteer"


def _pick(matches: list[Match], config: Config) -> Match | None:
    if not matches or matches[0].score < config.threshold:
        return None
    if len(matches) > 1 and matches[0].score - matches[1].score < config.margin:
        return None
    return matches[0]


def _kind_ok(
    match: Match, reading: Reading, entity: Callable[[str], Entity | None]
) -> tuple[Match | None, str]:
    """A place word names a kind of place: the match must be of that kind, or be a place
    inside one of that kind that bears its name ("distretto di Tovuz": Tovuz, in Tovuz
    District). Otherwise no match: "Hrazdan River" is not the town of Hrazdan."""
    if not reading.categories:
        return match, ""
    e = entity(match.id)
    if e is not None and e.category in reading.categories:
        return match, f"a place of kind {e.category}, as the place word says"
    parent = entity(e.parent) if e is not None and e.parent else None
    if (
        e is not None
        and parent is not None
        and parent.category in reading.categories
        and _fold(parent.name).startswith(_fold(e.name))
    ):
        moved = replace(match, id=parent.id, name=parent.name, type=parent.type)
        return moved, f"the place word names the {parent.category} {parent.id}, around {e.id}"
    return None, ""


def _try(
    reading: Reading,
    types: frozenset[str] | None,
    plain: Plain,
    ranked: Ranked,
    entity: Callable[[str], Entity | None],
    config: Config,
    lex: Lexicon,
) -> tuple[Match, list[str]] | None:
    notes: list[str] = []
    kind = reading.type
    wanted = types
    if kind is not None:
        wanted = frozenset({kind}) if types is None else types & {kind}
        if not wanted:
            return None
    match: Match | None
    if reading.qualifier is not None:
        # the qualifier must name a place the entity lies in (its country or parent), or the
        # entity itself ("Khankendi (Stepanakert)", "State Oil Company ... (SOCAR)")
        where = plain(reading.qualifier, None)
        if where is None:
            return None
        if kind is None and where.type == "place":
            # "Yerevan, Armenia": a place in a place (a person by country needs a title)
            wanted = frozenset({"place"}) if types is None else types & {"place"}
        agreeing: dict[str, str] = {}
        cands = []
        for m in ranked(reading.text, wanted, CANDIDATES):
            if where.type == "place":
                rel = _ancestors(m.id, entity).get(where.id)
            else:
                rel = "itself" if m.id == where.id else None
            if rel is not None:
                agreeing[m.id] = rel
                cands.append(m)
        match = _pick(cands, config)
        if match is None:
            return None
        rel = agreeing[match.id]
        notes.append(
            f"qualifier {reading.qualifier!r} names the same entity"
            if rel == "itself"
            else f"qualifier {reading.qualifier!r} agrees: {rel} {where.id}"
        )
    else:
        match = plain(reading.text, types)
        if match is None and reading.categories:
            # "Armavir city": of the Armavirs, the one of the kind the word names
            cands = [
                c for c in ranked(reading.text, wanted, CANDIDATES)
                if (e := entity(c.id)) is not None and e.category in reading.categories
            ]  # fmt: skip
            match = _pick(cands, config)
        if match is None and reading.initial:
            cands = [
                c for c in ranked(reading.text, wanted, CANDIDATES)
                if (e := entity(c.id)) is not None and _initial_agrees(reading.initial, e)
            ]  # fmt: skip
            match = _pick(cands, config)
        if match is None:
            return None
    if kind is not None and match.type != kind:
        return None  # "ООО «Армения»" is not the state, "Armenia LLC" neither
    match, note = _kind_ok(match, reading, entity)
    if match is None:
        return None
    if note:
        notes.append(note)
    if reading.initial:
        e = entity(match.id)
        given = _initial_agrees(reading.initial, e) if e is not None else None
        if not given:
            return None
        notes.append(f"initial '{reading.initial}.' agrees with {given}")
    if reading.father is not None:
        agrees, note = _father_agrees(reading, match, lex, plain)
        if not agrees:
            return None
        notes.append(note)
    if reading.type is not None:
        notes.append(f"type {reading.type} implied by the structure: agrees")
    return match, notes


def resolve_structured(
    query: str,
    types: frozenset[str] | None,
    *,
    plain: Plain,
    ranked: Ranked,
    entity: Callable[[str], Entity | None],
    config: Config,
) -> Match | None:
    """The first reading of ``query`` whose match satisfies its constraints and clears the
    threshold (after the reading's factor) and the margin; None when none does.

    ``plain(text, types)`` is the resolver's lookup without this fallback, ``ranked(text,
    types, limit)`` its candidates, ``entity(id)`` its gazetteer entry.
    """
    found = readings(query)
    if not found:
        return None
    lex = lexicon()
    for number, reading in enumerate(found, 1):
        if types is not None and reading.type is not None and reading.type not in types:
            continue
        tried = _try(reading, types, plain, ranked, entity, config, lex)
        if tried is None:
            continue
        match, notes = tried
        score = round(match.score * reading.factor, 6)
        if score < config.threshold:
            continue
        explanation = (
            *(f"structure: {describe(s)}" for s in reading.steps),
            f"structure: reading {reading.text!r}",
            *(line for line in match.explanation if not line.startswith("accepted:")),
            *(f"structure: {n}" for n in notes),
            f"structure: x{reading.factor:g} for the reading; score {score:.3f}",
            f"accepted: reading {number} of {len(found)}; score >= {config.threshold:g}",
        )
        return replace(match, query=query, score=score, explanation=explanation)
    return None
