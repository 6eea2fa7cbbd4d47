"""Exports: formula injection neutralised in every cell and header, numbers kept, files that open."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from feedback.exports import FORMULA_TRIGGERS, neutralise, to_csv, to_json, to_xlsx

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "=cmd|' /C calc'!A0",
    "  =1+1",
]


@pytest.fixture
def hostile() -> pd.DataFrame:
    """Every payload as a cell and as a header, beside numbers and ordinary text."""
    data = {payload: [payload, 1] for payload in PAYLOADS}
    data["answer"] = ["Se habla español — ¿cómo?", "plain"]
    data["score"] = [-5, 2.5]
    return pd.DataFrame(data)


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_neutralise_prefixes_an_apostrophe(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize(
    "value", [-2, -2.5, 0, 3, np.int64(-7), np.float64(-1.5), None, True, "hello", "a=b", ""]
)
def test_neutralise_leaves_numbers_and_harmless_text_alone(value):
    assert neutralise(value) is value


def test_xlsx_has_no_formula_and_every_payload_starts_with_an_apostrophe(hostile):
    sheet = read_xlsx(to_xlsx(hostile, sheet_name="Responses"))

    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert cells, "the sheet is empty"
    assert all(cell.data_type != "f" for cell in cells)
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    first = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    for column in range(len(PAYLOADS)):
        assert header[column].startswith("'")
        assert first[column].startswith("'")
    assert sheet.title == "Responses"


def test_xlsx_keeps_numbers_as_numbers_and_text_as_text(hostile):
    sheet = read_xlsx(to_xlsx(hostile))

    score = [row[-1] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in score] == [-5, 2.5]
    assert all(cell.data_type == "n" for cell in score)
    answer = sheet.cell(row=2, column=len(PAYLOADS) + 1)
    assert answer.value == "Se habla español — ¿cómo?"
    assert answer.data_type == "s"


def test_csv_shows_the_apostrophe_and_keeps_numbers(hostile):
    content = to_csv(hostile)
    rows = read_csv(content)

    assert content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents right
    assert all(header.startswith("'") for header in rows[0][: len(PAYLOADS)])
    assert all(cell.startswith("'") for cell in rows[1][: len(PAYLOADS)])
    assert rows[1][len(PAYLOADS)] == "Se habla español — ¿cómo?"
    assert rows[1][-1] == "-5.0" and rows[2][-1] == "2.5"  # a float column, written as numbers
    assert rows[1][PAYLOADS.index("\r=1")] == "'\r=1"  # the CR survives, quoted


def test_json_neutralises_by_default_and_can_keep_raw_text(hostile):
    records = json.loads(to_json(hostile))
    raw = json.loads(to_json(hostile, neutralise_formulas=False))

    assert all(key.startswith("'") for key in list(records[0])[: len(PAYLOADS)])
    assert records[0]["'+1+1"] == "'+1+1"
    assert records[0]["score"] == -5
    assert raw[0]["+1+1"] == "+1+1"


def test_a_list_of_dicts_is_accepted_with_columns_in_first_seen_order():
    rows = [{"name": "=1", "n": 1}, {"n": -2, "extra": "@x"}]

    assert read_csv(to_csv(rows)) == [["name", "n", "extra"], ["'=1", "1", ""], ["", "-2", "'@x"]]
    assert json.loads(to_json(rows)) == [
        {"name": "'=1", "n": 1, "extra": None},
        {"name": None, "n": -2, "extra": "'@x"},
    ]
    sheet = read_xlsx(to_xlsx(rows))
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["name", "n", "extra"],
        ["'=1", 1, None],
        [None, -2, "'@x"],
    ]


def test_missing_values_dates_and_nullable_types():
    frame = pd.DataFrame(
        {
            "when": [pd.Timestamp("2026-03-01 09:30"), pd.NaT],
            "day": [dt.date(2026, 3, 1), None],
            "count": pd.array([4, pd.NA], dtype="Int64"),
            "share": [0.25, np.nan],
            "aware": [pd.Timestamp("2026-03-01 09:30", tz="UTC"), pd.NaT],
        }
    )

    assert read_csv(to_csv(frame))[1:] == [
        ["2026-03-01T09:30:00", "2026-03-01", "4", "0.25", "2026-03-01T09:30:00+00:00"],
        ["", "", "", "", ""],
    ]
    assert json.loads(to_json(frame))[1] == {
        "when": None,
        "day": None,
        "count": None,
        "share": None,
        "aware": None,
    }
    sheet = read_xlsx(to_xlsx(frame))
    row = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert row[0] == dt.datetime(2026, 3, 1, 9, 30)
    assert row[2:4] == [4, 0.25]
    assert row[4] == "2026-03-01T09:30:00+00:00"


def test_control_characters_cannot_hide_a_trigger():
    frame = pd.DataFrame({"a": ["\x01=1+1", "ok\x00"]})

    assert read_csv(to_csv(frame))[1:] == [["'=1+1"], ["ok"]]
    sheet = read_xlsx(to_xlsx(frame))
    assert sheet.cell(row=2, column=1).value == "'=1+1"


def test_duplicate_and_odd_headers_are_kept_distinct():
    frame = pd.DataFrame([[1, 2, 3]], columns=["q", "q", None])

    assert read_csv(to_csv(frame))[0] == ["q", "q (2)", ""]
    assert list(json.loads(to_json(frame))[0]) == ["q", "q (2)", ""]


def test_sheet_names_excel_forbids_are_cleaned():
    sheet = read_xlsx(
        to_xlsx(pd.DataFrame({"a": [1]}), sheet_name="Report: [wave 2/3] for employers and more")
    )

    assert sheet.title == "Report_ _wave 2_3_ for employer"  # 31 characters at most


def test_an_empty_frame_still_has_its_header():
    frame = pd.DataFrame(columns=["theme", "count"])

    assert read_csv(to_csv(frame)) == [["theme", "count"]]
    assert json.loads(to_json(frame)) == []
    assert [c.value for c in next(read_xlsx(to_xlsx(frame)).iter_rows())] == ["theme", "count"]


@pytest.mark.parametrize("bad", ["text", {"a": 1}, 42, [1, 2]])
def test_other_inputs_are_refused(bad):
    with pytest.raises(TypeError, match="DataFrame or a list of dicts"):
        to_csv(bad)


def test_the_callers_frame_is_not_modified(hostile):
    before = hostile.copy()
    to_csv(hostile), to_xlsx(hostile), to_json(hostile)

    pd.testing.assert_frame_equal(hostile, before)
    assert hostile.equals(before)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from([*FORMULA_TRIGGERS, " ", "a", "1", "'", '"', ",", "\n", "é", "\x02"]),
            max_size=6,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_no_generated_text_becomes_a_formula(texts):
    frame = pd.DataFrame({"answer": texts, "n": range(len(texts))})

    sheet = read_xlsx(to_xlsx(frame))
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    for row in read_csv(to_csv(frame))[1:]:
        assert row[0].lstrip(" ")[:1] not in FORMULA_TRIGGERS or row[0].startswith("'")
