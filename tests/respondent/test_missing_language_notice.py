"""A reader who chose a language the survey is not written in is told so, in their own language, at the
top of the survey's start page, instead of meeting English without a word."""

from __future__ import annotations

import html
import re

import pytest

from tests.surveys.helpers import make_survey

START = "/s/every-type"  # written in English and Spanish


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def notice(page: str) -> tuple[str, str, str] | None:
    """(lang, dir, words) of the notice, or ``None``."""
    found = re.search(r'<p class="notice" role="status" lang="([^"]+)" dir="(\w+)">(.*?)</p>', page)
    return (found[1], found[2], html.unescape(found[3]).replace("\u2068", "").replace("\u2069", "")) if found else None


def test_arabic_chosen_on_the_home_page_is_missing_from_the_survey(client, survey):
    home = client.get("/?lang=ar", follow_redirects=True).get_data(as_text=True)
    assert '<html lang="ar"' in home
    page = client.get(START).get_data(as_text=True)
    assert '<html lang="en"' in page  # the survey itself, in English
    assert notice(page) == ("ar", "rtl", "هذا الاستبيان غير متوفر باللغة العربية. يُعرض باللغة الإنجليزية.")


@pytest.mark.parametrize("code, words", [
    ("vi", "Khảo sát này không có bằng Tiếng Việt. Khảo sát được hiển thị bằng Tiếng Anh."),
    ("zh-Hans", "此调查没有中文 (简体)版本，现以英语显示。"),
    ("ht", "Sondaj sa a pa disponib an Kreyòl Ayisyen. Li parèt an English."),
])
def test_each_interface_language_says_it_in_its_own_words(client, survey, code, words):
    page = client.get(f"{START}?lang={code}", follow_redirects=True).get_data(as_text=True)
    assert notice(page) == (code, "ltr", words)


def test_a_language_without_interface_words_is_named_in_english(client, survey):
    page = client.get(f"{START}?lang=ko", follow_redirects=True).get_data(as_text=True)
    assert notice(page) == ("en", "ltr", "This survey is not available in Korean. It is shown in English.")


def test_no_notice_when_the_survey_speaks_the_language_chosen(client, survey):
    page = client.get(f"{START}?lang=es", follow_redirects=True).get_data(as_text=True)
    assert '<html lang="es"' in page and notice(page) is None
    assert notice(client.get(START, headers={"Accept-Language": "ar"}).get_data(as_text=True)) is None


def test_a_survey_written_in_english_only_tells_a_spanish_reader(client, db):
    from surveys.definition import load_definition

    data = {"title": {"en": "Bus times"}, "audience": "career_seeker", "languages": ["en"],
            "sections": [{"key": "one", "title": {"en": "One"},
                          "questions": [{"key": "story", "type": "long_text", "text": {"en": "Tell us."}}]}]}
    make_survey(load_definition(data), slug="english-only")
    db.session.commit()
    page = client.get("/s/english-only?lang=es", follow_redirects=True).get_data(as_text=True)
    assert notice(page) == ("es", "ltr", "Esta encuesta no está disponible en español. Se muestra en inglés.")
