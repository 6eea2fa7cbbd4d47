"""Analysis jobs: in-process by default, RQ workers on Redis when ``REDIS_URL`` is set.

A job only receives a run id; it reads answers from the database, runs the theme engine, and stores
the result (themes, one assignment per answer, parameters, snapshot counts) on the run, so reports
render from stored results and a worker on another host needs nothing but the database.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC
from typing import Any

import pandas as pd
import sqlalchemy as sa
from flask import Flask, current_app

from surveys.models import Answer, Question, Response, Survey, Wave, utcnow

from .curation import carry_over
from .extensions import db
from .models import RunStatus, Theme, ThemeAssignment, ThemeRun
from .reports import refresh_report_cache

log = logging.getLogger(__name__)

QUEUE_NAME = "chorus-analysis"
# Rough number of progress messages the engine sends; progress is their count over this.
_ENGINE_STEPS = 8
_executor: ThreadPoolExecutor | None = None


def start_theme_run(survey: Survey, question: Question, wave: Wave | None, user_id: int | None,
                    parameters: dict[str, Any] | None = None) -> ThemeRun:
    """Create a queued run (committed, so a worker elsewhere can see it) and hand it to a queue."""
    run = ThemeRun(survey=survey, question=question, wave=wave, created_by_id=user_id,
                   parameters=dict(parameters or {}), message="Waiting for a worker")
    db.session.add(run)
    db.session.commit()
    try:
        enqueue(run.id)
    except Exception as error:
        log.exception("could not queue theme run %s", run.id)
        db.session.rollback()
        run.status = RunStatus.FAILED
        run.message = f"The analysis could not be queued ({type(error).__name__}); try again shortly."
        run.finished_at = utcnow()
        db.session.commit()
    return run


def expire_if_stale(run: ThemeRun) -> bool:
    """Mark a run failed when it has waited or run longer than ``JOB_TIMEOUT`` (a worker stopped, or the
    web process restarted with the run in its queue), so no page waits forever. Returns whether it did."""
    if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        return False
    created = run.created_at if run.created_at.tzinfo else run.created_at.replace(tzinfo=UTC)
    if (utcnow() - created).total_seconds() <= current_app.config.get("JOB_TIMEOUT", 3600):
        return False
    run.status = RunStatus.FAILED
    run.message = "The analysis did not finish in time (its worker may have stopped). Start it again."
    run.finished_at = utcnow()
    return True


def enqueue(run_id: int) -> Future | Any:
    """Send the run to RQ when Redis is configured, else to this process's single worker thread
    (or, with ``JOBS_INLINE``, run it before returning: for tests and scripts)."""
    app = current_app._get_current_object()
    if app.config.get("JOBS_INLINE"):
        execute_theme_run(run_id)
        return None
    redis_url = app.config.get("REDIS_URL")
    if redis_url:
        from redis import Redis
        from rq import Queue

        queue = Queue(QUEUE_NAME, connection=Redis.from_url(redis_url))
        return queue.enqueue(run_theme_job, run_id, job_timeout=app.config.get("JOB_TIMEOUT", 3600))
    global _executor
    if _executor is None:
        # One thread: runs are CPU-bound, and SQLite has one writer anyway.
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chorus-jobs")
    return _executor.submit(_run_in_app, app, run_id)


def wait_for_local_jobs(timeout: float = 120.0) -> None:
    """Block until this process's worker thread has finished what was queued before the call."""
    if _executor is not None:
        _executor.submit(lambda: None).result(timeout=timeout)


def _run_in_app(app: Flask, run_id: int) -> None:
    with app.app_context():
        try:
            execute_theme_run(run_id)
        finally:
            db.session.remove()


def run_theme_job(run_id: int) -> None:
    """RQ entry point: a worker process builds its own app from the environment.

    RQ runs each job in a fresh fork, so the app and its connections live only as long as the job;
    the engine is disposed so no connection outlives it.
    """
    from . import create_app

    app = create_app()
    try:
        _run_in_app(app, run_id)
    finally:
        with app.app_context():
            db.engine.dispose()


