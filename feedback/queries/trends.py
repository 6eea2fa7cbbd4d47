"""A question's themes across waves, and a segment compared with everyone else, from published numbers.

Each wave's numbers are the ones its theme report already publishes (the newest finished run over that
wave, :func:`feedback.reports.theme_report`): theme sizes and breakdown cells protected there, jointly with
everything else that report prints. This page only divides and tests them, so it can reveal nothing the
report hides — protecting the same counts a second time, separately, would hide *other* cells, and the two
pages together could be subtracted. A theme is followed across waves by its lineage (the codebook reads
later waves against the curated themes of earlier ones, so "Childcare" in spring is "Childcare" in fall).
Reads only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import sqlalchemy as sa
from flask_babel import gettext

from analysis.trends import Comparison, compare_published
from surveys.i18n import ENGLISH_NAMES
from surveys.models import Question, Survey, Wave

from ..extensions import db
from ..interface_language import interface_locale
from ..models import RunStatus, ThemeLineage, ThemeRun
from ..reports import theme_report
from ..reports.breakdowns import (
    LANGUAGE_NAMES,
    NO_SOURCE,
    BreakdownTable,
    cell_text,
    demographic_questions,
    hidden_note,
    language_label,
    option_label,
    page_hidden_label,
    reader_option_label,
    reader_text,
)

CHART_THEMES = 12
"""Themes drawn in the chart at most (two bars each, one per wave); the table lists every theme."""


@dataclass
class TrendLine:
    """One theme across waves: its protected count and share per wave, and the change between each pair of
    consecutive waves (``changes[i]`` compares wave ``i`` with wave ``i + 1``)."""

    key: str
    label: str
    counts: list[int | None]
    shares: list[float | None]
    changes: list[Comparison]
    new_in: list[str] = field(default_factory=list)  # waves whose run found it among answers fitting no known theme

    def cell(self, index: int) -> str:
        return cell_text(self.counts[index], self.shares[index])


@dataclass
class QuestionTrend:
    """What the trend page prints, already protected."""

    question: Question
    waves: list[Wave]  # waves with a finished run, oldest first
    waves_without_run: list[Wave]
    totals: list[int | None]
    lines: list[TrendLine]
    threshold: int

    @property
    def pairs(self) -> list[tuple[Wave, Wave]]:
        return list(zip(self.waves, self.waves[1:]))

    @property
    def any_hidden(self) -> bool:
        return any(n is None for n in self.totals) or any(
            n is None for line in self.lines for n in line.counts)

    @property
    def note(self) -> str:
        return hidden_note(self.threshold)

    def total_text(self, index: int) -> str:
        return page_hidden_label() if self.totals[index] is None else str(self.totals[index])


def question_trend(survey: Survey, question: Question, *, reads_answers: bool = True) -> QuestionTrend:
    """Each theme's share of respondents per wave, and the tested change between consecutive waves.

    A theme whose count is printed in no wave is small wherever it was found: its name comes from a few
    answers, so it is listed only for a reader who ``reads_answers`` (as the report lists small themes)."""
    threshold = survey.partnership.small_cell_threshold
    runs = wave_runs(survey, question)
    waves = [wave for wave in survey.waves if wave.id in runs]
    without = [wave for wave in survey.waves if wave.id not in runs]
    if len(waves) < 2:
        return QuestionTrend(question, waves, without, [], [], threshold)
    published = [_published_sizes(runs[wave.id]) for wave in waves]
    totals = [total for _, total in published]
    labels = lineage_labels(question)
    keys = _ordered_keys([sizes for sizes, _ in published], labels)
    counts = {key: [sizes.get(key, 0) for sizes, _ in published] for key in keys}
    changes: dict[str, list[Comparison]] = {key: [] for key in keys}
    for (i, before), (j, after) in pairwise(enumerate(waves)):
        rows = [(key, counts[key][i], totals[i], counts[key][j], totals[j]) for key in keys]
        for comparison in compare_published(rows, before=before.label, after=after.label, threshold=threshold):
            changes[str(comparison.outcome)].append(comparison)
    lines = [TrendLine(key, labels.get(key, key), counts[key],
                       [_share(n, total) for n, total in zip(counts[key], totals, strict=True)], changes[key],
                       [wave.label for wave in waves if key in (runs[wave.id].parameters or {}).get("new_this_wave", [])])
             for key in keys]
    if not reads_answers:
        lines = [line for line in lines if any(line.counts)]
    return QuestionTrend(question, waves, without, totals, lines, threshold)


def _published_sizes(run: ThemeRun) -> tuple[dict[str, int | None], int | None]:
    """Each followed theme's size as the run's report prints it (``None`` where it hides or folds it),
    by lineage key, and the report's total of answers in themes. "Other answers" are always folded."""
    report = theme_report(run)
    sizes: dict[str, int | None] = {}
    for line in [*report.themes, *report.hidden]:
        if line.theme.other:
            continue
        key = line.theme.lineage
        if key in sizes:  # two parts of one lineage: their sum, if both are printed
            sizes[key] = None if sizes[key] is None or line.size is None else sizes[key] + line.size
        else:
            sizes[key] = line.size
    return sizes, report.answered


