"""No module of ``surveys``, ``analysis`` or ``feedback`` imports itself back through others.

A cycle makes what a module may use depend on which module happened to be imported first, and ties
rooms together that should come apart. The graph is read from the source with ``ast`` (nothing is
imported): an edge for every ``import`` a module runs when it is imported — at its top level, including
inside ``try``/``if``, but not inside functions (run later, on demand) or ``if TYPE_CHECKING`` blocks.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("surveys", "analysis", "feedback")
SKIPPED = ("migrations",)  # Alembic's scripts, loaded by path, never imported


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_modules() -> dict[str, Path]:
    return {module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
            if not set(SKIPPED) & set(path.relative_to(ROOT).parts)}


def runs_at_import(body: list[ast.stmt]):
    """The import statements executed when the module is imported."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                yield from runs_at_import(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            yield from runs_at_import(node.body + node.orelse + node.finalbody
                                      + [stmt for handler in node.handlers for stmt in handler.body])


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The known modules ``name`` imports: ``from . import x`` names submodule ``x`` when there is one,
    else the package itself (a name its ``__init__`` defines)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in runs_at_import(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else [])) \
            if node.level else node.module
        for alias in node.names:
            found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {module for module in found if module in known and module != name}


def import_graph() -> dict[str, set[str]]:
    modules = source_modules()
    return {name: imported_modules(name, path, set(modules)) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as the modules along it (first repeated at the end), or ``None``."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" after
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[module] = "done"
        path.pop()
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_the_graph_sees_the_packages_and_their_imports():
    graph = import_graph()
    assert {"feedback", "feedback.staff", "surveys.question_types", "analysis"} <= set(graph)
    assert "feedback.access" in graph["feedback.staff.themes"]  # from .. import access
    assert "feedback.staff.blueprint" in graph["feedback.staff.auth"]  # from .blueprint import bp


def test_a_cycle_is_found_and_named():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_in_surveys_analysis_or_feedback():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)
