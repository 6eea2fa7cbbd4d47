"""The language a person answers in carries through save, resume and the thank-you page, whatever
the browser asks for; choosing a language on purpose (``?lang=``) still wins."""

from __future__ import annotations

import re

import pytest

from surveys.models import Response
from tests.surveys.helpers import make_survey

START = "/s/every-type"
ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}
SPANISH_BROWSER = {"Accept-Language": "es-MX,es;q=0.9"}


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def lang_of(reply) -> str:
    return re.search(r'<html lang="(\w+)">', reply.get_data(as_text=True)).group(1)


def first_page(client, language: str, headers: dict) -> None:
    client.get(f"{START}?lang={language}", headers=headers)
    client.post(f"{START}/start?lang={language}", headers=headers)
    reply = client.post(f"{START}/page/1", headers=headers,
                        data={"q_goal": "job", "q_barriers": ["bus"], "action": "next"})
    assert reply.location.endswith("/page/2")


def save(client, headers: dict) -> str:
    """Save and finish later; returns the resume link shown on the saved page."""
    reply = client.post(f"{START}/page/2", headers=headers, data={"q_story": "A medias", "action": "save"})
    page = client.get(reply.location, headers=headers).get_data(as_text=True)
    return re.search(r'<p class="brk"><a href="([^"]+)"', page).group(1).replace("&amp;", "&")


def test_answers_saved_in_spanish_resume_in_spanish_on_an_english_phone(app, client, db, survey):
    first_page(client, "es", SPANISH_BROWSER)
    link = save(client, SPANISH_BROWSER)
    assert "lang=es" in link

    phone = app.test_client()  # another device whose browser asks for English
    resume_page = phone.get(link, headers=ENGLISH_BROWSER, follow_redirects=True)
    assert lang_of(resume_page) == "es"
    assert "lang=" not in resume_page.request.url and "code=" in resume_page.request.url
    assert "Continuar con sus respuestas" in resume_page.get_data(as_text=True)
    code = re.search(r"code=([A-Z0-9-]+)", link).group(1)
    form_action = re.search(r'<form method="post" action="([^"]+)"', resume_page.get_data(as_text=True)).group(1)
    reply = phone.post(form_action.replace("&amp;", "&"), data={"code": code}, headers=ENGLISH_BROWSER)
    assert "/page/4" in reply.location  # the first page not yet answered
    page = phone.get(reply.location, headers=ENGLISH_BROWSER)
    assert lang_of(page) == "es" and "Sobre usted" in page.get_data(as_text=True)

    done = phone.post(f"{START}/page/4", data={"action": "submit"}, headers=ENGLISH_BROWSER)
    thanks = phone.get(done.location, headers=ENGLISH_BROWSER)
    assert lang_of(thanks) == "es" and "Gracias" in thanks.get_data(as_text=True)
    assert db.session.scalar(db.select(Response.language)) == "es"


def test_a_resume_link_without_lang_does_not_reveal_whether_its_code_exists(app, client, survey):
    first_page(client, "es", SPANISH_BROWSER)
    link = save(client, SPANISH_BROWSER)
    bare = re.sub(r"[?&]lang=es", "", link)
    assert "lang=" not in bare
    real = app.test_client().get(bare, headers=ENGLISH_BROWSER)
    made_up = app.test_client().get(re.sub(r"code=[A-Z0-9-]+", "code=ZZZZ-ZZZZ", bare), headers=ENGLISH_BROWSER)
    assert lang_of(real) == lang_of(made_up) == "en"  # a GET never looks the code up
    # Typing the code on a resume page reached without ?lang= carries on in the answers' language.
    phone, page_url = resume_on_another_phone(app, link, ENGLISH_BROWSER)
    assert "lang=" not in page_url
    assert lang_of(phone.get(page_url, headers=ENGLISH_BROWSER)) == "es"


def resume_on_another_phone(app, link: str, headers: dict):
    """Type the code from ``link`` into the resume page of a new device (no ``?lang=`` anywhere)."""
    phone = app.test_client()
    code = re.search(r"code=([A-Z0-9-]+)", link).group(1)
    reply = phone.post(f"{START}/resume", data={"code": code}, headers=headers)
    assert reply.status_code == 302
    return phone, reply.location


def test_answered_in_english_thanked_in_english_on_a_spanish_phone(app, client, survey):
    first_page(client, "en", ENGLISH_BROWSER)
    phone, page_url = resume_on_another_phone(app, save(client, ENGLISH_BROWSER), SPANISH_BROWSER)
    assert lang_of(phone.get(page_url, headers=SPANISH_BROWSER)) == "en"
    done = phone.post(f"{START}/page/4", data={"action": "submit"}, headers=SPANISH_BROWSER)
    thanks = phone.get(done.location, headers=SPANISH_BROWSER)
    assert lang_of(thanks) == "en" and "Thank you" in thanks.get_data(as_text=True)
    # Asking for Spanish on purpose still gets Spanish.
    assert lang_of(phone.get(f"{START}/thanks?lang=es", headers=SPANISH_BROWSER, follow_redirects=True)) == "es"


