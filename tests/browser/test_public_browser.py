"""The public "you said, we did" page in real Chromium on a phone: axe finds nothing serious, it
reflows at 320 px and at 200 % zoom, switches language without JavaScript, and breaks no policy."""

from __future__ import annotations

import shutil
import threading

import pytest

from tests.browser.conftest import watch_console_and_policy
from tests.browser.test_respondent_browser import check

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def public_server(tmp_path_factory):
    """Chorus on a random local port with one partnership whose public page has every part."""
    from werkzeug.serving import make_server

    from feedback import create_app
    from surveys.db import db
    from tests.public.helpers import small_public_page

    folder = tmp_path_factory.mktemp("public-browser")
    app = create_app({"TESTING": True, "SECRET_KEY": "browser-tests", "INSTANCE_PATH": str(folder),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/public.db", "REDIS_URL": None,
                      "RATELIMIT_STORAGE_URI": "memory://", "SESSION_COOKIE_SECURE": False})
    with app.app_context():
        db.create_all()
        slug = small_public_page()
        db.engine.dispose()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/p/{slug}"
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("language", ["en", "es"])
def test_axe_finds_nothing_serious_on_the_public_page(public_server, page, language):
    from axe_playwright_python.sync_playwright import Axe

    problems = watch_console_and_policy(page)
    page.goto(f"{public_server}?lang={language}")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main h2").count() == 3  # heard, doing, measures
    assert page.locator("main blockquote").count() == 2  # the two published quotes
    check(page, Axe(), f"public page ({language})", problems)
    assert not problems, "\n".join(problems)


def test_the_language_switch_works_without_javascript(public_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{public_server}?lang=en")
        assert page.locator("h1").inner_text() == "You said, we did"
        with page.expect_navigation():
            page.click(".langs a[lang='es']")
        assert page.locator("h1").inner_text() == "Ustedes dijeron, nosotros actuamos"
        assert "Un autobús temprano en la ruta del colegio." in page.locator("main").inner_text()
    finally:
        context.close()
