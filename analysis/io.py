"""Reading answers from survey tools' CSV exports, with errors that say how to fix the file.

Staff bring CSVs from Kobo (often semicolon-separated), Qualtrics (two extra header rows), Google Forms
and spreadsheets (a byte-order mark, quoted line breaks inside answers). The reader accepts them all and,
when it cannot, says what to do rather than printing a traceback.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["AnswersFile", "AnswersFileError", "column_error", "read_answers_csv"]


class AnswersFileError(ValueError):
    """The answers file cannot be used as it is; the message says why and how to fix it."""


@dataclass(frozen=True)
class AnswersFile:
    """A survey export as read: its rows, and the rows known not to be answers.

    Attributes:
        frame: one row per data row of the file, every column as text.
        excluded_rows: row → reason for rows that are not answers (Qualtrics' two extra header rows are
            ``"export_header"``); give them to :func:`~analysis.engine.find_themes` so the rows keep their
            numbers and say why they have no theme.
    """

    frame: pd.DataFrame
    excluded_rows: dict[int, str] = field(default_factory=dict)


def column_error(column: str, columns: list[str]) -> str:
    """Explain that ``column`` is missing, naming close matches and the columns that exist."""
    close = difflib.get_close_matches(column, columns, n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    listed = ", ".join(repr(c) for c in columns[:30]) + (" …" if len(columns) > 30 else "")
    return f"There is no column {column!r} in the file.{hint} Columns found: {listed}."


def _resolve(column: str, columns: list[str]) -> str:
    if column in columns:
        return column
    folded = [c for c in columns if c.strip().casefold() == column.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise AnswersFileError(column_error(column, columns))


def read_answers_csv(path: str | Path, text_column: str) -> AnswersFile:
    """Read a UTF-8 CSV export, every column as text, and name the rows that are not answers.

    The delimiter (comma, semicolon, tab or pipe) is sniffed; a byte-order mark and quoted line breaks are
    handled; a column name matching except for case or surrounding spaces is accepted. Qualtrics' two
    extra header rows are kept as rows (so row numbers match the file) and listed in ``excluded_rows``.

    Args:
        path: the CSV file.
        text_column: the column holding the open-ended answers.

    Returns:
        The data, one row per data row of the file, with the answer column renamed to ``text_column``,
        and the rows that are not answers.

    Raises:
        AnswersFileError: when the file is missing, unreadable, not UTF-8, empty, or lacks the column.
    """
    p = Path(path)
    if not p.is_file():
        raise AnswersFileError(f"Cannot find the file {str(p)!r}.")
    try:
        raw = p.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnswersFileError(
            f"{p.name} is not UTF-8 text (byte {exc.start}). Save it again as 'CSV UTF-8' "
            "(in Excel: File > Save As > CSV UTF-8) and retry."
        ) from None
    except OSError as exc:
        raise AnswersFileError(f"Cannot read {p.name}: {exc.strerror or exc}.") from None
    if not text.strip():
        raise AnswersFileError(f"{p.name} is empty.")
    try:
        sniffed = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t|").delimiter
    except csv.Error:
        sniffed = ","
    frame, column, error = None, None, None
    # The sniffer can be fooled by punctuation inside answers; the column the user named settles it.
    for sep in dict.fromkeys([sniffed, ",", ";", "\t", "|"]):
        try:
            candidate = pd.read_csv(
                io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[]
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            if sep == sniffed:
                error = exc
            continue
        candidate.columns = [str(c) for c in candidate.columns]
        if frame is None:
            frame = candidate
        try:
            column = _resolve(text_column, list(candidate.columns))
        except AnswersFileError:
            continue
        frame = candidate
        break
    if frame is None:
        raise AnswersFileError(f"{p.name} is not a readable CSV file: {error}".rstrip(".") + ".")
    if column is None:
        raise AnswersFileError(column_error(text_column, list(frame.columns)))
    if column != text_column:
        frame = frame.rename(columns={column: text_column})
    if len(frame) >= 2 and frame.iloc[1].astype(str).str.startswith('{"ImportId"').any():
        # Qualtrics: row 0 repeats the question text, row 1 holds import ids.
        return AnswersFile(frame, {0: "export_header", 1: "export_header"})
    return AnswersFile(frame)
