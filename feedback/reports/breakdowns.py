"""The equity lens as pages and downloads use it: protected breakdown tables by language, partner link
and every demographic question, computed by ``analysis.equity`` together with the headline counts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd
import sqlalchemy as sa
from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _

from analysis.equity import (
    FOLDED_LABEL,
    SUPPRESSED_TEXT,
    Breakdown,
    Lens,
    ProtectedBreakdowns,
    protect_breakdowns,
    suppression_reason,
)
from analysis.occupations import NOT_PUBLISHED
from surveys.i18n import ENGLISH_NAMES
from surveys.models import Answer, Question, Survey
from surveys.question_types import CHOICE_TYPES, get_type

from ..extensions import db
from ..interface_language import interface_locale

LANGUAGE_NAMES = ENGLISH_NAMES
NO_SOURCE = "Direct link"
NO_ANSWER = "No answer"
TOTAL = "Total"
HIDDEN_LABEL = SUPPRESSED_TEXT
CHART_BARS = 20
"""More bars than this cannot be read; pages list every theme or answer below the chart anyway."""


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
    names: dict[str, str] = field(default_factory=dict)
    """The survey's own words for the table's name and groups in the reader's language (a demographic
    question and its options), by the English ones; set for a page by :func:`for_reader`, never cached."""

    @property
    def title(self) -> str:
        """The table's name as the page prints it, in the reader's language (``name`` stays English: it
        keys the table in downloads and in segment comparisons)."""
        if self.name in self.names:
            return self.names[self.name]
        return page_label(self.name, {"Language": _("Language"), "Partner link": _("Partner link")})

    @property
    def group_titles(self) -> list[str]:
        """The column headings as the page prints them: groups Chorus named itself (languages too) and the
        total read in the reader's language; groups named by people stay as they are."""
        if self.name == "Language":
            shown = [language_label(group) for group in self.groups[:-1]]
        else:
            shown = [self.names.get(group) or page_label(group) for group in self.groups[:-1]]
        return [*shown, page_label(self.groups[-1], _total())]

    @property
    def rows(self) -> list[list[str]]:
        """What the page shows, one row per outcome (theme or answer) then the total: its name, then
        ``"12 (34%)"`` or :data:`HIDDEN_LABEL` for each group. Outcomes run down the page because there
        can be twenty of them with long names, while groups are few and short: the table then fits a
        laptop screen without scrolling sideways."""
        last = len(self.columns) - 1
        return [[page_label(outcome, _total()) if o == last else outcome,
                 *(cell_text(self.counts[g][o], self.shares[g][o]) for g in range(len(self.groups)))]
                for o, outcome in enumerate(self.columns)]


def for_reader(tables: list[BreakdownTable], survey: Survey) -> list[BreakdownTable]:
    """The tables with the survey's own words in the reader's language: a demographic question's table
    is named by the question's text in that language and its groups by its options', where the survey
    has them (English, as computed, otherwise). Downloads keep the English names: they key the tables
    there and in segment comparisons."""
    reader = interface_locale()
    if reader == "en":
        return tables
    words = {}
    for question in demographic_questions(survey.id):
        options = {option_label(option): reader_option_label(option, reader) for option in question.options}
        words[question.text_in("en")] = {question.text_in("en"): reader_text(question.text or {}, reader), **options}
    return [replace(table, names=words[table.name]) if table.name in words else table for table in tables]


def reader_text(texts: dict[str, str], reader: str) -> str:
    """A survey text (``{language: text}``) in ``reader``'s language where the survey has it, else
    English, else its first language."""
    return texts.get(reader) or texts.get("en") or next(iter(texts.values()), "")


def reader_option_label(option: dict, reader: str) -> str:
    """An option's words in ``reader``'s language where the survey has them, else :func:`option_label`."""
    return (option.get("text") or {}).get(reader) or option_label(option)


def _total() -> dict[str, str]:
    return {TOTAL: _("Total")}


def language_label(name: str, *, heading: bool = True) -> str:
    """A language the reports name in English ("Spanish"), named in the reader's language ("Español";
    lower case inside a sentence when that language writes it so, ``heading=False``). A name that is
    no language of the interface is returned unchanged."""
    reader = get_locale()
    code = next((code for code in LANGUAGE_NAMES if LANGUAGE_NAMES[code] == name), None)
    if code is None or reader is None or reader.language == "en":
        return name
    shown = Locale.parse(code, sep="-").get_display_name(reader) or name
    return shown[:1].upper() + shown[1:] if heading else shown


def page_label(label: str, own: dict[str, str] | None = None) -> str:
    """A label Chorus wrote (``own``, or the groups it names itself) in the reader's language; any
    other label is data and is returned unchanged."""
    names = {NO_SOURCE: _("Direct link"), NO_ANSWER: _("No answer"),
             FOLDED_LABEL: _("Other answers and smaller themes"), **(own or {})}
    return names.get(label, label)


def cell_text(count: int | None, share: float | None) -> str:
    """A protected count as pages print it: ``12 (34%)``, or the hidden label."""
    if count is None:
        return HIDDEN_LABEL
    return str(count) if share is None else f"{count} ({share:.0%})"


hidden_reason = suppression_reason
"""Why a number is hidden, in English: downloads say it beside their columns, which stay English."""


def hidden_note(threshold: int) -> str:
    """The footnote under a page's table, chart or list that may show a hidden number, in the reader's
    language (:func:`analysis.equity.suppression_note` in English)."""
    return _("* Hidden to protect small groups: fewer than %(count)s answers, or a number that would reveal one.",
             count=threshold)


def page_hidden_label() -> str:
    """How a page prints a hidden number, in the reader's language (:data:`HIDDEN_LABEL` in English)."""
    return _("hidden*")


def page_cell(cell: object) -> object:
    """A protected table cell as the page prints it: the hidden label, and a figure its publisher did
    not publish, in the reader's language; any other cell as it is."""
    if cell == HIDDEN_LABEL:
        return page_hidden_label()
    if cell == NOT_PUBLISHED:
        return _("not published")
    return cell


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
                           missing_label=NO_ANSWER,
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
    total = TOTAL
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
