"""Real Chromium on a phone-sized screen: every template answered with the keyboard alone, axe-core
on every page of every template in both languages, layout checks (320 px, 44 px targets), and no
page breaking its Content-Security-Policy."""

from __future__ import annotations

import json
import re

import pytest

from surveys.definition import list_templates
from tests.browser.conftest import watch_console_and_policy

pytestmark = pytest.mark.browser

TEMPLATES = [name.replace("_", "-") for name in list_templates()]
EXCLUSIVE = ("none", "no_one", "prefer_not_to_say")

FOCUSED = """() => { const e = document.activeElement; return {
  tag: e.tagName, type: e.type || '', name: e.name || '', value: e.value || '',
  cls: e.className || '', inputmode: e.getAttribute('inputmode') || '',
  form: e.form ? e.form.getAttribute('action') || '' : '' }; }"""


def keyboard_to(page, wanted, *, act=None, limit: int = 400) -> dict:
    """Press Tab until ``wanted(focused)`` is true, calling ``act(focused)`` on everything on the way."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
        if act:
            act(focused)
    raise AssertionError(f"Tab never reached the wanted control on {page.url}")


def answer_with_keyboard(page) -> None:
    """Answer the current page using only Tab, Space and typing, then press Enter on Continue/Send."""
    groups_done: set[str] = set()

    def act(focused: dict) -> None:
        name, kind = focused["name"], focused["type"]
        if not name.startswith("q_") or name.endswith("__other") or name in groups_done:
            return
        if kind == "radio":
            page.keyboard.press("Space")  # Tab lands on the group's first radio; Space chooses it
            groups_done.add(name)
        elif kind == "checkbox" and name != "q_contact" and focused["value"] not in EXCLUSIVE:
            page.keyboard.press("Space")
            groups_done.add(name)
        elif (focused["tag"] == "TEXTAREA" or kind == "text") and not focused["value"]:  # a page shown again keeps it
            page.keyboard.type("19" if focused["inputmode"] == "decimal" else "3" if focused["inputmode"]
                               else "Buses are late and childcare costs a lot.")
            groups_done.add(name)

    def is_primary(focused: dict) -> bool:
        return focused["tag"] == "BUTTON" and "btn" in focused["cls"].split() and \
            focused["value"] in ("next", "submit")

    keyboard_to(page, is_primary, act=act)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def start_with_keyboard(page) -> None:
    keyboard_to(page, lambda f: f["tag"] == "BUTTON" and f["form"].split("?")[0].endswith("/start"))
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("slug", TEMPLATES)
def test_complete_each_template_with_the_keyboard_only(live_server, page, slug):
    page.goto(f"{live_server.url}/s/{slug}?lang=en")
    start_with_keyboard(page)
    pages = 0
    while "/page/" in page.url:
        pages += 1
        assert page.locator(".es").count() == 0, page.content()
        answer_with_keyboard(page)
        assert pages < 15
    assert page.url.endswith("/thanks"), page.url
    assert page.locator("h1").inner_text() == "Thank you"


def test_enter_in_a_text_box_continues_rather_than_switching_language(live_server, page):
    page.goto(f"{live_server.url}/s/incumbent-worker?lang=en")
    start_with_keyboard(page)
    page.fill("#q_current_role", "Welder")
    with page.expect_navigation():
        page.press("#q_current_role", "Enter")
    assert page.url.endswith("/page/2")
    assert page.locator("html").get_attribute("lang") == "en"


def test_spanish_switch_resume_and_submit_once(live_server, browser, page):
    """The issue's story: answer in Spanish on a phone, leave, resume with the code, submit once."""
    page.goto(f"{live_server.url}/s/career-seeker-needs?src=mesa-college")
    start_with_keyboard(page)
    page.check("#q_main_goal-2")
    page.fill("#q_job_interest", "Enfermera")
    # The language switch is a submit button: the answers on the page come along.
    with page.expect_navigation():
        page.click("header button[value='lang:es']")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Sus metas"
    assert page.is_checked("#q_main_goal-2")
    assert page.input_value("#q_job_interest") == "Enfermera"
    with page.expect_navigation():
        page.click("button.btn[value='next']")
    page.check("#q_barriers-1")
    with page.expect_navigation():
        page.click("button[value='save']")
    code = page.locator(".code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)

    other = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    other.goto(f"{live_server.url}/s/career-seeker-needs/resume?lang=es")
    other.fill("#code", code.lower())
    with other.expect_navigation():
        other.click("button.btn")
    assert "/page/" in other.url and other.locator("html").get_attribute("lang") == "es"
    while "/page/" in other.url:
        with other.expect_navigation():
            other.click("button.btn[value='next'], button.btn[value='submit']")
    assert other.url.endswith("/thanks") and other.locator("h1").inner_text() == "Gracias"
    # Back button and send again: still the thank-you page, nothing stored twice.
    other.go_back()
    if "/page/" in other.url:
        with other.expect_navigation():
            other.click("button.btn")
        assert other.url.endswith("/thanks")
    other.context.close()

    from surveys.db import db
    from surveys.models import Response, Survey

    with live_server.app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "career-seeker-needs"))
        mine = db.session.scalars(db.select(Response).where(Response.survey_id == survey.id,
                                                            Response.source == "mesa-college")).all()
        assert len(mine) == 1 and mine[0].complete and mine[0].language == "es"


