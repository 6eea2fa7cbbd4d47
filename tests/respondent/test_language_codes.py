"""A survey written in a language the interface does not speak (Korean): a link or the language switch
with ``?lang=ko`` shows the survey in Korean, with the interface's words in English."""

from __future__ import annotations

import re

import pytest

from surveys.definition import load_definition
from tests.surveys.helpers import make_survey


def _words(en: str, ko: str) -> dict[str, str]:
    return {"en": en, "ko": ko}


@pytest.fixture
def korean(db):
    survey = make_survey(load_definition({
        "title": _words("Your work", "당신의 일"), "intro": _words("Short.", "짧은 설문입니다."),
        "audience": "career_seeker", "languages": ["en", "ko"],
        "sections": [{"key": "first", "title": _words("About work", "일에 대하여"), "questions": [
            {"key": "story", "type": "short_text", "text": _words("Tell us.", "말씀해 주세요."), "required": True}]}],
    }), slug="korean")
    db.session.commit()
    return survey


def _html_lang(page: str) -> str:
    return re.search(r'<html lang="([\w-]+)"', page).group(1)


def test_a_link_in_korean_opens_the_survey_in_korean(app, korean):
    client = app.test_client()
    start = client.get("/s/korean?lang=ko", follow_redirects=True).get_data(as_text=True)
    assert _html_lang(start) == "ko" and "당신의 일" in start
    client.post("/s/korean/start")
    page = client.get("/s/korean/page/1").get_data(as_text=True)
    assert _html_lang(page) == "ko" and "말씀해 주세요." in page
    assert "Send my answers" in page  # the interface has no Korean catalog: its words fall back to English
    errors = client.post("/s/korean/page/1", data={"action": "next"}).get_data(as_text=True)
    assert "Answer this question" in errors


def test_the_language_switch_on_the_start_page_reaches_korean(app, korean):
    client = app.test_client()
    english = client.get("/s/korean").get_data(as_text=True)
    switch = re.search(r'<a href="([^"]+)" lang="ko"', english).group(1).replace("&amp;", "&")
    korean_page = client.get(switch, follow_redirects=True).get_data(as_text=True)
    assert _html_lang(korean_page) == "ko" and "당신의 일" in korean_page


def test_a_made_up_language_is_ignored(app, korean):
    client = app.test_client()
    reply = client.get("/s/korean?lang=<b>xx</b>", follow_redirects=True)
    assert reply.status_code == 200 and _html_lang(reply.get_data(as_text=True)) == "en"
