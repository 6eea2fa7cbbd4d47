"""Employer demand against talent supply, per occupation, with local wages and the equity lens.

A sector partnership needs to see where employers' hiring needs and the people who want (or train for)
those jobs do not meet: 40 CNA openings and 6 people interested is a gap; $17/h offered where the local
median is $20/h may be part of why. :func:`gap_report` turns two plain tables into that view:

- **demand**: one row per occupation an employer named (``organization_key``, ``soc_code``,
  ``openings``, ``vacancies``, ``pay_hourly``, ``hard_to_fill``, ...), as
  ``feedback.queries.occupations.demand_frame`` gives;
- **supply**: one row per occupation a career seeker, learner or worker named (``audience``,
  ``soc_code``, and one column per demographic question), as ``supply_frame`` gives.

Privacy, the same rule as every report (:mod:`analysis.equity`): no printed number may reveal a group
smaller than the threshold, employers included.

- Employers per occupation are protected as one line of counts (:func:`~analysis.equity.distribution`):
  a small count is hidden, and another is hidden beside it so no subtraction finds it. Openings,
  vacancies and the hard-to-fill share are sums over an occupation's employers and are printed only
  where its employer count is; the offered pay is a protected median
  (:func:`~analysis.equity.number_summary`: at least ``threshold`` answers on each side of it).
- Supply counts per occupation and by audience and demographic group are protected together
  (:func:`~analysis.equity.protect_breakdowns`), so the headline count of an occupation is the same
  number (or the same hidden mark) in every table.

Answers without a confirmed occupation code are not counted; their number is returned (protected) so
the page can point at the review queue. When an employer answered more than once (two waves, or two
people of one organization), each occupation counts its latest answer only.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .equity import (
    DEFAULT_THRESHOLD,
    Breakdown,
    Lens,
    distribution,
    number_summary,
    protect_breakdowns,
    suppression_note,
)
from .occupations.wages import area_name, wages_frame

__all__ = [
    "AUDIENCE_NAMES",
    "DEMAND_REQUIRED",
    "SUPPLY_REQUIRED",
    "GapReport",
    "gap_report",
]

DEMAND_REQUIRED = ("response_id", "soc_code", "openings", "vacancies", "pay_hourly", "hard_to_fill")
"""Columns the demand table must have (``organization_key`` or ``organization`` is used when present)."""

SUPPLY_REQUIRED = ("response_id", "audience", "soc_code")
"""Columns the supply table must have; other columns not listed in ``SUPPLY_FIXED`` are demographics."""

SUPPLY_FIXED = frozenset({"response_id", "wave_id", "survey_id", "complete", "audience", "question_key",
                          "soc_code", "soc_title", "typed_title", "confirmed"})

AUDIENCE_NAMES = {
    "career_seeker": "Career seekers",
    "learner": "Learners",
    "incumbent_worker": "Incumbent workers",
}
"""How the supply side's audiences are named in tables (others are shown as given)."""


@dataclass(frozen=True)
class GapReport:
    """Demand and supply per occupation, protected, with local OEWS figures.

    Attributes:
        threshold: Smallest group a number may describe.
        area_code, area_name: The OEWS area whose wages are shown (the nation by default).
        table: One row per occupation, most demand first. Columns: ``rank``, ``soc_code``,
            ``soc_title``, ``employers``, ``openings``, ``vacancies``, ``hard_to_fill_share``,
            ``offered_pay_median`` (hourly), one ``supply_<audience>`` column per audience,
            ``supply_total``, ``openings_per_person``, then the local figures: ``local_employment``,
            ``local_hourly_median``, ``local_annual_median``, ``local_annual_p10``, ``local_annual_p90``,
            ``local_hourly_p10``, ``local_hourly_p90``, ``oews_code``, ``oews_title``, ``oews_as_group``,
            and ``offered_vs_local`` (offered median ÷ local hourly median). ``<NA>`` wherever a number
            is hidden, not published or not computable.
        audiences: The supply audiences, in column order.
        employers: Distinct employers who named at least one coded occupation (``None`` when hidden).
        supply_people: Supply answers with a coded occupation (``None`` when hidden).
        uncoded: Answers (both sides) without a confirmed occupation code (``None`` when hidden).
        lenses: ``(question, Breakdown)`` for each demographic column: who is interested, by group
            (rows) and occupation (columns), protected with the supply counts.
    """

    threshold: int
    area_code: str | None
    area_name: str
    table: pd.DataFrame
    audiences: list[str]
    employers: int | None
    supply_people: int | None
    uncoded: int | None
    lenses: list[tuple[str, Breakdown]] = field(default_factory=list)

    @property
    def note(self) -> str:
        """The footnote for every table and chart of the report."""
        return suppression_note(self.threshold)

    def export_table(self) -> pd.DataFrame:
        """The table for download: readable headers, hidden numbers empty (as on the page, never 0)."""
        names = {f"supply_{a}": f"{AUDIENCE_NAMES.get(a, a)} interested" for a in self.audiences}
        return self.table.rename(columns={**EXPORT_HEADERS, **names})


