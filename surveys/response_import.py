"""Past answers from other tools' exports (Google Forms, SurveyMonkey, Qualtrics, KoboToolbox), read
as Chorus answers: the file, a suggested mapping of its columns to questions, and every row parsed as
its target question expects, with the rows that cannot be read reported instead of dropped.

No database and no web here: :func:`read_table` turns the file's bytes into a :class:`Table`,
:func:`suggest_mapping` proposes which question each column answers, and :func:`parse_rows` turns every
row into clean values (through :func:`surveys.responses.clean_answers`, the one validation path) or
:class:`RowError` entries. Storing is :mod:`feedback.services.imports`' job.

A **mapping** is ``{column label: target}``, the form staff confirm and the import stores:

=====================  =====================================================================
``"barriers"``         the column holds the whole answer to question ``barriers``
``"barriers:childcare"``  one column per option (SurveyMonkey, Kobo): a non-blank cell other than
                       ``0``/``no``/``false`` chooses ``childcare``
``"barriers:other"``   the words after "Other" (a cell that only says "1" or the option's name
                       just chooses it)
``"@submitted_at"``    when the response was sent (Google Forms' *Timestamp*); kept as its time
``""``                 not imported; such columns are listed, never silently dropped
=====================  =====================================================================

How cells are read, by the target question: choices by an option's words in any language of the survey
or its key, case, accents and punctuation aside (multiple choice split on ``;`` or ``,`` as tools join
them, keeping an option whose own words contain a comma whole); words that match no option become the
"other" text when the question allows it ("Other: " prefixes dropped), else a row error. Numbers accept
thousands separators and currency signs. Scales accept the number or a point's words. Dates accept ISO,
``m/d/Y`` and ``d/m/Y``, month names and Excel's day numbers; whether ``3/4/2024`` is March or April is
decided per column: a first number above 12 anywhere in the column means day first, a second number
above 12 means month first, and a column that never says is read month first (the US tools' order)
unless ``day_first`` is given. The decision is reported in :attr:`Parsed.notes`.

Imported answers are not held to ``required`` (a blank in a past file stays blank), but an answer to a
question the survey would not have shown (its condition unmet) is a row error, since storing it would
break the survey's own rules and dropping it would lose words.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
import unicodedata
import warnings
import zipfile
import zoneinfo
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Self

from .catalog import N_
from .definition_types import QuestionDefinition, SectionDefinition, SurveyDefinition
from .message import Message
from .question_types import CHOICE_TYPES, OTHER, AnswerError, Date, get_type
from .responses import clean_answers
from .xlsform.zipped import unpacked_size

__all__ = [
    "MAX_COLUMNS",
    "MAX_ROWS",
    "NOT_IMPORTABLE",
    "SUBMITTED_AT",
    "Column",
    "ImportFileError",
    "MappingError",
    "Parsed",
    "ParsedRow",
    "RowError",
    "Table",
    "apply_overrides",
    "column_samples",
    "file_digest",
    "importable",
    "mapping_problems",
    "parse_rows",
    "read_table",
    "suggest_mapping",
    "target_choices",
]

SUBMITTED_AT = "@submitted_at"
MAX_ROWS = 100_000
MAX_COLUMNS = 2_000
MAX_UNPACKED = 200 * 1024 * 1024
"""The most an XLSX may unpack to (100,000 rows of a wide export fit; a zip bomb does not)."""
NOT_IMPORTABLE = {"contact": N_("contact details are kept only with the person's consent, which a file cannot show"),
                  "occupation_demand": N_("an employer's occupations table has no single-cell form")}
"""Question types a column cannot fill, and why."""
ENCODINGS = ("utf-8-sig", "cp1252")  # utf-8-sig reads plain UTF-8 too
DELIMITERS = ",;\t|"
SUBHEADER_WORDS = {"response", "open ended response", "respuesta", "respuesta abierta"}
OTHER_HEADERS = {"other", "other please specify", "other please say", "please specify", "otro", "otra",
                 "otro especifique", "otro por favor especifique"}
TIMESTAMP_HEADERS = ("timestamp", "marca temporal", "submitted at", "submission time", "submission date",
                     "date submitted", "submitted", "end date", "enddate", "recorded date", "recordeddate",
                     "end", "endtime", "completed", "start date", "startdate", "start")
"""Headers read as the response's time, best first: Google Forms (Timestamp, Marca temporal), Kobo
(_submission_time, end), SurveyMonkey (End Date), Qualtrics (RecordedDate, EndDate)."""
NOT_CHOSEN = {"", "0", "no", "false", "n", "falso"}
CHOSEN_ONLY = {"1", "x", "yes", "true", "y", "si", "verdadero", "checked", "selected"}
OTHER_PREFIX = re.compile(r"^\s*(?:other|otro|otra)(?:\s*\([^)]*\))?\s*[:\-–—]\s*", re.IGNORECASE)
NUMBERING = re.compile(r"^\s*(?:q\s*)?\d+(?:\.\d+)*\s*[.):\-–]\s*", re.IGNORECASE)
DECORATION = re.compile(r"\s*(?:\*|\((?:required|optional|obligatoria|opcional)\))\s*$", re.IGNORECASE)
LEADING_POINT = re.compile(r"^\s*(-?\d+)\s*(?:[-–—.:)=]|$)")
CURRENCY = re.compile(r"^(?:US\$|\$|€|£|USD|EUR)\s*|\s*(?:US\$|\$|€|£|USD|EUR)$", re.IGNORECASE)
SLASH_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T,]+(.*))?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](.*))?$")
TIME_FORMATS = ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%H:%M:%S.%f")
NAMED_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")
EXCEL_DAYS = (20_000, 80_000)  # 1954 to 2119: a number in a date column this size is Excel's day count
MATCH_RATIO = 0.88
YEARS = (1900, 2100)
"""Years a response's time may fall in; anything else is a misread column, reported."""


