"""A measure's progress toward its target as a small inline SVG line chart.

Written by hand rather than with matplotlib: a handful of points, a target line and labels, a few
hundred bytes, fit for the public page's weight budget too. Like :mod:`feedback.charts`, the SVG has
``role="img"``, a ``<title>`` and a ``<desc>`` that reads every value (the table beside it is the
source), no inline styles, and every text escaped. A hidden value is a gap in the line, labelled
:data:`analysis.equity.SUPPRESSED_TEXT`, never a point.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from flask_babel import gettext as _

from analysis.equity import SUPPRESSED_TEXT

LINE_COLOUR = "#1d5c99"  # 6.9:1 against white
TARGET_COLOUR = "#8a4b00"  # 6.0:1 against white
TEXT_COLOUR = "#1f1f1f"
WIDTH, HEIGHT = 400, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 64, 28, 46  # room for a value's label centred on the first and last point


def progress_chart_svg(points: Sequence[tuple[str, float | None, bool]], *, title: str, target: float | None,
                       value_text: Callable[[float], str], chart_id: str) -> str:
    """The chart for ``points`` (period label, value or ``None``, hidden), oldest first.

    Args:
        points: One per period; a ``None`` value is drawn as a gap, labelled hidden when ``hidden``.
        title: What the chart shows (read first by screen readers).
        target: Drawn as a dashed line when given.
        value_text: How a value reads ("17%", "42 placements").
        chart_id: Unique within the page (ids of the title and description).

    Returns:
        The SVG markup, or ``""`` when there is nothing to draw.
    """
    if not points:
        return ""
    values = [v for _, v, _ in points if v is not None] + ([target] if target is not None else [])
    top = max(values + [1.0]) * 1.15
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(points) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h - v / top * plot_h

    parts = [(f'<line x1="4" y1="{TOP + plot_h}" x2="{WIDTH - 4}" y2="{TOP + plot_h}" '
             f'stroke="{TEXT_COLOUR}" stroke-width="1"/>')]
    if target is not None:
        parts.append(f'<line x1="4" y1="{y(target):.1f}" x2="{WIDTH - 4}" y2="{y(target):.1f}" '
                     f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>')
        target_text = _("Target %(value)s", value=value_text(target))
        parts.append(f'<text x="{WIDTH - 4}" y="{y(target) - 5:.1f}" text-anchor="end" fill="{TARGET_COLOUR}" font-size="12">'
                     f'{escape(target_text)}</text>')
    segment: list[str] = []
    for i, (label, value, hidden) in enumerate(points):
        parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" fill="{TEXT_COLOUR}" '
                     f'font-size="12">{escape(label[:18])}</text>')
        if value is None:
            if len(segment) > 1:
                parts.append(_polyline(segment))
            segment = []
            note = SUPPRESSED_TEXT if hidden else escape(_("no value"))
            parts.append(f'<text x="{x(i):.1f}" y="{TOP + plot_h - 6}" text-anchor="middle" fill="{TEXT_COLOUR}" '
                         f'font-size="12">{note}</text>')
            continue
        segment.append(f"{x(i):.1f},{y(value):.1f}")
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="4" fill="{LINE_COLOUR}"/>')
        parts.append(f'<text x="{x(i):.1f}" y="{y(value) - 9:.1f}" text-anchor="middle" fill="{TEXT_COLOUR}" '
                     f'font-size="12" font-weight="bold">{escape(value_text(value))}</text>')
    if len(segment) > 1:
        parts.append(_polyline(segment))
    no_value = _("no value")
    described = "; ".join(f"{label}: {value_text(v) if v is not None else (SUPPRESSED_TEXT if h else no_value)}"
                          for label, v, h in points)
    if target is not None:
        described += ". " + _("Target: %(value)s", value=value_text(target))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" '
            f'aria-labelledby="{chart_id}-t {chart_id}-d" class="chart">'
            f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(described)}</desc>'
            + "".join(parts) + "</svg>")


def _polyline(points: list[str]) -> str:
    return f'<polyline points="{" ".join(points)}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2"/>'
