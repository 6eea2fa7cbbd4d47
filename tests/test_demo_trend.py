"""The demo as ``chorus demo`` loads it tells a story across its two waves: the career seekers' barrier
question shows a significant change and a theme new in fall, with the spring curation kept."""

from __future__ import annotations

import pytest

from feedback.demo.loader import load_demo
from feedback.queries.trends import question_trend, wave_runs
from surveys.db import db
from surveys.models import Question, Survey

CONFIG = {"THEMES_REPRESENTATION": "tfidf"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    def build(app) -> str:
        with app.app_context():
            slug = load_demo(seed=2026, scale=1.0, find_themes=True).partnership.slug
            db.session.commit()
        return slug

    return test_database.snapshot("demo seed 2026 scale 1.0 with barrier themes per wave", build, config=CONFIG)


def test_the_demo_trend_shows_a_significant_change_and_a_theme_new_in_fall(app, database_snapshot):
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "healthcare-career-seekers"))
        question = db.session.scalar(db.select(Question).where(Question.survey_id == survey.id,
                                                                Question.key == "barriers_detail"))
        trend = question_trend(survey, question)
        assert [wave.label for wave in trend.waves] == ["Spring 2026", "Fall 2026"]
        changes = {line.label: line.changes[0] for line in trend.lines}
        assert any(c.marker in ("growing", "fading") and c.q_value < 0.05 for c in changes.values())
        new = {line.label for line in trend.lines if line.new_in == ["Fall 2026"]}
        assert "Waitlists for training seats" in new  # the concern that appeared in fall (surveys/demo data)
        assert changes["Waitlists for training seats"].marker == "new"
        assert changes["Waitlists for training seats"].q_value < 0.05
        childcare = changes["Childcare: cost and hours"]  # renamed in spring, the same theme in fall
        assert childcare.before_count
        # Fall's run found it under its curated name (whether fall's report prints its size is the
        # report's protection to decide).
        fall = wave_runs(survey, question)[trend.waves[1].id]
        assert any(t.label == "Childcare: cost and hours" and t.lineage == childcare.outcome and t.size
                   for t in fall.themes if not t.retired)


def test_loading_the_demo_again_finds_no_themes_twice(app, database_snapshot):
    from feedback.models import ThemeRun

    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(ThemeRun.id)))
        load_demo(seed=2026, scale=1.0, find_themes=True)
        assert db.session.scalar(db.select(db.func.count(ThemeRun.id))) == before


def test_each_name_the_demo_gives_in_spring_is_what_most_of_that_themes_answers_say(app, database_snapshot):
    """A reviewer found "Childcare: cost and hours" on a theme of car answers (named by its key terms)."""
    from feedback.demo.themes import SPRING_RENAMES
    from feedback.models import ThemeAssignment
    from surveys.models import Answer

    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "healthcare-career-seekers"))
        question = db.session.scalar(db.select(Question).where(Question.survey_id == survey.id,
                                                                Question.key == "barriers_detail"))
        spring = wave_runs(survey, question)[survey.waves[0].id]
        pattern = {label: p for p, label in SPRING_RENAMES}
        named = [t for t in spring.themes if t.label in pattern and not t.retired]
        assert len(named) >= 3
        for theme in named:
            texts = db.session.scalars(db.select(Answer.value_text).join(
                ThemeAssignment, ThemeAssignment.answer_id == Answer.id).where(ThemeAssignment.theme_id == theme.id)).all()
            assert sum(bool(pattern[theme.label].search(t or "")) for t in texts) * 2 > len(texts), theme.label


def test_the_demo_publishes_its_newest_curated_run_for_the_public_page(app, client, database_snapshot):
    """As before runs needed publishing: the demo's public page lists fall's themes under their curated names."""
    from feedback.models import ThemeRun

    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "healthcare-career-seekers"))
        runs = db.session.scalars(db.select(ThemeRun).where(ThemeRun.survey_id == survey.id)
                                  .order_by(ThemeRun.id)).all()
        assert [run.published_at is not None for run in runs] == [False, True]
    page = client.get(f"/p/{database_snapshot.value}").get_data(as_text=True)
    assert "Childcare: cost and hours" in page or "Waitlists for training seats" in page


def test_the_demos_spanish_public_page_names_falls_themes_as_staff_named_them_in_spring(client, database_snapshot):
    """Staff gave spring's names in Spanish too; fall's run, on the public page, keeps them."""
    from feedback.demo.themes import SPANISH_NAMES

    english = client.get(f"/p/{database_snapshot.value}?lang=en").get_data(as_text=True)
    spanish = client.get(f"/p/{database_snapshot.value}?lang=es").get_data(as_text=True)
    listed = [name for name in SPANISH_NAMES if f"<strong>{name}</strong>" in english]
    assert listed
    for name in listed:
        assert f"<strong>{SPANISH_NAMES[name]}</strong>" in spanish and name not in spanish


def test_running_fall_again_keeps_the_waitlists_theme_staff_gathered(app, database_snapshot):
    """Fall's new themes are no codebook codes: a re-run finds them again by their answers, so the four
    merged into "Waitlists for training seats" stay merged, under its name in both languages."""
    from feedback.jobs.theme_run import run_theme_run_now
    from feedback.models import RunStatus

    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "healthcare-career-seekers"))
        question = db.session.scalar(db.select(Question).where(Question.survey_id == survey.id,
                                                                Question.key == "barriers_detail"))
        fall = wave_runs(survey, question)[survey.waves[1].id]
        before = [t for t in fall.themes if not t.retired and t.label == "Waitlists for training seats"]
        shown_before = sum(not (t.retired or t.other) for t in fall.themes)
        again = run_theme_run_now(survey, question, survey.waves[1], parameters={"random_state": 0})
        assert again.status is RunStatus.FINISHED, again.message
        waitlists = [t for t in again.themes if not t.retired and t.label == "Waitlists for training seats"]
        assert len(before) == len(waitlists) == 1 and waitlists[0].lineage == before[0].lineage
        assert waitlists[0].lineage in again.parameters["new_this_wave"]
        assert waitlists[0].lineage_row.translations["es"] == "Listas de espera para cupos de capacitación"
        assert sum(not (t.retired or t.other) for t in again.themes) == shown_before
        assert "no longer applies" not in again.message
