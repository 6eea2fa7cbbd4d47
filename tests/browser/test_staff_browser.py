"""Staff pages in real Chromium: answers carrying script payloads stay inert on every page that shows
them, and axe-core finds nothing serious on the staff workspace."""

from __future__ import annotations

import shutil
import threading

import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

PASSWORD = "browser staff password"
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
        db.session.commit()
        urls = {
            "dashboard": "/staff/",
            "survey": f"/staff/surveys/{survey.slug}",
            "responses": f"/staff/surveys/{survey.slug}/responses",
            "report": f"/staff/surveys/{survey.slug}/questions/barriers_detail/report",
            "theme": f"/staff/runs/{run.public_id}/themes/{theme.id}",
            "summary": f"/staff/surveys/{survey.slug}/questions/barriers/summary",
            "people": f"/staff/partnerships/{report.partnership.slug}/people",
            "new survey": f"/staff/partnerships/{report.partnership.slug}/surveys/new",
            "edit": f"/staff/surveys/{survey.slug}/edit",
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


@pytest.fixture
def signed_in(browser, staff_server):
    base, urls = staff_server
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(45_000)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base + "/staff/login")
    page.fill("#email", "admin@browser.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/staff/")
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