class ImportFileError(ValueError):
    """The file cannot be read as a table; ``message`` says what to do (a :class:`Message`, or a text the
    caller has already put in the reader's language)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MappingError(ValueError):
    """The mapping names columns or questions that do not exist, or fills one answer twice."""

    def __init__(self, problems: list[Message]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Column:
    """One column: ``label`` names it to staff, in ``--map`` and in the stored mapping (unique in the
    file); ``letter`` is its spreadsheet letter; ``sub`` a second header row's words (SurveyMonkey's option
    names) or Qualtrics' question id."""

    index: int
    label: str
    letter: str
    header: str = ""
    sub: str = ""


@dataclass(frozen=True)
class Table:
    """A file's columns and data rows; each row keeps its number as a spreadsheet shows it (the first
    header row is row 1). ``layout`` names the export shape recognised: ``plain``, ``surveymonkey``
    (two header rows) or ``qualtrics`` (ids, question texts, import ids)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    layout: str = "plain"
    sheet: str | None = None

    def column(self, label: str) -> Column | None:
        """The column called ``label``: its label exactly, else its header read loosely, else its letter."""
        found = next((c for c in self.columns if c.label == label), None)
        if found is None:
            wanted = _norm(label)
            found = next((c for c in self.columns if _norm(c.label) == wanted), None)
        if found is None:
            found = next((c for c in self.columns if c.letter == label.strip().upper()), None)
        return found


@dataclass(frozen=True)
class RowError:
    """Why one cell (or row) cannot be imported, located as the person will look for it in the file."""

    row: int
    column: str
    value: str
    reason: Message

    def __str__(self) -> str:
        value = f" “{self.value}”" if self.value else ""
        return f"Row {self.row}, column “{self.column}”{value}: {self.reason}"


@dataclass(frozen=True)
class ParsedRow:
    """A row that imports: clean values by question key and, when the file has it, the time it was sent."""

    row: int
    values: dict[str, Any]
    submitted_at: datetime | None = None


@dataclass
class Parsed:
    """What a dry run reports and an import stores."""

    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    blank_rows: list[int] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)
    notes: list[Message] = field(default_factory=list)

    @property
    def error_rows(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def times(self) -> list[datetime]:
        return sorted(row.submitted_at for row in self.rows if row.submitted_at is not None)


# -- reading the file --------------------------------------------------------------------------------------

def file_digest(data: bytes) -> str:
    """The SHA-256 of the file's bytes: the same file imported twice has the same digest."""
    return hashlib.sha256(data).hexdigest()


def read_table(data: bytes, filename: str = "", sheet: str | None = None) -> Table:
    """The table in a CSV or XLSX file (told apart by their bytes, not the name).

    Raises:
        ImportFileError: not a CSV or XLSX file, an unknown sheet, no header row, or too large.
    """
    if data.startswith(b"PK\x03\x04"):
        raw, sheet = _xlsx_rows(data, sheet)
    elif data.startswith(b"\xd0\xcf\x11\xe0") or filename.lower().endswith((".xls", ".ods", ".numbers")):
        raise ImportFileError(Message(N_("This is an old Excel (.xls) or other spreadsheet format: save it as .xlsx or "
                                         "CSV.")))
    else:
        if sheet:
            raise ImportFileError(Message(N_("A CSV file has no sheets; leave the sheet name out.")))
        raw = _csv_rows(data)
    raw = [(number, _trim(cells)) for number, cells in raw]
    raw = [(number, cells) for number, cells in raw if any(not _blank(cell) for cell in cells)]
    if not raw:
        raise ImportFileError(Message(N_("The file is empty: its first row should name the questions.")))
    if len(raw) - 1 > MAX_ROWS:
        raise ImportFileError(_too_many_rows(N_("The file has more than %(rows)s rows; split it into smaller files.")))
    width = max(len(cells) for _, cells in raw)
    if width > MAX_COLUMNS:
        raise ImportFileError(Message(N_("The file has more than %(columns)s columns."), columns=f"{MAX_COLUMNS:,}"))
    rows = [(number, tuple(cells) + (None,) * (width - len(cells))) for number, cells in raw]
    layout, columns, skip = _columns(rows, width)
    return Table(columns=tuple(columns), rows=tuple(rows[skip:]), layout=layout, sheet=sheet)


