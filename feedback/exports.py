"""Exports of responses and reports as CSV, XLSX and JSON, safe to open in a spreadsheet.

Answers are untrusted text. A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read by Excel, LibreOffice and Google Sheets as a formula, which can run commands or send data
away (``=HYPERLINK(...)``, DDE). Following the OWASP guidance on CSV injection, every such string, in
every cell and every header, gets a leading apostrophe so it is shown as text. The same is done when the
trigger follows leading spaces, because some importers trim them. Numbers stored as numbers stay numbers,
negative ones included: only text is ever changed.

A frame's index is not exported; call ``reset_index()`` first to keep it. Missing values (``None``,
``NaN``, ``<NA>``, ``NaT``) are written as empty cells (``null`` in JSON). Control characters that XML
cannot hold (all but tab, line feed and carriage return) are dropped from text in every format, before
neutralising, so that a hidden character can never put a trigger first.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["FORMULA_TRIGGERS", "neutralise", "to_csv", "to_json", "to_xlsx"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)."""

Table = pd.DataFrame | Iterable[Mapping[str, Any]]
"""What the export functions accept: a DataFrame, or rows as dicts (columns in first-seen order)."""

_LEADING_SPACES = re.compile(r"^[ \u00a0\u3000]+")
# Characters XML 1.0 cannot hold; openpyxl refuses them, so they are dropped from XLSX cells.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(value: Any) -> Any:
    """Make a value safe for a spreadsheet cell: formula-like text gets a leading apostrophe.

    Args:
        value: Any cell value.

    Returns:
        ``"'" + value`` when ``value`` is text starting (after any spaces) with one of
        :data:`FORMULA_TRIGGERS`; otherwise ``value`` unchanged, so numbers stay numbers.
    """
    if isinstance(value, str) and _LEADING_SPACES.sub("", value)[:1] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def to_csv(table: Table) -> bytes:
    """The table as CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, every cell neutralised.

    Args:
        table: A DataFrame, or rows as dicts.

    Returns:
        The file's bytes.

    Raises:
        TypeError: ``table`` is neither a DataFrame nor an iterable of mappings.
    """
    headers, rows = _prepare(table)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if value is None else _csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table, sheet_name: str = "Export") -> bytes:
    """The table as an Excel workbook with one sheet; text is always stored as text, never as a formula.

    Args:
        table: A DataFrame, or rows as dicts.
        sheet_name: Name of the sheet; characters Excel forbids are replaced and it is cut to 31.

    Returns:
        The file's bytes.

    Raises:
        TypeError: ``table`` is neither a DataFrame nor an iterable of mappings.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    headers, rows = _prepare(table)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(sheet_name))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value: Any, font: Font | None = None) -> WriteOnlyCell:
        if isinstance(value, dt.datetime | dt.time) and value.tzinfo is not None:
            value = value.isoformat()  # Excel has no time zones; keep the offset as text
        result = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            result.data_type = "s"  # never "f", whatever the text looks like
        if font is not None:
            result.font = font
        return result

    sheet.append([cell(header, bold) for header in headers])
    for row in rows:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_json(table: Table, *, neutralise_formulas: bool = True) -> bytes:
    """The table as a UTF-8 JSON array of objects, one per row, keyed by header.

    JSON is often turned into a spreadsheet later, so cells and keys are neutralised like the other
    formats unless ``neutralise_formulas`` is false (for programs that want the raw text).

    Args:
        table: A DataFrame, or rows as dicts.
        neutralise_formulas: Apply :func:`neutralise` to every value and key.

    Returns:
        The file's bytes.

    Raises:
        TypeError: ``table`` is neither a DataFrame nor an iterable of mappings.
    """
    headers, rows = _prepare(table, neutralise_cells=neutralise_formulas)
    records = [dict(zip(headers, (_json_value(v) for v in row), strict=True)) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")


# ---------------------------------------------------------------------------------------------- helpers


def _prepare(table: Table, *, neutralise_cells: bool = True) -> tuple[list[str], list[list[Any]]]:
    """Headers as neutralised, unique text and rows of plain Python values."""
    frame = _as_frame(table)
    headers = _unique([_header(column) for column in frame.columns])
    rows = [[_plain(value) for value in row] for row in frame.itertuples(index=False, name=None)]
    if neutralise_cells:
        headers = [neutralise(h) for h in headers]
        rows = [[neutralise(v) for v in row] for row in rows]
    return headers, rows


def _as_frame(table: Table) -> pd.DataFrame:
    if isinstance(table, pd.DataFrame):
        return table
    if isinstance(table, str | bytes | Mapping) or not isinstance(table, Iterable):
        raise TypeError(f"expected a DataFrame or a list of dicts, got {type(table).__name__}")
    rows = list(table)
    if not all(isinstance(row, Mapping) for row in rows):
        raise TypeError("expected a DataFrame or a list of dicts: every row must be a mapping")
    columns: dict[Any, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return pd.DataFrame([[row.get(c) for c in columns] for row in rows], columns=list(columns), dtype=object)


def _header(column: Any) -> str:
    if isinstance(column, tuple):  # MultiIndex columns
        return " / ".join(str(part) for part in column if not _missing(part))
    return "" if _missing(column) else str(column)


def _unique(headers: list[str]) -> list[str]:
    """Headers made distinct (``name``, ``name (2)``...) so JSON keys never overwrite each other."""
    seen: set[str] = set()
    result = []
    for header in headers:
        candidate, n = header, 1
        while candidate in seen:
            n += 1
            candidate = f"{header} ({n})"
        seen.add(candidate)
        result.append(candidate)
    return result


def _missing(value: Any) -> bool:
    if isinstance(value, list | tuple | set | dict | np.ndarray):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: Any) -> Any:
    """A cell as None, bool, int, float, str or datetime: what every writer understands."""
    if _missing(value):
        return None
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    elif isinstance(value, np.timedelta64):
        value = pd.Timedelta(value)
    elif isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        return _ILLEGAL_XML.sub("", value)
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, decimal.Decimal):
        return float(value) if value.is_finite() else str(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value
    if isinstance(value, pd.Timedelta | dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return _ILLEGAL_XML.sub("", str(value))


def _csv_text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _sheet_title(name: str) -> str:
    title = _SHEET_NAME_FORBIDDEN.sub("_", _ILLEGAL_XML.sub("", str(name))).strip("'").strip()
    return title[:31] or "Export"
