"""Armenian and Georgian endings written as one word with a name (namenorm.mentions.spans)."""

from __future__ import annotations

import namenorm


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in namenorm.annotate(text)]


def test_a_georgian_ergative_on_a_full_name() -> None:
    found = _found("მარია ზახაროვამ განაცხადა, რომ რუსეთი მზადაა.")
    assert ("მარია ზახაროვამ", "maria-zakharova") in found


def test_an_armenian_article_on_a_surname_in_context() -> None:
    text = "Ռուսաստանի նախագահի մամուլի քարտուղար Դմիտրի Պեսկովը հայտնեց, որ Պեսկովն է խոսել։"
    assert ("Պեսկովն", "dmitry-peskov") in _found(text)


def test_a_longer_name_around_the_stem_still_wins() -> None:
    found = _found("Արցախի Հանրապետության նախագահը Ստեփանակերտում էր։")
    assert ("Արցախի", "artsakh") not in found
