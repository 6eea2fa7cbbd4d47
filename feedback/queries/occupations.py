"""Occupation answers as tables: employers' demand per occupation and people's interest (supply).

Read-only. Which questions count is asked of their type (``occupation_side``: ``"demand"`` for the
employer's per-occupation block, ``"supply"`` for a job title a person wants or trains for), so a new
type on either side needs no change here. Counting and protecting belong to :mod:`analysis`; these
frames hold one row per answer, as stored.

``demand_frame`` columns: ``response_id``, ``wave_id``, ``survey_id``, ``complete``, ``organization``
(as typed, ``None`` when not given), ``organization_key`` (the name folded for counting distinct
employers: case, punctuation and "Inc."/"LLC" ignored), ``soc_code`` (``None``: none of the matches, or
not confirmed), ``soc_title``, ``typed_title``, ``confirmed``, ``openings``, ``vacancies``, ``pay``,
``pay_unit`` (``hour``/``year``), ``pay_hourly`` (yearly pay / 2,080), ``shift``, ``credentials`` (a
list of keys), ``hard_to_fill`` (``True``/``False``/``None``), ``hard_to_fill_why``.

``supply_frame`` columns: ``response_id``, ``wave_id``, ``survey_id``, ``complete``, ``audience``,
``question_key``, ``soc_code``, ``soc_title``, ``typed_title``, ``confirmed``, then one column per
demographic choice question, named by its key, holding the English label of the group (a tuple of
labels for a "choose all" question; ``None`` when not answered).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd
import sqlalchemy as sa

from surveys.definition_types import Audience
from surveys.models import Answer, Partnership, Question, Response, Survey
from surveys.question_types import CHOICE_TYPES, StoredValue, get_type

from ..extensions import db

__all__ = ["DEMAND_COLUMNS", "SUPPLY_COLUMNS", "demand_frame", "organization_key", "supply_frame"]

DEMAND_COLUMNS = ["response_id", "wave_id", "survey_id", "complete", "organization", "organization_key",
                  "soc_code", "soc_title", "typed_title", "confirmed", "openings", "vacancies", "pay",
                  "pay_unit", "pay_hourly", "shift", "credentials", "hard_to_fill", "hard_to_fill_why"]
SUPPLY_COLUMNS = ["response_id", "wave_id", "survey_id", "complete", "audience", "question_key", "soc_code",
                  "soc_title", "typed_title", "confirmed"]
SUPPLY_AUDIENCES = (Audience.CAREER_SEEKER, Audience.LEARNER, Audience.INCUMBENT_WORKER)
_LEGAL_SUFFIX = re.compile(r"\b(inc|llc|llp|ltd|corp|corporation|co|company|pc|pllc|the)\b")


def organization_key(name: str | None) -> str | None:
    """An organization's name folded so "Riverside Medical Center, Inc." and "riverside medical center"
    count as one employer."""
    if not name:
        return None
    folded = re.sub(r"[^\w\s]", " ", name.casefold())
    folded = " ".join(_LEGAL_SUFFIX.sub(" ", folded).split())
    return folded or None


def _side_questions(survey_ids: Iterable[int], side: str, question_ids: Iterable[int] | None = None) -> list[Question]:
    query = sa.select(Question).where(Question.survey_id.in_(list(survey_ids)))
    if question_ids is not None:
        query = sa.select(Question).where(Question.id.in_(list(question_ids)))
    return [question for question in db.session.scalars(query.order_by(Question.position))
            if getattr(get_type(question.type), "occupation_side", None) == side]


def _answers(questions: list[Question], wave_id: int | None) -> dict[tuple[int, int], dict[str, Any]]:
    """Stored rows per (response, question), with the response's wave, survey and completeness."""
    if not questions:
        return {}
    query = (sa.select(Answer.response_id, Answer.question_id, Answer.option_key, Answer.value_text,
                       Answer.value_number, Answer.wave_id, Response.survey_id, Response.complete)
             .join(Response, Response.id == Answer.response_id)
             .where(Answer.question_id.in_([question.id for question in questions]))
             .order_by(Answer.response_id, Answer.id))
    if wave_id is not None:
        query = query.where(Answer.wave_id == wave_id)
    grouped: dict[tuple[int, int], dict[str, Any]] = {}
    for row in db.session.execute(query):
        entry = grouped.setdefault((row.response_id, row.question_id), {
            "wave_id": row.wave_id, "survey_id": row.survey_id, "complete": bool(row.complete), "rows": []})
        entry["rows"].append(StoredValue(row.option_key or "", row.value_text, row.value_number))
    return grouped


def _soc_titles() -> dict[str, str]:
    from analysis.occupations import occupations

    frame = occupations()
    return dict(zip(frame["soc_code"], frame["soc_title"]))


