"""Theme reports from stored runs: themes with shares, and the equity lens (breakdowns by language,
partner source and every demographic question), with small-cell suppression done by ``analysis``.

This module gathers rows from the database into DataFrames; all counting and suppression happens in
``analysis.equity``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from analysis.equity import Breakdown, crosstab, distribution, numeric_summary
from surveys.models import Answer, Question, Response, Survey

from .extensions import db
from .models import Theme, ThemeAssignment, ThemeRun

LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
NO_SOURCE = "Direct link"


@dataclass
class ThemeLine:
    """A theme as the report shows it. A theme with fewer answers than the threshold is not counted
    on its own: it is shown inside the combined line, so no published number is small and no hidden
    number can be worked out from the others (the breakdowns use the same lines as columns)."""

    theme: Theme
    combined: bool = False

    @property
    def label(self) -> str:
        return self.theme.label


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
        """What the page shows: the group, then ``"12 (34%)"`` or :data:`HIDDEN_LABEL` per cell."""
        return [[group, *(_cell_text(count, share) for count, share in zip(counts, shares, strict=True))]
                for group, counts, shares in zip(self.groups, self.counts, self.shares, strict=True)]


def _cell_text(count: int | None, share: float | None) -> str:
    if count is None:
        return HIDDEN_LABEL
    return str(count) if share is None else f"{count} ({share:.0%})"


HIDDEN_LABEL = "hidden*"
"""What every hidden number shows. It says nothing about the number's size: a cell hidden because it is
small and one hidden only so that a small one cannot be worked out (which may hold 40 answers) look
the same, because telling them apart would itself point at the small ones."""


def hidden_reason(threshold: int) -> str:
    """Why a number is hidden, true of every hidden number whichever the reason was."""
    return f"hidden to protect small groups: fewer than {threshold} answers, or a number that would reveal one."


def hidden_note(threshold: int) -> str:
    """The footnote under every table that may show :data:`HIDDEN_LABEL`."""
    return "* " + hidden_reason(threshold).capitalize()


COMBINED_LABEL = "Other answers and smaller themes"


@dataclass
class ThemeReport:
    run: ThemeRun
    themes: list[ThemeLine]  # shown, largest first; combined lines last
    hidden: list[ThemeLine]  # marked "not useful"
    answered: int
    non_answers: int
    threshold: int
    combined_size: int = 0
    tables: list[BreakdownTable] = field(default_factory=list)
    chart: str = ""

    hidden_label: str = HIDDEN_LABEL

    @property
    def hidden_note(self) -> str:
        return hidden_note(self.threshold)

    combined_label: str = COMBINED_LABEL

    @property
    def combined_text(self) -> str:
        """The combined line's size, itself hidden when everything together is still small."""
        return str(self.combined_size) if self.combined_size >= self.threshold else self.hidden_label

    @property
    def counted(self) -> list[ThemeLine]:
        return [line for line in self.themes if not line.combined]

    @property
    def combined(self) -> list[ThemeLine]:
        return [line for line in self.themes + self.hidden if line.combined]

    @property
    def all_themes(self) -> list[Theme]:
        return [line.theme for line in self.themes + self.hidden]

    def share(self, size: int) -> float:
        return size / self.answered if self.answered else 0.0

    def outcome_of(self, theme: Theme) -> str:
        """The column a theme's answers are counted under in breakdowns."""
        line = next(line for line in self.themes + self.hidden if line.theme.id == theme.id)
        return COMBINED_LABEL if line.combined else theme.label

    @property
    def outcomes(self) -> list[str]:
        labels = [line.label for line in self.counted] + [line.label for line in self.hidden if not line.combined]
        return labels + ([COMBINED_LABEL] if self.combined else [])


# Bump when the cached report's shape changes, so old caches are rebuilt.
CACHE_VERSION = 4
# More bars than this cannot be read; the report lists every theme below the chart anyway.
CHART_BARS = 20


