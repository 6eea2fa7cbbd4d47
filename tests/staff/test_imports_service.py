"""The import service on its own: where a new wave of past answers goes, and what undo removes."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from feedback.services import ActionRefused
from feedback.services import imports as service
from surveys import response_import as reading
from surveys.models import Response, ResponseImport, Survey, Wave
from surveys.services import definition_of
from tests.test_cli_import_responses import SLUG, build_survey

UNDATED = "What would help you most?\nA bus pass\nEvening classes\n"


@pytest.fixture
def database_snapshot(test_database):
    return test_database.snapshot("a two-wave job-search survey to import into", build_survey)


def run_import(db, text: str, wave: str = "", **kwargs):
    survey = db.session.scalar(sa.select(Survey).where(Survey.slug == SLUG))
    table = reading.read_table(text.encode())
    mapping = reading.suggest_mapping(table, definition_of(survey))
    parsed = reading.parse_rows(table, definition_of(survey), mapping)
    result = service.import_responses(survey, definition_of(survey), parsed, sha256=reading.file_digest(text.encode()),
                                      mapping=mapping, filename="f.csv", source_name="Kobo", wave_label=wave,
                                      language="en", **kwargs)
    db.session.commit()
    return survey, result


def test_without_times_a_new_wave_goes_just_before_the_current_one(db):
    survey, result = run_import(db, UNDATED)
    db.session.expire_all()
    assert [w.label for w in survey.waves] == ["Spring 2026", "Past answers (Kobo)", "Fall 2026"]
    assert survey.current_wave.label == "Fall 2026" and result.created_wave and result.stored == 2


def test_an_existing_wave_is_used_by_its_label_and_undo_removes_only_the_imported_responses(db):
    _, result = run_import(db, UNDATED, wave="Fall 2026")
    assert not result.created_wave and result.wave.label == "Fall 2026"
    run_import(db, UNDATED + "More jobs nearby\n", wave="Fall 2026")
    removed = service.undo_import(result.response_import)
    db.session.commit()
    assert removed == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 3
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ResponseImport)) == 1
    assert len(db.session.scalars(sa.select(Wave)).all()) == 2


def test_an_import_with_no_rows_or_a_foreign_language_is_refused(db):
    with pytest.raises(ActionRefused, match="no rows with answers"):
        run_import(db, "What would help you most?\n\n,\n")
    db.session.rollback()
    with pytest.raises(ActionRefused, match="not in “fr”"):
        survey = db.session.scalar(sa.select(Survey).where(Survey.slug == SLUG))
        table = reading.read_table(UNDATED.encode())
        mapping = reading.suggest_mapping(table, definition_of(survey))
        service.import_responses(survey, definition_of(survey), reading.parse_rows(table, definition_of(survey), mapping),
                                 sha256="0" * 64, mapping=mapping, filename="f.csv", source_name="", wave_label="",
                                 language="fr")
