"""After sending: the thank-you page says what happens to the answers, and an old resume link says the
answers were sent rather than that its code does not exist."""

from __future__ import annotations

import re

import pytest

from feedback import create_app
from tests.surveys.helpers import make_survey

START = "/s/every-type"


@pytest.fixture
def survey(db):
    survey = make_survey()
    survey.partnership.name = "Tri-County Healthcare Careers Partnership"
    survey.partnership.slug = "tri-county"
    db.session.commit()
    return survey


def send(client, language: str = "en") -> str:
    """Answer the every-type survey (saving once on the way); returns the resume code it had."""
    client.post(f"{START}/start?lang={language}")
    client.post(f"{START}/page/1", data={"q_goal": "job", "action": "next"})
    client.post(f"{START}/page/2", data={"action": "save"})
    code = re.search(r'<p class="code">([A-Z0-9-]+)</p>', client.get(f"{START}/saved").get_data(as_text=True)).group(1)
    client.get(f"{START}/continue")
    assert client.post(f"{START}/page/4", data={"action": "submit"}).location.endswith("/thanks")
    return code


def main_text(page: str) -> str:
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_the_thank_you_page_says_what_happens_next_in_both_languages(client, survey):
    send(client)
    english = main_text(client.get(f"{START}/thanks").get_data(as_text=True))
    assert "What happens next" in english
    assert "Staff of Tri-County Healthcare Careers Partnership read your answers together with everyone else’s." in english
    assert "No name is attached to your answers" in english
    assert "shares back what it learns and what it does about it" in english
    spanish = main_text(client.get(f"{START}/thanks?lang=es", follow_redirects=True).get_data(as_text=True))
    assert "Qué pasa ahora" in spanish
    assert "El personal de Tri-County Healthcare Careers Partnership lee sus respuestas" in spanish
    assert "Sus respuestas no llevan ningún nombre" in spanish


def test_a_survey_asking_for_contact_details_says_so_on_the_thank_you_page(client, db, survey):
    survey.collects_contact = True
    db.session.commit()
    send(client)
    page = main_text(client.get(f"{START}/thanks").get_data(as_text=True))
    assert "If you gave contact details, they are kept apart and used only to contact you." in page


def test_the_thank_you_page_links_to_the_partnerships_public_page_while_it_is_on(app, client, db, survey):
    send(client)
    page = client.get(f"{START}/thanks").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)">See what Tri-County Healthcare Careers Partnership heard and what it is '
                     r"doing</a>", page)
    assert link and link.group(1) == "/p/tri-county"
    assert client.get(link.group(1)).status_code == 200

    survey.partnership.public_page = False  # staff turned the page off
    db.session.commit()
    send(client)
    page = main_text(client.get(f"{START}/thanks").get_data(as_text=True))
    assert "See what" not in page and "/p/tri-county" not in page
    assert "shares back what it learns" in page  # what happens next is still said


def test_the_thank_you_page_has_no_public_link_in_an_app_without_the_public_page(app, client, db, survey):
    without = create_app(app.config)
    del without.view_functions["public.partnership"]  # as before the public page existed
    other = without.test_client()
    try:
        send(other)
        page = other.get(f"{START}/thanks").get_data(as_text=True)
    finally:
        with without.app_context():
            db.engine.dispose()
    assert "See what" not in page


def test_an_old_resume_link_after_sending_says_the_answers_were_sent(app, client, survey):
    code = send(client, "es")
    phone = app.test_client()
    page = phone.get(f"{START}/resume?code={code}&lang=es", follow_redirects=True)
    assert 'value="' + code + '"' in page.get_data(as_text=True)  # the link fills the code in
    reply = phone.post(f"{START}/resume", data={"code": code})
    text = main_text(reply.get_data(as_text=True))
    assert reply.status_code == 200
    assert "Estas respuestas ya se enviaron" in text and "no tiene que hacer nada más" in text
    assert "No encontramos ese código" not in text
    # A code that never existed still gets "not found", and neither opens any answers.
    made_up = main_text(phone.post(f"{START}/resume", data={"code": "ZZZZ-ZZZZ"}).get_data(as_text=True))
    assert "No encontramos ese código" in made_up
