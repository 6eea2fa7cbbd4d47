"""SVG bar charts: accessible, inert with hostile labels, small, deterministic, readable colours."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from analysis.equity import SUPPRESSED_TEXT
from feedback.charts import BAR_COLOUR, MAX_BARS, MUTED_COLOUR, TEXT_COLOUR, bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"

HOSTILE = [
    "<script>alert(1)</script>",
    '" onload="alert(1)',
    "' onmouseover='alert(1)",
    "<img src=x onerror=alert(1)>",
    "]]><script>alert(2)</script>",
    "&lt;script&gt;",
    "<!-- comment --><foreignObject><body onload=alert(3)>",
    "Pay is $15 vs $20 an hour",
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def all_text(root: ET.Element) -> str:
    return " ".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def contrast_with_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


@pytest.fixture(scope="module")
def chart() -> str:
    return bar_chart_svg(["Transport", "Childcare", "Pay"], [42, 17, 5], title="Barriers to training")


def test_svg_is_an_image_named_by_its_title_and_desc(chart):
    root = parse(chart)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root[0].tag == f"{SVG}title" and root[0].get("id") == title_id
    assert root[1].tag == f"{SVG}desc" and root[1].get("id") == desc_id
    assert root[0].text == "Barriers to training"
    assert root[1].text == "Transport: 42; Childcare: 17; Pay: 5."


def test_svg_is_ready_to_inline(chart):
    assert chart.startswith("<svg")
    assert "<?xml" not in chart and "<!DOCTYPE" not in chart
    assert "<metadata" not in chart and "<style" not in chart and "<!--" not in chart


# SVG presentation attributes the chart may use (a Content-Security-Policy does not govern them).
PRESENTATION = (
    {"fill", "fill-opacity", "opacity", "text-anchor"}
    | {"font-family", "font-size", "font-style", "font-weight"}
    | {"stroke", "stroke-linecap", "stroke-linejoin", "stroke-width"}
)
STRUCTURE = (
    {"aria-labelledby", "role", "id", "version"}
    | {"clip-path", "transform"}
    | {"d", "x", "y", "width", "height", "viewBox"}
)


def test_colours_and_fonts_are_attributes_not_inline_styles():
    """The pages' Content-Security-Policy blocks ``style`` attributes; the chart must not need them."""
    root = parse(bar_chart_svg(["Shown", "Hidden", "Down"], [12, None, -3], title="By language"))

    names = {name for element in root.iter() for name in element.attrib}
    assert names <= PRESENTATION | STRUCTURE, names - PRESENTATION - STRUCTURE
    texts = list(root.iter(f"{SVG}text"))
    assert {t.get("text-anchor") for t in texts} == {"start", "end"}
    assert {t.get("fill") for t in texts} == {TEXT_COLOUR, MUTED_COLOUR}
    assert [t.get("font-style") for t in texts if t.text == SUPPRESSED_TEXT] == ["italic"]


def test_text_stays_text(chart):
    assert {"Transport", "Childcare", "Pay", "42", "17", "5", "Barriers", "training"} <= set(
        all_text(parse(chart)).split()
    )


def test_value_format_applies_to_bars_and_description():
    root = parse(bar_chart_svg(["Yes", "No"], [0.625, 0.375], title="Would recommend", value_format="{:.0%}"))

    assert root[1].text == "Yes: 62%; No: 38%."
    assert "62%" in all_text(root)


def test_a_hidden_value_draws_no_bar_and_says_so():
    root = parse(bar_chart_svg(["Shown", "Hidden"], [12, None], title="By language"))

    assert root[1].text == f"Shown: 12; Hidden: {SUPPRESSED_TEXT}."
    assert SUPPRESSED_TEXT in all_text(root)
    bars = [p for p in root.iter(f"{SVG}path") if p.get("fill") == BAR_COLOUR]
    assert len(bars) == 1


def test_output_is_deterministic():
    first = bar_chart_svg(["a", "b"], [3, 4], title="t")

    assert first == bar_chart_svg(["a", "b"], [3, 4], title="t")


def test_ids_are_prefixed_so_charts_can_share_a_page():
    one = bar_chart_svg(["a"], [1], title="one", chart_id="first")
    two = bar_chart_svg(["a"], [1], title="one", chart_id="second")

    ids_one = set(re.findall(r'\bid="([^"]+)"', one))
    ids_two = set(re.findall(r'\bid="([^"]+)"', two))
    assert ids_one and not ids_one & ids_two
    assert all(i.startswith("first-") for i in ids_one)
    for reference in re.findall(r"url\(#([^)]+)\)", one):
        assert reference in ids_one


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_render_inert(label):
    svg = bar_chart_svg([label, "ok"], [3, 4], title=label)
    root = parse(svg)  # still well-formed XML

    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "defs", "clipPath", "rect", "g", "path", "text", "use"}
    for element in root.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib
    assert "<script" not in svg.lower()
    assert "<img" not in svg.lower() and "<foreignobject" not in svg.lower()
    assert root[0].text == label  # the exact text survives, as text
    assert root[1].text.startswith(f"{label}: 3")


