"""Closing the loop, read only: actions and their voice, shared measures and their progress.

Staff pages and the public "you said, we did" page read through here, so both print the same numbers.
Every number comes from a protected source: theme sizes from the theme report's cache, answer counts
from the protection the question's summary uses (:func:`feedback.reports.breakdowns.group_breakdowns`),
and shares through :mod:`analysis.measures`, which hides a share that would expose a small group.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import selectinload

from analysis.measures import ShareValue, protected_share
from surveys.models import Answer, Partnership, Question, Response, Survey, Wave
from surveys.question_types import get_type

from ..extensions import db
from ..models import Action, ActionStatus, Measure, MeasureKind, Theme, ThemeLineage, ThemeRun, action_theme
from ..reports import theme_report
from ..reports.breakdowns import frame_from, group_breakdowns
from . import themes as theme_queries


@dataclass(frozen=True)
class MeasurePoint:
    """One wave's or period's value of a measure, safe to print.

    ``value`` is in the measure's unit (percent for shares); ``None`` with ``hidden`` when it would
    expose a small group, ``None`` without it when there is nothing to show (no answers, no report).
    """

    period: str
    period_end: date | None
    value: float | None
    hidden: bool = False
    note: str = ""


@dataclass(frozen=True)
class WaveVoice:
    """A theme in one wave: its protected size and share of the answers in themes (``None``: hidden)."""

    wave: str
    size: int | None
    share: float | None  # percent
    hidden: bool


@dataclass
class ThemeVoice:
    """The voice behind an action: one linked theme, wave by wave, and quotes for those allowed."""

    lineage: ThemeLineage
    waves: list[WaveVoice]
    report_url_args: dict[str, str] | None = None
    quotes: list[str] = field(default_factory=list)


OptionTotals = tuple[dict[str, "int | None"], "int | None", int]
"""A wave's protected count per option, their protected total, and how many people answered."""

ACTION_LOADS = (selectinload(Action.themes), selectinload(Action.measures), selectinload(Action.organization),
                selectinload(Action.occupations))


# -- actions ---------------------------------------------------------------------------------------------

def public_actions(partnership: Partnership) -> list[Action]:
    """The partnership's actions marked public, newest first (for the public page)."""
    return list(db.session.scalars(
        sa.select(Action).options(*ACTION_LOADS)
        .where(Action.partnership_id == partnership.id, Action.public.is_(True))
        .order_by(Action.created_at.desc(), Action.id.desc())
    ))


def actions_board(partnership: Partnership, *, status: ActionStatus | None = None,
                  organization_id: int | None = None, lineage_id: int | None = None) -> list[Action]:
    """The partnership's actions for the staff board, filtered; due soonest first, undated last."""
    query = (sa.select(Action).options(*ACTION_LOADS).where(Action.partnership_id == partnership.id)
             .order_by(Action.due_on.is_(None), Action.due_on, Action.id))
    if status is not None:
        query = query.where(Action.status == status)
    if organization_id is not None:
        query = query.where(Action.organization_id == organization_id)
    if lineage_id is not None:
        query = query.where(Action.id.in_(sa.select(action_theme.c.action_id)
                                          .where(action_theme.c.lineage_id == lineage_id)))
    return list(db.session.scalars(query))


def partnership_lineages(partnership: Partnership) -> list[ThemeLineage]:
    """Every theme (lineage) of the partnership's questions that a finished run still shows, by name:
    what an action may be linked to and the board filtered by."""
    shown = (sa.select(Theme.lineage_id).join(ThemeRun, ThemeRun.id == Theme.run_id)
             .where(Theme.retired.is_(False), Theme.other.is_(False)))
    return list(db.session.scalars(
        sa.select(ThemeLineage).options(selectinload(ThemeLineage.question))
        .join(Question, Question.id == ThemeLineage.question_id)
        .where(Question.survey.has(partnership_id=partnership.id), ThemeLineage.id.in_(shown))
        .order_by(ThemeLineage.label, ThemeLineage.id)
    ))


def lineage_of_theme(theme: Theme) -> ThemeLineage | None:
    """The lasting identity of a run's theme (what an action created from a theme links to)."""
    return theme.lineage_row


def action_voice(action: Action, may_read_quotes: Callable[[ThemeLineage], bool]) -> list[ThemeVoice]:
    """Each linked theme's protected size and share per wave, and its quotes when the viewer may read
    that theme's answers (``may_read_quotes``: the rule of the theme's answers page)."""
    voices = []
    for lineage in action.themes:
        runs = _wave_runs(lineage.question)
        waves = [_theme_in_wave(wave.label, run, lineage) for wave, run in runs]
        voice = ThemeVoice(lineage, waves)
        for (wave, run), in_wave in reversed(list(zip(runs, waves))):
            theme = _lineage_theme(run, lineage) if run is not None else None
            if theme is None:
                continue
            voice.report_url_args = {"slug": lineage.question.survey.slug, "key": lineage.question.key,
                                     "wave": str(wave.id)}
            # As on the report: no quotes from a theme too small to show its size.
            if in_wave.size is not None and may_read_quotes(lineage):
                voice.quotes = [quote for quote in (theme.quotes or [])[:3] if isinstance(quote, str)]
            break
        voices.append(voice)
    return voices


