"""Staff decide which themes the public reads: a finished run is on the public page only once someone who
may curate its themes publishes it from the report, one run per question, and a newer run never
replaces it by itself."""

from __future__ import annotations

import re

import pytest

from feedback.accounts import add_user
from feedback.lineages import link_lineages
from feedback.models import AuditEvent, Role, RunStatus, Theme, ThemeAssignment, ThemeRun
from feedback.services import ActionRefused
from feedback.services.public import publish_run, withdraw_run
from surveys.db import db
from surveys.models import Partnership, Question, Survey, SurveyStatus, utcnow
from tests import factories
from tests.public.helpers import add_members, build_partnership, main_text, staff
from tests.staff.conftest import PASSWORD, set_language, sign_in

REPORT = "/staff/surveys/valley-seekers/questions/barriers/report"


@pytest.fixture
def built(app):
    """The valley partnership with a finished run nobody published, and one member of each role."""
    with app.app_context():
        return add_members(build_partnership({"Bus routes": 12, "Night shifts": 9}))


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
        return _finished_run(built, old.survey, old.question, old.survey.waves[0] if wave else None,
                             "Shift times")


def _finished_run(built, survey, question, wave, label: str) -> str:
    """A finished run of ``question`` (over ``wave``) whose one theme holds every answer."""
    run = ThemeRun(survey=survey, question=question, status=RunStatus.FINISHED, wave=wave)
    theme = Theme(run=run, position=0, engine_label=label, label=label, size=21)
    db.session.add_all([run, theme])
    db.session.flush()
    for answers in built.answers.values():
        db.session.add_all(ThemeAssignment(run_id=run.id, answer_id=a, theme_id=theme.id) for a in answers)
    link_lineages(run)
    db.session.commit()
    return run.public_id


def audit(app) -> list[tuple[str, str, dict]]:
    with app.app_context():
        return [(e.action, e.object_id, e.details) for e in db.session.scalars(
            db.select(AuditEvent).where(AuditEvent.action.like("themes_%")).order_by(AuditEvent.id))]


def test_a_finished_run_nobody_published_is_not_on_the_public_page(app, client, built):
    words = public_words(client)
    assert "Bus routes" not in words and "Night shifts" not in words
    assert "Valley Care Partnership has not yet shared what it heard." in words
    assert "once enough people have answered" not in words  # 21 people answered: that would not be true


def test_an_analyst_shows_the_themes_from_the_report_and_takes_them_off(app, client, built):
    analyst = staff(app, "analyst")
    before = report_words(analyst)
    assert "No themes of this question are on the public page." in before
    assert "check the names above first" in before and "Show these themes on the public page" in before

    reply = analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    assert reply.status_code == 302 and reply.location.endswith(f"{REPORT}#public")
    assert "Bus routes 57% of answers (12 people)" in public_words(client)
    shown = report_words(analyst)
    assert "On the public page now: the themes of all waves, found" in shown  # the message, beside the section
    assert re.search(r"These themes are on the public page, since \d{4}-\d\d-\d\d \d\d:\d\d UTC\.", shown)
    assert "Shown by analyst@valley.example." in shown
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
    assert re.search(r"The public page shows the themes of another report of this question: all waves, found "
                     r"\d{4}-\d\d-\d\d \d\d:\d\d UTC ?\. Showing these themes instead takes those off it\.", wave_report)
    html = analyst.get(f"{REPORT}?wave={_wave_id(app)}").get_data(as_text=True)
    assert f'href="{REPORT}"' in html  # a link to the report of the run the public reads

    analyst.post(f"/staff/runs/{newer}/public", data={"publish": "1"})
    words = public_words(client)
    assert "Shift times 100% of answers (21 people)" in words and "Bus routes" not in words
    assert "No themes of this question are on the public page." not in report_words(analyst)
    assert "another report of this question: Wave 1, found" in report_words(analyst)  # the older run's report points here
    with app.app_context():
        runs = {run.public_id: run.published_at for run in db.session.scalars(db.select(ThemeRun))}
    assert runs[built.run] is None and runs[newer] is not None
    assert audit(app)[-1][2]["replaced"] == [built.run]


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


# -- after a re-run, across waves, and on the public page ---------------------------------------------------

def _forms(html: str) -> list[dict[str, str]]:
    """Each form of the report's Public page section: its action, hidden fields and button words."""
    from tests.staff.html_tree import parse

    section = parse(html).find("section", **{"aria-labelledby": "public"})
    return [{"action": form.attrs["action"], "button": form.find("button").visible_text(),
             **{field.attrs["name"]: field.attrs.get("value", "") for field in form.find_all("input")}}
            for form in section.find_all("form")]


def _public_section(html: str) -> str:
    from tests.staff.html_tree import parse

    return parse(html).find("section", **{"aria-labelledby": "public"}).visible_text()


