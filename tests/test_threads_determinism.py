"""Threads and processes get the same answers as one sequential caller; answers never depend
on hash seeds, thread timing or where the package was built. Ties are broken by a documented
rule: entities by (-score, id), an entity's aliases by (-score, position in the index)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import namenorm
import namenorm.index.bundled as compiled_module
from namenorm.index.bundled import bundled_path
from namenorm.index.store import load_index
from namenorm.index.write import encode_index

QUERIES = [
    "Baku", "Steppe cart", "Karaƅakh", "Xankendi", "P'ashinyan", "Aliyev", "Aliev", "Ереван",
    "Mevl চা t ভ avu ও o ্ল lu", "stagnant economy", "Stephen King", "Azeгbaijan", "Shusha",
    "Şuşa", "Gəncə", "Ganja", "Tbilisi", "Tiflis", "N. Pashinyan", "Khojaly", "Ходжалы", "Macro",
    "Artsakh", "Putin", "Erdogan", "Ar", "a", "", "   ", "\u202eukaB",
]  # fmt: skip


def _answers(queries, resolver=None):
    resolver = resolver or namenorm.default_resolver()
    return [
        [(m.id, m.score, m.method, m.alias) for m in resolver.candidates(q, limit=5)]
        for q in queries
    ]


def _corrupted_names(n: int) -> list[str]:
    rnd = random.Random(7)
    names = [a.text for a in namenorm.default_resolver().index.aliases]
    out = []
    for text in rnd.sample(names, n):
        chars = list(text)
        if len(chars) > 3:
            i = rnd.randrange(len(chars))
            chars[i] = rnd.choice(["", chars[i] * 2, "\u200b", " চ ", "а"])
        out.append("".join(chars))
    return out


def test_threads_give_the_sequential_answers():
    queries = QUERIES + _corrupted_names(120)
    expected = _answers(queries)
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        def worker(seed: int):
            order = list(range(len(queries)))
            random.Random(seed).shuffle(order)
            got = _answers([queries[i] for i in order])
            return {i: a for i, a in zip(order, got)}

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(worker, range(16)))
    finally:
        sys.setswitchinterval(old)
    for result in results:
        assert [result[i] for i in range(len(queries))] == expected


TEXTS = [
    "Tһе shelling in Nagorny Karaƅakh and Steppe cart went on, Aliyev said in Baku.",
    "Pashinyan met Erdogan; the Armenian and Azeri delegations left Tbilisi for Yerevan.",
    "Mevl চা t ভ avu ও o ্ল lu spoke of Khojaly (Xocalı, Ходжалы) and of Shusha.",
]


def _annotations(texts):
    return [[(m.start, m.end, m.id, m.score) for m in namenorm.annotate(t)] for t in texts]


def test_threads_annotate_as_one_caller_does():
    expected = _annotations(TEXTS)
    assert any(expected)
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(lambda _: _annotations(TEXTS), range(12)))
    finally:
        sys.setswitchinterval(old)
    assert all(r == expected for r in results)


def test_lazy_default_resolver_is_built_once_under_a_race(monkeypatch):
    """Sixteen threads ask for the default resolver at the same moment: one build."""
    monkeypatch.setattr(namenorm, "_default_resolver", None)
    from namenorm.matching import resolver as resolver_module

    resolver_module._bundled_index.cache_clear()  # Resolver() shares one bundled index a process
    real = compiled_module.load_bundled
    builds = []

    def slow_build(*args, **kwargs):
        builds.append(threading.get_ident())
        time.sleep(0.2)  # widen the window in which a second build could start
        return real(*args, **kwargs)

    monkeypatch.setattr(compiled_module, "load_bundled", slow_build)
    barrier = threading.Barrier(16)

    def get():
        barrier.wait()
        return namenorm.default_resolver()

    with ThreadPoolExecutor(max_workers=16) as pool:
        got = list(pool.map(lambda _: get(), range(16)))
    assert len(builds) == 1
    assert all(r is got[0] for r in got)
    assert got[0].resolve("Steppe cart").id == "stepanakert"


_SCRIPT = """
import hashlib, json, sys
import namenorm
from namenorm.index.write import encode_index
from namenorm.gazetteer.model import default_paths
from namenorm.index.bundled import build_bundled
built = build_bundled(default_paths())
fresh = namenorm.Resolver.from_index(built)
queries, texts = json.loads(sys.stdin.read())
out = {
    "annotate": [[[m.start, m.end, m.id, m.score] for m in namenorm.annotate(t)] for t in texts],
    "index": hashlib.sha256(b"".join(encode_index(built))).hexdigest(),
    "bundled": [[[m.id, m.score, m.method, m.alias] for m in namenorm.candidates(q, limit=5)]
                for q in queries],
    "fresh": [[[m.id, m.score, m.method, m.alias] for m in fresh.candidates(q, limit=5)]
              for q in queries],
}
print(json.dumps(out, ensure_ascii=False))
"""


def _here(queries, built) -> dict:
    """What _SCRIPT prints, computed in this process (under this process's hash seed), with
    the index compiled from YAML once per session (the ``bundled_from_yaml`` fixture)."""
    fresh = namenorm.Resolver.from_index(built)
    return {
        "annotate": [[[m.start, m.end, m.id, m.score] for m in namenorm.annotate(t)]
                     for t in TEXTS],
        "index": hashlib.sha256(b"".join(encode_index(built))).hexdigest(),
        "bundled": [[[m.id, m.score, m.method, m.alias] for m in namenorm.candidates(q, limit=5)]
                    for q in queries],
        "fresh": [[[m.id, m.score, m.method, m.alias] for m in fresh.candidates(q, limit=5)]
                  for q in queries],
    }  # fmt: skip


def test_same_answers_under_different_hash_seeds(bundled_from_yaml):
    """A child under a fixed hash seed, other than this process's, compiles the gazetteer and
    answers as this process does (whose seed is random, or the one PYTHONHASHSEED sets): one
    compile in a child instead of two, the other shared with tests/test_compiled.py."""
    built, problems = bundled_from_yaml
    assert problems == []
    queries = QUERIES + _corrupted_names(60)
    seed = "0" if os.environ.get("PYTHONHASHSEED") != "0" else "4242"
    assert sys.flags.hash_randomization or seed != "0"  # the two seeds differ
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT], input=json.dumps([queries, TEXTS]).encode(),
        capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    here_all = json.loads(json.dumps(_here(queries, built)))  # tuples as lists, as the child's
    outputs = [json.loads(proc.stdout), here_all]
    assert outputs[0] == outputs[1]
    # The index built from YAML answers as the compiled one does, and as this process does.
    assert outputs[0]["bundled"] == outputs[0]["fresh"]
    here = [[[m.id, m.score, m.method, m.alias] for m in namenorm.candidates(q, limit=5)]
            for q in queries]  # fmt: skip
    assert outputs[0]["bundled"] == here
    assert outputs[0]["annotate"] == [[list(m) for m in a] for a in _annotations(TEXTS)]


def test_ties_are_broken_by_id():
    tied = 0
    for q in QUERIES + _corrupted_names(200):
        cands = namenorm.candidates(q, limit=10)
        assert [(-c.score, c.id) for c in cands] == sorted((-c.score, c.id) for c in cands)
        tied += sum(a.score == b.score for a, b in zip(cands, cands[1:]))
    assert tied  # the queries do hold ties, so the order among them is tested


def test_compiled_index_names_no_build_machine_path():
    sources = [e.source or "" for e in load_index(bundled_path()).entities]
    assert sources and all(s.startswith("gazetteer/") for s in sources), sources[:3]


@pytest.mark.parametrize("max_candidates", [1, 7, 50])
def test_truncated_candidates_are_the_same_every_time(max_candidates):
    base = namenorm.default_resolver()
    tight = [namenorm.Resolver(config=namenorm.Config(max_candidates=max_candidates))
             for _ in range(2)]  # fmt: skip
    queries = QUERIES + _corrupted_names(40)
    assert _answers(queries, tight[0]) == _answers(queries, tight[1])
    # the ids the index offers are a prefix of the untruncated list: truncation only cuts
    from namenorm.keys import query_keys

    for q in queries:
        if not q.strip():
            continue
        keys = query_keys(q)
        full = base.index.candidate_ids(keys)
        cut = tight[0].index.candidate_ids(keys)
        assert cut == full[: len(cut)] and len(cut) == min(len(full), max_candidates)