def _too_many_rows(template: str) -> Message:
    return Message(template, rows=f"{MAX_ROWS:,}")


def _csv_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 refuses only five byte values
        raise ImportFileError(Message(N_("The file's characters cannot be read: save it as CSV UTF-8.")))
    if "\x00" in text[:4096] and text.count("\x00") > len(text) // 4:
        raise ImportFileError(Message(N_("This looks like a UTF-16 or binary file: save it as CSV UTF-8 or as .xlsx.")))
    sample = text[:16_384]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    if delimiter != "," and sample.split("\n", 1)[0].count(",") > sample.split("\n", 1)[0].count(delimiter):
        delimiter = ","  # the sniffer can be fooled by text; the header row decides
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS + 10:
                raise ImportFileError(_too_many_rows(N_("The file has more than %(rows)s rows; split it into smaller files.")))
            rows.append((number, cells))
    except csv.Error as error:
        raise ImportFileError(Message(N_("The CSV cannot be read: %(error)s."), error=str(error))) from None
    return rows


def _xlsx_rows(data: bytes, sheet: str | None) -> tuple[list[tuple[int, list[Any]]], str]:
    from openpyxl import load_workbook  # only XLSX files need it

    try:
        too_large = unpacked_size(data) > MAX_UNPACKED
    except (zipfile.BadZipFile, ValueError):
        raise ImportFileError(Message(N_("The file cannot be read as an Excel workbook (.xlsx)."))) from None
    if too_large:
        raise ImportFileError(Message(N_("The workbook unpacks to more than %(size)s MB; split it into smaller files "
                                         "or save it as CSV."), size=MAX_UNPACKED // (1024 * 1024)))
    try:
        with warnings.catch_warnings():  # a workbook's oddities (no default style) are no reason to stop
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  (openpyxl raises many kinds for a damaged or foreign zip)
        raise ImportFileError(Message(N_("The file cannot be read as an Excel workbook (.xlsx)."))) from None
    try:
        if sheet:
            if sheet not in book.sheetnames:
                raise ImportFileError(Message(N_("The workbook has no sheet called “%(sheet)s”; it has: %(sheets)s."),
                                              sheet=sheet, sheets=", ".join(f"“{name}”" for name in book.sheetnames)))
            worksheet = book[sheet]
        else:
            worksheet = book.worksheets[0]
        if hasattr(worksheet, "reset_dimensions"):  # trust the cells, not a claimed size ("A1:XFD1048576")
            worksheet.reset_dimensions()
        rows = []
        for number, cells in enumerate(worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1), start=1):
            if number > MAX_ROWS + 10:
                raise ImportFileError(_too_many_rows(N_("The sheet has more than %(rows)s rows; split it into smaller files.")))
            rows.append((number, list(cells[:MAX_COLUMNS + 1])))
        return rows, worksheet.title
    except ImportFileError:
        raise
    except Exception:  # noqa: BLE001  (a damaged sheet: any error means the same to the person)
        raise ImportFileError(Message(N_("The workbook's sheet cannot be read; save it again from Excel as .xlsx."))) from None
    finally:
        book.close()


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _trim(cells: Sequence[Any]) -> list[Any]:
    cells = list(cells)
    while cells and _blank(cells[-1]):
        cells.pop()
    return cells


def _clean_header(cell: Any) -> str:
    text = "" if cell is None else str(cell)
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())[:300]


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _columns(rows: list[tuple[int, tuple[Any, ...]]], width: int) -> tuple[str, list[Column], int]:
    """The layout, the columns and how many rows are headers."""
    first = [_clean_header(cell) for cell in rows[0][1]]
    second = [_clean_header(cell) for cell in rows[1][1]] if len(rows) > 1 else []
    third = [_clean_header(cell) for cell in rows[2][1]] if len(rows) > 2 else []
    named: list[tuple[str, str, str]] = []  # (label, header, sub)
    if any(cell.startswith('{"ImportId"') for cell in third) or (
            {"responseid", "response id"} & {_norm(c) for c in first} and {"response id"} & {_norm(c) for c in second}):
        layout, skip = "qualtrics", 3 if any(cell.startswith('{"ImportId"') for cell in third) else 2
        named = [(second[i] or first[i], second[i] or first[i], first[i]) for i in range(width)]
    elif second and any(_norm(cell) in SUBHEADER_WORDS for cell in second):
        layout, skip = "surveymonkey", 2
        group = ""
        for i in range(width):
            group = first[i] or group
            sub = second[i]
            plain = not sub or _norm(sub) in SUBHEADER_WORDS or _norm(sub) == _norm(group)
            named.append((group if plain else f"{group} | {sub}" if group else sub, group, "" if plain else sub))
    else:
        layout, skip = "plain", 1
        named = [(cell, cell, "") for cell in first]
    columns, seen = [], {}
    for i, (label, header, sub) in enumerate(named):
        label = label or f"Column {_letter(i)}"
        count = seen.get(label, 0) + 1
        seen[label] = count
        if count > 1:
            label = f"{label} ({count})"
        columns.append(Column(i, label, _letter(i), header, sub))
    return layout, columns, skip


