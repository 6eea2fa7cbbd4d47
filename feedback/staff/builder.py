"""The survey builder: questions, pages and translations edited with forms, one small change at a time.

Each form on the builder page posts one change (a page renamed, a question's words in English and
Spanish, an answer choice moved up). The view reads the survey as stored, makes the change with
:mod:`surveys.builder` (plain functions, no request), checks the result with the same validator as an
imported definition, and saves it through :func:`feedback.services.surveys.save_definition` — which keeps
answered questions and answer choices, as the JSON editor always did. Then it commits once and
redirects back to the place edited. When the change is refused, nothing is saved and the page comes back
(status 422) with what the person typed and each problem beside its field.

The JSON definition stays available, for people who want it, as an import and a download.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from surveys import builder
from surveys.definition import DefinitionError, list_templates, load_template
from surveys.editing import SurveyChangeError, has_answers
from surveys.services import definition_of

from .. import access
from ..access import SurveyAccess
from ..extensions import db
from ..models import Role
from ..services import ActionRefused
from ..services import surveys as survey_service
from .blueprint import bp
from .forms import ActionForm
from .helpers import flash_at

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
        return [p.message for p in self.problems if p.form == form and p.field == name]

    def has_errors(self, form: str) -> bool:
        return any(p.form == form for p in self.problems)

    def summary(self) -> list[tuple[str, str]]:
        """(link target, message) for the list of problems at the top of the page."""
        return [(f"{p.form}-{p.field}" if p.field else p.form,
                 f"{p.where}: {p.message}" if p.where else p.message) for p in self.problems]


# -- the page ----------------------------------------------------------------------------------------------

def _manage(slug: str) -> SurveyAccess:
    return access.survey_access(slug).require("can_manage")


def _where(form: str, data: dict[str, Any], numbers: dict[str, int]) -> str:
    """A builder form as the summary of problems names it ("Question 3", "New question on page 2")."""
    kind, _, key = form.partition("-")
    pages = {section["key"]: n for n, section in enumerate(data.get("sections", []), start=1)}
    if kind == "q" and key in numbers:
        return f"Question {numbers[key]}"
    if kind == "page" and key in pages:
        return f"Page {pages[key]}"
    if kind == "add":
        return "New page" if key == "page" else f"New question on page {pages.get(key, '?')}"
    return "Title and introduction" if form == "survey" else ""


def _forms_of(data: dict[str, Any]) -> set[str]:
    """The ids of the builder's forms for this definition."""
    forms = {"survey", "add-page"}
    for section in data.get("sections", []):
        forms |= {f"page-{section['key']}", f"add-{section['key']}"}
        forms |= {f"q-{q['key']}" for q in section.get("questions", [])}
    return forms


def _render(grant: SurveyAccess, data: dict[str, Any], posted: Posted, status: int = 200) -> ResponseReturnValue:
    languages = [(code, builder.LANGUAGE_LABELS.get(code, code)) for code in data.get("languages", ["en"])]
    missing = builder.missing_translations(data)
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
        offered_languages=[(code, builder.LANGUAGE_LABELS.get(code, code)) for code in offered],
        missing=missing, missing_ids={gap.id for gap in missing}, numbers=numbers,
        answered=has_answers(grant.survey), types=builder.TYPES, type_spec=builder.type_spec,
        audiences=builder.AUDIENCE_LABELS,
        conditions={key: builder.describe_condition(data, key) for key in numbers},
        has_targets={key: bool(builder.condition_targets(data, key)) for key in numbers},
        placed=sorted(known), form=ActionForm(),
    ), status


@bp.get("/surveys/<slug>/builder")
def builder_page(slug: str) -> ResponseReturnValue:
    """The survey's questions, pages and translations, each part with its own small form."""
    grant = _manage(slug)
    return _render(grant, definition_of(grant.survey).to_dict(), Posted())


