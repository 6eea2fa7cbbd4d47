"""Theme runs as staff follow them: the newest per question, which reports exist, how a run or a split
is doing, and the answers in one theme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from surveys.models import Answer, Question, Response, Survey, Wave, utcnow

from .. import jobs
from ..extensions import db
from ..models import RunStatus, SplitJob, Theme, ThemeAssignment, ThemeRun

PAGE_SIZE = 50


def latest_runs(survey_id: int) -> dict[int, ThemeRun]:
    """The newest theme run per question, so the survey page can link each question's report."""
    runs = db.session.scalars(
        sa.select(ThemeRun).where(ThemeRun.survey_id == survey_id).order_by(ThemeRun.id.desc())
    ).all()
    latest: dict[int, ThemeRun] = {}
    for run in runs:
        latest.setdefault(run.question_id, run)
    return latest


def report_waves(survey_id: int) -> dict[int, set[int | None]]:
    """Per question, the waves (``None``: all waves) that have a finished theme run to report."""
    waves: dict[int, set[int | None]] = {}
    for question_id, wave_id in db.session.execute(
        sa.select(ThemeRun.question_id, ThemeRun.wave_id).distinct()
        .where(ThemeRun.survey_id == survey_id, ThemeRun.status == RunStatus.FINISHED)
    ):
        waves.setdefault(question_id, set()).add(wave_id)
    return waves


def latest_finished_run(question: Question, wave: Wave | None) -> ThemeRun | None:
    """The run a question's report shows: the newest finished one over the wave (``None``: all waves)."""
    return db.session.scalar(
        sa.select(ThemeRun)
        .where(ThemeRun.question_id == question.id, ThemeRun.status == RunStatus.FINISHED,
               ThemeRun.wave_id.is_(None) if wave is None else ThemeRun.wave_id == wave.id)
        .order_by(ThemeRun.id.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class ReportChoice:
    """One of a question's theme reports, for the switch between waves."""

    wave_id: int | None  # None: all waves
    label: str
    current: bool


def report_choices(survey: Survey, question: Question, wave: Wave | None) -> list[ReportChoice]:
    """The reports to switch between: all waves first, then each wave, where themes were found."""
    found = report_waves(survey.id).get(question.id, set())
    shown = wave.id if wave else None
    choices = [ReportChoice(None, _("All waves"), shown is None)] if None in found else []
    return choices + [ReportChoice(w.id, w.label, w.id == shown) for w in survey.waves if w.id in found]


@dataclass(frozen=True)
class RunState:
    """How a run (or a split) is doing, as pages show it: one whose worker vanished reads as failed."""

    status: RunStatus
    progress: float
    message: str

    @property
    def waiting(self) -> bool:
        """Still queued or running: the page refreshes itself."""
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)


def run_state(run: ThemeRun) -> RunState:
    """The run's state for display; reading it never changes the run."""
    if jobs.is_stale(run):
        return RunState(RunStatus.FAILED, run.progress, jobs.STALE_MESSAGE)
    return RunState(run.status, run.progress, run.message)


def split_state(job: SplitJob) -> RunState:
    """A split's state for display, as :func:`run_state`; reading it never changes the job."""
    if jobs.is_stale(job):
        return RunState(RunStatus.FAILED, job.progress, jobs.SPLIT_STALE_MESSAGE)
    return RunState(job.status, job.progress, job.message)


def split_under_way(run: ThemeRun) -> SplitJob | None:
    """The run's split still waiting or running, if any (one whose worker vanished does not count)."""
    waiting = db.session.scalars(
        sa.select(SplitJob).where(SplitJob.run_id == run.id,
                                  SplitJob.status.in_([RunStatus.QUEUED, RunStatus.RUNNING]))
        .order_by(SplitJob.id.desc())
    )
    return next((job for job in waiting if not jobs.is_stale(job)), None)


def merge_targets(run: ThemeRun, theme: Theme) -> list[Theme]:
    """Themes an answer can move (or a theme merge) into: the run's other themes still shown, by name."""
    return sorted((t for t in run.themes if t.id != theme.id and not t.retired and not t.hidden),
                  key=lambda t: t.label.casefold())


@dataclass
class ThemeAnswers:
    """A page of the answers in one theme, best-fitting first: (answer id, text, score, sentiment,
    language, source, response public id) per row."""

    rows: list[tuple[Any, ...]]
    total: int
    page: int
    pages: int


def theme_answers(run: ThemeRun, theme: Theme, page: int) -> ThemeAnswers:
    """The ``page``-th page of a theme's answers (the last page when ``page`` is past it: a move may
    have emptied the page a person was on)."""
    base = (
        sa.select(Answer.id, Answer.value_text, ThemeAssignment.score, ThemeAssignment.sentiment,
                  Response.language, Response.source, Response.public_id)
        .join(ThemeAssignment, ThemeAssignment.answer_id == Answer.id)
        .join(Response, Response.id == Answer.response_id)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id == theme.id)
    )
    total = db.session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(pages, max(1, page))
    rows = db.session.execute(
        base.order_by(ThemeAssignment.score.desc().nulls_last(), Answer.id)
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    return ThemeAnswers([tuple(row) for row in rows], total, page, pages)


def runs_waiting() -> int:
    """Theme runs and splits queued and not yet stale, across Chorus: what a new run would wait behind."""
    since = utcnow() - timedelta(seconds=current_app.config["JOB_TIMEOUT"])
    return sum(db.session.scalar(sa.select(sa.func.count(model.id)).where(
        model.status == RunStatus.QUEUED, model.created_at > since)) or 0 for model in (ThemeRun, SplitJob))
