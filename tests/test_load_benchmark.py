"""The load benchmark's bookkeeping (``benchmarks/load.py``): its reconciliation tells lost, duplicated and
unasked-for responses apart, and its client's API and web-form submissions, retries included, reconcile
exactly against a served Chorus. The timed runs stay in the benchmark; this serves the app from a thread
for a dozen submissions."""

from __future__ import annotations

import asyncio
import threading

import pytest
from werkzeug.serving import make_server

from benchmarks.load import Submission, exercise, reconcile, stored_responses
from benchmarks.load_survey import build_survey
from surveys.db import db

aiohttp = pytest.importorskip("aiohttp")


def api(marker: str, acknowledged: str | None) -> Submission:
    return Submission("api", marker, acknowledged_id=acknowledged)


def test_reconciliation_counts_what_went_wrong():
    submissions = [api("a", "id-a"), api("b", "id-b"), api("c", "id-c"), api("d", None),
                   Submission("web", "w", acknowledged_id="thanks"), api("e", "id-e")]
    stored = [("a", "id-a"), ("b", "id-b"), ("b", "id-b2"),  # b stored twice
              ("d", "id-d"),  # d sent, its answer lost on the way back, stored: allowed
              ("w", "id-w"), ("e", "id-other"),  # e answered an id that is not the one stored
              ("stranger", "id-s"), (None, "id-n")]  # nobody sent these
    result = reconcile(submissions, stored)
    assert (result.submitted, result.acknowledged, result.stored) == (6, 5, 8)
    assert result.lost == 2  # c never stored; e stored under another id
    assert result.duplicated == 3  # b's second copy, the stranger, the unmarked one
    assert result.unacknowledged_stored == 1


def test_a_clean_run_reconciles_to_zero():
    submissions = [api("a", "id-a"), Submission("web", "w", acknowledged_id="thanks")]
    result = reconcile(submissions, [("a", "id-a"), ("w", "id-w")])
    assert (result.lost, result.duplicated, result.stored) == (0, 0, 2)


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_SUBMIT": "100000 per minute", "SESSION_COOKIE_SECURE": False}


def test_submissions_through_a_served_app_are_stored_exactly_once(app):
    with app.app_context():
        slug = build_survey(slug="load")
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        phase = asyncio.run(exercise(f"http://127.0.0.1:{server.server_port}", slug, api=8, web=3, replay_share=0.5))
    finally:
        server.shutdown()
        thread.join(timeout=10)
    with app.app_context():
        result = reconcile(phase.submissions, stored_responses(db.engine, slug))
    assert phase.statuses[500] == 0 and phase.failures == 0
    assert (result.submitted, result.acknowledged, result.stored) == (11, 11, 11)
    assert (result.lost, result.duplicated) == (0, 0)
    assert not any(s.replay_mismatch for s in phase.submissions)