def _change(grant: SurveyAccess, form: str, change: Change, done: str = "Saved.",
            page: Callable[[SurveyAccess, dict[str, Any], Posted, int], ResponseReturnValue] | None = None,
            ) -> ResponseReturnValue:
    """Make one builder change and save it, or show the page again (``page``, by default the builder)
    with what was typed and why not."""
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
        flash_at(done, _form_of(landing))
        return redirect(url_for("staff.builder_page", slug=grant.survey.slug, _anchor=landing))
    db.session.rollback()  # the page shows the survey as stored, with the sent form as typed
    return (page or _render)(grant, stored, Posted(form, request.form, problems), 422)


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


def _languages(grant: SurveyAccess) -> list[str]:
    return list(grant.survey.languages) or ["en"]


def _section_key(grant: SurveyAccess, number: int) -> str:
    """The key of page ``number`` (1-based), or 404."""
    sections = [s["key"] for s in grant.survey.sections if any(q.section == s["key"] for q in grant.survey.questions)]
    if not 1 <= number <= len(sections):
        abort(404)
    return sections[number - 1]


def _question_key(grant: SurveyAccess, key: str) -> str:
    if not any(question.key == key for question in grant.survey.questions):
        abort(404)
    return key


def _offset() -> int:
    return 1 if request.form.get("direction") == "down" else -1


# -- the survey's own words ------------------------------------------------------------------------------