def test_choosing_a_language_on_purpose_wins_and_sticks_to_the_response(client, db, survey):
    first_page(client, "en", ENGLISH_BROWSER)
    page = client.get(f"{START}/page/2?lang=es", headers=ENGLISH_BROWSER, follow_redirects=True)
    assert lang_of(page) == "es"
    # The choice is kept and the address drops it; the next page is in Spanish too.
    assert page.request.url.endswith("/page/2")
    action = re.search(r'<form id="page-form" method="post" action="([^"]+)"', page.get_data(as_text=True)).group(1)
    assert "lang=" not in action
    reply = client.post(action, data={"action": "next"}, headers=ENGLISH_BROWSER)
    assert lang_of(client.get(reply.location, headers=ENGLISH_BROWSER)) == "es"
    assert db.session.scalar(db.select(Response.language)) == "es"


def test_start_page_shows_an_unfinished_response_in_its_language(app, client, survey):
    first_page(client, "es", SPANISH_BROWSER)
    phone, _ = resume_on_another_phone(app, save(client, SPANISH_BROWSER), ENGLISH_BROWSER)
    assert lang_of(phone.get(START, headers=ENGLISH_BROWSER)) == "es"


def test_switching_language_on_the_start_page_carries_on_in_that_language(client, db, survey):
    first_page(client, "en", ENGLISH_BROWSER)
    save(client, ENGLISH_BROWSER)
    start = client.get(f"{START}?lang=es", headers=ENGLISH_BROWSER, follow_redirects=True).get_data(as_text=True)
    link = re.search(r'<a class="btn" href="([^"]+)">Continuar con sus respuestas', start).group(1)
    assert "lang=" not in link
    page_url = client.get(link, headers=ENGLISH_BROWSER).location
    assert lang_of(client.get(page_url, headers=ENGLISH_BROWSER)) == "es"


def test_once_a_response_takes_the_chosen_language_the_responses_language_leads(app, client, survey):
    """A language chosen on one response's page does not override another response's later on."""
    first_page(client, "es", SPANISH_BROWSER)
    link = save(client, SPANISH_BROWSER)
    phone = app.test_client()
    phone.get(f"{START}?lang=en", headers=ENGLISH_BROWSER)  # the phone's person picks English...
    phone.post(f"{START}/start", headers=ENGLISH_BROWSER)  # ...and an English response takes it on
    code = re.search(r"code=([A-Z0-9-]+)", link).group(1)
    page_url = phone.post(f"{START}/resume", data={"code": code}, headers=ENGLISH_BROWSER).location
    assert lang_of(phone.get(page_url, headers=ENGLISH_BROWSER)) == "es"  # the saved answers' language


@pytest.mark.parametrize("path", ["", "/resume", "/resume?code=ABCD-EFGH", "/page/1"])
def test_switching_language_leaves_a_clean_address(client, survey, path):
    """The header's language links add ``?lang=``; the page then shows at its address without it."""
    client.post(f"{START}/start")
    reply = client.get(f"{START}{path}{'&' if '?' in path else '?'}lang=es", follow_redirects=True)
    assert lang_of(reply) == "es"
    assert reply.request.url == f"http://localhost{START}{path}"
    # And the choice sticks on the pages that follow.
    assert lang_of(client.get(f"{START}/page/1")) == "es"


def test_the_language_switch_button_inside_a_survey_leaves_no_lang_in_the_address(client, db, survey):
    first_page(client, "en", ENGLISH_BROWSER)
    reply = client.post(f"{START}/page/2", data={"q_story": "Algo", "action": "lang:es"}, headers=ENGLISH_BROWSER)
    page = reply.get_data(as_text=True)
    assert lang_of(reply) == "es"
    action = re.search(r'<form id="page-form" method="post" action="([^"]+)"', page).group(1)
    assert action == f"{START}/page/2"  # where the next post goes, and what the address bar shows
    assert not re.search(r"[?&]lang=", page)


def test_a_browser_asking_for_chinese_by_region_gets_simplified_chinese():
    """Browsers send "zh-CN"; the catalog and surveys say "zh-Hans"."""
    from feedback import create_app
    from feedback.respondent.language import browser_language

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context(headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}):
        assert browser_language(["en", "es", "zh-Hans"]) == "zh-Hans"
    with app.test_request_context(headers={"Accept-Language": "vi-VN,vi;q=0.9"}):
        assert browser_language(["en", "vi"]) == "vi"
    with app.test_request_context(headers={"Accept-Language": "fr-FR"}):
        assert browser_language(["en", "es"]) is None
