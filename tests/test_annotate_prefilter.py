"""The annotator's prefilter says "no match" only where the resolver says so too."""

from __future__ import annotations

import random

import pytest

import namenorm
from namenorm.matching.everyday import everyday_names
from namenorm.mentions.lexicon import Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(namenorm.default_resolver(), 4)


def _sample(k: int) -> list[str]:
    names = sorted(everyday_names())
    return random.Random(15).sample(names, k)


def test_a_skipped_everyday_name_is_one_the_resolver_finds_nothing_for(lexicon: Lexicon) -> None:
    resolver = namenorm.default_resolver()
    skipped = 0
    for name in _sample(400):
        for query in (name.title(), name, name.upper()):
            if lexicon.unmatched_everyday_name(query):
                skipped += 1
                assert resolver.scored(query, None, limit=5) == [], query
    assert skipped > 300  # the prefilter does take most everyday names


@pytest.mark.parametrize("query", ["Aliyev", "Harris", "Washington", "Georgia", "Khan"])
def test_an_everyday_name_that_spells_an_alias_goes_to_the_resolver(
    lexicon: Lexicon, query: str
) -> None:
    assert not lexicon.unmatched_everyday_name(query)
    assert namenorm.default_resolver().scored(query, None, limit=5)


@pytest.mark.parametrize("query", ["Stepanakret", "Azerbajan", "Gregorymouth", "Steppe cart"])
def test_a_word_that_is_no_everyday_name_goes_to_the_resolver(lexicon: Lexicon, query: str) -> None:
    assert not lexicon.unmatched_everyday_name(query)


def test_annotations_around_everyday_names() -> None:
    text = "Chapman and Morales met President Ilham Aliyev in Baku; Evans flew to Stepanakret."
    got = [(m.text, m.id) for m in namenorm.annotate(text)]
    assert got == [
        ("Ilham Aliyev", "ilham-aliyev"), ("Baku", "baku"), ("Stepanakret", "stepanakert")
    ]
