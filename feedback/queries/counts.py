"""Surveys and how many responses they have, as staff watch collection."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from surveys.models import Response, Survey, Wave

from ..extensions import db


@dataclass
class SurveyRow:
    """A survey on the dashboard, with its response counts."""

    survey: Survey
    responses: int
    complete: int


def survey_rows(partnership_id: int) -> list[SurveyRow]:
    """Every survey of a partnership with its response counts, in one query."""
    query = (
        sa.select(Survey, sa.func.count(Response.id), sa.func.count(Response.id).filter(Response.complete))
        .outerjoin(Response, Response.survey_id == Survey.id)
        .where(Survey.partnership_id == partnership_id)
        .group_by(Survey.id)
        .order_by(Survey.id)
    )
    return [SurveyRow(survey, total, complete) for survey, total, complete in db.session.execute(query)]


@dataclass
class ResponseCounts:
    """Counts staff need to watch collection: per wave (with complete), source, language and day."""

    by_wave: list[tuple[str, int, int]]
    by_source: list[tuple[str | None, int]]  # None: the plain link, without a partner's ``src``
    by_language: list[tuple[str, int]]
    by_day: list[tuple[str, int]]
    total: int
    complete: int


def response_counts(survey_id: int) -> ResponseCounts:
    """A survey's :class:`ResponseCounts`, in a handful of grouped queries."""
    base = sa.select(sa.func.count(Response.id)).where(Response.survey_id == survey_id)
    by_wave = db.session.execute(
        sa.select(Wave.label, sa.func.count(Response.id), sa.func.count(Response.id).filter(Response.complete))
        .outerjoin(Response, Response.wave_id == Wave.id)
        .where(Wave.survey_id == survey_id)
        .group_by(Wave.id, Wave.label, Wave.position)
        .order_by(Wave.position)
    ).all()

    def grouped(column) -> list[tuple[str, int]]:
        rows = db.session.execute(
            sa.select(column, sa.func.count(Response.id))
            .where(Response.survey_id == survey_id)
            .group_by(column)
            .order_by(sa.func.count(Response.id).desc())
        ).all()
        return [(value, n) for value, n in rows]

    day = sa.func.date(Response.started_at) if db.engine.dialect.name == "sqlite" else sa.cast(
        Response.started_at, sa.Date)
    by_day = db.session.execute(
        sa.select(day, sa.func.count(Response.id)).where(Response.survey_id == survey_id)
        .group_by(day).order_by(day)
    ).all()
    return ResponseCounts(
        by_wave=[tuple(row) for row in by_wave],
        by_source=grouped(Response.source),
        by_language=grouped(Response.language),
        by_day=[(str(d), n) for d, n in by_day],
        total=db.session.scalar(base) or 0,
        complete=db.session.scalar(base.where(Response.complete)) or 0,
    )
