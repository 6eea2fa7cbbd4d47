"""The survey builder: questions, pages and translations edited with forms, one small change at a time.

Each form on the builder page posts one change (a page renamed, a question's words in English and
Spanish, an answer choice moved up). The view reads the survey as stored, makes the change with
:mod:`surveys.builder` (plain functions, no request), checks the result with the same validator as an
imported definition, and saves it through :func:`feedback.services.surveys.save_definition` — which keeps
answered questions and answer choices, as the JSON editor always did. Then it commits once and
redirects back to the place edited. When the change is refused, nothing is saved and the page comes back
(status 422) with what the person typed and each problem beside its field.

This module holds the page itself, the survey's own words, and what every builder view shares
(:class:`Posted`, :func:`save_change`); the views of pages and questions are in
:mod:`.builder_edits`, a new survey and the JSON definition (import, download) in :mod:`.builder_start`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from surveys import builder
from surveys.definition import DefinitionError
from surveys.editing import SurveyChangeError, has_answers
from surveys.i18n import ENGLISH_NAMES
from surveys.services import definition_of

from .. import access
from ..access import SurveyAccess
from ..extensions import db
from ..services import ActionRefused
from ..services import surveys as survey_service
from .blueprint import bp
from .forms import ActionForm
from .helpers import flash_at, said

Change = Callable[[dict[str, Any]], tuple[dict[str, Any], str]]
"""One builder edit: the stored definition in, the new definition and the id to land on out."""


@dataclass
class Posted:
    """A form sent back with problems: what was typed (shown again, so nothing is lost) and where each
    problem goes. With no form sent, every field shows what is stored."""

    form: str = ""
    values: Any = field(default_factory=MultiDict)
    problems: list[builder.Problem] = field(default_factory=list)

    def value(self, form: str, name: str, default: Any = "") -> Any:
        """What the field shows: what was typed, when it is the form sent back; else ``default``."""
        if form == self.form and name in self.values:
            return self.values.get(name)
        return "" if default is None else default

    def checked(self, form: str, name: str, default: bool, value: str | None = None) -> bool:
        """Whether a tick box or radio button is ticked."""
        if form != self.form:
            return default
        if value is None:
            return name in self.values
        return value in self.values.getlist(name)

    def errors(self, form: str, name: str = "") -> list[str]:
        """The messages for one field (``name`` empty: for the form as a whole)."""
        return [said(p.message) for p in self.problems if p.form == form and p.field == name]

    def has_errors(self, form: str) -> bool:
        """Whether the form ``form`` comes back with a problem (it is then shown open)."""
        return any(p.form == form for p in self.problems)

    def summary(self) -> list[tuple[str, str]]:
        """(link target, message) for the list of problems at the top of the page."""
        return [(f"{p.form}-{p.field}" if p.field else p.form,
                 _("%(where)s: %(problem)s", where=said(p.where), problem=said(p.message)) if p.where
                 else said(p.message))
                for p in self.problems]


def audience_labels() -> dict[str, str]:
    """Who a survey may be for, as the builder's list offers it, in the reader's language."""
    return {value: _(label) for value, label in builder.AUDIENCE_LABELS.items()}


# -- the page ----------------------------------------------------------------------------------------------

def manage(slug: str) -> SurveyAccess:
    """The survey ``slug`` for a person who may change it (404 elsewhere, 403 without the right)."""
    return access.survey_access(slug).require("can_manage")


def _where(form: str, data: dict[str, Any], numbers: dict[str, int]) -> str:
    """A builder form as the summary of problems names it ("Question 3", "New question on page 2")."""
    kind, _dash, key = form.partition("-")
    pages = {section["key"]: n for n, section in enumerate(data.get("sections", []), start=1)}
    if kind == "q" and key in numbers:
        return _("Question %(number)s", number=numbers[key])
    if kind == "page" and key in pages:
        return _("Page %(number)s", number=pages[key])
    if kind == "add":
        return _("New page") if key == "page" else _("New question on page %(number)s", number=pages.get(key, "?"))
    return _("Title and introduction") if form == "survey" else ""


def _forms_of(data: dict[str, Any]) -> set[str]:
    """The ids of the builder's forms for this definition."""
    forms = {"survey", "add-page"}
    for section in data.get("sections", []):
        forms |= {f"page-{section['key']}", f"add-{section['key']}"}
        forms |= {f"q-{q['key']}" for q in section.get("questions", [])}
    return forms