def test_after_a_rerun_the_report_takes_the_replaced_themes_off_the_public_page(app, client, built):
    """Re-run (keeps your curation) puts a new run on the report; the published run's own report now
    redirects to it, so this report is the only place to take the old themes off."""
    analyst = staff(app, "analyst")
    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    newer = newer_run(app, built)  # all waves again: the report now shows the newer run
    html = analyst.get(REPORT).get_data(as_text=True)
    section = _public_section(html)
    assert re.search(r"The public page shows the themes found on \d{4}-\d\d-\d\d \d\d:\d\d UTC, before this re-run\. "
                     r"Showing these themes instead takes those off it\.", section)
    assert "earlier" not in section and "since found again" not in section
    show, take_off = _forms(html)
    assert show["action"] == f"/staff/runs/{newer}/public" and show["publish"] == "1"
    assert show["button"] == "Show these themes instead"
    assert take_off["action"] == f"/staff/runs/{built.run}/public" and take_off["publish"] == "0"
    assert take_off["back"] == newer and re.fullmatch(
        r"Take the themes of .+, found \d{4}-\d\d-\d\d \d\d:\d\d UTC off the public page", take_off["button"])

    reply = analyst.post(take_off["action"], data={"publish": "0", "back": newer})
    assert reply.status_code == 302 and reply.location.endswith(f"{REPORT}#public")  # back to this report
    words = public_words(client)
    assert "Bus routes" not in words and "Shift times" not in words
    section = _public_section(analyst.get(REPORT).get_data(as_text=True))
    assert "Off the public page: the themes of all waves, found" in section
    assert "No themes of this question are on the public page." in section
    assert audit(app)[-1][:2] == ("themes_withdrawn", built.run)


def test_taking_another_runs_themes_off_checks_access_on_both_runs(app, client, built):
    analyst = staff(app, "analyst")
    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    newer = newer_run(app, built)
    partner = staff(app, "partner")
    assert partner.post(f"/staff/runs/{built.run}/public", data={"publish": "0", "back": newer}).status_code == 403
    assert analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "0", "back": "nope"}).status_code == 404
    with app.app_context():  # a run of another question is no report to come back to
        run = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == built.run))
        other_question = Question(survey=run.survey, key="other", type="long_text", position=2,
                                  text={"en": "What else?"})
        other = ThemeRun(survey=run.survey, question=other_question, status=RunStatus.FINISHED)
        db.session.add(other)
        db.session.commit()
        other_id = other.public_id
    assert analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "0", "back": other_id}).status_code == 400
    with app.app_context():
        elsewhere = factories.partnership(slug="elsewhere")
        add_user("admin@elsewhere.example", elsewhere, Role.ADMIN, PASSWORD)
        db.session.commit()
    outsider = app.test_client()
    sign_in(outsider, "admin@elsewhere.example")
    assert outsider.post(f"/staff/runs/{built.run}/public", data={"publish": "0", "back": newer}).status_code == 404
    assert "Bus routes" in public_words(client)  # nothing refused changed the page
    assert [action for action, _, _ in audit(app)] == ["themes_published"]


@pytest.mark.parametrize("value", ["", "yes", "true", "2"])
def test_only_1_or_0_publishes_or_withdraws(app, client, built, value):
    analyst = staff(app, "analyst")
    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    assert analyst.post(f"/staff/runs/{built.run}/public", data={"publish": value}).status_code == 400
    assert "Bus routes" in public_words(client)
    assert analyst.post(f"/staff/runs/{built.run}/public", data={}).status_code == 400


def _two_waves(app, built) -> tuple[str, str, int]:
    """Runs of the question over a "Fall 2026" wave and a "Spring 2027" wave (public ids), and the
    Spring wave's id."""
    from surveys.models import Wave

    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "valley-seekers"))
        survey.waves[0].label = "Fall 2026"
        db.session.add(Wave(survey=survey, label="Spring 2027", position=2))
        db.session.commit()
    fall = newer_run(app, built, wave=True)
    with app.app_context():
        spring_wave = db.session.scalar(db.select(Wave).where(Wave.label == "Spring 2027"))
        spring = _finished_run(built, spring_wave.survey, spring_wave.survey.questions[0], spring_wave,
                               "Bus passes")
        return fall, spring, spring_wave.id


def test_the_spring_report_names_the_public_fall_run_by_wave_and_date(app, client, built):
    fall, _spring, spring_wave = _two_waves(app, built)
    analyst = staff(app, "analyst")
    analyst.post(f"/staff/runs/{fall}/public", data={"publish": "1"})
    html = analyst.get(f"{REPORT}?wave={spring_wave}").get_data(as_text=True)
    section = _public_section(html)
    assert re.search(r"another report of this question: Fall 2026, found \d{4}-\d\d-\d\d \d\d:\d\d UTC\.", section)
    assert "earlier" not in section
    assert _forms(html)[0]["button"] == "Show these themes instead"


def test_a_partner_reads_where_the_page_stands_without_publish_wording(app, client, built):
    analyst = staff(app, "analyst")
    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    newer_run(app, built)
    html = staff(app, "partner").get(REPORT).get_data(as_text=True)
    section = _public_section(html)
    assert "The public page shows the themes found on" in section
    assert "Showing these themes instead" not in section and _forms(html) == []


