"""Where background jobs go: this process's worker thread by default, RQ workers on Redis when
``REDIS_URL`` is set, or nowhere with ``JOBS_INLINE`` (tests and scripts carry the job out inside the
caller's transaction; each kind of job does that itself).

A job is a stored row that follows it (a :class:`~feedback.models.ThemeRun`, a
:class:`~feedback.models.SplitJob`) and a worker function that receives only its id, so a worker on
another host needs nothing but the database. Adding a job never commits: the caller's transaction
stores the row, and only once it commits (a session ``after_commit`` hook) is the job handed to the
queue — a worker never looks for a row that is not stored yet, and a request that fails queues nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from flask import Flask, current_app, has_app_context
from flask_sqlalchemy.session import Session
from sqlalchemy import event
from sqlalchemy.orm import SessionTransaction

from surveys.models import utcnow

from ..extensions import db
from ..models import RunStatus, SplitJob, ThemeRun

log = logging.getLogger(__name__)

_PENDING = "chorus.pending_jobs"  # key in Session.info: (kind, id) of jobs to queue once the session commits
_executor: ThreadPoolExecutor | None = None

Tracked = ThemeRun | SplitJob
"""The rows that follow a job: a status, a progress, a message, when it was asked for and finished."""


@dataclass(frozen=True)
class JobKind:
    """One kind of background job: the table that follows it and the functions that carry it out."""

    name: str
    """What people call it, in messages: "analysis", "split"."""
    model: type[ThemeRun | SplitJob]
    work: Callable[[int], None]
    """Carries out one stored job inside an app context, committing its progress as it goes."""
    entry: Callable[[int], None]
    """The same for an RQ worker: a module-level function (RQ imports it by name) that builds its own app."""


def submit(kind: JobKind, job: Tracked, run_inline: Callable[[Tracked], None]) -> None:
    """Store a new job (flushed, not committed) and hand it on: with ``JOBS_INLINE`` it is done now,
    inside the caller's transaction; otherwise it goes to a queue once the caller commits."""
    db.session.add(job)
    db.session.flush()
    if current_app.config["JOBS_INLINE"]:
        run_inline(job)
    else:
        queue_after_commit(kind, job.id)


def queue_after_commit(kind: JobKind, job_id: int) -> None:
    """Hand a job (its row added and flushed) to the queue once the current transaction commits."""
    db.session.info.setdefault(_PENDING, []).append((kind, job_id))


@event.listens_for(Session, "after_commit")
def _dispatch_committed_jobs(session: Session) -> None:
    """Queue the jobs the transaction just committed (the session may not run SQL here; the jobs and
    any failure to queue use sessions of their own)."""
    pending = session.info.pop(_PENDING, [])
    if not pending or not has_app_context():
        return
    app = current_app._get_current_object()
    for kind, job_id in pending:
        try:
            enqueue(kind, job_id)
        except Exception as error:
            log.exception("could not queue %s job %s", kind.name, job_id)
            _record_queue_failure(app, kind, job_id, error)


@event.listens_for(Session, "after_transaction_end")
def _forget_uncommitted_jobs(session: Session, transaction: SessionTransaction) -> None:
    """A rolled-back job was never stored: nothing to queue."""
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def _record_queue_failure(app: Flask, kind: JobKind, job_id: int, error: Exception) -> None:
    with app.app_context():
        job = db.session.get(kind.model, job_id)
        if job is not None:
            fail(job, f"The {kind.name} could not be queued ({type(error).__name__}); try again shortly.")
            db.session.commit()


def fail(job: Tracked, message: str) -> None:
    """Mark a job failed with the reason its page shows."""
    job.status = RunStatus.FAILED
    job.message = message
    job.finished_at = utcnow()


def is_stale(job: Tracked) -> bool:
    """Whether a job has waited or run longer than ``JOB_TIMEOUT`` (a worker stopped, or the web process
    restarted with the job in its queue): pages show it as failed rather than wait forever."""
    if job.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        return False
    created = job.created_at if job.created_at.tzinfo else job.created_at.replace(tzinfo=UTC)
    return (utcnow() - created).total_seconds() > current_app.config["JOB_TIMEOUT"]


def enqueue(kind: JobKind, job_id: int) -> Future | Any:
    """Send a committed job to RQ when Redis is configured, else to this process's single worker thread."""
    app = current_app._get_current_object()
    redis_url = app.config.get("REDIS_URL")
    if redis_url:
        from redis import Redis
        from rq import Queue

        queue = Queue(app.config["RQ_QUEUE"], connection=Redis.from_url(redis_url))
        return queue.enqueue(kind.entry, job_id, job_timeout=app.config["JOB_TIMEOUT"])
    global _executor
    if _executor is None:
        # One thread: jobs are CPU-bound, and SQLite has one writer anyway.
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chorus-jobs")
    return _executor.submit(_run_in_app, app, kind.work, job_id)


def wait_for_local_jobs(timeout: float = 120.0) -> None:
    """Block until this process's worker thread has finished what was queued before the call."""
    if _executor is not None:
        _executor.submit(lambda: None).result(timeout=timeout)


def _run_in_app(app: Flask, work: Callable[[int], None], job_id: int) -> None:
    with app.app_context():
        try:
            work(job_id)
        finally:
            db.session.remove()


def run_in_own_app(work: Callable[[int], None], job_id: int) -> None:
    """What an RQ entry point does: build an app from the environment and carry out the job in it.

    RQ runs each job in a fresh fork, so the app and its connections live only as long as the job;
    the engine is disposed so no connection outlives it.
    """
    from .. import create_app

    app = create_app()
    try:
        _run_in_app(app, work, job_id)
    finally:
        with app.app_context():
            db.engine.dispose()
