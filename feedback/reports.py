"""Theme reports from stored runs: themes with shares, and the equity lens (breakdowns by language,
partner source and every demographic question).

This module gathers rows from the database into DataFrames. Every number a report prints (theme sizes,
shares, the total, each breakdown cell, chart bars, export cells) comes out of one call to
``analysis.equity.protect_breakdowns``, so the headline and the tables are protected together and no
page or export computes a count of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import sqlalchemy as sa

from analysis.equity import (
    FOLDED_LABEL,
    SUPPRESSED_TEXT,
    Breakdown,
    Lens,
    ProtectedBreakdowns,
    fold_small_outcomes,
    number_summary,
    protect_breakdowns,
    suppression_note,
    suppression_reason,
)
from surveys.models import Answer, Question, Response, Survey
from surveys.question_types import CHOICE_TYPES, get_type

from .extensions import db
from .models import Theme, ThemeAssignment, ThemeRun

LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
NO_SOURCE = "Direct link"
HIDDEN_LABEL = SUPPRESSED_TEXT
FOLDED = "folded"
"""The outcome key of the themes counted together under :data:`FOLDED_LABEL`."""


@dataclass
class BreakdownTable:
    """One equity-lens table, already protected: its shown numbers, and ``None`` wherever a number is
    hidden. The page renders it as text (:attr:`rows`); exports take the numbers as they are.

    Rows are the groups then the total row; columns the outcomes then the total column. ``shares`` are
    each cell's share of its group's total; in the total row and column, of all.
    """

    name: str
    columns: list[str]
    groups: list[str]
    counts: list[list[int | None]]
    shares: list[list[float | None]]

    @property
    def rows(self) -> list[list[str]]:
        """What the page shows, one row per outcome (theme or answer) then the total: its name, then
        ``"12 (34%)"`` or :data:`HIDDEN_LABEL` for each group. Outcomes run down the page because there
        can be twenty of them with long names, while groups are few and short: the table then fits a
        laptop screen without scrolling sideways."""
        return [[outcome, *(_cell_text(self.counts[g][o], self.shares[g][o]) for g in range(len(self.groups)))]
                for o, outcome in enumerate(self.columns)]


def _cell_text(count: int | None, share: float | None) -> str:
    if count is None:
        return HIDDEN_LABEL
    return str(count) if share is None else f"{count} ({share:.0%})"


hidden_reason = suppression_reason
hidden_note = suppression_note


@dataclass
class ThemeLine:
    """A theme as the report shows it, with its protected size (``None``: hidden).

    A theme with fewer answers than the threshold is ``folded``: counted only inside the line of
    :data:`FOLDED_LABEL`, with its name listed so staff can merge or move it. ``sentiment`` is kept only
    when it rests on at least ``threshold`` scored answers.
    """

    theme: Theme
    size: int | None
    folded: bool = False
    sentiment: dict[str, Any] | None = None

    @property
    def label(self) -> str:
        return self.theme.label


@dataclass(frozen=True)
class MergeSuggestion:
    """Two shown themes that look alike: staff may merge ``theme`` into ``target``, or keep them apart.

    Found when the run finished and after each curation (:func:`feedback.curation.describe_again`); the
    report only reads them. No number goes with it.
    """

    theme: Theme
    target: Theme


@dataclass
class ThemeReport:
    """Everything a theme report prints, already protected."""

    run: ThemeRun
    themes: list[ThemeLine]  # shown, largest first; folded lines last
    hidden: list[ThemeLine]  # marked "not useful"
    answered: int | None  # answers in themes, None when hidden
    non_answers: int | None  # None when fewer than the threshold (or none)
    threshold: int
    folded_size: int | None = None
    tables: list[BreakdownTable] = field(default_factory=list)
    chart: str = ""
    suggestions: list[MergeSuggestion] = field(default_factory=list)

    hidden_label: str = HIDDEN_LABEL
    folded_label: str = FOLDED_LABEL

    @property
    def hidden_note(self) -> str:
        return hidden_note(self.threshold)

    @property
    def any_hidden(self) -> bool:
        """Whether the theme list shows :data:`HIDDEN_LABEL` anywhere (so its footnote is needed)."""
        return (self.answered is None or any(line.size is None for line in self.themes + self.hidden)
                or (bool(self.folded) and self.folded_size is None))

    @property
    def folded_text(self) -> str:
        return HIDDEN_LABEL if self.folded_size is None else str(self.folded_size)

    @property
    def counted(self) -> list[ThemeLine]:
        return [line for line in self.themes if not line.folded]

    @property
    def folded(self) -> list[ThemeLine]:
        return [line for line in self.themes + self.hidden if line.folded]

    @property
    def all_themes(self) -> list[Theme]:
        return [line.theme for line in self.themes + self.hidden]

    def suggestion_for(self, theme: Theme) -> MergeSuggestion | None:
        """The merge suggested for ``theme`` (it is the one to merge into another), if any."""
        return next((s for s in self.suggestions if s.theme.id == theme.id), None)

    def share(self, size: int | None) -> float | None:
        """A protected size's share of all answers in themes; ``None`` when either is hidden."""
        return size / self.answered if size is not None and self.answered else None


