"""The gap report: occupations ranked by employer demand against supply, every number protected."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.gaps import gap_report
from analysis.occupations import areas, wages

CNA, RN, PHLEB, AIDE, LPN = "31-1131", "29-1141", "31-9097", "31-1121", "29-2061"


def employer_rows(n_employers, code, openings, pay, *, start=0, hard=True, organization="Employer"):
    return [{"response_id": start + i, "organization": f"{organization} {start + i}",
                 "organization_key": f"{organization} {start + i}".lower(), "soc_code": code, "openings": openings,
                 "vacancies": 1, "pay_hourly": pay + i * 0.1, "hard_to_fill": hard if i % 2 == 0 else not hard}
            for i in range(n_employers)]


def demand_frame(*groups):
    columns = ["response_id", "organization", "organization_key", "soc_code", "openings", "vacancies",
               "pay_hourly", "hard_to_fill"]
    return pd.DataFrame([row for group in groups for row in group], columns=columns)


def supply_frame(counts, *, start=10_000, groups=("Woman", "Man")):
    """counts: {(audience, code): n}; each person gets a gender from ``groups`` in turn."""
    rows, i = [], start
    for (audience, code), n in counts.items():
        for k in range(n):
            rows.append({"response_id": i, "audience": audience, "soc_code": code, "gender": groups[k % len(groups)]})
            i += 1
    return pd.DataFrame(rows, columns=["response_id", "audience", "soc_code", "gender"])


def row(report, code):
    return report.table.set_index("soc_code").loc[code]


def test_occupations_rank_by_openings_with_demand_and_supply_side_by_side():
    demand = demand_frame(employer_rows(10, CNA, 4, 17.0), employer_rows(12, RN, 2, 44.0, start=100))
    supply = supply_frame({("career_seeker", CNA): 6, ("learner", CNA): 8, ("career_seeker", RN): 20})
    report = gap_report(demand, supply, threshold=5)
    assert list(report.table["soc_code"]) == [CNA, RN]  # 40 openings before 24
    assert list(report.table["rank"]) == [1, 2]
    cna = row(report, CNA)
    assert (cna["employers"], cna["openings"], cna["vacancies"]) == (10, 40, 10)
    assert (cna["supply_career_seeker"], cna["supply_learner"], cna["supply_total"]) == (6, 8, 14)
    assert cna["openings_per_person"] == pytest.approx(40 / 14, abs=0.01)
    assert cna["hard_to_fill_share"] == pytest.approx(0.5)
    assert report.employers == 22 and report.supply_people == 34


def test_an_employer_answering_twice_counts_once_with_its_latest_answer():
    first = employer_rows(6, CNA, 10, 17.0)
    again = [dict(r, response_id=50, openings=3) for r in first[:1]]  # Employer 0 answers again later
    report = gap_report(demand_frame(first, again), supply_frame({}), threshold=5)
    cna = row(report, CNA)
    assert cna["employers"] == 6
    assert cna["openings"] == 5 * 10 + 3


def test_few_employers_hide_their_count_and_everything_computed_from_them():
    demand = demand_frame(employer_rows(12, CNA, 4, 17.0), employer_rows(2, PHLEB, 30, 25.0, start=100))
    report = gap_report(demand, supply_frame({("career_seeker", PHLEB): 9}), threshold=5)
    phleb = row(report, PHLEB)
    for column in ("employers", "openings", "vacancies", "hard_to_fill_share", "offered_pay_median",
                   "openings_per_person", "offered_vs_local"):
        assert pd.isna(phleb[column]), column
    assert phleb["supply_total"] == 9
    # Each employer named one occupation, so the two counts add up to the printed number of employers:
    # the small one cannot hide alone.
    assert report.employers == 14
    assert pd.isna(row(report, CNA)["employers"])
    shown = report.table["employers"].dropna()
    assert all(n == 0 or n >= 5 for n in shown)


def test_employers_naming_several_occupations_keep_large_counts_shown_beside_a_small_one():
    both = employer_rows(12, CNA, 4, 17.0) + [dict(r, soc_code=RN) for r in employer_rows(12, CNA, 4, 44.0)]  # same 12
    few = [dict(r, soc_code=PHLEB) for r in employer_rows(2, CNA, 4, 20.0)]
    report = gap_report(demand_frame(both, few), supply_frame({}), threshold=5)
    assert row(report, CNA)["employers"] == 12 and row(report, RN)["employers"] == 12
    assert pd.isna(row(report, PHLEB)["employers"])


def test_offered_pay_is_a_protected_median_next_to_the_local_one():
    demand = demand_frame(employer_rows(11, CNA, 4, 17.0), employer_rows(6, AIDE, 4, 15.0, start=100))
    report = gap_report(demand, supply_frame({}), threshold=5)
    cna, aide = row(report, CNA), row(report, AIDE)
    assert cna["offered_pay_median"] == pytest.approx(17.5)  # 17.0 .. 18.0, middle of 11
    national = wages(None, CNA)
    assert cna["local_hourly_median"] == national.hourly_median
    assert (cna["local_annual_p10"], cna["local_annual_p90"]) == (national.annual_p10, national.annual_p90)
    assert cna["offered_vs_local"] == pytest.approx(17.5 / national.hourly_median, abs=0.001)
    # Six employers are shown, but a median needs five answers on each side of it.
    assert aide["employers"] == 6 and pd.isna(aide["offered_pay_median"])
    assert aide["oews_code"] == "31-1120" and bool(aide["oews_as_group"])


def test_local_figures_follow_the_chosen_area():
    metro = next(a for a in areas("metro") if a.name.startswith("Los Angeles"))
    demand = demand_frame(employer_rows(6, RN, 4, 60.0))
    report = gap_report(demand, supply_frame({}), area=metro.code, threshold=5)
    assert report.area_name == metro.name
    assert row(report, RN)["local_employment"] == wages(metro.code, RN).employment
    assert row(report, RN)["local_employment"] != wages(None, RN).employment


def test_supply_is_broken_down_by_group_with_small_groups_hidden_and_counts_consistent():
    supply = supply_frame({("career_seeker", CNA): 20, ("career_seeker", LPN): 3}, groups=("Woman", "Man", "Woman"))
    supply.loc[supply.index[:2], "gender"] = "Nonbinary"  # two people: a group too small to show
    report = gap_report(demand_frame(), supply, threshold=5)
    name, gender = report.lenses[0]
    assert name == "gender"
    assert "Nonbinary" not in gender.counts.index  # combined with the other small groups, or hidden
    for code in (CNA, LPN):
        total = row(report, code)["supply_total"]
        assert (pd.isna(total) and pd.isna(gender.column_totals[code])) or total == gender.column_totals[code]
    assert pd.isna(row(report, LPN)["supply_total"])
    printed = pd.concat([gender.counts.stack(), gender.row_totals, gender.column_totals]).dropna()
    assert all(n == 0 or n >= 5 for n in printed)


def test_choose_all_demographics_are_counted_per_group():
    supply = supply_frame({("learner", CNA): 12})
    supply["barriers"] = [("Childcare", "Transport") if i % 2 else ("Childcare",) for i in range(12)]
    report = gap_report(demand_frame(), supply, threshold=5, demographics=["barriers"])
    barriers = report.lenses[0][1]
    assert barriers.counts.at["Childcare", CNA] == 12 and barriers.counts.at["Transport", CNA] == 6


def test_answers_without_a_code_are_counted_apart_and_protected():
    demand = demand_frame(employer_rows(6, CNA, 4, 17.0), employer_rows(6, None, 4, 17.0, start=100))
    report = gap_report(demand, supply_frame({("learner", None): 2}), threshold=5)
    assert report.uncoded == 8
    assert list(report.table["soc_code"]) == [CNA]
    assert gap_report(demand_frame(employer_rows(6, CNA, 4, 17.0), employer_rows(2, None, 4, 17.0, start=9)),
                      supply_frame({}), threshold=5).uncoded is None


def test_export_table_has_readable_headers_and_empty_hidden_cells():
    demand = demand_frame(employer_rows(12, CNA, 4, 17.0), employer_rows(2, PHLEB, 30, 25.0, start=100))
    report = gap_report(demand, supply_frame({("career_seeker", CNA): 7}), threshold=5)
    exported = report.export_table()
    assert {"Occupation", "Employers", "Openings (12 months)", "Career seekers interested",
            "Local median ($/h)"} <= set(exported.columns)
    assert exported["Employers"].isna().all()  # two occupations adding up to all employers: both hidden
    assert "1" not in report.note and "5" in report.note


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="openings"):
        gap_report(pd.DataFrame({"response_id": [], "soc_code": []}), supply_frame({}))
    with pytest.raises(ValueError, match="audience"):
        gap_report(demand_frame(), pd.DataFrame({"response_id": [], "soc_code": []}))


def test_empty_answers_give_an_empty_report():
    report = gap_report(demand_frame(), supply_frame({}), threshold=5)
    assert report.table.empty and report.employers == 0 and report.uncoded == 0


def test_a_hard_to_fill_share_never_points_at_a_few_employers():
    # 7 employers of CNAs, 2 say hard to fill: "29%" of 7 would point at those 2.
    rows = employer_rows(7, CNA, 4, 17.0)
    rows = [dict(r, hard_to_fill=i < 2) for i, r in enumerate(rows)]
    cna = row(gap_report(demand_frame(rows), supply_frame({}), threshold=5), CNA)
    assert cna["employers"] == 7 and pd.isna(cna["hard_to_fill_share"])
    # All 7 say so: the share names no small group.
    rows = [dict(r, hard_to_fill=True) for r in rows]
    assert row(gap_report(demand_frame(rows), supply_frame({}), threshold=5), CNA)["hard_to_fill_share"] == 1.0
