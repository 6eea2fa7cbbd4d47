"""An XLSForm (from KoboToolbox, ODK or Chorus's own export) read as a Chorus survey definition.

The form is first converted by pyxform, so a workbook ODK would refuse is refused here with pyxform's
words. Then each row is mapped; what Chorus cannot express is reported as a :class:`Problem` naming its
sheet, row and column, and nothing is dropped without one. Blocking problems stop the import unless the
caller asks to skip what cannot be mapped (each problem's ``why`` says what skipping does); notices
(``blocking=False``) say what was read in a way the author may want to check.

=======================================  ===============================================================
XLSForm                                  Chorus
=======================================  ===============================================================
``begin_group`` … ``end_group``          a section (page): key from ``name``, title from ``label``;
                                         questions outside any group form pages of their own, split where
                                         a ``relevant`` reads a question on the same page
``select_one L`` / ``select_multiple L`` ``single_choice`` / ``multiple_choice``, options from list ``L``
``… or_other``                           an ``other`` option (added) and ``settings.other``
a text row ``relevant``                  "other, please say" of that question (``settings.other``)
``selected(${q}, 'other')``
``text``                                 ``long_text`` (open answers: themes are found in them);
                                         ``string-length(.) <= n`` sets ``max_length``
``integer`` / ``decimal``                ``number`` (``decimal``: ``integer: false``)
``date``                                 ``date``
``range`` 1–5 or 0–10, step 1            ``rating``
``note``                                 before any question: the survey's intro; elsewhere: the help of
                                         the next question on its page (or of the one before, at the end)
``hint``                                 help
``required`` yes/true                    required
``relevant`` ``selected(${q}, 'a')`` or  a condition on an earlier page's choice question (any of the
``${q} = 'a'``, joined by ``or``         values); a group's ``relevant`` applies to each of its questions
``constraint`` ``. >= n and . <= m``     number bounds (``date('…')`` for dates); ``count-selected(.) <= n``
                                         max choices; ``not(selected(., 'k') and count-selected(.) > 1)``
                                         an exclusive option
``label::Español (es)``                  the ``es`` text; plain ``label`` is the default language
``start``, ``end``, ``today``…           notices: Chorus records a response's times itself
``chorus`` column (Chorus's export)      the Chorus type and the settings XLSForm has no column for
=======================================  ===============================================================

Everything else is a blocking problem: repeats (other than an exported employer's jobs), nested groups,
``calculate``, media and location types, ``default``, ``choice_filter``, conditions Chorus cannot decide
on the server, ``${…}`` inside texts, languages without a code.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import get_xlsform
from pyxform.xls2xform import convert

from ..catalog import N_
from ..definition import KEY_PATTERN, OPTION_KEY_PATTERN, DefinitionError, load_definition
from ..definition_types import Audience, SurveyDefinition
from ..message import Joined, Message
from ..question_types import QUESTION_TYPES
from .export import CHORUS_COLUMN, TEXT_LIMITS
from .zipped import unpacked_size

__all__ = ["MAX_BYTES", "Problem", "read_xlsform"]

MAX_BYTES = 5 * 1024 * 1024
"""The largest workbook read (a questionnaire of 300 questions is a few hundred kilobytes)."""
MAX_UNZIPPED = 50 * 1024 * 1024
MAX_ROWS = 3000
SUFFIXES = {".xlsx": ".xlsx", ".xls": ".xls"}
LANGUAGE_CODE = re.compile(r"\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\s*\)\s*$")
REFERENCE = re.compile(r"\$\{\s*([^}\s]+)\s*\}")
SELECT = re.compile(r"^(select_one|select one|select1|select_multiple|select multiple|select all that apply)"
                    r"\s+(\S+)(\s+(?:or_other|or other|or specify other))?$")
TERM_SELECTED = re.compile(r"^selected\(\s*\$\{(\S+?)\}\s*,\s*(['\"])(.*?)\2\s*\)$")
TERM_EQUALS = re.compile(r"^\$\{(\S+?)\}\s*=\s*(['\"])(.*?)\2$")
TYPE_ALIASES = {"begin group": "begin_group", "end group": "end_group", "begin repeat": "begin_repeat",
                "end repeat": "end_repeat", "int": "integer", "string": "text", "begin_loop": "begin_repeat",
                "begin loop": "begin_repeat", "end loop": "end_repeat", "end_loop": "end_repeat"}
METADATA = {"start", "end", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid",
            "imei", "email", "audit", "start-geopoint", "background-audio", "uri:deviceid", "uri:email",
            "uri:username", "uri:phonenumber", "uri:subscriberid", "uri:simserial"}
READ_COLUMNS = {"type", "name", "label", "hint", "required", "relevant", "constraint", "appearance",
                "parameters", CHORUS_COLUMN}
NOTICE_COLUMNS = {"constraint_message": N_("Chorus shows its own messages, in every survey language"),
                  "required_message": N_("Chorus shows its own messages, in every survey language"),
                  "guidance_hint": N_("Chorus shows the hint only"),
                  "media::image": None, "image": None, "audio": None, "video": None}
BLOCKING_COLUMNS = {"default": N_("a default answer has no Chorus equivalent (nothing is pre-filled)"),
                    "calculation": N_("calculations have no Chorus equivalent"),
                    "choice_filter": N_("filtered choice lists have no Chorus equivalent"),
                    "repeat_count": N_("repeats have no Chorus equivalent"),
                    "read_only": N_("read-only fields have no Chorus equivalent"),
                    "trigger": N_("triggers have no Chorus equivalent")}
OTHER_WORDS = {"en": "Other", "es": "Otro"}
YES = {"yes", "true", "true()", "1"}
NO = {"no", "false", "false()", "0", ""}
WHAT = {"question": (N_("a question"), N_("the question")), "group": (N_("a group"), N_("the group"))}
"""What a condition belongs to, in the words a problem uses: "Chorus can show a question only when …",
"skipping always shows the group"."""


def _dropping_row(why: Message) -> Message:
    """``why``, and that skipping leaves the row out."""
    return Message(N_("%(problem)s; skipping leaves the row out"), problem=why)


@dataclass(frozen=True)
class Problem:
    """Something in the form Chorus cannot map (``blocking``) or maps in a way worth checking.

    ``row`` is the spreadsheet row (the header is row 1); ``row`` and ``column`` are ``None`` when the
    problem is the whole sheet's or the whole file's.
    """

    sheet: str
    row: int | None
    column: str | None
    why: Message
    blocking: bool = True

    def __str__(self) -> str:
        return str(self.message)

    @property
    def message(self) -> Message:
        """Where and why, as one text: ``sheet survey, row 4, column name: …``."""
        where = [part for part in (
            self.sheet and Message(N_("sheet %(sheet)s"), sheet=self.sheet),
            self.row and Message(N_("row %(row)s"), row=self.row),
            self.column and Message(N_("column %(column)s"), column=self.column)) if part]
        return Message(N_("%(where)s: %(problem)s"), where=Joined(where), problem=self.why) if where else self.why


@dataclass
class _Question:
    row: int
    data: dict[str, Any]
    list_name: str | None = None


@dataclass
class _Section:
    row: int | None
    key: str
    title: dict[str, str]
    implicit: bool
    condition: dict[str, Any] | None = None
    questions: list[_Question] = field(default_factory=list)
    pending_notes: list[tuple[int, dict[str, str]]] = field(default_factory=list)


class _Skip(Exception):
    """The row is left out (its problem has been recorded)."""


def read_xlsform(data: bytes, filename: str, *, skip_unmappable: bool = False,
                 audience: str | None = None) -> tuple[SurveyDefinition | None, list[Problem]]:
    """Read an XLSForm workbook as a survey definition.

    Args:
        data: the workbook's bytes (.xlsx or .xls).
        filename: its name (the extension says which format; the stem is a fallback title).
        skip_unmappable: leave out what cannot be mapped (each problem says what that means) instead of
            refusing the form.
        audience: who the survey is for; default: the form's ``chorus_audience`` setting, else community.

    Returns:
        The definition (``None`` when refused) and every problem and notice, in sheet and row order.
    """
    problems = _check_file(data, filename)
    if problems:
        return None, problems
    suffix = SUFFIXES[PurePath(filename).suffix.lower()]
    try:
        # Counted before pyxform, which takes seconds a thousand rows: a header and MAX_ROWS rows at most.
        if _survey_rows(data, suffix) > MAX_ROWS + 1:
            return None, [Problem("survey", None, None,
                                  _too_many_rows())]
        convert(data, file_type=suffix)
        book = get_xlsform(data, file_type=suffix)
    except PyXFormError as error:
        text = str(error)
        found = re.search(r"\[row\s*:\s*(\d+)\]", text)
        return None, [Problem("", int(found.group(1)) if found else None, None,
                              Message(N_("This is not a form ODK accepts. pyxform says: %(error)s"), error=text))]
    except Exception as error:  # noqa: BLE001 — xlrd and openpyxl raise many kinds on a damaged file
        return None, [Problem("", None, None, Message(N_("The workbook cannot be read (%(error)s)."),
                                                     error=type(error).__name__))]
    reader = _Reader(book, PurePath(filename).stem, audience)
    definition = reader.read()
    problems = reader.problems
    if any(p.blocking for p in problems) and not skip_unmappable:
        return None, problems
    try:
        return load_definition(definition), problems
    except DefinitionError as error:
        return None, problems + [Problem("survey", reader.row_of(message), None, message)
                                 for message in error.errors]


def _too_many_rows() -> Message:
    return Message(N_("the form has more than %(rows)s rows; it is not a questionnaire"), rows=MAX_ROWS)


def _check_file(data: bytes, filename: str) -> list[Problem]:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in SUFFIXES:
        return [Problem("", None, None, Message(N_("Choose an XLSForm workbook: a .xlsx or .xls file.")))]
    if not data:
        return [Problem("", None, None, Message(N_("The file is empty.")))]
    if len(data) > MAX_BYTES:
        return [Problem("", None, None, Message(N_("The file is larger than %(size)s MB."),
                                                size=MAX_BYTES // (1024 * 1024)))]
    if suffix == ".xlsx":
        try:
            if unpacked_size(data) > MAX_UNZIPPED:
                return [Problem("", None, None, Message(N_("The workbook unpacks to more than %(size)s MB; it is not a form."),
                                                        size=MAX_UNZIPPED // (1024 * 1024)))]
        except zipfile.BadZipFile:
            return [Problem("", None, None, Message(N_("This is not a .xlsx workbook (save it from Excel, LibreOffice "
                                                       "or Google Sheets as .xlsx).")))]
    return []


def _survey_rows(data: bytes, suffix: str) -> int:
    """How many rows the ``survey`` sheet has, its header included and blank rows left out, counting no
    further than two past :data:`MAX_ROWS` (0 when there is no such sheet: pyxform says what is missing)."""
    try:
        return _count_survey_rows(data, suffix)
    except Exception:  # noqa: BLE001 — a damaged file: pyxform reads it next and says what is wrong in its words
        return 0


def _count_survey_rows(data: bytes, suffix: str) -> int:
    if suffix == ".xls":
        import xlrd  # pyxform's reader of old workbooks

        old_book = xlrd.open_workbook(file_contents=data, on_demand=True)
        names = [name for name in old_book.sheet_names() if name.strip().lower() == "survey"]
        return old_book.sheet_by_name(names[0]).nrows if names else 0
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        names = [name for name in book.sheetnames if name.strip().lower() == "survey"]
        if not names:
            return 0
        sheet = book[names[0]]
        sheet.reset_dimensions()  # count the rows there are, not the size the sheet claims
        count = 0
        for cells in sheet.iter_rows(values_only=True):
            count += any(cell is not None and str(cell).strip() for cell in cells)
            if count > MAX_ROWS + 1:
                break
        return count
    finally:
        book.close()


def _language(label: str) -> str | None:
    found = LANGUAGE_CODE.search(label)
    return found.group(1).lower() if found else None


def _base(column: str) -> tuple[str, str | None]:
    """``label::Español (es)`` -> (``label``, ``Español (es)``); ``label`` -> (``label``, None)."""
    if "::" in column:
        base, _, language = column.partition("::")
        return base.strip().lower(), language.strip()
    return column.strip().lower(), None


def _normal_key(name: str, *, option: bool = False) -> str:
    key = re.sub(r"[^a-z0-9_]+", "_", name.strip().lower()).strip("_")[:64]
    if not option and key and not key[0].isalpha():
        key = f"q_{key}"[:64]
    return key


class _Reader:
    """One pass over the sheets, building the definition's JSON and the problems."""

    def __init__(self, book: Any, stem: str, audience: str | None) -> None:
        self.book = book
        self.stem = stem
        self.audience = audience
        self.problems: list[Problem] = []
        self.languages: list[str] = []
        self.columns: dict[str, dict[str, str]] = {}  # base -> language code -> column name
        self.keys: dict[str, str] = {}  # form name -> Chorus key
        self.lists: dict[str, list[dict[str, Any]]] = {}
        self.option_keys: dict[str, dict[str, str]] = {}  # list -> form name -> option key
        self.questions: dict[str, tuple[_Section, _Question]] = {}
        self.sections: list[_Section] = []
        self.intro: dict[str, str] = {}
        self.rows_by_path: dict[tuple[int, int | None], int] = {}
        self.default = "en"

    # -- problems ---------------------------------------------------------------------------------
    def problem(self, sheet: str, row: int | None, column: str | None, why: Message, *,
                blocking: bool = True) -> None:
        self.problems.append(Problem(sheet, row, column, why, blocking))

    def row_of(self, message: str) -> int | None:
        """The survey row a validation message is about (``sections[2].questions[1]…``)."""
        found = re.match(r"sections\[(\d+)\](?:\.questions\[(\d+)\])?", message)
        if not found:
            return None
        section, question = int(found.group(1)), found.group(2)
        return self.rows_by_path.get((section, int(question) if question is not None else None)) or \
            self.rows_by_path.get((section, None))

    # -- languages and texts ----------------------------------------------------------------------
    def read_languages(self, settings: Mapping[str, str]) -> None:
        headers: list[str] = [header for sheet in ("survey", "choices")
                              for header in (getattr(self.book, f"{sheet}_header", None) or [{}])[0]]
        default = _language(settings.get("default_language", "")) or ""
        coded: list[str] = []
        plain_used = False
        for header in headers:
            base, language = _base(header)
            if base not in ("label", "hint"):
                continue
            if language is None:
                plain_used = True
                continue
            code = _language(language)
            if code is None:
                self.problem("survey", 1, header, Message(
                    N_("the language %(language)s has no code; name the column like \"%(example)s\" so Chorus knows "
                       "which language it is; skipping leaves the column out"),
                    language=repr(language), example=f"{base}::{language} (fr)"))
                continue
            self.columns.setdefault(base, {})[code] = header
            if code not in coded:
                coded.append(code)
        if plain_used:
            if not default and "en" not in coded:
                default = "en"
                self.problem("survey", 1, "label", Message(N_(
                    "the plain label column names no language; it is read as English (en) (set settings "
                    "default_language to say otherwise)")), blocking=False)
            elif not default:
                self.problem("survey", 1, "label", Message(N_(
                    "the plain label column names no language and label::… (en) exists too; set settings "
                    "default_language; skipping leaves the plain columns out")))
            if default:
                for base in ("label", "hint"):
                    plain = next((h for h in headers if _base(h) == (base, None)), None)
                    if plain is not None:
                        self.columns.setdefault(base, {}).setdefault(default, plain)
                if default not in coded:
                    coded.insert(0, default)
        if default not in coded:
            default = coded[0] if coded else "en"
        self.default = default
        self.languages = [self.default] + [code for code in coded if code != self.default]

    def texts(self, sheet: str, number: int, row: Mapping[str, str], base: str, *,
              required: bool) -> dict[str, str]:
        texts = {code: (row.get(column) or "").strip() for code, column in self.columns.get(base, {}).items()}
        texts = {code: text for code, text in texts.items() if text}
        if not texts:
            if required:
                self.problem(sheet, number, base, _dropping_row(Message(N_("has no text in any language"))))
                raise _Skip
            return {}
        for code in self.languages:
            if code not in texts:
                column = f"{base}::… ({code})"
                fallback = texts.get(self.default) or next(iter(texts.values()))
                self.problem(sheet, number, column, Message(
                    N_("no %(language)s text; every text must exist in every survey language; skipping uses the "
                       "%(used)s text there"), language=code, used=next(c for c, t in texts.items() if t == fallback)))
                texts[code] = fallback
        for code, text in texts.items():
            if REFERENCE.search(text):
                self.problem(sheet, number, self.columns[base].get(code, base),
                             Message(N_("refers to another answer (${…}); Chorus shows texts as written; "
                                        "skipping keeps the text as it is")))
        return {code: texts[code] for code in self.languages}

    # -- sheets -----------------------------------------------------------------------------------
    def read(self) -> dict[str, Any]:
        settings = dict((self.book.settings or [{}])[0]) if self.book.settings else {}
        self.read_languages(settings)
        self.read_choices()
        title = self.read_title(settings)
        self.read_survey(title)
        self.check_columns()
        audience = self.audience or settings.get("chorus_audience") or ""
        if audience not in {a.value for a in Audience}:
            if audience:
                self.problem("settings", 2, "chorus_audience", Message(
                    N_("%(audience)s is not an audience; the survey is for the community (change it in the builder)"),
                    audience=repr(audience)), blocking=False)
            audience = Audience.COMMUNITY.value
        sections = []
        for s_index, section in enumerate(s for s in self.sections if s.questions):
            self.rows_by_path[(s_index, None)] = section.row or 0
            for q_index, question in enumerate(section.questions):
                self.rows_by_path[(s_index, q_index)] = question.row
            sections.append({"key": section.key, "title": section.title,
                             "questions": [q.data for q in section.questions]})
        data: dict[str, Any] = {"title": title, "audience": audience, "languages": self.languages,
                                "sections": sections}
        if self.intro:
            data["intro"] = self.intro
        self.problems.sort(key=lambda p: ({"": 0, "settings": 1, "survey": 2, "choices": 3}.get(p.sheet, 4),
                                          p.row or 0))
        return data

    def read_title(self, settings: Mapping[str, str]) -> dict[str, str]:
        titles = {}
        for column, value in settings.items():
            base, language = _base(column)
            code = _language(language or "")
            if base == "chorus_title" and code in self.languages and value:
                titles[code] = value.strip()
        plain = (settings.get("form_title") or "").strip() or self.stem.replace("_", " ").strip() or "Survey"
        for code in self.languages:
            if code not in titles:
                titles[code] = plain
                if code != self.default:
                    self.problem("settings", 2, "form_title", Message(
                        N_("the title has no %(language)s version; the same title is used (translate it in the "
                           "builder)"), language=code), blocking=False)
        return titles

    def read_choices(self) -> None:
        for index, row in enumerate(self.book.choices or []):
            number = index + 2
            if not row:
                continue
            list_name = (row.get("list_name") or row.get("list name") or "").strip()
            name = (row.get("name") or "").strip()
            if not list_name or not name:
                self.problem("choices", number, "name" if list_name else "list_name",
                             _dropping_row(Message(N_("a choice needs a list_name and a name"))))
                continue
            key = name if OPTION_KEY_PATTERN.fullmatch(name) else _normal_key(name, option=True)
            taken = self.option_keys.setdefault(list_name, {})
            if not key or not OPTION_KEY_PATTERN.fullmatch(key) or key in taken.values():
                self.problem("choices", number, "name", _dropping_row(Message(
                    N_("%(name)s cannot be an option key (lower-case letters, digits and _)"), name=repr(name))))
                continue
            if key != name:
                self.problem("choices", number, "name", Message(N_("the option %(name)s is kept as %(key)s"),
                                                                name=repr(name), key=repr(key)), blocking=False)
            try:
                texts = self.texts("choices", number, row, "label", required=True)
            except _Skip:
                continue
            taken[name] = key
            self.lists.setdefault(list_name, []).append({"key": key, "text": texts})

    def check_columns(self) -> None:
        """Columns Chorus does not read: a problem per row for those that change what is asked, one notice
        per column for those that only change how it looks."""
        for index, row in enumerate(self.book.survey or []):
            for column, value in row.items():
                base, _language_label = _base(column)
                if base in READ_COLUMNS or not str(value).strip():
                    continue
                if base in BLOCKING_COLUMNS and not (base == "read_only" and str(value).lower() in NO):
                    self.problem("survey", index + 2, column, Message(N_("%(problem)s; skipping ignores it"),
                                                                       problem=Message(BLOCKING_COLUMNS[base])))
        headers = (getattr(self.book, "survey_header", None) or [{}])[0]
        for header in headers:
            base, _language_label = _base(header)
            if base in READ_COLUMNS or base in BLOCKING_COLUMNS or header == "list_name":
                continue
            if not any(str(row.get(header, "")).strip() for row in self.book.survey or []):
                continue
            why = NOTICE_COLUMNS.get(base) or NOTICE_COLUMNS.get(header)
            self.problem("survey", 1, header, Message(N_("this column is not read: %(why)s"),
                                                      why=Message(why or N_("Chorus has no equivalent"))),
                         blocking=False)

    # -- the survey sheet -------------------------------------------------------------------------
    def read_survey(self, title: dict[str, str]) -> None:
        rows = list(self.book.survey or [])
        if len(rows) > MAX_ROWS:
            self.problem("survey", None, None, _too_many_rows())
            return
        self.survey_title = title
        self.current: _Section | None = None
        self.depth = 0  # groups open inside the current section (nested groups are flattened)
        self.seen_question = False
        index = 0
        while index < len(rows):
            row = {k: str(v).strip() for k, v in rows[index].items() if v is not None}
            number = index + 2
            index += 1
            if not row:
                continue
            kind = " ".join(row.get("type", "").split()).lower()
            kind = TYPE_ALIASES.get(kind, kind)
            try:
                if kind == "begin_group":
                    self.begin_group(number, row)
                elif kind == "end_group":
                    self.end_group(number)
                elif kind == "begin_repeat":
                    index = self.repeat(rows, index, number, row)
                elif kind == "end_repeat":
                    self.problem("survey", number, "type",
                                 _dropping_row(Message(N_("end_repeat without a begin_repeat"))))
                elif kind in METADATA:
                    self.problem("survey", number, "type", Message(
                        N_("%(type)s is not a question; Chorus records when a response starts and ends itself, so it "
                           "is not imported"), type=repr(kind)), blocking=False)
                elif kind == "note":
                    self.note(number, row)
                elif not kind:
                    self.problem("survey", number, "type", _dropping_row(Message(N_("the row has no type"))))
                else:
                    self.question(number, row, kind)
            except _Skip:
                continue
        if self.current is not None and not self.current.implicit:
            self.problem("survey", None, "type", Message(N_("the group %(group)s is never closed (end_group)"),
                                                         group=repr(self.current.key)), blocking=False)
        self.close_section()

    def key_for(self, number: int, name: str, what: str) -> str:
        if not name:
            self.problem("survey", number, "name", _dropping_row(
                Message(N_("the question has no name")) if what == "question" else Message(N_("the group has no name"))))
            raise _Skip
        key = name if KEY_PATTERN.fullmatch(name) else _normal_key(name)
        if what == "group":
            taken = {s.key for s in self.sections} | ({self.current.key} if self.current else set())
        else:
            taken = set(self.questions)
        if not KEY_PATTERN.fullmatch(key) or key in taken:
            self.problem("survey", number, "name", _dropping_row(Message(
                N_("%(name)s cannot be a Chorus key (it must be unique, lower-case letters, digits and _)"),
                name=repr(name))))
            raise _Skip
        if key != name:
            self.problem("survey", number, "name", Message(N_("%(name)s is kept as %(key)s"), name=repr(name),
                                                            key=repr(key)), blocking=False)
        return key

    def begin_group(self, number: int, row: dict[str, str]) -> None:
        if self.current is not None and not self.current.implicit:
            self.depth += 1
            self.problem("survey", number, "type", Message(N_(
                "a group inside a group cannot be a page of its own; skipping keeps its questions on the outer "
                "group's page")))
            return
        self.close_section()
        name = row.get("name", "")
        key = self.key_for(number, name, "group")
        exported = _json_object(row.get(CHORUS_COLUMN, ""))
        if isinstance(exported.get("section"), str) and KEY_PATTERN.fullmatch(exported["section"]):
            key = exported["section"]  # Chorus renamed the group: a question has the section's key
        title = self.texts("survey", number, row, "label", required=False)
        if not title:
            self.problem("survey", number, "label", Message(N_(
                "a group is a page and needs a title; skipping uses the survey's title")))
            title = dict(self.survey_title)
        self.current = _Section(number, key, title, implicit=False)
        if row.get("relevant"):
            self.current.condition = self.condition(number, row["relevant"], self.current, what="group")

    def end_group(self, number: int) -> None:
        if self.current is None or self.current.implicit:
            self.problem("survey", number, "type", _dropping_row(Message(N_("end_group without a begin_group"))))
            return
        if self.depth:
            self.depth -= 1
            return
        self.close_section()

    def close_section(self) -> None:
        section = self.current
        if section is None:
            return
        if section.pending_notes:
            if section.questions:
                last = section.questions[-1].data
                for _number, texts in section.pending_notes:
                    last["help"] = _join(last.get("help"), texts, self.languages)
            else:
                for note_row, _texts in section.pending_notes:
                    self.problem("survey", note_row, "type", _dropping_row(Message(
                        N_("a note on a page with no questions has no place in Chorus"))))
        if not section.questions and not section.implicit:
            self.problem("survey", section.row, "type", Message(
                N_("the group %(group)s has no questions Chorus can ask; skipping leaves it out"),
                group=repr(section.key)))
        if section.questions:
            self.sections.append(section)
        self.current = None

    def page_for(self, number: int) -> _Section:
        if self.current is None:
            taken = {s.key for s in self.sections} | set(self.keys.values())
            n = len(self.sections) + 1
            while f"page_{n}" in taken:
                n += 1
            self.current = _Section(number, f"page_{n}", dict(self.survey_title), implicit=True)
        return self.current

    def note(self, number: int, row: dict[str, str]) -> None:
        texts = self.texts("survey", number, row, "label", required=True)
        if row.get("relevant"):
            self.problem("survey", number, "relevant", _dropping_row(Message(
                N_("a note shown only under a condition has no Chorus equivalent"))))
            return
        if not self.seen_question and (self.current is None or self.current.implicit):
            self.intro = _join(self.intro, texts, self.languages)
            return
        self.page_for(number).pending_notes.append((number, texts))

    def repeat(self, rows: list[dict[str, Any]], index: int, number: int, row: dict[str, str]) -> int:
        """A repeat: an exported employer's jobs become one ``occupation_demand`` question; any other is a
        problem, with a problem for each row inside it. Returns where reading goes on."""
        chorus = self.chorus(number, row)
        depth, end = 1, index
        while end < len(rows) and depth:
            kind = TYPE_ALIASES.get(" ".join(str(rows[end].get("type", "")).split()).lower(),
                                    " ".join(str(rows[end].get("type", "")).split()).lower())
            depth += {"begin_repeat": 1, "end_repeat": -1}.get(kind, 0)
            end += 1
        if chorus.get("type") == "occupation_demand":
            section = self.page_for(number)
            name = row.get("name", "")
            key = self.key_for(number, name, "question")
            org = f"{name}_organization"
            if section.questions and section.questions[-1].data["key"] == self.keys.get(org):
                dropped = section.questions.pop()
                self.questions.pop(dropped.data["key"], None)
            data = {"key": key, "type": "occupation_demand", "text": self.texts("survey", number, row, "label",
                                                                                required=True),
                    "required": bool(chorus.get("required")), "settings": chorus.get("settings") or {}}
            self.finish_question(number, row, section, data, None, name)
            return end
        self.problem("survey", number, "type", _dropping_row(Message(
            N_("repeats have no Chorus equivalent (a response answers each question once)"))))
        for inner in range(index, end - 1):
            if rows[inner] and str(rows[inner].get("type", "")).strip():
                self.problem("survey", inner + 2, "type", _dropping_row(Message(N_("inside a repeat"))))
        return end

    def chorus(self, number: int, row: dict[str, str]) -> dict[str, Any]:
        raw = row.get(CHORUS_COLUMN, "")
        if not raw:
            return {}
        data = _json_object(raw)
        if data.get("type") not in QUESTION_TYPES or not isinstance(
                data.get("settings", {}), dict):
            self.problem("survey", number, CHORUS_COLUMN,
                         Message(N_("is not what Chorus exports; skipping ignores it")))
            return {}
        return data

    def question(self, number: int, row: dict[str, str], kind: str) -> None:
        chorus = self.chorus(number, row)
        name = row.get("name", "")
        section = self.page_for(number)
        helper = self.helper_of(row, kind, section, chorus)
        if helper:
            return
        select = SELECT.match(kind)
        data: dict[str, Any] = {}
        list_name = None
        settings: dict[str, Any] = {}
        chorus_type = chorus.get("type")
        if select:
            list_name = select.group(2)
            multiple = not select.group(1).startswith(("select_one", "select one", "select1"))
            data["type"] = "multiple_choice" if multiple else "single_choice"
            if chorus_type in ("agreement", "rating", "contact"):
                data["type"] = chorus_type
            else:
                options = [dict(o) for o in self.lists.get(list_name, [])]
                if not options:
                    self.problem("survey", number, "type", _dropping_row(Message(
                        N_("the choice list %(list)s is empty or missing"), list=repr(list_name))))
                    raise _Skip
                if select.group(3):
                    if not any(o["key"] == "other" for o in options):
                        options.append({"key": "other", "text": {
                            code: OTHER_WORDS.get(code, "Other") for code in self.languages}})
                    settings["other"] = True
                data["options"] = options
        elif kind == "text":
            data["type"] = chorus_type if chorus_type in ("short_text", "long_text", "occupation") else "long_text"
        elif kind in ("integer", "decimal"):
            data["type"] = "number"
            if kind == "decimal":
                settings["integer"] = False
        elif kind == "date":
            data["type"] = "date"
        elif kind == "range":
            data["type"] = "rating"
            settings.update(self.range_settings(number, row))
        else:
            self.problem("survey", number, "type", _dropping_row(Message(N_("%(type)s has no Chorus equivalent"),
                                                                                 type=repr(kind))))
            raise _Skip
        key = self.key_for(number, name, "question")
        data["key"] = key
        data["text"] = self.texts("survey", number, row, "label", required=True)
        if chorus_type == data["type"]:
            settings.update(chorus.get("settings") or {})
        if chorus.get("demographic"):
            data["demographic"] = True
        required = row.get("required", "").lower()
        if required in YES:
            data["required"] = True
        elif required not in NO:
            self.problem("survey", number, "required", Message(
                N_("required only when %(expression)s has no Chorus equivalent; skipping makes the question optional"),
                expression=repr(row["required"])))
        if row.get("constraint"):
            settings.update(self.constraint(number, row["constraint"], data["type"]))
        if "exclusive" in settings and list_name:
            names = self.option_keys.get(list_name, {})
            settings["exclusive"] = [names.get(name, name) for name in settings["exclusive"]]
        if settings:
            data["settings"] = settings
        self.finish_question(number, row, section, data, list_name, name)

    def finish_question(self, number: int, row: dict[str, str], section: _Section, data: dict[str, Any],
                        list_name: str | None, name: str) -> None:
        hint = self.texts("survey", number, row, "hint", required=False)
        notes = section.pending_notes
        section.pending_notes = []
        help_texts: dict[str, str] = {}
        for _note_row, texts in notes:
            help_texts = _join(help_texts, texts, self.languages)
        help_texts = _join(help_texts, hint, self.languages) if hint else help_texts
        if help_texts:
            data["help"] = help_texts
        condition = None
        if row.get("relevant"):
            condition = self.condition(number, row["relevant"], section, what="question")
            if condition is not None and section.condition is not None:
                self.problem("survey", number, "relevant", Message(N_(
                    "both the question and its group have a condition; Chorus keeps one per question; skipping "
                    "keeps the question's")))
        condition = condition or section.condition
        if condition is not None:
            section = self.current or section
            data["condition"] = condition
        question = _Question(number, data, list_name)
        section.questions.append(question)
        self.keys[name] = data["key"]
        self.questions[data["key"]] = (section, question)
        self.seen_question = True

    def helper_of(self, row: dict[str, str], kind: str, section: _Section, chorus: dict[str, Any]) -> bool:
        """A text row that only holds "other, please say" words, or a contact's email or phone: it belongs to
        the question it reads, which it updates."""
        if kind != "text" or chorus or not row.get("relevant"):
            return False
        found = TERM_SELECTED.match(row["relevant"].strip())
        if not found:
            return False
        target = self.questions.get(self.keys.get(found.group(1), ""))
        if target is None or target[0] is not section:
            return False
        data = target[1].data
        value = found.group(3)
        if data["type"] in ("single_choice", "multiple_choice") and value == "other" and any(
                o["key"] == "other" for o in data.get("options", [])):
            data.setdefault("settings", {})["other"] = True
            return True
        channel = next((c for c in ("email", "phone") if row.get("name", "").endswith(f"_{c}")), None)
        return data["type"] == "contact" and value == "yes" and channel is not None

    def range_settings(self, number: int, row: dict[str, str]) -> dict[str, Any]:
        parameters = dict(part.split("=", 1) for part in row.get("parameters", "").split() if "=" in part)
        try:
            start, end = int(parameters.get("start", "1")), int(parameters.get("end", "10"))
            step = float(parameters.get("step", "1"))
        except ValueError:
            start, end, step = 0, 0, 0.0
        if step != 1 or (start, end) not in ((1, 5), (0, 10)):
            self.problem("survey", number, "parameters", _dropping_row(Message(
                N_("a range becomes a rating only from 1 to 5 or 0 to 10 in steps of 1"))))
            raise _Skip
        return {"min": start, "max": end}

    def condition(self, number: int, expression: str, section: _Section, *, what: str) -> dict[str, Any] | None:
        """A ``relevant`` as a Chorus condition, or ``None`` with a problem recorded."""
        text = expression.strip()
        while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
            text = text[1:-1].strip()
        target_name, values = None, []
        for term in _split_top(text, "or"):
            term = term.strip()
            while term.startswith("(") and term.endswith(")") and _balanced(term[1:-1]):
                term = term[1:-1].strip()
            found = TERM_SELECTED.match(term) or TERM_EQUALS.match(term)
            if not found or (target_name is not None and found.group(1) != target_name):
                self.problem("survey", number, "relevant", Message(
                    N_("%(expression)s: Chorus can show %(what)s only when an earlier page's choice question has one "
                       "of some answers (selected(${q}, 'a') or selected(${q}, 'b')); skipping always shows it"),
                    expression=repr(expression), what=Message(WHAT[what][0])))
                return None
            target_name = found.group(1)
            values.append(found.group(3))
        target = self.questions.get(self.keys.get(target_name or "", ""))
        if target is None:
            self.problem("survey", number, "relevant", Message(
                N_("%(name)s is not an earlier question; skipping always shows %(what)s"), name=repr(target_name),
                what=Message(WHAT[what][1])))
            return None
        target_section, target_question = target
        if target_question.data["type"] not in ("single_choice", "multiple_choice"):
            self.problem("survey", number, "relevant", Message(
                N_("%(name)s is not a choice question; skipping always shows %(what)s"), name=repr(target_name),
                what=Message(WHAT[what][1])))
            return None
        if target_section is section:
            if section.implicit and what == "question":
                self.close_section()
                self.page_for(number)
            else:
                self.problem("survey", number, "relevant", Message(
                    N_("%(name)s is on the same page; Chorus decides pages on the server, so a condition reads an "
                       "earlier page (put them in different groups); skipping always shows %(what)s"),
                    name=repr(target_name), what=Message(WHAT[what][1])))
                return None
        keys = self.option_keys.get(target_question.list_name or "", {})
        any_of = []
        for value in values:
            key = keys.get(value, "other" if value == "other" else None)
            if key is None:
                self.problem("survey", number, "relevant", Message(
                    N_("%(name)s has no choice %(value)s; skipping always shows %(what)s"), name=repr(target_name),
                    value=repr(value), what=Message(WHAT[what][1])))
                return None
            any_of.append(key)
        return {"question": target_question.data["key"], "any_of": list(dict.fromkeys(any_of))}

    def constraint(self, number: int, expression: str, kind: str) -> dict[str, Any]:
        """A ``constraint`` as settings of the question's type; a problem for any part that does not map."""
        settings: dict[str, Any] = {}
        for part in _split_top(expression.strip(), "and"):
            part = part.strip()
            mapped = _constraint_part(part, kind)
            if mapped is None:
                self.problem("survey", number, "constraint", Message(
                    N_("%(expression)s has no Chorus equivalent for this question; skipping ignores it"),
                    expression=repr(part)))
                continue
            name, value = mapped
            if name == "exclusive":
                settings.setdefault("exclusive", []).append(value)
            else:
                settings[name] = value
        if kind in TEXT_LIMITS and settings.get("max_length") == TEXT_LIMITS[kind]:
            settings.pop("max_length")
        return settings


