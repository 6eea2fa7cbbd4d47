"""Theme reports, summaries and trends read in Spanish: the survey's demographic questions and options in
its Spanish words (breakdown tables, the trend page's group picker), hidden cells and chart titles in
Spanish, theme and topic names said in the reader's language or marked with their own (``lang``), and
the codebook form's numbers and examples written as Spanish writes them. English readers see the pages
as before; downloads keep their English names (their columns and table names are documented English)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po

from feedback.models import ThemeRun
from feedback.reports import refresh_report_cache
from surveys.db import db
from surveys.models import Organization, Partnership, Survey
from tests.staff.conftest import page, reader
from tests.staff.test_query_counts import survey_with
from tests.staff.test_trends import hand_made  # noqa: F401 - a fixture: two waves with hidden counts

CATALOGS = Path(__file__).resolve().parents[2] / "surveys" / "translations"


@pytest.fixture
def survey_slug(app, world) -> str:
    """A survey in English and Spanish with 50 responses, a demographic question ("Age group", "Edad";
    options "Younger"/"younger", "Older"/"older") and three themes: the last is Other answers, the first
    under the English topic "Getting there"."""
    with app.app_context():
        partnership = db.session.scalar(sa.select(Partnership).where(Partnership.slug == world.partnership_slug))
        organizations = db.session.scalars(sa.select(Organization).where(Organization.partnership_id == partnership.id)
                                           .order_by(Organization.id)).all()
        made = survey_with(partnership, organizations, 50)
        run = db.session.scalar(sa.select(ThemeRun).where(ThemeRun.public_id == made["run"]))
        themes = sorted(run.themes, key=lambda t: t.position)
        themes[2].other, themes[2].label, themes[2].engine_label = True, "Other answers", "Other answers"
        run.parameters = {**(run.parameters or {}), "topics": [{"label": "Getting there", "themes": [themes[0].id]}]}
        refresh_report_cache(run)
        db.session.commit()
        db.session.remove()
    return made["slug"]




def table_headings(html: str) -> list[str]:
    return re.findall(r'<h3 id="by-group-\d+">(.*?)</h3>', html)


def column_headings(html: str) -> list[str]:
    return re.findall(r'<th scope="col" class="num">(.*?)</th>', html)


def test_breakdown_tables_name_demographic_groups_in_the_surveys_spanish(app, world, survey_slug):
    client = reader(app, world, "es")
    report = page(client, f"/staff/surveys/{survey_slug}/questions/barriers/report")
    assert "Edad" in table_headings(report) and "Age group" not in report
    assert {"younger", "older"} <= set(column_headings(report))
    assert not {"Younger", "Older"} & set(column_headings(report))
    summary = page(client, f"/staff/surveys/{survey_slug}/questions/reason/summary")
    assert "Edad" in table_headings(summary) and "Age group" not in summary
    assert "How do you travel?" not in summary  # the chart's title says the Spanish question too


def test_a_summary_names_the_questions_own_options_in_the_surveys_spanish(app, world, survey_slug):
    """A review saw a Spanish chart title over English options ("Bus", "Car", "Walk")."""
    summary = page(reader(app, world, "es"), f"/staff/surveys/{survey_slug}/questions/reason/summary")
    rows = re.findall(r'<th scope="row">([^<]+)</th>', summary)
    assert {"bus", "car", "walk"} <= set(rows) and not {"Bus", "Car", "Walk"} & set(rows), rows


def test_an_english_reader_and_the_downloads_keep_the_english_names(app, world, survey_slug):
    client = reader(app, world, "en")
    report = page(client, f"/staff/surveys/{survey_slug}/questions/barriers/report")
    assert "Age group" in table_headings(report) and "Edad" not in report
    assert {"Younger", "Older"} <= set(column_headings(report))
    spanish = reader(app, world, "es")
    csv = spanish.get(f"/staff/surveys/{survey_slug}/questions/barriers/report.csv")
    text = csv.get_data(as_text=True)
    assert csv.status_code == 200 and "Age group" in text and "Younger" in text and "Edad" not in text


def test_the_trend_pages_group_picker_names_groups_in_spanish(app, world, survey_slug):
    client = reader(app, world, "es")
    trend = page(client, f"/staff/surveys/{survey_slug}/questions/barriers/trend")
    assert '<optgroup label="Edad">' in trend and ">younger</option>" in trend
    assert "Age group" not in trend and ">Younger</option>" not in trend


def test_trend_cells_and_chart_title_read_in_spanish(app, hand_made):  # noqa: F811
    client = reader(app, hand_made, "es")
    trend = page(client, f"/staff/surveys/{hand_made.other_survey}/questions/barriers/trend")
    assert "oculto*" in trend and "hidden*" not in trend
    chart = trend.split("<figure>", 1)[1].split("</figure>", 1)[0]
    assert "¿Qué lo hace difícil?" in chart and "What makes it hard?" not in chart
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == hand_made.other_survey))
        fall = next(w.id for w in survey.waves if w.label == "Fall")
    compared = page(client, f"/staff/surveys/{hand_made.other_survey}/questions/barriers/trend"
                            f"?segment=language:es&wave={fall}")
    assert "oculto*" in compared and "hidden*" not in compared
    english = page(reader(app, hand_made, "en"), f"/staff/surveys/{hand_made.other_survey}/questions/barriers/trend")
    assert "hidden*" in english and "What makes it hard?" in english.split("<figure>", 1)[1]


def test_theme_names_in_hidden_link_text_and_topics_are_said_in_or_marked_with_their_language(
        app, world, survey_slug):
    client = reader(app, world, "es")
    report = page(client, f"/staff/surveys/{survey_slug}/questions/barriers/report")
    assert ': Otras respuestas</span>' in report and ": Other answers" not in report
    assert re.search(r'<h2 id="topic-1">.*<span lang="en">Getting there</span></h2>', report)
    english = page(reader(app, world, "en"), f"/staff/surveys/{survey_slug}/questions/barriers/report")
    assert re.search(r'<h2 id="topic-1">[^\n]*> Getting there</h2>', english)
    assert '<span lang="en">Getting there' not in english


def test_the_codebook_form_writes_its_limit_and_example_as_spanish_does(app, world, survey_slug):
    survey = page(reader(app, world, "es"), f"/staff/surveys/{survey_slug}")
    assert "50.000 caracteres" in survey and "50,000" not in survey
    assert "50,000 characters" in page(reader(app, world, "en"), f"/staff/surveys/{survey_slug}")
    with (CATALOGS / "es" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    quoted = [m for m in catalog if m.id and "kids, babies and daycare" in str(m.id)]
    assert quoted and all(m.string and "kids" not in m.string for m in quoted)
