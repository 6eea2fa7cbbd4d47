"""A question's themes across waves, and two segments compared on the same themes, read from stored runs.

Each wave's numbers come from the newest finished run over that wave; a theme is followed across waves by
its lineage (the codebook reads later waves against the curated themes of earlier ones, so "Childcare"
in spring is "Childcare" in fall). Shares are of the respondents who answered the question in the wave;
every count, share and test goes through :mod:`analysis.trends` and so :func:`analysis.equity.crosstab`:
nothing hidden is printed, and nothing hidden is tested. Reads only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from analysis.equity import SUPPRESSED_TEXT, suppression_note
from analysis.trends import Comparison, compare_consecutive, compare_to_rest
from surveys.i18n import ENGLISH_NAMES
from surveys.models import Answer, Question, Response, Survey, Wave

from ..extensions import db
from ..models import RunStatus, Theme, ThemeAssignment, ThemeLineage, ThemeRun
from ..reports.breakdowns import demographic_answers, demographic_questions, frame_from, option_label

OTHER = "other"
"""The outcome of answers in "Other" or in a theme marked not useful: counted in every total, not followed."""
OTHER_LABEL = "Other answers and themes marked not useful"
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
        return _cell(self.counts[index], self.shares[index])


@dataclass
class QuestionTrend:
    """What the trend page prints, already protected."""

    question: Question
    waves: list[Wave]  # waves with a finished run, oldest first
    waves_without_run: list[Wave]
    totals: list[int | None]
    lines: list[TrendLine]
    other: TrendLine | None
    threshold: int

    @property
    def pairs(self) -> list[tuple[Wave, Wave]]:
        return list(zip(self.waves, self.waves[1:]))

    @property
    def any_hidden(self) -> bool:
        return any(n is None for n in self.totals) or any(
            n is None for line in self.lines + ([self.other] if self.other else []) for n in line.counts)

    @property
    def note(self) -> str:
        return suppression_note(self.threshold)

    def total_text(self, index: int) -> str:
        return SUPPRESSED_TEXT if self.totals[index] is None else str(self.totals[index])


def question_trend(survey: Survey, question: Question) -> QuestionTrend:
    """Each theme's share of respondents per wave, and the tested change between consecutive waves."""
    threshold = survey.partnership.small_cell_threshold
    runs = wave_runs(survey, question)
    waves = [wave for wave in survey.waves if wave.id in runs]
    without = [wave for wave in survey.waves if wave.id not in runs]
    if len(waves) < 2:
        return QuestionTrend(question, waves, without, [], [], None, threshold)
    frame = pd.concat([_run_frame(runs[wave.id]).assign(wave=wave.label) for wave in waves])
    labels = lineage_labels(question)
    keys = _ordered_keys(frame, labels)
    order = [wave.label for wave in waves]
    comparisons = compare_consecutive(frame, "wave", "outcome", order=order, outcomes=[*keys, OTHER],
                                      threshold=threshold)
    by_key: dict[str, list[Comparison]] = {}
    for comparison in comparisons:
        by_key.setdefault(str(comparison.outcome), []).append(comparison)
    totals = _totals(comparisons, order)
    lines = [_line(key, labels.get(key, key), by_key[key], order, runs, waves) for key in [*keys, OTHER]]
    other = lines.pop()
    other.label = OTHER_LABEL
    return QuestionTrend(question, waves, without, totals, lines, other, threshold)


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


def _run_frame(run: ThemeRun) -> pd.DataFrame:
    """One row per answer in a theme: its respondent, language, source and outcome (lineage key)."""
    frame = frame_from(
        sa.select(Answer.response_id, Response.language, Response.source, Theme.lineage, Theme.other, Theme.hidden)
        .join(ThemeAssignment, ThemeAssignment.answer_id == Answer.id)
        .join(Theme, Theme.id == ThemeAssignment.theme_id)
        .join(Response, Response.id == Answer.response_id)
        .where(ThemeAssignment.run_id == run.id),
        ["response_id", "language", "source", "lineage", "other", "hidden"],
    )
    frame["outcome"] = frame["lineage"].where(~(frame["other"].astype(bool) | frame["hidden"].astype(bool)), OTHER)
    return frame[["response_id", "language", "source", "outcome"]]


def _ordered_keys(frame: pd.DataFrame, labels: dict[str, str]) -> list[str]:
    """Followed themes, most answers first (over every wave), then by name."""
    sizes = frame.loc[frame["outcome"] != OTHER, "outcome"].value_counts()
    return sorted(sizes.index, key=lambda key: (-int(sizes[key]), labels.get(key, key).casefold()))


