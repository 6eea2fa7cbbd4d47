"""Answering: one page of the survey at a time, and what each of its buttons does.

A page's answers are validated by :func:`surveys.responses.clean_answers`, the path the API takes too.
"Back", "Save and finish later" and a language button keep whatever is valid and move on without
complaint; "Continue" and "Send" show the page again with its errors, or store the answers and go on
(:func:`surveys.responses.accept_page` decides where). Sending only flips the response to complete, so
sending twice stores it once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import IntegrityError

from surveys.definition import QuestionDefinition, SectionDefinition, SurveyDefinition
from surveys.forms import PageForm, asked_again, attach_errors, kept_answers, make_page_form, raw_answers
from surveys.models import Response, Survey
from surveys.responses import (
    CleanResult,
    accept_page,
    clean_answers,
    keep_withheld,
    load_answers,
    next_section,
    page_position,
    save_answers,
    save_for_later,
    visible_questions,
)
from surveys.services import definition_of

from ..extensions import db
from ..transient import retry_transient
from .blueprint import bp
from .language import answer_in, choose_language, language_taken_on
from .limits import rate_limited
from .progress import current_response, find_survey, is_continued, page_url, remember, unavailable

ACTIONS = {"next", "back", "save", "submit"}


@dataclass(frozen=True)
class Visit:
    """One request for a page of a response in progress: what the page shows and whom it is for."""

    survey: Survey
    definition: SurveyDefinition
    response: Response
    section: SectionDefinition
    language: str
    values: dict[str, Any]  # the answers stored before this request
    questions: list[QuestionDefinition]  # the page's questions these answers show

    def url(self, section_key: str | None) -> str:
        """The page showing ``section_key``; the start page when there is none."""
        if section_key is None:
            return url_for("respondent.start", slug=self.survey.slug)
        return page_url(self.survey, self.definition, section_key)

    def form(self, *, posted: bool) -> PageForm:
        """The page's form, showing what was just sent (``posted``) or the stored answers."""
        if posted:
            return make_page_form(self.section, self.questions, self.language, formdata=request.form)
        return make_page_form(self.section, self.questions, self.language, values=self.values)


@bp.route("/s/<slug>/page/<int:number>", methods=["GET", "POST"])
@rate_limited
@retry_transient
def page(slug: str, number: int) -> ResponseReturnValue:
    """One section of the survey. POST actions: next, back, save, submit, or ``lang:<code>``."""
    survey = find_survey(slug)
    if (unavailable_page := unavailable(survey)) is not None:
        return unavailable_page
    response = current_response(survey)
    if response is None:
        choose_language(survey)
        return redirect(url_for("respondent.start", slug=slug))
    if response.complete:
        return redirect(url_for("respondent.thanks", slug=slug))
    definition = definition_of(survey)
    if not 1 <= number <= len(definition.sections):
        abort(404)
    remember(survey, response)  # still here: the idle clock starts again
    visit = _visit(survey, definition, response, definition.sections[number - 1])
    return _show(visit) if request.method == "GET" else _answer(visit)


def _visit(survey: Survey, definition: SurveyDefinition, response: Response, section: SectionDefinition) -> Visit:
    language = choose_language(survey, response)
    values = load_answers(response, definition)
    return Visit(survey, definition, response, section, language, values,
                 visible_questions(definition, values, section))


def _show(visit: Visit) -> ResponseReturnValue:
    if not visit.questions:  # hidden by earlier answers: go on to the next page that applies
        return redirect(visit.url(next_section(visit.definition, visit.values, visit.section.key)))
    return _render(visit, visit.form(posted=False))


