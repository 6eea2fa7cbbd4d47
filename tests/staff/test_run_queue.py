"""A theme run reaches a worker only once it is stored: starting one never commits, the queue hears of
it when the caller's transaction commits, and a transaction rolled back queues nothing."""

from __future__ import annotations

import pytest

from feedback import jobs
from feedback.models import RunStatus, ThemeRun
from tests import factories


@pytest.fixture
def queued(app, db, monkeypatch) -> list[tuple[int, RunStatus | None]]:
    """Runs handed to the queue, with the status a worker (its own app context and session) read then."""
    handed: list[tuple[int, RunStatus | None]] = []

    def enqueue(kind: jobs.JobKind, run_id: int) -> None:
        with app.app_context():
            handed.append((run_id, db.session.scalar(db.select(ThemeRun.status).where(ThemeRun.id == run_id))))

    monkeypatch.setattr(jobs.queue, "enqueue", enqueue)
    return handed


def start(db) -> ThemeRun:
    survey = factories.survey()
    db.session.commit()
    return jobs.start_theme_run(survey, survey.questions[0], None, None)


def test_the_queue_hears_of_a_run_after_the_commit_and_a_worker_can_read_it(db, queued):
    run = start(db)
    assert queued == []
    db.session.commit()
    assert queued == [(run.id, RunStatus.QUEUED)]


def test_a_rolled_back_run_is_never_queued(db, queued):
    start(db)
    db.session.rollback()
    db.session.commit()  # a later commit of other work does not queue the forgotten run
    assert queued == []


def test_a_queue_that_refuses_fails_the_run_at_once(app, db, monkeypatch):
    def unreachable(kind: jobs.JobKind, run_id: int) -> None:
        raise ConnectionError("redis is down")

    monkeypatch.setattr(jobs.queue, "enqueue", unreachable)
    run = start(db)
    db.session.commit()
    db.session.refresh(run)
    assert run.status is RunStatus.FAILED and "could not be queued" in run.message