def _totals(comparisons: list[Comparison], order: list[str]) -> list[int | None]:
    """Respondents per wave as the protected table shows them."""
    totals: dict[str, int | None] = {}
    for c in comparisons:
        totals.setdefault(str(c.before), c.before_total)
        totals.setdefault(str(c.after), c.after_total)
    return [totals.get(label) for label in order]


def _line(key: str, label: str, changes: list[Comparison], order: list[str], runs: dict[int, ThemeRun],
          waves: list[Wave]) -> TrendLine:
    counts = [changes[0].before_count] + [c.after_count for c in changes] if changes else [None] * len(order)
    shares = [changes[0].before_share] + [c.after_share for c in changes] if changes else [None] * len(order)
    new_in = [wave.label for wave in waves if key in (runs[wave.id].parameters or {}).get("new_this_wave", [])]
    return TrendLine(key, label, counts, shares, changes, new_in)


def _cell(count: int | None, share: float | None) -> str:
    if count is None:
        return SUPPRESSED_TEXT
    return str(count) if share is None else f"{count} ({share:.0%})"


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
        return suppression_note(self.threshold)

    @staticmethod
    def cell(count: int | None, share: float | None) -> str:
        return _cell(count, share)

    @property
    def totals(self) -> tuple[str, str]:
        first = self.lines[0][1] if self.lines else None
        return (_cell(first.after_total if first else None, None), _cell(first.before_total if first else None, None))


def segments(survey: Survey) -> list[Segment]:
    """The segments staff may compare: each language, each partner's link, each demographic group."""
    options = [Segment(f"language:{code}", f"Answered in {ENGLISH_NAMES.get(code, code)}", "Language")
               for code in survey.languages]
    options += [Segment(f"source:{org.slug}", org.name, "Came through the link of")
                for org in sorted(survey.partnership.organizations, key=lambda o: o.name)]
    for question in demographic_questions(survey.id):
        options += [Segment(f"group:{question.key}:{option['key']}", option_label(option), question.text_in("en"))
                    for option in question.options]
    return options


def compare_segment(survey: Survey, question: Question, wave: Wave, value: str) -> SegmentComparison | None:
    """A segment against everyone else in one wave's run; ``None`` when the wave has no finished run or the
    segment is not one of :func:`segments`."""
    segment = next((s for s in segments(survey) if s.value == value), None)
    run = wave_runs(survey, question).get(wave.id)
    if segment is None or run is None:
        return None
    frame = _run_frame(run)
    frame = frame.assign(segment=_in_segment(survey, frame, segment.value))
    labels = lineage_labels(question)
    keys = _ordered_keys(frame, labels)
    comparisons = compare_to_rest(frame, "segment", "outcome", focus=True, outcomes=[*keys, OTHER],
                                  threshold=survey.partnership.small_cell_threshold)
    lines = [(OTHER_LABEL if str(c.outcome) == OTHER else labels.get(str(c.outcome), str(c.outcome)), c)
             for c in comparisons]
    return SegmentComparison(wave, segment, lines, survey.partnership.small_cell_threshold)


def _in_segment(survey: Survey, frame: pd.DataFrame, value: str) -> pd.Series:
    kind, _, rest = value.partition(":")
    if kind == "language":
        return frame["language"] == rest
    if kind == "source":
        return frame["source"] == rest
    key, _, option = rest.partition(":")
    question = next(q for q in demographic_questions(survey.id) if q.key == key)
    answers = demographic_answers(question, frame["response_id"].unique().tolist())
    labels = {o["key"]: option_label(o) for o in question.options}
    members = set(answers.loc[answers["group"] == labels.get(option), "response_id"])
    return frame["response_id"].isin(members)


def trend_chart(trend: QuestionTrend) -> str:
    """The largest themes' share per wave as an accessible bar chart (the table is its source)."""
    from ..charts import bar_chart_svg  # matplotlib loads on first use, not with the app

    lines = trend.lines[:CHART_THEMES]
    bars = [(f"{line.label} — {wave.label}", None if line.shares[i] is None else line.shares[i] * 100)
            for line in lines for i, wave in enumerate(trend.waves)]
    if not bars or all(value is None for _, value in bars):
        return ""
    title = f"Share of respondents per theme and wave: {trend.question.text_in('en')}"
    if len(trend.lines) > CHART_THEMES:
        title += f" (the {CHART_THEMES} largest of {len(trend.lines)} themes)"
    return bar_chart_svg([label for label, _ in bars], [value for _, value in bars], title=title,
                         value_format="{:.0f}%", missing_text=SUPPRESSED_TEXT)
