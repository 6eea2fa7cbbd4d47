"""A survey written in all six shipped languages, answered end to end in each of them in Chromium on a
390 px phone with JavaScript off: axe (WCAG 2.2 AA) finds nothing serious, nothing scrolls sideways at
390 or 320 px, no English interface text is left, and Arabic pages run right to left (the first
control against the right edge, each radio button on the right of its words); the public page the same way.
One live server for the whole module."""

from __future__ import annotations

import re

import pytest

from surveys.i18n import SUPPORTED_LANGUAGES
from tests.browser.test_respondent_browser import answer_with_keyboard, start_with_keyboard
from tests.respondent.test_languages_everywhere import english_left

pytestmark = pytest.mark.browser

SLUG = "six-languages-browser"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The words and accessible names a person meets: visible text, plus what a screen reader says.
SPOKEN = """() => [document.title, document.body.innerText,
  ...[...document.querySelectorAll('[aria-label],[title],[alt],[placeholder]')].map(e =>
     [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('alt'), e.getAttribute('placeholder')]
     .filter(Boolean).join(' '))].join('\\n')"""

# Where things sit: how far the page scrolls sideways, the first form control's edges, and each
# radio button or checkbox against its label (which side of it).
GEOMETRY = """() => {
  const first = document.querySelector('main form input:not([type=hidden]), main form textarea');
  const box = first ? first.getBoundingClientRect() : null;
  const pairs = [...document.querySelectorAll('.opt')].map(o => {
    const i = o.querySelector('input').getBoundingClientRect(), l = o.querySelector('label').getBoundingClientRect();
    return i.width ? i.left + i.width / 2 - (l.left + l.width / 2) : 0; });
  return {overflow: document.documentElement.scrollWidth - window.innerWidth,
          first: box ? {left: box.left, right: box.right} : null, width: window.innerWidth, pairs,
          dir: document.documentElement.dir};
}"""


@pytest.fixture(scope="module")
def servers(live_server):
    """The shared live server, with the six-language survey and a public page added."""
    from surveys.db import db
    from tests.public.helpers import small_public_page
    from tests.respondent.test_languages_everywhere import make_six_language_survey

    with live_server.app.app_context():
        make_six_language_survey(SLUG)
        db.session.commit()
        public = small_public_page()
        db.engine.dispose()
    return live_server.url, f"{live_server.url}/p/{public}"


class AxeOnCopy:
    """axe-core needs JavaScript, which the phones under test do not run: each page is checked as a copy
    (its HTML, with the server's stylesheet) in a tab that runs JavaScript, on the same server and screen."""

    def __init__(self, browser, origin: str) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.context = browser.new_context(viewport={"width": 390, "height": 844})
        self.tab = self.context.new_page()
        self.tab.goto(f"{origin}/static/chorus.css")  # same origin, so the copy's links resolve

    def run(self, page, options: dict):
        self.tab.set_content(page.content())
        return self.axe.run(self.tab, options=options)


@pytest.fixture(scope="module")
def axe(browser, servers):
    checker = AxeOnCopy(browser, servers[0])
    yield checker
    checker.context.close()


def phone_without_javascript(browser):
    return browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False,
                               device_scale_factor=1)


