"""The fast forms of the phonetic key (the one-letter rules as a translation, patterns that
cannot match skipped) and of the skeleton key (no substitution where no letter is doubled) equal
the keys as first written: one regular-expression pass of every rule."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm import keys
from namenorm.keys import fold_key, phonetic_key, skeleton_key
from namenorm.text.normalize import GAP

_ALL = re.compile("|".join(re.escape(a) for a, _ in keys._PHONETIC_RULES))
_MAP = dict(keys._PHONETIC_RULES)


def one_pass(fold: str) -> str:
    """The phonetic key through one pass of all the rules (the slow form)."""
    fold = re.sub(r"\b(?:y|d?j)(?=[aeou])", "", fold)
    fold = re.sub(r"jan\b", "ian", fold)
    fold = _ALL.sub(lambda m: _MAP[m.group(0)], fold)
    return re.sub(r"([a-z])\1+", r"\1", fold)


def skeleton_as_written(phon: str) -> str:
    """The skeleton key as first written."""
    phon = re.sub(r"(?<=[a-z\ufffd])[aeiou]+", "", phon.translate(str.maketrans("cz", "ks")))
    return re.sub(r"([a-z])\1+", r"\1", phon)


# Every letter a rule reads, and some it does not, with spaces, digits and the gap mark.
_FOLDS = st.text(alphabet="tschdzjkghpouxqwyaenr 0" + GAP, max_size=24)


@settings(max_examples=5000, deadline=None)
@given(_FOLDS)
def test_fast_phonetic_key_is_one_pass(fold: str) -> None:
    assert phonetic_key(fold) == one_pass(fold)
    assert skeleton_key(fold) == skeleton_as_written(fold)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=20))
def test_fast_phonetic_key_is_one_pass_on_fold_keys(text: str) -> None:
    fold = fold_key(text)
    assert phonetic_key(fold) == one_pass(fold)
    assert skeleton_key(one_pass(fold)) == skeleton_as_written(one_pass(fold))


def test_examples() -> None:
    for fold in ("yerevan", "paschinjan", "dzhabrail", "xocali", "mkhitaryan", "wyqx", "tschkh"):
        assert phonetic_key(fold) == one_pass(fold)