# -- suggesting a mapping ----------------------------------------------------------------------------------

def _norm(text: Any) -> str:
    """Text compared loosely: no accents, case or punctuation."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _header_forms(header: str) -> list[str]:
    """A header as tools decorate it, and without the decorations: numbering ("Q3.", "3)"), a required
    mark, a Kobo group path ("barriers_group/barriers"), Qualtrics' " - option" tail."""
    forms = [header]
    bare = DECORATION.sub("", NUMBERING.sub("", header)).strip()
    forms.append(bare)
    if "/" in bare:
        parts = bare.split("/")
        forms += [parts[-1], parts[-2]]  # the question, or the question of an option column
    if " - " in bare:
        forms += [bare.rsplit(" - ", 1)[0], bare.split(" - ", 1)[0]]
    return [f for f in dict.fromkeys(_norm(form) for form in forms) if f]


class _Names:
    """Every question's words (each language) and key, read loosely, ready to be compared with headers:
    exact words by dictionary, near ones through one prepared matcher per name."""

    def __init__(self, questions: Sequence[QuestionDefinition]) -> None:
        self.exact: dict[str, QuestionDefinition] = {}
        self.near: list[tuple[str, difflib.SequenceMatcher, QuestionDefinition]] = []
        for question in questions:
            names = [*(_norm(text) for text in question.text.values()), _norm(question.key)]
            for name in dict.fromkeys(name for name in names if name):
                self.exact.setdefault(name, question)
                matcher = difflib.SequenceMatcher(autojunk=False)
                matcher.set_seq2(name)
                self.near.append((name, matcher, question))

    def best(self, forms: Sequence[str]) -> QuestionDefinition | None:
        """The question a header's forms name: the same words, else one starting the other (a tool's
        added hint), else the most similar words above :data:`MATCH_RATIO`."""
        for form in forms:
            if form in self.exact:
                return self.exact[form]
        best, found = MATCH_RATIO, None
        for form in forms:
            for name, matcher, question in self.near:
                if len(name) >= 12 and len(form) >= 12 and (form.startswith(name) or name.startswith(form)):
                    score = 0.95
                else:
                    matcher.set_seq1(form)
                    if matcher.real_quick_ratio() < best or matcher.quick_ratio() < best:
                        continue
                    score = matcher.ratio()
                if score > best or (score == best and found is None):
                    best, found = score, question
        return found


def importable(question: QuestionDefinition) -> bool:
    return question.type not in NOT_IMPORTABLE


def _option_lookup(question: QuestionDefinition) -> dict[str, str]:
    """Option key by every loose form of its words (every language) and of its key."""
    lookup: dict[str, str] = {}
    for option in question.options:
        for name in [*option.text.values(), option.key]:
            lookup.setdefault(_norm(name), option.key)
    if OTHER in question.option_keys:
        for name in OTHER_HEADERS:
            lookup.setdefault(name, OTHER)
    return lookup


def suggest_mapping(table: Table, definition: SurveyDefinition) -> dict[str, str]:
    """A target for every column (``""`` where nothing fits), by headers read against every question's
    words in every language and its key; each question is suggested for one whole-answer column."""
    questions = _Names([q for q in definition.iter_questions() if importable(q)])
    mapping: dict[str, str] = {column.label: "" for column in table.columns}
    stamp = _timestamp_column(table)
    if stamp is not None:
        mapping[stamp.label] = SUBMITTED_AT
    taken: set[str] = set()
    previous: QuestionDefinition | None = None
    for column in table.columns:
        if mapping[column.label]:
            previous = None
            continue
        target, question = _suggest_column(column, questions, previous, taken, table.layout)
        mapping[column.label] = target
        if target and ":" not in target:
            taken.add(target)
        previous = question
    return mapping


def _suggest_column(column: Column, questions: _Names, previous: QuestionDefinition | None,
                    taken: set[str], layout: str) -> tuple[str, QuestionDefinition | None]:
    """One column's suggested target, and the choice question it belongs to (for an "Other" column after it)."""
    forms = _header_forms(column.header or column.label)
    if layout == "qualtrics" and column.sub:
        forms += _header_forms(column.sub.split("_")[0])  # the question id, "Q3" of "Q3_4_TEXT"
    if _norm(column.label) in OTHER_HEADERS or column.sub.upper().endswith("_TEXT"):
        owner = previous if _norm(column.label) in OTHER_HEADERS else questions.best(forms)
        if owner is not None and owner.type in CHOICE_TYPES and OTHER in owner.option_keys:
            return f"{owner.key}:{OTHER}", owner
        return "", None
    question = questions.best(forms)
    if question is None:
        return "", None
    option_name = column.sub if layout == "surveymonkey" else ""
    if not option_name and "/" in column.header:  # Kobo: "barriers/childcare" columns of 0 and 1
        option_name = column.header.rsplit("/", 1)[1]
        option_name = "" if _norm(option_name) == _norm(question.key) else option_name
    if option_name:
        option = _option_lookup(question).get(_norm(option_name)) if question.type in CHOICE_TYPES else None
        if option is None or (layout != "surveymonkey" and question.key in taken):
            return "", question
        return f"{question.key}:{option}", question
    if question.key in taken:
        return "", question
    return question.key, question