def theme_report(run: ThemeRun) -> ThemeReport:
    """Everything a theme report shows, from the stored run (the engine is not re-run).

    The breakdowns and the chart are computed once per run and after each curation, then kept on the
    run (``report_cache``): computing them reads every answer, which for 100,000 answers takes seconds,
    while the page must render in well under one. The caller commits a freshly built cache.
    """
    report = _themes_part(run)
    cache = run.report_cache
    key = {"version": CACHE_VERSION, "threshold": report.threshold}
    if not cache or any(cache.get(name) != value for name, value in key.items()):
        cache = {
            **key,
            "tables": [table.__dict__ for table in _tables(run, report)] if report.answered else [],
            "chart": _chart(run, report),
        }
        run.report_cache = cache
    report.tables = [BreakdownTable(**table) for table in cache["tables"]]
    report.chart = cache["chart"]
    return report


def _themes_part(run: ThemeRun) -> ThemeReport:
    counts = dict(db.session.execute(
        sa.select(ThemeAssignment.theme_id.is_(None), sa.func.count())
        .where(ThemeAssignment.run_id == run.id)
        .group_by(ThemeAssignment.theme_id.is_(None))
    ).all())
    answered, non_answers = int(counts.get(False, 0)), int(counts.get(True, 0))
    threshold = run.survey.partnership.small_cell_threshold
    ordered = sorted((t for t in run.themes if not t.retired), key=lambda t: (t.other, -t.size, t.position))
    combined = _combined_ids(ordered, threshold)
    lines = [ThemeLine(theme, combined=theme.id in combined) for theme in ordered]
    return ThemeReport(
        run=run,
        themes=[line for line in lines if not line.theme.hidden and not line.combined]
        + [line for line in lines if not line.theme.hidden and line.combined],
        hidden=[line for line in lines if line.theme.hidden],
        answered=answered,
        non_answers=non_answers,
        threshold=threshold,
        combined_size=sum(line.theme.size for line in lines if line.combined),
    )


def _combined_ids(themes: list[Theme], threshold: int) -> set[int]:
    """Themes counted together: every theme smaller than the threshold, plus "Other" when any are,
    plus the next smallest themes while the combination itself is still small."""
    small = [t for t in themes if 0 < t.size < threshold]
    if not small:
        return set()
    chosen = {t.id for t in small} | {t.id for t in themes if t.other}
    total = sum(t.size for t in themes if t.id in chosen)
    for theme in sorted((t for t in themes if t.id not in chosen), key=lambda t: t.size):
        if total >= threshold:
            break
        chosen.add(theme.id)
        total += theme.size
    return chosen


def _tables(run: ThemeRun, report: ThemeReport) -> list[BreakdownTable]:
    return protected_tables(breakdowns(run, report))


def _chart(run: ThemeRun, report: ThemeReport) -> str:
    from .charts import bar_chart_svg

    bars = [(line.label, report.share(line.theme.size)) for line in report.counted[:CHART_BARS]]
    if report.combined and report.combined_size >= report.threshold:
        bars.append((COMBINED_LABEL, report.share(report.combined_size)))
    if not bars:
        return ""
    title = f"Share of answers per theme: {run.question.text_in('en')}"
    if len(report.counted) > CHART_BARS:
        title += f" (the {CHART_BARS} largest of {len(report.counted)} themes)"
    return bar_chart_svg([label for label, _ in bars], [share * 100 for _, share in bars], title=title,
                         value_format="{:.0f}%")


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


def breakdowns(run: ThemeRun, report: ThemeReport) -> list[tuple[str, Breakdown]]:
    """Themes by language, by partner source, and by each demographic question's answer."""
    frame = assignment_frame(run)
    labels = {theme.id: report.outcome_of(theme) for theme in report.all_themes}
    frame["outcome"] = frame["theme_id"].map(labels)
    return group_breakdowns(run.survey, frame, report.outcomes, report.threshold)