# Bump when the cached report's shape changes, so old caches are ignored.
CACHE_VERSION = 5
# More bars than this cannot be read; the report lists every theme below the chart anyway.
CHART_BARS = 20


def theme_report(run: ThemeRun) -> ThemeReport:
    """Everything a theme report shows, from the stored run (the engine is not re-run). Never writes.

    The protected numbers and the chart are computed when a run finishes and after each curation
    (:func:`refresh_report_cache`) and kept on the run: computing them reads every answer, which for
    100,000 answers takes seconds, while the page must render in well under one. A missing or stale
    cache (after a survey edit or a change of threshold) is computed for this request only.
    """
    threshold = run.survey.partnership.small_cell_threshold
    cache = run.report_cache
    if not _cache_is_current(cache, threshold):
        cache = _build_cache(run, threshold)
    return _report_from(run, cache, threshold)


def refresh_report_cache(run: ThemeRun) -> None:
    """Compute the protected report and keep it on the run (the caller's transaction commits it)."""
    run.report_cache = _build_cache(run, run.survey.partnership.small_cell_threshold)


def _cache_is_current(cache: dict | None, threshold: int) -> bool:
    return bool(cache) and cache.get("version") == CACHE_VERSION and cache.get("threshold") == threshold


def _visible_themes(run: ThemeRun) -> list[Theme]:
    return sorted((t for t in run.themes if not t.retired), key=lambda t: (t.other, -t.size, t.position))


def _build_cache(run: ThemeRun, threshold: int) -> dict[str, Any]:
    themes = _visible_themes(run)
    folded = fold_small_outcomes({str(t.id): t.size for t in themes}, threshold,
                                 always=[str(t.id) for t in themes if t.other])
    keys = {t.id: (FOLDED if str(t.id) in folded else str(t.id)) for t in themes}
    outcomes = [keys[t.id] for t in themes if keys[t.id] != FOLDED] + ([FOLDED] if folded else [])
    frame = assignment_frame(run)
    frame["outcome"] = frame["theme_id"].map(keys)
    labels = {str(t.id): t.label for t in themes} | {FOLDED: FOLDED_LABEL}
    protected = group_breakdowns(run.survey, frame, outcomes, threshold)
    sizes = {key: (None if pd.isna(n) else int(n)) for key, n in protected.totals.counts.items()}
    non_answers = db.session.scalar(sa.select(sa.func.count()).where(
        ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.is_(None))) or 0
    cache = {
        "version": CACHE_VERSION,
        "threshold": threshold,
        "folded": sorted(folded),
        "sizes": sizes,
        "answered": protected.totals.total,
        "non_answers": non_answers if non_answers >= threshold else None,
        "tables": [table.__dict__ for table in protected_tables(protected.tables, labels)],
    }
    cache["chart"] = _chart(run, cache, themes)
    return cache


