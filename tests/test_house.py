"""The rules of the house (docs/architecture.md), checked on the source: small modules, short
and simple functions, no module reaching into another's private names, no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "namenorm"
#: Generated tables, not written by hand.
GENERATED = {"text/confusables.py"}
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
MAX_COMPLEXITY = 15


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def complexity(func: ast.AST) -> int:
    """McCabe's number of a function: one plus its decisions (branches, loops, handlers, each
    further operand of ``and``/``or``, comprehension loops and their conditions, match cases),
    not counting the functions defined inside it."""
    n = 1
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, (ast.If, ast.IfExp, ast.For, ast.AsyncFor, ast.While,
                             ast.ExceptHandler, ast.match_case)):
            n += 1
        elif isinstance(node, ast.BoolOp):
            n += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            n += 1 + len(node.ifs)
        stack.extend(ast.iter_child_nodes(node))
    return n


def _functions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def test_complexity_counts_decisions():
    func = ast.parse(
        "def f(a, b):\n"
        "    if a and b or a:\n"  # if: 1, and/or: 2
        "        return [x for x in a if x]\n"  # comprehension and its condition: 2
        "    def inner():\n"
        "        if b: pass\n"  # not f's
        "    while b:\n"  # 1
        "        try: pass\n"
        "        except ValueError: pass\n"  # 1
        "    return 1 if a else 2\n"  # 1
    ).body[0]
    assert complexity(func) == 1 + 1 + 2 + 2 + 1 + 1 + 1


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_are_small(name):
    path = MODULES[name]
    if path.relative_to(PACKAGE).as_posix() in GENERATED:
        return
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines: split it by concern"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_functions_are_short_and_simple(name):
    too_long, too_complex = [], []
    for func in _functions(_tree(MODULES[name])):
        length = (func.end_lineno or func.lineno) - func.lineno + 1
        if length > MAX_FUNCTION_LINES:
            too_long.append(f"{func.name} ({length} lines)")
        if complexity(func) > MAX_COMPLEXITY:
            too_complex.append(f"{func.name} ({complexity(func)})")
    assert not too_long and not too_complex, f"{name}: long {too_long}, complex {too_complex}"


def _imports(name: str, tree: ast.Module) -> list[tuple[str, list[str]]]:
    """(module, names) of every ``import``/``from ... import`` of namenorm modules in ``tree``."""
    found = []
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            found.append((base, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names)
    return [(m, names) for m, names in found if m.split(".")[0] == "namenorm"]


def test_no_module_imports_a_private_name_of_another():
    crossings = []
    for name, path in MODULES.items():
        for module, names in _imports(name, _tree(path)):
            for imported in names:
                if imported.startswith("_") and not imported.startswith("__") and module != name:
                    if f"{module}.{imported}" not in MODULES:  # a private module is a room
                        crossings.append(f"{name} imports {module}.{imported}")
    assert not crossings


def _top_level_edges() -> dict[str, set[str]]:
    """Imports run when a module is imported (not those inside functions or TYPE_CHECKING)."""
    edges: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        body = []
        for node in _tree(path).body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            body.append(node)
        module = ast.Module(body=body, type_ignores=[])
        targets = set()
        for imported, names in _imports(name, module):
            for candidate in [f"{imported}.{n}" for n in names] + [imported]:
                if candidate in MODULES:
                    targets.add(candidate)
                    break
        edges[name] = targets - {name}
    return edges


def find_cycles(edges: dict[str, set[str]]) -> list[str]:
    """The import cycles of a module graph, each as "a -> b -> a" (a package importing its own
    modules is no cycle: Python finishes the package first)."""
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if nxt.startswith(node + "."):
                continue
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*path[path.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    return cycles


def test_find_cycles_finds_them():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a -> b -> c -> a"]
    assert find_cycles({"p": {"p.x"}, "p.x": {"q"}, "q": set()}) == []


def test_no_import_cycles():
    assert not find_cycles(_top_level_edges())