def _answer(visit: Visit) -> ResponseReturnValue:
    """What a button on the page does with what was sent."""
    action = request.form.get("action", "next")
    form = visit.form(posted=True)
    raw = raw_answers(form)
    if is_continued(visit.response):
        keep_withheld(visit.questions, raw, visit.values, kept_answers(visit.questions, request.form))
    result = clean_answers(visit.definition, raw, known=visit.values, only=[q.key for q in visit.questions])
    if action.startswith("lang:") and action[5:] in visit.survey.languages:
        return _switch_language(replace(visit, language=action[5:]), result)
    if action not in ACTIONS:
        action = "next"
    visit.response.language = visit.language
    if action in ("back", "save"):
        return _leave(visit, result, for_later=action == "save")
    if not result.ok:
        attach_errors(form, result.errors, visit.language)
        return _render(visit, form)
    if asked_again(form, raw, result.values):
        return _show_again(visit, form, result)
    return _move_on(visit, result, send=action == "submit")


def _show_again(visit: Visit, form: PageForm, result: CleanResult) -> ResponseReturnValue:
    """Keep the page's answers (typed job titles too) and show it once more: matches to confirm, or
    another job to fill in."""
    save_answers(visit.response, visit.definition, result.values)
    db.session.commit()
    return _render(visit, form, again=True)


def _switch_language(visit: Visit, result: CleanResult) -> ResponseReturnValue:
    """Keep every answer: store what is valid, and show the page again with exactly what was sent."""
    answer_in(visit.language)
    visit.response.language = visit.language
    save_answers(visit.response, visit.definition, result.values)
    db.session.commit()
    return _render(visit, visit.form(posted=True))


def _leave(visit: Visit, result: CleanResult, *, for_later: bool) -> ResponseReturnValue:
    """Leaving the page keeps whatever is valid; errors are for when the person moves on."""
    language_taken_on()
    if for_later:
        save_for_later(visit.response, visit.definition, result.values)
        db.session.commit()
        return redirect(url_for("respondent.saved", slug=visit.survey.slug))
    save_answers(visit.response, visit.definition, result.values)
    db.session.commit()
    answers = {**visit.values, **result.values}
    return redirect(visit.url(next_section(visit.definition, answers, visit.section.key, -1)))


def _move_on(visit: Visit, result: CleanResult, *, send: bool) -> ResponseReturnValue:
    """Store the page and go to the next page that applies, or to "thank you" once the response is sent."""
    language_taken_on()
    # The session keeps pointing at the finished response, so a repeated submit lands on "thank you".
    thanks = url_for("respondent.thanks", slug=visit.survey.slug)
    try:
        following = accept_page(visit.response, visit.definition, visit.values, result.values,
                                visit.section.key, send=send)
        target = thanks if following is None else visit.url(following)  # before the commit expires the survey
        db.session.commit()
    except IntegrityError:
        # A second tap raced the first: the first one stored the answers.
        db.session.rollback()
        target = thanks
    return redirect(target)


def _render(visit: Visit, form: PageForm, *, again: bool = False) -> str:
    position = page_position(visit.definition, visit.values, visit.section.key)
    return render_template("respondent/page.html", survey=visit.survey, definition=visit.definition,
                           section=visit.section, form=form, step=position.step, total=position.total,
                           total_exact=position.total_exact, is_last=position.is_last,
                           is_first=position.is_first, errors=error_links(form, visit.language),
                           language=visit.language, stored=visit.values,
                           withhold=is_continued(visit.response), again=again)


def error_links(form: PageForm, language: str) -> list[tuple[QuestionDefinition | str, str]]:
    """The error summary's entries: one per problem, each linking to the input it is about where the
    error names one (a job's openings, not its title), else to the question's first input."""
    entries: list[tuple[QuestionDefinition | str, str]] = []
    for question, summary in form.error_summary(language):
        error = form.answer_errors[question.key]
        parts = getattr(error, "problems", (error,))
        if not any("input" in part.params for part in parts):
            entries.append((question, summary))
            continue
        words = question.text_in(language)
        entries += [(part.params.get("input") or question, part.summary(language, words)) for part in parts]
    return entries
