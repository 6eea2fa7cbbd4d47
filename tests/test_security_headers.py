"""The Content-Security-Policy and its companion headers: on every response (errors, JSON and static
files included), a fresh script nonce per request that the page's scripts carry, and pages that need
nothing the policy forbids: no inline script without the nonce, no ``on…=`` handler, no ``javascript:``
address, no ``<style>`` element and no ``style=`` attribute."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from feedback.accounts import add_user
from feedback.demo.loader import load_demo
from feedback.jobs import start_theme_run
from feedback.models import Role
from surveys.db import db as _db
from surveys.models import Survey, SurveyStatus
from tests.staff.conftest import PASSWORD, make_world, sign_in
from tests.surveys.helpers import make_survey

START = "/s/every-type"
COMPANIONS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def policy(response) -> dict[str, str]:
    """The response's Content-Security-Policy as directive -> sources."""
    header = response.headers["Content-Security-Policy"]
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in header.split(";"))


def nonce_of(response) -> str:
    return re.fullmatch(r"'self' 'nonce-([A-Za-z0-9_-]{22,})'", policy(response)["script-src"])[1]


def assert_protected(response) -> None:
    directives = policy(response)
    nonce = nonce_of(response)
    assert directives == {
        "default-src": "'self'",
        "script-src": f"'self' 'nonce-{nonce}'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "form-action": "'self'",
        "base-uri": "'none'",
        "object-src": "'none'",
        "frame-ancestors": "'none'",
    }
    for name, value in COMPANIONS.items():
        assert response.headers[name] == value, name


