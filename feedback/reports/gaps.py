"""The gap report's page and downloads: employer demand against supply per occupation, local wages.

Gathers the partnership's occupation answers (``feedback.queries.occupations``), lets
:func:`analysis.gaps.gap_report` count and protect them, and turns the result into text for the page:
every hidden number reads :data:`~analysis.equity.SUPPRESSED_TEXT`, a figure BLS did not publish reads
"not published", and nothing is counted here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from flask_babel import gettext as _

from analysis.equity import SUPPRESSED_TEXT
from analysis.gaps import AUDIENCE_NAMES, GapReport, gap_report
from analysis.occupations import ATTRIBUTION, NOT_PUBLISHED, OEWS_SOURCE
from surveys.definition_types import Audience
from surveys.models import Partnership

from ..queries.occupations import SUPPLY_AUDIENCES, demand_frame, supply_frame

__all__ = ["CHART_BARS", "GapPage", "gap_download", "gap_page", "partnership_gaps"]

CHART_BARS = 15
"""Occupations charted: the most demanded; the table lists them all."""

NO_EMPLOYERS = "–"
"""Shown for demand figures of an occupation no employer named (nothing to hide, nothing to show)."""


@dataclass(frozen=True)
class GapPage:
    """What the gap report's page prints, all as text."""

    report: GapReport
    rows: list[dict[str, str]]
    audiences: list[tuple[str, str]]
    lenses: list[dict]
    demand_chart: str
    supply_chart: str
    hidden: str = SUPPRESSED_TEXT

    @property
    def sources(self) -> tuple[tuple[str, str], ...]:
        """Where the wages and the occupation titles come from, as the page credits them: (the credit in
        English, as its publisher words it, and what the page adds in the reader's language)."""
        return ((OEWS_SOURCE, _("(public domain)")), (ATTRIBUTION, ""))

    @property
    def empty(self) -> bool:
        """No coded occupation on either side yet."""
        return self.report.table.empty


def partnership_gaps(partnership: Partnership) -> GapReport:
    """The protected gap report over every survey of the partnership (all waves; an employer's latest
    answer per occupation)."""
    employer_surveys = [s for s in partnership.surveys if s.audience == Audience.EMPLOYER]
    frames = [demand_frame(survey) for survey in employer_surveys]
    demand = pd.concat(frames, ignore_index=True) if frames else demand_frame([])
    supply = supply_frame(partnership)
    return gap_report(demand, supply, area=partnership.oews_area, threshold=partnership.small_cell_threshold)


def _count(value: object, hidden: str = SUPPRESSED_TEXT) -> str:
    return hidden if value is None or pd.isna(value) else f"{int(value):,}"


def _money(value: object, missing: str, decimals: int = 2) -> str:
    return missing if value is None or pd.isna(value) else f"${float(value):,.{decimals}f}"


def _local_range(row: pd.Series) -> str:
    low, high = row["local_hourly_p10"], row["local_hourly_p90"]
    if pd.isna(low) or pd.isna(high):
        return NOT_PUBLISHED
    return f"${float(low):,.2f}–${float(high):,.2f}"


def _row(row: pd.Series, audiences: list[str]) -> dict[str, str]:
    no_employers = not pd.isna(row["employers"]) and int(row["employers"]) == 0
    demand_missing = NO_EMPLOYERS if no_employers else SUPPRESSED_TEXT
    share = row["hard_to_fill_share"]
    ratio = row["offered_vs_local"]
    return {
        "soc_code": row["soc_code"],
        "title": row["soc_title"] or row["soc_code"],
        "employers": _count(row["employers"]),
        "openings": _count(row["openings"], demand_missing),
        "vacancies": _count(row["vacancies"], demand_missing),
        "hard_to_fill": demand_missing if pd.isna(share) else f"{float(share):.0%}",
        "offered_pay": _money(row["offered_pay_median"], demand_missing),
        "local_median": _money(row["local_hourly_median"], NOT_PUBLISHED),
        "local_annual": _money(row["local_annual_median"], NOT_PUBLISHED, 0),
        "local_range": _local_range(row),
        "local_employment": NOT_PUBLISHED if pd.isna(row["local_employment"]) else f"{int(row['local_employment']):,}",
        "oews_group": (f"{row['oews_title']} ({row['oews_code']})" if bool(row["oews_as_group"]) else ""),
        "offered_vs_local": "" if pd.isna(ratio) else f"{float(ratio):.0%}",
        **{f"supply_{a}": _count(row[f"supply_{a}"]) for a in audiences},
        "supply_total": _count(row["supply_total"]),
        "openings_per_person": "" if pd.isna(row["openings_per_person"]) else f"{float(row['openings_per_person']):.1f}",
    }


def _lens_table(name: str, breakdown, titles: dict[str, str]) -> dict:
    """One demographic breakdown as text: occupations as rows (with their total), groups as columns."""
    groups = [str(g) for g in breakdown.counts.index]
    rows = [[titles.get(str(code), str(code)), *(_count(breakdown.counts.at[g, code]) for g in breakdown.counts.index),
             _count(breakdown.column_totals[code])] for code in breakdown.counts.columns]
    return {"name": name, "groups": groups, "rows": rows}


def _demographic_names(partnership: Partnership) -> dict[str, str]:
    """Each supply-side demographic question's key → its English text (the lens tables' headings)."""
    return {q.key: q.text_in("en") for s in partnership.surveys if s.audience in SUPPLY_AUDIENCES
            for q in s.questions if q.demographic}


def gap_page(partnership: Partnership) -> GapPage:
    """The report for the page, with charts of the most demanded occupations."""
    report = partnership_gaps(partnership)
    question_names = _demographic_names(partnership)
    table = report.table
    titles = dict(zip(table["soc_code"], table["soc_title"].fillna(table["soc_code"]), strict=True))
    rows = [_row(row, report.audiences) for _, row in table.iterrows()]
    lenses = [_lens_table(question_names.get(name, name), breakdown, titles)
              for name, breakdown in report.lenses]
    demand_chart = supply_chart = ""
    top = table.head(CHART_BARS)
    if len(top):
        from ..charts import bar_chart_svg  # matplotlib loads on first use, not with the app

        labels = [titles[code] for code in top["soc_code"]]
        openings = [0.0 if not pd.isna(n) and int(n) == 0 else (None if pd.isna(v) else float(v))
                    for n, v in zip(top["employers"], top["openings"], strict=True)]
        demand_chart = bar_chart_svg(labels, openings,
                                     title=_("Openings in the next 12 months, by occupation"), chart_id="gap-demand")
        supply_chart = bar_chart_svg(labels, [None if pd.isna(v) else float(v) for v in top["supply_total"]],
                                     title=_("People interested or in training, same occupations"),
                                     chart_id="gap-supply")
    return GapPage(report=report, rows=rows,
                   audiences=[(a, AUDIENCE_NAMES.get(a, a)) for a in report.audiences], lenses=lenses,
                   demand_chart=demand_chart, supply_chart=supply_chart)


def gap_download(partnership: Partnership) -> pd.DataFrame:
    """The report's table for CSV, Excel and JSON: numbers as numbers, hidden or unpublished ones empty."""
    report = partnership_gaps(partnership)
    table = report.export_table()
    table.insert(len(table.columns), "Wages for", report.area_name)
    return table