# --- axe-core on every page --------------------------------------------------------------------

FILL_PAGE = """() => {
  const exclusive = EXCLUSIVE;
  const seen = new Set();
  for (const input of document.querySelectorAll('main input, main textarea')) {
    const name = input.name;
    if (!name || !name.startsWith('q_') || name === 'q_contact' || name.endsWith('__other')) continue;
    if (input.type === 'radio') { if (!seen.has(name)) { input.checked = true; seen.add(name); } }
    else if (input.type === 'checkbox') { if (!exclusive.includes(input.value)) input.checked = true; }
    else if (input.getAttribute('inputmode') === 'decimal') { input.value = '19'; }
    else if (input.getAttribute('inputmode')) { input.value = '3'; }
    else if (input.type === 'text' || input.tagName === 'TEXTAREA') { input.value = 'Some words'; }
  }
}""".replace("EXCLUSIVE", json.dumps(list(EXCLUSIVE)))

LAYOUT = """() => {
  const small = [];
  const targets = document.querySelectorAll(
    'button:not([hidden]), .btn, .opt label, main input[type=text], main textarea, .langs a, .langs span, .list a');
  for (const el of targets) {
    const box = el.getBoundingClientRect();
    if (box.width && box.height < 43.5) small.push(el.outerHTML.slice(0, 80) + ' ' + box.height);
  }
  return {overflow: document.documentElement.scrollWidth - window.innerWidth, small};
}"""


def check(page, axe, label: str, problems: list[str]) -> None:
    results = axe.run(page)
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical") or violation["id"] == "meta-viewport":
            nodes = "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                              for n in violation["nodes"][:3])
            problems.append(f"{label}: {violation['id']} ({violation['impact']}) {nodes}")
    # Reflow without sideways scrolling, and 44 px tap targets.
    for width in (320, 195):  # 320 px wide; and a 390 px phone at 200 % zoom
        page.set_viewport_size({"width": width, "height": 640})
        layout = page.evaluate(LAYOUT)
        if layout["overflow"] > 0:
            problems.append(f"{label}: scrolls sideways by {layout['overflow']} px at {width} px wide")
        problems.extend(f"{label}: tap target under 44 px at {width} px: {small}" for small in layout["small"])
    page.set_viewport_size({"width": 390, "height": 844})


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("slug", TEMPLATES)
def test_axe_finds_nothing_serious_on_any_page(live_server, page, slug, language):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: list[str] = []
    base = f"{live_server.url}/s/{slug}"
    page.goto(f"{base}?lang={language}")
    check(page, axe, "start", problems)
    with page.expect_navigation():
        page.click("form[action*='/start'] button")
    saved = False
    while "/page/" in page.url:
        label = page.url.rsplit("/", 1)[1]
        check(page, axe, f"page {label}", problems)
        with page.expect_navigation():
            page.click("button.btn[value='next'], button.btn[value='submit']")
        if page.locator(".es").count():
            check(page, axe, f"page {label} with errors", problems)
        if "/page/" not in page.url:
            break
        page.evaluate(FILL_PAGE)
        if not saved and label == "2":
            with page.expect_navigation():
                page.click("button[value='save']")
            check(page, axe, "saved", problems)
            page.goto(page.locator(".brk a").get_attribute("href"))
            with page.expect_navigation():
                page.click("button.btn")
            saved = True
            page.evaluate(FILL_PAGE)
        with page.expect_navigation():
            page.click("button.btn[value='next'], button.btn[value='submit']")
    assert page.url.endswith("/thanks"), page.url
    check(page, axe, "thanks", problems)
    page.goto(f"{base}/resume?lang={language}")
    check(page, axe, "resume", problems)
    page.fill("#code", "ZZZZ-ZZZZ")
    with page.expect_navigation():
        page.click("button.btn")
    check(page, axe, "resume with error", problems)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "es"])
