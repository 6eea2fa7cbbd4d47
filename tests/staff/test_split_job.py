"""Splitting a theme leaves the request: the split is a background job whose page shows its progress,
opens the report at the largest part when done, and says why when it could not split."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlsplit

import pytest

from feedback import curation, jobs
from feedback.accounts import add_user
from feedback.models import (
    AuditEvent,
    CurationKind,
    CurationStep,
    Role,
    RunStatus,
    SplitJob,
    Theme,
    ThemeAssignment,
    ThemeRun,
    User,
)
from surveys.db import db
from surveys.models import Partnership, Survey
from tests import factories
from tests.staff.conftest import PASSWORD, sign_in

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")
SURVEY = "healthcare-career-seekers"
QUESTION = "what_would_help"
REPORT = f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report"
ADMIN, GUEST, AWAY = "lead@demo.example", "guest@demo.example", "admin@away.example"

CONFIG = {"THEMES_REPRESENTATION": "tfidf"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


def people_and_a_run(app, partnership_slug: str) -> str:
    """An admin, a partner of another organization than the survey's (reads its reports, manages
    nothing), an admin of another partnership, and a finished run of QUESTION; returns the run's id."""
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == partnership_slug))
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == SURVEY))
        elsewhere = next(org for org in partnership.organizations if org.id != survey.organization_id)
        add_user(ADMIN, partnership, Role.ADMIN, PASSWORD)
        add_user(GUEST, partnership, Role.PARTNER, PASSWORD, elsewhere)
        add_user(AWAY, factories.partnership(slug="away-p", name="Away Partnership"), Role.ADMIN, PASSWORD)
        question = next(q for q in survey.questions if q.key == QUESTION)
        run = jobs.start_theme_run(survey, question, None, None)
        assert run.status is RunStatus.FINISHED, run.message
        db.session.commit()
        public_id = run.public_id
        db.session.remove()
    return public_id


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    """The demo (seed 5, 0.3 size) with its people and one finished run, built once; each test a copy."""
    demo = test_database.demo(seed=5, scale=0.3)
    return test_database.snapshot(f"demo seed 5 scale 0.3, split people, a {QUESTION} run",
                                  lambda app: people_and_a_run(app, demo.value), base=demo,
                                  config={**CONFIG, "JOBS_INLINE": True})


@pytest.fixture
def run(database_snapshot) -> str:
    return database_snapshot.value


def client_of(app, email: str):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


@pytest.fixture
def staff(app):
    return client_of(app, ADMIN)


def largest_themes(app, run: str) -> list[tuple[int, str]]:
    """(id, label) of the run's shown themes, largest first ("Other answers" apart)."""
    with app.app_context():
        themes = db.session.scalars(db.select(Theme).join(ThemeRun).where(
            ThemeRun.public_id == run, Theme.retired.is_(False), Theme.other.is_(False))
            .order_by(Theme.size.desc())).all()
        return [(theme.id, theme.label) for theme in themes]


def latest_split(app) -> SplitJob:
    with app.app_context():
        job = db.session.scalar(db.select(SplitJob).order_by(SplitJob.id.desc()))
        db.session.expunge(job)
        return job


def split(client, run: str, theme_id: int):
    return client.post(f"/staff/runs/{run}/themes/{theme_id}/split")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


@pytest.fixture
def held(monkeypatch) -> list[tuple[str, int]]:
    """A queue no worker reads: jobs handed to it stay queued (kind, id)."""
    handed: list[tuple[str, int]] = []
    monkeypatch.setattr(jobs.queue, "enqueue", lambda kind, job_id: handed.append((kind.name, job_id)))
    return handed


def test_the_request_returns_at_once_and_the_thread_splits_the_theme(app, staff, run):
    theme_id, label = largest_themes(app, run)[0]
    response = split(staff, run, theme_id)
    job = latest_split(app)
    assert response.headers["Location"] == f"/staff/splits/{job.public_id}"
    page = staff.get(response.headers["Location"])
    if page.status_code == 200:  # still waiting or splitting: the page says so and refreshes itself
        assert f"Splitting “{label}” into smaller themes…" in text_of(page)
        assert 'http-equiv="refresh"' in page.get_data(as_text=True)
    jobs.wait_for_local_jobs()

    job = latest_split(app)
    assert job.status is RunStatus.FINISHED, job.message
    done = staff.get(f"/staff/splits/{job.public_id}")
    assert done.headers["Location"] == f"{REPORT}#t{job.largest_part_id}"
    report = text_of(staff.get(done.headers["Location"]))
    assert re.search(f"“{re.escape(label)}” split into \\d+ themes; this is the largest.", report)
    assert theme_id not in dict(largest_themes(app, run)) and job.largest_part_id in dict(largest_themes(app, run))
    with app.app_context():  # kept for later runs, and audited as the admin's, as a split always was
        admin = db.session.scalar(db.select(User.id).where(User.email == ADMIN))
        assert db.session.scalar(db.select(CurationStep.kind).order_by(CurationStep.id.desc())) is CurationKind.SPLIT
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "theme.split"))
        assert event.user_id == admin and event.details["label"] == label


