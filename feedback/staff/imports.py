"""Past answers from another tool's export: upload a CSV or XLSX, confirm which question each column
answers, check every row (a dry run: nothing stored), then import all rows or none; undo an import.

Admins and analysts of the survey's partnership may import (a file of other people's answers is the
partnership's to bring in, not one partner's); partners get 403, other partnerships 404.

**The uploaded file between steps** is kept on the server, not sent back and forth: under the app's
instance folder, ``imports/<survey id>/<sha256>`` (mode 600), named by the digest of its bytes. The
forms carry only that digest (checked as 64 hex digits, and against the bytes when read back), so a form
can name no other file, and a file is only ever read for the survey it was uploaded to. It is removed when
the import succeeds, and any file older than a day is removed at the next upload. Several hosts behind one
address must share the instance folder (or route a person to one host); otherwise the person is asked to
upload the file again, never shown an error page.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.exc import IntegrityError

from surveys import response_import as reading
from surveys.definition import SurveyDefinition
from surveys.models import ResponseImport, Survey
from surveys.services import definition_of

from .. import access
from ..extensions import db
from ..services import ActionRefused
from ..services import imports as import_service
from .blueprint import bp
from .helpers import flash_at, said

DIGEST = re.compile(r"[0-9a-f]{64}")
KEEP_SECONDS = 24 * 3600
NEW_WAVE = "__new__"
DATE_ORDERS = {"auto": None, "month": False, "day": True}
ERRORS_SHOWN = 200
TARGET_WORDS = {"": _l("Not imported"), reading.SUBMITTED_AT: _l("When the response was sent (its time)")}
"""The mapping's targets that are no question, in the page's language (questions read as the survey wrote them)."""


def importer(slug: str) -> access.SurveyAccess:
    """The survey ``slug`` for someone who may import answers into it (404 for other partnerships, 403
    for partners)."""
    return access.survey_access(slug).require("can_import")


# -- the file between steps -------------------------------------------------------------------------------

def _folder(survey: Survey) -> Path:
    return Path(current_app.instance_path) / "imports" / str(survey.id)


def _keep(survey: Survey, data: bytes) -> str:
    """Store the uploaded bytes for the next steps; returns their digest. Old uploads are swept first."""
    root = Path(current_app.instance_path) / "imports"
    cutoff = time.time() - KEEP_SECONDS
    for old in root.glob("*/*"):
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    digest = reading.file_digest(data)
    folder = _folder(survey)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / digest
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return digest


def _kept(survey: Survey, digest: str) -> bytes | None:
    """The bytes uploaded for ``survey`` under ``digest``, or ``None`` when gone or not ours."""
    if not DIGEST.fullmatch(digest or ""):
        return None
    path = _folder(survey) / digest
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if reading.file_digest(data) == digest else None


def _forget(survey: Survey, digest: str) -> None:
    if DIGEST.fullmatch(digest or ""):
        (_folder(survey) / digest).unlink(missing_ok=True)


# -- the form -----------------------------------------------------------------------------------------------

@dataclass
class Step:
    """Everything the mapping page shows and posts back: the file, the choices, and the dry run's result."""

    survey: Survey
    definition: SurveyDefinition
    digest: str = ""
    filename: str = ""
    sheet: str = ""
    source: str = ""
    wave: str = NEW_WAVE
    new_wave: str = ""
    language: str = ""
    date_order: str = "auto"
    timezone: str = "UTC"
    skip: bool = False
    table: reading.Table | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    parsed: reading.Parsed | None = None
    problems: list[str] = field(default_factory=list)  # Messages from `surveys` are said on the page

    def context(self) -> dict[str, Any]:
        table = self.table
        targets = [(value, TARGET_WORDS.get(value) or said(words))
                   for value, words in reading.target_choices(self.definition)]
        return {"step": self, "survey": self.survey, "targets": targets,
                "samples": reading.column_samples(table) if table else {}, "errors_shown": ERRORS_SHOWN,
                "questions": {q.key: q.text_in("en") for q in self.definition.iter_questions()},
                "new_wave": NEW_WAVE}


def _text(name: str, limit: int) -> str:
    return " ".join((request.form.get(name) or "").split())[:limit]


def _step_from_form(survey: Survey) -> Step:
    """The mapping page as posted, with its file read again; ``problems`` says what stops it."""
    step = Step(survey, definition_of(survey), digest=request.form.get("file", ""),
                filename=_text("filename", 255), sheet=_text("sheet", 100), source=_text("source", 100),
                wave=request.form.get("wave", NEW_WAVE), new_wave=_text("new_wave", 100),
                language=request.form.get("language", ""), date_order=request.form.get("date_order", "auto"),
                timezone=_text("timezone", 64) or "UTC", skip=request.form.get("skip") == "y")
    data = _kept(survey, step.digest)
    if data is None:
        step.problems.append(_("The uploaded file is no longer here (files are kept for a day). Upload it again."))
        return step
    try:
        step.table = reading.read_table(data, step.filename, step.sheet or None)
    except reading.ImportFileError as error:
        step.problems.append(error.message)
        return step
    targets = {value for value, _words in reading.target_choices(step.definition)}
    step.mapping = {column.label: (value if value in targets else "") for column in step.table.columns
                    for value in [request.form.get(f"col_{column.index}", "")]}
    if step.date_order not in DATE_ORDERS:
        step.date_order = "auto"
    if step.language not in survey.languages:
        step.language = survey.languages[0]
    try:
        step.parsed = reading.parse_rows(step.table, step.definition, step.mapping,
                                         day_first=DATE_ORDERS[step.date_order], timezone=step.timezone)
    except reading.MappingError as error:
        step.problems += error.problems
    earlier = import_service.earlier_import(survey, step.digest)
    if earlier is not None:
        step.problems.append(import_service.duplicate_message(earlier))
    return step


