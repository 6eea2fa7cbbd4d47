"""Staff pages in real Chromium: answers carrying script payloads stay inert on every page that shows
them, no page breaks its Content-Security-Policy, axe-core finds nothing serious on the staff workspace,
and on a 390 px phone nothing runs off the side of a page, wide tables scroll inside a labelled region or
become cards, answers read as lines of text, and the chart keeps its title and legible labels (on a
desktop too)."""

from __future__ import annotations

import shutil
import threading

import pytest

from tests.browser.conftest import PHONE, watch_console_and_policy

DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.browser

PASSWORD = "browser staff password"
LONG_NAME = "Childcare/transportation/financial-aid/housing/english-classes/evening-schedules/waitlists"
PAYLOADS = [
    "<script>window.pwned = 'script'</script>",
    '<img src=x onerror="window.pwned = \'img\'">',
    '"><svg onload="window.pwned = \'svg\'"></svg>',
    "javascript:window.pwned='href'",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
]


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory):
    """The demo partnership with payloads among the career seekers' answers, themes already found
    (one theme renamed to a payload), served on a random local port."""
    from werkzeug.serving import make_server

    from feedback import create_app
    from feedback.accounts import add_user
    from feedback.curation import record
    from feedback.demo.loader import load_demo
    from feedback.jobs import start_theme_run
    from feedback.models import CurationKind, Role
    from surveys.db import db
    from surveys.models import Answer, Question, Survey

    folder = tmp_path_factory.mktemp("staff-browser")
    app = create_app({
        "TESTING": True, "SECRET_KEY": "staff-browser", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/s.db",
        "INSTANCE_PATH": str(folder), "REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://",
        "SESSION_COOKIE_SECURE": False, "JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf",
    })
    with app.app_context():
        db.create_all()
        report = load_demo(seed=11, scale=0.3)
        add_user("admin@browser.example", report.partnership, Role.ADMIN, PASSWORD)
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "healthcare-career-seekers"))
        question = db.session.scalar(db.select(Question).where(Question.survey_id == survey.id,
                                                                Question.key == "barriers_detail"))
        answers = db.session.scalars(db.select(Answer).where(Answer.question_id == question.id).limit(60)).all()
        for index, answer in enumerate(answers):
            answer.value_text = f"{PAYLOADS[index % len(PAYLOADS)]} no bus at night"
        db.session.commit()
        run = start_theme_run(survey, question, None, None)
        theme = next(t for t in run.themes if not t.other)
        record(run, CurationKind.RENAME, theme, user_id=None, label=PAYLOADS[1])
        # A name with no space to wrap at must still fit a phone (a reviewer's: 514 px on a 360 px page).
        long_named = next(t for t in run.themes if not t.other and t is not theme)
        record(run, CurationKind.RENAME, long_named, user_id=None, label=LONG_NAME)
        for wave in survey.waves:  # per wave too: the later one read against the earlier one's themes
            start_theme_run(survey, question, wave, None)
        db.session.commit()
        urls = {
            "dashboard": "/staff/",
            "survey": f"/staff/surveys/{survey.slug}",
            "responses": f"/staff/surveys/{survey.slug}/responses",
            "report": f"/staff/surveys/{survey.slug}/questions/barriers_detail/report",
            "theme": f"/staff/runs/{run.public_id}/themes/{theme.id}",
            "long-named theme": f"/staff/runs/{run.public_id}/themes/{long_named.id}",
            "summary": f"/staff/surveys/{survey.slug}/questions/barriers/summary",
            "trend": f"/staff/surveys/{survey.slug}/questions/barriers_detail/trend"
                     f"?segment=language:es&wave={survey.waves[-1].id}",
            "people": f"/staff/partnerships/{report.partnership.slug}/people",
            "actions": f"/staff/partnerships/{report.partnership.slug}/actions",
            "new action": f"/staff/partnerships/{report.partnership.slug}/actions/new",
            "measures": f"/staff/partnerships/{report.partnership.slug}/measures",
            "gaps": f"/staff/partnerships/{report.partnership.slug}/gaps",
            "job titles": f"/staff/partnerships/{report.partnership.slug}/occupations/review",
            "new survey": f"/staff/partnerships/{report.partnership.slug}/surveys/start",
            "builder": f"/staff/surveys/{survey.slug}/builder",
            "builder json": f"/staff/surveys/{survey.slug}/builder/json",
            "close": f"/staff/surveys/{survey.slug}/close",
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
    shutil.rmtree(folder, ignore_errors=True)


def sign_in(browser, base: str, viewport: dict):
    """A new browser context at ``viewport`` with the demo admin signed in; returns it and its page."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(45_000)
    page.goto(base + "/staff/login")
    page.fill("#email", "admin@browser.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/staff/")
    return context, page


@pytest.fixture
def signed_in(browser, staff_server):
    base, urls = staff_server
    context, page = sign_in(browser, base, PHONE)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page, base, urls, dialogs
    context.close()


def test_stored_payloads_never_run_on_any_staff_page(signed_in):
    page, base, urls, dialogs = signed_in
    for name, path in urls.items():
        page.goto(base + path)
        assert page.evaluate("window.pwned === undefined"), f"a payload ran on the {name} page"
        assert not page.query_selector("main script"), f"a script element reached the {name} page"
    # The payloads are shown as text, where staff can read them.
    page.goto(base + urls["responses"])
    assert "<script>window.pwned" in page.inner_text("main")
    page.goto(base + urls["report"])
    assert "onerror" in page.inner_text("main")  # the renamed theme's label, as text
    assert dialogs == []


def test_no_staff_page_breaks_the_content_security_policy(browser, staff_server):
    """Sign-in, the idle-warning script (which must carry the page's nonce), the chart's colours and
    every stylesheet: no console message and no policy violation on any staff page."""
    base, urls = staff_server
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(45_000)
    problems = watch_console_and_policy(page)
    page.goto(base + "/staff/login")
    page.fill("#email", "admin@browser.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/staff/")
    for name, path in urls.items():
        if name != "not found":  # Chromium logs every 404 as a console error
            page.goto(base + path)
    page.goto(base + urls["report"])
    bar_colours = page.eval_on_selector_all(
        "main figure svg path[fill]", "paths => paths.map(p => getComputedStyle(p).fill)"
    )
    context.close()
    assert "rgb(29, 92, 153)" in bar_colours  # BAR_COLOUR: presentation attributes, not blocked styles
    assert problems == []


def test_axe_finds_nothing_serious_on_the_staff_pages(signed_in):
    from axe_playwright_python.sync_playwright import Axe

    page, base, urls, _ = signed_in
    axe = Axe()
    problems = []
    for name, path in {"login": "/staff/login", **urls}.items():
        page.goto(base + path)
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical") or violation["id"] == "meta-viewport":
                targets = "; ".join(str(n["target"]) for n in violation["nodes"][:3])
                problems.append(f"{name}: {violation['id']} ({violation['impact']}) {targets}")
    assert problems == []


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


def test_no_staff_page_is_wider_than_a_phone(browser, staff_server):
    base, urls = staff_server
    context, page = sign_in(browser, base, PHONE)
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


def test_answers_read_as_lines_of_text_on_a_phone(browser, staff_server):
    base, urls = staff_server
    context, page = sign_in(browser, base, PHONE)
    page.goto(base + urls["theme"])
    widths = page.eval_on_selector_all("main blockquote", "quotes => quotes.map(q => q.getBoundingClientRect().width)")
    context.close()
    assert widths and min(widths) > 250, widths


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_chart_keeps_its_title_and_legible_labels(browser, staff_server, viewport):
    base, urls = staff_server
    context, page = sign_in(browser, base, viewport)
    page.goto(base + urls["report"])
    chart = page.evaluate(CHART)
    context.close()
    assert chart["outside"] == [], "text clipped at the edge of the chart"
    assert chart["smallest"] >= 12, chart
    assert chart["overflow"] <= 0, chart
