"""A live Chorus server and a phone-sized Chromium for the browser tests.

Needs Debian's ``/usr/bin/chromium`` and the ``playwright`` package (never ``playwright install``);
the tests skip with the reason when either is missing.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    reason = None
    if not CHROMIUM.exists():
        reason = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "browser tests need the playwright package (pip install playwright; no browser download)"
    for item in items:
        if "browser" in item.keywords and reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@dataclass
class LiveServer:
    url: str
    app: object


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """Chorus on a random local port, with every built-in template open as ``/s/<template-name>``."""
    from werkzeug.serving import make_server

    from feedback import create_app
    from surveys.db import db
    from surveys.definition import list_templates, load_template
    from surveys.models import Partnership, SurveyStatus
    from surveys.services import create_survey

    folder = tmp_path_factory.mktemp("browser")
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "browser-tests",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/browser.db",
        "INSTANCE_PATH": str(folder),
        "REDIS_URL": None,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_SUBMIT": "100000 per minute",  # the limiter is shared by every app: never disable it
        "SESSION_COOKIE_SECURE": False,  # plain http on 127.0.0.1
    })
    with app.app_context():
        db.create_all()
        partnership = Partnership(slug="browser", name="Browser test partnership")
        db.session.add(partnership)
        for name in list_templates():
            survey = create_survey(partnership, load_template(name), slug=name.replace("_", "-"))
            survey.move_to(SurveyStatus.OPEN)
        closed = create_survey(partnership, load_template("learner_feedback"), slug="closed-survey")
        closed.move_to(SurveyStatus.OPEN)
        closed.move_to(SurveyStatus.CLOSED)
        db.session.commit()
        db.engine.dispose()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh phone-sized tab (its own cookies) per test."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(45_000)  # generous: CI machines run other suites at the same time
    yield page
    context.close()


# Reports every blocked script, style or image to Python before the page's own code runs.
REPORT_VIOLATIONS = """document.addEventListener('securitypolicyviolation', e =>
  window.chorusViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} ` +
                         `at ${e.sourceFile || document.URL}:${e.lineNumber} ${e.sample || ''}`));"""


def watch_console_and_policy(page) -> list[str]:
    """Collect, into the returned list, the tab's console messages, uncaught errors and
    Content-Security-Policy violations (on every page it visits from now on)."""
    problems: list[str] = []
    page.on(
        "console", lambda message: problems.append(f"console {message.type}: {message.text} ({page.url})")
    )
    page.on("pageerror", lambda error: problems.append(f"error: {error} ({page.url})"))
    page.expose_function("chorusViolation", lambda text: problems.append(f"policy: {text}"))
    page.add_init_script(REPORT_VIOLATIONS)
    return problems
