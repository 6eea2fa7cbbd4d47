"""CSRF on respondent forms and the configurable submission rate limit."""

from __future__ import annotations

import re

import pytest

from tests.surveys.helpers import make_survey


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True, "RATELIMIT_ENABLED": True, "RATELIMIT_SUBMIT": "3 per minute"}


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


@pytest.mark.redis
def test_limit_is_shared_by_workers_through_redis(app_config, db):
    """With REDIS_URL every worker counts into one store, so the limit does not multiply."""
    import os
    import secrets

    from feedback import create_app

    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15) to test the Redis store")
    make_survey()
    db.session.commit()
    config = {**app_config, "WTF_CSRF_ENABLED": False, "RATELIMIT_STORAGE_URI": url,
              "RATELIMIT_KEY_PREFIX": f"test-{secrets.token_hex(4)}", "RATELIMIT_SUBMIT": "2 per minute"}
    apps = [create_app(config) for _ in range(2)]
    try:
        workers = [worker.test_client() for worker in apps]
        codes = [workers[i % 2].post("/s/every-type/start").status_code for i in range(4)]
    finally:
        for worker in apps:  # close their connection pools now, not at garbage collection
            with worker.app_context():
                db.engine.dispose()
    assert codes == [302, 302, 429, 429]
