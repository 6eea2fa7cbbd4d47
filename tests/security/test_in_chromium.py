"""Stored payloads rendered in a real Chromium for every role: no script runs, the policy blocks nothing
(nothing of ours was live enough to need blocking), and no dialog opens.

The server runs on a copy of the security snapshot into which markup was typed the ways staff and
respondents can: answers (through the API), "other" words, a theme name and a wave name.
"""

# ruff: noqa: F811  (the fixtures imported below are parameters of the tests)
from __future__ import annotations

import threading

import pytest

from tests.browser.conftest import CHROMIUM, browser, watch_console_and_policy  # noqa: F401  (fixtures)
from tests.conftest import make_config
from tests.security import payloads
from tests.security.conftest import CONFIG, EVERY_TYPE, QUESTION, ROLES, SURVEY, email
from tests.staff.conftest import PASSWORD

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian's chromium at {CHROMIUM}")]


@pytest.fixture(scope="module")
def stained_server(test_database, security_snapshot, tmp_path_factory):
    """A live server on its own copy of the snapshot, with markup stored everywhere a person types."""
    from werkzeug.serving import make_server

    from feedback import create_app
    from surveys.db import db

    folder = tmp_path_factory.mktemp("stained")
    database = test_database.restore(security_snapshot, folder)
    app = create_app(make_config(database.url, database.engine_options, folder / "instance", **CONFIG,
                                 SESSION_COOKIE_SECURE=False, RATELIMIT_SUBMIT="10000 per minute"))
    target = security_snapshot.value
    client = app.test_client()
    for text in payloads.XSS:
        reply = client.post(f"/api/v1/surveys/{EVERY_TYPE}/responses", json={"answers": {
            "goal": {"key": "other", "other": text}, "story": text, "name_of_job": text[:20]}})
        assert reply.status_code == 201
    client.post("/staff/login", data={"email": email("admin"), "password": PASSWORD})
    client.post(f"/staff/runs/{target.run}/themes/{target.theme_ids[0]}/rename", data={"label": payloads.XSS[1]})
    client.post(f"/staff/surveys/{EVERY_TYPE}/waves", data={"label": payloads.XSS[0][:100]})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", target
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def pages(target) -> list[str]:
    """The staff pages that show what people typed."""
    return ["/staff/", f"/staff/surveys/{EVERY_TYPE}", f"/staff/surveys/{EVERY_TYPE}/responses",
            f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report",
            f"/staff/runs/{target.run}/themes/{target.theme_ids[0]}",
            f"/staff/surveys/{EVERY_TYPE}/builder", f"/staff/partnerships/{target.partnership}/people"]


@pytest.mark.parametrize("role", ROLES)
def test_no_payload_runs_on_any_staff_page(browser, stained_server, role):
    url, target = stained_server
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(45_000)
    problems = watch_console_and_policy(page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}/staff/login")
    page.fill("input[name=email]", email(role))
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    visited = 0
    for address in pages(target):
        response = page.goto(url + address)
        assert response.status < 500, address
        if response.status == 200:
            visited += 1
            # A payload that ran would have made the title exactly the mark (as text it is only part).
            assert page.title() != payloads.MARK, address
    context.close()
    assert visited >= 4
    assert not dialogs, dialogs
    # A blocked inline handler or script would be a payload that escaped escaping (the policy held).
    assert not [p for p in problems if p.startswith(("policy", "error:"))], problems
