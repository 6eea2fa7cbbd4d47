"""Splitting a theme into smaller ones, as a background job.

A split runs the theme engine again over one theme's answers and re-describes every theme of the run,
which takes too long for a web request. The request adds a :class:`~feedback.models.SplitJob` (never
committing); the queue hands it to a worker once the request commits, and the worker applies the split
exactly as curation does (:func:`feedback.curation.record_asked`: the step is kept for later runs, the
audit line names who asked, the report's protected numbers are refreshed), then marks the job finished
with the theme the report opens at, or failed with the reason. With ``JOBS_INLINE`` the split is done
before :func:`start_split` returns, in the caller's transaction.
"""

from __future__ import annotations

import logging

from surveys.models import utcnow

from ..curation import CurationError, record_asked
from ..extensions import db
from ..models import CurationKind, RunStatus, SplitJob, Theme, ThemeRun
from . import queue
from .queue import fail, is_stale

log = logging.getLogger(__name__)

STALE_MESSAGE = "The split did not finish in time (its worker may have stopped). Ask for it again."


def start_split(run: ThemeRun, theme: Theme, user_id: int | None) -> SplitJob:
    """Add a queued split of ``theme`` to the session (flushed, not committed); it goes to a queue once
    the caller commits. With ``JOBS_INLINE`` it is done before this returns, in the caller's transaction."""
    job = SplitJob(run=run, theme=theme, label=theme.label, requested_by_id=user_id,
                   message="Waiting for a worker")
    queue.submit(SPLIT, job, _execute_inline)
    return job


def run_split_job(job_id: int) -> None:
    """RQ entry point: a worker process builds its own app from the environment."""
    queue.run_in_own_app(execute_split, job_id)


def execute_split(job_id: int) -> None:
    """A worker's job: split the theme and record the outcome; failures are recorded with their reason."""
    job = db.session.get(SplitJob, job_id)
    if job is None or job.status is not RunStatus.QUEUED:
        return
    if is_stale(job):  # its page already says it failed; the theme may have been split again since
        fail(job, STALE_MESSAGE)
        db.session.commit()
        return
    _begin(job)
    db.session.commit()
    try:
        _split(job)
        db.session.commit()
    except CurationError as refused:  # too few answers, nothing to separate: the person's answer
        db.session.rollback()
        fail(db.session.get(SplitJob, job_id), str(refused))
        db.session.commit()
    except Exception as error:
        db.session.rollback()
        log.exception("split job %s failed", job_id)
        fail(db.session.get(SplitJob, job_id), f"The split failed: {error}")
        db.session.commit()


def _execute_inline(job: SplitJob) -> None:
    """``JOBS_INLINE``: split now, inside the caller's transaction (the caller's commit stores the job
    and the split together); a failure is recorded on the job and the split rolled back to a savepoint."""
    _begin(job)
    try:
        with db.session.begin_nested():
            _split(job)
    except CurationError as refused:
        fail(job, str(refused))
    except Exception as error:
        log.exception("split job %s failed", job.id)
        fail(job, f"The split failed: {error}")
    db.session.flush()


def _begin(job: SplitJob) -> None:
    job.status = RunStatus.RUNNING
    job.progress = 0.1
    job.message = f"Finding smaller themes among the answers in “{job.label}”"


def _split(job: SplitJob) -> None:
    """Apply the split as the person asked for it, and note where the report opens."""
    run, theme = job.run, job.theme
    if theme.retired or run.status is not RunStatus.FINISHED:
        raise CurationError(f"“{job.label}” was merged or split away before its split began; nothing was split.")
    parts = record_asked(run, CurationKind.SPLIT, theme, user_id=job.requested_by_id)
    job.largest_part = parts[0] if parts else None
    job.status = RunStatus.FINISHED
    job.progress = 1.0
    job.message = f"“{job.label}” split into {len(parts)} themes; this is the largest."
    job.finished_at = utcnow()


SPLIT = queue.JobKind(name="split", model=SplitJob, work=execute_split, entry=run_split_job)
"""Theme splits, as the queue knows them."""