# -- measures --------------------------------------------------------------------------------------------

def partnership_measures(partnership: Partnership, *, public_only: bool = False) -> list[Measure]:
    """The partnership's measures in the order they were defined."""
    query = (sa.select(Measure).options(selectinload(Measure.values), selectinload(Measure.actions))
             .where(Measure.partnership_id == partnership.id).order_by(Measure.id))
    if public_only:
        query = query.where(Measure.public.is_(True))
    return list(db.session.scalars(query))


def public_measures(partnership: Partnership) -> list[Measure]:
    """The measures marked public (for the public page)."""
    return partnership_measures(partnership, public_only=True)


def closed_questions(partnership: Partnership) -> list[Question]:
    """The partnership's closed questions an answer-based measure may count (demographic ones are for
    breakdowns, not targets), survey by survey."""
    questions = db.session.scalars(
        sa.select(Question).options(selectinload(Question.survey))
        .where(Question.survey.has(partnership_id=partnership.id), Question.demographic.is_(False))
        .order_by(Question.survey_id, Question.position))
    return [q for q in questions if get_type(q.type).summary == "choice"]


def measure_progress(measure: Measure) -> list[MeasurePoint]:
    """The measure's values in time order: per wave for answer and theme shares (computed now, from
    protected counts), per period for outcomes (as staff entered them)."""
    if measure.kind is MeasureKind.OUTCOME:
        return [MeasurePoint(v.period, v.period_end, v.value, note=v.note) for v in measure.values]
    if measure.kind is MeasureKind.ANSWER_SHARE:
        return _answer_share_points(measure) if measure.question is not None else []
    if measure.lineage is None:
        return []
    return [_share_point(wave, _theme_in_wave(wave.label, run, measure.lineage))
            for wave, run in _wave_runs(measure.lineage.question)]


@dataclass
class MeasureView:
    """A measure as its page shows it: the points (the table), the chart drawn from them, the latest."""

    measure: Measure
    points: list[MeasurePoint]
    chart: str

    @property
    def latest(self) -> MeasurePoint | None:
        return latest_point(self.points)

    def text(self, value: float | None) -> str:
        return "" if value is None else measure_value_text(self.measure, value)


def measure_value_text(measure: Measure, value: float) -> str:
    """A value as pages print it: "17%" for shares, "42 placements" for outcomes."""
    if measure.unit == "percent":
        return f"{value:.0f}%"
    return f"{value:,.10g} {measure.unit}".strip()


def measure_view(measure: Measure, chart_id: str = "measure-chart") -> MeasureView:
    """The measure's progress with its chart toward the target."""
    from ..progress_chart import progress_chart_svg

    points = measure_progress(measure)
    chart = progress_chart_svg([(p.period, p.value, p.hidden) for p in points],
                               title=gettext("Progress: %(measure)s", measure=measure.name.get("en", "")),
                               target=measure.target,
                               value_text=lambda v: measure_value_text(measure, v), chart_id=chart_id)
    return MeasureView(measure, points, chart)


def latest_point(points: list[MeasurePoint]) -> MeasurePoint | None:
    """The newest point with a value shown, for "where we are now"."""
    return next((p for p in reversed(points) if p.value is not None), None)


def _answer_share_points(measure: Measure) -> list[MeasurePoint]:
    question = measure.question
    threshold = question.survey.partnership.small_cell_threshold
    exclusive = not getattr(get_type(question.type), "multiple", False)
    keys = [option["key"] for option in question.options]
    counted = [key for key in measure.option_keys if key in keys]
    answered = _answers_by_wave(question)
    signature = (str(db.engine.url), id(db.engine), question.id, threshold, tuple(keys),
                 _demographic_signature(question.survey))
    frame: pd.DataFrame | None = None
    points = []
    for wave in question.survey.waves:
        key = (*signature, wave.id, answered.get(wave.id))
        with _TOTALS_LOCK:
            totals = _OPTION_TOTALS.get(key, _UNKNOWN)
        if totals is _UNKNOWN:
            if frame is None:
                frame = _option_frame(question)
            totals = _protected_option_totals(question, frame[frame["wave_id"] == wave.id], keys, threshold)
            _remember(key, totals)
        if totals is None or not counted:
            points.append(_share_point(wave, WaveVoice(wave.label, None, None, hidden=False)))
            continue
        counts, total, people = totals
        total = (total if exclusive else people) if people >= threshold else None
        share = protected_share(counts, total, counted, threshold, exclusive=exclusive)
        points.append(_share_point(wave, WaveVoice(wave.label, None, share.percent, share.hidden)))
    return points