def _timestamp_column(table: Table) -> Column | None:
    ranked = []
    for column in table.columns:
        names = {_norm(column.label), _norm(column.sub), _norm(column.label).removeprefix("submission ")}
        for rank, name in enumerate(TIMESTAMP_HEADERS):
            if name in names:
                ranked.append((rank, column.index, column))
    return min(ranked, key=lambda item: item[:2])[2] if ranked else None


def target_choices(definition: SurveyDefinition, language: str = "en") -> list[tuple[str, str]]:
    """(target, words) for every target a column may have, as a mapping form offers them."""
    choices = [("", "Not imported"), (SUBMITTED_AT, "When the response was sent (its time)")]
    for question in definition.iter_questions():
        if not importable(question):
            continue
        text = _short(question.text_in(language))
        choices.append((question.key, f"{text} [{question.key}]"))
        if question.type in CHOICE_TYPES:
            for option in question.options:
                what = (Message(N_("words after “Other”, or Other chosen")) if option.key == OTHER
                        else Message(N_("chosen when not blank")))
                choices.append((f"{question.key}:{option.key}",
                                Message(N_("%(question)s → “%(option)s” (%(what)s)"), question=text,
                                        option=_short(option.text_in(language), 40), what=what)))
    return choices


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def apply_overrides(table: Table, mapping: Mapping[str, str], pairs: Iterable[str]) -> dict[str, str]:
    """``mapping`` with ``Header=target`` pairs (``--map``) applied; a header may be the column's label,
    its header read loosely, or its letter; ``Header=`` leaves the column out.

    Raises:
        MappingError: a pair without ``=`` or naming no column.
    """
    result = dict(mapping)
    problems = []
    for pair in pairs:
        header, sep, target = pair.rpartition("=")
        column = table.column(header) if sep else None
        if column is None:
            problems.append(f"--map {pair!r}: no column called “{header or pair}” "
                            "(use the header as printed, or the column's letter)")
            continue
        result[column.label] = target.strip()
    if problems:
        raise MappingError(problems)
    return result


def mapping_problems(table: Table, definition: SurveyDefinition, mapping: Mapping[str, str]) -> list[str]:
    """Why ``mapping`` cannot be used with this file and survey (empty when it can)."""
    problems = []
    labels = {column.label for column in table.columns}
    whole: dict[str, str] = {}
    parts: dict[str, str] = {}
    stamp = None
    for label, target in mapping.items():
        if label not in labels:
            problems.append(Message(N_("The file has no column “%(column)s”."), column=label))
            continue
        if not target:
            continue
        if target == SUBMITTED_AT:
            if stamp is not None:
                problems.append(Message(N_("Only one column can be the response's time (“%(first)s” and “%(second)s”)."),
                                         first=stamp, second=label))
            stamp = label
            continue
        key, _, option = target.partition(":")
        question = definition.question(key)
        if question is None:
            problems.append(Message(N_("“%(column)s”: the survey has no question “%(key)s”."), column=label, key=key))
        elif not importable(question):
            problems.append(Message(N_("“%(column)s”: %(key)s cannot be imported (%(why)s)."), column=label,
                                     key=question.key, why=Message(NOT_IMPORTABLE[question.type])))
        elif option and option not in question.option_keys:
            problems.append(Message(N_("“%(column)s”: question %(key)s has no option “%(option)s”."), column=label,
                                     key=key, option=option))
        elif option and target in parts:
            problems.append(Message(N_("“%(first)s” and “%(second)s” both fill option %(option)s of %(key)s."),
                                     first=parts[target], second=label, option=option, key=key))
        elif option:
            parts[target] = label
        elif key in whole:
            problems.append(Message(N_("“%(first)s” and “%(second)s” both fill question %(key)s; map one of them away."),
                                     first=whole[key], second=label, key=key))
        else:
            whole[key] = label
    return problems


# -- parsing rows -------------------------------------------------------------------------------------------

@dataclass
class _Plan:
    """Which columns feed one question."""

    question: QuestionDefinition
    whole: Column | None = None
    options: dict[str, Column] = field(default_factory=dict)

    @property
    def first(self) -> Column:
        return self.whole or next(iter(self.options.values()))


