"""Staff views stay thin: each loads through ``access``, parses input, calls one service or query, and
renders or redirects — which fits in about 40 lines. A longer view is doing a service's work."""

from __future__ import annotations

import ast
from pathlib import Path

import feedback.staff

LIMIT = 40


def views() -> list[tuple[str, int]]:
    """(module.function, lines) of every function registered on the staff blueprint."""
    found = []
    for path in sorted(Path(feedback.staff.__file__).parent.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and any(
                    ast.unparse(decorator).startswith("bp.") for decorator in node.decorator_list):
                found.append((f"{path.stem}.{node.name}", node.end_lineno - node.lineno + 1))
    return found


def test_every_staff_view_is_short():
    found = views()
    assert len(found) >= 20  # the whole workspace is seen
    long = [f"{name} ({lines} lines)" for name, lines in found if lines > LIMIT]
    assert not long, "move the work into a service or query: " + ", ".join(long)
