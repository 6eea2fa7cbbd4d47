"""Reading other tools' exports: the file, the suggested mapping, and every cell read as its question
expects — or reported by row, column, value and why (:mod:`surveys.response_import`; no database)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook

from surveys import response_import as ri
from surveys.definition import load_definition
from surveys.question_types import Choices

SURVEY = {
    "title": {"en": "Your job search", "es": "Su búsqueda de empleo"}, "audience": "career_seeker",
    "languages": ["en", "es"],
    "sections": [{"key": "main", "title": {"en": "Main", "es": "Principal"}, "questions": [
        {"key": "barriers", "type": "multiple_choice",
         "text": {"en": "What makes it hard to find work?", "es": "¿Qué le dificulta encontrar trabajo?"},
         "options": [{"key": "childcare", "text": {"en": "Childcare", "es": "Cuidado infantil"}},
                     {"key": "transport", "text": {"en": "Transportation", "es": "Transporte"}},
                     {"key": "cost", "text": {"en": "Cost, fees", "es": "Costos, cuotas"}},
                     {"key": "other", "text": {"en": "Other", "es": "Otro"}}],
         "settings": {"other": True}},
        {"key": "working", "type": "single_choice", "text": {"en": "Are you working now?", "es": "¿Trabaja ahora?"},
         "options": [{"key": "yes", "text": {"en": "Yes", "es": "Sí"}}, {"key": "no", "text": {"en": "No", "es": "No"}}]},
        {"key": "pay", "type": "number", "text": {"en": "Hourly pay you need", "es": "Pago por hora que necesita"},
         "settings": {"integer": False}},
        {"key": "start", "type": "date", "text": {"en": "When can you start?", "es": "¿Cuándo puede empezar?"}},
        {"key": "confident", "type": "agreement",
         "text": {"en": "I am confident I will find work", "es": "Confío en que encontraré trabajo"}},
        {"key": "what_would_help", "type": "long_text",
         "text": {"en": "What would help you most?", "es": "¿Qué le ayudaría más?"}},
    ]}],
}

GOOGLE_FORMS_CSV = """Timestamp,What makes it hard to find work?,Are you working now?,Hourly pay you need,When can you start?,I am confident I will find work,What would help you most?
3/5/2024 14:03:22,"Childcare, Transportation",No,"$1,200.50",3/27/2024,Agree,Night classes near the bus line
3/6/2024 9:10:00,"Cost, fees, my car broke down",Yes,18,2024-04-01,4,More childcare slots in the evening
3/7/2024 16:45:10,Transporte,Sí,15.5,,Strongly agree,Help paying for the bus
"""


def definition():
    return load_definition(SURVEY)


def read(text: str, **kwargs) -> tuple[ri.Table, ri.Parsed]:
    table = ri.read_table(text.encode("utf-8"))
    parsed = ri.parse_rows(table, definition(), ri.suggest_mapping(table, definition()), **kwargs)
    return table, parsed


def test_a_google_forms_export_is_mapped_by_question_text_and_read_as_each_question_expects():
    table, parsed = read(GOOGLE_FORMS_CSV)
    assert ri.suggest_mapping(table, definition()) == {
        "Timestamp": ri.SUBMITTED_AT, "What makes it hard to find work?": "barriers",
        "Are you working now?": "working", "Hourly pay you need": "pay", "When can you start?": "start",
        "I am confident I will find work": "confident", "What would help you most?": "what_would_help"}
    assert not parsed.errors and not parsed.unmapped
    first, second, third = parsed.rows
    assert first.row == 2 and first.submitted_at == datetime(2024, 3, 5, 14, 3, 22, tzinfo=UTC)
    assert first.values["barriers"] == Choices(("childcare", "transport"))
    assert first.values["pay"] == 1200.5 and first.values["start"] == "2024-03-27" and first.values["confident"] == 4
    # An option whose words hold a comma stays whole; words matching no option are the "other" text.
    assert second.values["barriers"] == Choices(("cost", "other"), "my car broke down")
    # Spanish option words are read too, and an empty cell is no answer.
    assert third.values["barriers"] == Choices(("transport",)) and "start" not in third.values
    assert third.values["working"] == Choices(("yes",)) and third.values["confident"] == 5
    assert parsed.answers["barriers"] == 3 and parsed.answers["start"] == 2


def test_headers_are_matched_loosely_in_either_language():
    csv_text = "Q1. ¿QUE LE DIFICULTA ENCONTRAR TRABAJO? *,working,pay ($)\nCuidado infantil;Otro: el horario,no,12\n"
    table, parsed = read(csv_text)
    mapping = ri.suggest_mapping(table, definition())
    assert mapping["Q1. ¿QUE LE DIFICULTA ENCONTRAR TRABAJO? *"] == "barriers"
    assert mapping["working"] == "working"
    assert parsed.rows[0].values["barriers"] == Choices(("childcare", "other"), "el horario")


def test_a_bad_row_is_reported_by_row_column_value_and_why():
    bad = GOOGLE_FORMS_CSV + "3/8/2024 10:00:00,Childcare,Maybe,lots,13/13/2024,Very much,\n"
    _, parsed = read(bad)
    assert len(parsed.rows) == 3
    found = {(error.row, error.column, error.value) for error in parsed.errors}
    assert found == {(5, "Are you working now?", "Maybe"), (5, "Hourly pay you need", "lots"),
                     (5, "When can you start?", "13/13/2024"),
                     (5, "I am confident I will find work", "Very much")}
    working = next(error for error in parsed.errors if error.column == "Are you working now?")
    assert "matches no answer choice" in working.reason and "no “other” box" in working.reason
    assert str(working).startswith("Row 5, column “Are you working now?” “Maybe”:")


def test_day_or_month_first_is_decided_per_column_and_reported():
    csv_text = "Timestamp,When can you start?\n25/3/2024 10:00:00,4/3/2024\n1/2/2024 10:00:00,5/6/2024\n"
    _, parsed = read(csv_text)
    assert [row.submitted_at.date().isoformat() for row in parsed.rows] == ["2024-03-25", "2024-02-01"]
    assert parsed.rows[0].values["start"] == "2024-04-03"  # no evidence in its column: month first
    assert any("“Timestamp” read as d/m/Y" in note for note in parsed.notes)
    assert any("“When can you start?” read as m/d/Y" in note for note in parsed.notes)
    _, told = read(csv_text, day_first=True)
    assert told.rows[0].values["start"] == "2024-03-04"  # 4/3 read day first is 4 March


def test_times_without_a_zone_are_read_in_the_zone_given():
    _, parsed = read("Timestamp,Are you working now?\n2024-03-05 09:00:00,Yes\n", timezone="America/Chicago")
    assert parsed.rows[0].submitted_at == datetime(2024, 3, 5, 15, 0, tzinfo=UTC)
    with pytest.raises(ri.MappingError, match="Unknown time zone"):
        read("Timestamp,Are you working now?\n2024-03-05 09:00:00,Yes\n", timezone="Mars/Olympus")


def test_a_surveymonkey_export_with_two_header_rows_and_one_column_per_option():
    export = (
        "Respondent ID,Start Date,End Date,What makes it hard to find work?,,,,Are you working now?,"
        "What would help you most?\n"
        ",,,Childcare,Transportation,\"Cost, fees\",Other (please specify),Response,Open-Ended Response\n"
        "1001,03/05/2024 02:03:22 PM,03/05/2024 02:13:22 PM,Childcare,,,My car,Yes,Buses\n"
        "1002,03/05/2024 02:03:22 PM,03/25/2024 02:13:22 PM,,Transportation,\"Cost, fees\",,No,\n")
    table = ri.read_table(export.encode("cp1252"))
    assert table.layout == "surveymonkey"
    mapping = ri.suggest_mapping(table, definition())
    assert mapping["End Date"] == ri.SUBMITTED_AT
    assert mapping["What makes it hard to find work? | Childcare"] == "barriers:childcare"
    assert mapping["What makes it hard to find work? | Other (please specify)"] == "barriers:other"
    assert mapping["Are you working now?"] == "working"
    parsed = ri.parse_rows(table, definition(), mapping)
    assert [row.row for row in parsed.rows] == [3, 4]  # numbered as in the file: two header rows
    assert parsed.rows[0].values["barriers"] == Choices(("childcare", "other"), "My car")
    assert parsed.rows[1].values["barriers"] == Choices(("transport", "cost"))
    assert parsed.rows[1].submitted_at == datetime(2024, 3, 25, 14, 13, 22, tzinfo=UTC)
    assert "Respondent ID" in parsed.unmapped and "Start Date" in parsed.unmapped


def test_a_qualtrics_export_skips_its_extra_header_rows_and_reads_other_text_columns():
    export = (
        "StartDate,EndDate,ResponseId,Q1,Q1_4_TEXT,Q2\n"
        "Start Date,End Date,Response ID,What makes it hard to find work? - Selected Choice,"
        "What makes it hard to find work? - Other - Text,Are you working now?\n"
        '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""_recordId""}",'
        '"{""ImportId"":""QID1""}","{""ImportId"":""QID1_4_TEXT""}","{""ImportId"":""QID2""}"\n'
        '2024-03-05 14:03:22,2024-03-05 14:13:22,R_1,"Childcare,Other",Bus fare,Sí\n')
    table = ri.read_table(export.encode())
    assert table.layout == "qualtrics"
    parsed = ri.parse_rows(table, definition(), ri.suggest_mapping(table, definition()))
    assert not parsed.errors
    assert parsed.rows[0].row == 4
    assert parsed.rows[0].values["barriers"] == Choices(("childcare", "other"), "Bus fare")


def test_an_xlsx_export_is_read_with_real_dates_and_numbers_and_a_named_sheet():
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    sheet = book.create_sheet("Form Responses 1")
    sheet.append(["Timestamp", "What makes it hard to find work?", "Hourly pay you need", "When can you start?"])
    sheet.append([datetime(2024, 3, 5, 14, 3, 22), "Childcare, Something about shifts", 17.25, 45383])
    buffer = io.BytesIO()
    book.save(buffer)
    table = ri.read_table(buffer.getvalue(), "answers.xlsx", sheet="Form Responses 1")
    parsed = ri.parse_rows(table, definition(), ri.suggest_mapping(table, definition()))
    row = parsed.rows[0]
    assert row.submitted_at == datetime(2024, 3, 5, 14, 3, 22, tzinfo=UTC)
    assert row.values["barriers"] == Choices(("childcare", "other"), "Something about shifts")
    assert row.values["pay"] == 17.25 and row.values["start"] == "2024-04-01"  # Excel's day 45383
    with pytest.raises(ri.ImportFileError, match="no sheet called “Sheet9”"):
        ri.read_table(buffer.getvalue(), "answers.xlsx", sheet="Sheet9")


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old Excel"),
    (b"PK\x03\x04garbage", "Excel workbook"),
])
def test_files_that_are_not_tables_are_refused_with_what_to_do(data, words):
    with pytest.raises(ri.ImportFileError, match=words):
        ri.read_table(data, "x")


def test_cp1252_and_semicolon_files_are_read():
    text = "What would help you most?;Are you working now?\nCaf\xe9 jobs near home;S\xed\n"
    table = ri.read_table(text.encode("cp1252"))
    parsed = ri.parse_rows(table, definition(), ri.suggest_mapping(table, definition()))
    assert parsed.rows[0].values == {"what_would_help": "Café jobs near home", "working": Choices(("yes",))}


def test_overrides_change_the_mapping_and_unknown_targets_are_refused():
    table = ri.read_table(GOOGLE_FORMS_CSV.encode())
    mapping = ri.apply_overrides(table, ri.suggest_mapping(table, definition()),
                                 ["Timestamp=", "G=", "hourly pay you need=pay"])
    assert mapping["Timestamp"] == "" and mapping["What would help you most?"] == ""
    with pytest.raises(ri.MappingError, match="no column called “Nope”"):
        ri.apply_overrides(table, mapping, ["Nope=pay"])
    bad = dict(mapping, **{"Are you working now?": "pay"})
    assert any("both fill question pay" in p for p in ri.mapping_problems(table, definition(), bad))
    bad = dict(mapping, **{"Are you working now?": "working:maybe"})
    assert any("has no option “maybe”" in p for p in ri.mapping_problems(table, definition(), bad))
    with pytest.raises(ri.MappingError):
        ri.parse_rows(table, definition(), dict(mapping, Timestamp="no_such_question"))


def test_blank_rows_are_skipped_and_counted_not_errors():
    _, parsed = read(GOOGLE_FORMS_CSV + ",,,,,,\n" + ",   ,,,,,\n")
    assert len(parsed.rows) == 3 and not parsed.errors


@pytest.mark.parametrize("zone", ["America", "../etc", "", "Not/AZone"])
def test_a_time_zone_that_is_not_one_is_a_mapping_problem_not_a_crash(zone):
    with pytest.raises(ri.MappingError, match="Unknown time zone"):
        read("Timestamp,Are you working now?\n2024-03-05 09:00:00,Yes\n", timezone=zone)


def test_response_times_outside_plausible_years_are_row_errors():
    _, parsed = read("Timestamp,Are you working now?\n0001-01-01 00:00,Yes\n9999-12-31 23:59,No\n",
                     timezone="Asia/Tokyo")
    assert [error.row for error in parsed.errors] == [2, 3] and not parsed.rows


def test_a_kobo_export_reads_group_paths_option_columns_and_space_separated_names():
    export = ("_submission_time,grp/barriers,grp/barriers/childcare,grp/barriers/transport,grp/working\n"
              "2024-03-05T19:13:30,childcare transport,1,1,yes\n")
    table = ri.read_table(export.encode())
    mapping = ri.suggest_mapping(table, definition())
    assert mapping == {"_submission_time": ri.SUBMITTED_AT, "grp/barriers": "barriers", "grp/working": "working",
                       "grp/barriers/childcare": "", "grp/barriers/transport": ""}  # answered by the whole column
    parsed = ri.parse_rows(table, definition(), mapping)
    assert parsed.rows[0].values["barriers"] == Choices(("childcare", "transport"))
    assert parsed.unmapped == ["grp/barriers/childcare", "grp/barriers/transport"]
    only_options = ri.read_table(b"grp/barriers/childcare,grp/barriers/transport\n0,1\n1,0\n")
    mapping = ri.suggest_mapping(only_options, definition())
    assert mapping == {"grp/barriers/childcare": "barriers:childcare", "grp/barriers/transport": "barriers:transport"}
    rows = ri.parse_rows(only_options, definition(), mapping).rows
    assert [row.values["barriers"].keys for row in rows] == [("transport",), ("childcare",)]


def test_an_xlsx_that_unpacks_to_hundreds_of_megabytes_is_refused_before_it_is_read():
    """A zip bomb: a small upload whose shared strings would fill the server's memory."""
    import zipfile

    buffer = io.BytesIO()
    book = Workbook()
    book.active.append(["What would help you most?"])
    book.save(buffer)
    chunk = b" " * (1024 * 1024)
    with (zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
          archive.open("xl/padding.xml", "w", force_zip64=True) as member):
        for _ in range(ri.MAX_UNPACKED // len(chunk) + 1):
            member.write(chunk)
    assert len(buffer.getvalue()) < 2 * 1024 * 1024  # what the staff upload accepts
    with pytest.raises(ri.ImportFileError, match="unpacks to more than"):
        ri.read_table(buffer.getvalue(), "answers.xlsx")
