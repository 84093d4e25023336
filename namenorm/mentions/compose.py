"""Whole names first: a name with a generic word beside it names the longer entity.

"Republik Bergkarabach", "Dağlık Karabağ Cumhuriyeti", "Kanato de Karabaj", "Laçın rayonu",
"Fédération de Russie": the inner name resolves to a place, and the generic word next to it
(in any of the languages below, before or after the name, across a connector such as "de",
"d'", "del", "of") says that the text names something else built on it. The longer entity is
found by composing the generic word's English form with the inner entity's English names
("Nagorno-Karabakh Republic", "Karabakh Khanate", "Lachin District", "Russian Federation") and
asking the resolver for an exact spelling of a gazetteer alias (of another entity, or the
official name of the same one: "Fédération de Russie" is Russia, whole). When nothing in the gazetteer
has that name, the inner mention stays as it was.

The table holds the generic words only; the names come from the gazetteer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from namenorm.matching.match import Match
from namenorm.matching.resolver import Resolver
from namenorm.mentions.mention import Mention
from namenorm.mentions.tokens import Token

__all__ = ["GENERIC_WORDS", "Composer"]

#: English generic word -> its written forms in the languages of the region and of the news
#: that covers it (with the inflected forms that stand next to a name in the nominative).
GENERIC_WORDS: dict[str, tuple[str, ...]] = {
    "Republic": (
        "Republik", "République", "República", "Repubblica", "Republiek", "Republikken",
        "Respublikası", "Cumhuriyeti", "Республика", "Республики", "Республике",
        "Հանրապետություն", "Հանրապետության", "რესპუბლიკა", "რესპუბლიკის",
        "جمهورية", "لجمهورية", "بجمهورية", "وجمهورية", "جمهوری",
    ),
    "Corridor": (
        "corridor", "couloir", "corredor", "corridoio", "korridor", "korridoren", "Korridor",
        "Koridoru", "koridoru", "dəhlizi", "коридор", "коридора", "коридоре", "միջանցք",
        "միջանցքի", "დერეფანი", "ممر", "دالان", "کریدور",
    ),
    "Khanate": ("khanat", "kanato", "khanato", "Khanat", "xanlığı", "Hanlığı", "ханство",
                "ханства", "خانات", "خانية"),
    "Group": ("groupe", "gruppo", "grupo", "gruppe", "gruppen", "qrupu", "grubu", "группа",
              "группы", "խումբ", "խմբի", "ჯგუფი", "مجموعة", "گروه"),
    "District": ("district", "rayonu", "rayonunun", "rayonunda", "район", "района", "районе",
                 "Bezirk", "distrito", "distretto", "შრაჯი"),
    "Federation": ("fédération", "federación", "federazione", "föderation", "Федерация",
                   "Федерации", "Federasiyası", "Federasyonu", "فدراسیون", "الاتحادية"),
    "Bridge": ("broen", "bro", "köprüsü", "köprüsünde", "körpüsü", "pont", "puente", "ponte",
               "Brücke", "мост", "կամուրջ", "ხიდი", "پل", "جسر"),
    "Crossing": ("گذرگاه", "passage", "Übergang", "keçid", "keçidi", "КПП"),
    "Province": ("ili", "ilinin", "ilində", "province", "provincia", "провинция", "marz",
                 "մարզ", "մարզի", "استان"),
}  # fmt: skip

#: Words that may stand between a generic word before a name and the name.
_LINKS = frozenset("de d du del della dell di of des do da".split())


class Composer:
    """Extends mentions over a generic word beside them when the gazetteer names the whole."""

    def __init__(self, resolver: Resolver, key_of: Callable[[str, bool], tuple[str, str]],
                 names: Callable[[str], tuple[str, ...]]) -> None:
        self._resolver = resolver
        self._names = names
        self._generic: dict[str, str] = {}
        for english, forms in GENERIC_WORDS.items():
            for form in (english, *forms):
                for latin in (True, False):
                    key = key_of(form, latin)[0]
                    if key:
                        self._generic.setdefault(key, english)
        self._cache: dict[tuple[str, str], Match | None] = {}

    def compose(self, text: str, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
        """``mentions`` with each inner name that a generic word turns into a longer
        gazetteer entity replaced by that entity over the whole span."""
        first_at = {t.start: k for k, t in enumerate(tokens)}
        last_at = {t.end: k for k, t in enumerate(tokens)}
        taken = {k for m in mentions for k in range(first_at.get(m.start, -1),
                                                    last_at.get(m.end, -2) + 1)}
        out = []
        for m in mentions:
            i, j = first_at.get(m.start), last_at.get(m.end)
            if i is None or j is None or m.kind != "name":
                out.append(m)
                continue
            longer = self._after(text, tokens, m, j, taken) or self._before(
                text, tokens, m, i, taken
            )
            out.append(longer or m)
        return out

    def _after(self, text: str, tokens: list[Token], m: Mention, j: int,
               taken: set[int]) -> Mention | None:
        k = j + 1
        if k >= len(tokens) or k in taken or tokens[k].join is None:
            return None
        english = self._generic.get(tokens[k].key)
        if english is None:
            return None
        return self._longer(text, m, m.start, tokens[k].end, english, same=False)

    def _before(self, text: str, tokens: list[Token], m: Mention, i: int,
                taken: set[int]) -> Mention | None:
        k = i - 1
        if k < 0 or tokens[i].join is None:
            return None
        if tokens[k].key in _LINKS and k > 0 and tokens[k].join is not None:
            k -= 1
        if k in taken:
            return None
        english = self._generic.get(tokens[k].key)
        if english is None:
            return None
        return self._longer(text, m, tokens[k].start, m.end, english, same=True)

    def _longer(self, text: str, m: Mention, start: int, end: int, english: str,
                same: bool) -> Mention | None:
        # The official name of the same entity only with the generic word first ("Fédération
        # de Russie"); "Russie Fédération" is a translation's word order, not a name.
        match = self._whole(m.id, english)
        if match is None or (match.id == m.id and not same):
            return None
        span = text[start:end]
        step = f"generic word: {english} beside {m.text!r} ({m.id}) -> {match.alias!r}"
        match = replace(match, query=span, explanation=(step, *match.explanation))
        return Mention(start, end, span, match, "name")

    def _whole(self, inner: str, english: str) -> Match | None:
        key = (inner, english)
        if key not in self._cache:
            found = None
            for name in self._names(inner):
                for query in (f"{name} {english}", f"{english} of {name}"):
                    match = self._resolver.resolve(query)
                    if (
                        match is not None
                        and (match.method in ("exact", "folded") and match.id != inner
                             or match.method == "exact" and match.alias_kind == "official")
                        and match.ending is None
                        and match.type != "person"
                    ):
                        found = match
                        break
                if found is not None:
                    break
            self._cache[key] = found
        return self._cache[key]
