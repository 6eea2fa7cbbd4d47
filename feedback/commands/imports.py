"""``chorus import-responses``: past answers from another tool's CSV or XLSX export, checked, then stored.

The command prints the mapping it will use (suggested from the headers, changed with ``--map``), every
column it leaves out, every row it cannot read (row, column, value, why) and what it did. ``--dry-run``
stores nothing. Exit status 1 when the import is refused (rows in error, the same file again, a mapping
that does not fit), so a script can tell.
"""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.exc import IntegrityError

from surveys import response_import as reading
from surveys.models import Survey
from surveys.services import definition_of

from ..extensions import db
from ..services import ActionRefused
from ..services import imports as import_service

ERRORS_SHOWN = 200


@click.command("import-responses")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--survey", "slug", required=True, help="The survey's slug (`chorus surveys` lists them).")
@click.option("--wave", default="", help="An existing wave's label, or a new wave for these past answers "
              "(placed before the current wave). Default: a new wave “Past answers (SOURCE)”.")
@click.option("--source", default="", help="Where the file came from, e.g. “Google Forms 2024”.")
@click.option("--dry-run", is_flag=True, help="Check every row and print the report; store nothing.")
@click.option("--map", "pairs", multiple=True, metavar="HEADER=TARGET",
              help="Map a column (its header, or its letter) to a question key, KEY:OPTION, @submitted_at, or "
                   "nothing (HEADER=). Repeat for each column to change.")
@click.option("--sheet", default=None, help="The XLSX sheet to read (default: the first).")
@click.option("--language", default=None, help="The language the responses were given in (default: the "
              "survey's first).")
@click.option("--day-first/--month-first", "day_first", default=None,
              help="How to read 3/4/2024 (default: decided per column from its values, else month first).")
@click.option("--timezone", default="UTC", show_default=True, help="The zone of times that carry none.")
@click.option("--skip-invalid-rows", is_flag=True, help="Import the rows that are fine and leave out the rows "
              "in error (they are listed, and the audit trail records them).")
def import_responses_command(file: Path, slug: str, wave: str, source: str, dry_run: bool, pairs: tuple[str, ...],
                             sheet: str | None, language: str | None, day_first: bool | None, timezone: str,
                             skip_invalid_rows: bool) -> None:
    """Import past answers to SURVEY from another tool's CSV or XLSX export (first row: the questions)."""
    survey = db.session.scalar(db.select(Survey).where(Survey.slug == slug))
    if survey is None:
        raise click.ClickException(f"No survey called {slug!r}; `chorus surveys` lists them.")
    data = file.read_bytes()
    definition = definition_of(survey)
    try:
        table = reading.read_table(data, file.name, sheet)
        mapping = reading.apply_overrides(table, reading.suggest_mapping(table, definition), pairs)
        _print_mapping(table, definition, mapping)
        parsed = reading.parse_rows(table, definition, mapping, day_first=day_first, timezone=timezone)
    except reading.ImportFileError as error:
        raise click.ClickException(str(error)) from None
    except reading.MappingError as error:
        raise click.ClickException("The mapping cannot be used:\n  " + "\n  ".join(error.problems)) from None
    _print_report(parsed)
    digest = reading.file_digest(data)
    earlier = import_service.earlier_import(survey, digest)
    if earlier is not None:
        raise click.ClickException(import_service.duplicate_message(earlier))
    if dry_run:
        click.echo("Dry run: nothing was stored.")
        if parsed.errors and not skip_invalid_rows:
            raise click.ClickException("Rows in error: fix them, change the mapping, or use --skip-invalid-rows.")
        return
    try:
        result = import_service.import_responses(
            survey, definition, parsed, sha256=digest, mapping=mapping, filename=file.name, source_name=source,
            wave_label=wave, language=language or survey.languages[0], skip_invalid_rows=skip_invalid_rows)
        db.session.commit()
    except ActionRefused as refused:
        db.session.rollback()
        raise click.ClickException(str(refused)) from None
    except IntegrityError:  # the same file, or a new wave, stored at the same moment from the staff pages
        db.session.rollback()
        raise click.ClickException("Another import of this survey was saved at the same moment; nothing was "
                                   "imported. Run the command again.") from None
    where = "a new wave" if result.created_wave else "wave"
    click.echo(f"Imported {result.stored} responses into {where} “{result.wave.label}” "
               f"(import {result.response_import.public_id}).")
    if result.skipped_rows:
        rows = "1 row" if len(result.skipped_rows) == 1 else f"{len(result.skipped_rows)} rows"
        click.echo(f"Left out {rows} in error: "
                   + ", ".join(str(row) for row in result.skipped_rows[:50])
                   + (" …" if len(result.skipped_rows) > 50 else ""))


def _print_mapping(table: reading.Table, definition, mapping: dict[str, str]) -> None:
    names = dict(reading.target_choices(definition))
    click.echo(f"{len(table.rows)} data rows, {len(table.columns)} columns ({table.layout} layout"
               + (f", sheet “{table.sheet}”" if table.sheet else "") + ").")
    click.echo("Mapping (column -> target):")
    width = min(48, max((len(column.label) for column in table.columns), default=0))
    for column in table.columns:
        target = mapping.get(column.label, "")
        shown = f"{target}  ({names.get(target, target)})" if target else "not imported"
        click.echo(f"  {column.letter:>3} {column.label[:width]:<{width}} -> {shown}")


def _print_report(parsed: reading.Parsed) -> None:
    if parsed.unmapped:
        click.echo("Not imported (map them with --map HEADER=KEY): " + "; ".join(parsed.unmapped))
    for note in parsed.notes:
        click.echo(f"Note: {note}")
    if parsed.errors:
        click.echo(f"{len(parsed.errors)} problems in {parsed.error_rows} rows:")
        for error in parsed.errors[:ERRORS_SHOWN]:
            click.echo(f"  {error}")
        if len(parsed.errors) > ERRORS_SHOWN:
            click.echo(f"  … and {len(parsed.errors) - ERRORS_SHOWN} more")
    blank = f", {len(parsed.blank_rows)} blank rows skipped" if parsed.blank_rows else ""
    click.echo(f"{len(parsed.rows)} rows would import{blank}.")
    if parsed.answers:
        click.echo("Answers per question: " + ", ".join(f"{key} {count}" for key, count in parsed.answers.items()))
