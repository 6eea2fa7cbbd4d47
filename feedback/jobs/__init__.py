"""Background jobs: theme runs and theme splits, in-process by default, on RQ workers when ``REDIS_URL``
is set, inside the caller with ``JOBS_INLINE``.

- :mod:`~feedback.jobs.queue`: where a job goes, and that it goes only once the caller's transaction
  commits; when a job is too old to wait for.
- :mod:`~feedback.jobs.theme_run`: finding a question's themes and storing them on the run.
- :mod:`~feedback.jobs.split`: splitting one theme into smaller ones.

Each job is followed by a stored row (a run, a split job) with a status, progress and message, so its
page can show how it is doing and a worker on another host needs nothing but the database.

Tests that stand in for a queue or a step patch the module that uses it (``feedback.jobs.queue.enqueue``,
``feedback.jobs.theme_run._find_themes``): the names here are re-exports.
"""

from .queue import JobKind, is_stale, queue_after_commit, wait_for_local_jobs
from .split import SPLIT, execute_split, run_split_job, start_split
from .split import STALE_MESSAGE as SPLIT_STALE_MESSAGE
from .theme_run import (
    STALE_MESSAGE,
    THEME_RUN,
    answers_frame,
    execute_theme_run,
    run_theme_job,
    start_theme_run,
    store_result,
)

__all__ = [
    "SPLIT",
    "SPLIT_STALE_MESSAGE",
    "STALE_MESSAGE",
    "THEME_RUN",
    "JobKind",
    "answers_frame",
    "execute_split",
    "execute_theme_run",
    "is_stale",
    "queue_after_commit",
    "run_split_job",
    "run_theme_job",
    "start_split",
    "start_theme_run",
    "store_result",
    "wait_for_local_jobs",
]
