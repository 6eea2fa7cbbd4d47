"""Staff endpoints under ``/api/v1/staff``, for scripts with a personal token: surveys, responses (cursor
paging), theme runs with their protected reports, starting a run, a question's trend, and actions.

Each view is what its staff page does, answered as JSON: load through :mod:`feedback.api.auth` (the
token's partnership and lowered role), then one query or service. Numbers come from the same functions
the staff pages print (:func:`feedback.reports.theme_report`, :func:`feedback.queries.trends.question_trend`),
so a partner-role token sees exactly the protected numbers a partner sees on the report.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app, request
from flask.typing import ResponseReturnValue

from surveys.models import Organization, Survey
from surveys.question_types import get_type
from surveys.services import definition_of

from .. import access, reports
from ..extensions import db, limiter
from ..models import Action, ThemeRun
from ..queries import counts
from ..queries import loop as loop_queries
from ..queries import themes as theme_queries
from ..queries import trends as trend_queries
from ..services import ActionRefused
from ..services import themes as theme_service
from . import paging
from . import schemas as s
from .auth import current_grant, require, run_grant, survey_grant, token_required
from .blueprint import bp
from .errors import ApiError
from .spec import documented

THEMED = ("text",)
"""Questions whose answers are grouped into themes (as on the staff pages)."""
READ_ANSWERS = ("This token's role may not read individual answers of this survey: partners read their own "
                "organization's surveys, and the partnership's aggregated reports.")


def engine_limit_value() -> str:
    return current_app.config.get("RATELIMIT_THEMES", "10 per minute")


engine_limit = limiter.shared_limit(engine_limit_value, scope="theme-engine",
                                    key_func=lambda: f"user:{current_grant().user.get_id()}")
"""The staff pages' allowance for running the theme engine, shared by the person's pages and tokens."""


# -- who am I ----------------------------------------------------------------------------------------------

@bp.get("/staff/token")
@token_required
@documented(ok=s.TokenInfo, tags=("staff",))
def token_info() -> ResponseReturnValue:
    """The token this request carries: its name, partnership and effective role."""
    grant = current_grant()
    return s.TokenInfo(name=grant.token.name, partnership=grant.partnership.slug, role=grant.membership.role,
                       expires_at=grant.token.expires_at)


# -- surveys -----------------------------------------------------------------------------------------------

def _summary_fields(survey: Survey, responses: int, complete: int) -> dict[str, Any]:
    grant = access.SurveyAccess(survey, current_grant().membership)  # type: ignore[arg-type]
    return {"slug": survey.slug, "title": dict(survey.title), "audience": survey.audience.value,
            "status": survey.status.value, "languages": list(survey.languages),
            "organization": survey.organization.slug if survey.organization else None,
            "responses": responses, "complete": complete, "can_see_responses": grant.can_see_responses}


@bp.get("/staff/surveys")
@token_required
@documented(ok=s.SurveyList, tags=("surveys",))
def surveys() -> ResponseReturnValue:
    """Every survey of the token's partnership with its response counts (as on the staff dashboard);
    ``can_see_responses`` says whether the token may list its individual answers."""
    rows = counts.survey_rows(current_grant().partnership.id)
    return s.SurveyList(surveys=[s.SurveySummary(**_summary_fields(r.survey, r.responses, r.complete))
                                 for r in rows])


@bp.get("/staff/surveys/<slug>")
@token_required
@documented(ok=s.SurveyDetail, tags=("surveys",))
def survey(slug: str) -> ResponseReturnValue:
    """One survey: its definition, its waves with their counts, and counts by source and language (as
    on the survey's staff page, only for tokens that may read its answers; empty lists otherwise)."""
    grant = survey_grant(slug)
    survey = grant.survey
    found = counts.response_counts(survey.id)
    detailed = grant.can_see_responses
    waves = sorted(survey.waves, key=lambda w: w.position)
    by_wave = [s.WaveOut(id=w.id, label=w.label, position=w.position, responses=n, complete=done)
               for w, (_, n, done) in zip(waves, found.by_wave, strict=False)]
    return s.SurveyDetail(
        **_summary_fields(survey, found.total, found.complete),
        definition=definition_of(survey).to_dict(),
        waves=by_wave,
        counts=s.SurveyCounts(total=found.total, complete=found.complete,
                              by_source=[s.CountOut(value=v, responses=n) for v, n in found.by_source
                                         if detailed],
                              by_language=[s.CountOut(value=v, responses=n) for v, n in found.by_language
                                           if detailed]),
    )


# -- responses ---------------------------------------------------------------------------------------------

@bp.get("/staff/surveys/<slug>/responses")
@token_required
@documented(ok=s.ResponsePage, query=s.ResponseQuery, errors=(422,), tags=("responses",))
def responses(slug: str) -> ResponseReturnValue:
    """A page of a survey's responses with their answers, oldest first (by id), filtered by wave,
    ``since`` (submitted at or after), source, language and channel. Follow ``next_cursor`` until it is
    null. Only for tokens whose role may read the survey's answers (403 otherwise)."""
    grant = require(survey_grant(slug), "can_see_responses", READ_ANSWERS)
    return paging.response_page(grant.survey, request.context.query)  # type: ignore[attr-defined]


# -- themes ------------------------------------------------------------------------------------------------

def _run_fields(run: ThemeRun) -> dict[str, Any]:
    state = theme_queries.run_state(run)
    return {"id": run.public_id, "survey": run.survey.slug, "question": run.question.key,
            "wave": s.WaveRef(id=run.wave.id, label=run.wave.label) if run.wave else None,
            "status": state.status.value, "progress": float(state.progress or 0.0), "message": state.message or "",
            "created_at": run.created_at, "finished_at": run.finished_at, "published_at": run.published_at}


@bp.get("/staff/surveys/<slug>/runs")
@token_required
@documented(ok=s.RunList, tags=("themes",))
def runs(slug: str) -> ResponseReturnValue:
    """The survey's theme runs, newest first, with how each is doing."""
    survey = survey_grant(slug).survey
    found = db.session.scalars(sa.select(ThemeRun).where(ThemeRun.survey_id == survey.id)
                               .order_by(ThemeRun.id.desc()))
    return s.RunList(runs=[s.RunOut(**_run_fields(run)) for run in found])


@bp.post("/staff/surveys/<slug>/runs")
@token_required
@engine_limit
@documented(ok=s.RunList, status=202, json=s.StartRunIn, errors=(422, 503), tags=("themes",))
def start_run(slug: str) -> ResponseReturnValue:
    """Find themes in one open-ended question (or ``all``), as "Find themes" on the survey page does:
    queued, then followed at ``/staff/runs/{id}``. For tokens that may manage the survey (analysts,
    admins, a partner's own survey); 503 while the queue is full."""
    grant = require(survey_grant(slug), "can_manage", "This token's role may not start theme runs on this survey.")
    asked: s.StartRunIn = request.context.json  # type: ignore[attr-defined]
    survey = grant.survey
    questions = [q for q in survey.questions
                 if asked.question in (q.key, "all") and get_type(q.type).summary in THEMED]
    if not questions:
        raise ApiError(422, "Name an open-ended question of this survey, or all.", field="question")
    wave = next((w for w in survey.waves if w.id == asked.wave), None)
    if asked.wave is not None and wave is None:
        raise ApiError(422, "This survey has no wave with this id.", field="wave")
    try:
        started = theme_service.start_theme_runs(survey, questions, wave, current_grant().user.id, asked.themes,
                                                 representation=asked.representation)
    except ActionRefused as refused:
        raise ApiError(503, str(refused), code="queue_full", headers={"Retry-After": "60"}) from refused
    db.session.commit()  # the runs are queued once stored
    return s.RunList(runs=[s.RunOut(**_run_fields(run)) for run in started]), 202


@bp.get("/staff/runs/<run_id>")
@token_required
@documented(ok=s.RunDetail, tags=("themes",))
def run(run_id: str) -> ResponseReturnValue:
    """A theme run with its themes as the staff report prints them: sizes protected by the partnership's
    small-cell threshold (``null`` where the report hides a number), quotes only for roles that may read
    answers. A run not finished yet has no themes."""
    run, grant = run_grant(run_id)
    fields = _run_fields(run)
    threshold = run.survey.partnership.small_cell_threshold
    if fields["status"] != "finished":
        return s.RunDetail(**fields, threshold=threshold, answered=None, non_answers=None, folded_size=None,
                           themes=[])
    report = reports.theme_report(run)
    # A small (folded) theme's name and words come from a few answers: only for roles that may read them.
    themes = [_theme_out(line, grant, hidden=False) for line in report.themes
              if grant.can_see_responses or not line.folded]
    themes += [_theme_out(line, grant, hidden=True) for line in report.hidden
               if grant.can_see_responses or not line.folded]
    return s.RunDetail(**fields, threshold=report.threshold, answered=report.answered,
                       non_answers=report.non_answers, folded_size=report.folded_size, themes=themes)


def _theme_out(line: reports.ThemeLine, grant: access.SurveyAccess, *, hidden: bool) -> s.ThemeOut:
    theme = line.theme
    show_quotes = grant.can_see_responses and not line.folded  # as the report: never from a folded theme
    return s.ThemeOut(id=theme.id, label=theme.label, size=line.size, mentions=line.printed_mentions,
                      folded=line.folded, hidden=hidden,
                      other=theme.other, terms=[str(t) for t in theme.terms or []],
                      sentiment=s.Sentiment(**line.sentiment) if line.sentiment else None,
                      quotes=[q for q in theme.quotes or [] if isinstance(q, str)] if show_quotes else [])


@bp.get("/staff/runs/<run_id>/assignments")
@token_required
@documented(ok=s.AssignmentPage, query=s.AssignmentQuery, tags=("themes",))
def assignments(run_id: str) -> ResponseReturnValue:
    """Which theme each answer of a run went to, with the answer's words, by answer id; follow
    ``next_cursor``. Individual answers: only for roles that may read them (403 otherwise)."""
    run, grant = run_grant(run_id)
    require(grant, "can_see_responses", READ_ANSWERS)
    return paging.assignment_page(run, request.context.query)  # type: ignore[attr-defined]


@bp.get("/staff/surveys/<slug>/questions/<key>/trend")
@token_required
@documented(ok=s.TrendOut, tags=("loop",))
def trend(slug: str, key: str) -> ResponseReturnValue:
    """A question's themes across waves, as the trend page prints them: protected counts and shares per
    wave and the tested change between consecutive waves (empty until two waves have finished runs)."""
    grant = survey_grant(slug)
    question = access.question_of(grant.survey, key, THEMED)
    data = trend_queries.question_trend(grant.survey, question, reads_answers=grant.can_see_responses)
    return s.TrendOut(
        survey=grant.survey.slug, question=question.key, threshold=data.threshold,
        waves=[s.WaveRef(id=w.id, label=w.label) for w in data.waves], totals=list(data.totals),
        themes=[s.TrendTheme(key=line.key, label=line.label, counts=line.counts, shares=line.shares,
                             new_in=list(line.new_in),
                             changes=[s.Change(before=str(c.before), after=str(c.after), before_share=c.before_share,
                                               after_share=c.after_share, p_value=c.p_value, q_value=c.q_value,
                                               marker=str(c.marker)) for c in line.changes])
                for line in data.lines],
    )


# -- the loop ----------------------------------------------------------------------------------------------

@bp.get("/staff/actions")
@token_required
@documented(ok=s.ActionList, query=s.ActionsQuery, errors=(422,), tags=("loop",))
def actions() -> ResponseReturnValue:
    """The partnership's actions (the actions board), due soonest first, filtered by ``status`` and by
    ``organization`` (the owning partner's slug)."""
    grant = current_grant()
    query: s.ActionsQuery = request.context.query  # type: ignore[attr-defined]
    organization_id = None
    if query.organization:
        organization_id = db.session.scalar(sa.select(Organization.id).where(
            Organization.partnership_id == grant.partnership.id, Organization.slug == query.organization))
        if organization_id is None:
            raise ApiError(422, "The partnership has no organization with this slug.", field="organization")
    board = loop_queries.actions_board(grant.partnership, status=query.status, organization_id=organization_id)
    return s.ActionList(actions=[_action_out(a) for a in board])


def _action_out(action: Action) -> s.ActionOut:
    return s.ActionOut(
        id=action.public_id, title=action.title, details=action.details or "", owner=action.owner or "",
        organization=action.organization.slug if action.organization else None, status=action.status.value,
        percent_complete=action.percent_complete or 0, due_on=action.due_on, public=bool(action.public),
        public_summary=dict(action.public_summary or {}),
        themes=[s.LinkedTheme(id=t.id, label=t.label, survey=t.question.survey.slug, question=t.question.key)
                for t in action.themes],
        created_at=action.created_at, updated_at=action.updated_at)
