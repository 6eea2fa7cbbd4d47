"""Server-rendered SVG bar charts for theme sizes and answer distributions.

Reports must work without JavaScript, print cleanly and be read by screen readers, so each chart is an
inline SVG string: ``role="img"``, a ``<title>`` and a ``<desc>`` that lists every bar's label and value,
text kept as text, and no metadata. Labels are answers and theme names typed by people, so they are
untrusted: matplotlib escapes them in the drawing, this module escapes them in the title and
description, and mathtext is turned off so a ``$`` in an answer is just a dollar sign.

matplotlib is used through :class:`matplotlib.figure.Figure` only (never ``pyplot``), so no global
backend is selected and no figure is kept in memory. The two settings that have no per-figure
equivalent (``svg.fonttype`` and ``svg.hashsalt``) are applied in an ``rc_context`` held under a lock,
so concurrent requests cannot see each other's settings.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import textwrap
import threading
from collections.abc import Sequence
from xml.sax.saxutils import escape

__all__ = ["BAR_COLOUR", "MAX_BARS", "TEXT_COLOUR", "bar_chart_svg"]

MAX_BARS = 30
"""More bars than this are unreadable on a phone; callers pass the largest ones and say so."""

BAR_COLOUR = "#1d5c99"
"""Bar fill: 6.9:1 against white (WCAG asks at least 3:1 for graphics)."""

TEXT_COLOUR = "#1f1f1f"
"""Labels and values: 16.4:1 against white."""

MUTED_COLOUR = "#595959"
"""Text for a value that is not shown: 7:1 against white."""

LABEL_WIDTH = 28
"""Characters per line of a bar label; longer labels wrap onto a second line, then are cut with "…"."""

_RENDER_LOCK = threading.Lock()
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CHART_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")


def bar_chart_svg(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    value_format: str = "{:.0f}",
    missing_text: str = "suppressed",
    chart_id: str | None = None,
) -> str:
    """A horizontal bar chart as an accessible inline SVG, bars in the order given, first at the top.

    Args:
        labels: One label per bar (untrusted text: escaped, wrapped to two lines, cut with "…"; the
            full text is in the description).
        values: One value per bar; ``None`` draws no bar and writes ``missing_text`` (for a count
            hidden by suppression).
        title: What the chart shows; the SVG's accessible name and its visible heading.
        value_format: ``str.format`` pattern for the value written at the end of each bar, e.g.
            ``"{:.0%}"`` for shares.
        missing_text: Text written for a ``None`` value.
        chart_id: Prefix for every ``id`` in the SVG, so several charts on one page never share an
            id. Defaults to one derived from the content.

    Returns:
        An ``<svg>`` element as a string, without XML declaration or DOCTYPE, ready to place in HTML.

    Raises:
        ValueError: No bars, more than :data:`MAX_BARS`, labels and values of different lengths, a value
            that is not a finite number, or a ``chart_id`` that is not a simple identifier.
    """
    labels = [_clean(label) for label in labels]
    values = list(values)
    _check(labels, values, chart_id)
    title = _clean(title)
    texts = [missing_text if v is None else value_format.format(v) for v in values]
    description = "; ".join(f"{label}: {text}" for label, text in zip(labels, texts, strict=True)) + "."
    if chart_id is None:
        digest = hashlib.sha256(repr((title, labels, texts)).encode("utf-8")).hexdigest()[:10]
        chart_id = f"chart-{digest}"

    svg = _render(labels, values, texts, title, missing_text)
    return _make_accessible(svg, chart_id, title, description)


def _check(labels: list[str], values: list[float | None], chart_id: str | None) -> None:
    if len(labels) != len(values):
        raise ValueError(f"got {len(labels)} labels but {len(values)} values; pass one value per label")
    if not labels:
        raise ValueError("a bar chart needs at least one bar")
    if len(labels) > MAX_BARS:
        raise ValueError(
            f"{len(labels)} bars is too many to read; pass at most {MAX_BARS} (the largest) "
            "and say in the report that the rest are left out"
        )
    for label, value in zip(labels, values, strict=True):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) and not hasattr(value, "__float__"):
            raise ValueError(f"the value for {label!r} is not a number: {value!r}")
        if not math.isfinite(float(value)):
            raise ValueError(
                f"the value for {label!r} is not a finite number: {value!r}; use None for a "
                "value that is not shown"
            )
    if chart_id is not None and not _CHART_ID.match(chart_id):
        raise ValueError(
            f"chart_id must be letters, digits, '-' or '_' starting with a letter, got {chart_id!r}"
        )


def _clean(text: object) -> str:
    """Text without the control characters XML cannot hold, with runs of whitespace made single spaces."""
    return " ".join(_CONTROL.sub("", str(text)).split())


def _short(label: str) -> str:
    lines = textwrap.wrap(label, LABEL_WIDTH, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_WIDTH - 1, placeholder="") + "…"]
        if lines[1] == "…":  # one long word: cut it
            lines[1] = " ".join(label.split())[len(lines[0]) :][: LABEL_WIDTH - 1].strip() + "…"
    return "\n".join(lines)


def _render(
    labels: list[str], values: list[float | None], texts: list[str], title: str, missing_text: str
) -> str:
    import matplotlib
    from matplotlib.figure import Figure

    numbers = [0.0 if v is None else float(v) for v in values]
    low, high = min(0.0, *numbers), max(0.0, *numbers)
    span = (high - low) or 1.0
    n = len(labels)
    settings = {
        "svg.fonttype": "none",
        "svg.hashsalt": "chorus",
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "Liberation Sans"],
        "font.size": 10,
        "text.color": TEXT_COLOUR,
        "axes.edgecolor": TEXT_COLOUR,
        "xtick.color": TEXT_COLOUR,
        "ytick.color": TEXT_COLOUR,
    }
    with _RENDER_LOCK, matplotlib.rc_context(settings):
        figure = Figure(figsize=(7.0, 0.9 + 0.42 * n), layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(n))
        drawn = [i for i in positions if values[i] is not None]
        axes.barh(drawn, [numbers[i] for i in drawn], color=BAR_COLOUR, height=0.66)
        axes.set_yticks(positions, labels=[_short(label) for label in labels], parse_math=False)
        axes.invert_yaxis()
        axes.set_xlim(low - (0.2 * span if low < 0 else 0), high + 0.2 * span)
        axes.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="y", length=0, pad=6)
        for position, value, text in zip(positions, values, texts, strict=True):
            if value is None:
                axes.text(
                    0,
                    position,
                    f" {missing_text}",
                    va="center",
                    ha="left",
                    color=MUTED_COLOUR,
                    fontstyle="italic",
                    parse_math=False,
                )
            else:
                left = float(value) < 0
                axes.text(
                    float(value),
                    position,
                    f"{text} " if left else f" {text}",
                    va="center",
                    ha="right" if left else "left",
                    parse_math=False,
                )
        axes.set_title(
            "\n".join(textwrap.wrap(title, 70)) or " ",
            loc="left",
            fontsize=11,
            fontweight="bold",
            parse_math=False,
        )
        buffer = io.StringIO()
        figure.savefig(
            buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None}
        )
    return buffer.getvalue()


def _make_accessible(svg: str, chart_id: str, title: str, description: str) -> str:
    """Strip the prologue and metadata, namespace the ids, and add role, title and description."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.DOTALL)
    # matplotlib's "*{...}" stylesheet would style the whole HTML page once the SVG is inline.
    svg = re.sub(r"<style[^>]*>.*?</style>\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<defs>\s*</defs>\s*", "", svg)
    # Keep only the ids something refers to (clip paths), prefixed so charts on one page never clash.
    referenced = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'href="#([^"]+)"', svg))
    svg = re.sub(r'\s\bid="([^"]+)"', lambda m: f' id="{chart_id}-{m[1]}"' if m[1] in referenced else "", svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", svg)
    svg = re.sub(r'(xlink:href|href)="#([^"]+)"', rf'\1="#{chart_id}-\2"', svg)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    opening_end = svg.index(">") + 1
    opening = svg[: opening_end - 1].rstrip("/")
    accessible = (
        f'{opening} role="img" aria-labelledby="{title_id} {desc_id}">\n'
        f'<title id="{title_id}">{escape(title)}</title>\n'
        f'<desc id="{desc_id}">{escape(description)}</desc>\n'
    )
    return accessible + svg[opening_end:].lstrip("\n")