def parse_rows(table: Table, definition: SurveyDefinition, mapping: Mapping[str, str], *,
               day_first: bool | None = None, timezone: str = "UTC") -> Parsed:
    """Every data row as clean values, or the reasons it cannot be imported; nothing is stored.

    Args:
        mapping: column label -> target (see the module docstring); columns missing from it are unmapped.
        day_first: read ``3/4/2024`` as 3 April (``True``) or 4 March (``False``); ``None`` decides per
            column from its values.
        timezone: the zone of times that carry none (Google Forms writes the form's own zone).

    Raises:
        MappingError: the mapping does not fit the file or the survey.
    """
    problems = mapping_problems(table, definition, mapping)
    try:
        zone = zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones ("America")
        problems.append(Message(N_("Unknown time zone “%(zone)s” (use a name like America/Chicago)."), zone=timezone))
    if problems:
        raise MappingError(problems)
    plans: dict[str, _Plan] = {}
    stamp: Column | None = None
    result = Parsed()
    for column in table.columns:
        target = mapping.get(column.label, "")
        if not target:
            result.unmapped.append(column.label)
        elif target == SUBMITTED_AT:
            stamp = column
        else:
            key, _, option = target.partition(":")
            plan = plans.setdefault(key, _Plan(definition.question(key)))
            if option:
                plan.options[option] = column
            else:
                plan.whole = column
    order = {column.index: decided for column, decided in _date_orders(table, definition, plans, stamp, day_first,
                                                                       result.notes)}
    lenient = _without_required(definition)
    for number, cells in table.rows:
        _parse_row(number, cells, plans, stamp, order, zone, lenient, result)
    for row in result.rows:
        for key, value in row.values.items():
            if value is not None:
                result.answers[key] = result.answers.get(key, 0) + 1
    return result


def _without_required(definition: SurveyDefinition) -> SurveyDefinition:
    """The survey with no required question: a blank in a past file stays blank."""
    sections = tuple(SectionDefinition(s.key, s.title, tuple(replace(q, required=False) for q in s.questions))
                     for s in definition.sections)
    return replace(definition, sections=sections)


def _parse_row(number: int, cells: tuple[Any, ...], plans: Mapping[str, _Plan], stamp: Column | None,
               order: Mapping[int, bool], zone: zoneinfo.ZoneInfo, definition: SurveyDefinition,
               result: Parsed) -> None:
    errors: list[RowError] = []
    raw: dict[str, Any] = {}
    for key, plan in plans.items():
        try:
            value = _raw_value(plan, cells, order)
        except _CellError as error:
            errors.append(RowError(number, error.column.label, _shown(cells[error.column.index]), error.reason))
            continue
        if value is not None:
            raw[key] = value
    submitted_at = None
    if stamp is not None and not _blank(cells[stamp.index]):
        submitted_at = _to_datetime(cells[stamp.index], order.get(stamp.index, False), zone)
        if submitted_at is None:
            errors.append(RowError(number, stamp.label, _shown(cells[stamp.index]),
                                   Message(N_("not a date and time Chorus can read (e.g. 2024-03-27 14:05)"))))
    if not raw and not errors:
        result.blank_rows.append(number)
        return
    cleaned = clean_answers(definition, raw)
    for key, error in cleaned.errors.items():
        column = plans[key].first
        errors.append(RowError(number, column.label, _shown(cells[column.index]), AnswerReason(error)))
    for key in raw:
        if key not in cleaned.values and key not in cleaned.errors:
            question = plans[key].question
            column = plans[key].first
            condition = question.condition
            errors.append(RowError(number, column.label, _shown(cells[column.index]),
                                   Message(N_("answered, but the survey asks this only when %(question)s is "
                                              "%(answers)s, which this row does not say"),
                                           question=condition.question, answers=" or ".join(condition.any_of))
                                   if condition else Message(N_("this answer cannot be stored"))))
    if errors:
        result.errors.extend(errors)
        return
    result.rows.append(ParsedRow(number, {k: v for k, v in cleaned.values.items() if v is not None}, submitted_at))


class AnswerReason(Message):
    """Why an answer cannot be stored, as the survey's own checks say it to respondents (``clean_answers``):
    English as ``str``, and said through the respondent catalogs in the page's language."""

    def __new__(cls, error: AnswerError) -> Self:
        self = super().__new__(cls, error.message("en"))
        self.error = error
        return self

    def said(self, gettext: Callable[[str], str], language: str = "en") -> str:
        """The reason in ``language`` (these texts are keyed by language code, not by ``gettext``)."""
        return self.error.message(language)


class _CellError(Exception):
    def __init__(self, column: Column, reason: Message) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def _shown(cell: Any) -> str:
    if cell is None:
        return ""
    text = cell.isoformat(sep=" ") if isinstance(cell, datetime) else str(cell)
    text = " ".join(text.replace("\x00", "").split())
    return text if len(text) <= 120 else text[:119] + "…"


def _text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def _raw_value(plan: _Plan, cells: tuple[Any, ...], order: Mapping[int, bool]) -> Any:
    """The raw value (the shape :func:`clean_answers` takes) of one question from its columns."""
    question = plan.question
    if question.type in CHOICE_TYPES:
        return _choice_raw(plan, cells)
    column = plan.whole
    cell = cells[column.index]
    if _blank(cell):
        return None
    kind = get_type(question.type)
    if kind.summary == "scale":
        return _scale(question, cell, column)
    if kind.summary == "number":
        return _number(question, cell, column)
    if isinstance(kind, Date):
        day = _to_date(cell, order.get(column.index, False))
        if day is None:
            raise _CellError(column, Message(N_("not a date Chorus can read (e.g. 2024-03-27, 3/27/2024, 27 March 2024)")))
        return day.isoformat()
    return _text(cell)


