"""Name structure: read what wraps a name, set it aside, and check what it says.

A query often carries more than a name: a title ("President Ilham Aliyev", "պարոն Իլհամ Ալիև"),
a patronymic ("Ilham Heydar oglu Aliyev", "Гейдар Алиевич Алиев"), initials after the surname or
doubled ("Алиев И.", "В.В. Путин"), a legal form or a party word ("PJSC Gazprom", "партия
«Грузинская мечта»"), a generic place word ("City of Yerevan", "г. Баку", "亚美尼亚共和国") or a
qualifier ("Yerevan, Armenia", "Khankendi (Stepanakert)"). :func:`readings` proposes reduced
readings of a query, each with the steps that made it (as data: a step id and its argument) and
the constraints the reduced text's match must satisfy: a type (a title implies a person, a legal
form an organization, a place word a place), a given-name initial, a qualifier the entity must
lie in, a patronymic that must agree, a kind of place.
:func:`namenorm.matching.constraints.resolve_structured` tries them in order when the plain
lookup gives no answer, and accepts the first whose match satisfies its constraints and clears
the threshold and margin.

The words are data (``gazetteer/lexicon/*.tsv``, :mod:`namenorm.matching.lexicon`), read once on
first use. A title, generic word or initial alone never resolves; feminine surnames are never reduced
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
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

from namenorm.keys import casefold
from namenorm.matching.lexicon import Lexicon, lexicon
from namenorm.text.normalize import script_of

__all__ = ["CATEGORIES", "Reading", "Step", "describe", "readings"]

#: Score factors of a match reached through a reading (they move to ``Config`` once the
#: resolver restructure lands): something set aside, and a given name read as an equivalent.
STRUCTURE_FACTOR = 0.97
GIVEN_NAME_FACTOR = 0.92
#: Queries with more words than this are not read for structure.
MAX_WORDS = 12
#: The longest wrapper phrase of the lexicon, in words ("Sanayi ve Ticaret A.Ş.").
MAX_PHRASE = 5

_QUOTES = "«»“”„‟\"‹›「」『』"
_INITIALS = re.compile(r"(?:[^\W\d_]\.[\s-]?){1,3}")
#: Kinds of place a place word names (the ``category`` column) -> gazetteer categories.
CATEGORIES = {
    "settlement": frozenset({"city", "town", "village"}),
    "region": frozenset({"region", "province", "district"}),
    "country": frozenset({"country", "de-facto-state", "historical-state"}),
    "mountain": frozenset({"mountain", "mountain-range"}),
    "lake": frozenset({"lake", "reservoir"}),
    "river": frozenset({"river"}),
    "sea": frozenset({"sea"}),
    "corridor": frozenset({"corridor"}),
}
_STEP_TYPE = {
    "title": "person", "patronymic": "person", "initials": "person", "given-name": "person",
    "legal-form": "organization", "org-word": "organization", "place-word": "place",
    "english-head": "place",
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
        cut = _attached_cut(out, text, side)
        if cut is not None:
            at, start, end = cut
            steps.append(Step("place-word", out[at][start:end]))
            out[at] = out[at][:start] + out[at][end:]
            category = cat
    return out, steps, category


def _attached_cut(out: list[str], text: str, side: str) -> tuple[int, int, int] | None:
    """Where the place word ``text`` is written onto a token: (token, start, end), or None."""
    n = len(text)
    if side == "before" and out and len(out[0]) > n + 1:
        head = out[0][:n]
        # lower case only: "Г.А." are initials, "г.Ереван" a city
        if casefold(head) == text and head == head.lower() and out[0][n].isalpha():
            return 0, 0, n
    elif (
        side == "after"
        and len(out) == 1
        and len(out[0]) > n + 1
        and casefold(out[0]).endswith(text)
        # written onto the name only in scripts without spaces (Han, kana)
        and _script(out[0]) in ("HAN", "KATAKANA", "HIRAGANA")
    ):
        return 0, len(out[0]) - n, len(out[0])
    elif side == "hyphen" and out and _hyphened(out[-1], text):
        return len(out) - 1, len(out[-1]) - n - 1, len(out[-1])
    return None


def _hyphened(token: str, word: str) -> bool:
    """Whether ``token`` is a name, a hyphen and ``word`` ("Kaszpi-tenger", "Latschin-Korridor")."""
    return len(token) > len(word) + 2 and casefold(token).endswith("-" + word)


def _patronymic(tokens: list[str], lex: Lexicon) -> tuple[list[str], Step, str] | None:
    """Set aside one patronymic between or after a given name and a surname: the remaining
    tokens, the step, and the father's given name it contains."""
    if len(tokens) < 3:
        return None
    return (
        _marked_patronymic(tokens, lex)
        or _suffixed_patronymic(tokens, lex)
        or _genitive_patronymic(tokens, lex)
    )


