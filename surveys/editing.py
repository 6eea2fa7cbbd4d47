"""Changing a stored survey from an edited definition, without breaking the answers it already has.

A survey with no responses may change freely. Once people have answered, question keys, types and
option keys are what their answers point at, so they stay; wording, translations, help, order,
sections and conditions may change, and new questions and options may be added.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import N_
from .db import db
from .definition import SurveyDefinition
from .message import Message
from .models import Question, Response, Survey

__all__ = ["ChangeProblem", "SurveyChangeError", "apply_definition", "has_answers"]


@dataclass(frozen=True)
class ChangeProblem:
    """One refused change, placed on its question (and answer choice) so a form can show it there."""

    question: str
    option: str | None
    message: Message


class SurveyChangeError(ValueError):
    """The edit would orphan stored answers; ``errors`` says which question and why, and ``problems``
    says the same per question and option, in words for the person editing."""

    def __init__(self, errors: list[Message], problems: list[ChangeProblem] | None = None) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors
        self.problems = problems or []


def has_answers(survey: Survey) -> bool:
    """True once anyone has answered: from then on questions and answer choices stay (see the module)."""
    return db.session.scalar(db.select(Response.id).where(Response.survey_id == survey.id).limit(1)) is not None


def apply_definition(survey: Survey, definition: SurveyDefinition) -> None:
    """Update ``survey`` and its questions to match ``definition`` (flushed, not committed).

    Raises:
        SurveyChangeError: when answered questions would be removed, retyped or lose options.
    """
    existing = {question.key: question for question in survey.questions}
    if has_answers(survey):
        _check_compatible(existing, definition)

    survey.title = dict(definition.title)
    survey.intro = dict(definition.intro)
    survey.audience = definition.audience
    survey.languages = list(definition.languages)
    survey.sections = [{"key": s.key, "title": dict(s.title)} for s in definition.sections]
    survey.collects_contact = definition.collects_contact

    wanted = {question.key for question in definition.iter_questions()}
    for key, question in existing.items():
        if key not in wanted:  # only possible before anyone answered
            survey.questions.remove(question)
    for position, item in enumerate(definition.iter_questions(), start=1):
        question = existing.get(item.key)
        if question is None:
            question = Question(key=item.key)
            survey.questions.append(question)
        question.type = item.type
        question.section = item.section
        question.position = position
        question.required = item.required
        question.demographic = item.demographic
        question.text = dict(item.text)
        question.help = dict(item.help)
        question.options = [option.to_dict() for option in item.options]
        question.settings = dict(item.settings)
        question.condition = item.condition.to_dict() if item.condition else None
    db.session.flush()


def _check_compatible(existing: dict[str, Question], definition: SurveyDefinition) -> None:
    errors = []
    problems = []
    new = {question.key: question for question in definition.iter_questions()}
    for key, question in existing.items():
        replacement = new.get(key)
        if replacement is None:
            errors.append(Message(N_('questions "%(key)s": people have answered it, so it cannot be removed'),
                                  key=key))
            problems.append(ChangeProblem(key, None, Message(N_("People have answered this question, so it "
                                                                "cannot be removed."))))
            continue
        if replacement.type != question.type:
            errors.append(Message(N_('questions "%(key)s": people have answered it as %(type)s, so it cannot '
                                     "become %(new_type)s"), key=key, type=question.type, new_type=replacement.type))
            problems.append(ChangeProblem(key, None, Message(N_("People have answered this question, so it "
                                                                "cannot change its kind."))))
        kept = {option.key for option in replacement.options}
        for option in question.options:
            if option["key"] not in kept:
                errors.append(Message(N_('questions "%(key)s".options "%(option)s": answers may use it, so it '
                                         "cannot be removed (change its text instead)"), key=key, option=option["key"]))
                problems.append(ChangeProblem(key, option["key"], Message(N_(
                    "People may have chosen this answer, so it cannot be removed (change its words instead)."))))
    if errors:
        raise SurveyChangeError(errors, problems)