def test_axe_on_the_other_pages(live_server, page, language):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: list[str] = []
    for label, path in (("home", "/"), ("closed", "/s/closed-survey"), ("unknown", "/s/no-such-survey"),
                        ("not found", "/no/such/page")):
        page.goto(f"{live_server.url}{path}?lang={language}")
        assert page.locator("html").get_attribute("lang") == language
        check(page, axe, label, problems)
    assert not problems, "\n".join(problems)


def test_no_respondent_page_breaks_the_content_security_policy(live_server, page):
    """Home, a survey from start to thanks with an error summary (whose script must carry the page's
    nonce to take the focus), saving, and resuming: no console message and no policy violation."""
    problems = watch_console_and_policy(page)
    page.goto(f"{live_server.url}/")
    page.goto(f"{live_server.url}/s/career-seeker-needs?lang=en")
    with page.expect_navigation():
        page.click("form[action*='/start'] button")
    with page.expect_navigation():
        page.click("button.btn[value='next']")  # nothing answered yet
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.evaluate(FILL_PAGE)
    with page.expect_navigation():
        page.click("button[value='save']")
    page.goto(page.locator(".brk a").get_attribute("href"))
    with page.expect_navigation():
        page.click("button.btn")
    for _ in range(15):
        if "/page/" not in page.url:
            break
        page.evaluate(FILL_PAGE)
        with page.expect_navigation():
            page.click("button.btn[value='next'], button.btn[value='submit']")
    assert page.url.endswith("/thanks"), page.url
    assert problems == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_axe_on_a_shared_device_and_after_sending(live_server, page, language):
    """The pages a second person at the same device meets: "Continue" with the contact details kept but
    not shown, and a resume code whose answers were sent since."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: list[str] = []
    base = f"{live_server.url}/s/employer-skill-needs"
    page.goto(f"{base}?lang={language}")
    with page.expect_navigation():
        page.click("form[action*='/start'] button")
    page.fill("#q_jobs_needed__1_title", "CNA")
    with page.expect_navigation():
        page.click("button.btn[value='next']")  # the same page again, with "Did you mean…?"
    page.goto(f"{base}/page/4")
    page.check("#q_contact")
    page.fill("#q_contact__email", "maria@example.com")
    with page.expect_navigation():
        page.click("button[value='save']")
    code = page.locator(".code").inner_text()
    page.goto(base)
    with page.expect_navigation():
        page.click("a.btn[href$='/continue']")
    page.goto(f"{base}/page/4")
    assert page.input_value("#q_contact__email") == "" and page.is_checked("#q_contact__keep")
    check(page, axe, "contact kept, not shown", problems)
    page.goto(f"{base}/page/5")
    with page.expect_navigation():
        page.click("button.btn[value='submit']")
    assert page.url.endswith("/thanks"), page.url
    page.goto(f"{base}/resume")
    page.fill("#code", code)
    with page.expect_navigation():
        page.click("button.btn")
    assert page.locator("h1").inner_text() in ("These answers were already sent", "Estas respuestas ya se enviaron")
    check(page, axe, "already sent", problems)
    assert not problems, "\n".join(problems)