def test_inline_the_split_is_done_before_the_request_returns(app, staff, run):
    app.config["JOBS_INLINE"] = True
    theme_id, label = largest_themes(app, run)[0]
    response = split(staff, run, theme_id)
    job = latest_split(app)
    assert job.status is RunStatus.FINISHED and job.label == label
    assert response.headers["Location"] == f"{REPORT}#t{job.largest_part_id}"
    assert "this is the largest." in text_of(staff.get(response.headers["Location"]))


def test_a_waiting_split_shows_its_progress_and_refuses_a_second(app, staff, run, held):
    (first, label), (second, _) = largest_themes(app, run)[:2]
    page = staff.get(split(staff, run, first).headers["Location"])
    assert held == [("split", latest_split(app).id)]
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'http-equiv="refresh"' in html and "<progress" in html
    assert f"Splitting “{label}” into smaller themes…" in text_of(page) and "Waiting for a worker" in text_of(page)

    refused = split(staff, run, second)
    assert refused.headers["Location"] == f"{REPORT}#t{second}"
    assert f"“{label}” is still being split" in text_of(staff.get(refused.headers["Location"]))
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(SplitJob)) == 1
    assert held == [("split", latest_split(app).id)]


def few_answers(app, run: str) -> tuple[int, str]:
    """A theme left with three answers (the others moved to the largest theme): too few to split."""
    (largest, _), *_, (small, label) = largest_themes(app, run)
    with app.app_context():
        kept = db.session.scalars(db.select(ThemeAssignment.id).where(ThemeAssignment.theme_id == small)
                                  .order_by(ThemeAssignment.id).limit(3)).all()
        db.session.execute(db.update(ThemeAssignment).where(
            ThemeAssignment.theme_id == small, ThemeAssignment.id.not_in(kept)).values(theme_id=largest))
        db.session.commit()
    return small, label


@pytest.mark.parametrize("inline", [True, False], ids=["inline", "thread"])
def test_a_split_that_cannot_be_done_says_why_and_links_back(app, staff, run, inline):
    app.config["JOBS_INLINE"] = inline
    theme_id, label = few_answers(app, run)
    response = split(staff, run, theme_id)
    jobs.wait_for_local_jobs()
    page = staff.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert latest_split(app).status is RunStatus.FAILED
    assert page.status_code == 200 and 'http-equiv="refresh"' not in html
    assert f"“{label}” was not split" in text_of(page)
    assert "A theme needs at least four answers to split." in text_of(page)
    assert f'href="{REPORT}#t{theme_id}"' in html
    assert theme_id in dict(largest_themes(app, run))  # nothing was split


def test_a_split_whose_engine_fails_is_recorded_with_its_reason(app, staff, run, monkeypatch):
    def broken(run, theme):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(curation, "_split", broken)
    response = split(staff, run, largest_themes(app, run)[0][0])
    jobs.wait_for_local_jobs()
    assert latest_split(app).status is RunStatus.FAILED
    assert "The split failed: engine exploded" in text_of(staff.get(response.headers["Location"]))


def test_a_split_whose_worker_vanished_reads_as_failed_and_blocks_nothing(app, staff, run, held):
    (theme_id, label), (other, _) = largest_themes(app, run)[:2]
    with app.app_context():
        job = SplitJob(run=db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == run)),
                       theme=db.session.get(Theme, theme_id), label=label,
                       created_at=datetime.now(UTC) - timedelta(hours=2))
        db.session.add(job)
        db.session.commit()
        public_id = job.public_id
    page = staff.get(f"/staff/splits/{public_id}")
    assert "did not finish in time" in text_of(page) and 'http-equiv="refresh"' not in page.get_data(as_text=True)
    assert latest_split(app).status is RunStatus.QUEUED  # reading the page wrote nothing
    assert split(staff, run, other).headers["Location"].startswith("/staff/splits/")


def test_only_people_who_manage_the_survey_split_and_only_its_partnership_sees_the_page(app, staff, run, held):
    theme_id, _ = largest_themes(app, run)[0]
    guest, away = client_of(app, GUEST), client_of(app, AWAY)
    assert split(guest, run, theme_id).status_code == 403
    assert split(away, run, theme_id).status_code == 404
    page = split(staff, run, theme_id).headers["Location"]
    assert guest.get(page).status_code == 200  # like a run's page: anyone who reads the report
    assert away.get(page).status_code == 404
    assert staff.get("/staff/splits/no-such-split").status_code == 404
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(SplitJob)) == 1


@pytest.mark.skipif(not TEST_REDIS_URL, reason="set TEST_REDIS_URL to run jobs on a real Redis")
def test_a_split_goes_to_redis_and_an_rq_worker_completes_it(app, staff, run, database, monkeypatch, tmp_path):
    from redis import Redis
    from rq import Queue, SimpleWorker

    app.config["REDIS_URL"] = TEST_REDIS_URL
    # A queue of this test process's own: parallel test workers share the Redis database.
    app.config["RQ_QUEUE"] = f"chorus-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    connection = Redis.from_url(TEST_REDIS_URL)
    queue = Queue(app.config["RQ_QUEUE"], connection=connection)
    queue.empty()
    response = split(staff, run, largest_themes(app, run)[0][0])
    assert queue.count == 1 and latest_split(app).status is RunStatus.QUEUED

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

    job = latest_split(app)
    assert job.status is RunStatus.FINISHED, job.message
    assert queue.count == 0
    assert urlsplit(staff.get(response.headers["Location"]).headers["Location"]).fragment == f"t{job.largest_part_id}"
