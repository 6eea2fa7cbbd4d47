"""Charts read well where staff read them: the whole title shows, nothing runs off the drawing, and
text stays legible once the page shrinks the SVG to a phone's width."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from feedback.charts import bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"
PHONE_CONTENT_WIDTH = 358  # a 390 px phone less the page's 16 px margins, in CSS pixels
LONG_TITLE = (
    "Share of answers per theme: Tell us more about what makes it hard to start or finish training "
    "(the 20 largest of 25 themes)"
)
LABELS = ["Public transit", "Cuesta entender el inglés y los papeles", "Waitlist of months", "Child care"]


def texts(svg: str) -> list[tuple[ET.Element, str, float, bool]]:
    """(element, text, font size, bold) for every text drawn."""
    found = []
    for element in ET.fromstring(svg).iter(f"{SVG}text"):
        size = float(element.get("font-size").removesuffix("px"))
        found.append((element, "".join(element.itertext()), size, element.get("font-weight") == "700"))
    return found


def left_of(element: ET.Element) -> float:
    """Where a text is anchored horizontally (an ``x``, or a translation for multi-line text)."""
    if element.get("x") is not None:
        return float(element.get("x"))
    return float(re.search(r"translate\(([-\d.]+)", element.get("transform", ""))[1])


def view_width(svg: str) -> float:
    return float(ET.fromstring(svg).get("viewBox").split()[2])


def drawn_width(text: str, size: float, bold: bool) -> float:
    """Measured in DejaVu Sans, the widest of the fonts the chart names."""
    properties = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    return TextToPath().get_text_width_height_descent(text, properties, ismath=False)[0]


@pytest.fixture(scope="module")
def chart() -> str:
    return bar_chart_svg(LABELS, [16, 6, 6, 8], title=LONG_TITLE, value_format="{:.0f}%")


def test_the_whole_title_is_shown(chart):
    title_lines = [text for _, text, _, bold in texts(chart) if bold]
    assert " ".join(title_lines) == LONG_TITLE
    assert len(title_lines) > 1, "a long title wraps instead of running off the edge"


def test_no_text_runs_past_either_edge(chart):
    width = view_width(chart)
    for element, text, size, bold in texts(chart):
        x = left_of(element)
        extent = drawn_width(text, size, bold)
        if element.get("text-anchor") == "end":
            assert x - extent >= 0, text
        else:
            assert x + extent <= width, (text, x + extent, width)


def test_negative_values_fit_too():
    svg = bar_chart_svg(["Up", "Down a long way"], [5, -30], title="Change since the last wave")
    width = view_width(svg)
    for element, text, size, bold in texts(svg):
        x = left_of(element)
        anchored_end = element.get("text-anchor") == "end"
        assert (
            (x - drawn_width(text, size, bold) >= 0)
            if anchored_end
            else (x + drawn_width(text, size, bold) <= width)
        ), text


def test_text_stays_legible_when_shrunk_to_a_phone(chart):
    """The SVG scales to the page's width: at 358 px, no text is smaller than 12 CSS pixels."""
    scale = PHONE_CONTENT_WIDTH / view_width(chart)  # CSS pixels per unit of the drawing, shrunk to fit
    smallest = min(size for _, _, size, _ in texts(chart)) * scale
    assert smallest >= 12, smallest


def test_ordinary_theme_names_are_shown_whole(chart):
    shown = " ".join(text for _, text, _, bold in texts(chart) if not bold)
    for label in LABELS:
        assert label in shown
    assert "…" not in shown


def test_labels_are_above_their_bars_not_squeezed_beside_them(chart):
    """Labels start at the left edge, so they get the chart's whole width."""
    lefts = {round(left_of(e)) for e, text, _, bold in texts(chart) if text in LABELS}
    assert lefts == {min(lefts)} and min(lefts) < 10
