"""Nothing outside ``surveys/`` decides by a question type's name.

What differs by type — the partial that draws it, its first input, how reports summarise it, how staff
read an answer, what the demo invents — is asked of the type in :mod:`surveys.question_types`. A
``question.type == "agreement"`` in the web app or a template is a second, silent registry: a new type
or a renamed one breaks it without a test noticing. This scans every Python module in ``feedback/`` and
every template for a ``.type`` compared with (or looked for in) a literal type name, a ``match`` on
``.type`` with a literal case, and a type looked up in the registry by a literal name.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from surveys.question_types import QUESTION_TYPES

ROOT = Path(__file__).resolve().parent.parent
NAMES = frozenset(QUESTION_TYPES)
_NAME = "|".join(sorted(NAMES))
# In a template: ``x.type == 'agreement'``, ``x.type != "rating"``, ``x.type in ('a', 'b')``, and the
# same written the other way round (``'agreement' == x.type``).
TEMPLATE_PATTERNS = (
    re.compile(rf"""\.type\s*(?:==|!=|\bnot\s+in\b|\bin\b)\s*[(\[]?[^%}}]*?['"](?:{_NAME})['"]"""),
    re.compile(rf"""['"](?:{_NAME})['"]\s*(?:==|!=|\bnot\s+in\b|\bin\b)\s*[\w.]*\.type\b"""),
)


def _literal_names(node: ast.AST) -> set[str]:
    """The type names a literal holds: a string, or a tuple, list or set of strings."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value} & NAMES
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return set().union(*(_literal_names(item) for item in node.elts)) if node.elts else set()
    return set()


def python_offences(source: str) -> list[tuple[int, str]]:
    """(line, what) for every place the code decides by a literal question type name (also through a
    variable holding a ``.type``, as in ``kind = question.type``)."""
    tree = ast.parse(source)
    aliases = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
               and isinstance(node.value, ast.Attribute) and node.value.attr == "type"
               for target in node.targets if isinstance(target, ast.Name)}

    def _is_type(node: ast.AST) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "type") or (
            isinstance(node, ast.Name) and node.id in aliases)

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_type(side) for side in sides):
                names = set().union(*(_literal_names(side) for side in sides))
                if names:
                    found.append((node.lineno, f".type compared with {sorted(names)}"))
        elif isinstance(node, ast.Call):
            function = node.func
            called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
            names = set().union(set(), *(_literal_names(arg) for arg in node.args))
            if names and (called == "get_type" or (called == "in_" and _is_type(function.value))):
                found.append((node.lineno, f"{called}({', '.join(sorted(names))})"))
        elif isinstance(node, ast.Match) and _is_type(node.subject):
            for case in node.cases:
                if isinstance(case.pattern, ast.MatchValue) and _literal_names(case.pattern.value):
                    found.append((case.pattern.lineno, "match on .type with a literal case"))
    return found


def template_offences(source: str) -> list[tuple[int, str]]:
    """(line, text) for every template expression that compares ``.type`` with a literal type name."""
    return [(number, line.strip()) for number, line in enumerate(source.splitlines(), start=1)
            if any(pattern.search(line) for pattern in TEMPLATE_PATTERNS)]


def offences() -> list[str]:
    found = []
    for path in sorted((ROOT / "feedback").rglob("*.py")):
        found += [f"{path.relative_to(ROOT)}:{line}: {what}"
                  for line, what in python_offences(path.read_text(encoding="utf-8"))]
    for path in sorted((ROOT / "templates").rglob("*.html")):
        found += [f"{path.relative_to(ROOT)}:{line}: {what}"
                  for line, what in template_offences(path.read_text(encoding="utf-8"))]
    return found


def test_nothing_outside_surveys_branches_on_a_question_type_name():
    found = offences()
    assert not found, ("ask the question's type instead (surveys.question_types: template, first_input_id, "
                       "summary, point_words, shown, demo_value, or a new method):\n" + "\n".join(found))


@pytest.mark.parametrize("code", [
    'if question.type == "agreement":\n    pass',
    'if "rating" != q.type:\n    pass',
    'x = question.type in ("single_choice", "multiple_choice")',
    'x = kind not in ["long_text"] and q.type not in ["long_text"]',
    'label = get_type("rating").end_label(question, "low", "en")',
    'query = select(Question).where(Question.type.in_(["agreement", "rating"]))',
    'match question.type:\n    case "date":\n        pass',
    'kind = question.type\nif kind in ("rating", "number"):\n    pass',
])
def test_the_scan_finds_a_branch_on_a_type_name_in_python(code):
    assert python_offences(code)


@pytest.mark.parametrize("code", [
    'x = get_type(question.type).summary == "text"',  # a summary kind, not a type name
    'x = question.type == other.type',
    'x = field.type == "textarea"',
    'names = {"agreement": 1}',
])
def test_the_scan_lets_the_registry_be_asked(code):
    assert not python_offences(code)


@pytest.mark.parametrize("line, flagged", [
    ("{% if question.type == 'agreement' %}", True),
    ('{% if question.type in ("single_choice", "multiple_choice") %}', True),
    ("{% if 'rating' != q.type %}", True),
    ('{% include "respondent/questions/_" ~ question.type ~ ".html" %}', False),
    ("{% include question_template(question) %}", False),
    ("{% if type == 'textarea' -%}", False),  # an input's kind in a form macro
    ("{% if summary_kind(question) in ('choice', 'scale', 'number') %}", False),
])
def test_the_scan_reads_templates(line, flagged):
    assert bool(template_offences(line)) is flagged
