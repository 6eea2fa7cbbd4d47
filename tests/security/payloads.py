"""The payload corpora the security suite sends: what an attacker types into a field or a JSON body.

Kept small on purpose (a few of each kind, chosen to hit a different parser or sink each): every form
field, API field and upload gets every corpus, so the product of the two is what costs time.
"""

from __future__ import annotations

import json

MARK = "pwned"

XSS = [
    f'<script>document.title="{MARK}"</script>',
    f'"><img src=x onerror="document.title=\'{MARK}\'">',
    f"javascript:document.title='{MARK}'",
    f"<svg/onload=alert('{MARK}')>",
    f"{{{{7*7}}}}<style>*{{display:none}}</style>{MARK}",
]
"""Markup and template syntax: must come back escaped (no tag, no evaluated ``{{7*7}}``)."""

FORMULA = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)",
           "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]
"""Spreadsheet formulas: an export must never hand them to Excel as formulas."""

OVERSIZED = ["x" * 20_001, "é" * 60_000]
"""Longer than any field allows (the second over the 50,000-character form cap as well)."""

NEWLINES = ["key\n", "key\r\nSet-Cookie: a=b", "a\u2028b", "line\x0bfeed"]
"""Header and key injection: a newline where a key or a file name goes."""

CONTROL = ["\x00", "bus\x00es", "\x1b[31mred", "\ufeffbom", "\ud800"]
"""NUL, escape sequences, a byte-order mark and a lone surrogate (not encodable as UTF-8)."""

HUGE_NUMBERS = [10**400, -(10**400), 1e308, 2**63, 2**64 + 1, 99999999999999999999]
"""Integers and floats no column holds; each must be a validation error, never an overflow."""

HUGE_NUMBER_TEXTS = ["1" * 400, "1e309", "-1e309", "9" * 5000, "NaN", "Infinity", "0x7fffffffffffffff"]

SCALARS = [*XSS, *FORMULA, *NEWLINES, *CONTROL, *HUGE_NUMBERS, *HUGE_NUMBER_TEXTS, "", " ", "0"]
"""Every scalar payload except the oversized ones (for property-based tests)."""

TEXTS = [*XSS, *FORMULA, *OVERSIZED, *NEWLINES, *[c for c in CONTROL if c != "\ud800"], *HUGE_NUMBER_TEXTS]
"""What a form field can carry (a lone surrogate cannot be sent as UTF-8; see :data:`BAD_UTF8`)."""

BAD_UTF8 = [b"\xff\xfe", b"caf\xe9", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]
"""Malformed UTF-8 as raw bytes: invalid start bytes, Latin-1, a truncated pair, an encoded surrogate,
beyond U+10FFFF."""


def deep_json(depth: int = 50_000) -> str:
    """A body nested far deeper than any parser's recursion allows."""
    return '{"answers": ' + "[" * depth + "]" * depth + "}"


def json_with_newline_keys() -> str:
    return json.dumps({"answers": {"story\n": "x", "goal": "job"}, "language": "en\n", "source": "p\n"})
