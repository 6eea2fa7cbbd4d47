"""WTForms forms for survey pages, built fresh per survey page and language with ``type()``.

The form gathers what a person sent and draws the page; it holds no validation of its own beyond
CSRF. Answers are validated by :func:`surveys.responses.clean_answers` — the same path as the API —
and its errors are put back on the fields so the page can show them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from .definition import QuestionDefinition, SectionDefinition
from .question_types import AnswerError, field_name, get_type

__all__ = ["PageForm", "asked_again", "attach_errors", "kept_answers", "make_page_form", "raw_answers"]


class PageForm(FlaskForm):
    """Base of every survey page form; carries the CSRF token."""

    #: The questions on this page, in order (set on each generated class).
    questions: Sequence[QuestionDefinition] = ()
    #: Validation errors by question key (set by :func:`attach_errors`).
    answer_errors: Mapping[str, AnswerError] = MappingProxyType({})

    def error_summary(self, language: str) -> list[tuple[QuestionDefinition, str]]:
        """The page's errors for the summary at its top, in question order, each naming its question."""
        return [(question, self.answer_errors[question.key].summary(language, question.text_in(language)))
                for question in self.questions if question.key in self.answer_errors]


def make_page_form(section: SectionDefinition, questions: Sequence[QuestionDefinition], language: str,
                   *, formdata: MultiDict | None = None, values: Mapping[str, Any] | None = None) -> PageForm:
    """A form for one page showing ``questions`` (the visible ones) in ``language``.

    Args:
        formdata: what was posted; when ``None`` the form shows ``values`` (stored clean answers).
        values: clean answers by question key, to show again.
    """
    attributes: dict[str, Any] = {"questions": tuple(questions)}
    data: dict[str, Any] = {}
    for question in questions:
        question_type = get_type(question.type)
        attributes.update(question_type.form_fields(question, language))
        if values and values.get(question.key) is not None:
            data.update(question_type.form_data(question, values[question.key]))
    form_class = type(f"{section.key.title().replace('_', '')}PageForm", (PageForm,), attributes)
    if formdata is not None:
        return form_class(formdata=formdata)
    return form_class(formdata=None, data=data)


def raw_answers(form: PageForm) -> dict[str, Any]:
    """What was sent for each question on the page, in the API's raw shape."""
    return {question.key: get_type(question.type).raw_from_form(question, form) for question in form.questions}


def asked_again(form: PageForm, raw: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    """Whether a page whose answers are valid is shown once more before moving on: a typed job title to
    confirm, or "Add another job" pressed (a type says so through its ``asks_again``)."""
    return any(get_type(question.type).asks_again(question, raw.get(question.key), values.get(question.key))
               for question in form.questions if hasattr(get_type(question.type), "asks_again"))


def kept_answers(questions: Sequence[QuestionDefinition], formdata: Mapping[str, Any]) -> set[str]:
    """Keys of the questions whose "keep what I gave before" box was ticked: the box a page shows beside
    answers it does not show back (see :func:`surveys.responses.keep_withheld`)."""
    return {question.key for question in questions if formdata.get(field_name(question, "keep"))}


def attach_errors(form: PageForm, errors: Mapping[str, AnswerError], language: str) -> None:
    """Show validation errors on the fields they belong to, and keep them for the error summary."""
    form.answer_errors = {question.key: errors[question.key] for question in form.questions
                          if question.key in errors}
    for question in form.questions:
        error = errors.get(question.key)
        if error is not None:
            field = form[field_name(question)]
            field.errors = [*field.errors, error.message(language)]
