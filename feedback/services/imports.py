"""Storing a file of past answers from another tool: every row or none, once per file, in a wave.

The file is read and its rows parsed by :mod:`surveys.response_import` (no database there); this module
decides what a confirmed import does to the database:

- **Once per file.** The SHA-256 of the file's bytes is unique per survey (``response_import``), so the
  same file imported again is refused, naming the earlier import, instead of doubling every count.
- **All or nothing.** A file with any row in error is refused whole unless the person asked to leave such
  rows out (``skip_invalid_rows``, recorded in the audit line with the rows left out). Every response
  is stored through :func:`surveys.responses.submit_response` with ``channel=IMPORT``, its original time
  when the file has one, and the import it belongs to; the caller commits once.
- **A wave for past answers.** An existing wave by label, or a new one. New web answers go to the
  survey's *last* wave by position, so a new wave of past answers is placed **before** the current one:
  before the first earlier wave that opened after the file's last answer, else just before the current
  wave. Later waves move up one position in two steps (to negative positions, then to their new ones), so
  the unique (survey, position) constraint never sees two waves in one place.
- **Undo.** Deleting the import removes the responses it brought (``ON DELETE CASCADE``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from surveys.definition import SurveyDefinition
from surveys.models import Channel, Response, ResponseImport, Survey, Wave
from surveys.response_import import Parsed
from surveys.responses import submit_response

from ..extensions import db
from ..models import ThemeRun
from . import ActionRefused
from .audit import record_audit

__all__ = ["ImportResult", "duplicate_message", "earlier_import", "import_responses", "undo_import"]

LABEL_LIMIT = 100


@dataclass
class ImportResult:
    """What an import stored: the import, its wave (``created_wave``: made for it), and the rows left out."""

    response_import: ResponseImport
    wave: Wave
    created_wave: bool
    stored: int
    skipped_rows: list[int] = field(default_factory=list)


def earlier_import(survey: Survey, sha256: str) -> ResponseImport | None:
    """The import of ``survey`` that already brought in the file with this digest, if any."""
    return db.session.scalar(sa.select(ResponseImport).where(ResponseImport.survey_id == survey.id,
                                                             ResponseImport.sha256 == sha256))


def duplicate_message(earlier: ResponseImport) -> str:
    """Why the same file cannot be imported twice, naming the import that brought it in."""
    when = _aware(earlier.created_at).strftime("%Y-%m-%d %H:%M UTC")
    facts = {"file": earlier.filename or _("a file"), "source": earlier.source_name, "when": when,
             "count": earlier.row_count, "wave": earlier.wave.label}
    if earlier.source_name:
        return _("This file was imported already: “%(source)s”, %(file)s on %(when)s, %(count)s responses in wave "
                 "“%(wave)s”. Importing it again would count every answer twice; undo that import first to import "
                 "it again.", **facts)
    return _("This file was imported already: %(file)s on %(when)s, %(count)s responses in wave “%(wave)s”. "
             "Importing it again would count every answer twice; undo that import first to import it again.", **facts)


def import_responses(survey: Survey, definition: SurveyDefinition, parsed: Parsed, *, sha256: str,
                     mapping: dict[str, str], filename: str, source_name: str, wave_label: str,
                     language: str, skip_invalid_rows: bool = False) -> ImportResult:
    """Store every parsed row as a complete response of ``survey`` (flushed, not committed).

    Args:
        parsed: the rows as :func:`surveys.response_import.parse_rows` read them with ``mapping``.
        sha256: the digest of the file's bytes (:func:`surveys.response_import.file_digest`).
        wave_label: an existing wave's label, or the label of a new wave for these past answers
            (empty: "Past answers (<source>)").
        language: the language the responses are filed under (one of the survey's).
        skip_invalid_rows: store the rows that are fine and leave the others out; otherwise any row in
            error refuses the whole file.

    Raises:
        ActionRefused: the file was imported before, has rows in error, has no rows, or the wave or
            language cannot be used.
    """
    earlier = earlier_import(survey, sha256)
    if earlier is not None:
        raise ActionRefused(duplicate_message(earlier))
    if parsed.errors and not skip_invalid_rows:
        raise ActionRefused(ngettext(
            "Nothing was imported: %(num)d row has answers Chorus cannot read (listed by row and column). Fix them in the "
            "file, map those columns differently, or leave those rows out.",
            "Nothing was imported: %(num)d rows have answers Chorus cannot read (listed by row and column). Fix them "
            "in the file, map those columns differently, or leave those rows out.", parsed.error_rows),
            problems=[str(error) for error in parsed.errors])
    if not parsed.rows:
        raise ActionRefused(_("Nothing was imported: the file has no rows with answers to the mapped questions."))
    if language not in survey.languages:
        raise ActionRefused(_("The survey is not in “%(language)s”; choose one of %(languages)s.", language=language,
                              languages=", ".join(survey.languages)))
    label = " ".join((wave_label or f"Past answers ({source_name or filename or 'imported'})").split())
    wave, created = _wave_for(survey, label[:LABEL_LIMIT], parsed.times)
    response_import = ResponseImport(survey=survey, wave=wave, source_name=source_name[:100],
                                     filename=filename[:255], sha256=sha256, row_count=len(parsed.rows),
                                     mapping={label: target for label, target in mapping.items()})
    db.session.add(response_import)
    db.session.flush()
    for row in parsed.rows:
        submit_response(survey, definition, row.values, language=language, channel=Channel.IMPORT,
                        wave_id=wave.id, submitted_at=row.submitted_at, import_id=response_import.id)
    skipped = sorted({error.row for error in parsed.errors})
    db.session.execute(sa.update(ThemeRun).where(ThemeRun.survey_id == survey.id).values(report_cache=None))
    record_audit(survey.partnership_id, "responses.import", "survey", survey.slug, {
        "import": response_import.public_id, "file": response_import.filename, "sha256": sha256,
        "source": response_import.source_name, "rows": len(parsed.rows), "wave": wave.label,
        "new_wave": created, "skipped_rows": skipped[:500]})
    db.session.flush()
    return ImportResult(response_import, wave, created, len(parsed.rows), skipped)


def undo_import(response_import: ResponseImport) -> int:
    """Delete an import and every response it brought (flushed, not committed); returns how many.

    A wave made for the import stays (it may hold answers since); stored theme reports are rebuilt when next
    read, since their answers may be gone.
    """
    survey = response_import.survey
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Response)
                              .where(Response.import_id == response_import.id)) or 0
    record_audit(survey.partnership_id, "responses.import_undone", "survey", survey.slug, {
        "import": response_import.public_id, "file": response_import.filename, "responses": count})
    # Core deletes: the database removes the responses and their answers (ON DELETE CASCADE on both).
    db.session.execute(sa.delete(Response).where(Response.import_id == response_import.id),
                       execution_options={"synchronize_session": False})
    db.session.execute(sa.delete(ResponseImport).where(ResponseImport.id == response_import.id),
                       execution_options={"synchronize_session": False})
    db.session.execute(sa.update(ThemeRun).where(ThemeRun.survey_id == survey.id).values(report_cache=None))
    db.session.expunge(response_import)
    db.session.flush()
    return count


def _aware(moment: datetime) -> datetime:
    """SQLite hands times back without their zone; every stored time is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _wave_for(survey: Survey, label: str, times: list[datetime]) -> tuple[Wave, bool]:
    """The wave called ``label``, or a new one placed before the current wave (see the module docstring)."""
    existing = next((wave for wave in survey.waves if wave.label == label), None)
    if existing is not None:
        return existing, False
    waves = sorted(survey.waves, key=lambda wave: wave.position)
    if not waves:
        wave = Wave(survey=survey, label=label, position=1)
        db.session.add(wave)
        db.session.flush()
        return wave, True
    current = waves[-1]
    before = current
    if times:
        latest = times[-1]
        before = next((wave for wave in waves[:-1] if wave.opens_at is not None and _aware(wave.opens_at) > latest),
                      current)
    position = before.position
    moving = [wave for wave in waves if wave.position >= position]
    for wave in moving:  # out of the way first: negative positions are never taken
        wave.position = -wave.position - 1
    db.session.flush()
    for wave in moving:
        wave.position = -wave.position
    db.session.flush()
    wave = Wave(survey=survey, label=label, position=position,
                opens_at=times[0] if times else None, closes_at=times[-1] if times else None)
    db.session.add(wave)
    db.session.flush()
    db.session.expire(survey, ["waves"])
    return wave, True
