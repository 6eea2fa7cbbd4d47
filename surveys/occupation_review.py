"""The job titles inside stored occupation answers, and the same answer with one title recoded.

Staff review coded job titles wherever they were typed: a person's ``occupation`` answer holds one, an
employer's ``occupation_demand`` block one per job. The review queue (in ``feedback``) must not know
either storage layout, so it asks here: :func:`coded_titles` lists the titles of an answer's stored rows
and :func:`recoded_rows` returns the rows with one title's SOC code replaced, everything else kept
(what the person typed, whether they confirmed a match, openings, pay...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .occupation_demand import DemandAnswer
from .occupation_types import OccupationAnswer
from .question_types import StoredValue, get_type

__all__ = ["CodedTitle", "coded_titles", "recoded_rows"]


@dataclass(frozen=True)
class CodedTitle:
    """One typed job title in an answer.

    Attributes:
        item: Which title of the answer: 0 for a single title, the job's number (1, 2, …) in a block.
        text: The title as typed.
        soc_code: The SOC 2018 code stored for it, or ``None``.
        confirmed: The person chose a match (or "none of these") themselves.
    """

    item: int
    text: str
    soc_code: str | None
    confirmed: bool


def _value(question: Any, rows: Sequence[StoredValue]) -> Any:
    return get_type(question.type).from_rows(question, rows)


def coded_titles(question: Any, rows: Sequence[StoredValue]) -> list[CodedTitle]:
    """The typed titles in one answer's stored rows (empty for any other kind of answer)."""
    value = _value(question, rows)
    if isinstance(value, OccupationAnswer):
        return [CodedTitle(0, value.text, value.soc_code, value.confirmed)]
    if isinstance(value, DemandAnswer):
        return [CodedTitle(n, job.title, job.soc_code, job.confirmed)
                for n, job in enumerate(value.occupations, start=1)]
    return []


def recoded_rows(question: Any, rows: Sequence[StoredValue], item: int, soc_code: str) -> list[StoredValue]:
    """The answer's rows with title ``item`` coded as ``soc_code``.

    Raises:
        LookupError: The answer has no title ``item``.
    """
    value = _value(question, rows)
    if isinstance(value, OccupationAnswer) and item == 0:
        recoded: Any = replace(value, soc_code=soc_code)
    elif isinstance(value, DemandAnswer) and 1 <= item <= len(value.occupations):
        jobs = list(value.occupations)
        jobs[item - 1] = replace(jobs[item - 1], soc_code=soc_code)
        recoded = replace(value, occupations=tuple(jobs))
    else:
        raise LookupError(f"No job title {item} in this answer")
    return get_type(question.type).to_rows(question, recoded)
