"""Mojibake repair: real text is never touched, reversible misreadings are undone."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import namenorm
from namenorm.text.mojibake import MISREADINGS, misread, oddity, repair, repair_explained
from tests.conftest import SEEDS


def _names() -> list[str]:
    return sorted({n.text for e in namenorm.default_gazetteer().entities for n in e.names})


def _title_cased_words(text: str) -> bool:
    """Whether every word of three or more letters starts with a capital followed by small
    letters: the only Cyrillic words whose 8-bit misreadings leave a trace (see the module)."""
    words = [w for w in text.split() if sum(c.isalpha() for c in w) >= 3]
    return bool(words) and all(w[0].isupper() and any(c.islower() for c in w) for w in words)


def test_no_gazetteer_name_is_repaired():
    changed = [n for n in _names() if repair(n) != n]
    assert changed == []


def test_seed_texts_are_not_repaired():
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not found (shared/ is not beside the checkout)")
    lines = [
        line for f in sorted(SEEDS.glob("*.txt")) for line in f.read_text("utf-8").splitlines()
    ]
    assert lines
    assert [line for line in lines if repair(line) != line] == []


# Share of names whose Mac OS Roman misreading, and of title-cased names whose 8-bit misreading
# (KOI8-R <-> Windows-1251 <-> Windows-1252)
# is repaired to the original; the rest stay as they are or, rarely, get the other Cyrillic
# reading (the two 8-bit Cyrillic code pages are case-swapped permutations of each other and
# only letter frequencies tell them apart). Measured 2026-11-21: see docs/benchmarks.md.
EIGHT_BIT_FLOOR = 0.9


@pytest.mark.parametrize(("true", "wrong"), MISREADINGS, ids=lambda c: c)
def test_misread_names_are_repaired(true, wrong):
    checked = 0
    failures = []
    for name in _names():
        try:
            name.encode(true)
        except UnicodeEncodeError:
            continue
        broken = misread(name, true, wrong)
        if broken == name:
            continue
        if true != "utf-8" and not _title_cased_words(name):
            continue  # all-capital and all-small words: a documented limit of 8-bit repairs
        checked += 1
        if repair(broken) != name:
            failures.append((name, broken, repair(broken)))
    assert checked > 100
    if true == "utf-8" and wrong != "mac-roman":
        assert failures == []
    else:
        assert 1 - len(failures) / checked >= EIGHT_BIT_FLOOR, failures[:5]


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.characters(categories=("Ll", "Lo", "Mn", "Zs", "Pd", "Nd")),
        min_size=1,
        max_size=30,
    )
)
def test_repair_of_utf8_read_as_cp1252_is_the_original_or_nothing(text):
    """Whatever ordinary text (letters of any script, marks, spaces, dashes, digits; nothing
    odd about it) was read as Windows-1252 from UTF-8, repair gives it back or leaves the
    mojibake as it is: it never makes up a third text, and it leaves the text itself alone."""
    assume(oddity(text) == 0)
    broken = misread(text, "utf-8", "cp1252")
    assert repair(broken) in (text, broken)
    assert repair(text) == text


def test_repair_is_named_in_the_explanation():
    text, how = repair_explained(misread("Ստեփանակերտ", "utf-8", "cp1252"))
    assert text == "Ստեփանակերտ" and how == "UTF-8 text that had been decoded as Windows-1252"
    _, steps = namenorm.normalize_explained(misread("Ханкенди", "koi8-r", "cp1251"))
    assert steps[0] == "mojibake repaired: KOI8-R text that had been decoded as Windows-1251"
    m = namenorm.resolve(misread("Ханкенди", "utf-8", "cp1251"))
    assert m.id == "stepanakert"
    assert "mojibake repaired: UTF-8 text that had been decoded as Windows-1251" in m.explanation[0]


def test_double_mojibake_is_undone():
    twice = misread(misread("Şuşa", "utf-8", "cp1252"), "utf-8", "cp1252")
    assert repair_explained(twice) == (
        "Şuşa",
        "UTF-8 text that had been decoded as Windows-1252, twice",
    )


def test_ordinary_text_has_no_oddity():
    for text in ("Ереван", "Երևան", "თბილისი", "Çavuşoğlu", "Comité «Karabakh»", "McDonald's"):
        assert oddity(text) == 0 or repair(text) == text


def test_ascii_is_returned_as_is():
    assert repair_explained("Stepanakert") == ("Stepanakert", None)


_ORDINARY_LETTERS = (
    "abkzAKZ"  # Latin
    "аеъыьяёАЕЪЫЬЯЁ"  # Russian, with the letters no word starts with
    "աևօԱՕ"  # Armenian
    "აჰჺ"  # Georgian
    "ÀéßÂ\u0301Ñ"  # what the shortcut must not take: Latin-1 letters, a combining mark
    " '-.«"
)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_ORDINARY_LETTERS, min_size=1, max_size=14))
def test_the_ordinary_shortcut_never_hides_an_oddity(text):
    from namenorm.text.mojibake import count_oddities, is_ordinary

    if is_ordinary(text):
        assert count_oddities(text) == 0
    assert oddity(text) == count_oddities(text)


def test_the_ordinary_shortcut_takes_the_gazetteer_names(bundled):
    from namenorm.text.mojibake import count_oddities, is_ordinary

    texts = {a.text for a in bundled.index.aliases}
    taken = [t for t in texts if is_ordinary(t)]
    assert len(taken) > len(texts) / 2
    assert all(count_oddities(t) == 0 for t in taken)


@pytest.mark.parametrize(
    ("name", "true", "wrong"),
    [
        ("Aremỹija", "utf-8", "cp1252"),  # a three-byte UTF-8 letter
        ("Španija", "utf-8", "cp1251"),  # Š: Е and a no-break space
        ("il-Ġermanja", "utf-8", "cp1251"),
        ("Aats’i", "cp1251", "koi8-r"),  # the apostrophe of a romanized ejective
    ],
)
def test_rarer_misreadings_are_repaired_and_the_names_left_alone(name, true, wrong):
    broken = misread(name, true, wrong)
    assert broken != name
    assert repair(broken) == name
    assert repair(name) == name and oddity(name) == 0
