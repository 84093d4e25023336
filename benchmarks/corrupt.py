"""Corruption generator: the damage that real text does to names, one function per class.

Every class is a function ``(name, rng) -> str | None``: it returns a corrupted copy of ``name``
or None when the class does not apply to it (no diacritics to lose, one word only to reorder, a
result equal to the input). All randomness comes from the ``random.Random`` passed in, so a run
with the same seed produces the same queries.

=================  =================================================================================
class              what it does (example)
=================  =================================================================================
homoglyph          1-3 Latin letters replaced by look-alikes of other scripts ("Azeгbaijan")
foreign_fragment   1-3 letters replaced by a spaced fragment of another script, as in seed 003
                   ("Mevl চা t ভ avu ও o ্ল lu" for "Mevlut Cavusoglu")
drop               one letter dropped ("Stepanakrt")
double             one letter doubled ("Stepanakertt")
swap               two neighbouring letters swapped ("Stepanaekrt")
lost_diacritics    diacritics and special letters flattened to ASCII ("Xankəndi" -> "Xankendi")
romanization       one spelling of another romanization scheme (kh/x, sh/ş/sch, ch/ç, zh/j, yan/ian,
                   ye/e, v/w, u/ou, gh/ğ, ts/c, dzh/j)
mt_split           a word split into English words of the same consonants, as machine
                   translation does ("Stepanakert" -> "Steppe cart"); a plain split when no
                   English word fits
token_reorder      the words of a multi-word name in another order ("Pashinyan Nikol")
initials           given names reduced to initials ("N. Pashinyan")
case_spacing       case and spacing noise ("STEPANAKERT", "nagorno  karabakh", "NagornoKarabakh")
=================  =================================================================================

>>> import random
>>> swap("Stepanakert", random.Random(1)) != "Stepanakert"
True
>>> lost_diacritics("Baku", random.Random(1)) is None
True
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

import jellyfish

from namenorm.text.confusables import TO_LATIN
from namenorm.keys import fold_key, phonetic_key, skeleton_key

__all__ = ["CLASSES", "corrupt"]

Corruption = Callable[[str, random.Random], "str | None"]


def _lookalikes() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ch, latin in TO_LATIN.items():
        if len(ch) != 1 or len(latin) != 1 or not latin.isascii() or not latin.isalpha():
            continue
        if unicodedata.name(ch, "").startswith(("CYRILLIC", "GREEK")):
            out.setdefault(latin, []).append(ch)
    return {k: sorted(v) for k, v in out.items()}


_LOOKALIKES = _lookalikes()

# Letters of scripts that spam and broken converters inject (Bengali, Devanagari, Thai, Hangul).
_FOREIGN = "চাভওল্কগদনমসহরবপয" "कखगचजतदनपमरलवस" "กขคงจฉชซดตถทนบปผพมยรลวสหอ" "가나다라마바사아자차카타파하"


def _letter_positions(text: str, inner: bool = False) -> list[int]:
    pos = [i for i, c in enumerate(text) if c.isalpha()]
    if inner:
        pos = [i for i in pos if 0 < i < len(text) - 1 and text[i - 1].isalpha()
               and text[i + 1].isalpha()]
    return pos


def _changed(name: str, out: str) -> str | None:
    return out if out != name and out.strip() else None


def homoglyph(name: str, rng: random.Random) -> str | None:
    """Replace one to three Latin letters by Cyrillic or Greek look-alikes."""
    pos = [i for i in _letter_positions(name) if name[i] in _LOOKALIKES]
    if not pos:
        return None
    chars = list(name)
    for i in rng.sample(pos, min(len(pos), rng.randint(1, 3))):
        chars[i] = rng.choice(_LOOKALIKES[name[i]])
    return _changed(name, "".join(chars))


def foreign_fragment(name: str, rng: random.Random) -> str | None:
    """Replace one to three inner letters by a fragment of another script, spaced apart."""
    pos = _letter_positions(name, inner=True)
    if len(name) < 6 or not pos:
        return None
    picks = sorted(rng.sample(pos, min(len(pos), rng.randint(1, 3))), reverse=True)
    out = name
    for i in picks:
        frag = "".join(rng.choice(_FOREIGN) for _ in range(rng.randint(1, 2)))
        out = out[:i] + f" {frag} " + out[i + 1 :]
    return _changed(name, out)


def drop(name: str, rng: random.Random) -> str | None:
    """Drop one letter (not the first)."""
    pos = [i for i in _letter_positions(name) if i > 0]
    if len(pos) < 4:
        return None
    i = rng.choice(pos)
    return _changed(name, name[:i] + name[i + 1 :])


def double(name: str, rng: random.Random) -> str | None:
    """Double one letter."""
    pos = _letter_positions(name)
    if len(pos) < 4:
        return None
    i = rng.choice(pos)
    return _changed(name, name[: i + 1] + name[i] + name[i + 1 :])


def swap(name: str, rng: random.Random) -> str | None:
    """Swap two neighbouring letters inside a word."""
    pos = [i for i in _letter_positions(name) if i + 1 < len(name) and name[i + 1].isalpha()
           and name[i] != name[i + 1]]
    if len(_letter_positions(name)) < 4 or not pos:
        return None
    i = rng.choice(pos)
    return _changed(name, name[:i] + name[i + 1] + name[i] + name[i + 2 :])


_FLAT = str.maketrans({"ə": "e", "Ə": "E", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
                       "đ": "d", "Đ": "D", "ß": "ss", "ʼ": "", "ʻ": "", "’": ""})


def lost_diacritics(name: str, rng: random.Random) -> str | None:
    """Flatten diacritics and special letters to plain ASCII look-alikes."""
    decomposed = unicodedata.normalize("NFD", name.translate(_FLAT))
    out = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return _changed(name, out)


# (pattern, replacement) pairs: spellings of the same sound in different romanizations.
_SCHEMES = [
    ("kh", "x"), ("x", "kh"), ("sh", "ş"), ("ş", "sh"), ("sh", "sch"), ("ch", "ç"), ("ç", "ch"),
    ("ch", "tch"), ("zh", "j"), ("j", "zh"), ("dzh", "j"), ("yan", "ian"), ("ian", "yan"),
    ("yan", "jan"), ("ye", "e"), ("v", "w"), ("w", "v"), ("u", "ou"), ("gh", "ğ"), ("ğ", "gh"),
    ("ts", "c"), ("c", "ts"), ("ya", "ia"), ("iy", "y"), ("ü", "u"), ("ö", "o"), ("ə", "a"),
    ("q", "gh"), ("y", "i"), ("ay", "ai"),
]  # fmt: skip


def romanization(name: str, rng: random.Random) -> str | None:
    """Respell one sound as another romanization scheme writes it (case kept)."""
    options = [(i, a, b) for a, b in _SCHEMES for i in range(len(name))
               if name[i : i + len(a)].lower() == a]
    if not options:
        return None
    i, a, b = rng.choice(options)
    if name[i].isupper():
        b = b[:1].upper() + b[1:]
    return _changed(name, name[:i] + b + name[i + len(a) :])


# Ordinary English words that machine translation substitutes for pieces of foreign names.
_ENGLISH = """
art bar bark bay bear bed bell belt berry bit board boat bold bone book boot born bottle bow
box brain brick bride bush butter cab cake call camp can cap car card care cart case cash cat
chain chair chin cook corn cost cot cup cut dam dark deal den desk dim dish dog door dot drum
fan far farm fat fee fell fig file fin fish fit flat fog fork fort gap garden gas gate gem gin
god gun gut hall ham hand hat head hen herb hero hill hit hole home hook horn hot hut ink jam
jar jet job kettle key kin king kit lab lad lake lamp land lane lap law leg lid lip log lot man
map mark mat meal men mill mine mint mob mole moon mud mug nab nap net nut oak oar pad pan par
park pat pen pet pin pit pot pub pup rag ram ran rat red rib rid rim rod rot rub rug run sack
sad sand sat saw seal set shed ship shop sin sit son sun tab tag tan tank tap tar tea ten tent
tin tip toe ton top tub van vat vet war wax web wet win wit zoo steppe step cap gum sham dish
mosque tar rag lark garb barn bud cane carp cord dune gull herd kiln lard lint mast moss
nard pact pike pond pulp rake reed rink sage silk slab slot soot stem tack tide tusk vest wand
""".split()


def _skeleton(word: str) -> str:
    return skeleton_key(phonetic_key(fold_key(word))).replace(" ", "")


_SKELETONS = sorted({(w, _skeleton(w)) for w in _ENGLISH})


def _english_like(piece: str) -> list[str]:
    """English words whose consonant skeleton is at most one letter from the piece's."""
    skel = _skeleton(piece)
    if len(skel) < 2:
        return []
    return [w for w, s in _SKELETONS if abs(len(s) - len(skel)) <= 1
            and jellyfish.levenshtein_distance(s, skel) <= 1 and s[:1] == skel[:1]]


