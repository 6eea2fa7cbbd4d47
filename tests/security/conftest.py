"""The world the security suite attacks, built once per run: the demo partnership (seed 3, half size)
with a finished theme run, a person of every role, another partnership with its own admin, an open
survey using every question type and a draft survey. Each test starts from its own copy."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from feedback.accounts import add_user
from feedback.jobs import start_theme_run
from feedback.models import Role, RunStatus, ThemeRun
from surveys.db import db
from surveys.models import Organization, Partnership, Question, Survey, SurveyStatus
from surveys.services import create_survey
from tests import factories
from tests.staff.conftest import PASSWORD, sign_in
from tests.surveys.helpers import every_type

CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}
SURVEY = "healthcare-career-seekers"
QUESTION = "barriers_detail"
EVERY_TYPE = "every-type"
DRAFT = "secret-draft"
DRAFT_TITLE = "Layoffs planned at Mercy General"
ROLES = ("admin", "analyst", "partner")


@dataclass(frozen=True)
class Target:
    """Plain values naming what the suite attacks."""

    partnership: str
    run: str  # public id of the finished theme run
    theme_ids: tuple[int, ...]
    away_partnership: str


def email(role: str) -> str:
    return f"{role}@security.example"


def build(app, partnership_slug: str) -> Target:
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == partnership_slug))
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == SURVEY))
        organization = db.session.get(Organization, survey.organization_id) or partnership.organizations[0]
        for role in ROLES:
            add_user(email(role), partnership, Role(role), PASSWORD,
                     organization if role == "partner" else None)
        away = factories.partnership(slug="away-p", name="Away Partnership")
        add_user("admin@away.example", away, Role.ADMIN, PASSWORD)
        create_survey(partnership, every_type(), slug=EVERY_TYPE).move_to(SurveyStatus.OPEN)
        draft = create_survey(partnership, every_type(), slug=DRAFT)
        draft.title = {"en": DRAFT_TITLE, "es": DRAFT_TITLE}
        db.session.commit()
        question = db.session.scalar(db.select(Question).where(Question.survey_id == survey.id,
                                                               Question.key == QUESTION))
        run = start_theme_run(survey, question, None, None, {"k": 8})
        assert run.status is RunStatus.FINISHED, run.message
        db.session.commit()
        run = db.session.get(ThemeRun, run.id)
        target = Target(partnership_slug, run.public_id,
                        tuple(t.id for t in run.themes if not t.retired and not t.hidden), away.slug)
        db.session.remove()
    return target


@pytest.fixture(scope="session")
def security_snapshot(test_database):
    demo = test_database.demo(seed=3, scale=0.5)
    return test_database.snapshot("security: demo seed 3 scale 0.5, every role, away admin, every-type, "
                                  "draft, barriers_detail themes k=8",
                                  lambda app: build(app, demo.value), base=demo, config=CONFIG)


@pytest.fixture
def database_snapshot(security_snapshot):
    return security_snapshot


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


@pytest.fixture
def target(security_snapshot) -> Target:
    return security_snapshot.value


@pytest.fixture
def as_role(app):
    """``as_role("admin")``: a test client signed in with that role in the demo partnership."""

    def signed_in(role: str, address: str | None = None):
        client = app.test_client()
        response = sign_in(client, address or email(role))
        assert response.status_code == 302, response.data[:300]
        return client

    return signed_in
