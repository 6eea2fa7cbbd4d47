"""The job titles staff should confirm or correct, and the partnership's coder that learned from them.

Read-only. A typed title needs a person when nothing is stored for it (the respondent chose "none of
these" or left before confirming), or when a code is stored that the respondent did not confirm and the
coder is unsure (low score, close runner-up) or disagrees. A code the respondent confirmed is trusted,
unless the partnership corrected that title to another code since. A title the partnership already
corrected, stored with the corrected code, is done.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext

from analysis.occupations import Candidate, CorrectedCoder
from surveys.models import Answer, Partnership, Question, Survey
from surveys.occupation_review import coded_titles
from surveys.question_types import StoredValue, get_type

from ..extensions import db
from ..models import OccupationCorrection

__all__ = ["ReviewItem", "ReviewQueue", "corrections", "partnership_coder", "review_queue", "sure_titles"]

SHOWN = 40
"""Titles listed at once: a page a person can work through; the rest wait for the next visit."""


@dataclass(frozen=True)
class ReviewItem:
    """One typed title to confirm or correct, with the coder's suggestions."""

    response_id: int
    question_id: int
    item: int
    survey_title: str
    question_text: str
    text: str
    stored_code: str | None
    stored_title: str | None
    confirmed: bool
    reason: str
    suggestions: list[Candidate]


@dataclass(frozen=True)
class ReviewQueue:
    """The first :data:`SHOWN` titles to review, how many wait in all, and how many of them the coder is
    sure of (see :func:`sure_titles`)."""

    items: list[ReviewItem]
    total: int
    sure: int = 0


def corrections(partnership: Partnership) -> dict[str, str]:
    """The partnership's corrections: normalised title → SOC code."""
    rows = db.session.execute(sa.select(OccupationCorrection.text, OccupationCorrection.soc_code).where(
        OccupationCorrection.partnership_id == partnership.id))
    return {text: code for text, code in rows}


def partnership_coder(partnership: Partnership) -> CorrectedCoder:
    """The shared coder with this partnership's corrections winning first (cheap: no refit)."""
    return CorrectedCoder(corrections(partnership))


def _occupation_questions(partnership: Partnership) -> list[Question]:
    questions = db.session.scalars(sa.select(Question).join(Survey).where(
        Survey.partnership_id == partnership.id).order_by(Survey.id, Question.position))
    return [q for q in questions if getattr(get_type(q.type), "occupation_side", None)]


def _titles(questions: list[Question]) -> list[tuple[int, Question, object]]:
    """(response id, question, CodedTitle) for every typed title, oldest response first."""
    if not questions:
        return []
    by_id = {q.id: q for q in questions}
    stored: dict[tuple[int, int], list[StoredValue]] = defaultdict(list)
    rows = db.session.execute(
        sa.select(Answer.response_id, Answer.question_id, Answer.option_key, Answer.value_text, Answer.value_number)
        .where(Answer.question_id.in_(list(by_id)))
        .order_by(Answer.response_id, Answer.id))
    for response_id, question_id, option_key, text, number in rows:
        stored[(response_id, question_id)].append(StoredValue(option_key or "", text, number))
    return [(response_id, by_id[question_id], title)
            for (response_id, question_id), values in stored.items()
            for title in coded_titles(by_id[question_id], values)]


def _reason(title, match, coder: CorrectedCoder) -> str | None:
    """Why a title needs a person, or ``None`` when it does not."""
    if not title.text.strip():
        return None
    if match.method == "correction":
        if title.soc_code == match.soc_code:
            return None
        return (gettext("Your partnership coded these words before: confirm") if not title.soc_code
                else gettext("Your partnership coded these words differently"))
    if title.soc_code and title.confirmed:
        return None
    if not title.soc_code:
        return (gettext("None of the matches was chosen") if title.confirmed
                else gettext("Not confirmed by the respondent"))
    if match.soc_code != title.soc_code:
        return gettext("The coder suggests another occupation")
    if match.needs_review:
        return gettext("The coder is unsure")
    return None


def _waiting(partnership: Partnership) -> list[tuple[int, Question, object, str, object]]:
    """(response id, question, title, reason, match) of every title that needs a person."""
    titles = _titles(_occupation_questions(partnership))
    coder = partnership_coder(partnership)
    matches = coder.code([title.text for _, _, title in titles])
    return [(response_id, question, title, reason, match)
            for (response_id, question, title), match in zip(titles, matches, strict=True)
            if (reason := _reason(title, match, coder))]


def _sure(title, match) -> bool:
    """Nothing is stored, the respondent did not choose "none of these", and the coder does not doubt."""
    return not title.soc_code and not title.confirmed and bool(match.soc_code) and not match.needs_review


def sure_titles(partnership: Partnership) -> list[tuple[Question, int, int, str]]:
    """(question, response id, title number, the coder's code) of every waiting title the coder is sure
    of and nobody coded: what "Accept the coder's choice for all of these" stores."""
    return [(question, response_id, title.item, match.soc_code)
            for response_id, question, title, _, match in _waiting(partnership) if _sure(title, match)]


def review_queue(partnership: Partnership, limit: int = SHOWN) -> ReviewQueue:
    """Typed titles in the partnership's responses that need a person, oldest first."""
    waiting = _waiting(partnership)
    coder = partnership_coder(partnership)
    items = [
        ReviewItem(response_id=response_id, question_id=question.id, item=title.item,
                   survey_title=question.survey.title.get("en") or next(iter(question.survey.title.values()), ""),
                   question_text=question.text.get("en") or next(iter(question.text.values()), ""),
                   text=title.text, stored_code=title.soc_code,
                   stored_title=coder.coder.occupations_.get(title.soc_code) if title.soc_code else None,
                   confirmed=title.confirmed, reason=reason, suggestions=coder.suggest(title.text, 4))
        for response_id, question, title, reason, _ in waiting[:limit]
    ]
    return ReviewQueue(items=items, total=len(waiting), sure=sum(_sure(t, m) for _, _, t, _, m in waiting))
