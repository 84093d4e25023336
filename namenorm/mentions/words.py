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
    "POSSESSIVE",
    "VOCABULARY",
]

#: Methods of a match that is not a spelling of an alias.
INEXACT = frozenset({"phonetic", "skeleton", "fuzzy"})

#: A name never ends in these after an apostrophe ("Armenia's").
POSSESSIVE = frozenset({"s"})

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
