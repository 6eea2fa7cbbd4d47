"""In Chromium on a phone: an employer's job with two mistakes shows both, each box in error bordered red
and named by its message; the job title beside them, which was right, keeps its ordinary border; the
summary's link lands in the box to fix."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CHROMIUM, browser, live_server, page  # noqa: F401  (fixtures)
from tests.respondent.test_in_chromium import start

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian's chromium at {CHROMIUM}")]

RED = "rgb(196, 38, 28)"


def test_only_the_boxes_in_error_are_red_and_the_summary_reaches_them(live_server, page):  # noqa: F811  (a fixture)
    start(page, f"{live_server.url}/s/employer-skill-needs?lang=en")
    page.fill("#q_jobs_needed__1_title", "CNA")
    page.fill("#q_jobs_needed__1_openings", "two")
    page.fill("#q_jobs_needed__1_pay", "eighteen")
    with page.expect_navigation():
        page.click("button.btn[value='next']")

    def border(id_: str) -> str:
        return page.eval_on_selector(f"#{id_}", "e => getComputedStyle(e).borderTopColor")

    assert border("q_jobs_needed__1_openings") == RED and border("q_jobs_needed__1_pay") == RED
    assert border("q_jobs_needed__1_title") != RED and border("q_jobs_needed__1_vacancies") != RED
    described = page.eval_on_selector("#q_jobs_needed__1_openings",
                                      "e => document.getElementById(e.getAttribute('aria-describedby')).textContent")
    assert "Openings in the next 12 months: enter a whole number" in described

    links = page.locator("#error-summary a")
    assert links.count() == 2
    links.first.click()
    assert page.evaluate("location.hash") == "#q_jobs_needed__1_openings"
    assert page.input_value("#q_jobs_needed__1_openings") == "two"  # kept, to fix
