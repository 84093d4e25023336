"""Kana to Latin as Japanese writes foreign names: Hepburn, with the small kana joined.

unidecode reads kana one at a time, so a small kana stays a syllable of its own: シャ becomes
"shiya", ツァ "tsua", ジャ "ziya". Japanese writes a foreign sound with such pairs
(シャフラマニャン, Shahramanyan; アルツァフ, Artsakh), and a reading of the name's sounds needs
them joined: a small ャ ュ ョ after an i-column kana replaces its i with ya, yu, yo (after sh,
ch and j with a, u, o), a small ァ ィ ゥ ェ ォ replaces the vowel of the kana before it, ッ
doubles the next consonant and the long-vowel mark ー is dropped. Hiragana is read as the
katakana of the same sound.

>>> kana_to_latin("シャフラマニャン"), kana_to_latin("アルツァフ"), kana_to_latin("ナヒチェヴァン")
('shahuramanyan', 'arutsahu', 'nahicheban')
"""

from __future__ import annotations

__all__ = ["has_kana", "kana_to_latin"]

_ROWS = {
    "": "アイウエオ", "k": "カキクケコ", "g": "ガギグゲゴ", "s": "サシスセソ", "z": "ザジズゼゾ",
    "t": "タチツテト", "d": "ダヂヅデド", "n": "ナニヌネノ", "h": "ハヒフヘホ", "b": "バビブベボ",
    "p": "パピプペポ", "m": "マミムメモ", "r": "ラリルレロ",
}  # fmt: skip
#: フ stays "hu": Japanese writes with it a foreign kh or h before a consonant as often as an f
#: (カラバフ, Karabakh; シャフラマニャン, Shahramanyan).
_IRREGULAR = {"シ": "shi", "ジ": "ji", "チ": "chi", "ヂ": "ji", "ツ": "tsu", "ヅ": "zu", "フ": "hu"}
_OTHER = {
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo", "ワ": "wa", "ヲ": "o", "ン": "n", "ヴ": "bu",
    "ヰ": "i", "ヱ": "e",
}  # fmt: skip
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}
_SMALL_VOWEL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}


def _table() -> dict[str, str]:
    out: dict[str, str] = {}
    for consonant, row in _ROWS.items():
        for kana, vowel in zip(row, "aiueo"):
            out[kana] = consonant + vowel
    out.update(_IRREGULAR)
    out.update(_OTHER)
    return out


_KANA = _table()


def has_kana(text: str) -> bool:
    """Whether ``text`` has a hiragana or katakana letter."""
    return any("\u3041" <= ch <= "\u30ff" for ch in text)


def _katakana(ch: str) -> str:
    return chr(ord(ch) + 0x60) if "\u3041" <= ch <= "\u3096" else ch


def kana_to_latin(text: str) -> str:
    """Kana in ``text`` as Hepburn Latin letters, the small kana joined (see the module
    docstring); other characters pass through."""
    out: list[str] = []
    double = False
    for ch in map(_katakana, text):
        if ch in _SMALL_Y and out and out[-1].endswith("i"):
            base = out[-1][:-1]
            out[-1] = base + ("" if base.endswith(("sh", "ch", "j")) else "y") + _SMALL_Y[ch]
        elif ch in _SMALL_VOWEL and out and out[-1][-1:] in "aiueo":
            out[-1] = out[-1][:-1] + _SMALL_VOWEL[ch]
        elif ch == "ッ":
            double = True
            continue
        elif ch == "ー":
            continue
        else:
            latin = _KANA.get(ch, _SMALL_VOWEL.get(ch, _SMALL_Y.get(ch, ch)))
            if double and latin[:1].isalpha() and latin[:1] not in "aiueon":
                latin = latin[0] + latin
            out.append(latin)
        double = False
    return "".join(out)