def test_a_report_shows_only_its_own_runs_public_message(app, client, built):
    """Two tabs: a POST for the wave's run and one for the all-waves run before either report loads.
    The all-waves report's Public page section speaks only of its own run; the other message names its run."""
    fall = newer_run(app, built, wave=True)
    analyst = staff(app, "analyst")
    analyst.post(f"/staff/runs/{fall}/public", data={"publish": "1"})
    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    html = analyst.get(REPORT).get_data(as_text=True)
    section = _public_section(html)
    assert section.count("On the public page now") == 1 and "the themes of all waves, found" in section
    assert "Wave 1" not in section.split("Public page", 1)[1].split("These themes are on")[0]
    from tests.staff.html_tree import parse

    top = [node.visible_text() for node in parse(html).find_all("p", class_="flash")
           if not any(a.attrs.get("aria-labelledby") == "public" for a in node.ancestors())]
    assert top and "the themes of Wave 1, found" in top[0]  # named, so it never reads as this run's


def test_the_public_section_follows_the_themes_and_the_chart_has_its_heading(app, client, built):
    """Read top to bottom (and in a screen reader's heading list): the themes and their curation, then
    the Public page section whose hint says to check those names first; the chart sits under "Themes"."""
    from tests.staff.html_tree import parse

    with app.app_context():  # one theme marked not useful: curation the section must follow too
        db.session.get(Theme, built.themes["Night shifts"]).hidden = True
        db.session.commit()
    tree = parse(staff(app, "analyst").get(REPORT).get_data(as_text=True))
    main = tree.find("main")
    outline, chart_under = [], None
    for node in main.iter():
        if node.tag in ("h1", "h2", "h3", "h4"):
            outline.append((node.tag, node.visible_text()))
        elif node.tag == "figure" and chart_under is None:
            chart_under = outline[-1]
    names = [text for _, text in outline]
    assert names.index("Themes") < names.index("Bus routes") < names.index("Marked not useful") \
        < names.index("Public page") < names.index("For whom: themes by group")
    assert chart_under == ("h2", "Themes")


def test_the_wave_name_on_a_spanish_page_is_marked_english(app, client, built):
    """Staff name waves in English only: a screen reader on the Spanish page reads it as English."""
    _fall, spring, _ = _two_waves(app, built)
    staff(app, "analyst").post(f"/staff/runs/{spring}/public", data={"publish": "1"})
    spanish = client.get("/p/valley?lang=es").get_data(as_text=True)
    assert 'De las respuestas de <bdi lang="en">Spring 2027</bdi> · temas' in spanish
    assert "From the answers in Spring 2027 · themes" in client.get("/p/valley?lang=en").get_data(as_text=True)


def test_the_public_page_says_what_the_themes_come_from(app, client, built):
    _fall, spring, _ = _two_waves(app, built)
    analyst = staff(app, "analyst")
    analyst.post(f"/staff/runs/{spring}/public", data={"publish": "1"})
    words = public_words(client)
    assert re.search(r"From the answers in Spring 2027 · themes found on [A-Z][a-z]+ \d{1,2}, \d{4} Bus passes", words)
    spanish = main_text(client.get("/p/valley?lang=es").get_data(as_text=True))
    assert re.search(r"De las respuestas de Spring 2027 · temas identificados el \d{1,2} de [a-z]+ de \d{4}", spanish)

    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})  # all waves instead
    assert "From all the answers · themes found on" in public_words(client)
    assert "De todas las respuestas · temas identificados el" in main_text(
        client.get("/p/valley?lang=es").get_data(as_text=True))


def test_the_public_page_tells_the_truth_when_nothing_is_shared(app, client, built):
    spanish = main_text(client.get("/p/valley?lang=es").get_data(as_text=True))
    assert ("Valley Care Partnership aún no ha compartido lo que escuchó. Los temas principales aparecerán "
            "aquí cuando los socios hayan leído las respuestas y decidido qué compartir.") in spanish
    with app.app_context():  # published, but every theme too small to list: "not enough people" is true
        small = build_partnership({"Uniform costs": 3}, slug="hills")
        db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == small.run)).published_at = utcnow()
        db.session.commit()
    words = main_text(client.get("/p/hills").get_data(as_text=True))
    assert "There are no results to share yet" in words and "has not yet shared" not in words


def test_the_reports_found_time_says_utc_as_its_public_page_section_does(app, built):
    from datetime import UTC, datetime

    with app.app_context():
        db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == built.run)).finished_at = \
            datetime(2026, 12, 7, 14, 8, tzinfo=UTC)
        db.session.commit()
    analyst = staff(app, "analyst")
    analyst.post(f"/staff/runs/{built.run}/public", data={"publish": "1"})
    words = report_words(analyst)
    assert "All waves · 21 answers in themes · found 2026-12-07 14:08 UTC" in words
    assert re.search(r"These themes are on the public page, since \d{4}-\d\d-\d\d \d\d:\d\d UTC\.", words)
