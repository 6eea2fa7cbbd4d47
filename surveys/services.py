"""Creating surveys from definitions, and reading a stored survey back as a definition.

Services add to ``db.session`` and flush so ids exist; they never commit — the request (or command)
that called them commits once.

Respondents and the API read a survey's definition on every request, so it is built once per survey
*version* and kept by each worker: :func:`load_survey` reads the survey, a fingerprint of everything its
definition is made of (the survey's texts and pages, every column of every question) and its current
wave in one statement, and :func:`definition_of` then finds the definition already built for that
fingerprint. Any edit changes the fingerprint, so no worker ever answers from an old version; the
fingerprint is the stored text itself, never a hash that could collide.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from weakref import WeakKeyDictionary

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from .db import db
from .definition import (
    ConditionDefinition,
    OptionDefinition,
    QuestionDefinition,
    SectionDefinition,
    SurveyDefinition,
)
from .models import Organization, Partnership, Question, Survey, Wave

__all__ = ["create_survey", "current_wave_id", "definition_of", "load_survey", "question_ids"]


def create_survey(partnership: Partnership, definition: SurveyDefinition, *, slug: str,
                  organization: Organization | None = None, wave_label: str = "Wave 1") -> Survey:
    """Add a draft survey with its questions and first wave to the session, and flush.

    Args:
        partnership: the partnership that owns the survey.
        definition: a validated definition (from ``load_definition`` or ``load_template``).
        slug: the public address, ``/s/<slug>``; must be unused.
        organization: the partner that runs the survey, if any.
        wave_label: the name of the first wave.

    Returns:
        The new :class:`Survey`, status draft (open it with ``survey.move_to(SurveyStatus.OPEN)``).
    """
    survey = Survey(
        slug=slug,
        partnership=partnership,
        organization=organization,
        title=dict(definition.title),
        intro=dict(definition.intro),
        audience=definition.audience,
        languages=list(definition.languages),
        sections=[{"key": s.key, "title": dict(s.title)} for s in definition.sections],
        template=definition.template,
        collects_contact=definition.collects_contact,
    )
    db.session.add(survey)
    for position, question in enumerate(definition.iter_questions(), start=1):
        survey.questions.append(Question(
            key=question.key,
            type=question.type,
            section=question.section,
            position=position,
            required=question.required,
            demographic=question.demographic,
            text=dict(question.text),
            help=dict(question.help),
            options=[option.to_dict() for option in question.options],
            settings=dict(question.settings),
            condition=question.condition.to_dict() if question.condition else None,
        ))
    survey.waves.append(Wave(position=1, label=wave_label))
    db.session.flush()
    return survey


@dataclass(frozen=True)
class _Built:
    """A survey version's definition and its questions' ids by key (what storing answers needs)."""

    definition: SurveyDefinition
    question_ids: Mapping[str, int]


@dataclass(frozen=True)
class _Loaded:
    fingerprint: str
    wave_id: int | None


CACHE_SIZE = 256  # survey versions kept per worker
_SEPARATOR = "\x1e"  # never inside stored JSON (control characters are escaped there) nor in a key
_built: OrderedDict[tuple[int, str], _Built] = OrderedDict()
_built_lock = threading.Lock()
# Surveys read by load_survey in a session that is still open, with what that statement read beside them.
_loaded: WeakKeyDictionary[Survey, _Loaded] = WeakKeyDictionary()


def _text(column: sa.ColumnElement) -> sa.ColumnElement:
    return sa.func.coalesce(sa.cast(column, sa.String), "")


@functools.cache
def _fingerprint() -> sa.ColumnElement:
    """Everything the definition is built from, as one string, computed by the database next to the survey.
    (Built once: constructing this expression costs more than running it.)"""
    question = aliased(Question)
    columns = [question.id, question.key, question.type, question.section, question.position, question.required,
               question.demographic, question.text, question.help, question.options, question.settings,
               question.condition]
    row = _text(columns[0])
    for column in columns[1:]:
        row = row + "\x1f" + _text(column)
    questions = (sa.select(sa.func.aggregate_strings(row, _SEPARATOR))
                 .where(question.survey_id == Survey.id).correlate(Survey).scalar_subquery())
    survey = _text(Survey.title)
    for column in (Survey.intro, Survey.audience, Survey.languages, Survey.sections, Survey.template):
        survey = survey + "\x1f" + _text(column)
    return survey + _SEPARATOR + sa.func.coalesce(questions, "")


@functools.cache
def _load_statement() -> sa.Select:
    current_wave = (sa.select(Wave.id).where(Wave.survey_id == Survey.id).correlate(Survey)
                    .order_by(Wave.position.desc()).limit(1).scalar_subquery())
    return sa.select(Survey, _fingerprint(), current_wave).where(Survey.slug == sa.bindparam("slug"))


@functools.cache
def _fingerprint_statement() -> sa.Select:
    return sa.select(_fingerprint()).where(Survey.id == sa.bindparam("survey_id"))


def load_survey(slug: str) -> Survey | None:
    """The survey at ``/s/<slug>`` (any status) in one statement, with what answering it needs beside it:
    its definition's fingerprint (so :func:`definition_of` is a cache hit) and its current wave's id."""
    row = db.session.execute(_load_statement(), {"slug": slug}).first()
    if row is None:
        return None
    survey, fingerprint, wave_id = row
    _loaded[survey] = _Loaded(fingerprint, wave_id)
    return survey


def _loaded_as_read(survey: Survey) -> _Loaded | None:
    """What :func:`load_survey` read with ``survey``, unless the session has changed surveys since."""
    loaded = _loaded.get(survey)
    if loaded is None:
        return None
    session = db.session
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(item, (Survey, Question, Wave)) for item in changed):
        _loaded.pop(survey, None)
        return None
    return loaded


def current_wave_id(survey: Survey) -> int | None:
    """The id of the wave new responses are filed under (read with the survey when it was loaded for
    answering, so no second statement)."""
    loaded = _loaded_as_read(survey)
    if loaded is not None:
        return loaded.wave_id
    wave = survey.current_wave
    return wave.id if wave is not None else None


def _built_for(survey: Survey) -> _Built:
    loaded = _loaded_as_read(survey)
    if loaded is None:  # a survey being edited, or loaded some other way: build it from its rows
        return _build(survey)
    key = (survey.id, loaded.fingerprint)
    with _built_lock:
        built = _built.get(key)
        if built is not None:
            _built.move_to_end(key)
            return built
    built = _build(survey)
    # Keep it only when nothing changed between the two reads, so a version is never stored under another's key.
    now = db.session.scalar(_fingerprint_statement(), {"survey_id": survey.id})
    if now == loaded.fingerprint:
        with _built_lock:
            _built[key] = built
            while len(_built) > CACHE_SIZE:
                _built.popitem(last=False)
    return built


def question_ids(survey: Survey) -> Mapping[str, int]:
    """The survey's question ids by question key (answers are stored against them)."""
    return _built_for(survey).question_ids