EXPORT_HEADERS = {
    "rank": "Rank", "soc_code": "SOC code", "soc_title": "Occupation", "employers": "Employers",
    "openings": "Openings (12 months)", "vacancies": "Vacancies now", "hard_to_fill_share": "Hard to fill (share)",
    "offered_pay_median": "Offered pay, median ($/h)", "supply_total": "People interested or training",
    "openings_per_person": "Openings per person", "local_employment": "Local employment",
    "local_hourly_median": "Local median ($/h)", "local_annual_median": "Local median ($/yr)",
    "local_annual_p10": "Local 10th percentile ($/yr)", "local_annual_p90": "Local 90th percentile ($/yr)",
    "local_hourly_p10": "Local 10th percentile ($/h)", "local_hourly_p90": "Local 90th percentile ($/h)",
    "oews_code": "OEWS code", "oews_title": "OEWS occupation", "oews_as_group": "OEWS publishes a group",
    "offered_vs_local": "Offered ÷ local median",
}


def gap_report(
    demand: pd.DataFrame,
    supply: pd.DataFrame,
    *,
    area: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    demographics: Sequence[str] | None = None,
    audiences: Sequence[str] | None = None,
    group_orders: dict[str, Sequence[Hashable]] | None = None,
) -> GapReport:
    """Rank occupations by employer demand against supply, protect every number, add local wages.

    Args:
        demand: One row per occupation an employer named (see the module docstring). Not modified.
        supply: One row per occupation a person named. Not modified.
        area: OEWS area code for local figures; ``None`` is the nation.
        threshold: The partnership's smallest group.
        demographics: Supply columns to break interest down by; default every column that is not one
            of :data:`SUPPLY_FIXED`. A cell holding a tuple or list is a "choose all" answer.
        audiences: Supply audiences in column order; default the ones in ``supply``, known ones first.
        group_orders: Group order per demographic column (e.g. the question's options).

    Returns:
        The :class:`GapReport`.

    Raises:
        ValueError: A required column is missing (the message names it), or the area is unknown.
    """
    _require(demand, DEMAND_REQUIRED, "demand")
    _require(supply, SUPPLY_REQUIRED, "supply")
    name = area_name(area)
    demand_coded, demand_uncoded = _split_coded(demand)
    supply_coded, supply_uncoded = _split_coded(supply)
    demand_latest = _latest_per_employer(demand_coded)
    codes = _occupation_order(demand_latest, supply_coded)
    audiences = list(audiences) if audiences is not None else _audiences(supply_coded)

    employers = _protected_employers(demand_latest, codes, threshold)
    demand_table = _demand_figures(demand_latest, codes, employers, threshold)
    demographics = list(demographics) if demographics is not None else [
        c for c in supply.columns if c not in SUPPLY_FIXED]
    supply_table, people, lenses = _supply_figures(supply_coded, codes, audiences, demographics, threshold,
                                                    group_orders or {})
    table = demand_table.join(supply_table)
    table = _with_local_wages(table, area)
    table = _ranked(table)
    uncoded = distribution(pd.Series(["uncoded"] * (demand_uncoded + supply_uncoded) + ["coded"] * (
        len(demand_coded) + len(supply_coded)), dtype=object), threshold, categories=["uncoded", "coded"])
    distinct_employers = distribution(pd.Series(["all"] * demand_latest["employer"].nunique(), dtype=object),
                                      threshold, categories=["all"])
    return GapReport(
        threshold=threshold, area_code=area, area_name=name, table=table, audiences=audiences,
        employers=_count_or_none(distinct_employers.counts.get("all", pd.NA)) if len(demand_latest) else 0,
        supply_people=people,
        uncoded=_count_or_none(uncoded.counts["uncoded"]),
        lenses=lenses,
    )


