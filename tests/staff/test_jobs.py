"""Theme runs leave the request: a worker thread by default, RQ workers on Redis when configured."""

import os
from datetime import UTC
from urllib.parse import quote

import pytest

from feedback import jobs
from feedback.models import RunStatus, ThemeRun
from surveys.db import db
from tests.staff.conftest import DEMO_ADMIN, THEMES_CONFIG, demo_with_admin, sign_in

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")
START = "/staff/surveys/healthcare-career-seekers/questions/what_would_help/themes"




@pytest.fixture
def app_config(app_config):
    return {**app_config, **THEMES_CONFIG}


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    return demo_with_admin(test_database)


@pytest.fixture
def staff(app):
    client = app.test_client()
    sign_in(client, DEMO_ADMIN)
    return client


def latest_run(app) -> ThemeRun:
    with app.app_context():
        run = db.session.scalar(db.select(ThemeRun).order_by(ThemeRun.id.desc()))
        db.session.expunge(run)
        return run


def test_request_returns_at_once_and_the_thread_finishes_the_run(app, staff):
    response = staff.post(START, data={"wave": ""})
    assert response.status_code == 302
    page = staff.get(response.headers["Location"])
    if page.status_code == 200:  # still queued or running: the page says so and refreshes itself
        assert 'http-equiv="refresh"' in page.get_data(as_text=True)
    jobs.wait_for_local_jobs()
    run = latest_run(app)
    assert run.status is RunStatus.FINISHED, run.message
    assert run.snapshot["answers"] > 0 and run.parameters["representation"]
    assert staff.get(f"/staff/runs/{run.public_id}").status_code == 302  # now redirects to its report


def test_a_failing_run_is_recorded_with_its_reason(app, staff, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(jobs.theme_run, "_find_themes", broken)
    staff.post(START, data={"wave": ""})
    jobs.wait_for_local_jobs()
    run = latest_run(app)
    assert run.status is RunStatus.FAILED and "engine exploded" in run.message
    assert "engine exploded" in staff.get(f"/staff/runs/{run.public_id}").get_data(as_text=True)


@pytest.mark.skipif(not TEST_REDIS_URL, reason="set TEST_REDIS_URL to run jobs on a real Redis")
def test_run_goes_to_redis_and_an_rq_worker_completes_it(app, staff, database, monkeypatch, tmp_path):
    from redis import Redis
    from rq import Queue, SimpleWorker

    app.config["REDIS_URL"] = TEST_REDIS_URL
    # A queue of this test process's own: parallel test workers share the Redis database.
    app.config["RQ_QUEUE"] = f"chorus-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    connection = Redis.from_url(TEST_REDIS_URL)
    queue = Queue(app.config["RQ_QUEUE"], connection=connection)
    queue.empty()
    staff.post(START, data={"wave": ""})
    assert queue.count == 1
    assert latest_run(app).status is RunStatus.QUEUED

    # The worker builds its own app from the environment, as `chorus worker` does on another host.
    url = database.url
    search_path = database.engine_options.get("connect_args", {}).get("options")
    if search_path:
        url += ("&" if "?" in url else "?") + "options=" + quote(search_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SECRET_KEY", "worker")
    monkeypatch.setenv("CHORUS_INSTANCE_PATH", str(tmp_path / "worker"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    SimpleWorker([queue], connection=connection).work(burst=True)

    run = latest_run(app)
    assert run.status is RunStatus.FINISHED, run.message
    assert queue.count == 0


def test_a_failure_after_the_engine_ran_is_recorded_too(app, staff, monkeypatch):
    def broken(run):
        raise RuntimeError("report tables exploded")

    monkeypatch.setattr(jobs.theme_run, "refresh_report_cache", broken)
    staff.post(START, data={"wave": ""})
    jobs.wait_for_local_jobs()
    run = latest_run(app)
    assert run.status is RunStatus.FAILED and "report tables exploded" in run.message


def test_a_run_that_cannot_be_queued_fails_at_once(app, staff, monkeypatch):
    def unreachable(kind, job_id):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(jobs.queue, "enqueue", unreachable)
    response = staff.post(START, data={"wave": ""})
    run = latest_run(app)
    assert run.status is RunStatus.FAILED and "could not be queued" in run.message
    assert "could not be queued" in staff.get(response.headers["Location"]).get_data(as_text=True)


def test_a_run_whose_worker_vanished_stops_waiting(app, staff):
    from datetime import datetime, timedelta

    with app.app_context():
        from surveys.models import Question

        question = db.session.scalar(db.select(Question).where(Question.key == "what_would_help"))
        run = ThemeRun(survey_id=question.survey_id, question_id=question.id,
                       created_at=datetime.now(UTC) - timedelta(hours=2))
        db.session.add(run)
        db.session.commit()
        public_id = run.public_id
    page = staff.get(f"/staff/runs/{public_id}").get_data(as_text=True)
    assert "did not finish in time" in page and 'http-equiv="refresh"' not in page


def test_staff_can_ask_for_a_number_of_themes(app, staff):
    app.config["JOBS_INLINE"] = True
    staff.post(START, data={"wave": "", "k": "4"})
    run = latest_run(app)
    assert run.status is RunStatus.FINISHED
    assert run.parameters["k"] == 4 and run.parameters["n_themes"] <= 4