@bp.post("/surveys/<slug>/builder/survey")
def builder_survey(slug: str) -> ResponseReturnValue:
    """Title, introduction, audience and languages."""
    grant = _manage(slug)
    languages = _languages(grant)
    form = request.form

    def change(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
        new = builder.set_survey(
            data, title=builder.texts_from_form(form, "title", languages),
            intro=builder.texts_from_form(form, "intro", languages),
            audience=form.get("audience") if "audience" in form else None,
            languages=form.getlist("languages") if "languages_shown" in form else None)
        return new, "survey"

    return _change(grant, "survey", change)


# -- pages ---------------------------------------------------------------------------------------------------

@bp.post("/surveys/<slug>/builder/pages")
def builder_add_page(slug: str) -> ResponseReturnValue:
    """A new page at the end, with its first question."""
    grant = _manage(slug)
    languages = _languages(grant)

    def change(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
        new, key = builder.add_section(data, title=builder.texts_from_form(request.form, "title", languages) or {},
                                       question=builder.new_question_from_form(request.form, languages))
        return new, f"page-{key}"

    return _change(grant, "add-page", change, "Page added.")


@bp.post("/surveys/<slug>/builder/pages/<int:number>")
def builder_rename_page(slug: str, number: int) -> ResponseReturnValue:
    """A page's title."""
    grant = _manage(slug)
    key = _section_key(grant, number)
    title = builder.texts_from_form(request.form, "title", _languages(grant))
    return _change(grant, f"page-{key}", lambda data: (builder.rename_section(data, key, title), f"page-{key}"))


@bp.post("/surveys/<slug>/builder/pages/<int:number>/move")
def builder_move_page(slug: str, number: int) -> ResponseReturnValue:
    """A page one place earlier or later."""
    grant = _manage(slug)
    key = _section_key(grant, number)
    offset = _offset()
    return _change(grant, f"page-{key}",
                   lambda data: (builder.move_section(data, key, offset), f"page-{key}"), "Page moved.")


@bp.route("/surveys/<slug>/builder/pages/<int:number>/remove", methods=["GET", "POST"])
def builder_remove_page(slug: str, number: int) -> ResponseReturnValue:
    """Remove a page and its questions, after asking."""
    grant = _manage(slug)
    key = _section_key(grant, number)
    if request.method == "GET":
        data = definition_of(grant.survey).to_dict()
        section = next(s for s in data["sections"] if s["key"] == key)
        return render_template("staff/builder_remove.html", survey=grant.survey, data=data, number=number,
                               section=section, question=None, form=ActionForm())
    return _change(grant, f"page-{key}", lambda data: (builder.remove_section(data, key), "survey"),
                   f"Page {number} removed.")


@bp.post("/surveys/<slug>/builder/pages/<int:number>/questions")
def builder_add_question(slug: str, number: int) -> ResponseReturnValue:
    """A new question at the end of a page."""
    grant = _manage(slug)
    key = _section_key(grant, number)
    new_question = builder.new_question_from_form(request.form, _languages(grant))

    def change(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
        new, question_key = builder.add_question(data, key, new_question)
        return new, f"q-{question_key}"

    return _change(grant, f"add-{key}", change, "Question added.")


# -- questions -----------------------------------------------------------------------------------------------

@bp.post("/surveys/<slug>/builder/questions/<key>")
def builder_question(slug: str, key: str) -> ResponseReturnValue:
    """A question's words, settings, answer choices and display condition, with the button pressed."""
    grant = _manage(slug)
    key = _question_key(grant, key)
    return _change(grant, f"q-{key}", lambda data: builder.apply_question_form(data, key, request.form))


def _render_condition(grant: SurveyAccess, data: dict[str, Any], posted: Posted, status: int = 200,
                      key: str = "") -> ResponseReturnValue:
    key = key or posted.form.removeprefix("q-")
    numbers = {q["key"]: n for n, q in enumerate(
        (q for section in data["sections"] for q in section["questions"]), start=1)}
    return render_template(
        "staff/builder_condition.html", survey=grant.survey, data=data, posted=posted,
        question=builder.find_question(data, key)[2], number=numbers[key], numbers=numbers,
        targets=builder.condition_targets(data, key), current=builder.describe_condition(data, key),
        language=(data.get("languages") or ["en"])[0], form=ActionForm(),
    ), status


@bp.route("/surveys/<slug>/builder/questions/<key>/condition", methods=["GET", "POST"])
def builder_condition(slug: str, key: str) -> ResponseReturnValue:
    """When a question is shown: always, or only after certain answers to an earlier question."""
    grant = _manage(slug)
    key = _question_key(grant, key)
    if request.method == "GET":
        return _render_condition(grant, definition_of(grant.survey).to_dict(), Posted(), key=key)
    return _change(grant, f"q-{key}",
                   lambda data: (builder.apply_condition_form(data, key, request.form), f"q-{key}"),
                   "Saved when the question is shown.", page=_render_condition)


@bp.post("/surveys/<slug>/builder/questions/<key>/move")
def builder_move_question(slug: str, key: str) -> ResponseReturnValue:
    """A question one place up or down (across pages at a page's edge)."""
    grant = _manage(slug)
    key = _question_key(grant, key)
    offset = _offset()
    return _change(grant, f"q-{key}", lambda data: (builder.move_question(data, key, offset), f"q-{key}"),
                   "Question moved.")


@bp.route("/surveys/<slug>/builder/questions/<key>/remove", methods=["GET", "POST"])
def builder_remove_question(slug: str, key: str) -> ResponseReturnValue:
    """Remove a question, after asking."""
    grant = _manage(slug)
    key = _question_key(grant, key)
    data = definition_of(grant.survey).to_dict()
    s_index, _, question = builder.find_question(data, key)
    if request.method == "GET":
        return render_template("staff/builder_remove.html", survey=grant.survey, data=data, number=s_index + 1,
                               section=data["sections"][s_index], question=question, form=ActionForm())
    return _change(grant, f"q-{key}",
                   lambda data: (builder.remove_question(data, key), f"page-{data['sections'][s_index]['key']}"),
                   "Question removed.")


# -- JSON, for those who want it ------------------------------------------------------------------------

@bp.get("/surveys/<slug>/builder/definition.json")
def builder_export(slug: str) -> ResponseReturnValue:
    """The survey's definition as a JSON file (to keep, share or edit elsewhere)."""
    grant = _manage(slug)
    body = json.dumps(definition_of(grant.survey).to_dict(), ensure_ascii=False, indent=2)
    return body, 200, {"Content-Type": "application/json; charset=utf-8",
                       "Content-Disposition": f'attachment; filename="{grant.survey.slug}.json"'}


def _uploaded_definition() -> Any:
    """The JSON sent as a file or pasted text, parsed.

    Raises:
        DefinitionError: it is not JSON.
    """
    upload = request.files.get("definition_file")
    raw = upload.read().decode("utf-8-sig", errors="replace") if upload and upload.filename else ""
    raw = raw or request.form.get("definition", "")
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise DefinitionError([f"The definition is not valid JSON: {error.msg} at {where}."]) from None


@bp.route("/surveys/<slug>/builder/json", methods=["GET", "POST"])
def builder_json(slug: str) -> ResponseReturnValue:
    """Advanced: replace the whole survey with a JSON definition (pasted or uploaded), checked first."""
    grant = _manage(slug)
    text = json.dumps(definition_of(grant.survey).to_dict(), ensure_ascii=False, indent=2)
    errors: list[str] = []
    if request.method == "POST":
        text = request.form.get("definition", "") or text
        try:
            survey_service.save_definition(grant.survey, builder.check(_uploaded_definition()))
        except DefinitionError as error:
            errors = list(error.errors)
        except ActionRefused as refused:
            errors = list(refused.problems)
        else:
            db.session.commit()
            flash_at("The definition is imported.", "survey")
            return redirect(url_for("staff.builder_page", slug=slug))
        db.session.rollback()
    return render_template("staff/builder_json.html", survey=grant.survey, text=text, errors=errors,
                           form=ActionForm()), 422 if errors else 200


# -- a new survey --------------------------------------------------------------------------------------------

@bp.route("/partnerships/<partnership_slug>/surveys/start", methods=["GET", "POST"])
def builder_new_survey(partnership_slug: str) -> ResponseReturnValue:
    """A new draft from a built-in template or from blank (or, advanced, a JSON file), then the builder."""
    membership = access.survey_creator(partnership_slug)
    partnership = membership.partnership
    is_partner = membership.role is Role.PARTNER  # a partner's surveys are their organization's
    organizations = [membership.organization] if is_partner else list(partnership.organizations)
    templates = [(name, load_template(name)) for name in list_templates()]
    problems: list[builder.Problem] = []
    form = request.form
    if request.method == "POST":
        slug = (form.get("slug") or "").strip().lower()
        start = form.get("start", "")
        problems = [builder.Problem("new", "slug", message.removeprefix("Web address: "))
                    for message in survey_service.slug_problems(slug)]
        definition = None
        try:
            definition = _starting_definition(start, form)
        except builder.BuildError as error:
            problems += [builder.Problem("new", name or "start", message) for name, message in error.problems]
        except DefinitionError as error:
            problems += [builder.Problem("new", "definition_file", message) for message in error.errors]
        organization = membership.organization if is_partner else next(
            (o for o in organizations if o.slug == form.get("organization")), None)
        if definition is not None and not problems:
            try:
                survey = survey_service.create_draft(partnership, definition, slug=slug, organization=organization,
                                                     source=start)
            except ActionRefused as refused:
                problems = [builder.Problem("new", refused.field or "", message) for message in refused.problems]
            else:
                db.session.commit()
                flash("Draft survey created. Write and translate its questions here, preview it, then open it "
                      "from the survey's page.")
                return redirect(url_for("staff.builder_page", slug=survey.slug))
    return render_template(
        "staff/builder_new.html", partnership=partnership, organizations=organizations, templates=templates,
        posted=Posted("new" if problems else "", form, problems), audiences=builder.AUDIENCE_LABELS,
        languages=list(builder.LANGUAGE_LABELS.items()), form=ActionForm(),
    ), 422 if problems else 200


def _starting_definition(start: str, form: Any) -> Any:
    """What a new survey starts from: ``blank``, a built-in template's name, or ``file`` (JSON).

    Raises:
        BuildError: the choice or the blank survey's title or audience is missing.
        DefinitionError: the JSON file is not a valid definition.
    """
    if start == "blank":
        languages = [lang for lang in form.getlist("languages") if isinstance(lang, str)]
        title = builder.texts_from_form(form, "title", list(builder.LANGUAGE_LABELS)) or {}
        return builder.check(builder.blank_definition(title, form.get("audience") or "", languages or ["en"]))
    if start == "file":
        return builder.check(_uploaded_definition())
    if start in list_templates():
        return load_template(start)
    raise builder.BuildError("Choose how to start: blank, a template, or a JSON file.", "start")