def _report_from(run: ThemeRun, cache: dict[str, Any], threshold: int) -> ThemeReport:
    folded = set(cache["folded"])
    lines = []
    for theme in _visible_themes(run):
        key = str(theme.id)
        lines.append(ThemeLine(theme, size=None if key in folded else cache["sizes"].get(key), folded=key in folded,
                               sentiment=None if key in folded else _protected_sentiment(theme, threshold)))
    return ThemeReport(
        run=run,
        themes=[line for line in lines if not line.theme.hidden and not line.folded]
        + [line for line in lines if not line.theme.hidden and line.folded],
        hidden=[line for line in lines if line.theme.hidden],
        answered=cache["answered"],
        non_answers=cache["non_answers"],
        threshold=threshold,
        folded_size=cache["sizes"].get(FOLDED) if folded else None,
        tables=[BreakdownTable(**table) for table in cache["tables"]],
        chart=cache["chart"],
        suggestions=_merge_suggestions(run),
    )


def _merge_suggestions(run: ThemeRun) -> list[MergeSuggestion]:
    """The run's stored merge suggestions whose two themes are both still shown (not merged, split,
    hidden or Other)."""
    shown = {t.id: t for t in run.themes if not (t.retired or t.hidden or t.other)}
    return [MergeSuggestion(shown[pair["theme"]], shown[pair["target"]])
            for pair in run.merge_suggestions or []
            if pair.get("theme") in shown and pair.get("target") in shown]


def _protected_sentiment(theme: Theme, threshold: int) -> dict[str, Any] | None:
    """A theme's sentiment, only when it rests on at least ``threshold`` scored (English) answers.

    The number scored is not kept: it would print a language count the breakdown may hide. The share
    of negative answers is kept only when the negative and the other answers are each at least
    ``threshold`` (or none is negative): "5% negative" of 40 would point at two people.
    """
    sentiment = theme.sentiment or {}
    scored = int(sentiment.get("n_scored") or 0)
    if sentiment.get("mean") is None or scored < threshold:
        return None
    share = float(sentiment.get("share_negative") or 0.0)
    negative = round(share * scored)
    shown = negative == 0 or (negative >= threshold and scored - negative >= threshold)
    return {"mean": float(sentiment["mean"]), "share_negative": share if shown else None}


def _chart(run: ThemeRun, cache: dict[str, Any], themes: list[Theme]) -> str:
    from .charts import bar_chart_svg

    answered, sizes, folded = cache["answered"], cache["sizes"], set(cache["folded"])
    if not answered:
        return ""
    counted = [t for t in themes if not t.hidden and str(t.id) not in folded]
    bars = [(t.label, sizes.get(str(t.id))) for t in counted[:CHART_BARS]]
    if folded:
        bars.append((FOLDED_LABEL, sizes.get(FOLDED)))
    bars = [(label, None if size is None else size / answered * 100) for label, size in bars]
    title = f"Share of answers per theme: {run.question.text_in('en')}"
    if len(counted) > CHART_BARS:
        title += f" (the {CHART_BARS} largest of {len(counted)} themes)"
    return bar_chart_svg([label for label, _ in bars], [share for _, share in bars], title=title,
                         value_format="{:.0f}%", missing_text=HIDDEN_LABEL)


def assignment_frame(run: ThemeRun) -> pd.DataFrame:
    """One row per answer with a theme: its theme label and the response facts to break it down by."""
    return frame_from(
        sa.select(ThemeAssignment.theme_id, Answer.response_id, Response.language, Response.source)
        .join(Answer, Answer.id == ThemeAssignment.answer_id)
        .join(Response, Response.id == Answer.response_id)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.is_not(None)),
        ["theme_id", "response_id", "language", "source"],
    )


def frame_from(query: sa.Select, columns: list[str]) -> pd.DataFrame:
    """A query's rows as a DataFrame, built column by column (building from 100,000 Row objects
    one at a time costs seconds)."""
    rows = db.session.execute(query).all()
    values = list(zip(*rows)) if rows else [()] * len(columns)
    return pd.DataFrame({name: list(column) for name, column in zip(columns, values)}, columns=columns)


