"""Respondent views stay thin and their modules small: a view loads the survey, parses what was sent,
calls one service and renders or redirects (about 40 lines); each module does one job (about 300 lines).
A longer view is doing a rule's work, which belongs in :mod:`surveys.responses`."""

from __future__ import annotations

import ast
from pathlib import Path

import feedback.respondent

FOLDER = Path(feedback.respondent.__file__).parent
VIEW_LINES = 40
MODULE_LINES = 300


def views() -> list[tuple[str, int]]:
    """(module.function, lines) of every function registered on the respondent blueprint."""
    found = []
    for path in sorted(FOLDER.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and any(
                    ast.unparse(decorator).startswith("bp.") for decorator in node.decorator_list):
                found.append((f"{path.stem}.{node.name}", node.end_lineno - node.lineno + 1))
    return found


def test_every_respondent_view_is_short():
    found = views()
    assert {"start.home", "start.start", "answering.page", "resume.resume", "qr.qr_code"} <= {
        name for name, _ in found}
    long = [f"{name} ({lines} lines)" for name, lines in found if lines > VIEW_LINES]
    assert not long, "move the decision into surveys.responses or a helper: " + ", ".join(long)


def test_every_respondent_module_does_one_job():
    long = [f"{path.name} ({lines} lines)" for path in sorted(FOLDER.glob("*.py"))
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES]
    assert not long, "split by job: " + ", ".join(long)
