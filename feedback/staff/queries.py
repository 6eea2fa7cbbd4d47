"""Database reads for staff pages (counts are SQL GROUP BYs; statistics live in ``analysis``)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from flask_login import current_user

from surveys.models import Answer, Question, Response, Survey, Wave

from ..extensions import db
from ..models import AuditEvent, RunStatus, ThemeAssignment, ThemeRun
from ..reports import AGREEMENT, LANGUAGE_NAMES, NO_SOURCE

DIRECT_SOURCE = "_direct"
"""The source filter's value for responses that came through the plain link (never an organization
slug, which starts with a letter or digit)."""

PAGE_SIZE = 50


@dataclass
class SurveyRow:
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
    by_wave: list[tuple[str, int, int]]
    by_source: list[tuple[str | None, int]]  # None: the plain link, without a partner's ``src``
    by_language: list[tuple[str, int]]
    by_day: list[tuple[str, int]]
    total: int
    complete: int


def response_counts(survey_id: int) -> ResponseCounts:
    """Counts staff need to watch collection: per wave (with complete), source, language and day."""
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


def latest_runs(survey_id: int) -> dict[int, ThemeRun]:
    """The newest theme run per question, so the survey page can link each question's report."""
    runs = db.session.scalars(
        sa.select(ThemeRun).where(ThemeRun.survey_id == survey_id).order_by(ThemeRun.id.desc())
    ).all()
    latest: dict[int, ThemeRun] = {}
    for run in runs:
        latest.setdefault(run.question_id, run)
    return latest


def report_waves(survey_id: int) -> dict[int, set[int | None]]:
    """Per question, the waves (``None``: all waves) that have a finished theme run to report."""
    waves: dict[int, set[int | None]] = {}
    for question_id, wave_id in db.session.execute(
        sa.select(ThemeRun.question_id, ThemeRun.wave_id).distinct()
        .where(ThemeRun.survey_id == survey_id, ThemeRun.status == RunStatus.FINISHED)
    ):
        waves.setdefault(question_id, set()).add(wave_id)
    return waves


def latest_finished_run(question_id: int, wave_id: int | None) -> ThemeRun | None:
    return db.session.scalar(
        sa.select(ThemeRun)
        .where(ThemeRun.question_id == question_id, ThemeRun.status == RunStatus.FINISHED,
               ThemeRun.wave_id.is_(None) if wave_id is None else ThemeRun.wave_id == wave_id)
        .order_by(ThemeRun.id.desc())
        .limit(1)
    )


def audit(partnership_id: int, action: str, object_type: str, object_id: Any, details: dict | None = None) -> None:
    """Record who changed what; the request's single commit stores it with the change itself."""
    user_id = current_user.id if current_user and current_user.is_authenticated else None
    db.session.add(AuditEvent(partnership_id=partnership_id, user_id=user_id, action=action,
                              object_type=object_type, object_id=str(object_id), details=details or {}))


def source_name(organizations: Mapping[str, str], source: str | None) -> str:
    """How a response's source reads everywhere staff see it: the partner's name, as in reports."""
    if not source:
        return NO_SOURCE
    return organizations.get(source, source)


def organization_names(survey: Survey) -> dict[str, str]:
    """Partner organization slugs (the ``src`` of their links) and their names."""
    return {org.slug: org.name for org in survey.partnership.organizations}


def source_choices(survey: Survey) -> list[tuple[str, str]]:
    """(filter value, name) for every source of the survey's responses and every partner's link."""
    names = organization_names(survey)
    seen = set(db.session.scalars(sa.select(Response.source).distinct().where(Response.survey_id == survey.id)))
    choices = [(DIRECT_SOURCE, NO_SOURCE)]
    choices += sorted(((slug, source_name(names, slug)) for slug in (set(names) | seen) - {None}),
                      key=lambda choice: choice[1].casefold())
    return choices


def language_choices(survey: Survey) -> list[tuple[str, str]]:
    """(code, name) for each language the survey is offered in."""
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in survey.languages]