# Protected option counts per (question, wave) as of the wave's answers, kept in this process: they take
# a third of a second per wave (the equity lens by every demographic question) and pages such as the
# public one read them on every visit. The key holds the database, a new, changed or deleted answer of
# the survey in that wave, the question's count per option, the threshold, and the options and
# demographic questions, so anything that could change the result makes a new key.
_OPTION_TOTALS: OrderedDict[tuple, OptionTotals | None] = OrderedDict()
_OPTION_TOTALS_KEPT = 512
_TOTALS_LOCK = threading.Lock()
_UNKNOWN = object()


def _remember(key: tuple, totals: OptionTotals | None) -> None:
    with _TOTALS_LOCK:
        _OPTION_TOTALS[key] = totals
        while len(_OPTION_TOTALS) > _OPTION_TOTALS_KEPT:
            _OPTION_TOTALS.popitem(last=False)


def _answers_by_wave(question: Question) -> dict[int, tuple]:
    """Per wave, what the cache key checks: how many answers the survey holds and the newest one's id
    (an edited response's answers are stored anew), and the question's count per option."""
    survey_rows = db.session.execute(
        sa.select(Answer.wave_id, sa.func.count(Answer.id), sa.func.max(Answer.id))
        .join(Question, Question.id == Answer.question_id)
        .where(Question.survey_id == question.survey_id).group_by(Answer.wave_id))
    option_rows = db.session.execute(
        sa.select(Answer.wave_id, Answer.option_key, sa.func.count(Answer.id))
        .where(Answer.question_id == question.id).group_by(Answer.wave_id, Answer.option_key)
        .order_by(Answer.wave_id, Answer.option_key))
    options: dict[int, list] = {}
    for wave_id, key, n in option_rows:
        options.setdefault(wave_id, []).append((key, n))
    return {wave_id: (n, newest, tuple(options.get(wave_id, ()))) for wave_id, n, newest in survey_rows}


def _demographic_signature(survey: Survey) -> tuple:
    return tuple((q.id, q.type, tuple(o["key"] for o in q.options)) for q in survey.questions if q.demographic)


def _option_frame(question: Question) -> pd.DataFrame:
    return frame_from(
        sa.select(Answer.response_id, Answer.option_key, Answer.wave_id, Response.language, Response.source)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.question_id == question.id, Answer.option_key.is_not(None)),
        ["response_id", "outcome", "wave_id", "language", "source"])


def _protected_option_totals(question: Question, answers: pd.DataFrame, keys: list[str],
                             threshold: int) -> OptionTotals | None:
    """The option counts the question's summary prints for one wave (protected together with its equity
    lens, so no share undoes it), their total and the number of people; ``None`` without answers."""
    if answers.empty:
        return None
    totals = group_breakdowns(question.survey, answers, keys, threshold).totals
    counts = {key: None if pd.isna(n) else int(n) for key, n in totals.counts.items()}
    return counts, totals.total, int(answers["response_id"].nunique())


def _share_point(wave: Wave, voice: WaveVoice) -> MeasurePoint:
    end = wave.closes_at.date() if wave.closes_at else None
    return MeasurePoint(wave.label, end, voice.share, hidden=voice.hidden)


def _wave_runs(question: Question) -> list[tuple[Wave, ThemeRun | None]]:
    """Each wave of the question's survey with the run its wave report shows (``None``: no report)."""
    return [(wave, theme_queries.latest_finished_run(question, wave)) for wave in question.survey.waves]


def _lineage_theme(run: ThemeRun, lineage: ThemeLineage) -> Theme | None:
    return next((t for t in run.themes if t.lineage_id == lineage.id and not t.retired), None)


def _theme_in_wave(label: str, run: ThemeRun | None, lineage: ThemeLineage) -> WaveVoice:
    """The theme's size and share in one wave's report, as the report prints them."""
    if run is None:
        return WaveVoice(label, None, None, hidden=False)
    report = theme_report(run)
    line = next((line for line in report.themes + report.hidden if line.theme.lineage_id == lineage.id), None)
    if line is None or report.answered is None:
        # Not in this wave's report, or the report hides its total: a share of nothing known.
        return WaveVoice(label, None, None, hidden=report.answered is None)
    if line.size is None:
        return WaveVoice(label, None, None, hidden=True)
    share: ShareValue = protected_share({"theme": line.size}, report.answered, ["theme"], report.threshold,
                                        exclusive=False)
    return WaveVoice(label, line.size, share.percent, share.hidden)
