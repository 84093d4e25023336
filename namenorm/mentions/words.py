"""The small vocabulary that mention detection reads around names, as folded token keys."""

from __future__ import annotations

__all__ = [
    "ABBREVIATIONS",
    "CONNECTORS",
    "FUNCTION_WORDS",
    "INEXACT",
    "ORG_CUES_AFTER",
    "PERSON_CUES",
    "PLACE_CUES_AFTER",
    "PLACE_CUES_BEFORE",
    "ORDINARY_WORDS",
    "POSSESSIVE",
    "is_written_ending",
    "VOCABULARY",
]

#: Methods of a match that is not a spelling of an alias ("abjad": an Arabic-script name read
#: by its consonants and long vowels, :mod:`~namenorm.mentions.abjad`).
INEXACT = frozenset({"phonetic", "skeleton", "fuzzy", "abjad"})

#: A name never ends in these after an apostrophe ("Armenia's").
POSSESSIVE = frozenset({"s"})
#: French and Italian articles and prepositions written onto the next word with an apostrophe
#: ("L'Azerbaigian", "dell'OSCE", "d'Erevan", "qu'Aliyev"): the word after is the name.
ELIDED = frozenset("l d dell dall nell sull all coll qu".split())

#: Words that may stand inside a multi-word name in lower case ("Ministry of Foreign Affairs").
CONNECTORS = frozenset(
    "of de del della der des di du da dos das la le el al ul van von bin ibn and".split()
)
#: Words that do not begin a name looked up inexactly (they are capitalized at a sentence start).
FUNCTION_WORDS = frozenset(
    """the a an in on at by for from to with and or but as of this that these those his her
    its their our my your it he she we they i is was are were after before during while when
    if then there here what who which where how why not no yes all some many most more also
    both each every other another such than so yet since until unless because although
    later earlier meanwhile however instead still now today yesterday tomorrow again already
    thus also separately elsewhere finally first next last then there here only even just
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)
#: Words of languages written without capitals (and month names) that are never a name on
#: their own, as written: a span of these alone is no mention ("از یک" is no Azokh, "كان" no
#: Imran Khan, "Aralık" no Maralik).
ORDINARY_WORDS = frozenset(
    """از یک به در با که این آن را تا بر هم یا اما من او ما شما آنها کرد شد است بود
    داشت دارد دارند داشتند کردند کند کنند شدند شود شده کرده بودند نیست هست خواهد باید
    نیز خود برای پس بین روی زیر پیش بعد قبل همه هر چه چون اگر ولی گفت گفته استان کشور
    في من على إلى عن مع كان كانت هذا هذه ذلك التي الذي قد لا ما لم لن أن إن أو ثم
    كما بعد قبل حيث بين عند حتى أيضا لكن غير كل بعض الذين هو هي هم نحن قال أكد أعلن
    Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık
    Yanvar Fevral Aprel May İyun İyul Avqust Sentyabr Oktyabr Noyabr Dekabr""".split()
)
#: Abbreviations after which a full stop does not end the sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt sgt prof gov sen rep pres amb capt maj adm no vs".split()
)
#: Words before a person's name that make it a name (English and the region's languages, as
#: folded keys: Cyrillic, Armenian and Azerbaijani forms fold to Latin).
PERSON_CUES = frozenset(
    """president presidents premier minister ministers prime chancellor spokesman spokeswoman
    spokesperson leader leaders mr mrs ms dr general gen secretary ambassador envoy counterpart
    deputy chairman chairwoman chair speaker mayor governor commander colonel senator king
    queen emir sheikh ayatollah pope patriarch catholicos aide adviser advisor ombudsman
    prezident ministr premer prem'er nazir prezidenti naxagah varchapet nakhagah nakharar
    cumhurbaskani bakan basbakan sozcusu""".split()
)
#: Words next to a place name that make it a place.
PLACE_CUES_BEFORE = frozenset(
    "capital city town village region province district republic enclave in near".split()
)
PLACE_CUES_AFTER = frozenset(
    """region district province city town village republic corridor river mountains
    mountain reservoir airport border pass lake valley oblast rayon""".split()
)
ORG_CUES_AFTER = frozenset("agency reported reports said says news".split())
#: Words an inexact match may not turn into another word ("Foreign Minister" is no "Ministry").
VOCABULARY = (
    FUNCTION_WORDS | CONNECTORS | PERSON_CUES | PLACE_CUES_BEFORE | PLACE_CUES_AFTER
    | frozenset("ministry ministries foreign defence defense affairs armed forces".split())
)


def _turkic_endings() -> frozenset[str]:
    # buffer consonant, possessive or linking vowel, n, then a case ending or nothing:
    # 'ı, 'na, 'nda, 'nın, -in, -sinə, 'ndan, 'daki ...
    vowels = ("", "ı", "i", "u", "ü")
    cases = (
        "", "a", "e", "ə", "ı", "i", "u", "ü", "da", "de", "də", "ta", "te", "dan", "den",
        "dən", "tan", "ten", "ın", "in", "un", "ün", "la", "le", "lə", "daki", "deki",
        "dakı", "dəki", "yla", "yle", "ya", "ye", "yə", "nın", "nin", "nun", "nün",
    )  # fmt: skip
    out = set()
    for buffer in ("", "n", "y", "s"):
        for vowel in vowels:
            for n in ("", "n"):
                for case in cases:
                    ending = buffer + vowel + n + case
                    if 0 < len(ending) <= 6:
                        out.add(ending)
    return frozenset(out)


#: Case endings written after an apostrophe or a hyphen, by script: Turkish and Azerbaijani
#: after a proper name or an abbreviation ("Dağlık Karabağ'ı", "XİN-in", "TV-sinə"),
#: Georgian and Armenian after an abbreviation or a number ("აშშ-ის", "რუსთავი 2-ის", "ԱՄՆ-ի").
_WRITTEN_ENDINGS = {
    "LATIN": _turkic_endings() - POSSESSIVE,
    "GEORGIAN": frozenset(
        "ის ს ში ზე მა მ ით ად თან დან იდან თვის ისთვის ში ში ზე ში".split()
    ),
    "ARMENIAN": frozenset("ի ին ում ից ով ը ն".split()),
}


def is_written_ending(word: str, script: str | None) -> bool:
    """Whether ``word``, written after an apostrophe or a hyphen right after a name, is a case
    ending of that name.

    >>> is_written_ending("nda", "LATIN"), is_written_ending("s", "LATIN")
    (True, False)
    """
    endings = _WRITTEN_ENDINGS.get(script or "")
    return endings is not None and word in endings
