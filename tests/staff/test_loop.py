"""Closing the loop on staff pages: who may record and change actions and measures, the audit trail,
measures computed per wave with small groups hidden, and forms that keep what was typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from feedback.lineages import link_lineages
from feedback.models import (
    Action,
    ActionStatus,
    AuditEvent,
    Measure,
    MeasureKind,
    RunStatus,
    Theme,
    ThemeAssignment,
    ThemeRun,
)
from feedback.reports import refresh_report_cache
from surveys.db import db
from surveys.models import Organization, Partnership, Question, Survey, Wave
from tests import factories
from tests.staff.conftest import sign_in

QUOTE = "The night bus never comes after my shift"


@dataclass
class Loop:
    partnership: str
    home_org: int  # the partner user's organization
    other_org: int
    own_action: str  # public ids
    other_action: str
    measure: str  # answer-based, on a question with a small group in wave 1
    outcome: str
    lineage: int  # "Night buses", a theme of the other organization's survey
    small_lineage: int  # folded: fewer answers than the threshold


@pytest.fixture
def loop(app, world) -> Loop:
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == world.partnership_slug))
        home = db.session.scalar(db.select(Organization).where(Organization.slug == "home-org"))
        other_org = db.session.scalar(db.select(Organization).where(Organization.slug == "home-other"))
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        other = db.session.scalar(db.select(Survey).where(Survey.slug == world.other_survey))
        spring = survey.waves[0]
        fall = Wave(survey=survey, label="Wave 2", position=2)
        goal = Question(survey=survey, key="goal", type="single_choice", position=2,
                        text={"en": "What gets in the way?"},
                        options=[{"key": "childcare", "text": {"en": "Childcare"}},
                                 {"key": "transport", "text": {"en": "Transport"}}])
        db.session.add_all([fall, goal])
        db.session.flush()
        # Spring: 3 of 43 say childcare (too few to print); fall: 12 of 40 (30%).
        for wave, childcare, transport in ((spring, 3, 40), (fall, 12, 28)):
            for key, n in (("childcare", childcare), ("transport", transport)):
                for _ in range(n):
                    factories.answer(factories.response(survey, wave=wave), goal, option_key=key, wave_id=wave.id)
        lineage, small = _theme_run(other)
        own = Action(partnership=partnership, organization=home, title="Evening childcare", public=True)
        theirs = Action(partnership=partnership, organization=other_org, title="Night bus pilot",
                        status=ActionStatus.IN_PROGRESS)
        theirs.themes = [lineage, small]
        measure = Measure(partnership=partnership, name={"en": "Childcare in the way"}, kind=MeasureKind.ANSWER_SHARE,
                          question=goal, option_keys=["childcare"], target=20.0)
        outcome = Measure(partnership=partnership, name={"en": "Placements"}, kind=MeasureKind.OUTCOME,
                          unit="placements", organization=other_org)
        db.session.add_all([own, theirs, measure, outcome])
        db.session.commit()
        values = Loop(partnership.slug, home.id, other_org.id, own.public_id, theirs.public_id, measure.public_id,
                      outcome.public_id, lineage.id, small.id)
        db.session.remove()
    return values


def _theme_run(survey: Survey):
    """A finished run on the other organization's survey: "Night buses" (12 answers, with a quote),
    "Pay" (10; the report hides it to protect the next one) and "Parking" (3, folded in the report)."""
    question = survey.questions[0]
    run = ThemeRun(survey=survey, question=question, wave=survey.waves[0], status=RunStatus.FINISHED)
    buses = Theme(run=run, position=0, engine_label="Night buses", label="Night buses", size=12, quotes=[QUOTE])
    few = Theme(run=run, position=1, engine_label="Parking", label="Parking", size=3, quotes=["Parking costs a lot"])
    pay = Theme(run=run, position=2, engine_label="Pay", label="Pay", size=10, quotes=[])
    db.session.add_all([run, buses, few, pay])
    db.session.flush()
    for theme, n in ((buses, 12), (few, 3), (pay, 10)):
        for _ in range(n):
            answer = factories.answer(factories.response(survey), question, value_text="words")
            db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id))
    db.session.flush()
    link_lineages(run)
    refresh_report_cache(run)
    return buses.lineage_row, few.lineage_row


def client_for(app, email):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def audit_lines(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        lines = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)
                                   .order_by(AuditEvent.id)).all()
        db.session.expunge_all()
        return list(lines)


ACTION_FORM = {"title": "Childcare vouchers", "status": "in_progress", "percent_complete": "25",
               "summary_en": "We pay for childcare during classes", "summary_es": "Pagamos el cuidado infantil",
               "public": "y"}


# -- who may do what ---------------------------------------------------------------------------------------

def test_a_partner_records_actions_for_their_own_organization_only(app, world, loop):
    partner = client_for(app, world.users["partner"])
    made = partner.post(f"/staff/partnerships/{loop.partnership}/actions/new",
                        data=dict(ACTION_FORM, organization=str(loop.home_org), themes=[str(loop.lineage)]))
    assert made.status_code == 302
    # Naming another partner's organization is refused, and nothing is stored.
    refused = partner.post(f"/staff/partnerships/{loop.partnership}/actions/new",
                           data=dict(ACTION_FORM, title="Not mine", organization=str(loop.other_org)))
    assert refused.status_code in (403, 422)
    with app.app_context():
        titles = {a.title: a.organization_id for a in db.session.scalars(db.select(Action))}
    assert titles["Childcare vouchers"] == loop.home_org and "Not mine" not in titles


def test_a_partner_cannot_change_another_organizations_action_but_admins_and_analysts_can(app, world, loop):
    partner = client_for(app, world.users["partner"])
    assert partner.get(f"/staff/actions/{loop.other_action}").status_code == 200  # the board is shared
    assert partner.get(f"/staff/actions/{loop.other_action}/edit").status_code == 403
    assert partner.post(f"/staff/actions/{loop.other_action}/edit",
                        data=dict(ACTION_FORM, organization=str(loop.other_org))).status_code == 403
    assert partner.get(f"/staff/actions/{loop.own_action}/edit").status_code == 200
    assert partner.post(f"/staff/measures/{loop.outcome}/values",
                        data={"period": "Q1", "period_end": "2026-03-31", "value": "4"}).status_code == 403
    for role in ("admin", "analyst"):
        staff = client_for(app, world.users[role])
        changed = staff.post(f"/staff/actions/{loop.other_action}/edit",
                             data=dict(ACTION_FORM, title=f"Night bus pilot ({role})", organization=str(loop.other_org)))
        assert changed.status_code == 302, role
    with app.app_context():
        assert db.session.scalar(db.select(Action.title).where(Action.public_id == loop.other_action)) \
            == "Night bus pilot (analyst)"


@pytest.mark.parametrize("role", ["admin", "analyst", "partner"])
def test_staff_of_another_partnership_find_nothing(app, elsewhere, loop, role):
    outsider = client_for(app, elsewhere.users[role])
    for url in (f"/staff/actions/{loop.own_action}", f"/staff/actions/{loop.own_action}/edit",
                f"/staff/measures/{loop.measure}", f"/staff/partnerships/{loop.partnership}/actions",
                f"/staff/partnerships/{loop.partnership}/measures/new"):
        assert outsider.get(url).status_code == 404, url
    assert outsider.post(f"/staff/measures/{loop.outcome}/values",
                         data={"period": "Q1", "period_end": "2026-03-31", "value": "4"}).status_code == 404
    assert outsider.post(f"/staff/actions/{loop.own_action}/edit", data=ACTION_FORM).status_code == 404
    with app.app_context():
        assert db.session.scalar(db.select(Action.title).where(Action.public_id == loop.own_action)) \
            == "Evening childcare"


def test_anonymous_visitors_are_sent_to_sign_in(app, loop):
    anonymous = app.test_client()
    for url in (f"/staff/actions/{loop.own_action}", f"/staff/partnerships/{loop.partnership}/actions",
                f"/staff/measures/{loop.measure}"):
        response = anonymous.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")
    assert anonymous.post(f"/staff/actions/{loop.own_action}/edit", data=ACTION_FORM).status_code == 302


# -- the audit trail ---------------------------------------------------------------------------------------

def test_every_change_is_in_the_audit_trail(app, world, loop):
    admin = client_for(app, world.users["admin"])
    admin.post(f"/staff/partnerships/{loop.partnership}/actions/new", data=dict(ACTION_FORM, themes=[str(loop.lineage)]))
    admin.post(f"/staff/actions/{loop.own_action}/edit",
               data=dict(ACTION_FORM, title="Evening childcare", organization=str(loop.home_org), status="done",
                         percent_complete="100"))
    admin.post(f"/staff/measures/{loop.outcome}/values", data={"period": "2026 Q1", "period_end": "2026-03-31",
                                                               "value": "41"})
    created = audit_lines(app, "action.create")
    assert [line.details["title"] for line in created] == ["Childcare vouchers"]
    assert created[0].details["themes"] == [loop.lineage] and created[0].user_id is not None
    updated = audit_lines(app, "action.update")
    assert updated[0].object_id == loop.own_action
    assert updated[0].details["changed"]["status"] == ["not_started", "done"]
    assert updated[0].details["changed"]["percent_complete"] == [0, 100]
    assert [line.details for line in audit_lines(app, "measure.value")] == [{"period": "2026 Q1", "value": 41.0}]


# -- measures per wave, protected --------------------------------------------------------------------------

def test_an_answer_based_measure_is_computed_per_wave_and_a_small_share_is_never_printed(app, world, loop):
    page = client_for(app, world.users["partner"]).get(f"/staff/measures/{loop.measure}").get_data(as_text=True)
    table = page.split("<table>")[1].split("</table>")[0]
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th>\s*<td>([^<]*)', table))
    assert rows == {"Wave 1": "hidden*", "Wave 2": "30%"}
    # 3 of 43 (7%) appears nowhere: not in the table, the chart or its description.
    assert "7%" not in page and "hidden*" in page.split("<svg")[1]
    assert "Hidden to protect small groups" in page


def test_an_action_shows_protected_theme_sizes_and_quotes_only_to_those_who_read_answers(app, world, loop):
    admin_page = client_for(app, world.users["admin"]).get(f"/staff/actions/{loop.other_action}").get_data(as_text=True)
    partner_page = client_for(app, world.users["partner"]).get(f"/staff/actions/{loop.other_action}")
    partner_page = partner_page.get_data(as_text=True)
    for page in (admin_page, partner_page):
        night_buses = page.split("<h3>Night buses</h3>")[1].split("</section>")[0]
        assert re.search(r"<td>12</td>\s*<td>48%</td>", night_buses)  # 12 of the 25 answers in themes
        parking = page.split("<h3>Parking</h3>")[1].split("</section>")[0]
        assert "<td>3</td>" not in parking and "hidden*" in parking  # folded in the report: size not shown
        assert "Parking costs a lot" not in page  # no quote from a theme too small to show
    assert QUOTE in admin_page
    assert QUOTE not in partner_page  # the other organization's survey: its answers are not theirs to read


def test_an_outcome_value_with_mistakes_comes_back_with_what_was_typed(app, world, loop):
    admin = client_for(app, world.users["admin"])
    url = f"/staff/measures/{loop.outcome}/values"
    page = admin.post(url, data={"period": "2026 Q1", "period_end": "2026-03-31", "value": "about forty",
                                 "note": "from the board's report"})
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert 'value="about forty"' in text and "from the board&#39;s report" in text and 'value="2026 Q1"' in text
    assert 'aria-invalid="true"' in text and "Not a valid float value" in text
    assert admin.post(url, data={"period": "2026 Q1", "period_end": "2026-03-31", "value": "41"}).status_code == 302
    page = admin.get(f"/staff/measures/{loop.outcome}").get_data(as_text=True)
    assert "41 placements" in page


def test_entering_a_period_again_corrects_its_value_and_the_audit_keeps_the_old_one(app, world, loop):
    admin = client_for(app, world.users["admin"])
    url = f"/staff/measures/{loop.outcome}/values"
    assert admin.post(url, data={"period": "2026 Q1", "period_end": "2026-03-31", "value": "14"}).status_code == 302
    again = admin.post(url, data={"period": "2026 Q1", "period_end": "2026-03-31", "value": "41"})
    assert again.status_code == 302
    page = admin.get(again.headers["Location"]).get_data(as_text=True)
    assert "Corrected the value for 2026 Q1." in page and "41 placements" in page and "14 placements" not in page
    [event] = audit_lines(app, "measure.value.correct")
    assert event.details["before"]["value"] == 14 and event.details["value"] == 41


def test_an_action_form_with_mistakes_keeps_what_was_typed(app, world, loop):
    admin = client_for(app, world.users["admin"])
    page = admin.post(f"/staff/partnerships/{loop.partnership}/actions/new",
                      data=dict(ACTION_FORM, percent_complete="150", themes=[str(loop.lineage)]))
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "from 0 to 100" in text and 'value="Childcare vouchers"' in text and 'value="150"' in text
    assert re.search(rf'<input checked id="themes-\d+" name="themes" type="checkbox" value="{loop.lineage}"', text)
    with app.app_context():
        assert db.session.scalar(db.select(Action).where(Action.title == "Childcare vouchers")) is None


def test_acting_on_a_theme_starts_the_form_with_that_theme(app, world, loop):
    page = client_for(app, world.users["analyst"]).get(
        f"/staff/partnerships/{loop.partnership}/actions/new?theme={loop.lineage}").get_data(as_text=True)
    assert "Acting on the theme “Night buses”" in page
    assert re.search(rf'<input checked id="themes-\d+" name="themes" type="checkbox" value="{loop.lineage}"', page)


def test_the_board_filters_by_status_partner_and_theme(app, world, loop):
    admin = client_for(app, world.users["admin"])
    board = f"/staff/partnerships/{loop.partnership}/actions"

    def titles(query: str) -> set[str]:
        page = admin.get(board + query).get_data(as_text=True)
        return {t for t in ("Evening childcare", "Night bus pilot") if f">{t}</a>" in page}

    assert titles("") == {"Evening childcare", "Night bus pilot"}
    assert titles("?status=in_progress") == {"Night bus pilot"}
    assert titles(f"?partner={loop.home_org}") == {"Evening childcare"}
    assert titles(f"?theme={loop.lineage}") == {"Night bus pilot"}
    assert admin.get(board + "?status=nonsense&theme=x").status_code == 200  # an edited address filters nothing


def test_a_measure_counting_several_answers_of_a_choose_all_question_is_refused(app, world, loop):
    admin = client_for(app, world.users["admin"])
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        question = Question(survey=survey, key="helps", type="multiple_choice", position=3, text={"en": "What helps?"},
                            options=[{"key": "bus", "text": {"en": "Bus pass"}}, {"key": "care", "text": {"en": "Care"}}])
        db.session.add(question)
        db.session.commit()
        question_id = question.id
    page = admin.post(f"/staff/partnerships/{loop.partnership}/measures/new", data={
        "name_en": "Help wanted", "kind": "answer_share", "options": [f"{question_id}:bus", f"{question_id}:care"]})
    assert page.status_code == 422 and "choose one answer" in page.get_data(as_text=True)
    done = admin.post(f"/staff/partnerships/{loop.partnership}/measures/new", data={
        "name_en": "Bus passes wanted", "kind": "answer_share", "options": [f"{question_id}:bus"], "target": "40"})
    assert done.status_code == 302
    assert [line.details["name"] for line in audit_lines(app, "measure.create")] == ["Bus passes wanted"]


def test_an_action_on_an_occupation_gap_keeps_its_soc_codes(app, world, loop):
    admin = client_for(app, world.users["admin"])
    new = f"/staff/partnerships/{loop.partnership}/actions/new"
    assert 'value="29-1141"' in admin.get(new + "?soc=29-1141").get_data(as_text=True)
    wrong = admin.post(new, data=dict(ACTION_FORM, occupations="29-1141, nurses"))
    assert wrong.status_code == 422 and "SOC codes like 29-1141 (not “nurses”)" in wrong.get_data(as_text=True)
    made = admin.post(new, data=dict(ACTION_FORM, occupations="29-1141, 31-1131, 29-1141"))
    page = admin.get(made.headers["Location"]).get_data(as_text=True)
    assert "29-1141, 31-1131" in page
    edited = admin.post(made.headers["Location"] + "/edit", data=dict(ACTION_FORM, occupations="31-1131"))
    assert edited.status_code == 302
    changed = audit_lines(app, "action.update")[-1].details["changed"]
    assert changed["occupations"] == [["29-1141", "31-1131"], ["31-1131"]]


def test_a_measure_follows_new_answers(app, world, loop):
    """Shares are kept between requests (they cost a third of a second per wave), never past a new answer."""
    partner = client_for(app, world.users["partner"])
    url = f"/staff/measures/{loop.measure}"
    assert "Wave 1</th>\n<td>hidden*" in partner.get(url).get_data(as_text=True)
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        goal = next(q for q in survey.questions if q.key == "goal")
        for _ in range(3):
            factories.answer(factories.response(survey, wave=survey.waves[0]), goal, option_key="childcare",
                             wave_id=survey.waves[0].id)
        db.session.commit()
    assert "Wave 1</th>\n<td>13%" in partner.get(url).get_data(as_text=True)  # 6 of 46


@pytest.mark.parametrize("field, value, message", [
    ("value", "1e308", "a number from 0 to 1,000,000,000,000"),
    ("period_end", "0001-01-01", "between 2000 and 2100"),
])
def test_an_outcome_value_out_of_any_sane_range_is_refused_beside_its_field(app, world, loop, field, value, message):
    admin = client_for(app, world.users["admin"])
    data = {"period": "2026 Q1", "period_end": "2026-03-31", "value": "41", field: value}
    page = admin.post(f"/staff/measures/{loop.outcome}/values", data=data)
    assert page.status_code == 422 and message in page.get_data(as_text=True)
