"""Two identical submissions racing each other store one response (the unique constraint decides)."""

from __future__ import annotations

import threading

import pytest

import surveys.responses
from surveys.models import Response
from tests.surveys.helpers import make_survey

URL = "/api/v1/surveys/every-type/responses"
ANSWERS = {"goal": "job", "barriers": ["bus"], "story": "Late buses"}


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def race(app, count: int, headers: dict) -> list:
    """Send ``count`` identical submissions at the same moment, each on its own connection."""
    barrier = threading.Barrier(count)
    replies: list = [None] * count

    def send(index: int) -> None:
        with app.app_context():
            client = app.test_client()
            barrier.wait()
            replies[index] = client.post(URL, json={"answers": ANSWERS}, headers=headers)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return replies


def stored(db) -> int:
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count(Response.id)))


def test_concurrent_identical_submissions_store_one_response(app, db, survey):
    replies = race(app, 6, {"Idempotency-Key": "tablet-3-17"})
    assert [r.status_code for r in replies] == [201] * 6
    assert len({r.get_json()["id"] for r in replies}) == 1
    assert stored(db) == 1


def test_losing_the_race_at_the_constraint_returns_the_winner(app, db, survey, monkeypatch):
    """Force both requests past the "already stored?" check, so the database constraint must decide."""
    real = surveys.responses.find_by_idempotency_key
    both_checked = threading.Barrier(2)
    calls = threading.local()

    def late_check(survey_, key):
        found = real(survey_, key)
        if not getattr(calls, "seen", False):  # each thread's first check misses, as in a real race
            calls.seen = True
            try:
                both_checked.wait(timeout=5)
            except threading.BrokenBarrierError:
                pass
            return None
        return found

    monkeypatch.setattr(surveys.responses, "find_by_idempotency_key", late_check)
    monkeypatch.setattr("feedback.api.routes.find_by_idempotency_key", lambda s, k: None)
    replies = race(app, 2, {"Idempotency-Key": "phone-retry"})
    assert [r.status_code for r in replies] == [201, 201]
    assert replies[0].get_json()["id"] == replies[1].get_json()["id"]
    assert stored(db) == 1


def test_without_a_key_each_submission_is_its_own_response(app, db, survey):
    replies = race(app, 3, {})
    assert len({r.get_json()["id"] for r in replies}) == 3
    assert stored(db) == 3
