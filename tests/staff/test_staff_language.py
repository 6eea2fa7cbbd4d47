"""Staff pages in the staff member's language: their own choice on the account page, else their
browser's; every staff page in Spanish leaves no English interface text behind (data stays as written).
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from feedback.models import User
from surveys.db import db
from tests.staff.conftest import set_language, sign_in
from tests.staff.html_tree import parse
from tests.staff.test_access import staff_pages, targets  # noqa: F401  (targets is a fixture)

# Words only English uses among the interface's languages: two of them in one text mean English is left.
ENGLISH_WORDS = {"the", "and", "of", "to", "your", "you", "is", "are", "for", "with", "this", "that",
                 "will", "not", "be", "has", "have", "was", "were", "it", "or", "from", "by", "an", "can"}
WORD = re.compile(r"[A-Za-z']+")


def texts_of(html: str) -> list[str]:
    """What a person reads or hears on the page: each text node, the title, and accessible names."""
    tree = parse(html)
    found = [tree.find_all("title")[0].text()] if tree.find_all("title") else []
    for node in tree.iter():
        if node.tag in ("script", "style") or _marked_english(node):
            continue
        found += [" ".join(child.split()) for child in node.children if isinstance(child, str) and child.strip()]
        found += [node.attrs[name] for name in ("aria-label", "title", "alt", "placeholder") if node.attrs.get(name)]
        if node.tag in ("input", "button") and node.attrs.get("type") in ("submit", "button"):
            found.append(node.attrs.get("value", ""))
    return [text for text in found if text]


def _marked_english(node) -> bool:
    """Inside an element marked ``lang="en"``: English on purpose (a publisher's credit), and said so."""
    while node is not None:
        if node.attrs.get("lang"):
            return node.attrs["lang"] == "en"
        node = node.parent
    return False


def stored_data(app) -> str:
    """Every value the database holds (survey texts, answers, names, labels): pages may show them as written."""
    with app.app_context():
        rows = [repr(row) for table in db.metadata.sorted_tables for row in db.session.execute(sa.select(table))]
        db.session.remove()
    return "\n".join(rows)


def english_left(text: str, data: str) -> bool:
    words = {w.lower() for w in WORD.findall(text)}
    return len(words & ENGLISH_WORDS) >= 2 and text not in data


def test_a_staff_member_who_chose_spanish_reads_spanish_whatever_their_browser_asks(app, world):
    email = world.users["analyst"]
    set_language(app, email, "es")
    client = app.test_client()
    sign_in(client, email)
    page = client.get("/staff/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert page.status_code == 200
    assert '<html lang="es">' in page.text
    assert "Cerrar sesión" in page.text and "Sign out" not in page.text


def test_without_a_choice_the_browser_decides_and_english_is_the_fallback(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    assert "Cerrar sesión" in client.get("/staff/", headers={"Accept-Language": "es-MX,es;q=0.9"}).text
    for header in ("ko-KR,ko;q=0.9", "vi", ""):  # staff pages are not translated into these: English
        page = client.get("/staff/", headers={"Accept-Language": header})
        assert "Sign out" in page.text and '<html lang="en">' in page.text, header


def test_the_account_page_saves_the_choice_and_refuses_a_language_it_does_not_offer(app, world):
    email = world.users["partner"]
    client = app.test_client()
    sign_in(client, email)
    account = client.get("/staff/account")
    assert 'lang="es"' in account.text and "Español" in account.text
    saved = client.post("/staff/account/language", data={"language": "es"}, follow_redirects=True)
    assert saved.status_code == 200 and "Cerrar sesión" in saved.text
    refused = client.post("/staff/account/language", data={"language": "xx"})
    assert refused.status_code == 422 and 'aria-invalid="true"' in refused.text
    back = client.post("/staff/account/language", data={"language": ""}, follow_redirects=True)
    assert back.status_code == 200 and "Sign out" in back.text  # the browser (no Accept-Language): English
    with app.app_context():
        assert db.session.scalar(sa.select(User.interface_language).where(User.email == email)) is None


@pytest.mark.parametrize("role", ["admin", "partner"])
def test_no_staff_page_in_spanish_leaves_english_interface_text(app, targets, world, role):  # noqa: F811
    email = world.users[role]
    set_language(app, email, "es")
    client = app.test_client()
    sign_in(client, email)
    data = stored_data(app)
    left: dict[str, list[str]] = {}
    pages = 0
    for url, page in staff_pages(app, client, targets):
        pages += 1
        english = [text for text in texts_of(page.text) if english_left(text, data)]
        if english:
            left[url] = english
    assert pages >= 15
    assert left == {}, f"English left on Spanish staff pages: {left}"


def test_programs_get_english_and_an_unknown_survey_language_falls_back_to_english(app):
    from flask import g

    from feedback.interface_language import select_locale

    for path in ("/api/v1/staff/surveys", "/openrosa/formList"):
        with app.test_request_context(path, headers={"Accept-Language": "es"}):
            assert select_locale() == "en", path  # API and OpenRosa messages stay English
    with app.test_request_context("/staff/", headers={"Accept-Language": "es"}):
        assert select_locale() == "es"
    with app.test_request_context("/s/anything"):
        g.lang = "tlh"  # a survey may be written in any well-formed code Babel does not know
        assert select_locale() == "en"
        g.lang = "zh-Hans"
        assert select_locale() == "zh_Hans"


def test_a_theme_named_from_fewer_answers_than_the_threshold_keeps_the_staff_name(app, world):
    """Words lifted from three answers would reach a page nobody reviews (the public page in Vietnamese)."""
    from feedback.models import Theme, ThemeRun
    from feedback.reports.theme_languages import own_name
    from surveys.models import Survey

    with app.app_context():
        survey = db.session.scalar(sa.select(Survey).where(Survey.slug == world.survey))
        run = ThemeRun(survey=survey, question=survey.questions[0])
        theme = Theme(run=run, position=0, engine_label="Bus", label="Bus", labels={"vi": "Xe buýt"},
                      languages={"vi": 3, "en": 3})
        db.session.add_all([run, theme])
        db.session.flush()
        assert own_name(theme, "vi") is None
        theme.languages = {"vi": 6, "en": 3}
        assert own_name(theme, "vi") == "Xe buýt"
        db.session.rollback()
