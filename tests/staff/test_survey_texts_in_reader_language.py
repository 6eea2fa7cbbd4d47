"""Survey titles and questions on staff pages in the reader's language where the survey has it, else as
written, marked with their language (``lang="en"``) so a screen reader on a Spanish page pronounces
them as English. English readers see the pages as before."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from surveys.db import db
from surveys.models import Organization, Partnership, Survey
from tests import factories
from tests.staff.conftest import page, reader
from tests.staff.test_query_counts import survey_with


@dataclass
class Surveys:
    both: str  # slug of a survey written in English and Spanish, with themes and a choice question
    english_only: str  # slug of a survey written in English only
    titles: dict[str, str]  # language -> title of ``both``


@pytest.fixture
def surveys(app, world) -> Surveys:
    with app.app_context():
        partnership = db.session.scalar(sa.select(Partnership).where(Partnership.slug == world.partnership_slug))
        organizations = db.session.scalars(sa.select(Organization).where(Organization.partnership_id == partnership.id)
                                           .order_by(Organization.id)).all()
        both = survey_with(partnership, organizations, 10)["slug"]
        english = factories.survey(partnership=partnership, organization=organizations[0], slug="english-only",
                                   title={"en": "Commute study"}, languages=["en"])
        english.questions[0].text = {"en": "What makes it hard?"}
        titles = dict(db.session.scalar(sa.select(Survey.title).where(Survey.slug == both)))
        db.session.commit()
        db.session.remove()
    return Surveys(both, "english-only", titles)




def heading(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html, re.DOTALL).group(1)


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)


def test_a_spanish_reader_reads_the_surveys_spanish_title_and_questions(app, world, surveys):
    client = reader(app, world, "es")
    survey = page(client, f"/staff/surveys/{surveys.both}")
    assert heading(survey) == surveys.titles["es"] and surveys.titles["es"] in title(survey)
    assert "¿Qué lo hace difícil?" in survey and "What makes it hard?" not in survey
    assert "<span lang=" not in survey  # everything is in the page's language: nothing to mark

    report = page(client, f"/staff/surveys/{surveys.both}/questions/barriers/report")
    assert heading(report) == "Temas: ¿Qué lo hace difícil?"
    assert f">{surveys.titles['es']}</a>" in report

    summary = page(client, f"/staff/surveys/{surveys.both}/questions/reason/summary")
    assert heading(summary) == "¿Cómo viaja?" and "¿Cómo viaja?" in title(summary)
    assert f">{surveys.titles['es']}</a>" in summary


def test_an_english_only_survey_on_a_spanish_page_is_marked_as_english(app, world, surveys):
    client = reader(app, world, "es")
    survey = page(client, f"/staff/surveys/{surveys.english_only}")
    assert heading(survey) == '<span lang="en">Commute study</span>'
    assert title(survey).strip().startswith("Commute study")  # the tab's title: the text, no markup
    assert '<th scope="row" role="rowheader"><span lang="en">What makes it hard?</span></th>' in survey

    dashboard = page(client, "/staff/")
    assert '<span lang="en">Commute study</span></a>' in dashboard
    assert f">{surveys.titles['es']}</a>" in dashboard


def test_an_english_reader_sees_the_english_texts_unmarked_as_before(app, world, surveys):
    client = reader(app, world, "en")
    survey = page(client, f"/staff/surveys/{surveys.both}")
    assert heading(survey) == surveys.titles["en"]
    assert '<th scope="row" role="rowheader">What makes it hard?</th>' in survey

    report = page(client, f"/staff/surveys/{surveys.both}/questions/barriers/report")
    assert heading(report) == "Themes: What makes it hard?"
    assert "<title>Themes – What makes it hard?" in report

    summary = page(client, f"/staff/surveys/{surveys.both}/questions/reason/summary")
    assert heading(summary) == "How do you travel?"

    english_only = page(client, f"/staff/surveys/{surveys.english_only}")
    assert heading(english_only) == "Commute study"
    for html in (survey, report, summary, english_only, page(client, "/staff/")):
        assert "<span lang=" not in html and "¿" not in html
