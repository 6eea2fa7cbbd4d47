"""Themes and reports: find themes (a background run), follow a run, read a question's theme report or
its counts, and read the answers in one theme."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from surveys.models import Question, Wave

from .. import access, reports
from ..extensions import db, limiter
from ..models import RunStatus, ThemeRun
from ..queries import public as public_queries
from ..queries import themes as theme_queries
from ..services import ActionRefused
from ..services import themes as theme_service
from .blueprint import bp
from .forms import (
    CODEBOOK_MAX_CHARS,
    ENGINE_REPRESENTATION,
    REPRESENTATION_CHOICES,
    ActionForm,
    RunForm,
    codebook_csv,
)

THEMED = ("text",)
"""Questions whose answers are grouped into themes."""
COUNTED = ("choice", "scale", "number")
"""Questions whose answers are counted and summarised."""


engine_limit = limiter.shared_limit(lambda: current_app.config["RATELIMIT_THEMES"], scope="theme-engine",
                                   key_func=lambda: f"user:{current_user.get_id()}")
"""One allowance per person for everything that runs the theme engine: finding themes, splitting one."""


@bp.post("/surveys/<slug>/questions/<key>/themes")
@engine_limit
def start_themes(slug: str, key: str) -> ResponseReturnValue:
    """Find themes in one open-ended question (or ``all`` of them), over one wave or all, compared the way
    staff chose and against their codebook when they gave one (a few times a minute per person, and only
    while the queue has room). A codebook with problems comes back beside its box, as typed."""
    grant = access.survey_access(slug).require("can_manage")
    survey = grant.survey
    questions = access.questions_of(survey, key, THEMED)
    wave = access.wave_of(survey, request.form.get("wave"))
    form = RunForm()
    if not form.validate():
        return _run_form_again(grant, key, questions, wave, form)
    try:
        runs = theme_service.start_theme_runs(survey, questions, wave, current_user.id, form.themes,
                                              representation=form.engine_representation, codebook=form.codebook)
    except ActionRefused as refused:
        if form.codebook:  # the codebook stays on the page rather than being lost to a redirect
            return _run_form_again(grant, key, questions, wave, form, str(refused))
        flash(str(refused), "error")
        return redirect(url_for("staff.survey", slug=slug))
    db.session.commit()  # the runs are queued once stored
    if len(runs) == 1:
        return redirect(url_for("staff.run", public_id=runs[0].public_id))
    flash(_("Finding themes for %(count)s questions; each report appears when its run finishes.", count=len(runs)))
    return redirect(url_for("staff.survey", slug=slug))


def _run_form_again(grant: access.SurveyAccess, key: str, questions: list[Question], wave: Wave | None, form: RunForm,
                    refused: str | None = None) -> ResponseReturnValue:
    """The run form with what was sent (the codebook text too) and each problem beside its field."""
    return render_template("staff/find_themes.html", grant=grant, survey=grant.survey, key=key, questions=questions,
                           wave=wave, k=request.form.get("k", ""), run_form=form, refused=refused,
                           form=ActionForm()), 422 if refused is None else 503


@bp.app_template_global()
def run_form_choices() -> dict[str, object]:
    """What the run form offers in every template that shows it: how answers may be compared, and the
    longest codebook accepted."""
    return {"representations": REPRESENTATION_CHOICES, "codebook_max_chars": CODEBOOK_MAX_CHARS}


def rerun_options(run: ThemeRun) -> dict[str, str]:
    """The run form filled as ``run`` was started, so running it again keeps its choices and codebook."""
    parameters = run.parameters or {}
    asked = parameters.get("representation_asked", "auto")
    choice = next((c for c, engine in ENGINE_REPRESENTATION.items() if engine == asked), "auto")
    codes = parameters.get("codes") or []
    return {"representation": choice, "codes": codebook_csv(codes) if codes else ""}


@bp.get("/runs/<public_id>")
def run(public_id: str) -> ResponseReturnValue:
    """A run's progress (the page refreshes itself); a finished run goes to its report."""
    run, grant = access.run_access(public_id)
    state = theme_queries.run_state(run)
    if state.status is RunStatus.FINISHED:
        return redirect(url_for("staff.report", slug=run.survey.slug, key=run.question.key,
                                wave=run.wave_id or None))
    return render_template("staff/run.html", run=run, grant=grant, state=state)


@bp.get("/surveys/<slug>/questions/<key>/report")
def report(slug: str, key: str) -> ResponseReturnValue:
    """A question's newest theme report over all waves, or over the wave asked for."""
    grant = access.survey_access(slug)
    question = access.question_of(grant.survey, key, THEMED)
    wave = access.wave_of(grant.survey, request.args.get("wave"))
    run = theme_queries.latest_finished_run(question, wave)
    if run is None:
        switch = theme_queries.report_choices(grant.survey, question, wave)
        return render_template("staff/report_empty.html", grant=grant, survey=grant.survey, question=question,
                               wave=wave, report_waves=switch, form=ActionForm()), 404
    return report_page(grant, run)


@dataclass(frozen=True)
class RenameSentBack:
    """A rename refused: what was typed (the name, and the names by language code) and why not."""

    theme_id: int
    label: str
    translations: dict[str, str]
    problem: str
    field: str  # the field at fault: "label" or "label-<language code>"


def report_page(grant: access.SurveyAccess, run: ThemeRun, typed: RenameSentBack | None = None) -> str:
    """The theme report of ``run`` (its question, over its wave or all waves). ``typed``: a rename sent
    back with what was typed and why it was refused, shown in its theme's open curation form."""
    data = reports.theme_report(run)
    return render_template("staff/report.html", grant=grant, survey=grant.survey, question=run.question,
                           wave=run.wave, report=data,
                           report_waves=theme_queries.report_choices(grant.survey, run.question, run.wave),
                           form=ActionForm(), rerun=rerun_options(run), public=public_queries.run_public_status(run),
                           typed=typed, anchors=["public"] + [f"t{line.theme.id}" for line in data.themes]
                           + [f"h{line.theme.id}" for line in data.hidden])


@bp.get("/surveys/<slug>/questions/<key>/summary")
def question_summary(slug: str, key: str) -> ResponseReturnValue:
    """Counts, statistics and the equity lens for a choice, scale or number question."""
    grant = access.survey_access(slug)
    question = access.question_of(grant.survey, key, COUNTED)
    wave = access.wave_of(grant.survey, request.args.get("wave"))
    summary = reports.question_summary(question, wave.id if wave else None)
    return render_template("staff/summary.html", grant=grant, survey=grant.survey, wave=wave, summary=summary)


@bp.get("/runs/<public_id>/themes/<int:theme_id>")
def theme_answers(public_id: str, theme_id: int) -> ResponseReturnValue:
    """Every answer in one theme, best-fitting first, with a way to move each to another theme."""
    run, grant, theme = access.theme_in_run(public_id, theme_id)
    grant.require("can_see_responses")
    answers = theme_queries.theme_answers(run, theme, request.args.get("page", 1, type=int))
    return render_template("staff/theme.html", run=run, grant=grant, theme=theme, answers=answers.rows,
                           total=answers.total, page=answers.page, pages=answers.pages,
                           others=theme_queries.merge_targets(run, theme), form=ActionForm(),
                           anchors=[f"a{row[0]}" for row in answers.rows])