def mt_split(name: str, rng: random.Random) -> str | None:
    """Split a long word into English words of nearly the same consonants ("Steppe cart");
    a plain split where no English word fits both halves."""
    words = name.split()
    long_words = [k for k, w in enumerate(words) if len(w) >= 7 and w.isalpha()]
    if not long_words:
        return None
    k = rng.choice(long_words)
    word = words[k]
    cuts = list(range(3, len(word) - 2))
    rng.shuffle(cuts)
    pieces = [word[: cuts[0]], word[cuts[0] :]]
    best = None
    for cut in cuts:
        halves = (word[:cut].lower(), word[cut:].lower())
        options = [_english_like(h) for h in halves]
        if not all(options):
            continue
        # The English words that look most like the halves, as a translator's guess would.
        chosen = [min(o, key=lambda w, h=h: (jellyfish.levenshtein_distance(w, h), w))
                  for o, h in zip(options, halves)]
        cost = sum(jellyfish.levenshtein_distance(w, h) for w, h in zip(chosen, halves))
        if best is None or cost < best[0]:
            best = (cost, chosen)
    if best is not None and best[0] <= (len(word) + 2) // 3:
        pieces = best[1]
    if word[0].isupper():
        pieces[0] = pieces[0][:1].upper() + pieces[0][1:]
    words[k] = " ".join(pieces)
    return _changed(name, " ".join(words))


