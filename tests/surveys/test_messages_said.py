"""Staff texts ``surveys`` writes read as the same English sentence they always were (the API and the
command line print them so) and can be said in Spanish by whoever shows them on a page; the Spanish staff
texts call a wave "ronda", never "ola"."""

from __future__ import annotations

import re

import pytest

from surveys import catalog
from surveys.definition import DefinitionError, load_definition
from surveys.definition_types import SurveyDefinition
from surveys.response_import import ImportFileError, parse_rows, read_table
from surveys.translation_files import FileProblem, read_translation_file
from surveys.xlsform.importing import read_xlsform
from tests.surveys.xlsform_forms import kobo_sheets, q, workbook

SPANISH = catalog.translations("es").gettext


def number_survey() -> SurveyDefinition:
    return load_definition({"title": {"en": "Pay", "es": "Pago"}, "languages": ["en", "es"], "audience": "community",
                            "sections": [{"key": "main", "title": {"en": "Pay", "es": "Pago"}, "questions": [
                                {"key": "wage", "type": "number", "text": {"en": "Hourly wage", "es": "Salario"}},
                                {"key": "why", "type": "short_text", "required": True,
                                 "text": {"en": "Why?", "es": "¿Por qué?"}, "settings": {"max_length": 5}}]}]})


def test_an_unreadable_file_says_the_same_english_and_spanish_on_a_page():
    with pytest.raises(ImportFileError) as raised:
        read_table(b"\xd0\xcf\x11\xe0" + b"\0" * 64, "old.xls")
    assert str(raised.value) == "This is an old Excel (.xls) or other spreadsheet format: save it as .xlsx or CSV."
    assert raised.value.message.said(SPANISH) == ("Es un Excel antiguo (.xls) u otro formato de hoja de cálculo: "
                                                  "guárdelo como .xlsx o CSV.")


def test_row_errors_keep_their_english_and_say_the_answers_own_reason_in_the_readers_language():
    table = read_table(b"Wage,Why\nabout ten,bus\n12,too long a reason\n", "pay.csv")
    parsed = parse_rows(table, number_survey(), {"Wage": "wage", "Why": "why"})
    first, second = parsed.errors
    assert str(first) == ("Row 2, column “Wage” “about ten”: not a number Chorus can read "
                          "(e.g. 1200, 1,200 or $18.50)")
    assert first.reason.said(SPANISH, "es") == ("no es un número que Chorus pueda leer "
                                                "(p. ej., 1200, 1,200 o $18.50)")
    assert second.row == 3 and second.column == "Why"
    english, spanish = str(second.reason), second.reason.said(SPANISH, "es")
    assert english and spanish and english != spanish  # the survey's own checks, said by language code


def test_the_validators_findings_keep_their_paths_and_english():
    with pytest.raises(DefinitionError) as raised:
        load_definition({"title": {"en": ""}, "languages": ["en", "en"], "audience": "community",
                         "sections": [{"key": "main", "title": {"en": "Main"},
                                       "questions": [{"key": "Why", "type": "long_text", "text": {"en": "Why?"}}]}]})
    errors = raised.value.errors
    assert [str(e) for e in errors] == [
        'languages[1]: duplicate language "en"',
        "title.en: must be non-empty text",
        ('sections[0].questions[0].key: "Why" must be lower-case letters, digits and _ (starting with a letter, '
        "at most 64 characters)")]
    assert errors[1].said(SPANISH) == "title.en: debe ser un texto no vacío"


def test_an_xlsform_problem_says_where_and_why_in_english_and_in_spanish():
    sheets = kobo_sheets()
    sheets["survey"].insert(8, q("geopoint", "where", "Where are you?", "¿Dónde está?"))
    definition, problems = read_xlsform(workbook(sheets), "job_fair.xlsx")
    assert definition is None
    problem = next(p for p in problems if p.blocking)
    assert str(problem) == "sheet survey, row 10, column type: 'geopoint' has no Chorus equivalent; skipping leaves the row out"
    assert problem.message.said(SPANISH) == ("hoja survey, fila 10, columna type: 'geopoint' no tiene equivalente en "
                                             "Chorus; al omitirlo, la fila queda fuera")


def test_a_translation_file_problem_says_the_same_english_and_spanish_on_a_page():
    with pytest.raises(FileProblem) as raised:
        read_translation_file(b"   ")
    assert str(raised.value) == "The file is empty."
    assert raised.value.message.said(SPANISH) == "El archivo está vacío."


def test_spanish_staff_texts_call_a_wave_ronda():
    """One word for one thing: a staff member reading "ola" on one page and "ronda" on the next would
    wonder whether they are different things."""
    found = catalog.read_catalog("es")
    other_word = re.compile(r"\b(?:ola|olas|oleada|oleadas)\b", re.IGNORECASE)
    left = [m.id for m in found if m.id and m.context is None
            and any(other_word.search(text) for text in ([m.string] if isinstance(m.string, str) else m.string))]
    assert left == []
    wave = found.get("Wave")
    assert wave is not None and wave.string == "Ronda"
