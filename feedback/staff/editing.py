"""Creating and editing surveys: a new draft from a built-in template or a definition file, and edits to
a survey's definition (questions and translations, as JSON), checked before saving."""

from __future__ import annotations

import json

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from surveys.definition import (
    DefinitionError,
    SurveyDefinition,
    list_templates,
    load_definition,
    load_template,
)
from surveys.services import definition_of

from .. import access
from ..extensions import db
from ..models import Role
from ..services import ActionRefused
from ..services import surveys as survey_service
from .blueprint import bp


def _definition_from_upload(errors: list[str]) -> SurveyDefinition | None:
    """The definition in the uploaded JSON file or pasted text, or None with the problems listed."""
    upload = request.files.get("definition_file")
    raw = upload.read().decode("utf-8-sig", errors="replace") if upload and upload.filename else ""
    raw = raw or request.form.get("definition", "")
    try:
        return load_definition(json.loads(raw))
    except json.JSONDecodeError as error:
        errors.append(f"The definition is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}.")
    except DefinitionError as error:
        errors.extend(error.errors)
    return None


def _chosen_definition(template: str, errors: list[str]) -> SurveyDefinition | None:
    """The definition a new survey starts from: a built-in template, or the uploaded file."""
    if template == "file":
        return _definition_from_upload(errors)
    if template in list_templates():
        return load_template(template)
    errors.append("Choose a template, or a definition file.")
    return None


@bp.route("/partnerships/<partnership_slug>/surveys/new", methods=["GET", "POST"])
def new_survey(partnership_slug: str) -> ResponseReturnValue:
    """Start a draft survey from a built-in template or a definition file."""
    membership = access.survey_creator(partnership_slug)
    partnership = membership.partnership
    is_partner = membership.role is Role.PARTNER  # a partner's surveys are their organization's
    organizations = [membership.organization] if is_partner else list(partnership.organizations)
    errors: list[str] = []
    if request.method == "POST":
        slug = (request.form.get("slug") or "").strip().lower()
        template = request.form.get("template", "")
        errors = survey_service.slug_problems(slug)
        definition = _chosen_definition(template, errors)
        organization = membership.organization if is_partner else next(
            (o for o in organizations if o.slug == request.form.get("organization")), None)
        if definition is not None and not errors:
            survey = survey_service.create_draft(partnership, definition, slug=slug, organization=organization,
                                                 source=template)
            db.session.commit()
            flash("Draft survey created. Check its wording, preview it, then open it.")
            return redirect(url_for("staff.survey", slug=survey.slug))
    return render_template("staff/new_survey.html", partnership=partnership, organizations=organizations,
                           templates=list_templates(), errors=errors, values=request.form), 422 if errors else 200


@bp.route("/surveys/<slug>/edit", methods=["GET", "POST"])
def edit_survey(slug: str) -> ResponseReturnValue:
    """Edit questions and translations as the survey's definition (JSON), checked before saving."""
    grant = access.survey_access(slug).require("can_manage")
    errors: list[str] = []
    text = json.dumps(definition_of(grant.survey).to_dict(), ensure_ascii=False, indent=2)
    if request.method == "POST":
        text = request.form.get("definition", "")
        definition = _definition_from_upload(errors)
        if definition is not None:
            try:
                survey_service.save_definition(grant.survey, definition)
            except ActionRefused as refused:
                db.session.rollback()  # the page shows the survey as stored
                errors.extend(refused.problems)
            else:
                db.session.commit()
                flash("Survey saved.")
                return redirect(url_for("staff.survey", slug=slug))
    return render_template("staff/edit_survey.html", grant=grant, survey=grant.survey, text=text,
                           errors=errors), 422 if errors else 200