@dataclass
class ResponseFilters:
    wave_id: int | None = None
    language: str | None = None
    source: str | None = None  # an organization slug, or DIRECT_SOURCE for the plain link
    complete: bool | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str], survey: Survey,
                  sources: Collection[str] = ()) -> ResponseFilters:
        """Read filters from the query string, ignoring values that do not belong to this survey
        (``sources``: the source values on offer)."""
        wave_ids = {wave.id for wave in survey.waves}
        wave = args.get("wave", "")
        complete = args.get("complete")
        try:
            page = max(1, int(args.get("page", "1")))
        except ValueError:
            page = 1
        return cls(
            wave_id=int(wave) if wave.isdigit() and int(wave) in wave_ids else None,
            language=args.get("language") if args.get("language") in survey.languages else None,
            source=args.get("source") if args.get("source") in sources else None,
            complete={"yes": True, "no": False}.get(complete or ""),
            page=page,
        )

    def args(self, **changes: Any) -> dict[str, Any]:
        values = {"wave": self.wave_id, "language": self.language, "source": self.source,
                  "complete": {True: "yes", False: "no"}.get(self.complete), "page": self.page}
        values.update(changes)
        return {key: value for key, value in values.items() if value not in (None, "")}


@dataclass
class ShownAnswer:
    """One question's answer as staff read it: choices by their names, scales with their words."""

    question: Question
    values: list[str]
    quoted: bool = False  # the person's own words, shown as a quotation

    @property
    def several(self) -> bool:
        return len(self.values) > 1


def _option_names(question: Question) -> dict[str, str]:
    return {option["key"]: (option.get("text") or {}).get("en") or option["key"] for option in question.options}


def shown_answer(question: Question, answers: list[Answer]) -> ShownAnswer:
    """Turn a question's stored rows into what a person reads (one entry per chosen option)."""
    if question.type in ("long_text", "short_text"):
        return ShownAnswer(question, [a.value_text for a in answers if a.value_text], quoted=True)
    names = _option_names(question)
    values = []
    for answer in answers:
        if answer.option_key:
            name = names.get(answer.option_key) or answer.option_key.replace("_", " ").capitalize()
            values.append(f"{name}: {answer.value_text}" if answer.value_text else name)
        elif answer.value_number is not None:
            values.append(_scale_text(question, answer.value_number))
        elif answer.value_text:
            values.append(answer.value_text)
    return ShownAnswer(question, values)


def _scale_text(question: Question, number: float) -> str:
    if question.type == "agreement" and int(number) in AGREEMENT:
        return f"{AGREEMENT[int(number)]} ({number:g} of 5)"
    if question.type == "rating":
        low, high = question.settings.get("min", 1), question.settings.get("max", 5)
        ends = {low: question.settings.get("low_label") or {}, high: question.settings.get("high_label") or {}}
        words = ends.get(int(number), {}).get("en")
        return f"{number:g} on a scale of {low} to {high}" + (f" ({words})" if words else "")
    return f"{number:g}"


@dataclass
class ResponsePage:
    responses: list[Response]
    answers: dict[int, list[ShownAnswer]]
    total: int
    page: int
    pages: int


