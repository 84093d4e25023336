"""Saved tables answer their first probes by searching their UTF-8 text and make their hash later
(namenorm.index.flat.Table, SCAN_PROBES); both ways give the same numbers."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st

from namenorm.index.flat import SCAN_PROBES, Postings, Table

_KEYS = st.lists(
    st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), min_size=1),
    unique=True,
    max_size=30,
)


def _pair(keys: list[str]) -> tuple[Table, Table]:
    starts = array("i", range(len(keys) + 1))
    ids = array("i", range(len(keys)))
    return Table(None, starts, ids, "\n".join(keys).encode()), Table.from_dict({k: [i] for i, k in enumerate(keys)})


@given(_KEYS, st.lists(st.text(max_size=4), max_size=20))
def test_scanned_and_hashed_numbers_agree(keys, others):
    saved, built = _pair(keys)
    # as read from a file: the lines left in UTF-8, searched as bytes
    raw = Table(None, saved.starts, saved.ids, "\n".join(keys).encode("utf-8"))
    for probe in [*keys, *others, *(k + "x" for k in keys), *(k[1:] for k in keys), "\ud800"]:
        assert saved.number(probe) == built.number(probe) == raw.number(probe), probe
        assert list(saved.get(probe)) == list(built.get(probe))
        assert (probe in saved) == (probe in built)
    assert saved.keys == built.keys == raw.keys and len(saved) == len(built) == len(keys)


def test_the_hash_is_made_after_the_scanned_probes():
    saved, _ = _pair(["aa", "ab", "b"])
    for _ in range(SCAN_PROBES):
        assert saved.number("ab") == 1
    assert saved.number("b") == 2 and saved.number("a") is None
    assert saved.number("a\nb") is None  # a newline never joins two keys


def test_an_empty_saved_table():
    table = Table(None, array("i", [0]), array("i"), b"")
    assert len(table) == 0 and table.keys == [] and table.number("") is None


def test_postings_made_from_their_parts():
    made = Postings(None, array("i", [7, 8, 9]), ("ab\ncd", array("i", [2, 3]), array("q", [0, 1, 3])))
    assert made.spans == {("ab", 2): (0, 1), ("cd", 3): (1, 3)}
