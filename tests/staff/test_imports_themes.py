"""Imported open text is themed like any other: a Google-Forms-style file imported after a dry run, then
"Find themes" on its wave, assigns the imported answers to themes."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from feedback.models import RunStatus, Theme, ThemeAssignment, ThemeRun
from surveys.db import db
from surveys.models import Answer, Response, Survey
from tests.staff.conftest import sign_in
from tests.staff.test_imports import mapped_form, upload

CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}
TOPICS = {
    "bus": ["The bus does not run early enough for the morning shift", "No bus route reaches the hospital at night",
            "Buses stop at 7 pm so I cannot get home from a late shift", "The bus takes two hours each way"],
    "childcare": ["I cannot find childcare for my kids during the night shift", "Childcare costs more than I would earn",
                  "No daycare near me has openings for my toddler", "Childcare centers close before my shift ends"],
    "pay": ["The pay for entry level jobs is too low to cover rent", "Wages for aides are too low for my family",
            "Low pay, I earn more at the warehouse", "Starting pay does not cover the cost of training"],
}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


def export() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Timestamp", "What makes it hard?"])
    n = 0
    for repeat in range(3):
        for answers in TOPICS.values():
            for text in answers:
                n += 1
                writer.writerow([f"3/{1 + n % 28}/2024 1{repeat}:0{n % 10}:00", text if repeat == 0 else f"{text} ({repeat})"])
    return buffer.getvalue().encode()


def test_imported_open_text_gets_themes(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    html = upload(client, world.survey, export()).get_data(as_text=True)
    form = mapped_form(html)
    assert "36 rows would import" in client.post(f"/staff/surveys/{world.survey}/import/check",
                                                 data=form).get_data(as_text=True)
    assert client.post(f"/staff/surveys/{world.survey}/import/run", data=form).status_code == 302
    with app.app_context():
        survey = db.session.scalar(sa.select(Survey).where(Survey.slug == world.survey))
        wave = next(w for w in survey.waves if w.label.startswith("Past answers"))
        wave_id = wave.id
        imported = set(db.session.scalars(sa.select(Answer.id).join(Response).where(Response.import_id.is_not(None))))
    assert len(imported) == 36
    started = client.post(f"/staff/surveys/{world.survey}/questions/barriers/themes", data={"wave": str(wave_id)})
    assert started.status_code == 302
    with app.app_context():
        run = db.session.scalar(sa.select(ThemeRun).order_by(ThemeRun.id.desc()))
        assert run.status is RunStatus.FINISHED, run.message
        assigned = set(db.session.scalars(sa.select(ThemeAssignment.answer_id).where(
            ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.is_not(None))))
        themes = db.session.scalar(sa.select(sa.func.count()).select_from(Theme).where(Theme.run_id == run.id))
    assert themes >= 2
    assert assigned and assigned <= imported and len(assigned) >= 30  # the imported answers are what was themed