def _choice_raw(plan: _Plan, cells: tuple[Any, ...]) -> Any:
    question = plan.question
    multiple = get_type(question.type).multiple
    lookup = _option_lookup(question)
    keys: list[str] = []
    other: list[str] = []
    if plan.whole is not None and not _blank(cells[plan.whole.index]):
        text = _text(cells[plan.whole.index])
        found, leftover = _split_choices(text, lookup) if multiple else _match_one(text, lookup)
        keys += found
        if leftover:
            if OTHER not in question.option_keys or not question.settings.get("other"):
                names = "; ".join(f"“{piece}”" for piece in leftover)
                raise _CellError(plan.whole, Message(N_("%(answers)s matches no answer choice of “%(question)s”, and "
                                                        "the question has no “other” box for words of its own"),
                                                     answers=names, question=_short(question.text_in("en"))))
            other += leftover
    for option, column in plan.options.items():
        cell = cells[column.index]
        if _blank(cell) or _norm(_text(cell)) in NOT_CHOSEN:
            continue
        keys.append(option)
        words = OTHER_PREFIX.sub("", _text(cell)).strip()
        if option == OTHER and _norm(words) not in CHOSEN_ONLY and lookup.get(_norm(words)) != OTHER:
            if not question.settings.get("other"):
                raise _CellError(column, Message(N_("%(key)s takes no words after “other”"), key=question.key))
            other.append(words)
    keys = list(dict.fromkeys(keys))
    if not keys and not other:
        return None
    if other:
        return {"keys" if multiple else "key": keys if multiple else (keys[0] if keys else None),
                "other": ", ".join(other)}
    return keys if multiple else (keys[0] if len(keys) == 1 else keys)


def _match_one(text: str, lookup: Mapping[str, str]) -> tuple[list[str], list[str]]:
    key = lookup.get(_norm(text))
    if key is not None:
        return [key], []
    stripped = OTHER_PREFIX.sub("", text).strip()
    if stripped != text and stripped:
        return [OTHER], [stripped]
    return [], [text]


