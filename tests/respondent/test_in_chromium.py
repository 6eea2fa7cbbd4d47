"""What a person notices in a real Chromium on a small phone: where the focus lands after an error,
what a screen reader is told about a rating scale, and where list bullets sit.

Uses the live server and phone-sized tab of ``tests/browser`` (Debian's chromium, never a download).
"""

# ruff: noqa: F811  (the fixtures imported below are parameters of the tests)
from __future__ import annotations

import io
import re

import pytest

from tests.browser.conftest import CHROMIUM, browser, live_server, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian's chromium at {CHROMIUM}")]


def start(page, url: str) -> None:
    page.goto(url)
    with page.expect_navigation():
        page.click("form[action*='/start'] button")


def test_after_an_error_the_focus_is_on_the_summary_naming_the_question(live_server, page):
    start(page, f"{live_server.url}/s/career-seeker-needs?lang=en")
    with page.expect_navigation():
        page.click("button.btn[value='next']")  # the main goal is required
    assert page.evaluate("document.activeElement.id") == "error-summary"
    first = page.locator("#error-summary a").first
    assert first.inner_text() == "Answer “What is your main goal right now?”"
    # Tab goes straight to that link; following it lands on the question's first choice.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == first.inner_text()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#q_main_goal-1"


def test_without_javascript_the_error_page_still_shows_the_summary_first(live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    start(tab, f"{live_server.url}/s/career-seeker-needs?lang=es")
    with tab.expect_navigation():
        tab.click("button.btn[value='next']")
    assert tab.locator("main > *").first.get_attribute("id") == "error-summary"
    assert tab.locator("#error-summary a").first.inner_text() == "Responda «¿Cuál es su meta principal ahora?»"
    context.close()


def test_a_rating_scale_tells_a_screen_reader_what_its_ends_mean(live_server, page):
    from playwright.sync_api import expect

    start(page, f"{live_server.url}/s/employer-skill-needs?lang=en")
    page.check("#q_critical_jobs-1")
    with page.expect_navigation():
        page.click("button.btn[value='next']")
    scale = page.get_by_role("group", name=re.compile("How hard is it to fill these jobs"))
    expect(scale).to_have_accessible_description("1 = Very easy 5 = Very hard")


def dark_rows(png: bytes, css_height: float) -> list[float]:
    """Rows (in CSS pixels from the top) of a screenshot holding dark (text or bullet) pixels."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    scale = image.height / css_height  # the phone's device pixel ratio
    return [y / scale for y in range(image.height)
            if any(image.getpixel((x, y)) < 100 for x in range(image.width))]


def test_home_page_bullets_sit_on_the_first_line_of_a_wrapped_link(live_server, page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/?lang=en")
    link = page.locator(".list a", has_text="Your job search")
    lines = link.evaluate("""a => { const r = document.createRange(); r.selectNodeContents(a);
        return [...r.getClientRects()].map(b => ({top: b.top, bottom: b.bottom, left: b.left})); }""")
    assert len({round(line["top"]) for line in lines}) > 1, "the title should wrap at 320 px"
    first_line = min(lines, key=lambda line: line["top"])
    item = link.evaluate("a => { const b = a.closest('li').getBoundingClientRect(); "
                         "return {left: b.left, top: b.top, bottom: b.bottom}; }")
    # The bullet is drawn in the gutter left of the item.
    gutter = {"x": max(item["left"] - 24, 0), "y": item["top"], "width": 20, "height": item["bottom"] - item["top"]}
    rows = dark_rows(page.screenshot(clip=gutter), gutter["height"])
    assert rows, "no bullet found left of the item"
    bullet_middle = item["top"] + (rows[0] + rows[-1]) / 2
    assert first_line["top"] <= bullet_middle <= first_line["bottom"], (bullet_middle, first_line)