def group_breakdowns(survey: Survey, frame: pd.DataFrame, outcomes: list[str],
                     threshold: int) -> list[tuple[str, Breakdown]]:
    """The equity lens for any outcome: ``frame`` has one row per unit with ``response_id``,
    ``language``, ``source`` and ``outcome``; groups smaller than ``threshold`` are combined, and
    every small cell is suppressed by ``analysis.equity``."""
    organizations = {org.slug: org.name for org in survey.partnership.organizations}
    frame = frame.assign(
        Language=frame["language"].map(lambda code: LANGUAGE_NAMES.get(code, code)),
        # A response without a source came through the plain link; the frame holds that as NaN, not None.
        **{"Partner link": frame["source"].map(
            lambda slug: NO_SOURCE if pd.isna(slug) or not slug else organizations.get(slug, slug))},
    )
    result = [
        (name, crosstab(frame, name, "outcome", threshold=threshold, outcomes=outcomes, small_groups="combine"))
        for name in ("Language", "Partner link")
    ]
    for question in demographic_questions(survey.id):
        answers = demographic_answers(question, frame["response_id"].unique().tolist())
        merged = frame[["response_id", "outcome"]].merge(answers, on="response_id", how="left")
        options = [option_label(option) for option in question.options]
        result.append((question.text_in("en"), crosstab(merged, "group", "outcome", threshold=threshold,
                                                          outcomes=outcomes, groups=options,
                                                          missing_label="No answer", small_groups="combine")))
    return result


def protected_tables(breakdowns: list[tuple[str, Breakdown]]) -> list[BreakdownTable]:
    """Protected breakdowns as plain numbers (``None`` where hidden), with their total row and column."""
    return [_protected_table(name, breakdown) for name, breakdown in breakdowns]


def _protected_table(name: str, breakdown: Breakdown) -> BreakdownTable:
    labels = breakdown.render()  # only for its labels: it names the totals so no group is mistaken for one
    counts, shares, outcomes = breakdown.counts, breakdown.shares, breakdown.counts.columns
    count_rows = [[*(counts.at[g, o] for o in outcomes), breakdown.row_totals.at[g]] for g in counts.index]
    count_rows.append([*breakdown.column_totals.tolist(), breakdown.grand_total])
    share_rows = [[*(shares.at[g, o] for o in outcomes), breakdown.group_shares.at[g]] for g in counts.index]
    share_rows.append([*breakdown.overall_shares.tolist(), None if breakdown.grand_total is None else 1.0])
    return BreakdownTable(
        name=name,
        columns=[str(c) for c in labels.columns],
        groups=[str(g) for g in labels.index],
        counts=[[None if pd.isna(v) else int(v) for v in row] for row in count_rows],
        shares=[[None if v is None or pd.isna(v) else float(v) for v in row] for row in share_rows],
    )


