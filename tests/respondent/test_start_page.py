"""Coming back to a survey in progress: carrying on is the obvious action, starting over is explicit."""

from __future__ import annotations

import re

import pytest

from surveys.models import Response
from tests.surveys.helpers import make_survey

START = "/s/every-type"


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def primary_action(page: str) -> str:
    """The first call to action in the page's main content (a green button or link)."""
    main = page.split('<main', 1)[1]
    return re.search(r'<(?:a|button) class="btn"[^>]*>([^<]+)<', main).group(1)


def test_a_new_visitor_is_offered_start_now(client, survey):
    page = client.get(START).get_data(as_text=True)
    assert primary_action(page) == "Start now"
    assert "Continue your answers" not in page


def test_with_answers_in_progress_continuing_comes_first(client, db, survey):
    client.post(f"{START}/start")
    client.post(f"{START}/page/1", data={"q_goal": "job", "action": "next"})
    page = client.get(START).get_data(as_text=True)
    assert primary_action(page) == "Continue your answers"
    assert "You have already started this survey" in page
    assert "Start now" not in page
    assert re.search(r'<button class="btn sec" type="submit">Start again</button>', page)
    assert "will not be sent" in page
    spanish = client.get(START + "?lang=es").get_data(as_text=True)
    assert primary_action(spanish) == "Continuar con sus respuestas" and "Empezar de nuevo" in spanish


def test_start_now_from_an_old_tab_carries_on_instead_of_starting_afresh(client, db, survey):
    client.post(f"{START}/start")
    client.post(f"{START}/page/1", data={"q_goal": "job", "action": "next"})
    reply = client.post(f"{START}/start")  # the start page as it was before, without "restart"
    assert reply.location.endswith("/continue")
    assert client.get(reply.location).location.endswith("/page/2")
    assert len(db.session.scalars(db.select(Response)).all()) == 1


def test_start_again_gives_an_empty_survey(client, db, survey):
    client.post(f"{START}/start")
    client.post(f"{START}/page/1", data={"q_goal": "job", "action": "next"})
    reply = client.post(f"{START}/start", data={"restart": "1"})
    assert reply.location.endswith("/page/1")
    assert 'value="job" checked' not in client.get(reply.location).get_data(as_text=True)
    assert len(db.session.scalars(db.select(Response)).all()) == 2


def test_after_finishing_the_start_page_offers_start_now_again(client, survey):
    client.post(f"{START}/start")
    client.post(f"{START}/page/1", data={"q_goal": "job", "action": "next"})
    client.post(f"{START}/page/2", data={"action": "next"})
    client.post(f"{START}/page/4", data={"action": "submit"})
    assert primary_action(client.get(START).get_data(as_text=True)) == "Start now"
