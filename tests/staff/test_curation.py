"""Curation survives re-runs, per-wave runs and splits; small themes never show small numbers."""

import pytest

from feedback import curation
from feedback.jobs import start_theme_run
from feedback.models import CurationKind, RunStatus, ThemeRun
from feedback.reports import theme_report
from surveys.db import db
from surveys.models import Question, Survey

CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


def barriers_question() -> Question:
    survey = db.session.scalar(db.select(Survey).where(Survey.slug == "healthcare-career-seekers"))
    return db.session.scalar(db.select(Question).where(Question.survey_id == survey.id,
                                                       Question.key == "barriers_detail"))


def run_for(question, wave=None) -> ThemeRun:
    run = start_theme_run(question.survey, question, wave, None)
    assert run.status is RunStatus.FINISHED, run.message
    return run


def first_run(app) -> int:
    with app.app_context():
        run_id = run_for(barriers_question()).id
        db.session.commit()  # start_theme_run only flushes (inline, the run is done before it returns)
        db.session.remove()
    return run_id


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    """The demo (seed 8, half size) with one finished all-waves run of the question, built once; each
    test starts from its own copy."""
    return test_database.snapshot("demo seed 8 scale 0.5, one barriers_detail run", first_run,
                                  base=test_database.demo(seed=8, scale=0.5), config=CONFIG)


@pytest.fixture
def question(app, db):
    return barriers_question()


@pytest.fixture
def first(question, database_snapshot) -> ThemeRun:
    """The question's first run over all waves, finished before the test (``run_for(question)``)."""
    return db.session.get(ThemeRun, database_snapshot.value)


def labels(run) -> set[str]:
    db.session.refresh(run)
    return {t.label for t in run.themes if not t.retired}


def real_themes(run):
    return sorted((t for t in run.themes if not t.other and not t.retired), key=lambda t: -t.size)


def test_renames_survive_runs_of_single_waves_in_between(question, first):
    for index, theme in enumerate(real_themes(first)[:3]):
        curation.record(first, CurationKind.RENAME, theme, user_id=None, label=f"Named {index}")
    db.session.commit()
    for wave in question.survey.waves:
        run_for(question, wave)
    again = run_for(question)
    assert {"Named 0", "Named 1", "Named 2"} <= labels(again)


def test_a_part_of_a_split_keeps_its_curation_on_the_next_run(question, first):
    before = {t.id for t in first.themes}
    curation.record(first, CurationKind.SPLIT, real_themes(first)[0], user_id=None)
    db.session.commit()
    db.session.refresh(first)
    part = next(t for t in real_themes(first) if t.id not in before)
    curation.record(first, CurationKind.RENAME, part, user_id=None, label="A part, renamed")
    db.session.commit()
    assert "A part, renamed" in labels(run_for(question))


def test_a_step_that_no_longer_applies_is_skipped_and_the_run_still_finishes(question, monkeypatch, first):
    curation.record(first, CurationKind.RENAME, real_themes(first)[0], user_id=None, label="Kept")
    curation.record(first, CurationKind.SPLIT, real_themes(first)[1], user_id=None)
    db.session.commit()

    def cannot_split(run, theme):
        raise curation.CurationError("Its answers do not fall into separate groups")

    monkeypatch.setattr(curation, "_split", cannot_split)
    again = run_for(question)
    assert "no longer applies" in again.message and "separate groups" in again.message
    assert "Kept" in labels(again)


def test_no_theme_count_below_the_threshold_is_published(question, first):
    run = first
    smallest = real_themes(run)[-1]
    # Move answers out until a theme is small.
    from feedback.models import ThemeAssignment

    members = db.session.scalars(db.select(ThemeAssignment.answer_id).where(
        ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id == smallest.id)).all()
    target = real_themes(run)[0]
    for answer_id in members[2:]:
        curation.record(run, CurationKind.MOVE, smallest, user_id=None, target=target, answer_id=answer_id)
    db.session.commit()
    report = theme_report(run)
    threshold = report.threshold
    assert any(line.folded for line in report.themes)
    for line in report.counted:
        assert line.size is None or line.size >= threshold
    assert report.folded_size is None or report.folded_size >= threshold
    # Every table's theme columns have public totals, so nothing hidden can be recomputed from them.
    for table in report.tables:
        theme_totals = [row[-1] for row in table.rows[:-1]]  # a row per theme; its last cell is the total
        assert report.hidden_label not in theme_totals, table.name
