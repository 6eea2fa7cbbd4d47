"""A phone or library computer passed from person to person: "Continue" offers only answers someone
saved on purpose, unsaved answers are forgotten after a short idle time, and contact details are never
shown back to whoever continues."""

from __future__ import annotations

import re

import pytest

from surveys.models import Answer, Response
from tests.surveys.helpers import make_survey

START = "/s/every-type"
CONTACT = {"q_contact": "y", "q_contact__email": "maria@example.com", "q_contact__phone": "555 123 4567"}


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def first_and_second_page(client, **second) -> None:
    """Start, answer page 1, and send page 2 with ``second`` (contact details, for instance)."""
    client.post(f"{START}/start")
    client.post(f"{START}/page/1", data={"q_goal": "job", "q_barriers": ["childcare"], "action": "next"})
    return client.post(f"{START}/page/2", data={"q_story": "Buses are late", **second})


def walk_away(client, minutes: float) -> None:
    """Pretend the last request about the survey was ``minutes`` ago."""
    with client.session_transaction() as session:
        session["seen"] = {slug: seen - minutes * 60 for slug, seen in session["seen"].items()}


def test_an_unsaved_response_is_not_offered_to_the_next_person(client, survey):
    first_and_second_page(client, action="next")
    page = client.get(START).get_data(as_text=True)  # the next person opens the same link
    assert "Continue your answers" not in page and "You have already started" not in page
    assert re.search(r'<button class="btn" type="submit">Start now</button>', page)
    # "Start now" gives them an empty survey, not the answers left behind.
    first = client.post(f"{START}/start").location
    assert 'value="job" checked' not in client.get(first).get_data(as_text=True)
    assert client.get(f"{START}/continue").location.endswith(START)


def test_an_unsaved_response_is_forgotten_after_the_idle_time(client, survey):
    first_and_second_page(client, action="next")
    walk_away(client, 19)
    assert client.get(f"{START}/page/2").status_code == 200  # still there after 19 minutes
    walk_away(client, 21)
    reply = client.get(f"{START}/page/1")
    assert reply.location.endswith(START)
    page = client.get(reply.location).get_data(as_text=True)
    assert "were cleared from this device after 20 minutes without activity" in page
    assert 'value="job" checked' not in client.get(client.post(f"{START}/start").location).get_data(as_text=True)
    # Sending a page left open does not bring the answers back either.
    walk_away(client, 21)
    assert client.post(f"{START}/page/1", data={"action": "back"}).location.endswith(START)


def test_the_idle_time_is_configurable(app, client, survey):
    app.config["RESPONDENT_IDLE_MINUTES"] = 5
    first_and_second_page(client, action="next")
    walk_away(client, 6)
    assert client.get(f"{START}/page/2").location.endswith(START)
    spanish = client.get(f"{START}?lang=es", follow_redirects=True).get_data(as_text=True)
    assert "Si deja la encuesta 5 minutos sin guardar" in spanish


def test_a_response_saved_on_purpose_is_offered_and_does_not_expire(client, survey):
    first_and_second_page(client, action="save")
    walk_away(client, 120)
    page = client.get(START).get_data(as_text=True)
    assert "Continue your answers" in page
    assert client.get(client.get(f"{START}/continue").location).status_code == 200


def test_contact_details_are_never_shown_to_whoever_continues(client, db, survey):
    first_and_second_page(client, **CONTACT, action="next")
    # The person who typed them sees them while they go back and forth.
    assert "maria@example.com" in client.get(f"{START}/page/2").get_data(as_text=True)
    client.post(f"{START}/page/3", data={"action": "save"})
    # Then someone presses "Continue" on the start page of the same device.
    offer = client.get(START).get_data(as_text=True)
    assert "Continue your answers" in offer and "maria@example.com" not in offer
    page_url = client.get(f"{START}/continue").location
    assert page_url.endswith("/page/3")
    contact_page = client.get(f"{START}/page/2").get_data(as_text=True)
    assert "maria@example.com" not in contact_page and "555 123 4567" not in contact_page
    assert 'name="q_contact" value="y" checked' not in contact_page
    assert re.search(r'name="q_contact__keep" value="y" checked><label for="q_contact__keep">'
                     r"Keep the contact details I gave before", contact_page)
    assert "Buses are late" in contact_page  # other answers are shown as usual
    # Moving on with the boxes left empty keeps what was given.
    client.post(f"{START}/page/2", data={"q_story": "Buses are late", "q_contact__keep": "y", "action": "next"})
    stored = {a.option_key: a.value_text for a in db.session.scalars(db.select(Answer)) if a.option_key in ("email", "phone")}
    assert stored == {"email": "maria@example.com", "phone": "555 123 4567"}


def test_whoever_continues_can_replace_or_remove_the_contact_details(app, client, db, survey):
    first_and_second_page(client, **CONTACT, action="save")
    code = db.session.scalar(db.select(Response.resume_code))
    other = app.test_client()
    other.post(f"{START}/resume", data={"code": code})
    assert "maria@example.com" not in other.get(f"{START}/page/2").get_data(as_text=True)
    other.post(f"{START}/page/2", data={"q_contact__keep": "y", "q_contact": "y",
                                        "q_contact__email": "new@example.com", "action": "next"})
    emails = db.session.scalars(db.select(Answer.value_text).where(Answer.option_key == "email")).all()
    assert emails == ["new@example.com"]
    # Unticking "keep" with nothing typed removes them.
    other.post(f"{START}/page/2", data={"action": "next"})
    assert db.session.scalars(db.select(Answer).where(Answer.option_key.in_(["email", "phone"]))).all() == []
