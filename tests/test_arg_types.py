"""Every public function checks its arguments' types (issue 17, "strict edges").

The test walks the public API: the names of ``namenorm.__all__``, of ``namenorm.mentions``,
``namenorm.pandas``, ``namenorm.spark`` and ``namenorm.spacy`` (each class with its constructor
and public methods), and calls each with one argument of the wrong type at a time, the others
valid. Each call must raise ``TypeError`` naming that argument, before doing any work. The wrong
value comes from the parameter's annotation (``WRONG``): a new public parameter with an
annotation not listed there fails the test until one is added, so no function goes unchecked.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import namenorm
from namenorm._checks import check_int, check_iterable, check_paths

DATA = Path(__file__).parent / "data"

#: A value of the wrong type for each annotation used by the public API.
WRONG: dict[str, object] = {
    "str": 123,
    "str | None": 123,
    "int": "3",
    "int | None": "3",
    "float": "high",
    "float | None": "high",
    "bool": "yes",
    "object": None,
    "str | Iterable[str] | None": 5,
    "Iterable[str] | None": 5,
    "Iterable[str]": 5,
    "Iterable[object]": 5,
    "Iterable[Entity]": 5,
    "Iterable[str | Path]": 5,
    "Collection[str]": 5,
    "str | Path": 5,
    "str | Path | None": 5,
    "str | Path | Sequence[str | Path] | None": 5,
    "str | Path | Iterable[str | Path] | None": 5,
    "str | list[str] | None": 5,
    "str | Column": 5,
    "frozenset[str] | None": "place",
    "dict[str, str] | None": ["person"],
    "Mapping[str, str]": 5,
    "Mapping[str, float]": 5,
    "tuple[str, ...]": 5,
    "tuple[Name, ...]": 5,
    "tuple[tuple[int, int], ...]": 5,
    "Config | None": "high",
    "AnnotateConfig | None": "high",
    "Resolver | None": "bundled",
    "Gazetteer | None": ["baku"],
    "Annotator | None": "x",
    "Index": "x",
    "pd.Series": ["Baku"],
    "DataFrame": ["Baku"],
}

#: Results that namenorm makes (users read them, they do not build them), and arguments that
#: are not the caller's: spaCy passes ``nlp`` and ``name`` to its factory itself.
EXEMPT = {"Match", "Mention", "ItemError", "GazetteerProblem", "spacy.create_component:nlp",
          "spacy.create_component:name",
          # a file's content, not an argument's type: a ValueError naming the file (test_config)
          "Config.from_dict:data"}


def _valid(param: str, annotation: str, tmp: Path) -> object:
    """A valid value for a required parameter, by its name (and annotation)."""
    if param == "series":
        return pytest.importorskip("pandas").Series(["Baku"])
    if annotation == "Index":
        return namenorm.default_resolver().index
    return {
        "query": "Baku", "text": "Baku", "values": [], "queries": [], "entity_id": "baku",
        "scheme": "wikidata", "value": "Q399", "a": "baku", "b": "ganja", "entities": [],
        "paths": [DATA / "mini.yaml"], "path": tmp / "out", "data": {}, "length": 5,
        "types": None, "id": "x", "type": "place", "name": "X", "column": "name",
        "nlp": None, "index": None, "demonyms": True, "gazetteer": None, "include_default": True,
        "overwrite_ents": False,  # create_component: spaCy passes every option
        # checked last by namenorm.spark, so a stand-in is never used when a check is there
        "df": SimpleNamespace(sparkSession=None, withColumn=None, columns=["name"]),
    }[param]


def _public() -> list[tuple[str, str]]:
    """(module, name) of every public function and class that the walk covers."""
    found = [("namenorm", n) for n in namenorm.__all__]
    for module in ("namenorm.mentions", "namenorm.pandas", "namenorm.spark", "namenorm.spacy"):
        try:
            names = importlib.import_module(module).__all__
        except ImportError:  # an extra that is not installed (CI installs them all)
            continue
        found.extend((module, n) for n in names)
    return found


def _callables() -> list[tuple[str, str, str | None, str]]:
    """(module, object, method or None for the object itself, parameter) for every argument
    of every public callable (each once, under the first module that exports it)."""
    out = []
    seen: set[int] = set()
    for module, name in _public():
        obj = getattr(importlib.import_module(module), name)
        if name in EXEMPT or not callable(obj) or id(obj) in seen or (
            inspect.isclass(obj) and issubclass(obj, BaseException)
        ):
            continue
        seen.add(id(obj))
        members: list[str | None] = [None]
        if inspect.isclass(obj):
            members += [m for m, v in vars(obj).items() if not m.startswith("_")
                        and isinstance(v, (classmethod, staticmethod, type(_public)))]
        for member in members:
            target = obj if member is None else getattr(obj, member)
            out.extend((module, name, member, p.name)
                       for p in inspect.signature(target).parameters.values() if p.name != "self")
    return out


def _id(case: tuple[str, str, str | None, str]) -> str:
    module, name, member, param = case
    where = "" if module == "namenorm" else module.removeprefix("namenorm.") + "."
    return f"{where}{name}.{member}:{param}" if member else f"{where}{name}:{param}"


CASES = [c for c in _callables() if _id(c) not in EXEMPT]


def _instance(module: str, name: str) -> Any:
    """An instance whose methods the walk calls."""
    if name == "Resolver":
        return namenorm.default_resolver()
    if name == "Annotator":
        return importlib.import_module("namenorm.mentions").annotator_for()
    if name == "Gazetteer":
        return namenorm.Gazetteer([namenorm.Entity("x", "place", "X")])
    return getattr(importlib.import_module(module), name)()


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_a_wrong_type_is_a_type_error_naming_the_argument(case, tmp_path):
    module, name, member, param = case
    obj = getattr(importlib.import_module(module), name)
    if member is not None and not isinstance(inspect.getattr_static(obj, member),
                                             (classmethod, staticmethod)):
        obj = _instance(module, name)
    target = obj if member is None else getattr(obj, member)
    annotation = str(inspect.signature(target).parameters[param].annotation)
    if annotation not in WRONG:
        pytest.fail(f"no wrong value for the annotation {annotation!r} of {_id(case)}: add one")
    args: list[object] = []
    kwargs: dict[str, object] = {}
    for p in inspect.signature(target).parameters.values():
        given = p.name == param
        if not given and p.default is not p.empty or p.kind is p.VAR_POSITIONAL and not given:
            continue
        value = WRONG[annotation] if given else _valid(p.name, str(p.annotation), tmp_path)
        if p.kind is p.VAR_POSITIONAL:
            args.append(value)
        elif p.kind is p.POSITIONAL_ONLY:
            args.append(value)
        else:
            kwargs[p.name] = value
    with pytest.raises(TypeError) as error:
        target(*args, **kwargs)
    assert re.search(rf"\b{param}\b", str(error.value)), str(error.value)


def test_the_walk_covers_the_functions_the_issue_names():
    covered = {_id(c) for c in CASES}
    for case in ("resolve:query", "candidates:limit", "annotate:text", "resolve_many:values",
                 "Resolver.with_entities:entities", "Gazetteer.by_xref:scheme"):
        assert case in covered


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: namenorm.resolve(123), TypeError, "query must be str, not int"),
        (lambda: namenorm.candidates("Baku", limit="3"), TypeError, "limit must be int"),
        (lambda: namenorm.annotate(None), TypeError, "text must be str, not NoneType"),
        (lambda: namenorm.resolve_many(5), TypeError, "values must be an iterable"),
        (lambda: namenorm.resolve_many("Baku"), TypeError, "values must be an iterable"),
        (lambda: namenorm.resolve_many([], workers=-1), ValueError, "workers must be 0 or more"),
        (lambda: namenorm.resolve_many([], errors="ignore"), ValueError, "errors must be one of"),
        (lambda: namenorm.resolve("Baku", types=[1]), TypeError, "types must hold str"),
        (lambda: namenorm.load_paths("mine.yaml"), TypeError, "paths must be an iterable"),
        (lambda: namenorm.default_resolver().with_entities(["baku"]), TypeError,
         "entities must hold Entity, not str (item 0)"),
    ],
)
def test_messages_say_what_the_argument_must_be(call, error, words):
    with pytest.raises(error, match=re.escape(words)):
        call()


def test_iter_resolve_checks_when_called_not_when_first_read():
    with pytest.raises(TypeError, match="queries"):
        namenorm.default_resolver().iter_resolve(5)


def test_the_checker_takes_what_it_should():
    assert check_int("n", 0, minimum=0) == 0 and check_int("n", None, optional=True) is None
    assert check_iterable("v", iter([])) is not None
    assert check_paths("p", (Path("a"), "b")) == [Path("a"), "b"]
    with pytest.raises(TypeError, match="n must be int"):
        check_int("n", True)
