"""Creating surveys from definitions, and reading a stored survey back as a definition.

Services add to ``db.session`` and flush so ids exist; they never commit — the request (or command)
that called them commits once.
"""

from __future__ import annotations

from .db import db
from .definition import (
    ConditionDefinition,
    OptionDefinition,
    QuestionDefinition,
    SectionDefinition,
    SurveyDefinition,
)
from .models import Organization, Partnership, Question, Survey, Wave

__all__ = ["create_survey", "definition_of"]


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


def definition_of(survey: Survey) -> SurveyDefinition:
    """The stored survey as a definition, so forms, the API and validation work from one shape.

    Stored rows were validated when created, so this trusts them rather than re-validating.
    """
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
    return SurveyDefinition(title=dict(survey.title), intro=dict(survey.intro or {}), audience=survey.audience,
                            languages=tuple(survey.languages), sections=sections, template=survey.template)
