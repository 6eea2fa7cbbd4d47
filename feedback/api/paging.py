"""Cursor pages for the API: a survey's responses with their answers, and a run's theme assignments.

Pages are in id order and a cursor is the last id of the page before, so a row stored while a script
pages is never skipped and no row comes twice (offsets would shift under inserts). Reads only.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC
from typing import Any

import sqlalchemy as sa

from surveys.models import Answer, Response, Survey

from ..extensions import db
from ..models import ThemeAssignment, ThemeRun
from ..queries.responses import DIRECT_SOURCE
from . import schemas as s
from .errors import ApiError


def encode_cursor(kind: str, last_id: int) -> str:
    """An opaque cursor continuing after ``last_id`` (``kind`` keeps one list's cursor out of another)."""
    return base64.urlsafe_b64encode(f"{kind}:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str | None) -> int:
    """The id a cursor continues after (0: the first page); 400 for a cursor this API did not give."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, value = text.partition(":")
        if prefix == kind and value.isdigit() and len(value) <= 10:
            return int(value)
    except (binascii.Error, ValueError):
        pass
    raise ApiError(400, "This cursor is not one the API gave; start again without it.", code="invalid_cursor",
                   field="cursor")


@dataclass
class Page:
    rows: list[Any]
    next_cursor: str | None


def _page(rows: list[Any], limit: int, kind: str, last_id) -> Page:
    """The first ``limit`` of ``limit + 1`` rows read, with a cursor when there were more."""
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, encode_cursor(kind, last_id(rows[-1])) if more else None)


def response_page(survey: Survey, query: s.ResponseQuery) -> s.ResponsePage:
    """One page of the survey's responses matching ``query``, each with its stored answer rows (two
    queries per page)."""
    statement = sa.select(Response).where(Response.survey_id == survey.id,
                                          Response.id > decode_cursor("r", query.cursor))
    if query.wave is not None:
        if query.wave not in {w.id for w in survey.waves}:
            raise ApiError(422, "This survey has no wave with this id.", field="wave")
        statement = statement.where(Response.wave_id == query.wave)
    if query.since is not None:
        since = query.since if query.since.tzinfo else query.since.replace(tzinfo=UTC)
        statement = statement.where(Response.submitted_at >= since)
    if query.source == DIRECT_SOURCE:
        statement = statement.where(Response.source.is_(None))
    elif query.source:
        statement = statement.where(Response.source == query.source)
    if query.language:
        statement = statement.where(Response.language == query.language)
    if query.channel is not None:
        statement = statement.where(Response.channel == query.channel)
    page = _page(list(db.session.scalars(statement.order_by(Response.id).limit(query.limit + 1))),
                 query.limit, "r", lambda response: response.id)
    keys = {q.id: q.key for q in survey.questions}
    answers: dict[int, list[s.AnswerOut]] = {r.id: [] for r in page.rows}
    if page.rows:
        for answer in db.session.scalars(sa.select(Answer).where(Answer.response_id.in_(list(answers)))
                                         .order_by(Answer.id)):
            answers[answer.response_id].append(s.AnswerOut(
                question=keys.get(answer.question_id, ""), option=answer.option_key or None,
                text=answer.value_text, number=answer.value_number))
    return s.ResponsePage(
        responses=[s.ResponseOut(id=r.public_id, wave=r.wave_id, language=r.language, source=r.source,
                                 channel=r.channel, complete=r.complete, started_at=r.started_at,
                                 submitted_at=r.submitted_at, answers=answers[r.id]) for r in page.rows],
        next_cursor=page.next_cursor,
    )


def assignment_page(run: ThemeRun, query: s.AssignmentQuery) -> s.AssignmentPage:
    """One page of a run's assignments (answer, its response and words, theme, fit) by answer id."""
    rows = db.session.execute(
        sa.select(ThemeAssignment.answer_id, Response.public_id, ThemeAssignment.theme_id, Answer.value_text,
                  ThemeAssignment.score, ThemeAssignment.second_theme_id)
        .join(Answer, Answer.id == ThemeAssignment.answer_id)
        .join(Response, Response.id == Answer.response_id)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.answer_id > decode_cursor("a", query.cursor))
        .order_by(ThemeAssignment.answer_id).limit(query.limit + 1)
    ).all()
    page = _page(list(rows), query.limit, "a", lambda row: row[0])
    return s.AssignmentPage(
        assignments=[s.AssignmentOut(answer=a, response=r, theme=t, second_theme=second if second != t else None,
                                     text=text, score=score)
                     for a, r, t, text, score, second in page.rows],
        next_cursor=page.next_cursor,
    )
