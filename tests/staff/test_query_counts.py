"""Pages cost the same number of queries for 10 responses as for 50: nothing is loaded one by one.

Two surveys of one partnership are alike in every way (questions of each kind, a demographic question,
three themes found in their open answers) except that one has 10 responses and the other 50; each page
is requested for both and the statements sent to the database are counted.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from feedback.accounts import add_user
from feedback.models import Role, RunStatus, Theme, ThemeAssignment, ThemeRun
from feedback.reports import refresh_report_cache
from surveys.db import db
from surveys.models import Question
from tests import factories
from tests.staff.conftest import PASSWORD, sign_in

SIZES = (10, 50)
PAGES = {
    "responses": "/staff/surveys/{slug}/responses",
    "report": "/staff/surveys/{slug}/questions/barriers/report",
    "theme answers": "/staff/runs/{run}/themes/{theme}",
    "survey": "/staff/surveys/{slug}",
    "summary": "/staff/surveys/{slug}/questions/reason/summary",
}
OPTIONS = [{"key": key, "text": {"en": key.title(), "es": key}} for key in ("bus", "car", "walk")]
GROUPS = [{"key": key, "text": {"en": key.title(), "es": key}} for key in ("younger", "older")]


def add_questions(survey) -> dict[str, Question]:
    """Beside the open ``barriers`` question: one choice, one multiple choice (demographic), one scale."""
    extra = [
        Question(survey=survey, key="reason", type="single_choice", position=2, options=OPTIONS,
                 text={"en": "How do you travel?", "es": "¿Cómo viaja?"}),
        Question(survey=survey, key="age", type="multiple_choice", position=3, options=GROUPS, demographic=True,
                 text={"en": "Age group", "es": "Edad"}),
        Question(survey=survey, key="respect", type="agreement", position=4,
                 text={"en": "Staff treated me with respect.", "es": "Me trataron con respeto."}),
    ]
    db.session.add_all(extra)
    db.session.flush()
    return {q.key: q for q in survey.questions}


def survey_with(partnership, organizations, responses: int) -> dict[str, str]:
    """A survey with ``responses`` answered responses and a finished theme run with three themes."""
    survey = factories.survey(partnership=partnership, organization=organizations[0], slug=f"survey-of-{responses}")
    questions = add_questions(survey)
    run = ThemeRun(survey=survey, question=questions["barriers"], status=RunStatus.FINISHED)
    themes = [Theme(run=run, position=i, engine_label=f"Theme {i}", label=f"Theme {i}", terms=["bus"])
              for i in range(3)]
    db.session.add_all([run, *themes])
    db.session.flush()
    for n in range(responses):
        response = factories.response(survey, language=("en", "es")[n % 2],
                                      source=[None, *(o.slug for o in organizations)][n % 3])
        text = factories.answer(response, questions["barriers"], value_text=f"No bus at night, answer {n}")
        factories.answer(response, questions["reason"], option_key=OPTIONS[n % 3]["key"])
        for group in GROUPS[: 1 + n % 2]:
            factories.answer(response, questions["age"], option_key=group["key"])
        factories.answer(response, questions["respect"], value_number=float(1 + n % 5))
        db.session.add(ThemeAssignment(run_id=run.id, answer_id=text.id, theme_id=themes[n % 3].id,
                                       engine_theme_id=themes[n % 3].id, score=0.5, sentiment=0.1))
    db.session.flush()
    for theme in themes:
        theme.size = responses // 3 + (1 if theme.position < responses % 3 else 0)
    refresh_report_cache(run)
    return {"slug": survey.slug, "run": run.public_id, "theme": themes[0].id}


def two_surveys(app) -> dict[int, dict[str, str]]:
    with app.app_context():
        partnership = factories.partnership(slug="counting")
        organizations = [factories.organization(partnership=partnership, slug=f"partner-{i}") for i in range(2)]
        made = {size: survey_with(partnership, organizations, size) for size in SIZES}
        add_user("analyst@counting.example", partnership, Role.ANALYST, PASSWORD)
        db.session.commit()
        db.session.remove()
    return made


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    """The two surveys and an analyst, built once; each page's test starts from its own copy."""
    return test_database.snapshot("query counts: surveys of 10 and 50 responses, analyst", two_surveys)


@pytest.fixture
def surveys(app, database_snapshot) -> dict[int, dict[str, str]]:
    return database_snapshot.value


def statements(app, client, url: str) -> int:
    """How many statements one request sends to the database."""
    with app.app_context():
        engine = db.engine
    count = 0

    def counted(*args):
        nonlocal count
        count += 1

    sa.event.listen(engine, "before_cursor_execute", counted)
    try:
        response = client.get(url)
    finally:
        sa.event.remove(engine, "before_cursor_execute", counted)
    assert response.status_code == 200, (url, response.status_code)
    return count


@pytest.mark.parametrize("page", PAGES)
def test_a_page_costs_the_same_queries_for_10_and_50_responses(app, surveys, page):
    client = app.test_client()
    assert sign_in(client, "analyst@counting.example").status_code == 302
    urls = {size: PAGES[page].format(**values) for size, values in surveys.items()}
    for url in urls.values():
        client.get(url)  # anything loaded once per process is loaded before counting
    counts = {size: statements(app, client, url) for size, url in urls.items()}
    assert counts[10] == counts[50], f"{page}: {counts[10]} queries for 10 responses, {counts[50]} for 50"
    assert counts[10] > 0