NUMBER = r"(-?\d+(?:\.\d+)?)"


def _constraint_part(part: str, kind: str) -> tuple[str, Any] | None:
    """One conjunct of a constraint as (setting, value), or ``None`` when it does not map."""
    if kind == "number":
        found = re.fullmatch(r"\.\s*(>=|<=)\s*" + NUMBER, part)
        if found:
            number = float(found.group(2))
            return ("min" if found.group(1) == ">=" else "max", int(number) if number == int(number) else number)
    if kind == "date":
        found = re.fullmatch(r"\.\s*(>=|<=)\s*date\(\s*'(\d{4}-\d{2}-\d{2})'\s*\)", part)
        if found:
            return ("min" if found.group(1) == ">=" else "max", found.group(2))
    if kind in ("short_text", "long_text"):
        found = re.fullmatch(r"string-length\(\s*\.\s*\)\s*<=\s*(\d+)", part)
        if found:
            return ("max_length", int(found.group(1)))
    if kind == "multiple_choice":
        found = re.fullmatch(r"count-selected\(\s*\.\s*\)\s*<=\s*(\d+)", part)
        if found:
            return ("max_choices", int(found.group(1)))
        found = re.fullmatch(r"not\(\s*selected\(\s*\.\s*,\s*'([^']+)'\s*\)\s*and\s*count-selected\(\s*\.\s*\)"
                             r"\s*>\s*1\s*\)", part)
        if found:
            return ("exclusive", found.group(1))
    return None


def _json_object(raw: str) -> dict[str, Any]:
    try:
        data = json.loads(raw) if raw and len(raw) <= 20000 else None
    except ValueError:
        data = None
    return data if isinstance(data, dict) else {}


def _split_top(text: str, word: str) -> list[str]:
    """``text`` split at ``word`` (``and``/``or``) where it stands outside brackets and quotes."""
    parts, depth, quote, start = [], 0, "", 0
    pattern = re.compile(rf"\s{word}\s")
    i = 0
    while i < len(text):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and pattern.match(text, i):
            parts.append(text[start:i])
            i += len(word) + 2
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _join(first: Mapping[str, str] | None, second: Mapping[str, str], languages: list[str]) -> dict[str, str]:
    if not first:
        return dict(second)
    return {code: "\n\n".join(t for t in (first.get(code, ""), second.get(code, "")) if t) for code in languages}