# ------------------------------------------------------------------------------------------- steps


def _require(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"The {name} table lacks column(s) {missing}; it needs {list(columns)}.")


def _split_coded(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Rows with an occupation code, and how many rows have none."""
    codes = frame["soc_code"].astype(object)
    coded = codes.notna() & (codes.astype(str).str.strip() != "")
    return frame[coded.to_numpy()].copy(), int((~coded).sum())


def _latest_per_employer(demand: pd.DataFrame) -> pd.DataFrame:
    """One row per (employer, occupation): the employer's latest answer for it.

    An employer is its folded organization name; an answer without one is an employer of its own.
    """
    frame = demand.copy()
    key_column = "organization_key" if "organization_key" in frame.columns else (
        "organization" if "organization" in frame.columns else None)
    keys = frame[key_column].astype(object) if key_column else pd.Series([None] * len(frame), index=frame.index)
    named = keys.notna() & (keys.astype(str).str.strip() != "")
    frame["employer"] = np.where(named, "org:" + keys.astype(str).str.strip().str.casefold(),
                                 "response:" + frame["response_id"].astype(str))
    frame = frame.sort_values("response_id", kind="stable")
    return frame.drop_duplicates(["employer", "soc_code"], keep="last")


def _occupation_order(demand: pd.DataFrame, supply: pd.DataFrame) -> list[str]:
    return sorted(set(demand["soc_code"].astype(str)) | set(supply["soc_code"].astype(str)))


def _audiences(supply: pd.DataFrame) -> list[str]:
    seen = [str(a) for a in dict.fromkeys(supply["audience"].dropna())]
    known = [a for a in AUDIENCE_NAMES if a in seen]
    return known + sorted(a for a in seen if a not in AUDIENCE_NAMES)


def _protected_employers(demand: pd.DataFrame, codes: list[str], threshold: int) -> pd.Series:
    """Distinct employers per occupation, hidden where small.

    An employer may name several occupations, so these counts add up to more than the number of
    employers and no hidden one can be worked out by subtraction. Only when every employer named just
    one occupation do they add up to the printed number of employers; that line is then protected
    like any other (a second count is hidden beside a small one).
    """
    if not codes:
        return pd.Series([], dtype="Int64")
    counts = demand["soc_code"].astype(str).value_counts().reindex(codes, fill_value=0)
    if counts.sum() == demand["employer"].nunique():
        return distribution(demand["soc_code"].astype(str), threshold, categories=codes).counts.reindex(codes)
    return counts.astype("Int64").where((counts == 0) | (counts >= threshold), pd.NA)


def _demand_figures(demand: pd.DataFrame, codes: list[str], employers: pd.Series,
                    threshold: int) -> pd.DataFrame:
    """Employers, openings, vacancies, hard-to-fill share and the offered pay median per occupation.

    A sum or share is printed only where the occupation's employer count is: it describes the same
    employers. The offered pay is a protected median, hidden unless enough employers gave a pay.
    """
    rows = []
    by_code = dict(tuple(demand.groupby(demand["soc_code"].astype(str)))) if len(demand) else {}
    for code in codes:
        group = by_code.get(code, demand.iloc[0:0])
        count = employers.get(code, pd.NA) if len(employers) else pd.NA
        shown = count is not pd.NA and not pd.isna(count) and int(count) > 0
        answered = group["hard_to_fill"].dropna().astype(bool)
        hard, easy = int(answered.sum()), int((~answered).sum())
        # "40% of 5" would point at 2 employers: a share is printed only when the employers saying yes
        # and those saying no are each none or at least the threshold.
        shares_shown = shown and len(answered) >= threshold and all(n == 0 or n >= threshold for n in (hard, easy))
        pay = number_summary(pd.to_numeric(group["pay_hourly"], errors="coerce").dropna(), threshold).median \
            if shown else None
        rows.append({
            "soc_code": code,
            "employers": count,
            "openings": int(pd.to_numeric(group["openings"], errors="coerce").fillna(0).sum()) if shown else pd.NA,
            "vacancies": int(pd.to_numeric(group["vacancies"], errors="coerce").fillna(0).sum()) if shown else pd.NA,
            "hard_to_fill_share": float(answered.mean()) if shares_shown else pd.NA,
            "offered_pay_median": pay if pay is not None else pd.NA,
        })
    frame = pd.DataFrame(rows, columns=["soc_code", "employers", "openings", "vacancies", "hard_to_fill_share",
                                        "offered_pay_median"]).set_index("soc_code")
    for column in ("employers", "openings", "vacancies"):
        frame[column] = frame[column].astype("Int64")
    for column in ("hard_to_fill_share", "offered_pay_median"):
        frame[column] = frame[column].astype("Float64")
    return frame


def _supply_figures(supply: pd.DataFrame, codes: list[str], audiences: list[str], demographics: list[str],
                    threshold: int, orders: dict[str, Sequence[Hashable]]
                    ) -> tuple[pd.DataFrame, int | None, list[tuple[str, Breakdown]]]:
    """Supply counts per occupation (overall and per audience) and the demographic tables, protected
    together so each count is the same number, or hidden, everywhere."""
    units = supply.assign(soc_code=supply["soc_code"].astype(str), audience=supply["audience"].astype(str))
    lenses = [Lens("audience", units, "audience", groups=audiences)]
    for column in demographics:
        values = units[column]
        multiple = values.map(lambda v: isinstance(v, tuple | list)).any()
        frame = units.explode(column) if multiple else units
        lenses.append(Lens(column, frame, column, groups=orders.get(column), one_group_per_unit=not multiple))
    if not len(units):
        empty = pd.DataFrame(index=pd.Index(codes, name="soc_code"))
        for audience in audiences:
            empty[f"supply_{audience}"] = pd.array([0] * len(codes), dtype="Int64")
        empty["supply_total"] = pd.array([0] * len(codes), dtype="Int64")
        return empty, 0, []
    protected = protect_breakdowns(units, "soc_code", lenses, threshold=threshold, outcomes=codes,
                                   small_groups="combine")
    by_audience = protected.tables[0][1]
    table = pd.DataFrame(index=pd.Index(codes, name="soc_code"))
    for audience in audiences:
        counts = by_audience.counts.loc[audience] if audience in by_audience.counts.index else None
        values = counts.reindex(codes).tolist() if counts is not None else [pd.NA] * len(codes)
        table[f"supply_{audience}"] = pd.array(values, dtype="Int64")
    table["supply_total"] = pd.array(protected.totals.counts.reindex(codes).tolist(), dtype="Int64")
    return table, protected.totals.total, protected.tables[1:]


def _with_local_wages(table: pd.DataFrame, area: str | None) -> pd.DataFrame:
    local = wages_frame(area, table.index).set_index("soc_code")
    out = table.copy()
    out.insert(0, "soc_title", local["soc_title"].reindex(out.index))
    for column in ("employment", "hourly_median", "annual_median", "annual_p10", "annual_p90", "hourly_p10",
                   "hourly_p90"):
        out[f"local_{column}"] = local[column].reindex(out.index)
    out["oews_code"] = local["oews_code"].reindex(out.index)
    out["oews_title"] = local["oews_title"].reindex(out.index)
    out["oews_as_group"] = local["as_group"].reindex(out.index).astype("boolean")
    supply = out["supply_total"].astype("Float64")
    openings = out["openings"].astype("Float64")
    out["openings_per_person"] = (openings / supply.where(supply > 0)).round(2)
    out["offered_vs_local"] = (out["offered_pay_median"] / out["local_hourly_median"]).round(3)
    return out


def _ranked(table: pd.DataFrame) -> pd.DataFrame:
    """Most openings first; hidden demand after shown, then by people interested, then by code."""
    order = table.assign(
        _openings=table["openings"].astype("Float64").fillna(-1),
        _employers=table["employers"].astype("Float64").fillna(-1),
        _supply=table["supply_total"].astype("Float64").fillna(-1),
    ).sort_values(["_openings", "_employers", "_supply"], ascending=False, kind="stable")
    ranked = table.loc[order.index].reset_index()
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    return ranked


def _count_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
