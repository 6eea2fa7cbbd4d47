"""Summaries of closed questions: choices, scale points and number ranges, protected like themes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa
from flask_babel import gettext as _

from analysis.equity import Breakdown, number_summary
from surveys.models import Answer, Question, Response
from surveys.question_types import get_type

from ..interface_language import interface_locale
from .analysis_words import analysis_label
from .breakdowns import (
    CHART_BARS,
    LANGUAGE_NAMES,
    BreakdownTable,
    frame_from,
    group_breakdowns,
    hidden_note,
    language_label,
    page_hidden_label,
    protected_tables,
    reader_option_label,
    reader_text,
)


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


    @property
    def hidden_label(self) -> str:
        return page_hidden_label()

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
    reader = interface_locale()  # the page's words are the survey's own in the reader's language
    if kind == "choice":
        labels = {option["key"]: reader_option_label(option, reader) for option in question.options}
        names = getattr(get_type(question.type), "option_names", None)  # keys that are not options (job codes)
        labels.update(names(question, frame["option_key"].unique().tolist()) if names else {})
        frame["outcome"] = frame["option_key"].map(lambda key: labels.get(key, key))
        order = [labels[option["key"]] for option in question.options] or \
            frame["outcome"].value_counts().index.tolist()
    elif kind == "number":
        numbers = number_summary(frame["value_number"], threshold, integers=_whole_numbers(question))
        frame["outcome"] = numbers.bin_of(frame["value_number"])
        order = list(numbers.bins)
        statistics = _number_statistics(numbers)
    else:
        names = dict(get_type(question.type).point_words(question, reader))  # a point's words, else its number
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
    from ..charts import bar_chart_svg  # matplotlib loads on first use, not with the app

    shown = rows[:CHART_BARS]
    chart = bar_chart_svg([row.label for row in shown],
                          [None if row.share_of_people is None else row.share_of_people * 100 for row in shown],
                          title=_("Share of people who answered: %(question)s",
                                  question=reader_text(question.text or {}, reader)),
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

    pairs = [(_("Answers"), fmt(numbers.n)), (numbers.low_label, fmt(numbers.low)),
             (_("Lower quartile"), fmt(numbers.lower_quartile)), (_("Median"), fmt(numbers.median)),
             (_("Upper quartile"), fmt(numbers.upper_quartile)), (numbers.high_label, fmt(numbers.high)),
             (_("Mean"), fmt(numbers.mean))]
    return [(name, text) for name, text in pairs if text is not None]


def _averages(frame: pd.DataFrame, language_table: Breakdown) -> list[list[str]]:
    """Mean and median per language, only where the protected Language table shows the group's size
    (the sizes printed here are that table's, so the two can never disagree)."""
    languages = frame["language"].map(lambda code: LANGUAGE_NAMES.get(code, code))
    rows = []
    for group, size in language_table.row_totals.items():
        values = frame.loc[languages == group, "value_number"].dropna()
        shown = not pd.isna(size) and int(size) >= language_table.threshold and len(values)
        # A language is named in the reader's language; so is the group of small ones analysis makes.
        name = language_label(group) if group in LANGUAGE_NAMES.values() else analysis_label(group)
        rows.append([_("Language: %(language)s", language=name),
                     "" if pd.isna(size) else str(int(size)),
                     _short_number(values.mean()) if shown else "", _short_number(values.median()) if shown else ""])
    return rows


def _short_number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