def _marked_patronymic(tokens: list[str], lex: Lexicon) -> tuple[list[str], Step, str] | None:
    """"Heydar oglu", "Арифовна" aside: a father's name followed by a marker word."""
    for i in range(1, len(tokens)):
        if casefold(tokens[i]) in lex.markers and len(tokens) - 2 >= 2:
            rest = tokens[: i - 1] + tokens[i + 1:]
            return rest, Step("patronymic", f"{tokens[i - 1]} {tokens[i]}"), tokens[i - 1]
    return None


def _suffixed_patronymic(tokens: list[str], lex: Lexicon) -> tuple[list[str], Step, str] | None:
    """A word ending in a patronymic suffix (-ович, -evna, ...)."""
    for i, token in enumerate(tokens):
        key = casefold(token)
        for suffix in lex.suffixes:
            if key.endswith(suffix) and len(key) >= len(suffix) + 2 and token[:1].isupper():
                father = token[: len(token) - len(suffix)]
                return tokens[:i] + tokens[i + 1:], Step("patronymic", token), father
    return None


def _genitive_patronymic(tokens: list[str], lex: Lexicon) -> tuple[list[str], Step, str] | None:
    """The father's name in the genitive between given name and surname (Armenian)."""
    if len(tokens) != 3:
        return None
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
    lead, trail = _initial_edges(tokens)
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


def _initial_edges(tokens: list[str]) -> tuple[int, int]:
    """How many tokens at the start are initials, and where those at the end begin."""
    lead = 0
    while lead < len(tokens) and _INITIALS.fullmatch(tokens[lead]):
        lead += 1
    trail = len(tokens)
    while trail > lead and _INITIALS.fullmatch(tokens[trail - 1]):
        trail -= 1
    return lead, trail


def _strip(tokens: list[str], lex: Lexicon) -> tuple[list[str], list[Step], str | None]:
    """Set aside articles, titles, legal forms, organization and place words around a name;
    after a title, no place word ("President Monte Melkonian" is a person's full name)."""
    steps: list[Step] = []
    category: str | None = None
    while tokens:
        titled = any(s.id == "title" for s in steps)
        found = _strip_title(tokens, lex) or _strip_word(tokens, lex, places=not titled)
        if found is None:
            break
        tokens, new_steps, new_category = found
        steps += new_steps
        category = new_category or category
    return tokens, steps, category


_Stripped = tuple[list[str], list[Step], str | None]


def _strip_title(tokens: list[str], lex: Lexicon) -> _Stripped | None:
    """A title before the name, after it (cənab, xanım, cənabları), or between its words."""
    n = _longest(tokens, lex.titles_before, at_end=False)
    if 0 < n < len(tokens):
        return tokens[n:], [Step("title", " ".join(tokens[:n]))], None
    n = _longest(tokens, lex.titles_after, at_end=True)
    if 0 < n < len(tokens):
        return tokens[:-n], [Step("title", " ".join(tokens[-n:]))], None
    if len(tokens) >= 3 and (casefold(tokens[1]),) in lex.titles_after:
        return [tokens[0], *tokens[2:]], [Step("title", tokens[1])], None  # "Mehriban xanım"
    return None


def _strip_word(tokens: list[str], lex: Lexicon, *, places: bool = True) -> _Stripped | None:
    """An organization word or legal form, or (with ``places``) a place word, before or after
    the name."""
    tables = ((lex.org_words, None), (lex.place_words, "place-word"))
    for at_end in (False, True):
        for table, kind in tables if places else tables[:1]:
            n = _word_at(tokens, table, kind, at_end)
            if n == 0:
                continue
            words = tuple(casefold(t) for t in (tokens[-n:] if at_end else tokens[:n]))
            written = " ".join(tokens[-n:] if at_end else tokens[:n])
            steps = [Step(kind or table[words][0], written)]
            rest = tokens[:-n] if at_end else tokens[n:]
            if kind != "place-word":
                return rest, steps, None
            if not at_end:  # "ville d'Erevan", "Repubblica dell'Azerbaigian"
                rest = _strip_elision(rest, lex, steps)
            return rest, steps, table[words][1]
    return None


