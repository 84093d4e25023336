"""Generated romanizations: the spellings that published schemes make of native-script names.

The gazetteer lists each name once in its own script; the press writes it in one of several
published romanizations, which this module applies (the YAML stays short, the index holds the
spellings that arrive). Unlike :mod:`namenorm.text.translit` (lowercase *match keys*), it writes
readable names with capitals and the marks each scheme prescribes.

Schemes (``SCHEMES`` maps each id to the script and language it applies to):

=================  ======================================================================
``hy-bgn``         Armenian, BGN/PCGN 1981 (ye-/vo- initially, ts', ch', t', p', k')
``hy-iso9985``     Armenian, ISO 9985:1996 (ē ë ž x ç ġ č š ǰ ṙ c' ò, ու = ow)
``hy-hm``          Armenian, Hübschmann-Meillet (ē ə tʻ ž x c ł č čʻ ǰ ṙ cʻ w pʻ kʻ ō)
``hy-west``        Western Armenian pronunciation (b/p, g/k, d/t, dz/ts, j/ch swapped,
                   initial յ = h, ու = ou, -յան = -ian: Հակոբյան -> Hagopian)
``ru-bgn``         Russian, BGN/PCGN 1947 without the soft and hard sign marks
``ru-iso9``        Russian, ISO 9:1995 (ž, h, c, č, š, ŝ, è, û, â)
``ru-scientific``  Russian, scientific transliteration (ž, x, c, č, š, šč, ė, ju, ja)
``ru-fr``          Russian, French press usage (ou, ch, tch, j, kh, gu-, -ine, ss)
``ru-de``          Russian, German press usage (Duden: w, sch, tsch, ch, s, z, je, ju, ja)
``az-latn``        Azerbaijani Cyrillic (1958-1991) to the Latin alphabet of 1991
``az-cyrl``        Azerbaijani Latin to the Cyrillic alphabet of 1958-1991
``az-en``          Azerbaijani Latin as the English-language press writes it (x kh, c j,
                   ç ch, ş sh, ğ gh, q g, ə a, ı i, ö o, ü u)
``ka-national``    Georgian, national system of 2002 (k' p' t' q' ts' ch' for ejectives)
``tr-ascii``       Turkish without diacritics (ç c, ğ g, ı i, İ I, ö o, ş s, ü u)
``suffix``         surname-suffix alternations of Latin person names
                   (-yan/-ian/-jan, -ov/-off/-ow, -shvili/-chvili/-schwili, -dze/-dse, ...)
=================  ======================================================================

>>> romanize("Երևան", "hy-bgn"), romanize("Երևան", "hy-iso9985")
('Yerevan', 'Erevan')
>>> romanize("Ереван", "ru-bgn"), romanize("Ереван", "ru-iso9"), romanize("Ереван", "ru-de")
('Yerevan', 'Erevan', 'Jerewan')
>>> romanize("Գևորգյան", "hy-west"), romanize("Путин", "ru-fr")
('Kevorkian', 'Poutine')
>>> suffix_variants("Nikol Pashinyan")
['Nikol Pashinian', 'Nikol Pashinjan']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["SCHEMES", "Scheme", "romanize", "suffix_variants", "variants"]


@dataclass(frozen=True)
class Scheme:
    """A romanization scheme: which names it applies to and what it is.

    ``homes``, when set, limits the scheme to entities with one of those region tags (their own,
    their ``country``'s or their parents', see :func:`namenorm.gazetteer.model.region_tags`): Western Armenian spellings are made of Armenian
    names, not of the Armenian form of "Italy" (which would give "Idalia").
    """

    id: str
    script: str  # ISO 15924 code of the names it reads
    langs: frozenset[str]  # languages of the names it reads
    target_lang: str  # language tag of what it writes ("hy-Latn", "az-Cyrl", ...)
    title: str
    homes: frozenset[str] | None = None


# --- Armenian ------------------------------------------------------------------------------

_HY_VOWELS = set("աեէըիոօ")

_HY_COMMON = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "զ": "z", "ի": "i", "լ": "l", "կ": "k",
    "հ": "h", "մ": "m", "յ": "y", "ն": "n", "ս": "s", "վ": "v", "տ": "t", "ր": "r",
    "ֆ": "f", "պ": "p",
}  # fmt: skip

_HY_BGN = {
    **_HY_COMMON, "ե": "e", "է": "e", "ը": "y", "թ": "t’", "ժ": "zh", "խ": "kh", "ծ": "ts",
    "ձ": "dz", "ղ": "gh", "ճ": "ch", "շ": "sh", "ո": "o", "չ": "ch’", "ջ": "j", "ռ": "rr",
    "ց": "ts’", "ւ": "v", "փ": "p’", "ք": "k’", "օ": "o", "և": "ev",
}  # fmt: skip

_HY_ISO = {
    **_HY_COMMON, "ե": "e", "է": "ē", "ը": "ë", "թ": "t’", "ժ": "ž", "խ": "x", "ծ": "ç",
    "ձ": "j", "ղ": "ġ", "ճ": "č̣", "շ": "š", "ո": "o", "չ": "č", "ջ": "ǰ", "ռ": "ṙ",
    "ց": "c’", "ւ": "w", "փ": "p’", "ք": "k’", "օ": "ò", "և": "ev",
}  # fmt: skip

_HY_HM = {
    **_HY_COMMON, "ե": "e", "է": "ē", "ը": "ə", "թ": "tʻ", "ժ": "ž", "խ": "x", "ծ": "c",
    "ձ": "j", "ղ": "ł", "ճ": "č", "շ": "š", "ո": "o", "չ": "čʻ", "ջ": "ǰ", "ռ": "ṙ",
    "ց": "cʻ", "ւ": "w", "փ": "pʻ", "ք": "kʻ", "օ": "ō", "և": "ew",
}  # fmt: skip

# Western Armenian: the voiced and voiceless stops and affricates of the eastern values swap.
_HY_WEST = {
    **_HY_COMMON, "բ": "p", "պ": "b", "գ": "k", "կ": "g", "դ": "t", "տ": "d", "ծ": "dz",
    "ձ": "ts", "ճ": "j", "ջ": "ch", "ե": "e", "է": "e", "ը": "u", "թ": "t", "ժ": "zh",
    "խ": "kh", "ղ": "gh", "շ": "sh", "ո": "o", "չ": "ch", "ռ": "r", "ց": "ts", "ւ": "v",
    "փ": "p", "ք": "k", "օ": "o", "և": "ev",
}  # fmt: skip


def _armenian(table: dict[str, str], scheme: str) -> Callable[[str], str]:
    contextual = scheme in ("hy-bgn", "hy-west")
    u_digraph = {"hy-bgn": "u", "hy-iso9985": "ow", "hy-hm": "u", "hy-west": "ou"}[scheme]

    def word(w: str) -> str:
        out = []
        i = 0
        while i < len(w):
            if w[i] == "ո" and w[i + 1 : i + 2] == "ւ":
                out.append(u_digraph)
                i += 2
                continue
            letter = _hy_contextual(w, i, scheme, contextual)
            out.append(table.get(w[i], w[i]) if letter is None else letter)
            i += 1
        return "".join(out)

    return word


def _hy_contextual(w: str, i: int, scheme: str, contextual: bool) -> str | None:
    """How the schemes that read Armenian by position render ``w[i]``; None: by the table."""
    if contextual:
        letter = _hy_by_position(w, i)
        if letter is not None:
            return letter
    if scheme == "hy-west" and w[i] == "յ":
        if i == 0:
            return "h"
        if w[i + 1 :] == "ան":
            return "i"  # the -յան surname suffix: -ian
    return None


def _hy_by_position(w: str, i: int) -> str | None:
    """ե, ո and և at the start of a word or after a vowel (BGN/PCGN and Western)."""
    ch, start = w[i], i == 0
    prev_vowel = i > 0 and (w[i - 1] in _HY_VOWELS or w[i - 1 : i + 1] == "ու")
    if ch == "ե" and (start or prev_vowel):
        return "ye"
    if ch == "ո" and start:
        return "vo"
    if ch == "և" and (start or prev_vowel):
        return "yev"
    return None


# --- Russian -------------------------------------------------------------------------------

_RU_VOWELS = set("аеёиоуыэюя")
_RU_SIGNS = set("ъь")

_RU_BGN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

_RU_ISO9 = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "ž", "з": "z",
    "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "ш": "š",
    "щ": "ŝ", "ъ": "ʺ", "ы": "y", "ь": "ʹ", "э": "è", "ю": "û", "я": "â",
}  # fmt: skip

_RU_SCIENTIFIC = {
    **_RU_ISO9, "х": "x", "щ": "šč", "ъ": "ʺ", "ь": "ʹ", "э": "ė", "ю": "ju", "я": "ja",
}  # fmt: skip

_RU_FR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j", "з": "z",
    "и": "i", "й": "ï", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch",
    "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou", "я": "ia",
}  # fmt: skip

_RU_DE = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch",
    "з": "s", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch",
    "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip


def _russian(table: dict[str, str], scheme: str) -> Callable[[str], str]:
    rule = _RU_RULES.get(scheme)

    def word(w: str) -> str:
        out = []
        for i, ch in enumerate(w):
            letter = rule(w, i) if rule is not None else None
            out.append(table.get(ch, ch) if letter is None else letter)
        return "".join(out)

    return word


def _ru_around(w: str, i: int) -> tuple[str, str, bool]:
    """The letters before and after ``w[i]``, and whether a soft vowel there is "y"-initial."""
    prev, nxt = (w[i - 1] if i else ""), w[i + 1 : i + 2]
    return prev, nxt, i == 0 or prev in _RU_VOWELS or prev in _RU_SIGNS


def _ru_bgn(w: str, i: int) -> str | None:
    ch = w[i]
    if ch in "её" and _ru_around(w, i)[2]:
        return "ye" if ch == "е" else "yë"
    return None


def _ru_de(w: str, i: int) -> str | None:
    ch = w[i]
    prev, nxt, soft_start = _ru_around(w, i)
    if ch == "е" and soft_start:
        return "je"
    if ch == "ё" and prev in "жчшщ":
        return "o"  # Горбачёв: Gorbatschow
    if ch == "й" and prev in _RU_VOWELS:
        return "i"  # Гайдар: Gaidar; Шойгу: Schoigu
    if ch == "с" and prev in _RU_VOWELS and nxt in _RU_VOWELS:
        return "ss"
    return None


def _ru_fr(w: str, i: int) -> str | None:
    ch = w[i]
    prev, nxt, _ = _ru_around(w, i)
    if ch == "с" and prev in _RU_VOWELS and nxt in _RU_VOWELS:
        return "ss"
    if ch == "г" and nxt in ("е", "и", "ы", "э"):
        return "gu"
    if ch == "й" and prev not in _RU_VOWELS:
        return "i"
    if ch == "н" and i == len(w) - 1 and prev == "и" and len(w) >= 4:
        return "ne"  # Путин: Poutine; Сталин: Staline
    return None


#: The rules by position of the schemes that have them (the others read letter by letter).
_RU_RULES: dict[str, Callable[[str, int], str | None]] = {
    "ru-bgn": _ru_bgn, "ru-de": _ru_de, "ru-fr": _ru_fr,
}  # fmt: skip


_AZ_CYRL_TO_LATN = {
    "а": "a", "б": "b", "в": "v", "г": "q", "ғ": "ğ", "д": "d", "е": "e", "ә": "ə", "ж": "j",
    "з": "z", "и": "i", "ы": "ı", "ј": "y", "й": "y", "к": "k", "ҝ": "g", "л": "l", "м": "m",
    "н": "n", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "ü",
    "ф": "f", "х": "x", "һ": "h", "ч": "ç", "ҹ": "c", "ш": "ş",
}  # fmt: skip

_AZ_LATN_TO_CYRL = {
    latin: cyr for cyr, latin in _AZ_CYRL_TO_LATN.items() if cyr != "й"
}

_AZ_EN = {
    "ə": "a", "x": "kh", "c": "j", "ç": "ch", "ş": "sh", "ğ": "gh", "q": "g", "ı": "i",
    "ö": "o", "ü": "u", "i": "i",
}  # fmt: skip


def _table_word(table: dict[str, str]) -> Callable[[str], str]:
    def word(w: str) -> str:
        return "".join(table.get(ch, ch) for ch in w)

    return word


_KA_NATIONAL = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t", "ი": "i",
    "კ": "k’", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p’", "ჟ": "zh", "რ": "r",
    "ს": "s", "ტ": "t’", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q’", "შ": "sh",
    "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts’", "ჭ": "ch’", "ხ": "kh", "ჯ": "j", "ჰ": "h",
}  # fmt: skip

_TR_ASCII = {
    "ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u",
}  # fmt: skip


# --- the scheme registry -------------------------------------------------------------------

# Where a scheme applies, by region tags of the gazetteer (see Scheme.homes): Western Armenian
# spellings in Armenia and Karabakh; Armenian forms elsewhere in the South Caucasus too (not
# the Armenian form of Strasbourg); Russian forms in the former USSR and Russian Empire
# (elsewhere, "Жозеп Боррель", they make spellings no one uses).
_ARMENIAN_HOMES = frozenset({"armenian-homeland"})
_SOUTH_CAUCASUS = frozenset({"south-caucasus-area"})
_RUSSIAN_HOMES = frozenset({"post-soviet-area"})

RU = frozenset({"ru"})
HY = frozenset({"hy"})

SCHEMES: dict[str, Scheme] = {
    s.id: s
    for s in (
        Scheme("hy-bgn", "Armn", HY, "hy-Latn", "Armenian, BGN/PCGN 1981", _SOUTH_CAUCASUS),
        Scheme("hy-iso9985", "Armn", HY, "hy-Latn", "Armenian, ISO 9985:1996", _SOUTH_CAUCASUS),
        Scheme("hy-hm", "Armn", HY, "hy-Latn", "Armenian, Hübschmann-Meillet", _SOUTH_CAUCASUS),
        Scheme(
            "hy-west", "Armn", frozenset({"hy"}), "hy-Latn", "Western Armenian pronunciation",
            _ARMENIAN_HOMES,
        ),
        Scheme("ru-bgn", "Cyrl", RU, "ru-Latn", "Russian, BGN/PCGN", _RUSSIAN_HOMES),
        Scheme("ru-iso9", "Cyrl", RU, "ru-Latn", "Russian, ISO 9:1995", _RUSSIAN_HOMES),
        Scheme("ru-scientific", "Cyrl", RU, "ru-Latn", "Russian, scientific", _RUSSIAN_HOMES),
        Scheme("ru-fr", "Cyrl", RU, "fr", "Russian, French press usage", _RUSSIAN_HOMES),
        Scheme("ru-de", "Cyrl", RU, "de", "Russian, German press usage", _RUSSIAN_HOMES),
        Scheme("az-latn", "Cyrl", frozenset({"az"}), "az", "Azerbaijani Cyrillic to Latin"),
        Scheme("az-cyrl", "Latn", frozenset({"az"}), "az-Cyrl", "Azerbaijani Latin to Cyrillic"),
        Scheme("az-en", "Latn", frozenset({"az"}), "en", "Azerbaijani, English press usage"),
        Scheme("ka-national", "Geor", frozenset({"ka"}), "ka-Latn", "Georgian, national 2002"),
        Scheme("tr-ascii", "Latn", frozenset({"tr"}), "tr", "Turkish without diacritics"),
    )
}

_WORD_FUNCS: dict[str, Callable[[str], str]] = {
    "hy-bgn": _armenian(_HY_BGN, "hy-bgn"),
    "hy-iso9985": _armenian(_HY_ISO, "hy-iso9985"),
    "hy-hm": _armenian(_HY_HM, "hy-hm"),
    "hy-west": _armenian(_HY_WEST, "hy-west"),
    "ru-bgn": _russian(_RU_BGN, "ru-bgn"),
    "ru-iso9": _russian(_RU_ISO9, "ru-iso9"),
    "ru-scientific": _russian(_RU_SCIENTIFIC, "ru-scientific"),
    "ru-fr": _russian(_RU_FR, "ru-fr"),
    "ru-de": _russian(_RU_DE, "ru-de"),
    "az-latn": _table_word(_AZ_CYRL_TO_LATN),
    "az-cyrl": _table_word(_AZ_LATN_TO_CYRL),
    "az-en": _table_word(_AZ_EN),
    "ka-national": _table_word(_KA_NATIONAL),
    "tr-ascii": _table_word(_TR_ASCII),
}

_WORD = re.compile(r"\w+", re.UNICODE)


def _lower(ch: str, scheme: str) -> str:
    # Azerbaijani and Turkish: dotted capital İ is i, dotless I is ı.
    if scheme in ("az-cyrl", "az-en", "tr-ascii"):
        if ch == "I":
            return "ı"
        if ch == "İ":
            return "i"
    return ch.lower()


def romanize(text: str, scheme: str) -> str:
    """``text`` written in ``scheme`` (an id of :data:`SCHEMES`), keeping word case.

    Characters the scheme does not cover pass through unchanged.

    >>> romanize("Xocalı", "az-en"), romanize("Xocalı", "az-cyrl"), romanize("Хоҹалы", "az-latn")
    ('Khojali', 'Хоҹалы', 'Xocalı')
    >>> romanize("სააკაშვილი", "ka-national"), romanize("Çavuşoğlu", "tr-ascii")
    ('Saak’ashvili', 'Cavusoglu')
    """
    try:
        func = _WORD_FUNCS[scheme]
    except KeyError:
        raise ValueError(f"unknown scheme {scheme!r}; known: {', '.join(SCHEMES)}") from None
    text = unicodedata.normalize("NFC", text)

    def one(m: re.Match[str]) -> str:
        w = m.group(0)
        lowered = "".join(_lower(c, scheme) for c in w)
        out = func(lowered)
        # Georgian has no capitals: a name's words are capitalized in Latin.
        if out and (w[:1].isupper() or scheme == "ka-national"):
            first = "İ" if scheme == "az-latn" and out[0] == "i" else out[:1].upper()
            out = first + out[1:]
            if w.isupper() and len(w) > 1:
                out = out.upper()
        return out

    return unicodedata.normalize("NFC", _WORD.sub(one, text))


# --- surname suffixes ----------------------------------------------------------------------

# Each group lists spellings of one suffix; a surname ending in one gets the others.
# A group applies only to a person with a name in one of its languages: "Le Drian" is not an
# Armenian -ian name, and "Tsikhanouskaya" has no -ov to alternate.
_SUFFIX_GROUPS: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (frozenset({"hy"}), ("yan", "ian", "jan")),
    (frozenset({"hy"}), ("yants", "iants", "janz")),
    (frozenset({"ru", "az", "uk", "be", "kk"}), ("ova", "owa")),
    (frozenset({"ru", "az", "uk", "be", "kk"}), ("eva", "ewa")),
    (frozenset({"ru", "az", "uk", "be", "kk"}), ("ov", "off", "ow")),
    (frozenset({"ru", "az", "uk", "be", "kk"}), ("ev", "eff", "ew")),
    (frozenset({"ka"}), ("shvili", "chvili", "schwili")),
    (frozenset({"ka"}), ("dze", "dse")),
    (frozenset({"tr", "az"}), ("oğlu", "oglu", "ogly", "oglou")),
)


def suffix_variants(text: str, langs: frozenset[str] | None = None) -> list[str]:
    """The name with its last word's surname suffix written the other usual ways.

    Only Latin-script names are touched; the longest matching suffix wins. ``langs`` are the
    languages the person has names in (None: any); a suffix group applies only to a person
    with a name in one of its languages.

    >>> suffix_variants("Sergei Lavrov")
    ['Sergei Lavroff', 'Sergei Lavrow']
    >>> suffix_variants("Mikheil Saakashvili"), suffix_variants("Mevlüt Çavuşoğlu")[:2]
    (['Mikheil Saakachvili', 'Mikheil Saakaschwili'], ['Mevlüt Çavuşoglu', 'Mevlüt Çavuşogly'])
    """
    words = text.split(" ")
    last = words[-1]
    low = last.lower()
    if len(words) < 2 or not low.isalpha() or not low.isascii() and not low.endswith("oğlu"):
        return []
    best = _longest_suffix(low, langs)
    if best is None:
        return []
    suffix, group = best
    stem = last[: len(last) - len(suffix)]
    head = " ".join(words[:-1])
    return [f"{head} {stem}{other}" for other in group if other != suffix]


def _longest_suffix(
    low: str, langs: frozenset[str] | None
) -> tuple[str, tuple[str, ...]] | None:
    """The longest surname suffix that ends ``low`` (with a letter before it), and its group."""
    best: tuple[str, tuple[str, ...]] | None = None
    for group_langs, group in _SUFFIX_GROUPS:
        if langs is not None and not group_langs & langs:
            continue
        for suffix in group:
            fits = low.endswith(suffix) and len(low) > len(suffix) + 1
            if fits and (best is None or len(suffix) > len(best[0])):
                best = (suffix, group)
    return best


# --- what a name generates -----------------------------------------------------------------

#: Name kinds that generate variants (not corruptions, abbreviations, demonyms, generated).
GENERATING_KINDS = frozenset({"preferred", "official", "variant", "exonym", "historical", "short"})


def variants(
    text: str,
    *,
    script: str | None,
    lang: str | None,
    person: bool = False,
    person_langs: frozenset[str] | None = None,
    homes: frozenset[str] | None = None,
) -> Iterator[tuple[str, str, str]]:
    """(text, scheme id, target language) for every scheme that applies to this name.

    A name's language picks the schemes (``hy`` Armenian ones, ``ru`` Russian ones, ...);
    ``person=True`` adds the surname-suffix alternations of Latin names (for a person with
    names in ``person_langs``, see :func:`suffix_variants`). ``homes`` are the region tags of
    the entity, its country and parents (None: no scheme is limited). Outputs equal to the
    input are left out; duplicates keep the first scheme.

    >>> [(t, s) for t, s, _ in variants("Ереван", script="Cyrl", lang="ru")]
    [('Yerevan', 'ru-bgn'), ('Erevan', 'ru-iso9'), ('Jerewan', 'ru-de')]
    """
    seen = {text}
    made = (
        (romanize(text, scheme.id), scheme.id, scheme.target_lang)
        for scheme in _schemes_for(script, lang, homes)
    )
    for out, scheme_id, target in made:
        if out not in seen:
            seen.add(out)
            yield out, scheme_id, target
    if person and script == "Latn":
        for out in suffix_variants(text, person_langs):
            if out not in seen:
                seen.add(out)
                yield out, "suffix", lang or "und"


def _schemes_for(
    script: str | None, lang: str | None, homes: frozenset[str] | None
) -> Iterator[Scheme]:
    """The schemes that romanize a name of ``script`` and ``lang`` of an entity at ``homes``."""
    if lang is not None and "-" in lang:
        return  # a romanization already ("hy-Latn"): nothing to romanize
    base = (lang or "").split("-")[0]
    for scheme in SCHEMES.values():
        if scheme.script != script or base not in scheme.langs:
            continue
        if homes is not None and scheme.homes is not None and not scheme.homes & homes:
            continue
        yield scheme