def group_breakdowns(survey: Survey, frame: pd.DataFrame, outcomes: list[str],
                     threshold: int) -> ProtectedBreakdowns:
    """The equity lens for any outcome, protected together with its headline counts.

    ``frame`` has one row per unit with ``response_id``, ``language``, ``source`` and ``outcome``. The
    result's ``totals`` are the only outcome counts a page may print; its tables break them down by
    language, partner link and each demographic question (groups below the threshold combined).
    """
    organizations = {org.slug: org.name for org in survey.partnership.organizations}
    frame = frame.assign(
        Language=frame["language"].map(lambda code: LANGUAGE_NAMES.get(code, code)),
        # A response without a source came through the plain link; the frame holds that as NaN, not None.
        **{"Partner link": frame["source"].map(
            lambda slug: NO_SOURCE if pd.isna(slug) or not slug else organizations.get(slug, slug))},
    )
    lenses = [Lens(name, frame, name) for name in ("Language", "Partner link")]
    for question in demographic_questions(survey.id):
        answers = demographic_answers(question, frame["response_id"].unique().tolist())
        multiple = bool(getattr(get_type(question.type), "multiple", False))
        if not multiple:  # one group per person, even if a stored answer was repeated
            answers = answers.drop_duplicates("response_id")
        merged = frame[["response_id", "outcome"]].merge(answers, on="response_id", how="left")
        lenses.append(Lens(question.text_in("en"), merged, "group",
                           groups=[option_label(option) for option in question.options],
                           missing_label="No answer",
                           one_group_per_unit=not multiple))
    return protect_breakdowns(frame, "outcome", lenses, threshold=threshold, outcomes=outcomes)


def protected_tables(breakdowns: list[tuple[str, Breakdown]],
                     labels: dict[str, str] | None = None) -> list[BreakdownTable]:
    """Protected breakdowns as plain numbers (``None`` where hidden), with their total row and column;
    ``labels`` names outcome keys (theme ids) for display."""
    return [_protected_table(name, breakdown, labels or {}) for name, breakdown in breakdowns]


def _protected_table(name: str, breakdown: Breakdown, labels: dict[str, str]) -> BreakdownTable:
    counts, shares, outcomes = breakdown.counts, breakdown.shares, breakdown.counts.columns
    columns = [labels.get(str(o), str(o)) for o in outcomes]
    groups = [str(g) for g in counts.index]
    total = "Total"
    while total in columns or total in groups:  # no group or theme is mistaken for the total
        total += " (all)"
    count_rows = [[*(counts.at[g, o] for o in outcomes), breakdown.row_totals.at[g]] for g in counts.index]
    count_rows.append([*breakdown.column_totals.tolist(), breakdown.grand_total])
    share_rows = [[*(shares.at[g, o] for o in outcomes), breakdown.group_shares.at[g]] for g in counts.index]
    share_rows.append([*breakdown.overall_shares.tolist(), None if breakdown.grand_total is None else 1.0])
    return BreakdownTable(
        name=name,
        columns=[*columns, total],
        groups=[*groups, total],
        counts=[[None if v is None or pd.isna(v) else int(v) for v in row] for row in count_rows],
        shares=[[None if v is None or pd.isna(v) else float(v) for v in row] for row in share_rows],
    )


def demographic_questions(survey_id: int) -> list[Question]:
    return list(db.session.scalars(
        sa.select(Question).where(Question.survey_id == survey_id, Question.demographic.is_(True),
                                  Question.type.in_(sorted(CHOICE_TYPES)))
        .order_by(Question.position)
    ))


def option_label(option: dict) -> str:
    text = option.get("text") or {}
    return text.get("en") or next(iter(text.values()), option["key"])


def demographic_answers(question: Question, response_ids: list[int]) -> pd.DataFrame:
    """``response_id → group`` for one demographic question (a row per chosen option)."""
    labels = {option["key"]: option_label(option) for option in question.options}
    frame = frame_from(sa.select(Answer.response_id, Answer.option_key).where(Answer.question_id == question.id),
                       ["response_id", "option_key"])
    frame = frame[frame["response_id"].isin(response_ids)]
    frame["group"] = frame["option_key"].map(lambda key: labels.get(key, key))
    return frame[["response_id", "group"]]


METHOD_PARAMETERS = ("representation", "representation_reason", "k_choice", "k")
"""How the themes were found, in the engine's own terms: exported for analysts, not shown on the page."""
EXPORT_COLUMNS = ["table", "group", "theme", "answers", "share", "answers hidden", "sentiment", "key terms",
                  "quotes", "not useful"]