def _split_choices(text: str, lookup: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Chosen keys and unmatched pieces of a multiple-choice cell: split on ``;`` if the cell has one, else on
    commas; neighbouring pieces are joined again when together they are one option's words ("Cost, fees")."""
    whole = lookup.get(_norm(text))
    if whole is not None:
        return [whole], []
    separator = ";" if ";" in text else ","
    pieces = [piece.strip() for piece in text.split(separator)]
    if separator == "," and len(pieces) == 1 and "\n" in text:
        pieces = [piece.strip() for piece in text.splitlines()]
    keys, leftover, i = [], [], 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            key = lookup.get(_norm(", ".join(pieces[i:j])))
            if key is not None:
                keys.append(key)
                i = j
                break
        else:
            if pieces[i]:
                leftover.append(pieces[i])
            i += 1
    if leftover and not keys and len(pieces) == 1:  # Kobo writes chosen option names separated by spaces
        names = text.split()
        if all(lookup.get(_norm(name)) for name in names):
            return [lookup[_norm(name)] for name in names], []
    prefixed = [OTHER_PREFIX.sub("", piece).strip() for piece in leftover]
    if any(p != piece for p, piece in zip(prefixed, leftover)):
        keys.append(OTHER)
    return keys, [piece for piece in prefixed if piece]


def _scale(question: QuestionDefinition, cell: Any, column: Column) -> int:
    kind = get_type(question.type)
    low, high = kind.bounds(question)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return cell
    text = _text(cell)
    words: dict[str, int] = {}
    for language in ("en", "es", *question.text):
        for point, name in kind.point_words(question, language):
            words.setdefault(_norm(name), point)
        for end, point in (("low", low), ("high", high)):
            name = kind.end_words(question, end, language)
            if name:
                words.setdefault(_norm(name), point)
    if _norm(text) in words:
        return words[_norm(text)]
    leading = LEADING_POINT.match(text)
    if leading:
        return int(leading.group(1))
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise _CellError(column, Message(N_("not a point of the scale (%(low)s to %(high)s, or a point's words)"),
                                         low=low, high=high)) from None


def _number(question: QuestionDefinition, cell: Any, column: Column) -> Any:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return cell
    text = CURRENCY.sub("", _text(cell).replace("\u00a0", " ")).strip()
    text = re.sub(r"(?<=\d)[ '](?=\d{3}\b)", "", text)  # 1 200, 1'200
    if re.fullmatch(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"[-+]?\d{1,3}(?:\.\d{3})+,\d+", text):  # 1.200,50
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[-+]?\d+,\d{1,2}", text):
        text = text.replace(",", ".")
    if not re.fullmatch(r"[-+]?(?:\d+\.?\d*|\.\d+)", text):
        raise _CellError(column, Message(N_("not a number Chorus can read (e.g. 1200, 1,200 or $18.50)")))
    return float(text)


# -- dates ---------------------------------------------------------------------------------------------------

def _date_orders(table: Table, definition: SurveyDefinition, plans: Mapping[str, _Plan], stamp: Column | None,
                 day_first: bool | None, notes: list[Message]) -> list[tuple[Column, bool]]:
    """Whether each date column writes the day first, decided from its values (or as told), with a note."""
    columns = [plan.whole for plan in plans.values()
               if plan.whole is not None and isinstance(get_type(plan.question.type), Date)]
    if stamp is not None:
        columns.append(stamp)
    decided = []
    for column in columns:
        firsts, seconds = False, False
        for _, cells in table.rows:
            match = SLASH_DATE.match(_text(cells[column.index])) if isinstance(cells[column.index], str) else None
            if match:  # a value over 12 in both places is no date at all, and no evidence
                first, second = int(match.group(1)), int(match.group(2))
                firsts |= first > 12 >= second
                seconds |= second > 12 >= first
        if day_first is not None:
            order = day_first
            why = Message(N_("as asked"))
        elif firsts and not seconds:
            order, why = True, Message(N_("a first number above 12 was seen"))
        elif seconds and not firsts:
            order, why = False, Message(N_("a second number above 12 was seen"))
        elif firsts and seconds:
            order, why = False, Message(N_("the column mixes both orders, so rows that fit neither are errors"))
        else:
            order, why = False, Message(N_("no day above 12 was seen; if they are day first, say so (“Day first” "
                                           "on the mapping page, --day-first on the command line)"))
        if firsts or seconds or day_first is not None:
            notes.append(Message(N_("Dates in “%(column)s” read as %(order)s: %(why)s."), column=column.label,
                                 order="d/m/Y" if order else "m/d/Y", why=why))
        elif any(SLASH_DATE.match(str(cells[column.index] or "")) for _, cells in table.rows):
            notes.append(Message(N_("Dates in “%(column)s” read as %(order)s: %(why)s."), column=column.label,
                                 order="m/d/Y", why=why))
        decided.append((column, order))
    return decided


def _to_date(cell: Any, day_first: bool) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if EXCEL_DAYS[0] <= cell <= EXCEL_DAYS[1]:
            return date(1899, 12, 30) + timedelta(days=int(cell))
        return None
    parsed = _parse_date_text(str(cell).strip(), day_first)
    return parsed[0] if parsed else None


def _parse_date_text(text: str, day_first: bool) -> tuple[date, str] | None:
    """A date written as text and what follows it (a time), or ``None``."""
    match = ISO_DATE.match(text)
    try:
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3))), match.group(4) or ""
        match = SLASH_DATE.match(text)
        if match:
            a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            year += 2000 if year < 100 and len(match.group(3)) == 2 else 0
            day, month = (a, b) if day_first else (b, a)
            return date(year, month, day), match.group(4) or ""
    except ValueError:
        return None
    for fmt in NAMED_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date(), ""
        except ValueError:
            continue
    return None


def _to_datetime(cell: Any, day_first: bool, zone: zoneinfo.ZoneInfo) -> datetime | None:
    """A response's time as an aware UTC datetime (times without a zone are in ``zone``)."""
    if isinstance(cell, datetime):
        moment = cell
    elif isinstance(cell, date) or isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if isinstance(cell, (int, float)) and EXCEL_DAYS[0] <= cell <= EXCEL_DAYS[1]:
            moment = datetime(1899, 12, 30) + timedelta(days=float(cell))
            moment = moment.replace(microsecond=0)
        elif isinstance(cell, date):
            moment = datetime.combine(cell, time())
        else:
            return None
    else:
        text = str(cell).strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            parsed = _parse_date_text(text, day_first)
            if parsed is None:
                return None
            day, rest = parsed
            clock = _parse_time(rest)
            if clock is None:
                return None
            moment = datetime.combine(day, clock)
    if not YEARS[0] <= moment.year <= YEARS[1]:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):  # pragma: no cover - the year range keeps clear of both ends
        return None


def _parse_time(text: str) -> time | None:
    text = text.strip()
    if not text:
        return time()
    text = re.sub(r"\s*(?:GMT|UTC)\s*$", "", text, flags=re.IGNORECASE)
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text.upper(), fmt).time()
        except ValueError:
            continue
    return None



def column_samples(table: Table, limit: int = 2) -> dict[str, list[str]]:
    """The first few non-blank values of each column, so staff see what a column holds while mapping it."""
    samples: dict[str, list[str]] = {column.label: [] for column in table.columns}
    for _, cells in table.rows[:200]:
        for column in table.columns:
            found = samples[column.label]
            if len(found) < limit and not _blank(cells[column.index]):
                shown = _shown(cells[column.index])
                if shown not in found:
                    found.append(shown)
    return samples
