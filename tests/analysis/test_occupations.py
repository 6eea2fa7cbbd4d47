"""The job-title coder: titles as people write them reach the SOC 2018 code a coder would give.

One coder is fitted for the module (a few seconds); rules about preferences and corrections are checked
on coders fitted on a handful of literal titles.
"""

from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from analysis.occupations import (
    ATTRIBUTION,
    OccupationCoder,
    load_coder,
    occupations,
    soc_from_onet,
    soc_major_group,
)
from analysis.occupations.build_data import build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def coder() -> OccupationCoder:
    return load_coder()


def codes(coder: OccupationCoder, titles: list[str]) -> list[str | None]:
    return [m.soc_code for m in coder.code(titles)]


@pytest.mark.parametrize(
    ("title", "soc_code"),
    [
        ("CNA", "31-1131"),
        ("STNA", "31-1131"),
        ("PCT", "31-1131"),
        ("LPN", "29-2061"),
        ("LVN", "29-2061"),
        ("RN", "29-1141"),
        ("MA", "31-9092"),
        ("CMA", "31-9092"),
        ("EVS Tech", "37-2012"),
        ("SPD Tech", "31-9093"),
        ("EMT-B", "29-2042"),
        ("HHA", "31-1121"),
        ("RT", "29-1126"),
        ("PT Aide", "31-2022"),
        ("OT aide", "31-2012"),
        ("Pharm Tech", "29-2052"),
    ],
)
def test_abbreviations_reach_the_occupation(coder, title, soc_code):
    match = coder.code([title])[0]
    assert match.soc_code == soc_code
    assert not match.needs_review


@pytest.mark.parametrize(
    ("title", "soc_code"),
    [
        ("auxiliar de enfermería", "31-1131"),
        ("Enfermera", "29-1141"),
        ("enfermeros", "29-1141"),
        ("tecnico de farmacia", "29-2052"),
        ("Técnica de farmacia", "29-2052"),
        ("Cuidadora de ancianos", "31-1122"),
        ("quiero ser asistente médica", "31-9092"),
        ("Flebotomista - medio tiempo", "31-9097"),
    ],
)
def test_spanish_titles_with_or_without_accents_genders_and_plurals(coder, title, soc_code):
    assert codes(coder, [title]) == [soc_code]


def test_qualifiers_do_not_change_the_code(coder):
    variants = [
        "CNA",
        "CNA PRN",
        "CNA - per diem",
        "CNA (Travel)",
        "cna nights 12 hr",
        "CNA - LTC",
        "CNA, Full Time, $2,000 Sign-On Bonus",
        "CNA - FT/PT - every other weekend",
        "Certified Nursing Assistant II - 3x12 - 7p-7a",
    ]
    assert set(codes(coder, variants)) == {"31-1131"}


def test_unit_and_setting_after_a_dash_keep_the_job_named_first(coder):
    assert (
        codes(coder, ["Nurse - Pediatrics", "RN - Med/Surg - Nights", "Charge Nurse - LTC"])
        == ["29-1141"] * 3
    )


def test_pt_is_part_time_beside_another_job_and_a_therapist_alone(coder):
    assert codes(coder, ["Dishwasher PT", "PT", "Travel PT", "PT/OT Aide"]) == [
        "35-9021",
        "29-1123",
        "29-1123",
        "31-2022",
    ]


def test_typos_and_plurals_are_forgiven(coder):
    assert codes(coder, ["Phlebotomest", "Certifed Nursing Asistant", "Pharmacy Techician"]) == [
        "31-9097",
        "31-1131",
        "29-2052",
    ]
    assert codes(coder, ["Registered Nurses", "Phlebotomists", "LPNs"]) == ["29-1141", "31-9097", "29-2061"]


def test_nonsense_needs_review_and_blank_is_not_coded(coder):
    nonsense = coder.code(["asdfgh qwerty", "zzzz", "Lorem ipsum dolor"])
    assert all(m.needs_review for m in nonsense)
    assert all(m.score < coder.min_score for m in nonsense if m.soc_code)
    for blank in coder.code(["", None, "n/a", "  ", "No sé"]):
        assert blank.soc_code is None and blank.method == "empty" and not blank.needs_review


