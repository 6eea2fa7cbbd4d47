"""Staff pages on a 390 px phone in real Chromium: nothing runs off the side of the page, wide tables
scroll inside a labelled region or become cards, answers read as lines of text, and the chart keeps
its title and legible labels (on a desktop too).

Needs Debian's ``/usr/bin/chromium`` and the ``playwright`` package (never ``playwright install``);
skips, saying why, where either is missing.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "layout test password"

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo partnership with themes found, served on a random local port."""
    from werkzeug.serving import make_server

    from feedback import create_app
    from feedback.accounts import add_user
    from feedback.demo.loader import load_demo
    from feedback.jobs import start_theme_run
    from feedback.models import Role
    from surveys.db import db
    from surveys.models import Question, Survey

    folder = tmp_path_factory.mktemp("staff-layout")
    app = create_app({
        "TESTING": True, "SECRET_KEY": "staff-layout", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/s.db",
        "INSTANCE_PATH": str(folder), "REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://",
        "SESSION_COOKIE_SECURE": False, "JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf",
    })
    with app.app_context():
        db.create_all()
        report = load_demo(seed=5, scale=0.3)
        add_user("admin@layout.example", report.partnership, Role.ADMIN, PASSWORD)
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "healthcare-career-seekers"))
        question = db.session.scalar(db.select(Question).where(Question.survey_id == survey.id,
                                                                Question.key == "barriers_detail"))
        run = start_theme_run(survey, question, None, None)
        theme = max((t for t in run.themes if not t.other), key=lambda t: t.size)
        db.session.commit()
        slug, partnership = survey.slug, report.partnership.slug
        urls = {
            "dashboard": "/staff/",
            "survey": f"/staff/surveys/{slug}",
            "close": f"/staff/surveys/{slug}/close",
            "responses": f"/staff/surveys/{slug}/responses",
            "report": f"/staff/surveys/{slug}/questions/barriers_detail/report",
            "theme": f"/staff/runs/{run.public_id}/themes/{theme.id}",
            "summary": f"/staff/surveys/{slug}/questions/barriers/summary",
            "people": f"/staff/partnerships/{partnership}/people",
            "new survey": f"/staff/partnerships/{partnership}/surveys/new",
            "not found": "/staff/surveys/no-such-survey",
        }
        db.engine.dispose()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", urls
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def signed_in(browser, base: str, viewport: dict):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(45_000)
    page.goto(base + "/staff/login")
    page.fill("#email", "admin@layout.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/staff/")
    return context, page


# Tables wider than the screen, and whether each is inside a labelled, keyboard-reachable scroll region.
WIDE_TABLES = """() => [...document.querySelectorAll('main table')]
  .filter(t => t.getBoundingClientRect().width > document.documentElement.clientWidth)
  .map(t => {
    const region = t.closest('[role=region]');
    return {caption: (t.caption || {}).textContent || '', scrolls: !!region && getComputedStyle(region).overflowX === 'auto'
            && region.tabIndex === 0 && !!(region.getAttribute('aria-label') || region.getAttribute('aria-labelledby'))};
  })"""

# Text of the chart: the smallest rendered size, and any text that pokes out of the drawing.
CHART = """() => {
  const svg = document.querySelector('main figure svg');
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')];
  return {
    smallest: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * box.width / svg.viewBox.baseVal.width)),
    outside: texts.filter(t => { const r = t.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1; })
      .map(t => t.textContent),
    overflow: box.right - document.documentElement.clientWidth,
  };
}"""


def test_no_staff_page_is_wider_than_a_phone(browser, server):
    base, urls = server
    context, page = signed_in(browser, base, PHONE)
    problems = []
    for name, path in urls.items():
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{name}: the page is {width} px wide")
        for table in page.evaluate(WIDE_TABLES):
            if not table["scrolls"]:
                problems.append(f"{name}: table {table['caption']!r} is cut off, not in a labelled scroll region")
    context.close()
    assert problems == []


def test_answers_read_as_lines_of_text_on_a_phone(browser, server):
    base, urls = server
    context, page = signed_in(browser, base, PHONE)
    page.goto(base + urls["theme"])
    widths = page.eval_on_selector_all("main blockquote", "quotes => quotes.map(q => q.getBoundingClientRect().width)")
    context.close()
    assert widths and min(widths) > 250, widths


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_chart_keeps_its_title_and_legible_labels(browser, server, viewport):
    base, urls = server
    context, page = signed_in(browser, base, viewport)
    page.goto(base + urls["report"])
    chart = page.evaluate(CHART)
    context.close()
    assert chart["outside"] == [], "text clipped at the edge of the chart"
    assert chart["smallest"] >= 12, chart
    assert chart["overflow"] <= 0, chart
