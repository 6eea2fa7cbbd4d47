"""Staff control the public page: admins turn it off and on, staff who may read answers publish and
withdraw quotes; every change is in the audit trail."""

from __future__ import annotations

import pytest

from feedback.models import AuditEvent
from surveys.db import db
from tests.public.helpers import add_members, build_partnership, main_text, show_themes, staff


@pytest.fixture
def built(app):
    with app.app_context():
        return add_members(show_themes(build_partnership({"Bus routes": 12, "Night shifts": 9})))


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_an_admin_turns_the_page_off_and_on_again(app, client, built):
    admin = staff(app, "admin")
    dashboard = admin.get("/staff/").get_data(as_text=True)
    assert 'href="/p/valley"' in dashboard and "Turn the public page off" in dashboard
    assert admin.post("/staff/partnerships/valley/public-page", data={"on": "0"}).status_code == 302
    assert client.get("/p/valley").status_code == 404
    dashboard = admin.get("/staff/").get_data(as_text=True)
    assert 'href="/p/valley"' not in dashboard and "Turn the public page on" in dashboard
    admin.post("/staff/partnerships/valley/public-page", data={"on": "1"})
    assert client.get("/p/valley").status_code == 200
    assert audit_actions(app) == ["public_page_off", "public_page_on"]


@pytest.mark.parametrize("role", ["analyst", "partner"])
def test_only_admins_may_turn_the_page_off(app, client, built, role):
    member = staff(app, role)
    assert "Turn the public page" not in member.get("/staff/").get_data(as_text=True)
    assert member.post("/staff/partnerships/valley/public-page", data={"on": "0"}).status_code == 403
    assert client.get("/p/valley").status_code == 200
    assert audit_actions(app) == []


def test_an_analyst_publishes_a_quote_and_withdraws_it(app, client, built):
    analyst = staff(app, "analyst")
    theme, answer = built.themes["Night shifts"], built.answers["Night shifts"][2]
    answers_page = f"/staff/runs/{built.run}/themes/{theme}"
    assert "Publish this quote" in analyst.get(answers_page).get_data(as_text=True)
    reply = analyst.post(f"{answers_page}/quote", data={"answer": answer, "publish": "1"})
    assert reply.status_code == 302 and reply.location.endswith(f"#a{answer}")
    page = analyst.get(answers_page).get_data(as_text=True)
    assert "Quoted on the public page." in page and page.count("Withdraw this quote") == 1
    assert "Night shifts, story 2" in main_text(client.get("/p/valley").get_data(as_text=True))

    analyst.post(f"{answers_page}/quote", data={"answer": answer, "publish": "0"})
    assert "story" not in main_text(client.get("/p/valley").get_data(as_text=True))
    assert audit_actions(app) == ["quote_published", "quote_withdrawn"]


def test_an_answer_of_another_theme_cannot_be_published_under_this_one(app, client, built):
    analyst = staff(app, "analyst")
    other_answer = built.answers["Bus routes"][0]
    reply = analyst.post(f"/staff/runs/{built.run}/themes/{built.themes['Night shifts']}/quote",
                         data={"answer": other_answer, "publish": "1"})
    assert reply.status_code == 404
    assert "story" not in main_text(client.get("/p/valley").get_data(as_text=True))


def test_a_partner_who_may_not_read_the_answers_cannot_publish_them(app, client, built):
    partner = staff(app, "partner")  # the survey is not their organization's
    reply = partner.post(f"/staff/runs/{built.run}/themes/{built.themes['Bus routes']}/quote",
                         data={"answer": built.answers["Bus routes"][0], "publish": "1"})
    assert reply.status_code == 403
    assert "story" not in main_text(client.get("/p/valley").get_data(as_text=True))


def test_an_answer_too_long_to_quote_is_not_offered_and_is_refused(app, client, built):
    answer = built.answers["Bus routes"][1]
    with app.app_context():
        from surveys.models import Answer
        db.session.get(Answer, answer).value_text = "The bus never comes on time. " * 20  # 580 characters
        db.session.commit()
    analyst = staff(app, "analyst")
    answers_page = f"/staff/runs/{built.run}/themes/{built.themes['Bus routes']}"
    assert analyst.get(answers_page).get_data(as_text=True).count("Publish this quote<span") == 11  # of 12
    analyst.post(f"{answers_page}/quote", data={"answer": answer, "publish": "1"})
    assert "up to 300 characters" in analyst.get(answers_page).get_data(as_text=True)
    assert "never comes" not in client.get("/p/valley").get_data(as_text=True)
    assert audit_actions(app) == []