class InlineCode(HTMLParser):
    """What in a page the policy would block or let run: scripts and their nonces, event-handler
    attributes, ``javascript:`` addresses, style elements and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.script_nonces: list[str | None] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.script_nonces.append(dict(attrs).get("nonce"))
        if tag == "style":
            self.problems.append("a <style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")


def inline_code(response) -> InlineCode:
    found = InlineCode()
    found.feed(response.get_data(as_text=True))
    nonce = nonce_of(response)
    found.problems += [
        f"<script nonce={n!r}> on a page whose nonce is {nonce!r}" for n in found.script_nonces if n != nonce
    ]
    return found


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


@pytest.mark.parametrize(
    "path, status",
    [
        ("/", 200),
        (START, 200),
        ("/no-such-page", 404),
        ("/s/no-such-survey", 404),
        ("/staff/login", 200),
        ("/staff/", 302),
        ("/api/v1/health", 200),
        ("/api/v1/surveys/no-such-survey", 404),
        ("/static/chorus.css", 200),
        ("/static/staff.css", 200),
    ],
)
def test_every_response_carries_the_policy_and_its_companions(client, survey, path, status):
    with client.get(path) as response:
        assert response.status_code == status
        assert_protected(response)


def test_a_failure_page_carries_them_too(app, client):
    def broken():
        raise RuntimeError("database went away")

    app.add_url_rule("/broken", view_func=broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/broken")
    assert response.status_code == 500
    assert_protected(response)


def test_staff_error_pages_carry_them(app, client):
    world = make_world(app, "home")
    sign_in(client, world.users["partner"])
    for path, status in [
        ("/staff/surveys/no-such-survey", 404),
        (f"/staff/partnerships/{world.partnership_slug}/people", 403),
    ]:
        response = client.get(path)
        assert response.status_code == status
        assert_protected(response)


def test_each_request_gets_a_fresh_nonce_that_the_pages_scripts_carry(app, client):
    world = make_world(app, "home")
    with app.app_context():  # no context is held during the requests, as in production
        make_survey()
        _db.session.commit()
    sign_in(client, world.users["admin"])
    first, second = client.get("/staff/"), client.get("/staff/")
    assert nonce_of(first) != nonce_of(second)
    for page in (first, second):
        found = inline_code(page)
        assert found.script_nonces == [nonce_of(page)]  # the idle warning
        assert found.problems == []

    # The respondent's error summary takes the focus with a script of its own.
    client.post(f"{START}/start?lang=en")
    page = client.post(f"{START}/page/1", data={"q_goal": "", "action": "next"})
    found = inline_code(page)
    assert 'id="error-summary"' in page.get_data(as_text=True)
    assert found.script_nonces == [nonce_of(page)] and found.problems == []


def respondent_pages(client) -> dict[str, object]:
    """Every respondent page of the every-type survey, from home to thanks, with an error summary."""
    pages = {"home": client.get("/"), "start": client.get(START)}
    client.post(f"{START}/start?lang=es")
    pages["error summary"] = client.post(f"{START}/page/1", data={"q_goal": "", "action": "next"})
    answers = [
        {"q_goal": "job", "q_barriers": ["childcare", "bus"], "q_agree": "4", "q_stars": "5", "q_nps": "9"},
        {"q_story": "It is hard", "q_hires": "3"},
        {"q_childcare_detail": "Costs"},
        {"q_age": "prefer_not_to_say"},
    ]
    for number, data in enumerate(answers, start=1):
        pages[f"page {number}"] = client.get(f"{START}/page/{number}")
        action = "submit" if number == len(answers) else "next"
        reply = client.post(f"{START}/page/{number}", data={**data, "action": action})
        assert reply.status_code == 302, (number, reply.get_data(as_text=True)[:2000])
    pages["thanks"] = client.get(reply.location)
    pages["resume"] = client.get(f"{START}/resume")
    pages["closed"] = client.get("/s/closed-survey")
    pages["not found"] = client.get("/s/no-such-survey")
    return pages


def staff_pages(app) -> dict[str, object]:
    """The demo's staff pages for an admin: a report with its chart, a theme, responses, forms."""
    with app.app_context():
        report = load_demo(seed=3, scale=0.3)
        admin = add_user("csp@demo.example", report.partnership, Role.ADMIN, PASSWORD)
        survey = _db.session.scalar(_db.select(Survey).where(Survey.slug == "healthcare-career-seekers"))
        question = next(q for q in survey.questions if q.key == "barriers_detail")
        run = start_theme_run(survey, question, None, None)
        theme = next(t for t in run.themes if not t.other)
        _db.session.commit()
        slug, partnership, run_id, theme_id, admin_id = (
            survey.slug,
            report.partnership.slug,
            run.public_id,
            theme.id,
            admin.id,
        )
        _db.session.remove()
    client = app.test_client()
    pages = {"login": client.get("/staff/login")}
    sign_in(client, "csp@demo.example")
    paths = {
        "dashboard": "/staff/",
        "account": "/staff/account",
        "survey": f"/staff/surveys/{slug}",
        "close": f"/staff/surveys/{slug}/close",
        "responses": f"/staff/surveys/{slug}/responses",
        "report": f"/staff/surveys/{slug}/questions/barriers_detail/report",
        "theme": f"/staff/runs/{run_id}/themes/{theme_id}",
        "summary": f"/staff/surveys/{slug}/questions/barriers/summary",
        "preview": f"/staff/surveys/{slug}/preview/1",
        "people": f"/staff/partnerships/{partnership}/people",
        "new survey": f"/staff/partnerships/{partnership}/surveys/start",
        "builder": f"/staff/surveys/{slug}/builder",
        "builder condition": f"/staff/surveys/{slug}/builder/questions/barriers_detail/condition",
        "builder json": f"/staff/surveys/{slug}/builder/json",
        "builder remove page": f"/staff/surveys/{slug}/builder/pages/1/remove",
        "not found": "/staff/surveys/no-such-survey",
    }
    pages.update({name: client.get(path) for name, path in paths.items()})
    pages["new password"] = client.post(f"/staff/partnerships/{partnership}/people/{admin_id}/reset")
    return pages


@pytest.fixture
def app_config(app_config):
    return {**app_config, "JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}


def test_no_page_needs_inline_code_or_styles(app, client, survey, db):
    make_survey(slug="closed-survey", status=SurveyStatus.CLOSED)
    db.session.commit()
    pages = {**respondent_pages(client), **{f"staff {k}": v for k, v in staff_pages(app).items()}}

    statuses = {name: page.status_code for name, page in pages.items() if page.status_code != 200}
    assert statuses == {"not found": 404, "staff not found": 404}
    assert "<svg" in pages["staff report"].get_data(as_text=True)  # the chart is drawn inline
    problems = {name: inline_code(page).problems for name, page in pages.items()}
    assert {name: found for name, found in problems.items() if found} == {}
    for page in pages.values():
        assert_protected(page)
