"""``chorus code-occupations``: add SOC 2018 occupation codes to a CSV of job titles, from the terminal.

Partnerships hold lists of job titles long before they run a survey: an employer's open positions, a
training provider's enrolments, an intake spreadsheet where people wrote the job they want. Comparing
them needs one code list. This command codes each title offline with
:func:`analysis.occupations.load_coder` and writes the file back with the codes added, so a person only
has to look at the rows marked for review. It needs no database or app context.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import click

__all__ = ["code_occupations_command"]

ADDED_COLUMNS = ("soc_code", "soc_title", "score", "needs_review")


def _default_out(input_csv: Path) -> Path:
    return input_csv.with_name(f"{input_csv.stem}-coded.csv")


def _header_as_written(input_csv: Path, column: str) -> str:
    """The title column's name as the file spells it (the reader accepts any case and spacing)."""
    try:
        with input_csv.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
    except (OSError, UnicodeDecodeError):
        return column
    for delimiter in ",;\t|":
        for cell in next(csv.reader([first], delimiter=delimiter), []):
            if cell.strip().casefold() == column.strip().casefold():
                return cell
    return column


@click.command("code-occupations")
@click.argument("input_csv", metavar="INPUT.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--text-column", required=True, help="Name of the column holding the job titles.")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the coded file (default: INPUT-coded.csv next to INPUT.csv).",
)
def code_occupations_command(input_csv: Path, text_column: str, out: Path | None) -> None:
    """Code the job titles in INPUT.csv to SOC 2018 occupations, offline, in English or Spanish.

    Writes every row of INPUT.csv with four columns added: soc_code, soc_title, score (0-1) and
    needs_review (TRUE when the match is uncertain and a person should confirm it). Reads any UTF-8
    CSV (comma, semicolon or tab separated); the file written opens safely in a spreadsheet.
    """
    from analysis import AnswersFileError, read_answers_csv
    from analysis.occupations import ATTRIBUTION, load_coder
    from feedback.exports import to_csv

    started = time.perf_counter()
    try:
        answers = read_answers_csv(input_csv, text_column)
    except AnswersFileError as exc:
        raise click.ClickException(str(exc)) from None
    original = _header_as_written(input_csv, text_column)
    frame = answers.frame.rename(columns={text_column: original})
    text_column = original
    if text_column in ADDED_COLUMNS:
        raise click.ClickException(
            f"The titles are in a column named {text_column!r}, which this command writes. Rename that column."
        )
    replaced = [c for c in ADDED_COLUMNS if c in frame.columns]
    titles = frame[text_column].where(~frame.index.isin(list(answers.excluded_rows)), "")

    matches = load_coder().code(titles.tolist())
    coded = frame.drop(columns=replaced)
    coded["soc_code"] = [m.soc_code or "" for m in matches]
    coded["soc_title"] = [m.soc_title or "" for m in matches]
    coded["score"] = [round(m.score, 3) if m.soc_code else None for m in matches]
    coded["needs_review"] = [m.needs_review for m in matches]

    target = out or _default_out(input_csv)
    try:
        target.write_bytes(to_csv(coded))
    except OSError as exc:
        raise click.ClickException(f"Cannot write {target}: {exc.strerror or exc}") from None

    n_rows = len(frame)
    blank = sum(m.method == "empty" for m in matches)
    n_coded = sum(m.soc_code is not None for m in matches)
    review = sum(m.needs_review for m in matches)
    elapsed = time.perf_counter() - started
    if replaced:
        click.echo(f"Replaced the existing column(s) {', '.join(replaced)} with new codes.")
    click.echo(
        f"Coded {n_coded:,} of {n_rows:,} rows in {elapsed:.1f}s"
        + (f" ({blank:,} had no job title)" if blank else "")
        + f"; {review:,} need review."
    )
    click.echo(f"Wrote {target}")
    click.echo(ATTRIBUTION)