def demographic_questions(survey_id: int) -> list[Question]:
    return list(db.session.scalars(
        sa.select(Question).where(Question.survey_id == survey_id, Question.demographic.is_(True),
                                  Question.type.in_(("single_choice", "multiple_choice")))
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


EXPORT_COLUMNS = ["table", "group", "theme", "answers", "share", "answers hidden", "sentiment", "key terms",
                  "quotes", "not useful"]
SHARE_NOTE = ("share: a fraction between 0 and 1. Under Themes, of all answers in themes; in a breakdown, of "
              "the group's answers (in its Total row and Total column, of all answers).")


def report_table(report: ThemeReport, *, with_quotes: bool = True) -> pd.DataFrame:
    """The report as one long table for exports: a block of themes, then every cell of each breakdown.

    Numbers are numbers, so a spreadsheet or a program can use them: ``answers`` a whole number,
    ``share`` a fraction, ``sentiment`` between -1 and 1. What the page hides is hidden here too: its
    ``answers`` and ``share`` are empty and ``answers hidden`` is true (small themes are counted only
    inside the combined line). Rows under ``table = "Note"`` explain shares and hidden numbers.
    """
    rows = []

    def add(table: str, theme: str, answers: int | None, share: float | None, *, group: str = "",
            **more: object) -> None:
        rows.append({"table": table, "group": group, "theme": theme, "answers": answers,
                     "share": None if share is None else round(share, 4), "answers hidden": answers is None,
                     **more})

    for line in report.themes + report.hidden:
        theme = line.theme
        mean = None if line.combined else (theme.sentiment or {}).get("mean")
        shown = None if line.combined else theme.size
        add("Themes", theme.label, shown, None if shown is None else report.share(shown),
            group=COMBINED_LABEL if line.combined else "",
            sentiment=None if mean is None else round(float(mean), 3),
            **{"key terms": ", ".join(theme.terms[:10]),
               "quotes": "\n".join(theme.quotes) if with_quotes and not line.combined else None,
               "not useful": bool(theme.hidden)})
    if report.combined:
        shown = report.combined_size if report.combined_size >= report.threshold else None
        add("Themes", COMBINED_LABEL, shown, None if shown is None else report.share(shown))
    for table in report.tables:
        for group, counts, shares in zip(table.groups, table.counts, table.shares, strict=True):
            for outcome, count, share in zip(table.columns, counts, shares, strict=True):
                add(table.name, outcome, count, share, group=group)
    notes = [SHARE_NOTE]
    if any(row["answers hidden"] for row in rows):
        notes.append(f"answers hidden: true where the number is {hidden_reason(report.threshold)}")
    rows += [{"table": "Note", "theme": note} for note in notes]
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS, dtype=object)


# -- quantitative questions ---------------------------------------------------------------------------

CHOICE_TYPES = ("single_choice", "multiple_choice")
SCALE_TYPES = ("agreement", "rating", "number")
AGREEMENT = {1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree", 4: "Agree",
             5: "Strongly agree"}


@dataclass
class QuestionSummary:
    """Counts (and, for scales, averages) of one closed question, with the same protection as themes."""

    question: Question
    respondents: int
    counts: list[tuple[str, str]]  # (value, "12 (34%)" or the hidden label)
    tables: list[BreakdownTable]
    averages: list[list[str]]  # for scales: [group, n, mean, median]
    threshold: int
    chart: str

    hidden_label: str = HIDDEN_LABEL

    @property
    def hidden_note(self) -> str:
        return hidden_note(self.threshold)


def question_summary(question: Question, wave_id: int | None) -> QuestionSummary:
    """Distribution and breakdowns of a choice or scale question, in one wave or all."""
    query = (
        sa.select(Answer.response_id, Answer.option_key, Answer.value_number, Response.language, Response.source)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.question_id == question.id)
    )
    if wave_id is not None:
        query = query.where(Answer.wave_id == wave_id)
    frame = frame_from(query, ["response_id", "option_key", "value_number", "language", "source"])
    threshold = question.survey.partnership.small_cell_threshold
    hidden = HIDDEN_LABEL
    if question.type in CHOICE_TYPES:
        labels = {option["key"]: option_label(option) for option in question.options}
        frame["outcome"] = frame["option_key"].map(lambda key: labels.get(key, key))
        order = [labels[option["key"]] for option in question.options]
    else:
        names = AGREEMENT if question.type == "agreement" else {}
        frame["outcome"] = frame["value_number"].map(lambda v: names.get(int(v), f"{v:g}") if pd.notna(v) else None)
        values = sorted(frame["value_number"].dropna().unique())
        order = [names.get(int(v), f"{v:g}") for v in values] if not names else list(AGREEMENT.values())
    counted = distribution(frame["outcome"], threshold, categories=order)
    counts = [(str(value), str(cell)) for value, cell in counted.render(shares=True, label=hidden).items()]
    averages: list[list[str]] = []
    if question.type in SCALE_TYPES and len(frame):
        languages = frame["language"].map(lambda code: LANGUAGE_NAMES.get(code, code))
        summary = numeric_summary(frame.assign(group=languages), "group", "value_number", threshold=threshold)
        for group, row in summary.table.iterrows():
            averages.append([f"Language: {group}", *["" if pd.isna(v) else f"{v:.2f}".rstrip("0").rstrip(".")
                                                     for v in row.tolist()]])
    from .charts import bar_chart_svg

    shown = [(value, count) for value, count in zip(counted.counts.index, counted.counts.tolist())][:CHART_BARS]
    chart = bar_chart_svg([str(v) for v, _ in shown], [None if pd.isna(c) else float(c) for _, c in shown],
                          title=f"Answers: {question.text_in('en')}", missing_text=hidden) if shown else ""
    return QuestionSummary(
        question=question,
        respondents=int(frame["response_id"].nunique()),
        counts=counts,
        tables=protected_tables(group_breakdowns(question.survey, frame, order, threshold)),
        averages=averages,
        threshold=threshold,
        chart=chart,
    )