def render_builder(grant: SurveyAccess, data: dict[str, Any], posted: Posted, status: int = 200) -> ResponseReturnValue:
    languages = [(code, ENGLISH_NAMES.get(code, code)) for code in data.get("languages", ["en"])]
    missing = [replace(gap, what=said(gap.what)) for gap in builder.missing_translations(data)]
    numbers: dict[str, int] = {}
    for section in data.get("sections", []):
        for question in section.get("questions", []):
            numbers[question["key"]] = len(numbers) + 1
    known = _forms_of(data)
    # A problem placed on a form the page does not show (a question that was being added) goes on the
    # form that was sent; each says where it is, for the summary at the top.
    posted.problems = [p if p.form in known else builder.Problem(posted.form, "", p.message, p.where)
                       for p in posted.problems]
    posted.problems = [p if p.where else replace(p, where=_where(p.form, data, numbers)) for p in posted.problems]
    offered = list(dict.fromkeys([*data.get("languages", []), *builder.LANGUAGE_LABELS]))
    return render_template(
        "staff/builder.html", grant=grant, survey=grant.survey, data=data, posted=posted, languages=languages,
        offered_languages=[(code, ENGLISH_NAMES.get(code, code)) for code in offered],
        missing=missing, missing_ids={gap.id for gap in missing}, numbers=numbers,
        answered=has_answers(grant.survey), types=builder.TYPES, type_spec=builder.type_spec,
        audiences=audience_labels(),
        conditions={key: said(builder.describe_condition(data, key)) for key in numbers},
        has_targets={key: bool(builder.condition_targets(data, key)) for key in numbers},
        placed=sorted(known), form=ActionForm(),
    ), status


@bp.get("/surveys/<slug>/builder")
def builder_page(slug: str) -> ResponseReturnValue:
    """The survey's questions, pages and translations, each part with its own small form."""
    grant = manage(slug)
    return render_builder(grant, definition_of(grant.survey).to_dict(), Posted())


def save_change(grant: SurveyAccess, form: str, change: Change, done: str | None = None,
                page: Callable[[SurveyAccess, dict[str, Any], Posted, int], ResponseReturnValue] | None = None,
                ) -> ResponseReturnValue:
    """Make one builder change and save it, or show the page again (``page``, by default the builder)
    with what was typed and why not. ``done`` is the message once saved (by default "Saved.")."""
    stored = definition_of(grant.survey).to_dict()
    new = stored
    try:
        new, landing = change(stored)
        survey_service.save_definition(grant.survey, builder.check(new))
    except builder.BuildError as error:
        problems = [builder.Problem(form, name, message) for name, message in error.problems]
    except DefinitionError as error:
        problems = builder.explain(error.errors, new)
    except ActionRefused as refused:
        problems = _refusals(refused, form, stored)
    else:
        db.session.commit()
        flash_at(done or _("Saved."), _form_of(landing))
        return redirect(url_for("staff.builder_page", slug=grant.survey.slug, _anchor=landing))
    db.session.rollback()  # the page shows the survey as stored, with the sent form as typed
    return (page or render_builder)(grant, stored, Posted(form, request.form, problems), 422)


def _form_of(landing: str) -> str:
    """The form an id belongs to: ``q-barriers-option_bus_en`` -> ``q-barriers`` (keys hold no ``-``)."""
    return landing if landing == "survey" else "-".join(landing.split("-", 2)[:2])


def _refusals(refused: ActionRefused, form: str, data: dict[str, Any]) -> list[builder.Problem]:
    """Answered questions and choices that the change would have lost, each placed beside its field."""
    cause = refused.__cause__
    if not isinstance(cause, SurveyChangeError) or not cause.problems:
        return [builder.Problem(form, "", message) for message in refused.problems]
    first = (data.get("languages") or ["en"])[0]
    problems = []
    for problem in cause.problems:
        target = f"q-{problem.question}"
        name = f"option_{problem.option}_{first}" if problem.option else ""
        if builder.find_question(data, problem.question) is None:
            target, name = form, ""
        problems.append(builder.Problem(target, name, problem.message))
    return problems


def survey_languages(grant: SurveyAccess) -> list[str]:
    """The languages a builder form has a box for, first one first."""
    return list(grant.survey.languages) or ["en"]


def section_key(grant: SurveyAccess, number: int) -> str:
    """The key of page ``number`` (1-based), or 404."""
    sections = [s["key"] for s in grant.survey.sections if any(q.section == s["key"] for q in grant.survey.questions)]
    if not 1 <= number <= len(sections):
        abort(404)
    return sections[number - 1]


def question_key(grant: SurveyAccess, key: str) -> str:
    """``key`` when the survey has that question, else 404."""
    if not any(question.key == key for question in grant.survey.questions):
        abort(404)
    return key


def direction_offset() -> int:
    """-1 (earlier, up) or +1 (later, down): the "Move" button pressed."""
    return 1 if request.form.get("direction") == "down" else -1


# -- the survey's own words ------------------------------------------------------------------------------

@bp.post("/surveys/<slug>/builder/survey")
def builder_survey(slug: str) -> ResponseReturnValue:
    """Title, introduction, audience and languages."""
    grant = manage(slug)
    languages = survey_languages(grant)
    form = request.form

    def change(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
        new = builder.set_survey(
            data, title=builder.texts_from_form(form, "title", languages),
            intro=builder.texts_from_form(form, "intro", languages),
            audience=form.get("audience") if "audience" in form else None,
            languages=form.getlist("languages") if "languages_shown" in form else None)
        return new, "survey"

    return save_change(grant, "survey", change)