SHARE_NOTE = ("share: a fraction between 0 and 1. Under Themes, of all answers in themes; in a breakdown, of "
              "the group's answers (in its Total row and Total column, of all answers).")


def report_table(report: ThemeReport, *, with_quotes: bool = True) -> pd.DataFrame:
    """The report as one long table for exports: a block of themes, then every cell of each breakdown.

    Numbers are numbers, so a spreadsheet or a program can use them: ``answers`` a whole number,
    ``share`` a fraction, ``sentiment`` between -1 and 1. What the page hides is hidden here too: its
    ``answers`` and ``share`` are empty and ``answers hidden`` is true (small themes are counted only
    inside the folded line). Rows under ``table = "Note"`` explain shares and hidden numbers; rows under
    ``table = "Method"`` say how the themes were found.
    """
    rows = []

    def add(table: str, theme: str, answers: int | None, share: float | None, *, group: str = "",
            **more: object) -> None:
        rows.append({"table": table, "group": group, "theme": theme, "answers": answers,
                     "share": None if share is None else round(share, 4), "answers hidden": answers is None,
                     **more})

    for line in report.themes + report.hidden:
        theme = line.theme
        mean = (line.sentiment or {}).get("mean")
        add("Themes", theme.label, line.size, report.share(line.size),
            group=FOLDED_LABEL if line.folded else "",
            sentiment=None if mean is None else round(float(mean), 3),
            **{"key terms": ", ".join(theme.terms[:10]),
               "quotes": "\n".join(theme.quotes) if with_quotes and not line.folded else None,
               "not useful": bool(theme.hidden)})
    if report.folded:
        add("Themes", FOLDED_LABEL, report.folded_size, report.share(report.folded_size))
    for table in report.tables:
        for group, counts, shares in zip(table.groups, table.counts, table.shares, strict=True):
            for outcome, count, share in zip(table.columns, counts, shares, strict=True):
                add(table.name, outcome, count, share, group=group)
    notes = [SHARE_NOTE]
    if any(row["answers hidden"] for row in rows):
        notes.append(f"answers hidden: true where the number is {hidden_reason(report.threshold)}")
    rows += [{"table": "Note", "theme": note} for note in notes]
    parameters = report.run.parameters or {}
    rows += [{"table": "Method", "theme": f"{name}: {parameters[name]}"}
             for name in METHOD_PARAMETERS if parameters.get(name) not in (None, "")]
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS, dtype=object)


# -- closed questions: choices, scales, numbers ----------------------------------------------------------


@dataclass
class SummaryRow:
    """One option, scale point or bin: its protected count and shares (``None``: hidden)."""

    label: str
    count: int | None
    share_of_people: float | None
    share_of_choices: float | None = None


@dataclass
class QuestionSummary:
    """Counts (and, for scales and numbers, statistics) of one closed question, protected like themes.

    ``people`` is how many answered (``None`` when fewer than the threshold: then nothing is shown);
    each row's share is of those people. For a "choose all that apply" question the rows add up to
    more than everyone, so the share of all choices is given too.
    """

    question: Question
    people: int | None
    rows: list[SummaryRow]
    tables: list[BreakdownTable]
    threshold: int
    chart: str
    multiple: bool = False
    choices: int | None = None
    statistics: list[tuple[str, str]] = field(default_factory=list)  # numbers: (name, value)
    averages: list[list[str]] = field(default_factory=list)  # scales: [group, n, mean, median]

    hidden_label: str = HIDDEN_LABEL

    @property
    def hidden_note(self) -> str:
        return hidden_note(self.threshold)


def summary_kind(question: Question) -> str | None:
    """How a question's answers are summarised (see ``QuestionType.summary``)."""
    return get_type(question.type).summary


