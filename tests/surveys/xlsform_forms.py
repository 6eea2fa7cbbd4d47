"""XLSForms written the way KoboToolbox and ODK users write them, for the import tests (shared by the
surveys, staff and command-line tests)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

EN, ES = "label::English (en)", "label::Español (es)"
HINT_EN, HINT_ES = "hint::English (en)", "hint::Español (es)"


def workbook(sheets: dict[str, list[dict[str, Any]]]) -> bytes:
    """An .xlsx with one sheet per entry, columns in first-seen order."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        columns = list(dict.fromkeys(column for row in rows for column in row))
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(column) for column in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def q(kind: str, name: str, en: str, es: str, **columns: Any) -> dict[str, Any]:
    return {"type": kind, "name": name, EN: en, ES: es, **columns}


def kobo_sheets() -> dict[str, list[dict[str, Any]]]:
    """A bilingual job-fair form as KoboToolbox exports it: metadata rows, groups, or_other, a note,
    required questions, relevant conditions and number bounds (``$kuid`` columns included)."""
    survey = [
        {"type": "start", "name": "start", "$kuid": "a1"},
        {"type": "end", "name": "end", "$kuid": "a2"},
        q("note", "welcome", "Thank you for stopping by our table.", "Gracias por pasar por nuestra mesa."),
        q("begin_group", "you", "About your job search", "Sobre su búsqueda de empleo", appearance="field-list"),
        q("select_one status or_other", "status", "Are you working now?", "¿Trabaja ahora?", required="yes"),
        q("select_multiple barriers", "barriers", "What makes finding work hard?",
          "¿Qué le dificulta encontrar trabajo?", **{HINT_EN: "Choose all that apply.",
                                                    HINT_ES: "Elija todas las que correspondan."}),
        q("text", "barriers_other", "Please say what", "Diga cuál", relevant="selected(${barriers}, 'other')"),
        q("integer", "months", "How many months have you looked?", "¿Cuántos meses lleva buscando?",
          constraint=". >= 0 and . <= 120", required="true"),
        q("end_group", "you", "", ""),
        q("begin_group", "care", "Childcare", "Cuidado infantil", relevant="selected(${barriers}, 'childcare')"),
        q("note", "care_note", "A few questions about childcare.", "Unas preguntas sobre el cuidado infantil."),
        q("text", "care_detail", "What would help with childcare?", "¿Qué le ayudaría con el cuidado infantil?"),
        q("end_group", "care", "", ""),
        q("begin_group", "next", "Next steps", "Próximos pasos"),
        q("date", "start_date", "When could you start?", "¿Cuándo podría empezar?"),
        q("decimal", "pay", "What hourly pay do you need?", "¿Qué pago por hora necesita?",
          constraint=". >= 7.25"),
        q("text", "anything", "Anything else?", "¿Algo más?",
          relevant="${status} = 'no' or ${status} = 'part_time'"),
        q("end_group", "next", "", ""),
    ]
    choices = [
        {"list_name": "status", "name": "full_time", EN: "Yes, full time", ES: "Sí, tiempo completo"},
        {"list_name": "status", "name": "part_time", EN: "Yes, part time", ES: "Sí, medio tiempo"},
        {"list_name": "status", "name": "no", EN: "No", ES: "No"},
        {"list_name": "barriers", "name": "childcare", EN: "Childcare", ES: "Cuidado infantil"},
        {"list_name": "barriers", "name": "transport", EN: "Transportation", ES: "Transporte"},
        {"list_name": "barriers", "name": "other", EN: "Something else", ES: "Otra cosa"},
    ]
    settings = [{"form_title": "Job fair check-in", "form_id": "job_fair_2026", "version": "2026120701",
                 "default_language": "English (en)"}]
    return {"survey": survey, "choices": choices, "settings": settings}


def kobo_form() -> bytes:
    return workbook(kobo_sheets())
