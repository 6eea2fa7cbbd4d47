"""XLSForm export: every built-in template and every question type become a workbook pyxform converts,
with the languages, pages, conditions and bounds a device needs to ask the same questions."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from surveys.definition import list_templates, load_definition, load_template
from surveys.xlsform.export import to_xform, to_xlsform
from surveys.xlsform.layout import layout
from tests.surveys.helpers import every_type, every_type_data, t

XF = "{http://www.w3.org/2002/xforms}"


def sheet_rows(workbook: bytes, name: str) -> list[dict]:
    sheet = load_workbook(io.BytesIO(workbook))[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def binds(xform: str) -> dict[str, dict[str, str]]:
    root = ET.fromstring(xform)
    return {bind.get("nodeset"): bind.attrib for bind in root.iter(f"{XF}bind")}


@pytest.mark.parametrize("name", list_templates())
def test_every_template_converts_with_pyxform(name):
    definition = load_template(name)
    workbook = to_xlsform(definition, form_id=name.replace("_", "-"), version="2026120701")
    warnings: list[str] = []
    result = convert(workbook, warnings=warnings, file_type=".xlsx")
    root = ET.fromstring(result.xform)
    primary = root.find(f".//{XF}instance/*")
    assert primary.tag == f"{XF}{name.replace('_', '-')}"
    assert primary.get("version") == "2026120701"
    # every question has a field on its page's group (helpers aside), so every answer has a place
    groups = layout(definition).groups
    for section in definition.sections:
        group = primary.find(f"{XF}{groups[section.key]}")
        for question in section.questions:
            assert group.find(f"{XF}{question.key}") is not None, question.key
    assert not [w for w in warnings if "error" in w.lower()]


def test_every_language_gets_its_columns_and_translations():
    xform = to_xform(every_type(), form_id="every-type", version="1")
    langs = [node.get("lang") for node in ET.fromstring(xform).iter(f"{XF}translation")]
    assert langs == ["English (en)", "Español (es)"]
    survey = sheet_rows(to_xlsform(every_type(), form_id="every-type", version="1"), "survey")
    goal = next(row for row in survey if row["name"] == "goal")
    assert goal["label::English (en)"] == "Goal?"
    assert goal["label::Español (es)"] == "Goal? (es)"
    assert goal["type"] == "select_one goal" and goal["required"] == "yes"


def test_pages_conditions_other_and_bounds_reach_the_xform():
    found = binds(to_xform(every_type(), form_id="every-type", version="1"))
    assert found["/every-type/childcare/childcare_detail"]["relevant"] == \
        "selected( /every-type/first/barriers , 'childcare')"
    assert found["/every-type/first/barriers_other"]["relevant"] == "selected( /every-type/first/barriers , 'other')"
    assert found["/every-type/second/hires"]["constraint"] == ". >= 0 and . <= 500"
    assert found["/every-type/second/hires"]["type"] == "int"
    assert found["/every-type/second/wage"]["type"] == "decimal"
    assert found["/every-type/second/start_date"]["constraint"] == \
        ". >= date('2020-01-01') and . <= date('2030-12-31')"
    constraint = found["/every-type/first/barriers"]["constraint"]
    assert "count-selected(.) <= 3" in constraint
    assert "not(selected(., 'none') and count-selected(.) > 1)" in constraint
    assert found["/every-type/second/name_of_job"]["constraint"] == "string-length(.) <= 20"


def test_a_section_named_like_a_question_gets_a_distinct_group_name():
    data = every_type_data()
    data["sections"][2]["key"] = "barriers"  # the page of the condition, named like the question it reads
    xform = to_xform(load_definition(data), form_id="every-type", version="1")
    assert "/every-type/barriers_page/childcare_detail" in binds(xform)


def test_text_that_looks_like_a_reference_is_kept_literally():
    data = every_type_data()
    data["sections"][0]["questions"][0]["text"] = t("Pay above ${15}?", "¿Pago de más de ${15}?")
    xform = to_xform(load_definition(data), form_id="every-type", version="1")
    assert "Pay above $ {15}?" in xform


def test_settings_name_the_form_title_and_default_language():
    settings = sheet_rows(to_xlsform(load_template("learner_feedback"), form_id="lf", version="7"), "settings")[0]
    assert settings["form_id"] == "lf" and settings["version"] == "7"
    assert settings["default_language"] == "English (en)"
    assert settings["form_title"] == load_template("learner_feedback").title["en"]
    assert settings["chorus_title::Español (es)"] == load_template("learner_feedback").title["es"]


def test_text_that_looks_like_a_formula_stays_text():
    data = every_type_data()
    formula = '=HYPERLINK("http://evil.example","Click")'
    data["sections"][0]["questions"][0]["text"] = t(formula, formula)
    workbook = to_xlsform(load_definition(data), form_id="every-type", version="1")
    cell = next(row for row in load_workbook(io.BytesIO(workbook))["survey"].iter_rows() if row[1].value == "goal")[2]
    assert cell.data_type == "s" and cell.value == formula
    assert "Click" in to_xform(load_definition(data), form_id="every-type", version="1")
