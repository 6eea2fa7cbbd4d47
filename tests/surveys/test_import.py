"""Checking a survey definition is plain JSON work: an import tool or a script needs no database for it."""

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modules_loaded_by(code: str, roots: set[str]) -> list[str]:
    """The modules under ``roots`` that running ``code`` in a fresh interpreter leaves loaded."""
    probe = f"{code}; import json, sys; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(roots)!r})))"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_validating_a_template_loads_no_orm_and_no_web_framework():
    code = "from surveys.definition import load_template; load_template('career_seeker_needs')"
    loaded = _modules_loaded_by(code, {"sqlalchemy", "flask", "flask_sqlalchemy", "feedback", "analysis"})
    assert loaded == []


def test_demo_answers_load_no_web_framework_and_no_database():
    # Analysis tests and benchmarks draw demo answers; they must not pay for (or depend on) the web app.
    code = "from surveys.demo import open_answers; import random; open_answers('career_help', 50, random.Random(0))"
    loaded = _modules_loaded_by(code, {"flask", "flask_sqlalchemy", "wtforms", "sqlalchemy", "feedback", "analysis"})
    assert loaded == []


def _imports(path: Path, package: str) -> set[str]:
    """Every ``surveys`` module that ``path`` imports anywhere: at the top, in a function or for type checking."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    if module.endswith(".__init__"):
        module = module.removesuffix(".__init__")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = module if path.name == "__init__.py" else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] == package}


def test_no_module_of_surveys_imports_itself_back():
    """A cycle (definition -> question_types -> definition) forces imports inside functions and breaks
    whoever imports the wrong one first; type-checking imports count, since a type checker follows them."""
    paths = {p: ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
             for p in (ROOT / "surveys").rglob("*.py")}
    modules = set(paths.values())
    graph = {name: {m for m in _imports(p, "surveys") if m in modules and m != name} for p, name in paths.items()}
    cycles = []
    for start in graph:
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.append(" -> ".join(trail + [start]))
                elif nxt not in trail and nxt > start:  # each cycle once, from its smallest module
                    stack.append((nxt, trail + [nxt]))
    assert cycles == []
