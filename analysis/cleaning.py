"""Cleaning: normalise answers, set non-answers apart, redact personal details, key near-duplicates.

People answer open questions on phones, in a hurry, sometimes with "n/a" or an emoji. Those answers are
real data (how many people had nothing to say is itself a finding) but they are not a theme, so they are
set apart with a reason instead of being clustered. Personal details typed into a free-text box (a phone
number, an email, a name) must never reach a staff screen, so they are redacted before anything else
looks at the text.

Each step has its own module (:mod:`.normalization`, :mod:`.non_answers`, :mod:`.redaction`); this one
is where the rest of the package imports them from.
"""

from __future__ import annotations

from .non_answers import NON_ANSWER_REASONS, non_answer_reason, non_answer_reasons
from .normalization import duplicate_key, normalize_text
from .redaction import pii_spans, redact_pii, redact_pii_many

__all__ = [
    "NON_ANSWER_REASONS",
    "duplicate_key",
    "non_answer_reason",
    "non_answer_reasons",
    "normalize_text",
    "pii_spans",
    "redact_pii",
    "redact_pii_many",
]
