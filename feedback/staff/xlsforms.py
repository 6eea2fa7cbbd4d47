"""XLSForms in the staff workspace: start a draft survey from a form written in KoboToolbox, ODK or Excel,
and download any survey as an XLSForm (for ODK Collect, KoboToolbox or Enketo).

An import that meets rows Chorus cannot map shows every one (sheet, row, column, why) and saves nothing;
the person may tick "leave those parts out" and send the file again. Mapping rules: ``docs/xlsform.md``.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext

from surveys.builder import AUDIENCE_LABELS
from surveys.builder import Problem as BuilderProblem
from surveys.models import Organization, Partnership, Survey
from surveys.services import definition_of
from surveys.xlsform.export import to_xlsform
from surveys.xlsform.importing import MAX_BYTES, Problem, read_xlsform

from .. import access
from ..extensions import db
from ..services import ActionRefused
from ..services import surveys as survey_service
from ..services.openrosa import form_version
from .blueprint import bp
from .builder import Posted, audience_labels
from .forms import ActionForm
from .helpers import said

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOTICES_FLASHED = 8
FORM = "xlsform"


@bp.get("/surveys/<slug>/xlsform.xlsx")
def survey_xlsform(slug: str) -> ResponseReturnValue:
    """The survey as an XLSForm: the same form (id and version) ODK Collect downloads from Chorus."""
    survey = access.survey_access(slug).survey
    definition = definition_of(survey)
    body = to_xlsform(definition, form_id=survey.slug, version=form_version(definition))
    return body, 200, {"Content-Type": XLSX, "Content-Disposition": f'attachment; filename="{survey.slug}.xlsx"',
                       "Cache-Control": "private, no-store"}


@bp.route("/partnerships/<partnership_slug>/surveys/import-xlsform", methods=["GET", "POST"])
def builder_import_xlsform(partnership_slug: str) -> ResponseReturnValue:
    """A new draft survey from an uploaded XLSForm, or the form's problems, row by row."""
    membership = access.survey_creator(partnership_slug)
    partnership = membership.partnership
    organizations = access.new_survey_organizations(membership)
    fields: list[BuilderProblem] = []
    problems: list[Problem] = []
    if request.method == "POST":
        chosen = access.new_survey_organization(membership, request.form.get("organization"))
        survey, fields, problems = _import(partnership, chosen)
        if survey is not None:
            db.session.commit()
            _flash_notices(problems)
            return redirect(url_for("staff.builder_page", slug=survey.slug))
    refused = bool(fields) or any(p.blocking for p in problems)
    return render_template(
        "staff/xlsform_import.html", partnership=partnership, organizations=organizations, problems=problems,
        posted=Posted(FORM if request.method == "POST" else "", request.form, fields),
        audiences=[("", _("As the form says (else: the community)"))] + list(audience_labels().items()),
        form=ActionForm(), max_mb=MAX_BYTES // (1024 * 1024),
    ), 422 if refused else 200


def _import(partnership: Partnership, organization: Organization | None
            ) -> tuple[Survey | None, list[BuilderProblem], list[Problem]]:
    """The draft the upload asks for (flushed, not committed), or the problems: with the form's fields
    (web address, audience, file) and with the XLSForm's rows."""
    slug = (request.form.get("slug") or "").strip().lower()
    audience = request.form.get("audience") or None
    fields = [BuilderProblem(FORM, "slug", message) for message in survey_service.slug_problems(slug)]
    if audience is not None and audience not in AUDIENCE_LABELS:
        fields.append(BuilderProblem(FORM, "audience", _("Choose who answers the survey from the list.")))
    upload = request.files.get("xlsform_file")
    data = upload.read(MAX_BYTES + 1) if upload is not None and upload.filename else b""
    if not data:
        fields.append(BuilderProblem(FORM, "xlsform_file", _("Choose the XLSForm file (.xlsx or .xls).")))
    if fields:
        return None, fields, []
    definition, problems = read_xlsform(data, upload.filename or "", audience=audience,
                                        skip_unmappable="skip_unmappable" in request.form)
    if definition is None:
        return None, fields, problems
    try:
        return survey_service.create_draft(partnership, definition, slug=slug, organization=organization,
                                           source="xlsform"), [], problems
    except ActionRefused as refused:  # the address was taken meanwhile: say so beside it, as above
        messages = (survey_service.slug_problems(slug) if refused.field in (None, "slug") else []) or refused.problems
        return None, [BuilderProblem(FORM, refused.field or "slug", message) for message in messages], problems


def _flash_notices(problems: list[Problem]) -> None:
    """Say the survey was made, and what was read in a way worth checking (or left out, when asked)."""
    flash(_("Draft survey created from the XLSForm. Check its questions and translations here, preview it, then "
            "open it from the survey's page."))
    for problem in problems[:NOTICES_FLASHED]:
        said_problem = said(problem.message)
        flash(_("Left out: %(problem)s", problem=said_problem) if problem.blocking
              else _("Note: %(problem)s", problem=said_problem))
    if len(problems) > NOTICES_FLASHED:
        more = len(problems) - NOTICES_FLASHED
        flash(ngettext("And %(num)d more note like these.", "And %(num)d more notes like these.", more))