def test_a_match_names_its_runner_up_and_why(coder):
    match = coder.code(["Certified Nursing Assistant (CNA) - Nights"])[0]
    assert (match.soc_code, match.soc_title, match.major_group) == (
        "31-1131",
        "Nursing Assistants",
        "31-0000",
    )
    assert match.score == 1.0 and match.method == "exact"
    assert match.runner_up_code not in (None, match.soc_code)
    assert 0 <= match.runner_up_score < match.score
    assert match.matched_title


def test_a_title_listed_under_two_occupations_alike_needs_review(coder):
    # O*NET lists "Sitter" under personal care aides and childcare workers, with nothing to choose between.
    match = coder.code(["Sitter"])[0]
    assert match.needs_review
    assert {match.soc_code, match.runner_up_code} >= {"39-9011"}


def test_suggest_gives_distinct_occupations_best_first(coder):
    suggestions = coder.suggest("enfermera", n=3)
    assert suggestions[0].soc_code == "29-1141"
    assert len({s.soc_code for s in suggestions}) == 3
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    assert coder.suggest("   ") == []


def test_code_frame_keeps_the_callers_index(coder):
    titles = pd.Series(["CNA", "Cashier"], index=[10, 20])
    frame = coder.code_frame(titles)
    assert list(frame.index) == [10, 20]
    assert list(frame["soc_code"]) == ["31-1131", "41-2011"]
    assert {"soc_title", "score", "needs_review", "runner_up_code"} <= set(frame.columns)


# -- rules, on coders fitted on a few literal titles ---------------------------------------------------


def _tiny(*rows: tuple[str, str, str], **params) -> OccupationCoder:
    titles = pd.DataFrame(rows, columns=["soc_code", "title", "source"])
    return OccupationCoder(**params).fit(titles, occupations())


def test_a_title_listed_under_several_occupations_goes_to_the_one_listing_it_most():
    coder = _tiny(
        ("31-1131", "Certified Nurse Aide (CNA)", "alternate"),
        ("31-1131", "Certified Nursing Assistant (CNA)", "alternate"),
        ("31-1121", "Certified Nurses Aide (CNA)", "alternate"),
        ("41-2011", "Cashier", "alternate"),
    )
    assert codes(coder, ["cna"]) == ["31-1131"]


def test_curated_titles_win_over_onet_and_corrections_over_everything():
    rows = [
        ("31-1132", "Patient Care Technician", "alternate"),
        ("31-1131", "Patient Care Technician", "curated"),
        ("41-2011", "Cashier", "alternate"),
    ]
    assert codes(_tiny(*rows), ["Patient Care Technician"]) == ["31-1131"]
    corrected = _tiny(
        *rows, corrections={"Float Tech - nights": "31-1132", "Patient Care Technician": "29-2099"}
    )
    matches = corrected.code(["float tech", "Patient Care Tech PRN"])
    assert [m.soc_code for m in matches] == ["31-1132", "29-2099"]
    assert [m.method for m in matches] == ["correction", "correction"]
    assert not any(m.needs_review for m in matches)


def test_a_correction_must_name_a_soc_code():
    with pytest.raises(ValueError, match="not a SOC 2018 detailed code"):
        _tiny(("41-2011", "Cashier", "alternate"), corrections={"Float Tech": "31-1131.00"})


def test_onet_codes_map_to_soc_2018_by_their_first_seven_characters():
    assert soc_from_onet("29-1141.01") == "29-1141"
    assert soc_from_onet("31-1131.00") == "31-1131"
    assert soc_major_group("31-1131") == "31-0000"
    with pytest.raises(ValueError):
        soc_from_onet("Nurse")


# -- the data shipped in the package --------------------------------------------------------------------


def _data(name: str) -> list[dict[str, str]]:
    raw = resources.files("analysis.occupations").joinpath("data", name).read_bytes()
    text = gzip.decompress(raw).decode() if name.endswith(".gz") else raw.decode()
    return list(csv.DictReader(text.splitlines()))


