"""A new survey, and the survey as a JSON definition: start from blank, a template or a JSON file and
land in the builder; download the definition, or replace the survey with one (checked first). The
addresses of the retired JSON editor send people here."""

from __future__ import annotations

import json
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from surveys import builder
from surveys.definition import DefinitionError, list_templates, load_template
from surveys.json_input import load_json
from surveys.models import Organization, Partnership, Survey
from surveys.services import definition_of

from .. import access
from ..extensions import db
from ..services import ActionRefused
from ..services import surveys as survey_service
from .blueprint import bp
from .builder import Posted, audience_labels, manage
from .forms import ActionForm
from .helpers import flash_at

# -- JSON, for those who want it ------------------------------------------------------------------------

@bp.get("/surveys/<slug>/builder/definition.json")
def builder_export(slug: str) -> ResponseReturnValue:
    """The survey's definition as a JSON file (to keep, share or edit elsewhere)."""
    grant = manage(slug)
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
        return load_json(raw)
    except json.JSONDecodeError as error:
        raise DefinitionError([_("The definition is not valid JSON: %(reason)s at line %(line)s, column %(column)s.",
                                 reason=error.msg, line=error.lineno, column=error.colno)]) from None
    except ValueError as error:  # nested too deeply, NaN, a number too long to read
        raise DefinitionError([_("The definition is not accepted: %(reason)s.", reason=error)]) from None


@bp.route("/surveys/<slug>/builder/json", methods=["GET", "POST"])
def builder_json(slug: str) -> ResponseReturnValue:
    """Advanced: replace the whole survey with a JSON definition (pasted or uploaded), checked first."""
    grant = manage(slug)
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
            flash_at(_("The definition is imported."), "survey")
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
    organizations = access.new_survey_organizations(membership)
    problems: list[builder.Problem] = []
    if request.method == "POST":
        chosen = access.new_survey_organization(membership, request.form.get("organization"))
        survey, problems = _create_draft(partnership, chosen, request.form)
        if survey is not None:
            db.session.commit()
            flash(_("Draft survey created. Write and translate its questions here, preview it, then open it "
                    "from the survey's page."))
            return redirect(url_for("staff.builder_page", slug=survey.slug))
    return render_template(
        "staff/builder_new.html", partnership=partnership, organizations=organizations,
        templates=[(name, load_template(name)) for name in list_templates()],
        posted=Posted("new" if problems else "", request.form, problems), audiences=audience_labels(),
        languages=list(builder.LANGUAGE_LABELS.items()), form=ActionForm(),
    ), 422 if problems else 200


def _create_draft(partnership: Partnership, organization: Organization | None,
                  form: Any) -> tuple[Survey | None, list[builder.Problem]]:
    """The draft the new-survey form asks for (flushed, not committed), or every problem with the form,
    each beside its field: the web address, how to start, the blank survey's title and audience, the file."""
    slug = (form.get("slug") or "").strip().lower()
    start = form.get("start", "")
    problems = [builder.Problem("new", "slug", message) for message in survey_service.slug_problems(slug)]
    definition = None
    try:
        definition = _starting_definition(start, form)
    except builder.BuildError as error:
        problems += [builder.Problem("new", name or "start", message) for name, message in error.problems]
    except DefinitionError as error:
        problems += [builder.Problem("new", "definition_file", message) for message in error.errors]
    if definition is None or problems:
        return None, problems
    try:
        return survey_service.create_draft(partnership, definition, slug=slug, organization=organization,
                                           source=start), []
    except ActionRefused as refused:  # the address was taken meanwhile: say so beside it, as above
        messages = (survey_service.slug_problems(slug) if refused.field == "slug" else []) or refused.problems
        return None, [builder.Problem("new", refused.field or "", message) for message in messages]


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
    raise builder.BuildError(_("Choose how to start: blank, a template, or a JSON file."), "start")


# -- the retired JSON editor's addresses ---------------------------------------------------------------------

@bp.get("/partnerships/<partnership_slug>/surveys/new")
def old_new_survey(partnership_slug: str) -> ResponseReturnValue:
    """Bookmarks of the old "New survey" page go to the new one (after the same access check)."""
    access.survey_creator(partnership_slug)
    return redirect(url_for("staff.builder_new_survey", partnership_slug=partnership_slug), 301)


@bp.get("/surveys/<slug>/edit")
def old_edit_survey(slug: str) -> ResponseReturnValue:
    """Bookmarks of the old JSON editor go to the builder (after the same access check)."""
    manage(slug)
    return redirect(url_for("staff.builder_page", slug=slug), 301)
