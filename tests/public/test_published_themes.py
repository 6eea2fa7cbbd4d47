"""Staff decide which themes the public reads: a finished run is on the public page only once someone who
may curate its themes publishes it from the report, one run per question, and a newer run never
replaces it by itself."""

from __future__ import annotations

import pytest

from feedback.accounts import add_user
from feedback.lineages import link_lineages
from feedback.models import AuditEvent, Role, RunStatus, Theme, ThemeAssignment, ThemeRun
from feedback.services import ActionRefused
from feedback.services.public import publish_run, withdraw_run
from surveys.db import db
from surveys.models import Partnership, Survey, SurveyStatus
from tests import factories
from tests.public.helpers import build_partnership, main_text
from tests.staff.conftest import PASSWORD, set_language, sign_in

REPORT = "/staff/surveys/valley-seekers/questions/barriers/report"


@pytest.fixture
def built(app):
    """The valley partnership with a finished run nobody published, and one member of each role (the
    partner works for an organization that does not own the survey)."""
    with app.app_context():
        built = build_partnership({"Bus routes": 12, "Night shifts": 9})
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == built.slug))
        college = factories.organization(partnership=partnership, slug="valley-college")
        for role in Role:
            add_user(f"{role.value}@valley.example", partnership, role, PASSWORD,
                     college if role is Role.PARTNER else None)
        db.session.commit()
    return built


def staff(app, role: str):
    client = app.test_client()
    assert sign_in(client, f"{role}@valley.example").status_code == 302
    return client


def public_words(client) -> str:
    return main_text(client.get("/p/valley").get_data(as_text=True))


def report_words(member, path: str = REPORT) -> str:
    reply = member.get(path)
    assert reply.status_code == 200
    return main_text(reply.get_data(as_text=True))


def newer_run(app, built, *, wave: bool = False) -> str:
    """A second finished run of the question (over its first wave, or all waves) with one theme."""
    with app.app_context():
        old = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == built.run))
        newer = ThemeRun(survey=old.survey, question=old.question, status=RunStatus.FINISHED,
                         wave=old.survey.waves[0] if wave else None)
        theme = Theme(run=newer, position=0, engine_label="Shift times", label="Shift times", size=21)
        db.session.add_all([newer, theme])
        db.session.flush()
        for answers in built.answers.values():
            db.session.add_all(ThemeAssignment(run_id=newer.id, answer_id=a, theme_id=theme.id) for a in answers)
        link_lineages(newer)
        db.session.commit()
        return newer.public_id


def audit(app) -> list[tuple[str, str, dict]]:
    with app.app_context():
        return [(e.action, e.object_id, e.details) for e in db.session.scalars(
            db.select(AuditEvent).where(AuditEvent.action.like("themes_%")).order_by(AuditEvent.id))]


def test_a_finished_run_nobody_published_is_not_on_the_public_page(app, client, built):
    words = public_words(client)
    assert "Bus routes" not in words and "Night shifts" not in words
    assert "There are no results to share yet" in words


def test_an_analyst_shows_the_themes_from_the_report_and_takes_them_off(app, client, built):
    analyst = staff(app, "analyst")
    before = report_words(analyst)
    assert "No themes of this question are on the public page." in before
    assert "check the names first" in before and "Show these themes on the public page" in before

    reply = analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    assert reply.status_code == 302 and reply.location.endswith(f"{REPORT}#public")
    assert "Bus routes 57% of answers (12 people)" in public_words(client)
    shown = report_words(analyst)
    assert "These themes are on the public page now" in shown  # the message, beside the section
    assert "These themes are on the public page, since" in shown and "Shown by analyst@valley.example." in shown
    assert "Take them off the public page" in shown and "Show these themes" not in shown

    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "0"})
    words = public_words(client)
    assert "Bus routes" not in words and "Night shifts" not in words
    assert "No themes of this question are on the public page." in report_words(analyst)
    assert [(action, run) for action, run, _ in audit(app)] == [("themes_published", built.run),
                                                                 ("themes_withdrawn", built.run)]


