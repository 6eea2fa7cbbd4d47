"""Responses as staff read them: filtered pages, each answer in words, sources and languages by name,
and the one-row-per-response export."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa

from surveys.i18n import ENGLISH_NAMES
from surveys.models import Answer, Question, Response, Survey, Wave
from surveys.question_types import StoredValue, get_type

from ..extensions import db
from ..reports import NO_SOURCE, option_label
from ..reports.breakdowns import page_label

DIRECT_SOURCE = "_direct"
"""The source filter's value for responses that came through the plain link (never an organization
slug, which starts with a letter or digit)."""

PAGE_SIZE = 50


def source_name(organizations: Mapping[str, str], source: str | None) -> str:
    """How a response's source reads everywhere staff see it: the partner's name, as in reports."""
    if not source:
        return page_label(NO_SOURCE)
    return organizations.get(source, source)


def organization_names(survey: Survey) -> dict[str, str]:
    """Partner organization slugs (the ``src`` of their links) and their names."""
    return {org.slug: org.name for org in survey.partnership.organizations}


def source_choices(survey: Survey) -> list[tuple[str, str]]:
    """(filter value, name) for every source of the survey's responses and every partner's link."""
    names = organization_names(survey)
    seen = set(db.session.scalars(sa.select(Response.source).distinct().where(Response.survey_id == survey.id)))
    choices = [(DIRECT_SOURCE, page_label(NO_SOURCE))]
    choices += sorted(((slug, source_name(names, slug)) for slug in (set(names) | seen) - {None}),
                      key=lambda choice: choice[1].casefold())
    return choices


def language_choices(survey: Survey) -> list[tuple[str, str]]:
    """(code, English name) for each language the survey is offered in."""
    return [(code, ENGLISH_NAMES.get(code, code)) for code in survey.languages]


@dataclass
class ResponseFilters:
    """What the responses page shows: one wave, language, source, complete or not, and which page."""

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
        """The query string of these filters with ``changes`` (for links to other pages)."""
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


def option_names(question: Question) -> dict[str, str]:
    """Each option's words as staff read them (as in reports), by option key, wherever an answer is shown
    or exported; a key missing from it is shown as itself."""
    return {option["key"]: option_label(option) for option in question.options}


def shown_answer(question: Question, answers: list[Answer]) -> ShownAnswer:
    """Turn a question's stored rows into what a person reads (one entry per chosen option); the question's
    type says how its answers read."""
    kind = get_type(question.type)
    rows = [StoredValue(option_key=a.option_key, value_text=a.value_text, value_number=a.value_number)
            for a in answers]
    return ShownAnswer(question, kind.shown(question, rows, option_names(question)),
                       quoted=kind.summary == "text")


@dataclass
class ResponsePage:
    """One page of responses, each with its answers in words."""

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


RESPONSE_COLUMNS = ("response", "wave", "language", "source", "complete", "started", "submitted")
"""The export's columns before one column per question."""


@dataclass
class ExportSize:
    """How big the responses download is: rows and columns, for the link's hint."""

    rows: int
    columns: int


def export_size(survey: Survey) -> ExportSize:
    """Rows (every response, whatever the page's filters) and columns of the responses export."""
    rows = db.session.scalar(sa.select(sa.func.count(Response.id)).where(Response.survey_id == survey.id)) or 0
    return ExportSize(rows=rows, columns=len(RESPONSE_COLUMNS) + len(survey.questions))


def responses_table(survey: Survey) -> pd.DataFrame:
    """One row per response and one column per question (choices joined by "; "), for exports."""
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
    options = {q.id: option_names(q) for q in questions}
    headers = {q.id: f"{q.key}: {q.text_in('en')}" for q in questions}
    values: dict[tuple[int, int], list[str]] = {}
    for response_id, question_id, option_key, text, number in db.session.execute(
        sa.select(Answer.response_id, Answer.question_id, Answer.option_key, Answer.value_text, Answer.value_number)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.survey_id == survey.id)
        .order_by(Answer.id)
    ):
        if option_key:
            shown = options.get(question_id, {}).get(option_key, option_key) + (f": {text}" if text else "")
        elif text is not None:
            shown = text
        else:
            shown = "" if number is None else f"{number:g}"
        values.setdefault((response_id, question_id), []).append(shown)
    for (response_id, question_id), parts in values.items():
        if response_id in table and question_id in headers:
            table[response_id][headers[question_id]] = "; ".join(parts)
    # object: a question nobody answered is an all-missing column, which pandas would make float (and then
    # refuse to fill with text).
    return pd.DataFrame(list(table.values()), columns=columns + [headers[q.id] for q in questions],
                        dtype=object).fillna("")
