"""XLSForm import: a KoboToolbox-style bilingual form becomes a working survey and exports back; what
Chorus cannot express is reported per row and stops the import unless skipped; bad files never raise."""

from __future__ import annotations

import copy

import pytest
from pyxform.xls2xform import convert

from surveys.definition import list_templates, load_template
from surveys.question_types import Choices
from surveys.responses import clean_answers, visible_questions
from surveys.xlsform.export import to_xlsform
from surveys.xlsform.importing import read_xlsform
from tests.surveys.helpers import every_type
from tests.surveys.xlsform_forms import EN, ES, kobo_form, kobo_sheets, q, workbook


def imported(sheets) -> tuple:
    return read_xlsform(workbook(sheets), "form.xlsx")


def blocking(problems):
    return [(p.sheet, p.row, p.column) for p in problems if p.blocking]


def test_a_kobo_form_imports_as_a_bilingual_survey_with_pages_other_and_conditions():
    definition, problems = read_xlsform(kobo_form(), "job_fair.xlsx")
    assert definition is not None, [str(p) for p in problems]
    assert blocking(problems) == []
    assert definition.languages == ("en", "es")
    assert [s.key for s in definition.sections] == ["you", "care", "next"]
    assert definition.intro == {"en": "Thank you for stopping by our table.",
                                "es": "Gracias por pasar por nuestra mesa."}
    status = definition.question("status")
    assert status.type == "single_choice" and status.required and status.settings == {"other": True}
    assert status.option("other").text == {"en": "Other", "es": "Otro"}
    barriers = definition.question("barriers")
    assert barriers.type == "multiple_choice" and barriers.settings == {"other": True}
    assert barriers.help["es"] == "Elija todas las que correspondan."
    assert definition.question("barriers_other") is None  # it is the "please say" box of barriers
    assert definition.question("months").settings == {"min": 0, "max": 120}
    assert definition.question("pay").settings == {"min": 7.25, "integer": False}
    care = definition.question("care_detail")
    assert care.condition.question == "barriers" and care.condition.any_of == ("childcare",)
    assert care.help["en"] == "A few questions about childcare."  # the group's note
    assert definition.question("anything").condition.any_of == ("no", "part_time")
    # the metadata rows are reported, not silently dropped
    assert {(p.row, p.blocking) for p in problems if p.column == "type"} == {(2, False), (3, False)}


def test_the_imported_survey_answers_like_any_other():
    definition, _ = read_xlsform(kobo_form(), "job_fair.xlsx")
    raw = {"status": {"key": "other", "other": "Studying"}, "barriers": {"keys": ["childcare"], "other": "Bus"},
           "months": "4", "care_detail": "Evening hours", "pay": "$18.50"}
    result = clean_answers(definition, raw, reject_unknown=True)
    assert result.errors == {}
    assert result.values["barriers"] == Choices(keys=("childcare", "other"), other="Bus")
    assert result.values["pay"] == 18.5
    assert "care_detail" in [q.key for q in visible_questions(definition, result.values)]


def test_export_then_import_gives_the_same_survey():
    definition, _ = read_xlsform(kobo_form(), "job_fair.xlsx")
    exported = to_xlsform(definition, form_id="job-fair", version="1")
    convert(exported, file_type=".xlsx")  # ODK's converter accepts what Chorus writes
    again, problems = read_xlsform(exported, "job-fair.xlsx")
    assert blocking(problems) == []
    assert again.to_dict() == definition.to_dict()


@pytest.mark.parametrize("name", [*list_templates(), "every_type"])
def test_every_template_survives_export_and_import(name):
    definition = every_type() if name == "every_type" else load_template(name)
    again, problems = read_xlsform(to_xlsform(definition, form_id="f", version="1"), "f.xlsx")
    assert [str(p) for p in problems] == []
    assert again.to_dict() == definition.to_dict()


