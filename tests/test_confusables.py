"""The generated homoglyph table is fresh and covers what the data lacks."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from namenorm.text.confusables import TO_LATIN

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "gen_confusables.py"


@pytest.mark.skipif(
    importlib.util.find_spec("confusable_homoglyphs") is None,
    reason="confusable-homoglyphs (the dev extra) is not installed",
)
def test_generated_table_is_fresh():
    spec = importlib.util.spec_from_file_location("gen_confusables", SCRIPT)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    committed = (Path(__file__).resolve().parent.parent / "namenorm" / "text" / "confusables.py").read_text("utf-8")
    assert gen.render(gen.build_table()) == committed, "run `python scripts/gen_confusables.py`"


def test_supplement_and_scripts_covered():
    for char, latin in {"ƅ": "b", "Ɍ": "R", "᧐": "o", "ᛕ": "K", "Ꮇ": "M", "ⅼ": "l", "ɑ": "a",
                        "г": "r", "ѕ": "s", "ս": "u", "ν": "v"}.items():
        assert TO_LATIN[char] == latin


def test_real_orthography_letters_are_not_homoglyphs():
    for char in "ıİəƏçşğöüé":
        assert char not in TO_LATIN
