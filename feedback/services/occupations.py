"""Occupation coding staff do: confirm or correct a typed job title's code, and choose the partnership's
OEWS area for local wages. Each flushes and is audited; the view commits."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from analysis.occupations import area_name, correction_key
from surveys.models import Answer, Partnership, Question
from surveys.occupation_review import coded_titles, recoded_rows
from surveys.occupation_types import soc_title
from surveys.question_types import StoredValue

from ..extensions import db
from ..models import OccupationCorrection
from . import ActionRefused
from .audit import record_audit

__all__ = ["accept_sure_titles", "code_title", "set_oews_area"]


def code_title(partnership: Partnership, question: Question, response_id: int, item: int, soc_code: str,
               user_id: int | None) -> str:
    """Store ``soc_code`` for title ``item`` of one answer and remember it for the partnership.

    The typed words, and everything else in the answer, stay as they were. The partnership's correction
    for the title (normalised) is added or replaced, so later answers with these words are coded the
    same way by the partnership's coder.

    Returns:
        The typed title.

    Raises:
        ActionRefused: ``soc_code`` is not a SOC 2018 detailed occupation, or the answer has no such title.
    """
    if soc_title(soc_code) is None:
        raise ActionRefused(_("Choose an occupation from the list, or type a SOC code such as 31-1131."),
                            field="soc_code")
    answers = list(db.session.scalars(sa.select(Answer).where(
        Answer.response_id == response_id, Answer.question_id == question.id).order_by(Answer.id)))
    stored = [StoredValue(a.option_key or "", a.value_text, a.value_number) for a in answers]
    title = next((t for t in coded_titles(question, stored) if t.item == item), None)
    if title is None or not title.text.strip():
        raise ActionRefused(_("That job title is no longer in this answer."))
    _replace_rows(answers, recoded_rows(question, stored, item, soc_code), response_id, question)
    key = correction_key(title.text)
    correction = db.session.scalar(sa.select(OccupationCorrection).where(
        OccupationCorrection.partnership_id == partnership.id, OccupationCorrection.text == key))
    if correction is None:
        db.session.add(OccupationCorrection(partnership_id=partnership.id, text=key, soc_code=soc_code,
                                            created_by_id=user_id))
    else:
        correction.soc_code, correction.created_by_id = soc_code, user_id
    action = "occupation.confirm" if title.soc_code == soc_code else "occupation.correct"
    record_audit(partnership.id, action, "answer", f"{response_id}:{question.id}:{item}",
                 {"title": key, "from": title.soc_code, "to": soc_code})
    db.session.flush()
    return title.text


def accept_sure_titles(partnership: Partnership, user_id: int | None) -> int:
    """Store the coder's code for every waiting title it is sure of that nobody coded (each audited and
    remembered like a title coded by hand); return how many."""
    from ..queries.occupation_review import sure_titles

    chosen = sure_titles(partnership)
    for question, response_id, item, soc_code in chosen:
        code_title(partnership, question, response_id, item, soc_code, user_id)
    return len(chosen)


def _replace_rows(answers: list[Answer], rows: list[StoredValue], response_id: int, question: Question) -> None:
    """Make the stored rows equal ``rows``: same option keys updated in place, others removed or added."""
    wave_id = answers[0].wave_id
    wanted = {row.option_key: row for row in rows}
    for answer in answers:
        row = wanted.pop(answer.option_key or "", None)
        if row is None:
            db.session.delete(answer)
        else:
            answer.value_text, answer.value_number = row.value_text, row.value_number
    db.session.flush()  # deletions first: a new row may reuse a freed (response, question, key)
    for row in wanted.values():
        db.session.add(Answer(response_id=response_id, question_id=question.id, wave_id=wave_id,
                              option_key=row.option_key, value_text=row.value_text, value_number=row.value_number))


def set_oews_area(partnership: Partnership, area: str | None) -> None:
    """Use an OEWS area's wages and employment in the partnership's reports (``None``: the nation)."""
    area = area or None
    try:
        name = area_name(area)
    except ValueError:
        raise ActionRefused(_("Choose an area from the list."), field="oews_area") from None
    if partnership.oews_area == area:
        return
    record_audit(partnership.id, "partnership.oews_area", "partnership", partnership.slug,
                 {"from": partnership.oews_area, "to": area, "name": name})
    partnership.oews_area = area
    db.session.flush()