def look_at(page, axe, label: str, language: str, problems: list[str], *, public: bool = False) -> dict:
    """axe, sideways scrolling at 390 and 320 px, English left, and direction, on the page as it is."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            problems.append(f"{language} {label}: axe {violation['id']} "
                            f"{[n['target'] for n in violation['nodes'][:3]]}")
    left = english_left(page.evaluate(SPOKEN), language, public=public)
    if left:
        problems.append(f"{language} {label}: English left: {left}")
    geometry = page.evaluate(GEOMETRY)
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 700})
        overflow = page.evaluate(GEOMETRY)["overflow"]
        if overflow > 0:
            problems.append(f"{language} {label}: scrolls sideways by {overflow} px at {width} px")
    rtl = language == "ar"
    if geometry["dir"] != ("rtl" if rtl else ""):
        problems.append(f"{language} {label}: dir={geometry['dir']!r}")
    first, width = geometry["first"], geometry["width"]
    if first and not (first["right"] > width * 0.75 if rtl else first["left"] < width * 0.25):
        problems.append(f"{language} {label}: first control from x={first['left']:.0f} to {first['right']:.0f}")
    wrong_side = [d for d in geometry["pairs"] if d and (d > 0) != rtl]
    if wrong_side:
        problems.append(f"{language} {label}: {len(wrong_side)} inputs on the wrong side of their labels")
    return geometry


def click(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_answered_end_to_end_in_each_language_without_javascript(servers, browser, axe, language):
    base_url, _ = servers
    context = phone_without_javascript(browser)
    page = context.new_page()
    problems: list[str] = []
    try:
        base = f"{base_url}/s/{SLUG}"
        page.goto(f"{base}?lang={language}")
        assert page.locator("html").get_attribute("lang") == language
        look_at(page, axe, "start", language, problems)
        click(page, "form[action*='/start'] button")
        geometry = look_at(page, axe, "page 1", language, problems)
        assert len(geometry["pairs"]) >= 11  # every choice and scale point was measured
        click(page, "button.btn[value='next']")  # the required question unanswered
        assert page.locator(".es").count() == 1
        look_at(page, axe, "page 1 with errors", language, problems)
        page.check("#q_goal-1")
        page.check("#q_barriers-2")
        page.check("#q_agree-4")
        page.check("#q_pay-3")
        click(page, "button.btn[value='next']")
        assert page.url.endswith("/page/2"), page.url
        look_at(page, axe, "page 2", language, problems)
        page.fill("#q_hours", "شاعة")  # not a number: shown back with an error
        page.fill("#q_story", "Buses are late" if language == "ar" else "الحافلات متأخرة")
        click(page, "button.btn[value='submit']")
        assert page.locator(".es").count() == 1
        look_at(page, axe, "page 2 with errors", language, problems)
        # What the person typed keeps its own direction, whatever the page's.
        assert page.input_value("#q_hours") == "شاعة"
        assert page.evaluate("getComputedStyle(document.querySelector('#q_story')).unicodeBidi") == "plaintext"
        page.fill("#q_hours", "38")
        click(page, "button[value='save']")
        look_at(page, axe, "saved", language, problems)
        page.goto(page.locator(".brk a").get_attribute("href"))
        look_at(page, axe, "resume", language, problems)
        click(page, "button.btn")
        assert page.url.endswith("/page/2"), page.url
        click(page, "button.btn[value='submit']")
        assert page.url.endswith("/thanks"), page.url
        look_at(page, axe, "thanks", language, problems)
        if language == "ar":
            page.screenshot(path="/tmp/chorus-ar-thanks.png", full_page=True)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_the_public_page_in_each_language(servers, browser, axe, language):
    _, public = servers
    context = phone_without_javascript(browser)
    page = context.new_page()
    problems: list[str] = []
    try:
        page.goto(f"{public}?lang={language}")
        assert page.locator("html").get_attribute("lang") == language
        look_at(page, axe, "public page", language, problems, public=True)
        # The partners' own words in another language keep their direction and language.
        for quote in page.locator("blockquote").all():
            assert quote.get_attribute("dir") == "auto"
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_arabic_with_the_keyboard_only(servers, page):
    """Tab reaches every control in order on right-to-left pages, and Space and Enter answer them."""
    base_url, _ = servers
    page.goto(f"{base_url}/s/{SLUG}?lang=ar")
    start_with_keyboard(page)
    while "/page/" in page.url:
        assert page.locator(".es").count() == 0, page.content()
        answer_with_keyboard(page)
    assert page.url.endswith("/thanks"), page.url
    assert re.search(r"[\u0600-\u06ff]", page.locator("h1").inner_text())
