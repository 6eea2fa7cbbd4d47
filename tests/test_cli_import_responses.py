"""``chorus import-responses``: a dry run stores nothing, an import stores every row or none, the same file
twice is refused, and a refusal exits non-zero."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from feedback.models import AuditEvent
from surveys.db import db as _db
from surveys.definition import load_definition
from surveys.models import Answer, Channel, Response, ResponseImport, Survey, SurveyStatus, Wave
from surveys.services import create_survey
from tests import factories
from tests.surveys.test_response_import import GOOGLE_FORMS_CSV, SURVEY

SLUG = "job-search"


def build_survey(app) -> str:
    """An open survey with two waves (Spring 2026, then Fall 2026: the current one) and no answers."""
    with app.app_context():
        partnership = factories.partnership(slug="import-p")
        survey = create_survey(partnership, load_definition(SURVEY), slug=SLUG, wave_label="Spring 2026")
        survey.waves[0].opens_at = datetime(2026, 3, 1, tzinfo=UTC)
        _db.session.add(Wave(survey=survey, label="Fall 2026", position=2, opens_at=datetime(2026, 9, 1, tzinfo=UTC)))
        survey.move_to(SurveyStatus.OPEN)
        _db.session.commit()
        _db.session.remove()
    return SLUG


@pytest.fixture
def database_snapshot(test_database):
    return test_database.snapshot("a two-wave job-search survey to import into", build_survey)


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "Job search (Responses) - Form Responses 1.csv"
    path.write_text(GOOGLE_FORMS_CSV, encoding="utf-8")
    return path


def imported(db) -> list[Response]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Response).where(Response.channel == Channel.IMPORT)
                                   .order_by(Response.submitted_at)))


def test_a_dry_run_prints_the_mapping_and_the_summary_and_stores_nothing(runner, db, export):
    result = runner.invoke(args=["import-responses", str(export), "--survey", SLUG, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Timestamp" in result.output and "@submitted_at" in result.output
    assert "What makes it hard to find work? -> barriers" in " ".join(result.output.split())
    assert "3 rows would import" in result.output and "barriers 3" in result.output
    assert "Dry run: nothing was stored." in result.output
    assert imported(db) == [] and db.session.scalar(sa.select(sa.func.count()).select_from(ResponseImport)) == 0


def test_an_import_keeps_times_and_lands_in_a_new_wave_before_the_current_one(runner, db, export):
    result = runner.invoke(args=["import-responses", str(export), "--survey", SLUG, "--source", "Google Forms 2024"])
    assert result.exit_code == 0, result.output
    assert "Imported 3 responses into a new wave “Past answers (Google Forms 2024)”" in result.output
    responses = imported(db)
    assert [r.submitted_at.replace(tzinfo=UTC) for r in responses] == [
        datetime(2024, 3, 5, 14, 3, 22, tzinfo=UTC), datetime(2024, 3, 6, 9, 10, tzinfo=UTC),
        datetime(2024, 3, 7, 16, 45, 10, tzinfo=UTC)]
    survey = db.session.scalar(sa.select(Survey).where(Survey.slug == SLUG))
    # The answers of 2024 come before Spring 2026; new web answers still go to Fall 2026.
    assert [w.label for w in survey.waves] == ["Past answers (Google Forms 2024)", "Spring 2026", "Fall 2026"]
    assert [w.position for w in survey.waves] == [1, 2, 3]
    assert survey.current_wave.label == "Fall 2026"
    assert {r.wave_id for r in responses} == {survey.waves[0].id}
    record = db.session.scalar(sa.select(ResponseImport))
    assert record.source_name == "Google Forms 2024" and record.row_count == 3
    assert record.mapping["Timestamp"] == "@submitted_at" and {r.import_id for r in responses} == {record.id}
    other = db.session.scalar(sa.select(Answer.value_text).where(Answer.option_key == "other"))
    assert other == "my car broke down"
    audit = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "responses.import"))
    assert audit.details["rows"] == 3 and audit.details["file"] == export.name


def test_the_same_file_twice_is_refused_naming_the_earlier_import(runner, db, export):
    assert runner.invoke(args=["import-responses", str(export), "--survey", SLUG, "--source", "GF"]).exit_code == 0
    again = runner.invoke(args=["import-responses", str(export), "--survey", SLUG, "--wave", "Spring 2026"])
    assert again.exit_code == 1
    assert "This file was imported already: “GF”" in again.output and "3 responses" in again.output
    assert len(imported(db)) == 3


def test_a_bad_row_refuses_the_whole_file_unless_rows_in_error_are_left_out(runner, db, tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text(GOOGLE_FORMS_CSV + "3/8/2024 10:00:00,Childcare,Maybe,12,,,\n", encoding="utf-8")
    refused = runner.invoke(args=["import-responses", str(path), "--survey", SLUG, "--wave", "Spring 2026"])
    assert refused.exit_code == 1
    assert "Row 5, column “Are you working now?” “Maybe”:" in refused.output
    assert "Nothing was imported: 1 row has" in refused.output
    assert imported(db) == []
    kept = runner.invoke(args=["import-responses", str(path), "--survey", SLUG, "--wave", "Spring 2026",
                               "--skip-invalid-rows"])
    assert kept.exit_code == 0, kept.output
    assert "Imported 3 responses into wave “Spring 2026”" in kept.output and "Left out 1 row in error" in kept.output
    survey = db.session.scalar(sa.select(Survey).where(Survey.slug == SLUG))
    assert len(survey.waves) == 2 and {r.wave_id for r in imported(db)} == {survey.waves[0].id}


def test_map_changes_a_column_and_a_bad_mapping_exits_non_zero(runner, db, export):
    result = runner.invoke(args=["import-responses", str(export), "--survey", SLUG, "--dry-run",
                                 "--map", "What would help you most?=", "--map", "Timestamp="])
    assert result.exit_code == 0, result.output
    assert "Not imported (map them with --map HEADER=KEY): Timestamp; What would help you most?" in result.output
    assert "what_would_help" not in result.output.split("Answers per question:")[1]
    bad = runner.invoke(args=["import-responses", str(export), "--survey", SLUG, "--map", "Timestamp=nope"])
    assert bad.exit_code == 1 and "the survey has no question “nope”" in bad.output
    missing = runner.invoke(args=["import-responses", str(export), "--survey", "no-such-survey"])
    assert missing.exit_code == 1 and "No survey called" in missing.output


def test_an_xlsx_sheet_imports_with_its_dates_and_a_day_first_order(runner, db, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Respuestas"
    sheet.append(["Marca temporal", "¿Qué le dificulta encontrar trabajo?", "¿Cuándo puede empezar?"])
    sheet.append([datetime(2024, 3, 5, 14, 3, 22), "Cuidado infantil, Transporte", "4/3/2024"])
    path = tmp_path / "respuestas.xlsx"
    book.save(path)
    result = runner.invoke(args=["import-responses", str(path), "--survey", SLUG, "--sheet", "Respuestas",
                                 "--language", "es", "--day-first", "--wave", "Spring 2026"])
    assert result.exit_code == 0, result.output
    assert "Dates in “¿Cuándo puede empezar?” read as d/m/Y: as asked." in result.output
    (response,) = imported(db)
    assert response.language == "es" and response.submitted_at.replace(tzinfo=UTC) == datetime(
        2024, 3, 5, 14, 3, 22, tzinfo=UTC)
    stored = dict(db.session.execute(sa.select(Answer.option_key, Answer.value_text)
                                     .where(Answer.response_id == response.id)).all())
    assert stored == {"childcare": None, "transport": None, "": "2024-03-04"}
    unknown = runner.invoke(args=["import-responses", str(path), "--survey", SLUG, "--sheet", "Nope"])
    assert unknown.exit_code == 1 and "no sheet called “Nope”" in unknown.output


def test_the_same_file_stored_at_the_same_moment_elsewhere_exits_1_not_a_traceback(runner, db, export, monkeypatch):
    """Both checks for an earlier import ran before the other import was saved: the unique (survey,
    file digest) constraint refuses the second, and the command says so."""
    from feedback.services import imports as import_service

    assert runner.invoke(args=["import-responses", str(export), "--survey", SLUG]).exit_code == 0
    monkeypatch.setattr(import_service, "earlier_import", lambda survey, sha256: None)
    again = runner.invoke(args=["import-responses", str(export), "--survey", SLUG, "--wave", "Spring 2026"])
    assert again.exit_code == 1, again.output
    assert "saved at the same moment; nothing was imported" in again.output
    assert len(imported(db)) == 3
