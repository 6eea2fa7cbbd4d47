"""Parsing JSON that strangers send (API bodies, uploaded or pasted survey definitions) without letting
its shape hurt the server.

Python's parser recurses once per nesting level, so a body of ten thousand ``[`` raises
``RecursionError`` — which is not a ``ValueError`` and escapes every ``except ValueError`` (and Flask's
``get_json(silent=True)``) as a 500. ``NaN`` and ``Infinity`` are not JSON but Python accepts them. This
module refuses both, with a ``ValueError`` that says what to fix, and imports nothing from Chorus.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["MAX_JSON_DEPTH", "JSONInputError", "contains_nul", "load_json"]

MAX_JSON_DEPTH = 32
"""The deepest nesting accepted; a survey definition needs 7 levels, an API submission 4."""


class JSONInputError(ValueError):
    """JSON that cannot be accepted; the message says why in words a person can act on."""


def _refuse_constant(name: str) -> Any:
    raise JSONInputError(f"{name} is not a number JSON allows")


def load_json(text: str | bytes) -> Any:
    """``text`` parsed as strict JSON, nested at most :data:`MAX_JSON_DEPTH` levels.

    Raises:
        JSONInputError: too deep, or ``NaN``/``Infinity``.
        ValueError: not JSON at all (``json.JSONDecodeError``, or bytes that are not UTF-8).
    """
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise JSONInputError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep is not accepted") from None
    if _depth(value) > MAX_JSON_DEPTH:
        raise JSONInputError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep is not accepted")
    return value


def _depth(value: Any) -> int:
    """How deeply containers nest in ``value`` (a scalar is 0), without recursing."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if level > MAX_JSON_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def contains_nul(value: Any) -> bool:
    """True when a NUL character is in any string or key of parsed JSON (PostgreSQL cannot store one)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
