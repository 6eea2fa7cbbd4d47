"""OEWS employment and wages per occupation and area: built from BLS's file, read offline, groups rolled up,
unpublished figures never 0."""

from __future__ import annotations

import csv
import gzip
import lzma

import pytest

from analysis.occupations import NATIONAL, area_choices, area_name, areas, wages, wages_frame
from analysis.occupations.build_data import build

HEADER = ("area_code,area_type,state_code,area_name,soc_code,occupation,display_level,employment,"
          "hourly_median,annual_median,annual_p10,annual_p90,location_quotient\n")


@pytest.fixture
def source(tmp_path):
    """A tiny O*NET + OEWS source folder: aides published only as a group, a legislator never, and a
    state whose figures BLS marked unpublished in each of its ways."""
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / "onet27_occupation_data.tsv").write_text(
        "O*NET-SOC Code\tTitle\tDescription\n"
        "11-1011.00\tChief Executives\t.\n11-1031.00\tLegislators\t.\n"
        "31-1121.00\tHome Health Aides\t.\n31-1122.00\tPersonal Care Aides\t.\n"
        "31-1131.00\tNursing Assistants\t.\n")
    (folder / "onet27_alternate_titles.tsv").write_text(
        "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)\n31-1131.00\tCNA\tn/a\t08\n")
    rows = (
        "0000000,N,00,National,11-1000,Top Executives,1,3720520,52.17,108510,40000,239200,\n"
        "0000000,N,00,National,11-1011,Chief Executives,3,204350,102.88,213990,80000,#,\n"
        "0000000,N,00,National,31-1120,Home Health and Personal Care Aides,3,4305810,17.21,35800,27040,45040,\n"
        "0000000,N,00,National,31-1131,Nursing Assistants,3,1448910,20.32,42260,33940,51980,\n"
        "0100000,S,01,Alabama,31-1120,Home Health and Personal Care Aides,3,-,*,**,-,#,\n"
        "0100000,S,01,Alabama,31-1131,Nursing Assistants,3,20000,14.50,30160,-,40000,0.9\n"
        "0011500,M,01,\"Anniston-Oxford, AL\",31-1131,Nursing Assistants,3,500,,,,,\n"
    )
    with gzip.open(folder / "oews_may2025_all_industries.csv.gz", "wt") as handle:
        handle.write(HEADER + rows)
    return folder


def read_built(out):
    with lzma.open(out / "oews_wages.csv.xz", "rt") as handle:
        figures = {(r["area_code"], r["oews_code"]): r for r in csv.DictReader(handle)}
    codes = {r["soc_code"]: r for r in csv.DictReader((out / "oews_codes.csv").read_text().splitlines())}
    return figures, codes


def test_build_rolls_detailed_codes_up_to_the_group_oews_publishes_and_never_to_a_minor_group(source, tmp_path):
    counts = build(source, tmp_path / "out")
    figures, codes = read_built(tmp_path / "out")
    assert counts["oews_areas"] == 3
    assert codes["31-1121"]["oews_code"] == codes["31-1122"]["oews_code"] == "31-1120"
    assert codes["31-1121"]["oews_title"] == "Home Health and Personal Care Aides"
    assert codes["31-1131"]["oews_code"] == "31-1131"
    # Legislators have no row: 11-1000 Top Executives is a minor group, not their wage.
    assert "11-1031" not in codes
    assert ("0000000", "11-1000") not in figures
    lines = (tmp_path / "out" / "occupations.csv").read_text().splitlines()
    occupations = {r["soc_code"]: r for r in csv.DictReader(lines)}
    assert occupations["11-1031"]["us_employment_may2025"] == "0"
    assert occupations["31-1121"]["us_employment_may2025"] == str(4305810 // 2)


def test_build_keeps_unpublished_cells_empty_never_zero(source, tmp_path):
    build(source, tmp_path / "out")
    figures, _ = read_built(tmp_path / "out")
    group = figures[("0100000", "31-1120")]
    assert [group[c] for c in ("employment", "hourly_median", "annual_median", "annual_p10", "annual_p90")] == \
        ["", "", "", "", ""]
    assert figures[("0000000", "11-1011")]["annual_p90"] == ""  # '#': above BLS's top wage
    assert figures[("0100000", "31-1131")]["annual_p10"] == ""
    assert figures[("0100000", "31-1131")]["employment"] == "20000"


def test_wages_of_a_group_member_are_the_groups_and_say_so():
    aides = wages(None, "31-1121")
    assert (aides.oews_code, aides.oews_title) == ("31-1120", "Home Health and Personal Care Aides")
    assert aides.as_group and aides.published
    assert wages(None, "31-1122").employment == aides.employment > 1_000_000
    lab = wages(None, "29-2012")
    assert lab.oews_code == "29-2010" and lab.annual_median == wages(None, "29-2011").annual_median


def test_national_wages_are_ordered_and_hourly_percentiles_follow_the_annual_ones():
    nurses = wages(NATIONAL, "29-1141")
    assert not nurses.as_group and nurses.area_name == "National"
    assert nurses.annual_p10 < nurses.annual_median < nurses.annual_p90
    assert nurses.hourly_p10 == round(nurses.annual_p10 / 2080, 2)
    assert nurses.hourly_p10 < nurses.hourly_median < nurses.hourly_p90


def test_unpublished_figures_are_none_not_zero():
    military = wages(None, "55-1011")
    assert not military.published and military.employment is None and military.oews_code is None
    assert wages(None, "11-1031").employment is None  # legislators: not published, not Top Executives
    teachers = wages(None, "25-2055")  # paid by the year: no hourly median
    assert teachers.hourly_median is None and teachers.annual_median > 0
    los_angeles = next(a.code for a in areas("metro") if a.name.startswith("Los Angeles"))
    surgeons = wages(los_angeles, "29-1022")  # employment withheld, wages published
    assert surgeons.employment is None and surgeons.hourly_median > 100


def test_areas_list_the_nation_first_then_states_then_metro_areas():
    listed = areas()
    assert listed[0].code == NATIONAL and listed[0].kind == "nation"
    kinds = [a.kind for a in listed]
    assert kinds == sorted(kinds, key=["nation", "state", "metro"].index)
    assert len(areas("state")) >= 50 and len(areas("metro")) > 300
    labels = dict(area_choices())
    assert labels[NATIONAL] == "National" and labels["0600000"] == "California (state)"
    assert area_name(None) == "National"


def test_unknown_areas_and_codes_are_refused():
    with pytest.raises(ValueError, match="OEWS area"):
        wages("9999999", "29-1141")
    with pytest.raises(ValueError, match="SOC 2018"):
        wages(None, "29-9999x")


def test_wages_frame_keeps_order_and_skips_unknown_codes():
    frame = wages_frame(None, ["31-1131", "nonsense", "29-1141", "31-1131", "55-1011"])
    assert list(frame["soc_code"]) == ["31-1131", "29-1141", "55-1011"]
    assert frame["employment"].isna().tolist() == [False, False, True]
    assert str(frame["employment"].dtype) == "Int64"