def _share(count: int | None, total: int | None) -> float | None:
    return None if count is None or not total else count / total


def wave_runs(survey: Survey, question: Question) -> dict[int, ThemeRun]:
    """The newest finished run of each wave of the question (waves without one are left out)."""
    runs: dict[int, ThemeRun] = {}
    for run in db.session.scalars(
        sa.select(ThemeRun).where(ThemeRun.question_id == question.id, ThemeRun.status == RunStatus.FINISHED,
                                  ThemeRun.wave_id.is_not(None)).order_by(ThemeRun.id.desc())
    ):
        runs.setdefault(run.wave_id, run)
    return runs


def lineage_labels(question: Question) -> dict[str, str]:
    """Each lineage's current name (the curated one), by key."""
    return dict(db.session.execute(
        sa.select(ThemeLineage.key, ThemeLineage.label).where(ThemeLineage.question_id == question.id)).all())


def _ordered_keys(published: list[dict[str, int | None]], labels: dict[str, str]) -> list[str]:
    """Followed themes, most printed answers first (over every wave), then by name."""
    keys = {key for sizes in published for key in sizes}
    size = {key: sum(sizes.get(key) or 0 for sizes in published) for key in keys}
    return sorted(keys, key=lambda key: (-size[key], labels.get(key, key).casefold()))


# -- two segments on the same themes ----------------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    """A group of respondents to compare with everyone else: ``value`` is what the form sends, ``kind``
    what the choice list files it under."""

    value: str
    label: str
    kind: str = ""

    @property
    def title(self) -> str:
        return f"{self.kind}: {self.label}" if self.kind else self.label


@dataclass
class SegmentComparison:
    """One wave's themes in a segment against everyone else, protected and tested."""

    wave: Wave
    segment: Segment
    lines: list[tuple[str, Comparison]]  # (theme name, comparison); "after" is the segment
    threshold: int

    @property
    def any_hidden(self) -> bool:
        return any(None in (c.before_count, c.after_count, c.before_total, c.after_total) for _, c in self.lines)

    @property
    def note(self) -> str:
        return hidden_note(self.threshold)

    @staticmethod
    def cell(count: int | None, share: float | None) -> str:
        return cell_text(count, share)

    @property
    def totals(self) -> tuple[str, str]:
        first = self.lines[0][1] if self.lines else None
        return (cell_text(first.after_total if first else None, None),
                cell_text(first.before_total if first else None, None))


