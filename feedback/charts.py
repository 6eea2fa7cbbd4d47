"""Server-rendered SVG bar charts for theme sizes and answer distributions.

Reports must work without JavaScript, print cleanly and be read by screen readers, so each chart is an
inline SVG string: ``role="img"``, a ``<title>`` and a ``<desc>`` that lists every bar's label and value,
text kept as text, no metadata, and no inline styles (the pages' Content-Security-Policy blocks them). Labels are answers and theme names typed by people, so they are
untrusted: matplotlib escapes them in the drawing, this module escapes them in the title and
description, and mathtext is turned off so a ``$`` in an answer is just a dollar sign.

Pages shrink the SVG to the screen's width, so the drawing is narrow (:data:`WIDTH`) with each label
on its own line(s) above its bar, using the whole width: on a phone, labels stay about 14 px and
nothing is squeezed. Titles and labels are wrapped by their measured width, so nothing is clipped.

matplotlib is used through :class:`matplotlib.figure.Figure` only (never ``pyplot``), so no global
backend is selected and no figure is kept in memory. The two settings that have no per-figure
equivalent (``svg.fonttype`` and ``svg.hashsalt``) are applied in an ``rc_context`` held under a lock,
so concurrent requests cannot see each other's settings.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import re
import textwrap
import threading
from collections.abc import Sequence
from xml.sax.saxutils import escape

from analysis.equity import SUPPRESSED_TEXT

__all__ = ["BAR_COLOUR", "MAX_BARS", "TEXT_COLOUR", "bar_chart_svg"]

MAX_BARS = 30
"""More bars than this are unreadable on a phone; callers pass the largest ones and say so."""

BAR_COLOUR = "#1d5c99"
"""Bar fill: 6.9:1 against white (WCAG asks at least 3:1 for graphics)."""

TEXT_COLOUR = "#1f1f1f"
"""Labels and values: 16.4:1 against white."""

MUTED_COLOUR = "#595959"
"""Text for a value that is not shown: 7:1 against white."""

LABEL_WIDTH = 40
"""Characters per line of a bar label at most; longer labels wrap onto a second line, then are cut with "…"."""

WIDTH = 300.0
"""Drawing width in points (400 CSS pixels). Pages scale the SVG down to the screen's width, so text
sizes are chosen for the narrowest screen: on a 390 px phone (358 px of content) 12 pt labels still
render at about 14 px, and at 400 px and wider they are 16 px."""

LABEL_SIZE = 12.0
"""Bar labels and values, in points of the drawing."""

TITLE_SIZE = 13.0
"""The visible title, bold, in points of the drawing."""

MAX_TITLE_LINES = 6
MARGIN = 4.0
_LINE = 1.3  # line height, as a multiple of the font size
_BAR = 14.0  # bar thickness
_ROW_GAP = 12.0  # between one bar and the next label
_TITLE_WIDTH = 60  # characters per title line at most
_FONTS = ["DejaVu Sans", "Arial", "Helvetica", "Liberation Sans"]

_RENDER_LOCK = threading.Lock()
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CHART_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')


def bar_chart_svg(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    value_format: str = "{:.0f}",
    missing_text: str = SUPPRESSED_TEXT,
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
    if chart_id is not None and not _CHART_ID.fullmatch(chart_id):
        raise ValueError(
            f"chart_id must be letters, digits, '-' or '_' starting with a letter, got {chart_id!r}"
        )


def _clean(text: object) -> str:
    """Text without the control characters XML cannot hold, with runs of whitespace made single spaces."""
    return " ".join(_CONTROL.sub("", str(text)).split())


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters; past ``max_lines`` the rest is cut with "…".

    What follows a label's last " — " says which bar it is (a wave, a group: "Childcare — Spring 2026"),
    so a label too long is cut before the dash, never after: two waves' bars never read alike."""
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True) or [""]
    head, dash, tail = text.rpartition(" — ")
    if len(lines) > max_lines and dash and head and len(tail) <= width - 4:
        for budget in range(width * max_lines - len(dash + tail), 0, -4):
            cut = textwrap.shorten(head, budget, placeholder="…")
            if cut in ("", "…"):  # no space to cut at (a Chinese name, "childcare/transport/…")
                cut = head[: budget - 1].rstrip() + "…"
            shorter = f"{cut}{dash}{tail}"
            lines = textwrap.wrap(shorter, width, break_long_words=True, break_on_hyphens=True)
            if len(lines) <= max_lines:
                return lines
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        last = textwrap.shorten(rest, width - 1, placeholder="") or rest[: width - 1].strip()  # one long word
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines


@functools.lru_cache(maxsize=4096)
def _text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in DejaVu Sans (matplotlib's own font, and wider than the
    Arial or Helvetica a browser may use instead, so text that fits here fits there)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    properties = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    return TextToPath().get_text_width_height_descent(text, properties, ismath=False)[0]


