"""A Chorus survey as an XLSForm (the spreadsheet format of ODK, KoboToolbox and Enketo), and as the XForm
pyxform makes from it — what ODK Collect and Enketo download to collect answers offline.

The workbook has the three usual sheets. ``survey`` holds one group per section (named by the section's
key (:mod:`.layout`), shown as one page: ``appearance field-list``) and one row per question; ``choices`` one list per
choice question; ``settings`` the title, ``form_id``, ``version`` and the default language. Every survey
language gets its own columns, ``label::English (en)``, ``label::Español (es)``, ``hint::…``: the code in
brackets is what import reads back. How each question type is written:

=================  ===========================================================================
single_choice      ``select_one <key>``; with "other, please say" a ``<key>_other`` text row shown
                   when ``other`` is chosen
multiple_choice    ``select_multiple <key>`` (and ``<key>_other``); ``max_choices`` and
                   ``exclusive`` become a ``constraint`` (``count-selected(.) <= 3``,
                   ``not(selected(., 'none') and count-selected(.) > 1)``)
agreement          ``select_one chorus_agreement``, points ``1``…``5`` with their words
rating             ``select_one <key>``, points ``min``…``max`` (the end points carry their words)
short_text         ``text`` with ``string-length(.) <= 200`` (or ``max_length``)
long_text          ``text``, ``appearance multiline``, ``string-length(.) <= 5000`` (or ``max_length``)
number             ``integer`` (or ``decimal`` when ``integer`` is false), bounds as ``constraint``
date               ``date``, bounds as ``constraint`` (``. >= date('2025-01-01')``)
contact            ``select_one chorus_consent`` (yes/no) named by the key, then ``<key>_email`` and
                   ``<key>_phone`` text rows shown after "yes"
occupation         ``text`` (the job title; it is matched to SOC 2018 when imported as an answer)
occupation_demand  ``<key>_organization`` text, then a repeat ``<key>`` with one job per repetition:
                   title, openings, vacancies, pay, pay_unit, shift, credentials, hard_to_fill,
                   hard_to_fill_why
=================  ===========================================================================

``required`` is ``yes`` for required questions; a condition becomes ``relevant``
(``selected(${barriers}, 'childcare') or selected(${barriers}, 'bus')``). A ``chorus`` column keeps, as
JSON, what XLSForm has no column for (the Chorus type, a rating's end words, a demographic flag…), so a
survey exported and imported again is the same survey; other tools ignore it. The settings sheet adds
``chorus_audience`` and ``chorus_title::<Language> (<code>)`` for the same reason.

Field names and list names come from :mod:`.layout`; what a filled instance looks like is in
:mod:`.instance`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from pyxform.xls2xform import convert

from ..definition_types import QuestionDefinition, SurveyDefinition
from ..i18n import LANGUAGE_NAMES, message
from ..occupation_demand import COUNT_MAX, PAY_UNITS, SHIFTS
from ..question_types import get_type
from .layout import Layout, layout

__all__ = ["CHORUS_COLUMN", "language_label", "to_xform", "to_xlsform", "xlsform_sheets"]

CHORUS_COLUMN = "chorus"
TEXT_LIMITS = {"short_text": 200, "long_text": 5000}
DEMAND_LABELS = {"title": "demand_title_label", "openings": "demand_openings", "vacancies": "demand_vacancies",
                 "pay": "demand_pay_amount", "pay_unit": "demand_pay", "shift": "demand_shift",
                 "credentials": "demand_credentials", "hard_to_fill": "demand_hard",
                 "hard_to_fill_why": "demand_why"}

Row = dict[str, Any]


def language_label(code: str) -> str:
    """The language as XLSForm columns name it: ``English (en)``, ``Español (es)``, ``fr (fr)``."""
    return f"{LANGUAGE_NAMES.get(code, code)} ({code})"


def _number(value: float) -> str:
    """A number as XPath reads it: never in exponent notation."""
    return str(int(value)) if value == int(value) else repr(float(value))


def _safe(text: str) -> str:
    """Text pyxform reads literally: ``${`` would start a reference to a field."""
    return text.replace("${", "$ {")


class _Sheets:
    """The rows of the three sheets, with the column helpers every question type uses."""

    def __init__(self, definition: SurveyDefinition, plan: Layout) -> None:
        self.definition = definition
        self.plan = plan
        self.survey: list[Row] = []
        self.choices: list[Row] = []
        self.lists_written: set[str] = set()

    def texts(self, column: str, texts: Mapping[str, str]) -> Row:
        return {f"{column}::{language_label(lang)}": _safe(texts[lang])
                for lang in self.definition.languages if texts.get(lang)}

    def words(self, key: str, **params: Any) -> dict[str, str]:
        return {lang: message(lang, key, **params) for lang in self.definition.languages}

    def add_list(self, name: str, items: list[tuple[str, Mapping[str, str]]]) -> None:
        if name in self.lists_written:
            return
        self.lists_written.add(name)
        for key, texts in items:
            self.choices.append({"list_name": name, "name": key, **self.texts("label", texts)})


def _chorus(question: QuestionDefinition, settings: Mapping[str, Any] | None = None, **extra: Any) -> str:
    data: dict[str, Any] = {"type": question.type}
    if settings:
        data["settings"] = dict(settings)
    if question.demographic:
        data["demographic"] = True
    data.update(extra)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _relevant(question: QuestionDefinition) -> str:
    if question.condition is None:
        return ""
    return " or ".join(f"selected(${{{question.condition.question}}}, '{key}')"
                       for key in question.condition.any_of)


def _question_rows(sheets: _Sheets, question: QuestionDefinition) -> list[Row]:
    """The survey rows of one question (its field first, then any helper fields)."""
    row: Row = {"name": question.key, **sheets.texts("label", question.text), **sheets.texts("hint", question.help)}
    if question.required:
        row["required"] = "yes"
    relevant = _relevant(question)
    if relevant:
        row["relevant"] = relevant
    settings = question.settings
    constraints: list[str] = []
    extra: list[Row] = []
    chorus_settings: Mapping[str, Any] | None = None
    kind = question.type

    if kind in ("single_choice", "multiple_choice"):
        name = sheets.plan.lists[question.key]
        row["type"] = f"{'select_one' if kind == 'single_choice' else 'select_multiple'} {name}"
        sheets.add_list(name, [(option.key, option.text) for option in question.options])
        if settings.get("max_choices"):
            constraints.append(f"count-selected(.) <= {settings['max_choices']}")
        constraints += [f"not(selected(., '{key}') and count-selected(.) > 1)"
                        for key in settings.get("exclusive", [])]
        if settings.get("other"):
            extra.append({"type": "text", "name": sheets.plan.helper(question, "other"),
                          **sheets.texts("label", sheets.words("other_label")),
                          "relevant": f"selected(${{{question.key}}}, 'other')"})
    elif kind == "agreement":
        name = sheets.plan.shared["chorus_agreement"]
        row["type"] = f"select_one {name}"
        sheets.add_list(name, [(str(point), sheets.words(f"agreement_{point}")) for point in range(1, 6)])
    elif kind == "rating":
        name = sheets.plan.lists[question.key]
        row["type"] = f"select_one {name}"
        rating = get_type("rating")
        low, high = rating.bounds(question)  # type: ignore[attr-defined]
        points = []
        for point in range(low, high + 1):
            end = {low: "low", high: "high"}.get(point)
            texts = {}
            for lang in sheets.definition.languages:
                words = rating.end_words(question, end, lang) if end else None  # type: ignore[attr-defined]
                texts[lang] = f"{point} – {words}" if words else str(point)
            points.append((str(point), texts))
        sheets.add_list(name, points)
        chorus_settings = settings
    elif kind in ("short_text", "long_text", "occupation"):
        row["type"] = "text"
        if kind == "long_text":
            row["appearance"] = "multiline"
        if kind in TEXT_LIMITS:
            constraints.append(f"string-length(.) <= {settings.get('max_length', TEXT_LIMITS[kind])}")
    elif kind == "number":
        row["type"] = "integer" if settings.get("integer", True) else "decimal"
        if settings.get("min") is not None:
            constraints.append(f". >= {_number(settings['min'])}")
        if settings.get("max") is not None:
            constraints.append(f". <= {_number(settings['max'])}")
    elif kind == "date":
        row["type"] = "date"
        if settings.get("min"):
            constraints.append(f". >= date('{settings['min']}')")
        if settings.get("max"):
            constraints.append(f". <= date('{settings['max']}')")
    elif kind == "contact":
        name = sheets.plan.shared["chorus_consent"]
        row["type"] = f"select_one {name}"
        sheets.add_list(name, [("yes", sheets.words("demand_yes")), ("no", sheets.words("demand_no"))])
        chorus_settings = settings
        for channel, field in sheets.plan.helpers[question.key].items():
            extra.append({"type": "text", "name": field, **sheets.texts("label", sheets.words(f"contact_{channel}")),
                          "relevant": f"selected(${{{question.key}}}, 'yes')"})
    elif kind == "occupation_demand":
        return _demand_rows(sheets, question, row)
    else:  # a type added later without an XLSForm mapping: the nearest is the person's own words
        row["type"] = "text"
        chorus_settings = settings

    if constraints:
        row["constraint"] = " and ".join(constraints)
    row[CHORUS_COLUMN] = _chorus(question, chorus_settings)
    return [row, *extra]


def _demand_rows(sheets: _Sheets, question: QuestionDefinition, row: Row) -> list[Row]:
    """An employer's jobs: the organization's name, then one repetition per job."""
    plan = sheets.plan
    row.pop("required", None)  # a repeat cannot be required; the chorus column keeps it
    org = {"type": "text", "name": plan.helper(question, "organization"),
           **sheets.texts("label", sheets.words("demand_organization"))}
    if "relevant" in row:
        org["relevant"] = row["relevant"]
    repeat = {**row, "type": "begin_repeat",
              CHORUS_COLUMN: _chorus(question, question.settings, required=question.required)}
    yes_no = plan.shared["chorus_yes_no"]
    sheets.add_list(yes_no, [("yes", sheets.words("demand_yes")), ("no", sheets.words("demand_no"))])
    sheets.add_list(plan.shared["chorus_pay_unit"],
                    [(unit, sheets.words(f"demand_per_{unit}")) for unit in PAY_UNITS])
    sheets.add_list(plan.shared["chorus_shift"], [(shift, sheets.words(f"demand_shift_{shift}")) for shift in SHIFTS])
    credentials = question.settings.get("credentials", [])
    if credentials:
        sheets.add_list(plan.lists[question.key], [
            (item["key"], {lang: item["text"].get(lang) or next(iter(item["text"].values()))
                           for lang in sheets.definition.languages}) for item in credentials])
    types = {"title": "text", "openings": "integer", "vacancies": "integer", "pay": "decimal",
             "pay_unit": f"select_one {plan.shared['chorus_pay_unit']}",
             "shift": f"select_one {plan.shared['chorus_shift']}",
             "credentials": f"select_multiple {plan.lists[question.key]}",
             "hard_to_fill": f"select_one {yes_no}", "hard_to_fill_why": "text"}
    rows = [org, repeat]
    for part, kind in types.items():
        if part == "credentials" and not credentials:
            continue
        child: Row = {"type": kind, "name": part, **sheets.texts("label", sheets.words(DEMAND_LABELS[part]))}
        if part in ("openings", "vacancies"):
            child["constraint"] = f". >= 0 and . <= {COUNT_MAX}"
        if part == "hard_to_fill_why":
            child["relevant"] = "../hard_to_fill = 'yes'"  # relative: another question may be so named
        rows.append(child)
    rows.append({"type": "end_repeat"})
    return rows


def xlsform_sheets(definition: SurveyDefinition, *, form_id: str, version: str) -> dict[str, list[Row]]:
    """The XLSForm's sheets as rows of ``{column: value}`` (what :func:`to_xlsform` writes)."""
    plan = layout(definition)
    sheets = _Sheets(definition, plan)
    if definition.intro:
        sheets.survey.append({"type": "note", "name": plan.intro, **sheets.texts("label", definition.intro)})
    for section in definition.sections:
        group: Row = {"type": "begin_group", "name": plan.groups[section.key],
                      **sheets.texts("label", section.title), "appearance": "field-list"}
        if plan.groups[section.key] != section.key:  # renamed: a question has the section's key
            group[CHORUS_COLUMN] = json.dumps({"section": section.key})
        sheets.survey.append(group)
        for question in section.questions:
            sheets.survey.extend(_question_rows(sheets, question))
        sheets.survey.append({"type": "end_group", "name": plan.groups[section.key]})
    default = definition.languages[0]
    settings: Row = {"form_title": _safe(definition.title_in(default)), "form_id": form_id, "version": version,
                     "name": form_id, "default_language": language_label(default), "style": "pages",
                     "chorus_audience": definition.audience.value}
    settings.update({f"chorus_title::{language_label(lang)}": definition.title[lang]
                     for lang in definition.languages if definition.title.get(lang)})
    return {"survey": sheets.survey, "choices": sheets.choices, "settings": [settings]}


def to_xlsform(definition: SurveyDefinition, *, form_id: str, version: str) -> bytes:
    """The survey as an XLSForm workbook (.xlsx bytes) that pyxform converts without error.

    Args:
        definition: a validated definition.
        form_id: the form's id (``settings.form_id`` and the instance's root element): the survey's slug.
        version: the form's version; devices fetch the form again when it changes.
    """
    book = Workbook()
    book.remove(book.active)
    for name, rows in xlsform_sheets(definition, form_id=form_id, version=version).items():
        sheet = book.create_sheet(name)
        columns = list(dict.fromkeys(column for row in rows for column in row))
        if name == "survey":  # the usual order first, so the sheet reads like any XLSForm
            first = ["type", "name"]
            columns = first + [c for c in columns if c not in first and c != CHORUS_COLUMN] + (
                [CHORUS_COLUMN] if CHORUS_COLUMN in columns else [])
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(column) for column in columns])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # text that starts with "=" stays text, never a formula
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_xform(definition: SurveyDefinition, *, form_id: str, version: str) -> str:
    """The XForm XML pyxform makes from :func:`to_xlsform` (the form ODK Collect and Enketo download).

    Raises:
        pyxform.errors.PyXFormError: pyxform refused the workbook (a bug: every definition should convert).
    """
    result = convert(to_xlsform(definition, form_id=form_id, version=version), form_name=form_id,
                     file_type=".xlsx")
    return result.xform
