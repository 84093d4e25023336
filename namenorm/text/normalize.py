"""Text folding: from whatever reached the pipeline to a readable, repaired string.

Every step is a pure ``str -> str`` function; :func:`normalize` chains them and
:func:`normalize_explained` also reports which steps changed the text. The order matters:

0. :func:`namenorm.text.mojibake.repair` undoes a wrong-code-page decoding ("Ð•Ñ€ÐµÐ²Ð°Ð½" is
   "Ереван" read as Windows-1252) before anything else can destroy the evidence; the
   explanation names the misreading. Text that is not mojibake is left alone.
1. :func:`remove_invisible` drops format and control characters (zero-width spaces and joiners,
   soft hyphens, bidi marks, variation selectors, BOMs), lone surrogates and private-use code
   points, and turns every kind of space (NBSP, thin, ideographic, ...) into an ASCII space.
2. :func:`unify_punctuation` maps typographic quotes, apostrophes (’ ʼ ` ´ ʻ ′) and dashes
   (‐ ‑ – — − ...) to ``'``, ``"`` and ``-``.
3. NFKC normalization unifies fullwidth forms, ligatures and compatibility characters (look-alikes
   are kept for step 4: NFKC would turn some into letters that no longer look Latin).
4. :func:`fold_homoglyphs` repairs words that are written in Latin but carry look-alike letters of
   another script ("Azeгbaijan", "Karaƅakh", "ᛕarabakh"). A word wholly in another script is a
   real name ("Ходжалы", "Արցախ") and is left alone, unless the whole text around it is Latin.
5. :func:`mark_fragments` finds pieces of a foreign script dropped into Latin text ("Mevl চা t ভ
   avu ও o ্ল lu") and replaces each, with the spaces around it, by one gap mark (U+FFFD), so that
   the pieces of the name join again: "Mevl\ufffdt\ufffdavu\ufffdo\ufffdlu". The matcher treats a
   gap as an unknown letter or two.

Look-alikes are folded once more where a fragment became a gap (a word such as "×Ͱ" only
counts as Latin once its Greek letter is gone), so that normalizing twice changes nothing more.
Then :func:`whitespace` collapses runs of spaces. The result keeps case, diacritics and the script
of real words; match keys (:mod:`namenorm.keys`) fold those further.

>>> normalize("Azeгbaijan\u200b’s")
"Azerbaijan's"
>>> normalize("Mevl চা t ভ avu ও o ্ল lu")
'Mevl\ufffdt\ufffdavu\ufffdo\ufffdlu'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from namenorm.text.confusables import TO_LATIN
from namenorm.text.mojibake import repair_explained
from namenorm.text.scripts import is_latin, latin_dominant, latin_majority, script_of

# script_of, is_latin and latin_dominant are defined in namenorm.text.scripts; they stay
# importable from here for the modules that named them here.
__all__ = [
    "GAP",
    "fold_homoglyphs",
    "is_latin",
    "latin_dominant",
    "latin_schwa",
    "mark_fragments",
    "normalize",
    "normalize_explained",
    "remove_invisible",
    "script_of",
    "unify_punctuation",
    "whitespace",
]

#: The mark that stands for an injected foreign fragment (one or two unknown letters).
GAP = "\ufffd"

_APOSTROPHES = "\u2018\u2019\u201a\u201b\u02bc\u02bb\u02bd\u02b9\u0060\u00b4\u2032\u2035\uff07\u055a"
_DQUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2036\u301d\u301e\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u058a\u05be\u2e3a\u2e3b"
_PUNCT_TABLE = str.maketrans(
    {**{c: "'" for c in _APOSTROPHES}, **{c: '"' for c in _DQUOTES}, **{c: "-" for c in _DASHES}}
)

# Format characters that are not invisible noise but carry text: none are kept. Tabs and
# newlines are kept as separators (they become spaces later) so offsets of lines stay sane.
_KEEP_CONTROLS = {"\t", "\n", "\r"}


@lru_cache(maxsize=4096)
def _invisible_action(ch: str) -> str | None:
    """What :func:`remove_invisible` does with ``ch``: ``""`` drop, ``" "`` space, None keep."""
    cat = unicodedata.category(ch)
    if ch in _KEEP_CONTROLS:
        return " "
    if cat in ("Cf", "Cc", "Cs", "Co", "Cn"):
        return ""
    if cat == "Zs" or cat in ("Zl", "Zp"):
        return " "
    if 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF or ch == "\u034f":
        return ""  # variation selectors, combining grapheme joiner
    if ch in "\u115f\u1160\u3164\uffa0":
        return ""  # Hangul fillers: render as nothing
    return None


def remove_invisible(text: str) -> str:
    """Drop invisible and format characters; turn every kind of space into ``" "``.

    >>> remove_invisible("Ba\\u00adku\\u200b\\u00a0city")
    'Baku city'
    """
    if text.isascii() and text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isascii() and ch.isprintable():
            out.append(ch)
            continue
        action = _invisible_action(ch)
        out.append(ch if action is None else action)
    return "".join(out)


def unify_punctuation(text: str) -> str:
    """Map typographic apostrophes, quotes and dashes to their ASCII forms.

    >>> unify_punctuation("Azerbaijan’s “Karabakh” — 1994")
    'Azerbaijan\\'s "Karabakh" - 1994'
    """
    return text.translate(_PUNCT_TABLE)


_SPACES = re.compile(r"\s+")


def whitespace(text: str) -> str:
    """Collapse runs of white space to one space and trim the ends."""
    return _SPACES.sub(" ", text).strip()


def _is_wordish(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch)[0] == "M" or ch in TO_LATIN


def _words(text: str) -> list[tuple[int, int]]:
    """Spans of maximal runs of word characters (letters, marks, digits, look-alikes)."""
    spans = []
    start = None
    for i, ch in enumerate(text):
        if _is_wordish(ch):
            if start is None:
                start = i
        elif start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def fold_word(word: str, latin_context: bool) -> str:
    if word.isascii():
        return word  # no look-alike is ASCII: a fast path for long words (identical result)
    latin = lookalike = other = 0
    for ch in word:
        if ch in TO_LATIN:
            lookalike += 1
        elif ch.isalpha():
            if script_of(ch) == "LATIN":
                latin += 1
            else:
                other += 1
    if not lookalike:
        return word
    if latin == 0 and other == 0 and not latin_context:
        return word  # e.g. Cyrillic "сор" in Cyrillic text: a real word
    if other > latin:
        return word  # a word of another script with a Latin-looking letter in it
    return _cased_like(word, [TO_LATIN.get(ch, ch) for ch in word])


def _cased_like(word: str, folded: list[str]) -> str:
    """The folded letters in the case of the word around them: a look-alike capital inside a
    word in lower case is a small letter ("staЬilise" -> "stabilise", not "staBilise"), a small
    look-alike inside a word in capitals a capital ("YEREVаN" -> "YEREVAN")."""
    upper_word, lower_rest = _case_of(word)
    if upper_word is None:
        return "".join(folded)
    out = []
    for i, (ch, new) in enumerate(zip(word, folded)):
        if ch in TO_LATIN and new.isalpha():
            new = _in_case(new, i, upper_word, lower_rest)
        out.append(new)
    return "".join(out)


def _case_of(word: str) -> tuple[bool | None, bool]:
    """(all in capitals, the rest in lower case) of the word's own cased letters; None when it
    has none (look-alikes aside)."""
    cased = [ch for ch in word if ch not in TO_LATIN and ch.isalpha() and ch.lower() != ch.upper()]
    if not cased:
        return None, False
    upper_word = len(cased) > 1 and all(ch.isupper() for ch in cased)
    lower_rest = all(ch.islower() for ch in cased[1:] or cased) and (
        len(cased) > 1 or cased[0].islower()
    )
    return upper_word, lower_rest


def _in_case(new: str, i: int, upper_word: bool, lower_rest: bool) -> str:
    if upper_word:
        return new.upper()
    if i > 0 and lower_rest and new.isupper():
        return new.lower()
    return new


def fold_homoglyphs(text: str) -> str:
    """Replace look-alike letters of other scripts inside Latin words by the Latin letter.

    A word made only of look-alikes is folded when the text around it is mostly Latin.

    >>> fold_homoglyphs("Karaƅakh and Azeгbaijan, not Ходжалы")
    'Karabakh and Azerbaijan, not Ходжалы'
    """
    if text.isascii():
        return text
    spans = _words(text)
    latin_context = latin_dominant(text)
    out = []
    last = 0
    for start, end in spans:
        word = text[start:end]
        out.append(text[last:start])
        out.append(fold_word(word, latin_context))
        last = end
    out.append(text[last:])
    return "".join(out)


def _fragment_scripts(text: str) -> set[str]:
    """Scripts that occur in ``text`` only as short pieces (at most 3 letters) in Latin text."""
    if not latin_dominant(text):
        return set()
    longest: dict[str, int] = {}
    run_script = None
    run = 0
    for ch in text:
        script = script_of(ch) if ch.isalpha() else None
        if script == "INHERITED":
            continue
        if script is not None and script != "LATIN":
            run = run + 1 if script == run_script else 1
            run_script = script
            longest[script] = max(longest.get(script, 0), run)
        else:
            run_script, run = None, 0
    return {s for s, n in longest.items() if n <= 3}


def mark_fragments(text: str) -> str:
    """Replace foreign-script fragments injected into Latin text by :data:`GAP`.

    A script counts as injected when the text is mostly Latin and that script never forms a
    run of more than three letters. The fragment (with its combining marks) and the spaces
    around it become one gap, joining the pieces of the word it broke.

    >>> mark_fragments("Mevl চা t ভ avu ও o ্ল lu")
    'Mevl\ufffdt\ufffdavu\ufffdo\ufffdlu'
    >>> mark_fragments("Ходжалы")
    'Ходжалы'
    """
    if text.isascii():
        return text
    scripts = _fragment_scripts(text)
    if not scripts:
        return text
    out: list[str] = []
    in_fragment = False
    for ch in text:
        if _is_piece(ch, scripts, in_fragment, out):
            _open_gap(out)
            in_fragment = True
        elif ch == " " and out and out[-1] == GAP:
            continue  # swallow the space after a fragment
        else:
            in_fragment = False
            out.append(ch)
    return "".join(out)


def _is_piece(ch: str, scripts: set[str], in_fragment: bool, out: list[str]) -> bool:
    """A letter of an injected script, or a combining mark in or after a fragment."""
    if ch.isalpha() and script_of(ch) in scripts:
        return True
    return unicodedata.category(ch)[0] == "M" and (
        in_fragment or not out or out[-1] in (" ", GAP)
    )


def _open_gap(out: list[str]) -> None:
    """Drop the spaces before a fragment and mark it with one gap."""
    while out and out[-1] == " ":
        out.pop()
    if not out or out[-1] != GAP:
        out.append(GAP)


def nfkc(text: str) -> str:
    """NFKC, except on look-alikes, which it could turn into letters that no longer look alike
    (lunate sigma Ϲ, a C look-alike, would become Σ)."""
    if text.isascii():
        return text
    if not any(ch in TO_LATIN for ch in text):
        return unicodedata.normalize("NFKC", text)
    out: list[str] = []
    run: list[str] = []
    for ch in text:
        if ch in TO_LATIN:
            out.append(unicodedata.normalize("NFKC", "".join(run)))
            out.append(ch)
            run = []
        else:
            run.append(ch)
    out.append(unicodedata.normalize("NFKC", "".join(run)))
    return "".join(out)


def _fold_after_fragments(text: str) -> str:
    """Fold look-alikes again where marking fragments changed what a word is made of: in
    "×Ͱ" the Greek letter kept "×" from counting as Latin; once it is a gap, "×" is an x.
    Without this, normalizing twice could give another text than normalizing once."""
    return fold_homoglyphs(text) if GAP in text else text


_CYRILLIC_SCHWA = re.compile("[\u04d8\u04d9]")
_SCHWA_WORD = re.compile("\\w*[\u04d8\u04d9]\\w*")


def latin_schwa(text: str) -> str:
    """Cyrillic schwa (ә, Ә) inside a Latin word becomes the Latin schwa (ə, Ə): Azerbaijani
    written in Latin letters often carries the Cyrillic one ("Ermәnistan", "Gәncә").

    >>> latin_schwa("Ermәnistan Әliyev"), latin_schwa("Азәрбајҹан")
    ('Ermənistan Əliyev', 'Азәрбајҹан')
    """
    if _CYRILLIC_SCHWA.search(text) is None:
        return text

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        if not latin_majority(word, ignore="әӘ"):
            return word
        return word.replace("ә", "ə").replace("Ә", "Ə")

    return _SCHWA_WORD.sub(fix, text)


_STEPS = (
    ("invisible characters removed", remove_invisible),
    ("punctuation unified", unify_punctuation),
    ("Unicode compatibility forms unified (NFKC)", nfkc),
    ("Cyrillic schwa in Latin words made Latin", latin_schwa),
    ("look-alike letters of other scripts folded", fold_homoglyphs),
    ("injected foreign-script fragments marked as gaps", mark_fragments),
    ("look-alike letters next to the fragments folded", _fold_after_fragments),
    ("white space collapsed", whitespace),
)
#: The labels of the steps that fold look-alike letters (see :func:`normalize_explained`).
LOOKALIKE_STEPS = frozenset(
    label for label, step in _STEPS if step in (fold_homoglyphs, _fold_after_fragments)
)


def normalize_explained(text: str) -> tuple[str, tuple[str, ...]]:
    """:func:`normalize` that also returns the names of the steps that changed the text.

    >>> normalize_explained("Azeгbaijan")
    ('Azerbaijan', ('look-alike letters of other scripts folded',))
    >>> normalize_explained("BakÄ±")
    ('Bakı', ('mojibake repaired: UTF-8 text that had been decoded as Windows-1252',))
    """
    _check_text(text)
    steps: list[str] = []
    for _round in range(2):
        if _round and not steps:
            break  # nothing changed: a second round would repeat the first one exactly
        # Removing invisible characters or fragments can uncover mojibake: one more round.
        text, how = repair_explained(text)
        if how is None and steps:
            break
        if how is not None:
            steps.append(f"mojibake repaired: {how}")
        for label, step in _STEPS:
            new = step(text)
            if new != text:
                if label not in steps:
                    steps.append(label)
                text = new
    return text, tuple(steps)


def normalize(text: str) -> str:
    """Readable repaired text: steps 1-5 of the module docstring, case and script kept.

    >>> normalize("  Tһе  shelling\u00a0in Nagorny Karaƅakh ")
    'The shelling in Nagorny Karabakh'
    """
    return normalize_explained(text)[0]


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