def _word_at(
    tokens: list[str], table: Mapping[tuple[str, ...], tuple[str, str]], kind: str | None,
    at_end: bool,
) -> int:
    """How many tokens at that end are a word of ``table`` that may stand there (0: none)."""
    n = _longest(tokens, table, at_end=at_end)
    if not 0 < n < len(tokens):
        return 0
    words = tuple(casefold(t) for t in (tokens[-n:] if at_end else tokens[:n]))
    position = table[words][1 if kind is None else 0]
    if position not in ("either", "after" if at_end else "before"):
        return 0
    written = " ".join(tokens[-n:] if at_end else tokens[:n])
    if kind and _INITIALS.fullmatch(written) and written != written.lower():
        return 0  # "Г. Алиев": an initial, not "г." (город)
    return n


def _strip_elision(tokens: list[str], lex: Lexicon, steps: list[Step]) -> list[str]:
    head = casefold(tokens[0])
    for elision in lex.elisions:
        if head.startswith(elision) and len(head) > len(elision) + 1:
            steps.append(Step("place-word", tokens[0][: len(elision)]))
            return [tokens[0][len(elision):], *tokens[1:]]
    return tokens


def _implied_type(steps: Iterable[Step]) -> tuple[bool, str | None]:
    """Whether the steps agree on a type (not a title and a legal form), and the type."""
    types = {_STEP_TYPE[s.id] for s in steps if s.id in _STEP_TYPE}
    return len(types) <= 1, next(iter(types), None)


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
    replaced a given name by an equivalent of the lexicon, or an ``english-head`` step put a
    place word's English head in place of the word ("Corridoio di Lachin" -> "Lachin corridor").
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
    main = _main_reading(q, words, lex)
    if main is not None:
        out.append(main)
        out.extend(_english_head(main, q, lex))
    out.extend(_given_name_readings(main, q, lex))
    return out


def _english_head(main: Reading, q: str, lex: Lexicon) -> list[Reading]:
    """The reading with the English head of its kind of place where the place word stood, for
    a Latin-script name ("río Terter" -> "Terter River", "Coridorul Lachin" -> "Lachin
    corridor"): a feature's own name often holds the word."""
    kind = next((k for k, v in CATEGORIES.items() if v == main.categories), None)
    head = lex.heads.get(kind or "")
    if head is None or main.type != "place" or _script(main.text) != "LATIN":
        return []
    word, position = head
    text = f"{word} {main.text}" if position == "before" else f"{main.text} {word}"
    if casefold(text) == casefold(q):
        return []
    steps = (*main.steps, Step("english-head", word))
    return [Reading(text, steps, type="place", categories=main.categories)]


def _main_reading(q: str, words: list[str], lex: Lexicon) -> Reading | None:
    """The query with quotes, attached words, a country before a title, titles, legal forms,
    generic words, a patronymic and initials set aside; None when nothing was, or too little
    of a name is left."""
    tokens = [t for t in (_strip_quotes(w) for w in words) if t]
    steps: list[Step] = []
    if len(tokens) != len(words) or any(t != w for t, w in zip(tokens, words)):
        steps.append(Step("quotes", ""))
    tokens, attached, category = _split_attached(tokens, lex)
    steps += attached
    tokens, title_country = _country_before_title(tokens, lex, steps)
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
    agree, implied = _implied_type(steps)
    if not _enough_left(q, text, tokens, steps, agree, lex):
        return None
    return Reading(
        text,
        tuple(steps),
        type=implied,
        initial=initial,
        qualifier=title_country,
        father=father,
        categories=CATEGORIES.get(category or ""),
    )


def _country_before_title(
    tokens: list[str], lex: Lexicon, steps: list[Step]
) -> tuple[list[str], str | None]:
    """A state before the title ("Azərbaycan Prezidenti", "French President"): the person must
    be of that country."""
    n = _longest(tokens[1:], lex.titles_before, at_end=False)
    if n and not _longest(tokens, lex.titles_before, at_end=False) and len(tokens) - 1 - n >= 2:
        steps.append(Step("qualifier", tokens[0]))
        return tokens[1:], tokens[0]
    return tokens, None


def _enough_left(
    q: str, text: str, tokens: list[str], steps: list[Step], agree: bool, lex: Lexicon
) -> bool:
    kinds = {s.id for s in steps} - {"quotes"}
    name_words = [t for t in tokens if casefold(t) not in lex.words]
    if not (kinds and agree and name_words and text != q):
        return False
    # A title or a patronymic needs a full name after it (two words): "Mrs Pashinyan" is not
    # Nikol Pashinyan, "President Aliyev" not one of the Aliyevs.
    return not (kinds & {"title", "patronymic"} and len(text.split()) < 2)


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
            agree, implied = _implied_type(steps)
            if not agree:
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
    if step.id == "english-head":
        return f"read with the English word {step.arg!r} in its place"
    return f"{label.get(step.id, step.id)} {step.arg!r} set aside"