def test_package_data_is_present_small_and_consistent():
    data = resources.files("analysis.occupations").joinpath("data")
    sizes = {p.name: len(p.read_bytes()) for p in data.iterdir() if p.is_file()}
    assert {
        "titles.csv.gz",
        "occupations.csv",
        "abbreviations.csv",
        "curated_titles.csv",
        "spanish_titles.csv",
    } <= set(sizes)
    assert sum(sizes.values()) < 3_000_000
    soc = {r["soc_code"] for r in _data("occupations.csv")}
    assert len(soc) == 867
    for name, column in (("curated_titles.csv", "title"), ("spanish_titles.csv", "titulo")):
        rows = _data(name)
        assert {r["soc_code"] for r in rows} <= soc, name
        seen: dict[str, str] = {}
        for row in rows:  # a title may not name two occupations in our own lists
            assert seen.setdefault(row[column].casefold(), row["soc_code"]) == row["soc_code"], row
    assert len(_data("titles.csv.gz")) > 50_000


def test_attribution_is_shipped_with_the_data_and_in_the_coder():
    import analysis.occupations.coder as coder_module

    readme = resources.files("analysis.occupations").joinpath("data", "README.md").read_text()
    assert " ".join(ATTRIBUTION.split()) in " ".join(readme.replace("> ", "").split())
    assert "CC BY 4.0" in coder_module.__doc__ and "O*NET 27.0" in coder_module.__doc__


def test_coder_reads_only_its_own_package_data_and_import_does_no_work():
    """In a fresh interpreter: importing does nothing heavy; coding opens only files inside the package."""
    code = """
import json, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
import analysis.occupations
loaded_on_import = sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'sklearn', 'feedback', 'surveys'})
opened_on_import = [p for p in opened if '/occupations/data/' in p]
from analysis.occupations import load_coder
match = load_coder().code(['CNA - nights'])[0]
data = sorted({p for p in opened if p.endswith(('.csv', '.gz', '.tsv'))})
print(json.dumps([loaded_on_import, opened_on_import, match.soc_code, data]))
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT)},
    )
    loaded_on_import, opened_on_import, soc_code, data = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded_on_import == [] and opened_on_import == []
    assert soc_code == "31-1131"
    package_data = str(ROOT / "analysis" / "occupations" / "data")
    assert data and all(path.startswith(package_data) for path in data), data


def test_build_data_writes_soc_codes_titles_and_shares_broad_group_employment(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "onet27_occupation_data.tsv").write_text(
        "O*NET-SOC Code\tTitle\tDescription\n"
        "31-1121.00\tHome Health Aides\t.\n31-1122.00\tPersonal Care Aides\t.\n"
        "29-1141.00\tRegistered Nurses\t.\n29-1141.01\tAcute Care Nurses\t.\n"
    )
    (source / "onet27_alternate_titles.tsv").write_text(
        "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)\n"
        "29-1141.01\tEmergency Room Nurse (ER Nurse)\tER Nurse\t04\n31-1122.00\tCaregiver\tn/a\t08\n"
    )
    oews = (
        "area_code,area_type,state_code,area_name,soc_code,occupation,display_level,employment,hourly_median,"
        "annual_median,annual_p10,annual_p90,location_quotient\n"
        "0000000,N,00,National,31-1120,Home Health and Personal Care Aides,3,4000,,,,,\n"
        "0000000,N,00,National,29-1141,Registered Nurses,3,3000,,,,,\n"
        "0000001,S,01,Alabama,29-1141,Registered Nurses,3,50,,,,,\n"
    )
    with gzip.open(source / "oews_may2025_all_industries.csv.gz", "wt") as handle:
        handle.write(oews)
    counts = build(source, tmp_path / "out")
    assert counts == {"occupations": 3, "titles": 7, "oews_areas": 2, "oews_rows": 3}
    occupations_csv = list(csv.DictReader((tmp_path / "out" / "occupations.csv").read_text().splitlines()))
    assert {r["soc_code"]: (r["soc_title"], r["us_employment_may2025"]) for r in occupations_csv} == {
        "29-1141": ("Registered Nurses", "3000"),
        "31-1121": ("Home Health Aides", "2000"),
        "31-1122": ("Personal Care Aides", "2000"),
    }
    with gzip.open(tmp_path / "out" / "titles.csv.gz", "rt") as handle:
        titles = list(csv.DictReader(handle))
    assert {"soc_code": "29-1141", "onet_code": "29-1141.01", "kind": "short", "title": "ER Nurse"} in titles