def response_page(survey: Survey, filters: ResponseFilters) -> ResponsePage:
    """One page of responses with their answers, loaded in two queries (no query per response)."""
    query = sa.select(Response).where(Response.survey_id == survey.id)
    if filters.wave_id is not None:
        query = query.where(Response.wave_id == filters.wave_id)
    if filters.language:
        query = query.where(Response.language == filters.language)
    if filters.source == DIRECT_SOURCE:
        query = query.where(Response.source.is_(None))
    elif filters.source:
        query = query.where(Response.source == filters.source)
    if filters.complete is not None:
        query = query.where(Response.complete.is_(filters.complete))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(filters.page, pages)
    responses = db.session.scalars(
        query.order_by(Response.started_at.desc(), Response.id.desc()).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    questions = {question.id: question for question in survey.questions}
    rows: dict[int, dict[int, list[Answer]]] = {response.id: {} for response in responses}
    if responses:
        for answer in db.session.scalars(
            sa.select(Answer).where(Answer.response_id.in_(list(rows))).order_by(Answer.id)
        ):
            rows[answer.response_id].setdefault(answer.question_id, []).append(answer)
    answers = {
        response_id: [shown_answer(questions[question_id], items)
                      for question_id, items in sorted(by_question.items(), key=lambda kv: questions[kv[0]].position)]
        for response_id, by_question in rows.items()
    }
    return ResponsePage(list(responses), answers, total, page, pages)


@dataclass
class ExportSize:
    """How big the responses download is: rows and columns, for the link's hint."""

    rows: int
    columns: int


def export_size(survey: Survey) -> ExportSize:
    """Rows (every response, whatever the page's filters) and columns of the responses export."""
    rows = db.session.scalar(sa.select(sa.func.count(Response.id)).where(Response.survey_id == survey.id)) or 0
    return ExportSize(rows=rows, columns=len(RESPONSE_COLUMNS) + len(survey.questions))


def theme_answers(run_id: int, theme_id: int, page: int) -> tuple[list[tuple[Any, ...]], int]:
    """A page of the answers in one theme, best-fitting first, with their response facts."""
    base = (
        sa.select(Answer.id, Answer.value_text, ThemeAssignment.score, ThemeAssignment.sentiment,
                  Response.language, Response.source, Response.public_id)
        .join(ThemeAssignment, ThemeAssignment.answer_id == Answer.id)
        .join(Response, Response.id == Answer.response_id)
        .where(ThemeAssignment.run_id == run_id, ThemeAssignment.theme_id == theme_id)
    )
    total = db.session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
    rows = db.session.execute(
        base.order_by(ThemeAssignment.score.desc().nulls_last(), Answer.id).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    return [tuple(row) for row in rows], total


RESPONSE_COLUMNS = ("response", "wave", "language", "source", "complete", "started", "submitted")
"""The export's columns before one column per question."""


def responses_table(survey: Survey) -> pd.DataFrame:
    """One row per response and one column per question (choices joined by "; "), for exports."""
    import pandas as pd

    questions = list(survey.questions)
    responses = db.session.execute(
        sa.select(Response.id, Response.public_id, Wave.label, Response.language, Response.source,
                  Response.complete, Response.started_at, Response.submitted_at)
        .join(Wave, Wave.id == Response.wave_id)
        .where(Response.survey_id == survey.id)
        .order_by(Response.id)
    ).all()
    columns = list(RESPONSE_COLUMNS)
    table = {row[0]: dict(zip(columns, [row[1], row[2], row[3], row[4] or "", "yes" if row[5] else "no",
                                        row[6].isoformat() if row[6] else "", row[7].isoformat() if row[7] else ""]))
             for row in responses}
    option_text = {q.id: {o["key"]: (o.get("text") or {}).get("en", o["key"]) for o in q.options} for q in questions}
    headers = {q.id: f"{q.key}: {q.text_in('en')}" for q in questions}
    values: dict[tuple[int, int], list[str]] = {}
    for response_id, question_id, option_key, text, number in db.session.execute(
        sa.select(Answer.response_id, Answer.question_id, Answer.option_key, Answer.value_text, Answer.value_number)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.survey_id == survey.id)
        .order_by(Answer.id)
    ):
        if option_key:
            shown = option_text.get(question_id, {}).get(option_key, option_key) + (f": {text}" if text else "")
        elif text is not None:
            shown = text
        else:
            shown = "" if number is None else f"{number:g}"
        values.setdefault((response_id, question_id), []).append(shown)
    for (response_id, question_id), parts in values.items():
        if response_id in table and question_id in headers:
            table[response_id][headers[question_id]] = "; ".join(parts)
    return pd.DataFrame(list(table.values()), columns=columns + [headers[q.id] for q in questions]).fillna("")


def forget_report_caches(survey_id: int) -> None:
    """Drop the stored report tables of a survey's runs; they are rebuilt when next viewed."""
    db.session.execute(sa.update(ThemeRun).where(ThemeRun.survey_id == survey_id).values(report_cache=None))
