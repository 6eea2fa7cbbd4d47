"""CSRF on respondent forms and the configurable submission rate limit."""

from __future__ import annotations

import re

import pytest

from tests.surveys.helpers import make_survey


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True, "RATELIMIT_SUBMIT": "3 per minute"}


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def test_forms_need_a_csrf_token(client, survey):
    assert client.post("/s/every-type/start").status_code == 400
    page = client.get("/s/every-type").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/s/every-type/start", data={"csrf_token": token}).status_code == 302


def test_submissions_are_rate_limited_but_page_moves_are_not(client, survey):
    page = client.get("/s/every-type").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/s/every-type/start", data={"csrf_token": token}).status_code == 302
    for _ in range(5):  # moving between pages never counts
        assert client.post("/s/every-type/page/1", data={"csrf_token": token, "action": "back"}).status_code == 302
    codes = [client.post("/s/every-type/page/4", data={"csrf_token": token, "action": "submit"}).status_code
             for _ in range(3)]
    assert codes[-1] == 429 and 302 in codes[:2]
    assert "Too many tries" in client.post("/s/every-type/start", data={"csrf_token": token}).get_data(as_text=True)
