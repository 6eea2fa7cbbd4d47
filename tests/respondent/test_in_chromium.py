"""What a person notices in a real Chromium: where the focus lands after an error, what a screen reader
is told about a rating scale and where its end words sit, the address after switching language, and
where list bullets sit.

Uses the live server and phone-sized tab of ``tests/browser`` (Debian's chromium, never a download).
"""

# ruff: noqa: F811  (the fixtures imported below are parameters of the tests)
from __future__ import annotations

import io

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


END_WORDS_BESIDE_BOXES = """name => [...document.querySelectorAll(`input[name=${name}] + label`)].map(label => {
  const box = label.querySelector('.n').getBoundingClientRect();
  const words = label.querySelector('.n + span');
  if (!words) return null;
  const w = words.getBoundingClientRect();
  return {gap: Math.max(w.left - box.right, box.left - w.right),
          middle: Math.abs((w.top + w.bottom) / 2 - (box.top + box.bottom) / 2), top: box.top};
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_each_end_of_a_scale_is_named_on_its_own_button(live_server, browser, width):
    """A screen reader hears "1, Very easy" on the first button; the eye finds the words beside it."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    start(tab, f"{live_server.url}/s/employer-skill-needs?lang=en")
    tab.goto(f"{live_server.url}/s/employer-skill-needs/page/2")  # where "How easy is it to fill..." is
    for name in ("1, Very hard", "2", "3", "4", "5, Very easy"):
        expect(tab.get_by_role("radio", name=name, exact=True)).to_have_count(1)
    ends = tab.evaluate(END_WORDS_BESIDE_BOXES, "q_hiring_ease")
    first, *middle, last = ends
    assert middle == [None, None, None]
    for end in (first, last):
        assert 0 <= end["gap"] <= 16 and end["middle"] <= 4, ends  # beside its box, on the same line
    if width == 1280:  # one row on a wide screen: "Very hard [1] [2] [3] [4] [5] Very easy"
        assert first["top"] == last["top"]
    # Pressing the words chooses their end of the scale.
    tab.get_by_text("Very easy", exact=True).click()
    assert tab.is_checked("#q_hiring_ease-5")
    # In Spanish too.
    with tab.expect_navigation():
        tab.click("header button[value='lang:es']")
    expect(tab.get_by_role("radio", name="1, Muy difícil", exact=True)).to_have_count(1)
    expect(tab.get_by_role("radio", name="5, Muy fácil", exact=True)).to_be_checked()
    context.close()


def test_a_ten_point_scale_names_its_ends_too(live_server, page):
    from playwright.sync_api import expect

    start(page, f"{live_server.url}/s/learner-feedback?lang=en")
    page.goto(f"{live_server.url}/s/learner-feedback/page/2")  # where "Would you recommend..." is
    expect(page.get_by_role("radio", name="0, Not at all likely", exact=True)).to_have_count(1)
    expect(page.get_by_role("radio", name="10, Very likely", exact=True)).to_have_count(1)
    ends = page.evaluate(END_WORDS_BESIDE_BOXES, "q_recommend")
    assert all(0 <= end["gap"] <= 16 for end in (ends[0], ends[-1])), ends


def test_switching_language_leaves_no_lang_in_the_address(live_server, page):
    page.goto(f"{live_server.url}/s/career-seeker-needs")
    with page.expect_navigation():
        page.click("header a[lang='es']")  # a link: ?lang=es, kept, then the clean address
    assert page.url == f"{live_server.url}/s/career-seeker-needs"
    assert page.locator("html").get_attribute("lang") == "es"
    with page.expect_navigation():
        page.click("form[action*='/start'] button")
    with page.expect_navigation():
        page.click("header button[value='lang:en']")  # inside a survey: a button of the page's form
    assert "lang=" not in page.url and page.url.endswith("/page/1")
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(page.url)  # the choice stays without the address carrying it
    assert page.locator("html").get_attribute("lang") == "en"


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