def execute_theme_run(run_id: int) -> None:
    """Run the theme engine for a stored run and store its result; failures are recorded, not lost."""
    run = db.session.get(ThemeRun, run_id)
    if run is None or run.status is not RunStatus.QUEUED:
        return
    run.status = RunStatus.RUNNING
    run.message = "Reading answers"
    db.session.commit()
    try:
        frame = answers_frame(run.question_id, run.wave_id)
        result = _find_themes(run, frame)
        store_result(run, frame, result)
        skipped = carry_over(run)
        refresh_report_cache(run)  # the protected numbers, kept so report pages never compute or write them
        run.status = RunStatus.FINISHED
        run.progress = 1.0
        run.message = f"Found {sum(not (t.other or t.retired) for t in run.themes)} themes in {len(frame):,} answers"
        if skipped:
            run.message += ". Some earlier curation no longer applies: " + "; ".join(skipped)
        run.finished_at = utcnow()
        db.session.commit()
    except Exception as error:
        db.session.rollback()
        log.exception("theme run %s failed", run_id)
        run = db.session.get(ThemeRun, run_id)
        run.status = RunStatus.FAILED
        run.message = f"The analysis failed: {error}"
        run.finished_at = utcnow()
        db.session.commit()


def answers_frame(question_id: int, wave_id: int | None) -> pd.DataFrame:
    """Every answer to a question (in one wave or all), with the response facts breakdowns need."""
    query = (
        sa.select(Answer.id.label("answer_id"), Answer.response_id, Answer.value_text.label("text"),
                  Response.language, Response.source, Answer.wave_id)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.question_id == question_id, Answer.value_text.is_not(None))
        .order_by(Answer.id)
    )
    if wave_id is not None:
        query = query.where(Answer.wave_id == wave_id)
    rows = db.session.execute(query).all()
    return pd.DataFrame(rows, columns=["answer_id", "response_id", "text", "language", "source", "wave_id"])


def _find_themes(run: ThemeRun, frame: pd.DataFrame):
    from analysis import find_themes

    seen = 0

    def progress(message: str) -> None:
        nonlocal seen
        seen += 1
        run.progress = min(0.95, seen / _ENGINE_STEPS)
        run.message = message
        db.session.commit()

    params = {key: run.parameters[key] for key in ("k", "random_state") if run.parameters.get(key) is not None}
    params.setdefault("random_state", 0)
    if current_app.config.get("THEMES_REPRESENTATION"):
        params["representation"] = current_app.config["THEMES_REPRESENTATION"]
    return find_themes(frame["text"].tolist(), progress=progress, **params)


def store_result(run: ThemeRun, frame: pd.DataFrame, result) -> None:
    """Persist themes and one assignment per answer (bulk insert: 100,000 rows in seconds)."""
    from analysis import OTHER_THEME_ID

    themes: dict[int, Theme] = {}
    for position, found in enumerate(result.themes):
        label = "Other answers" if found.id == OTHER_THEME_ID else found.label
        theme = Theme(run=run, position=position, engine_label=label, label=label, terms=found.terms,
                      size=found.size, sentiment=found.sentiment, quotes=found.quotes,
                      other=found.id == OTHER_THEME_ID)
        db.session.add(theme)
        themes[found.id] = theme
    db.session.flush()

    assignments = result.assignments
    answer_ids = frame["answer_id"].to_numpy()
    rows = []
    for item in assignments.itertuples(index=False):
        theme = None if pd.isna(item.theme) else themes.get(int(item.theme))
        second = None if pd.isna(item.second_theme) else themes.get(int(item.second_theme))
        rows.append({
            "run_id": run.id,
            "answer_id": int(answer_ids[int(item.row)]),
            "theme_id": theme.id if theme else None,
            "engine_theme_id": theme.id if theme else None,
            "second_theme_id": second.id if second else None,
            "score": None if pd.isna(item.score) else float(item.score),
            "sentiment": None if pd.isna(item.sentiment) else float(item.sentiment),
            "reason": None if pd.isna(item.reason) else str(item.reason),
        })
    if rows:
        db.session.execute(sa.insert(ThemeAssignment), rows)
    parameters = dict(run.parameters)
    parameters.update({key: value for key, value in result.parameters.items() if key != "non_answer_reasons"})
    run.parameters = parameters
    run.snapshot = {
        "answers": len(frame),
        "answered": int(assignments["theme"].notna().sum()),
        "non_answers": int(assignments["theme"].isna().sum()),
        "languages": {str(k): int(v) for k, v in frame["language"].value_counts().items()},
    }