def definition_of(survey: Survey) -> SurveyDefinition:
    """The stored survey as a definition, so forms, the API and validation work from one shape.

    Stored rows were validated when created, so this trusts them rather than re-validating. A survey read
    by :func:`load_survey` gets the definition built once for its version; others are built from their rows.
    """
    return _built_for(survey).definition


def _build(survey: Survey) -> _Built:
    by_section: dict[str, list[QuestionDefinition]] = {s["key"]: [] for s in survey.sections}
    for question in survey.questions:
        condition = None
        if question.condition:
            condition = ConditionDefinition(question=question.condition["question"],
                                            any_of=tuple(question.condition["any_of"]))
        by_section.setdefault(question.section, []).append(QuestionDefinition(
            key=question.key,
            type=question.type,
            section=question.section,
            text=dict(question.text),
            help=dict(question.help or {}),
            required=question.required,
            demographic=question.demographic,
            options=tuple(OptionDefinition(key=o["key"], text=dict(o["text"])) for o in question.options or []),
            settings=dict(question.settings or {}),
            condition=condition,
        ))
    titles = {s["key"]: s.get("title", {}) for s in survey.sections}
    sections = tuple(SectionDefinition(key=key, title=dict(titles.get(key, {})), questions=tuple(questions))
                     for key, questions in by_section.items() if questions)
    definition = SurveyDefinition(title=dict(survey.title), intro=dict(survey.intro or {}),
                                  audience=survey.audience, languages=tuple(survey.languages), sections=sections,
                                  template=survey.template)
    return _Built(definition, MappingProxyType({question.key: question.id for question in survey.questions}))
