"""A partnership's surveys: the dashboard, a survey's page, opening and closing, waves, responses, and
a preview of the survey as respondents see it."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from surveys.forms import make_page_form
from surveys.models import SurveyStatus
from surveys.services import definition_of

from .. import access
from ..extensions import db
from ..queries import counts
from ..queries import responses as response_queries
from ..queries import themes as theme_queries
from ..services import ActionRefused
from ..services import surveys as survey_service
from .blueprint import bp
from .forms import ActionForm


@bp.get("/")
def dashboard() -> ResponseReturnValue:
    """Each of your partnerships with its surveys and their response counts."""
    partnerships = [(membership, counts.survey_rows(membership.partnership_id))
                    for membership in current_user.memberships]
    return render_template("staff/dashboard.html", partnerships=partnerships)


@bp.get("/surveys/<slug>")
def survey(slug: str) -> ResponseReturnValue:
    """One survey: share links, status, waves, counts, and each question's reports."""
    grant = access.survey_access(slug)
    survey = grant.survey
    return render_template(
        "staff/survey.html",
        grant=grant,
        survey=survey,
        counts=counts.response_counts(survey.id),
        questions=survey.questions,
        runs=theme_queries.latest_runs(survey.id),
        report_waves=theme_queries.report_waves(survey.id),
        form=ActionForm(),
    )


@bp.get("/surveys/<slug>/close")
def close_survey(slug: str) -> ResponseReturnValue:
    """Ask before closing: people following the survey's links can no longer answer."""
    grant = access.survey_access(slug).require("can_manage")
    if not grant.survey.can_move_to(SurveyStatus.CLOSED):
        flash(_("The survey is %(status)s; only an open survey can be closed.",
                status=survey_service.status_label(grant.survey.status)), "error")
        return redirect(url_for("staff.survey", slug=slug))
    return render_template("staff/close_survey.html", grant=grant, survey=grant.survey,
                           counts=counts.response_counts(grant.survey.id), form=ActionForm())


@bp.post("/surveys/<slug>/status")
def change_status(slug: str) -> ResponseReturnValue:
    """Open, pause or close a survey (closing only from its confirmation page)."""
    grant = access.survey_access(slug).require("can_manage")
    if request.form.get("status") == SurveyStatus.CLOSED.value and request.form.get("confirm") != "yes":
        return redirect(url_for("staff.close_survey", slug=slug))
    try:
        status = SurveyStatus(request.form.get("status", ""))
    except ValueError:
        flash(_("Unknown status."), "error")
        return redirect(url_for("staff.survey", slug=slug))
    try:
        survey_service.change_status(grant.survey, status)
    except ActionRefused as refused:
        flash(str(refused), "error")
        return redirect(url_for("staff.survey", slug=slug))
    db.session.commit()
    flash(_("The survey is now %(status)s.", status=survey_service.status_label(status)))
    return redirect(url_for("staff.survey", slug=slug))


@bp.post("/surveys/<slug>/waves")
def new_wave(slug: str) -> ResponseReturnValue:
    """Start a new wave: new responses are filed under it, so results compare over time."""
    grant = access.survey_access(slug).require("can_manage")
    try:
        wave = survey_service.start_wave(grant.survey, request.form.get("label") or "")
    except ActionRefused as refused:
        flash(str(refused), "error")
        return redirect(url_for("staff.survey", slug=slug))
    db.session.commit()
    flash(_("New responses now go to “%(wave)s”.", wave=wave.label))
    return redirect(url_for("staff.survey", slug=slug))


@bp.get("/surveys/<slug>/responses")
def responses(slug: str) -> ResponseReturnValue:
    """Individual responses, filtered by wave, language, source and status, a page at a time."""
    grant = access.survey_access(slug).require("can_see_responses")
    sources = response_queries.source_choices(grant.survey)
    filters = response_queries.ResponseFilters.from_args(request.args, grant.survey, [value for value, _ in sources])
    return render_template("staff/responses.html", grant=grant, survey=grant.survey,
                           page=response_queries.response_page(grant.survey, filters), filters=filters,
                           sources=sources, languages=response_queries.language_choices(grant.survey),
                           export=response_queries.export_size(grant.survey))


@bp.get("/surveys/<slug>/preview/<int:number>")
def preview(slug: str, number: int) -> ResponseReturnValue:
    """A page of the survey exactly as respondents see it, in any status; nothing here is saved.

    Every question of the page is shown, including those that appear only after certain answers.
    """
    grant = access.survey_access(slug)
    definition = definition_of(grant.survey)
    if not 1 <= number <= len(definition.sections):
        abort(404)
    languages = grant.survey.languages
    language = request.args.get("lang") if request.args.get("lang") in languages else languages[0]
    get_locale()  # the preview bar speaks the staff member's language: fixed before g.lang would choose it
    g.lang = language
    section = definition.sections[number - 1]
    questions = [q for q in definition.iter_questions() if q.section == section.key]
    form = make_page_form(section, questions, language, values={})
    return render_template("staff/preview.html", grant=grant, survey=grant.survey, definition=definition,
                           section=section, form=form, step=number, total=len(definition.sections),
                           is_last=number == len(definition.sections), is_first=number == 1, errors=[],
                           language=language)