def _imports(survey: Survey) -> list[ResponseImport]:
    """The survey's imports, newest first (a handful: one per file ever brought in)."""
    return list(db.session.scalars(db.select(ResponseImport).where(ResponseImport.survey_id == survey.id)
                                   .order_by(ResponseImport.created_at.desc())))


def _wave_label(step: Step) -> str:
    if step.wave != NEW_WAVE and any(wave.label == step.wave for wave in step.survey.waves):
        return step.wave
    return step.new_wave


# -- the views ----------------------------------------------------------------------------------------------

@bp.get("/surveys/<slug>/import")
def import_upload(slug: str) -> ResponseReturnValue:
    """Upload a file of past answers; the imports made so far, each with its undo button."""
    survey = importer(slug).survey
    return render_template("staff/import_upload.html", survey=survey, imports=_imports(survey), problems=[])


@bp.post("/surveys/<slug>/import")
def import_file(slug: str) -> ResponseReturnValue:
    """Read the uploaded file and show the mapping page, each column's question suggested."""
    survey = importer(slug).survey
    upload = request.files.get("file")
    data = upload.read() if upload is not None and upload.filename else b""
    sheet = _text("sheet", 100)
    step = Step(survey, definition_of(survey), filename=Path((upload.filename or "") if upload else "").name[:255],
                sheet=sheet, source=_text("source", 100), language=survey.languages[0])
    try:
        if not data:
            raise reading.ImportFileError(_("Choose a CSV or XLSX file to upload."))
        step.table = reading.read_table(data, step.filename, sheet or None)
    except reading.ImportFileError as error:
        return render_template("staff/import_upload.html", survey=survey, imports=_imports(survey),
                               problems=[error.message]), 422
    step.digest = _keep(survey, data)
    step.mapping = reading.suggest_mapping(step.table, step.definition)
    earlier = import_service.earlier_import(survey, step.digest)
    if earlier is not None:
        step.problems.append(import_service.duplicate_message(earlier))
    return render_template("staff/import_map.html", **step.context())


@bp.post("/surveys/<slug>/import/check")
def import_check(slug: str) -> ResponseReturnValue:
    """The dry run: every row read with the mapping as chosen; what would be imported, and every row in
    error by row, column, value and why. Nothing is stored."""
    step = _step_from_form(importer(slug).survey)
    return render_template("staff/import_map.html", **step.context()), 422 if step.problems else 200


@bp.post("/surveys/<slug>/import/run")
def import_run(slug: str) -> ResponseReturnValue:
    """Import every row, or none: refused when a row is in error (unless rows in error are left out), or
    when the same file was imported before."""
    survey = importer(slug).survey
    step = _step_from_form(survey)
    if not step.problems and step.parsed is not None:
        try:
            result = import_service.import_responses(
                survey, step.definition, step.parsed, sha256=step.digest, mapping=step.mapping,
                filename=step.filename, source_name=step.source, wave_label=_wave_label(step),
                language=step.language, skip_invalid_rows=step.skip)
            db.session.commit()
        except ActionRefused as refused:
            step.problems.append(str(refused))
        except IntegrityError:  # another import of the same file, or a new wave, won a race
            step.problems.append(_("Another import of this survey was saved at the same moment. Check again."))
        else:
            _forget(survey, step.digest)
            flash_at(_imported(result), "imports")
            return redirect(url_for("staff.import_upload", slug=slug, _anchor="imports"))
    db.session.rollback()
    return render_template("staff/import_map.html", **step.context()), 422


def _imported(result: import_service.ImportResult) -> str:
    """The flash after an import: how many responses went into which wave, and the rows left out (the first 30)."""
    rows = result.skipped_rows
    if not rows:
        return ngettext("Imported %(num)d response into wave “%(wave)s”.",
                        "Imported %(num)d responses into wave “%(wave)s”.", result.stored, wave=result.wave.label)
    return ngettext("Imported %(count)s responses into wave “%(wave)s”; left out row %(rows)s.",
                    "Imported %(count)s responses into wave “%(wave)s”; left out rows %(rows)s.", len(rows),
                    count=result.stored, wave=result.wave.label, rows=", ".join(map(str, rows[:30])))


@bp.post("/imports/<public_id>/undo")
def import_undo(public_id: str) -> ResponseReturnValue:
    """Delete an import and every response it brought in."""
    record, grant = access.import_of(public_id)
    survey = grant.survey
    name = record.source_name or record.filename
    removed = import_service.undo_import(record)
    db.session.commit()
    flash_at(ngettext("Import “%(name)s” undone: its %(num)d response is deleted.",
                      "Import “%(name)s” undone: its %(num)d responses are deleted.", removed, name=name), "imports")
    return redirect(url_for("staff.import_upload", slug=survey.slug, _anchor="imports"))