def test_what_cannot_be_mapped_is_reported_per_row_and_stops_the_import():
    sheets = kobo_sheets()
    survey = sheets["survey"]
    survey.insert(7, q("calculate", "total", "", "", calculation="${months} * 2"))
    survey.insert(8, q("geopoint", "where", "Where are you?", "¿Dónde está?"))
    survey.insert(9, q("begin_repeat", "kids", "Children", "Hijos"))
    survey.insert(10, q("integer", "kid_age", "Age", "Edad"))
    survey.insert(11, q("end_repeat", "", "", ""))
    survey.insert(12, q("text", "why", "Why?", "¿Por qué?", relevant="${months} > 6"))
    definition, problems = imported(sheets)
    assert definition is None
    rows = {(p.row, p.column) for p in problems if p.blocking}
    assert {(9, "type"), (10, "type"), (11, "type"), (12, "type"), (14, "relevant")} <= rows
    assert all(p.sheet == "survey" and p.why for p in problems if p.blocking)

    skipped, problems = read_xlsform(workbook(sheets), "form.xlsx", skip_unmappable=True)
    assert skipped is not None
    assert skipped.question("where") is None and skipped.question("kid_age") is None
    assert skipped.question("why").condition is None  # shown always, as its problem said
    assert skipped.question("status").required


def test_a_condition_on_the_same_page_is_refused_inside_a_group():
    sheets = kobo_sheets()
    sheets["survey"][7]["relevant"] = "selected(${status}, 'no')"  # months, in the group of status
    definition, problems = imported(sheets)
    assert definition is None
    assert [(p.row, p.column) for p in problems if p.blocking] == [(9, "relevant")]
    assert "same page" in next(p.why for p in problems if p.blocking)


def test_questions_outside_groups_become_pages_split_where_a_condition_needs_it():
    survey = [q("select_one yn", "works", "Working?", "¿Trabaja?"),
              q("text", "where", "Where?", "¿Dónde?", relevant="${works} = 'yes'"),
              q("text", "more", "More?", "¿Más?")]
    choices = [{"list_name": "yn", "name": "yes", EN: "Yes", ES: "Sí"},
               {"list_name": "yn", "name": "no", EN: "No", ES: "No"}]
    definition, problems = imported({"survey": survey, "choices": choices,
                                     "settings": [{"form_title": "Quick", "default_language": "English (en)"}]})
    assert definition is not None, [str(p) for p in problems]
    assert [[q.key for q in s.questions] for s in definition.sections] == [["works"], ["where", "more"]]
    assert definition.question("where").condition.any_of == ("yes",)


def test_a_language_without_a_code_and_a_missing_translation_are_reported():
    sheets = kobo_sheets()
    for row in sheets["survey"] + sheets["choices"]:
        if EN in row:
            row["label::Français"] = row[EN]
    sheets["survey"][4][ES] = None  # status has no Spanish text
    definition, problems = imported(sheets)
    assert definition is None
    found = {(p.row, p.column): p.why for p in problems if p.blocking}
    assert "no code" in found[(1, "label::Français")]
    assert "no es text" in found[(6, "label::… (es)")]


def test_a_plain_label_column_is_read_as_the_default_language():
    sheets = {"survey": [{"type": "text", "name": "story", "label": "Tell us"}],
              "settings": [{"form_title": "One question"}]}
    definition, problems = imported(sheets)
    assert definition.languages == ("en",)
    assert definition.question("story").text == {"en": "Tell us"}
    assert [p.blocking for p in problems if p.column == "label"] == [False]


def test_names_chorus_cannot_use_are_normalised_with_a_notice():
    sheets = copy.deepcopy(kobo_sheets())
    sheets["survey"][7]["name"] = "Months-Looking"
    definition, problems = imported(sheets)
    assert definition.question("months_looking") is not None
    assert any("kept as 'months_looking'" in p.why and not p.blocking for p in problems)


def test_an_unmapped_constraint_is_reported():
    sheets = kobo_sheets()
    sheets["survey"][7]["constraint"] = ". >= 0 and . != 13"
    definition, problems = imported(sheets)
    assert definition is None
    assert [(p.row, p.column) for p in problems if p.blocking] == [(9, "constraint")]
    again, _ = read_xlsform(workbook(sheets), "form.xlsx", skip_unmappable=True)
    assert again.question("months").settings == {"min": 0}