def test_dollar_signs_are_not_mathtext():
    root = parse(bar_chart_svg(["Pay is $15 vs $20 an hour"], [9], title="Costs $$"))

    assert "Pay is $15 vs $20 an hour" in all_text(root)
    assert "Costs $$" in all_text(root)


def test_long_labels_are_shortened_on_the_chart_but_whole_in_the_description():
    label = "Transport to the training site is hard when the buses stop at six and class ends at seven"
    root = parse(bar_chart_svg([label], [8], title="Barriers"))

    shown = all_text(root)
    assert "…" in shown
    assert label not in shown
    assert root[1].text == f"{label}: 8."


def test_a_long_word_is_cut_too():
    root = parse(bar_chart_svg(["x" * 200], [8], title="Barriers"))

    assert max(len(word) for word in all_text(root).split()) <= 40


@pytest.mark.parametrize("count", [1, 2, 12, MAX_BARS])
def test_one_to_thirty_bars(count):
    labels = [f"Theme {i} about something people said" for i in range(count)]
    root = parse(bar_chart_svg(labels, [float(i * 3) for i in range(count)], title="Themes"))

    bars = [p for p in root.iter(f"{SVG}path") if p.get("fill") == BAR_COLOUR]
    assert len(bars) == count
    assert root[1].text.count(";") == count - 1
    assert len(ET.tostring(root)) < 2500 * count + 10000


def test_negative_values_are_drawn():
    root = parse(bar_chart_svg(["up", "down"], [5, -3], title="Change since last wave"))

    assert root[1].text == "up: 5; down: -3."
    assert "-3" in all_text(root)


@pytest.mark.parametrize("colour", [BAR_COLOUR, TEXT_COLOUR, MUTED_COLOUR])
def test_colours_contrast_with_white(colour):
    assert contrast_with_white(colour) >= 4.5 if colour != BAR_COLOUR else contrast_with_white(colour) >= 3


def test_only_our_colours_are_used(chart):
    fills = set(re.findall(r"fill: (#[0-9a-f]{6})", chart))

    assert fills <= {"#ffffff", BAR_COLOUR, TEXT_COLOUR, MUTED_COLOUR}


@pytest.mark.parametrize(
    ("labels", "values", "message"),
    [
        ([], [], "at least one bar"),
        (["a"] * (MAX_BARS + 1), [1] * (MAX_BARS + 1), "too many"),
        (["a", "b"], [1], "one value per label"),
        (["a"], [float("nan")], "finite"),
        (["a"], ["7"], "not a number"),
    ],
)
def test_bad_input_is_refused(labels, values, message):
    with pytest.raises(ValueError, match=message):
        bar_chart_svg(labels, values, title="t")


def test_chart_id_must_be_a_simple_identifier():
    with pytest.raises(ValueError, match="chart_id"):
        bar_chart_svg(["a"], [1], title="t", chart_id='x" onload="alert(1)')


def test_rendering_leaves_matplotlib_global_state_alone():
    # Reading rcParams["backend"] would itself import pyplot, so only the settings charts use are compared.
    code = (
        "import matplotlib, sys; keys = ['svg.fonttype', 'svg.hashsalt', 'font.family', 'font.sans-serif', "
        "'font.size', 'text.color', 'axes.edgecolor', 'ytick.color']; "
        "before = {k: matplotlib.rcParams[k] for k in keys}; "
        "from feedback.charts import bar_chart_svg; bar_chart_svg(['a'], [1], title='t'); "
        "assert {k: matplotlib.rcParams[k] for k in keys} == before, 'rcParams changed'; "
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'; print('ok')"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_a_long_label_is_cut_before_its_wave_so_two_waves_bars_never_read_alike():
    """A reviewer saw two bars both reading "Staff were kind and really listened to everything I…"."""
    name = "Staff were kind and really listened to everything I said about my situation"
    svg = bar_chart_svg([f"{name} — Spring 2026", f"{name} — Fall 2026"], [40.0, 55.0], title="Shares")
    assert "— Spring 2026</text>" in svg and "— Fall 2026</text>" in svg


def test_a_name_with_no_space_to_cut_at_keeps_its_first_characters_and_its_wave():
    name = "Childcare/transportation/housing/englishclasses/evening-schedules/waitlists-and-more-and-more"
    svg = bar_chart_svg([f"{name} — Spring 2026", f"{name} — Fall 2026"], [40.0, 55.0], title="Shares")
    assert "— Spring 2026</text>" in svg and ">… — Spring 2026<" not in svg and "Childcare/" in svg
