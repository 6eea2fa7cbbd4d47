"""Coming back to a survey saved for later: carrying on is the obvious action, starting over is explicit;
the start page says who asks and whom the survey is for."""

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


def answer_and_save(client) -> None:
    client.post(f"{START}/start")
    client.post(f"{START}/page/1", data={"q_goal": "job", "action": "next"})
    assert client.post(f"{START}/page/2", data={"action": "save"}).location.endswith("/saved")


def test_with_answers_saved_for_later_continuing_comes_first(client, db, survey):
    answer_and_save(client)
    page = client.get(START).get_data(as_text=True)
    assert primary_action(page) == "Continue your answers"
    assert "You have already started this survey" in page
    assert "Start now" not in page
    assert re.search(r'<button class="btn sec" type="submit">Start again</button>', page)
    assert "will not be sent" in page
    spanish = client.get(START + "?lang=es", follow_redirects=True).get_data(as_text=True)
    assert primary_action(spanish) == "Continuar con sus respuestas" and "Empezar de nuevo" in spanish


def test_start_now_from_an_old_tab_carries_on_instead_of_starting_afresh(client, db, survey):
    answer_and_save(client)
    reply = client.post(f"{START}/start")  # the start page as it was before, without "restart"
    assert reply.location.endswith("/continue")
    assert client.get(reply.location).location.endswith("/page/2")
    assert len(db.session.scalars(db.select(Response)).all()) == 1


def test_start_again_gives_an_empty_survey(client, db, survey):
    answer_and_save(client)
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


def test_the_start_page_says_who_asks_and_whom_the_survey_is_for(client, db, survey):
    survey.partnership.name = "Tri-County Healthcare Careers Partnership"
    db.session.commit()
    english = client.get(START + "?lang=en", follow_redirects=True).get_data(as_text=True)
    assert "A survey by Tri-County Healthcare Careers Partnership" in english
    assert "For people looking for work or training" in english
    spanish = client.get(START + "?lang=es", follow_redirects=True).get_data(as_text=True)
    assert "Una encuesta de Tri-County Healthcare Careers Partnership" in spanish
    assert "Para personas que buscan empleo o capacitación" in spanish


def test_the_home_page_names_each_partnership_and_whom_each_survey_is_for(client, db):
    from surveys.models import Audience
    from tests import factories

    tri_county = factories.partnership(name="Tri-County Healthcare Careers Partnership")
    make_survey(slug="every-type")
    employers = make_survey("employer_skill_needs", slug="employer-skill-needs")
    seekers = make_survey("career_seeker_needs", slug="career-seekers")
    employers.partnership = seekers.partnership = tri_county
    db.session.commit()
    assert employers.audience is Audience.EMPLOYER

    def listing(language: str) -> dict[str, list[str]]:
        """Each partnership heading with its surveys, as "title / who it is for"."""
        page = client.get(f"/?lang={language}", follow_redirects=True).get_data(as_text=True)
        main = page.split("<main", 1)[1]
        groups = re.findall(r"<h2>([^<]+)</h2>\s*<ul class=\"list\">(.*?)</ul>", main, re.DOTALL)
        return {name: [f"{title} / {audience}" for title, audience in
                       re.findall(r'<a href="[^"]+"[^>]*>([^<]+)</a><span class="aud">([^<]+)</span>', items)]
                for name, items in groups}

    english = listing("en")
    assert english["Tri-County Healthcare Careers Partnership"] == [
        "Your hiring needs in health care / For employers",
        "Your job search: what helps and what gets in the way / For people looking for work or training"]
    assert len(english) == 2  # the every-type survey sits under its own partnership
    spanish = listing("es")
    assert [item.split(" / ")[1] for item in spanish["Tri-County Healthcare Careers Partnership"]] == [
        "Para empleadores", "Para personas que buscan empleo o capacitación"]