def segments(survey: Survey) -> list[Segment]:
    """The segments staff may compare: each language, each partner's link, each demographic group."""
    options = [Segment(f"language:{code}", gettext("Answered in %(language)s", language=language_label(
                           ENGLISH_NAMES.get(code, code), heading=False)), gettext("Language"))
               for code in survey.languages]
    options += [Segment(f"source:{org.slug}", org.name, gettext("Came through the link of"))
                for org in sorted(survey.partnership.organizations, key=lambda o: o.name)]
    reader = interface_locale()  # a demographic question and its options in the survey's words for the reader
    for question in demographic_questions(survey.id):
        options += [Segment(f"group:{question.key}:{option['key']}", reader_option_label(option, reader),
                            reader_text(question.text or {}, reader))
                    for option in question.options]
    return options


def compare_segment(survey: Survey, question: Question, wave: Wave, value: str) -> SegmentComparison | None:
    """A segment against everyone else in one wave, from that wave's report: the segment's row of the
    report's breakdown table, and everyone else as the report's totals minus that row (hidden wherever
    either is). ``None`` when the wave has no finished run or the segment is not one of :func:`segments`."""
    segment = next((s for s in segments(survey) if s.value == value), None)
    run = wave_runs(survey, question).get(wave.id)
    if segment is None or run is None:
        return None
    threshold = survey.partnership.small_cell_threshold
    table_name, row_name = _segment_row(survey, segment.value)
    table = next((t for t in theme_report(run).tables if t.name == table_name), None)
    rows = _segment_rows(table, row_name) if table is not None else []
    comparisons = compare_published(rows, before="Everyone else", after=segment.value, threshold=threshold)
    return SegmentComparison(wave, segment, [(str(c.outcome), c) for c in comparisons], threshold)


def _segment_row(survey: Survey, value: str) -> tuple[str, str]:
    """The report table and row (group) that hold a segment, named as the report names them."""
    kind, _, rest = value.partition(":")
    if kind == "language":
        return "Language", LANGUAGE_NAMES.get(rest, rest)
    if kind == "source":
        names = {org.slug: org.name for org in survey.partnership.organizations}
        return "Partner link", names.get(rest, rest) if rest else NO_SOURCE
    key, _, option = rest.partition(":")
    question = next(q for q in demographic_questions(survey.id) if q.key == key)
    labels = {o["key"]: option_label(o) for o in question.options}
    return question.text_in("en"), labels.get(option, option)


def _segment_rows(table: BreakdownTable, row_name: str) -> list[tuple[str, int | None, int | None,
                                                                          int | None, int | None]]:
    """(theme, rest count, rest total, segment count, segment total) for each theme column; a group the
    report combined with other small groups, or left out, has every number hidden."""
    total_row, total_column = table.counts[-1], len(table.columns) - 1
    group = table.counts[table.groups.index(row_name)] if row_name in table.groups[:-1] else None

    def minus(whole: int | None, part: int | None) -> int | None:
        return None if whole is None or part is None else whole - part

    rows = []
    for o, theme in enumerate(table.columns[:-1]):
        count = group[o] if group else None
        size = group[total_column] if group else None
        rows.append((theme, minus(total_row[o], count), minus(total_row[total_column], size), count, size))
    return rows


def trend_chart(trend: QuestionTrend) -> str:
    """The largest themes' share per wave as an accessible bar chart (the table is its source)."""
    from ..charts import bar_chart_svg  # matplotlib loads on first use, not with the app

    lines = trend.lines[:CHART_THEMES]
    bars = [(f"{line.label} — {wave.label}", None if line.shares[i] is None else line.shares[i] * 100)
            for line in lines for i, wave in enumerate(trend.waves)]
    if not bars or all(value is None for _, value in bars):
        return ""
    title = gettext("Share of respondents per theme and wave: %(question)s", question=reader_text(trend.question.text or {}, interface_locale()))
    if len(trend.lines) > CHART_THEMES:
        title += " " + gettext("(the %(shown)s largest of %(count)s themes)", shown=CHART_THEMES,
                               count=len(trend.lines))
    return bar_chart_svg([label for label, _ in bars], [value for _, value in bars], title=title,
                         value_format="{:.0f}%", missing_text=page_hidden_label())
