"""Grammatical endings: candidate dictionary forms of an inflected word, by suffix rules.

Names in running text of the region's languages carry case endings: "в Ереване", "Երևանում",
"Bakıda", "İstanbul'da", "თბილისში", "w Erywaniu". :func:`strip_inflection` proposes the
dictionary forms a word may come from, each with the ending removed and the rule that removed
it. It only *proposes*: the resolver (:meth:`namenorm.Resolver.resolve`) accepts a proposal only
when the proposed form is a gazetteer name at the exact, folded or phonetic level, so an
ordinary word is never stemmed into an entity unless its stem *is* a name.

Rules by script (a hint such as ``"ru"`` or ``"tr"`` restricts them to one language):

* Cyrillic: Russian and Ukrainian noun cases (genitive, dative, instrumental, locative,
  accusative) of hard, soft, -а/-я and -ия stems; surname endings (-ым, -ой); adjective endings
  ("Нагорного" -> "Нагорный", "Шушинского района" -> "Шушинский район"); the Ukrainian
  alternations к/ц, г/з, х/с before -і ("Карабасі" -> "Карабах").
* Armenian: articles -ը/-ն and the cases -ի, -ին, -ում, -ից, -ով (plural -եր-/-ներ- too), the
  buffer յ after a vowel ("Մոսկվայում"), the ու/վ alternation ("Բաքվում" -> "Բաքու") and the
  dropped ու ("խմբի" -> "խումբ");
  after a hyphen for abbreviations ("ՀԱՊԿ-ի").
* Latin, Turkish and Azerbaijani: locative, ablative, dative, genitive, accusative,
  instrumental and the relative -daki, with or without an apostrophe (typographic ones are
  unified upstream) or a hyphen, checked for vowel harmony and buffer consonants
  ("Bakıda", "Bakıya", "Bakının", "Ankara'nın").
* Latin, Polish, Czech and Slovak: the usual case endings of masculine, feminine and neuter
  stems, with the soft -ń and the alternations of the Polish locative ("Stepanakercie").
* Latin, English: the possessive 's.
* Georgian: -ში, -ის, -ს, -მა/-მ, -ით, -ად, -ზე, -თან, -დან/-იდან, -თვის with the nominative
  -ი restored, the -ა/-ე truncation ("კობახიძის" -> "კობახიძე") and syncope ("ერევნის" ->
  "ერევანი").
* Arabic: the proclitics و ب ل ف and the article ال ("وأرمينيا" -> "أرمينيا"); Hebrew: the
  prefixed particles ו ב ל מ ה ש כ ("בבאקו" -> "באקו").

In scripts with capital letters a word that starts in lower case is left alone: names are
capitalized there, and "путина" (a fishing season) must not become Putin.

>>> [s.stem for s in strip_inflection("Ереване")][:2]
['Ереван', 'Еревана']
>>> strip_inflection("Bakıda")[0]
Stem(stem='Bakı', ending='da', rule='locative', lang='az/tr')
>>> strip_inflection("рана")
[]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import lru_cache

from namenorm.matching.endings import (
    SOUTH_SLAVIC_ROMANIAN_RULES,
    elided_article,
    fits_alphabet,
    german,
    hungarian,
    japanese_honorific,
    kurdish,
)
from namenorm.matching.endings_asia import bengali, korean, tamil
from namenorm.matching.stems import MIN_STEM, SEPARATORS, PhraseStem, Stem
from namenorm.matching.turkic import turkic
from namenorm.text.scripts import is_cased, single_script

__all__ = ["PhraseStem", "Stem", "stem_phrase", "strip_inflection"]


# -- Cyrillic ------------------------------------------------------------------------------------
# (ending, replacements, rule, lang). Replacements are tried in order; "" removes the ending.
_RU, _UK, _RUUK = "ru", "uk", "ru/uk"
_CYRILLIC_RULES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    # adjectives (before the nouns: "-ого" must not be read as a noun ending "-о")
    ("ского", ("ский",), "genitive (adjective)", _RUUK),
    ("скому", ("ский",), "dative (adjective)", _RUUK),
    ("ским", ("ский",), "instrumental (adjective)", _RUUK),
    ("ском", ("ский",), "locative (adjective)", _RUUK),
    ("ської", ("ська",), "genitive (adjective)", _UK),
    ("ській", ("ська", "ський"), "locative (adjective)", _UK),
    ("ському", ("ський",), "dative (adjective)", _UK),
    ("ським", ("ський",), "instrumental (adjective)", _UK),
    ("ого", ("ый", "ий", "ой", "ий"), "genitive (adjective)", _RUUK),
    ("его", ("ий",), "genitive (adjective)", _RUUK),
    ("ому", ("ый", "ий", "ой"), "dative (adjective)", _RUUK),
    ("ему", ("ий",), "dative (adjective)", _RUUK),
    ("ым", ("ый", ""), "instrumental", _RU),
    ("им", ("ий", ""), "instrumental (adjective, surname in -ev/-in)", _RUUK),
    ("ой", ("ая", "ый", "а", ""), "genitive/instrumental", _RU),
    ("ую", ("ая",), "accusative (adjective)", _RU),
    ("ою", ("а", "ая"), "instrumental", _RUUK),
    ("ей", ("я", "яя"), "genitive/instrumental", _RU),
    ("ею", ("я",), "instrumental", _RUUK),
    ("ій", ("а", "ія"), "locative", _UK),
    ("ых", ("ые", "ый"), "genitive/locative plural (adjective)", _RU),
    ("их", ("ие", "ий"), "genitive/locative plural (adjective)", _RU),
    # -ия / -ія stems
    ("ии", ("ия",), "genitive/dative/locative", _RU),
    ("ией", ("ия",), "instrumental", _RU),
    ("ию", ("ия",), "accusative", _RU),
    ("ії", ("ія",), "genitive/dative/locative", _UK),
    ("ією", ("ія",), "instrumental", _UK),
    ("ію", ("ія",), "accusative", _UK),
    # Ukrainian alternations before the locative -і
    ("ці", ("к", "ка"), "locative (к/ц)", _UK),
    ("зі", ("г", "га"), "locative (г/з)", _UK),
    ("сі", ("х", "ха"), "locative (х/с)", _UK),
    # nouns
    ("ові", ("",), "dative", _UK),
    ("еві", ("", "ь", "й"), "dative", _UK),
    ("ом", ("", "ый", "ой", "ий"), "instrumental/locative (adjective)", _RUUK),
    ("ем", ("", "ь", "й", "ий"), "instrumental/locative (adjective)", _RUUK),
    ("ём", ("", "ь"), "instrumental", _RU),
    ("ам", ("",), "dative plural", _RUUK),
    ("ах", ("", "ы", "и"), "locative plural", _RUUK),
    ("а", ("", "о"), "genitive", _RUUK),
    ("у", ("", "а"), "dative/accusative", _RUUK),
    ("е", ("", "а", "я", "й", "ь", "о"), "locative/dative", _RUUK),
    ("ы", ("а", ""), "genitive", _RUUK),
    ("и", ("а", "я", "ь"), "genitive/dative/locative", _RUUK),
    ("і", ("", "а", "я", "ь"), "locative/dative", _UK),
    ("я", ("ь", "й"), "genitive", _RUUK),
    ("ю", ("ь", "й", "я"), "dative/accusative", _RUUK),
)

# -- Armenian ------------------------------------------------------------------------------------
_HY_CASES: tuple[tuple[str, str], ...] = (
    ("ներից", "ablative plural"), ("ներում", "locative plural"), ("ներով", "instrumental plural"),
    ("ների", "genitive plural"), ("ները", "plural with article"), ("ներն", "plural with article"),
    ("երից", "ablative plural"), ("երում", "locative plural"), ("երով", "instrumental plural"),
    ("երի", "genitive plural"), ("երը", "plural with article"), ("երն", "plural with article"),
    ("ում", "locative"), ("ից", "ablative"), ("ով", "instrumental"), ("ին", "dative"),
    ("ի", "genitive/dative"), ("ը", "article"), ("ն", "article"),
)  # fmt: skip
_HY_VOWELS = set("աեէըիոօու")

# -- Polish, Czech, Slovak -----------------------------------------------------------------------
_WEST_SLAVIC_RULES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    # adjectives, before the nouns ("Górskiego Karabachu", "Náhorného Karabachu")
    ("iego", ("i",), "genitive (adjective)", "pl"),
    ("ego", ("y",), "genitive (adjective)", "pl"),
    ("iemu", ("i",), "dative (adjective)", "pl"),
    ("emu", ("y",), "dative (adjective)", "pl"),
    ("ím", ("í",), "instrumental/locative (adjective)", "cs"),
    ("ého", ("ý",), "genitive (adjective)", "cs/sk"),
    ("ího", ("í",), "genitive (adjective)", "cs"),
    ("ému", ("ý",), "dative (adjective)", "cs/sk"),
    ("ej", ("a", "á"), "genitive/locative (adjective)", "pl/sk"),
    ("cie", ("t",), "locative (t/ci)", "pl"),
    ("dzie", ("d",), "locative (d/dzi)", "pl"),
    ("rze", ("r",), "locative (r/rz)", "pl"),
    ("niowi", ("ń",), "dative", "pl"),
    ("niem", ("ń",), "instrumental", "pl"),
    ("niu", ("ń",), "locative", "pl"),
    ("nia", ("ń",), "genitive", "pl"),
    ("owi", ("",), "dative", "pl"),
    ("ovi", ("",), "dative", "cs/sk"),
    ("em", ("", "o"), "instrumental", "pl/cs"),
    ("om", ("", "o"), "instrumental", "sk"),
    ("ji", ("ja",), "genitive/dative/locative", "pl"),
    ("ją", ("ja",), "instrumental", "pl"),
    ("ję", ("ja",), "accusative", "pl"),
    ("ii", ("ia", "ie"), "genitive/dative/locative", "pl/cs"),
    ("ią", ("ia",), "instrumental", "pl"),
    ("ię", ("ia",), "accusative", "pl"),
    ("ií", ("ie",), "instrumental", "cs"),
    ("ou", ("a",), "instrumental", "cs/sk"),
    ("ą", ("a",), "instrumental", "pl"),
    ("ę", ("a",), "accusative", "pl"),
    ("u", ("", "o", "a"), "genitive/dative/locative", "pl/cs/sk"),
    ("a", ("", "o"), "genitive", "pl/cs/sk"),
    ("e", ("",), "locative", "sk"),
    ("ě", ("",), "locative", "cs"),
    ("y", ("a",), "genitive", "pl/cs/sk"),
)

# -- Georgian ------------------------------------------------------------------------------------
_KA_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ისთვის", "benefactive"), ("ისკენ", "directional"), ("ისგან", "ablative"),
    ("იდან", "ablative"), ("ამდე", "terminative"), ("თვის", "benefactive"),
    ("ში", "locative -ში"), ("ზე", "superessive -ზე"), ("თან", "adessive -თან"),
    ("დან", "ablative"), ("ის", "genitive"), ("ით", "instrumental"), ("ად", "adverbial"),
    ("მა", "ergative"), ("სა", "dative (with -ა)"), ("ს", "dative"),
    ("მ", "ergative"),
)  # fmt: skip
_KA_VOWELS = set("აეიოუ")

# -- Arabic --------------------------------------------------------------------------------------
_AR_PROCLITICS = ("وبال", "وال", "بال", "لل", "فال", "ال", "و", "ب", "ل", "ف")
#: Letters an Arabic stem needs after a proclitic ("وكان", "and was", is not "و" + "كان").
_MIN_AR_STEM = 4

# -- Hebrew --------------------------------------------------------------------------------------
# The prefixed particles: and, in, to, from, the, that, as, and their pairs.
_HE_PROCLITICS = (
    "וב", "ול", "ומ", "וה", "וש", "שב", "של", "שמ", "מה", "לה", "בה", "כש",
    "ו", "ב", "ל", "מ", "ה", "ש", "כ",
)  # fmt: skip
_MIN_HE_STEM = 4


def _restore_case(word: str, stem: str) -> str:
    if word.isupper() and len(word) > 1:
        return stem.upper()
    return stem


def strip_inflection(
    token: str, lang_hint: str | None = None, *, lowercase_ok: bool = False
) -> list[Stem]:
    """Possible dictionary forms of ``token``, most specific rule first (no duplicates).

    ``lang_hint`` (``ru``, ``uk``, ``hy``, ``az``, ``tr``, ``ka``, ``pl``, ``cs``, ``sk``,
    ``en``, ``ar``, ``he``) keeps only that language's rules. A word in lower case in a cased
    script, a word mixing scripts and a stem shorter than three letters give nothing;
    ``lowercase_ok=True`` lifts the lower-case guard (for the other words of a capitalized
    phrase: "Шушинского района").

    >>> [(s.stem, s.ending) for s in strip_inflection("İstanbul'da")]
    [('İstanbul', 'da')]
    >>> strip_inflection("Երևանում")[0].stem
    'Երևան'
    >>> strip_inflection("თბილისში")[0].stem
    'თბილისი'
    """
    if not isinstance(token, str):
        raise TypeError(f"token must be str, not {type(token).__name__}")
    if len(token) > _MAX_CACHED_TOKEN:  # answered, but never kept by the cache
        return _strip_uncached(token, lang_hint, lowercase_ok)
    return list(_strip(token, lang_hint, lowercase_ok))


#: Words longer than this are not remembered by :func:`_strip`'s cache (65,536 entries of at
#: most this many characters), so words of 100,000 letters cannot fill memory.
_MAX_CACHED_TOKEN = 100


@lru_cache(maxsize=65536)
def _strip(token: str, lang_hint: str | None, lowercase_ok: bool) -> tuple[Stem, ...]:
    """:func:`strip_inflection`, cached: a text names the same words again and again."""
    return tuple(_strip_uncached(token, lang_hint, lowercase_ok))


def _strip_uncached(token: str, lang_hint: str | None, lowercase_ok: bool) -> list[Stem]:
    token = token.strip()
    script = single_script(token)
    if script == "LATIN" and "'" in token:
        elided = elided_article(token)  # "l'ONU": a lower-case article before the name
        if elided:
            return elided
    if script is None:
        return japanese_honorific(token)  # katakana and a kanji or hiragana title
    if not _may_be_inflected(token, script, lowercase_ok):
        return []
    rules = _RULES_BY_SCRIPT.get(script)
    out = [] if rules is None else rules(token)
    if lang_hint:
        out = [s for s in out if lang_hint in s.lang.split("/")]
    seen: set[str] = set()
    unique = []
    for s in out:
        if s.stem not in seen and s.stem != token:
            seen.add(s.stem)
            unique.append(s)
    return unique


def _may_be_inflected(token: str, script: str, lowercase_ok: bool) -> bool:
    """Long enough, capitalized in a cased script (unless ``lowercase_ok``), no abbreviation."""
    if len(token) < MIN_STEM + 1:
        return False
    if is_cased(script) and not token[0].isupper() and not lowercase_ok:
        return False
    # an abbreviation ("ОБСЕ", "ОДКБ"): cases attach after a hyphen if at all
    return not (token.isupper() and len(token) <= 5 and not _has_separator(token))


def _has_separator(token: str) -> bool:
    return any(c in token for c in SEPARATORS)


def _cyrillic(token: str) -> list[Stem]:
    return _by_table(token, _CYRILLIC_RULES)


def _latin(token: str) -> list[Stem]:
    out = [*turkic(token), *_english(token)]
    if not _has_separator(token):
        out.extend(_by_table(token, _WEST_SLAVIC_RULES))
        out.extend(
            s for s in _by_table(token, SOUTH_SLAVIC_ROMANIAN_RULES) if fits_alphabet(token, s.lang)
        )
        out.extend(hungarian(token))
        out.extend(kurdish(token))
        out.extend(german(token))
    return out


def _by_table(
    token: str, rules: tuple[tuple[str, tuple[str, ...], str, str], ...]
) -> list[Stem]:
    low = token.casefold()
    latin = rules is not _CYRILLIC_RULES
    out: list[Stem] = []
    for ending, replacements, rule, lang in rules:
        if not low.endswith(ending) or len(low) - len(ending) < MIN_STEM - 1:
            continue
        base = token[: len(token) - len(ending)]
        if "/" in rule.partition("(")[2] and len(base) < 4:
            continue  # an alternation on a short stem: "Досі" is no form of "Доха"
        # A one-letter Latin ending needs a stem of five letters: "Vedia" is no form of "Vedi".
        shortest = 5 if latin and len(ending) == 1 else MIN_STEM
        for rep in replacements:
            stem = base + _restore_case(token, rep)
            if len(stem) >= shortest:
                out.append(Stem(stem, token[len(base) :], rule, lang))
    return out


def _armenian(token: str) -> list[Stem]:
    low = token.casefold()
    head, sep, tail = low.rpartition("-")
    if sep and head and tail:
        return [
            Stem(token[: len(head)], token[len(head) + 1 :], rule, "hy")
            for ending, rule in _HY_CASES
            if tail == ending
        ]
    out = []
    for ending, rule in _HY_CASES:
        if low.endswith(ending):
            out.extend(_armenian_case(token, ending, rule))
    return out


def _armenian_case(token: str, ending: str, rule: str) -> list[Stem]:
    """The stems of ``token`` without the Armenian ``ending``, with the buffer յ, the ու/վ
    alternation and the dropped ու undone."""
    base = token[: len(token) - len(ending)]
    if len(base) < MIN_STEM or not _hy_article_fits(base, ending):
        return []
    written = token[len(base) :]
    out = [Stem(base, written, rule, "hy")]
    last = base[-1:].casefold()
    if last == "յ" and base[-2:-1].casefold() in _HY_VOWELS:
        out.append(Stem(base[:-1], token[len(base) - 1 :], rule + " (buffer յ)", "hy"))
    if last == "վ":
        out.append(Stem(base[:-1] + "ու", written, rule + " (ու/վ)", "hy"))
    if len(base) >= 3 and not _HY_VOWELS & {base[-1].casefold(), base[-2].casefold()}:
        # the vowel ու of the last syllable drops before an ending: "խմբի" is "խումբ"
        for k in (1, 2):
            stem = base[: -k - 1] + "ու" + base[-k - 1 :]
            out.append(Stem(stem, written, rule + " (ու dropped)", "hy"))
    return out


def _hy_article_fits(base: str, ending: str) -> bool:
    """The article is -ն only after a vowel, and -ը not after one (but after ու)."""
    if ending == "ն":
        return base[-1:].casefold() in _HY_VOWELS
    if ending == "ը":
        return not (base[-1:].casefold() in _HY_VOWELS and not base.endswith("ու"))
    return True


def _english(token: str) -> list[Stem]:
    if token.casefold().endswith("'s") and len(token) > MIN_STEM + 2:
        return [Stem(token[:-2], token[-2:], "possessive", "en")]
    return []


def _georgian(token: str) -> list[Stem]:
    out = []
    for ending, rule in _KA_ENDINGS:
        if not token.endswith(ending):
            continue
        base = token[: len(token) - len(ending)]
        if len(base) < MIN_STEM - 1:
            continue
        if base[-1] in _KA_VOWELS:
            out.append(Stem(base, ending, rule, "ka"))
            if base.endswith("ი"):  # -ის, -ით after a restored stem: თბილისი-ს is rare
                continue
        else:
            out.append(Stem(base + "ი", ending, rule, "ka"))
            out.append(Stem(base + "ე", ending, rule + " (stem -ე truncated)", "ka"))
            out.append(Stem(base + "ა", ending, rule + " (stem -ა truncated)", "ka"))
            if len(base) >= 4 and base[-2] not in _KA_VOWELS:
                for v in "აე":
                    out.append(
                        Stem(base[:-1] + v + base[-1] + "ი", ending, rule + " (syncope)", "ka")
                    )
    return out


def _arabic(token: str) -> list[Stem]:
    out = []
    for prefix in _AR_PROCLITICS:
        if token.startswith(prefix) and len(token) - len(prefix) >= _MIN_AR_STEM:
            out.append(Stem(token[len(prefix) :], prefix, "proclitic", "ar"))
    return out


def _hebrew(token: str) -> list[Stem]:
    out = []
    for prefix in _HE_PROCLITICS:
        if token.startswith(prefix) and len(token) - len(prefix) >= _MIN_HE_STEM:
            out.append(Stem(token[len(prefix) :], prefix, "proclitic", "he"))
    return out


def stem_phrase(
    text: str, lang_hint: str | None = None, *, max_variants: int = 48
) -> list[PhraseStem]:
    """Variants of a phrase with one or more words replaced by proposed dictionary forms.

    Words are separated by spaces; at most ``max_variants`` variants, those changing fewer
    words first. The phrase itself is not among them.

    >>> [p.text for p in stem_phrase("Нагорного Карабаха")][:1]
    ['Нагорного Карабах']
    """
    words = text.split(" ")
    if not words or len(words) > 6:
        return []
    # Inside a phrase with a capitalized word, lower-case words are part of the name
    # ("Шушинского района", "Минской группы").
    capitalized = len(words) > 1 and any(w[:1].isupper() for w in words)
    options: list[list[Stem | None]] = [
        [None, *strip_inflection(w, lang_hint, lowercase_ok=capitalized)] for w in words
    ]
    if all(len(o) == 1 for o in options):
        return []
    return _phrases(words, options, max_variants)


def _phrases(
    words: list[str], options: list[list[Stem | None]], max_variants: int
) -> list[PhraseStem]:
    """The phrases made of ``words`` with the stems of ``options`` (None: the word kept),
    fewer replaced words first, at most ``max_variants``."""
    variants: list[PhraseStem] = []
    combos = sorted(
        itertools.islice(itertools.product(*options), 4096),
        key=lambda c: sum(s is not None for s in c),
    )
    for combo in combos:
        used = tuple(s for s in combo if s is not None)
        if not used:
            continue
        phrase = " ".join(s.stem if s is not None else w for w, s in zip(words, combo))
        variants.append(PhraseStem(phrase, used))
        if len(variants) >= max_variants:
            break
    return variants


#: The suffix rules of each script (:func:`namenorm.text.scripts.single_script` names).
_RULES_BY_SCRIPT: dict[str, Callable[[str], list[Stem]]] = {
    "CYRILLIC": _cyrillic,
    "ARMENIAN": _armenian,
    "GEORGIAN": _georgian,
    "ARABIC": _arabic,
    "HEBREW": _hebrew,
    "LATIN": _latin,
    "HANGUL": korean,
    "BENGALI": bengali,
    "TAMIL": tamil,
}