def question_summary(question: Question, wave_id: int | None) -> QuestionSummary:
    """Distribution and breakdowns of a choice, scale or number question, in one wave or all."""
    query = (
        sa.select(Answer.response_id, Answer.option_key, Answer.value_number, Response.language, Response.source)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.question_id == question.id)
    )
    if wave_id is not None:
        query = query.where(Answer.wave_id == wave_id)
    frame = frame_from(query, ["response_id", "option_key", "value_number", "language", "source"])
    threshold = question.survey.partnership.small_cell_threshold
    kind = summary_kind(question)
    statistics: list[tuple[str, str]] = []
    if kind == "choice":
        labels = {option["key"]: option_label(option) for option in question.options}
        frame["outcome"] = frame["option_key"].map(lambda key: labels.get(key, key))
        order = [labels[option["key"]] for option in question.options]
    elif kind == "number":
        numbers = number_summary(frame["value_number"], threshold, integers=_whole_numbers(question))
        frame["outcome"] = numbers.bin_of(frame["value_number"])
        order = list(numbers.bins)
        statistics = _number_statistics(numbers)
    else:
        names = dict(get_type(question.type).point_words(question))  # a point's words, else its number
        frame["outcome"] = frame["value_number"].map(lambda v: names.get(int(v), f"{v:g}") if pd.notna(v) else None)
        values = sorted(frame["value_number"].dropna().unique())
        order = [names.get(int(v), f"{v:g}") for v in values] if not names else list(names.values())
    frame = frame[frame["outcome"].notna()]
    people_count = int(frame["response_id"].nunique())
    people = people_count if people_count >= threshold else None
    multiple = bool(getattr(get_type(question.type), "multiple", False))
    protected = group_breakdowns(question.survey, frame, order, threshold)
    totals = protected.totals
    rows = [
        SummaryRow(
            label=str(value),
            count=None if pd.isna(count) else int(count),
            share_of_people=None if pd.isna(count) or not people else int(count) / people,
            share_of_choices=(None if pd.isna(count) or not totals.total else int(count) / totals.total)
            if multiple else None,
        )
        for value, count in totals.counts.items()
    ]
    if people is None:  # too few answered: even the distribution would describe a handful of people
        rows = [SummaryRow(row.label, None, None) for row in rows]
    from .charts import bar_chart_svg

    shown = rows[:CHART_BARS]
    chart = bar_chart_svg([row.label for row in shown],
                          [None if row.share_of_people is None else row.share_of_people * 100 for row in shown],
                          title=f"Share of people who answered: {question.text_in('en')}",
                          value_format="{:.0f}%") if shown and people else ""
    return QuestionSummary(
        question=question,
        people=people,
        rows=rows,
        tables=protected_tables(protected.tables) if people else [],
        threshold=threshold,
        chart=chart,
        multiple=multiple,
        choices=totals.total if multiple and people else None,
        statistics=statistics,
        averages=_averages(frame, protected.tables[0][1]) if kind == "scale" and people else [],
    )


def _whole_numbers(question: Question) -> bool:
    return bool((question.settings or {}).get("integer", True))


def _number_statistics(numbers) -> list[tuple[str, str]]:
    """The protected statistics of a number question as (name, text); what cannot be shown is left out."""
    if numbers.n is None:
        return []

    def fmt(value: float | None) -> str | None:
        if value is None:
            return None
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")

    pairs = [("Answers", fmt(numbers.n)), (numbers.low_label, fmt(numbers.low)),
             ("Lower quartile", fmt(numbers.lower_quartile)), ("Median", fmt(numbers.median)),
             ("Upper quartile", fmt(numbers.upper_quartile)), (numbers.high_label, fmt(numbers.high)),
             ("Mean", fmt(numbers.mean))]
    return [(name, text) for name, text in pairs if text is not None]


def _averages(frame: pd.DataFrame, language_table: Breakdown) -> list[list[str]]:
    """Mean and median per language, only where the protected Language table shows the group's size
    (the sizes printed here are that table's, so the two can never disagree)."""
    languages = frame["language"].map(lambda code: LANGUAGE_NAMES.get(code, code))
    rows = []
    for group, size in language_table.row_totals.items():
        values = frame.loc[languages == group, "value_number"].dropna()
        shown = not pd.isna(size) and int(size) >= language_table.threshold and len(values)
        rows.append([f"Language: {group}", "" if pd.isna(size) else str(int(size)),
                     _short_number(values.mean()) if shown else "", _short_number(values.median()) if shown else ""])
    return rows


def _short_number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