@pytest.mark.parametrize("data, filename, words", [
    (b"", "form.xlsx", "empty"),
    (b"not a zip at all", "form.xlsx", "not a .xlsx"),
    (b"PK\x03\x04broken", "form.xlsx", "not a .xlsx"),
    (b"a,b\n1,2\n", "form.csv", ".xlsx or .xls"),
    (b"\xd0\xcf\x11\xe0garbage", "form.xls", "not a form ODK accepts"),
])
def test_bad_files_are_refused_with_a_reason(data, filename, words):
    definition, problems = read_xlsform(data, filename)
    assert definition is None
    assert words in problems[0].why


def test_a_form_pyxform_refuses_is_refused_with_pyxforms_words():
    sheets = kobo_sheets()
    sheets["survey"].pop()  # the last end_group
    definition, problems = imported(sheets)
    assert definition is None
    assert "pyxform says" in problems[0].why


def test_a_group_inside_a_group_is_reported_and_flattened_when_skipped():
    sheets = kobo_sheets()
    survey = sheets["survey"]
    survey.insert(6, q("begin_group", "inner", "Inner", "Interior"))
    survey.insert(8, q("end_group", "inner", "", ""))  # around the "please say" box of barriers
    definition, problems = imported(sheets)
    assert definition is None
    assert [(p.row, p.column) for p in problems if p.blocking] == [(8, "type")]
    flat, _ = read_xlsform(workbook(sheets), "form.xlsx", skip_unmappable=True)
    assert [q.key for q in flat.sections[0].questions] == ["status", "barriers", "months"]


def test_a_groups_condition_reaches_each_question_and_a_range_becomes_a_rating():
    sheets = kobo_sheets()
    survey = sheets["survey"]
    survey.insert(12, q("range", "hope", "How hopeful are you?", "¿Qué tan optimista está?",
                        parameters="start=0 end=10 step=1"))
    definition, problems = imported(sheets)
    assert blocking(problems) == []
    hope = definition.question("hope")
    assert hope.type == "rating" and hope.settings == {"min": 0, "max": 10}
    assert hope.condition == definition.question("care_detail").condition  # the group's, on each question


def test_a_note_shown_under_a_condition_and_two_conditions_on_one_question_are_reported():
    sheets = kobo_sheets()
    survey = sheets["survey"]
    survey[10]["relevant"] = "selected(${status}, 'no')"  # the note inside the childcare group
    survey[11]["relevant"] = "selected(${status}, 'no')"  # care_detail, whose group has a condition too
    definition, problems = imported(sheets)
    assert definition is None
    assert [(p.row, p.column) for p in problems if p.blocking] == [(12, "relevant"), (13, "relevant")]
    kept, _ = read_xlsform(workbook(sheets), "form.xlsx", skip_unmappable=True)
    care = kept.question("care_detail")
    assert care.condition.question == "status" and "childcare" not in care.help.get("en", "")



def test_a_sheet_longer_than_a_questionnaire_is_refused_before_pyxform_reads_it(monkeypatch):
    """pyxform takes seconds a thousand rows (a 300 KB upload of 20,000 rows held a web worker for ten),
    so the rows are counted first; a form of exactly the most rows is still read."""
    from surveys.xlsform import importing

    monkeypatch.setattr(importing, "MAX_ROWS", 5)
    converted = []
    real_convert = importing.convert
    monkeypatch.setattr(importing, "convert", lambda *a, **k: converted.append(1) or real_convert(*a, **k))
    rows = [q("text", f"q{n}", f"Question {n}", f"Pregunta {n}") for n in range(6)]
    definition, problems = read_xlsform(workbook({"survey": rows}), "long.xlsx")
    assert definition is None and converted == []
    assert [p.why for p in problems] == ["the form has more than 5 rows; it is not a questionnaire"]
    definition, problems = read_xlsform(workbook({"survey": rows[:5]}), "most.xlsx")
    assert converted == [1] and definition is not None