def test_a_newer_run_stays_off_the_page_until_staff_publish_it_in_place_of_the_older(app, client, built):
    analyst = staff(app, "analyst")
    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    newer = newer_run(app, built, wave=True)

    words = public_words(client)
    assert "Bus routes" in words and "Shift times" not in words
    wave_report = report_words(analyst, f"{REPORT}?wave={_wave_id(app)}")
    assert "The public page lists the themes of another run of this question: All waves, found" in wave_report
    html = analyst.get(f"{REPORT}?wave={_wave_id(app)}").get_data(as_text=True)
    assert f'href="{REPORT}"' in html  # a link to the report of the run the public reads

    analyst.post(f"/staff/runs/{newer}/public", data={"publish": "1"})
    words = public_words(client)
    assert "Shift times 100% of answers (21 people)" in words and "Bus routes" not in words
    assert "No themes of this question are on the public page." not in report_words(analyst)
    assert "another run of this question" in report_words(analyst)  # the older run's report points here
    with app.app_context():
        runs = {run.public_id: run.published_at for run in db.session.scalars(db.select(ThemeRun))}
    assert runs[built.run] is None and runs[newer] is not None
    assert audit(app)[-1][2]["replaced"] == [built.run]


def test_an_earlier_run_of_the_same_report_is_named_without_a_link(app, client, built):
    analyst = staff(app, "analyst")
    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    newer_run(app, built)  # all waves again: the report now shows the newer run
    words = report_words(analyst)
    assert "an earlier run of this question (All waves, found" in words and "since found again" in words
    assert "Bus routes" in public_words(client)


def test_someone_who_may_not_curate_the_themes_cannot_publish_them(app, client, built):
    member = staff(app, "partner")  # their organization does not own the survey: they may not curate it
    assert "Show these themes on the public page" not in report_words(member)
    assert member.post(f"/staff/runs/{built.run}/public", data={"publish": "1"}).status_code == 403
    assert "Bus routes" not in public_words(client)
    assert audit(app) == []


def test_staff_of_another_partnership_get_a_404(app, client, built):
    with app.app_context():
        other = factories.partnership(slug="elsewhere")
        add_user("admin@elsewhere.example", other, Role.ADMIN, PASSWORD)
        db.session.commit()
    outsider = app.test_client()
    assert sign_in(outsider, "admin@elsewhere.example").status_code == 302
    assert outsider.post(f"/staff/runs/{built.run}/public", data={"publish": "1"}).status_code == 404
    assert "Bus routes" not in public_words(client)


def test_the_report_says_where_the_public_page_stands_in_spanish(app, client, built):
    set_language(app, "analyst@valley.example", "es")
    analyst = staff(app, "analyst")
    words = report_words(analyst)
    assert "Página pública" in words and "Ningún tema de esta pregunta está en la página pública." in words
    assert "Mostrar estos temas en la página pública" in words
    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    words = report_words(analyst)
    assert "Estos temas están en la página pública desde el" in words
    assert "Quitarlos de la página pública" in words


def test_the_report_says_when_the_partnerships_public_page_is_off(app, client, built):
    with app.app_context():
        db.session.scalar(db.select(Partnership).where(Partnership.slug == "valley")).public_page = False
        db.session.commit()
    words = report_words(staff(app, "admin"))
    assert "The public page of Valley Care Partnership is off" in words


# -- the service ---------------------------------------------------------------------------------------------

def test_only_a_finished_run_of_an_asked_survey_can_be_published(app, built):
    with app.app_context():
        run = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == built.run))
        running = ThemeRun(survey=run.survey, question=run.question, status=RunStatus.RUNNING)
        db.session.add(running)
        db.session.flush()
        with pytest.raises(ActionRefused, match="finished run"):
            publish_run(running, user_id=None)
        db.session.get(Survey, run.survey_id).status = SurveyStatus.DRAFT
        with pytest.raises(ActionRefused, match="draft"):
            publish_run(run, user_id=None)
        assert run.published_at is None


def test_publishing_twice_or_withdrawing_what_is_not_shown_changes_nothing(app, built):
    with app.app_context():
        run = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == built.run))
        assert withdraw_run(run) is False
        assert publish_run(run, user_id=None) is True
        assert publish_run(run, user_id=None) is False
        assert [e.action for e in db.session.scalars(db.select(AuditEvent))] == ["themes_published"]


def _wave_id(app) -> int:
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "valley-seekers"))
        return survey.waves[0].id