def demand_frame(source: Survey | Iterable[int], wave_id: int | None = None) -> pd.DataFrame:
    """One row per occupation an employer named, in a survey's demand blocks (or the given questions)."""
    if isinstance(source, Survey):
        questions = _side_questions([source.id], "demand")
    else:
        questions = _side_questions([], "demand", question_ids=list(source))
    by_id = {question.id: question for question in questions}
    titles = _soc_titles()
    records = []
    for (response_id, question_id), entry in _answers(questions, wave_id).items():
        question = by_id[question_id]
        value = get_type(question.type).from_rows(question, entry["rows"])
        if value is None:
            continue
        for job in value.occupations:
            records.append({
                "response_id": response_id, "wave_id": entry["wave_id"], "survey_id": entry["survey_id"],
                "complete": entry["complete"], "organization": value.organization,
                "organization_key": organization_key(value.organization), "soc_code": job.soc_code,
                "soc_title": titles.get(job.soc_code) if job.soc_code else None, "typed_title": job.title,
                "confirmed": job.confirmed, "openings": job.openings, "vacancies": job.vacancies,
                "pay": job.pay, "pay_unit": job.pay_unit, "pay_hourly": job.pay_hourly, "shift": job.shift,
                "credentials": list(job.credentials), "hard_to_fill": job.hard_to_fill,
                "hard_to_fill_why": job.hard_to_fill_why})
    frame = pd.DataFrame.from_records(records, columns=DEMAND_COLUMNS)
    for column in ("openings", "vacancies"):
        frame[column] = frame[column].astype("Int64")
    for column in ("pay", "pay_hourly"):
        frame[column] = frame[column].astype("float64")
    return _none_for_missing(frame, ["organization", "organization_key", "soc_code", "soc_title", "pay_unit",
                                     "shift", "hard_to_fill", "hard_to_fill_why"])


def _none_for_missing(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Text and yes/no columns hold ``None`` where nothing was given (never NaN)."""
    for column in columns:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def supply_frame(source: Partnership | Survey, wave_id: int | None = None) -> pd.DataFrame:
    """One row per occupation a career seeker, learner or worker named (a partnership's supply-side
    surveys, or one survey), with the person's demographic answers beside it."""
    surveys = [source] if isinstance(source, Survey) else [
        survey for survey in source.surveys if survey.audience in SUPPLY_AUDIENCES]
    audiences = {survey.id: str(survey.audience.value) for survey in surveys}
    questions = _side_questions(audiences, "supply")
    by_id = {question.id: question for question in questions}
    titles = _soc_titles()
    records = []
    for (response_id, question_id), entry in _answers(questions, wave_id).items():
        question = by_id[question_id]
        value = get_type(question.type).from_rows(question, entry["rows"])
        if value is None:
            continue
        records.append({
            "response_id": response_id, "wave_id": entry["wave_id"], "survey_id": entry["survey_id"],
            "complete": entry["complete"], "audience": audiences[entry["survey_id"]],
            "question_key": question.key, "soc_code": value.soc_code,
            "soc_title": titles.get(value.soc_code) if value.soc_code else None, "typed_title": value.text,
            "confirmed": value.confirmed})
    frame = _none_for_missing(pd.DataFrame.from_records(records, columns=SUPPLY_COLUMNS), ["soc_code", "soc_title"])
    for key, groups in _demographics(list(audiences), frame["response_id"].unique().tolist()).items():
        frame[key] = frame["response_id"].map(groups).astype(object)
        frame[key] = frame[key].where(frame[key].notna(), None)
    return frame


def _demographics(survey_ids: list[int], response_ids: list[int]) -> dict[str, dict[int, Any]]:
    """Each demographic choice question's groups by response, keyed by the question's key."""
    questions = list(db.session.scalars(sa.select(Question).where(
        Question.survey_id.in_(survey_ids), Question.demographic.is_(True),
        Question.type.in_(sorted(CHOICE_TYPES))).order_by(Question.position)))
    if not questions or not response_ids:
        return {question.key: {} for question in questions}
    rows = db.session.execute(sa.select(Answer.response_id, Answer.question_id, Answer.option_key)
                              .where(Answer.question_id.in_([q.id for q in questions]),
                                     Answer.response_id.in_(response_ids))
                              .order_by(Answer.response_id, Answer.id))
    by_id = {question.id: question for question in questions}
    labels = {question.id: {option["key"]: (option.get("text") or {}).get("en", option["key"])
                            for option in question.options} for question in questions}
    chosen: dict[str, dict[int, list[str]]] = {question.key: {} for question in questions}
    for response_id, question_id, option_key in rows:
        key = by_id[question_id].key
        chosen[key].setdefault(response_id, []).append(labels[question_id].get(option_key, option_key))
    multiple = {question.key: bool(getattr(get_type(question.type), "multiple", False)) for question in questions}
    return {key: {response: tuple(groups) if multiple[key] else groups[0] for response, groups in answers.items()}
            for key, answers in chosen.items()}
