"""A partnership for the staff API tests: the staff tests' world (surveys of two organizations, a user of
every role, each with a personal token), plus answers, a finished theme run with one large theme and one
below the small-cell threshold, two waves and an action. Built once per session as a snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from feedback.models import Action, RunStatus, Theme, ThemeAssignment, ThemeRun, User
from feedback.services import tokens as token_service
from surveys.db import db
from surveys.models import Channel, Partnership, Survey, Wave
from tests import factories
from tests.staff.conftest import make_world

BIG, MEDIUM, SMALL = 12, 7, 2
"""Answers in the run's two themes (in English, through the plain link, in the first wave); the default
small-cell threshold (5) lies between them."""
ANSWERED = BIG + MEDIUM + SMALL
EXTRA = 6
"""Responses of the second wave, in Spanish through the ``api-org`` link, after the run's answers."""

FIRST_SUBMITTED = datetime(2026, 3, 1, 12, tzinfo=UTC)
"""The n-th answer of the run was submitted n days after this."""


@dataclass
class ApiWorld:
    partnership: str
    survey: str  # run by the partner user's organization
    other_survey: str  # run by another organization: aggregated reports only, for the partner role
    run: str  # a finished theme run on other_survey
    big_theme: int
    small_theme: int
    tokens: dict[str, str]  # role -> secret
    users: dict[str, str]  # role -> email
    waves: list[int]  # other_survey's waves


def build(app) -> ApiWorld:
    world = make_world(app, "api")
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == world.partnership_slug))
        other = db.session.scalar(db.select(Survey).where(Survey.slug == world.other_survey))
        question = other.questions[0]
        spring = other.current_wave
        fall = Wave(survey=other, label="Wave 2", position=2)
        db.session.add(fall)
        db.session.flush()
        run = ThemeRun(survey=other, question=question, status=RunStatus.FINISHED, progress=1.0)
        big = Theme(run=run, position=0, engine_label="Night buses", label="Night buses", size=BIG,
                    terms=["bus", "night"], quotes=["The last bus leaves at six."])
        small = Theme(run=run, position=1, engine_label="Childcare", label="Childcare", size=SMALL,
                      quotes=["No daycare near me."])
        medium = Theme(run=run, position=2, engine_label="Shifts", label="Shifts", size=MEDIUM)
        db.session.add_all([run, big, medium, small])
        db.session.flush()
        themes = [big] * BIG + [medium] * MEDIUM + [small] * SMALL
        for n, theme in enumerate(themes):
            response = factories.response(other, wave=spring, channel=Channel.API,
                                          submitted_at=FIRST_SUBMITTED + timedelta(days=n))
            answer = factories.answer(response, question, value_text=(theme.quotes or [theme.label])[0])
            db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id, score=0.5))
        for n in range(EXTRA):  # later answers, in Spanish through a partner's link: not in the run
            factories.response(other, wave=fall, language="es", source="api-org", channel=Channel.WEB,
                               submitted_at=FIRST_SUBMITTED + timedelta(days=ANSWERED + n))
        db.session.add(Action(partnership=partnership, organization=other.organization, title="Night bus pilot",
                              public_summary={"en": "A later bus", "es": "Un autobús más tarde"}))
        tokens = {}
        for role, email in world.users.items():
            user = db.session.scalar(db.select(User).where(User.email == email))
            _, secret = token_service.create_token(user, partnership, user.membership_in(partnership.id).role,
                                                   f"{role} script", 90)
            tokens[role] = secret
        db.session.commit()
        value = ApiWorld(world.partnership_slug, world.survey, world.other_survey, run.public_id, big.id, small.id,
                         tokens, dict(world.users), [spring.id, fall.id])
        db.session.remove()
    return value


def snapshot(test_database):
    return test_database.snapshot("api world: staff world, tokens, a finished run, two waves", build)


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}