def _fit(
    text: str, size: float, max_lines: int, *, bold: bool = False, room: float = WIDTH - 2 * MARGIN
) -> list[str]:
    """``text`` wrapped so that every line fits in ``room`` points: never clipped at the edge."""
    lines = [""]
    for width in range(_TITLE_WIDTH if bold else LABEL_WIDTH, 7, -1):
        lines = _wrap(text, width, max_lines)
        if all(_text_width(line, size, bold) <= room for line in lines):
            break
    return lines


def _render(
    labels: list[str], values: list[float | None], texts: list[str], title: str, missing_text: str
) -> str:
    """Each label on its own line(s) above its bar, so labels get the whole width, even on a phone."""
    import matplotlib
    from matplotlib.figure import Figure

    with _RENDER_LOCK:  # font measurement and drawing share matplotlib's font cache
        numbers = [0.0 if v is None else float(v) for v in values]
        low, high = min(0.0, *numbers), max(0.0, *numbers)
        span = (high - low) or 1.0
        gap = _text_width(" ", LABEL_SIZE)
        right_room = max(
            [_text_width(t, LABEL_SIZE) + gap for t, n in zip(texts, numbers) if n >= 0] or [0.0]
        )
        left_room = max([_text_width(t, LABEL_SIZE) + gap for t, n in zip(texts, numbers) if n < 0] or [0.0])
        scale = (WIDTH - 2 * MARGIN - left_room - right_room) / span
        zero = MARGIN + left_room - low * scale

        # Lay out top to bottom in points: the title, then per bar its label lines and the bar.
        title_lines = _fit(title, TITLE_SIZE, MAX_TITLE_LINES, bold=True)
        y = MARGIN
        placed_title = []
        for line in title_lines:
            placed_title.append((y, line))
            y += TITLE_SIZE * _LINE
        y += _ROW_GAP / 2
        rows = []
        for label in labels:
            lines = _fit(label, LABEL_SIZE, 2)
            rows.append((y, lines))
            y += len(lines) * LABEL_SIZE * _LINE + 2
            y += _BAR + _ROW_GAP
        height = y - _ROW_GAP + MARGIN

        settings = {
            "svg.fonttype": "none",
            "svg.hashsalt": "chorus",
            "font.family": "sans-serif",
            "font.sans-serif": _FONTS,
            "font.size": LABEL_SIZE,
            "text.color": TEXT_COLOUR,
        }
        with matplotlib.rc_context(settings):
            figure = Figure(figsize=(WIDTH / 72, height / 72), dpi=72)
            axes = figure.add_axes((0, 0, 1, 1))
            axes.set_xlim(0, WIDTH)
            axes.set_ylim(height, 0)
            axes.set_axis_off()
            for top, line in placed_title:
                axes.text(
                    MARGIN,
                    top,
                    line or " ",
                    fontsize=TITLE_SIZE,
                    fontweight="bold",
                    va="top",
                    ha="left",
                    parse_math=False,
                )
            for (top, lines), value, number, text in zip(rows, values, numbers, texts, strict=True):
                for index, line in enumerate(lines):
                    axes.text(
                        MARGIN, top + index * LABEL_SIZE * _LINE, line, va="top", ha="left", parse_math=False
                    )
                bar_top = top + len(lines) * LABEL_SIZE * _LINE + 2
                middle = bar_top + _BAR / 2
                axes.plot([zero, zero], [bar_top - 1, bar_top + _BAR + 1], color=TEXT_COLOUR, linewidth=0.8)
                if value is None:
                    axes.text(
                        zero + gap,
                        middle,
                        missing_text,
                        va="center",
                        ha="left",
                        color=MUTED_COLOUR,
                        fontstyle="italic",
                        parse_math=False,
                    )
                    continue
                axes.barh([middle], [number * scale], height=_BAR, left=zero, color=BAR_COLOUR)
                end = zero + number * scale
                axes.text(
                    end - gap if number < 0 else end + gap,
                    middle,
                    text,
                    va="center",
                    ha="right" if number < 0 else "left",
                    parse_math=False,
                )
            buffer = io.StringIO()
            figure.savefig(
                buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None}
            )
    return buffer.getvalue()


def _presentation_attributes(match: re.Match[str]) -> str:
    """``style="fill: #fff; stroke: none"`` as ``fill="#fff" stroke="none"``.

    The pages' Content-Security-Policy allows no inline styles, so a browser ignores ``style``
    attributes (bars would turn black and values lose their anchoring); SVG presentation attributes
    are markup, not styles, and say the same. matplotlib writes only properties that have one.
    """
    declarations = (part.split(":", 1) for part in match[1].split(";") if part.strip())
    return "".join(f' {name.strip()}="{value.strip()}"' for name, value in declarations)


def _make_accessible(svg: str, chart_id: str, title: str, description: str) -> str:
    """Strip the prologue and metadata, namespace the ids, and add role, title and description."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.DOTALL)
    # matplotlib's "*{...}" stylesheet would style the whole HTML page once the SVG is inline.
    svg = re.sub(r"<style[^>]*>.*?</style>\s*", "", svg, flags=re.DOTALL)
    svg = _STYLE_ATTRIBUTE.sub(_presentation_attributes, svg)
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