def token_reorder(name: str, rng: random.Random) -> str | None:
    """Put the words of a multi-word name in another order."""
    words = name.split()
    if len(words) < 2:
        return None
    if len(words) == 2:
        return _changed(name, f"{words[1]} {words[0]}")
    for _ in range(5):
        order = words[:]
        rng.shuffle(order)
        if order != words:
            return " ".join(order)
    return None


def initials(name: str, rng: random.Random) -> str | None:
    """Reduce every word but the last to its initial ("N. Pashinyan")."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isalpha() for w in words[:-1]):
        return None
    dot = rng.choice([".", ".", ""])
    return _changed(name, " ".join(f"{w[0].upper()}{dot}" for w in words[:-1]) + " " + words[-1])


def case_spacing(name: str, rng: random.Random) -> str | None:
    """Upper or lower case, random case, doubled spaces, or words run together."""
    how = rng.choice(["upper", "lower", "random", "spaces", "join"])
    if how == "upper":
        out = name.upper()
    elif how == "lower":
        out = name.lower()
    elif how == "random":
        out = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in name)
    elif how == "spaces":
        out = "  ".join(name.split()) if " " in name else f" {name}  "
    else:
        out = name.replace(" ", "").replace("-", "") if (" " in name or "-" in name) else name.upper()
    return _changed(name, out)


#: Every class, by name, in the order the report lists them.
CLASSES: dict[str, Corruption] = {
    "homoglyph": homoglyph,
    "foreign_fragment": foreign_fragment,
    "drop": drop,
    "double": double,
    "swap": swap,
    "lost_diacritics": lost_diacritics,
    "romanization": romanization,
    "mt_split": mt_split,
    "token_reorder": token_reorder,
    "initials": initials,
    "case_spacing": case_spacing,
}


def corrupt(name: str, cls: str, rng: random.Random) -> str | None:
    """Apply the corruption class ``cls`` to ``name`` (None when it does not apply)."""
    return CLASSES[cls](name, rng)
