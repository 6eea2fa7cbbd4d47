"""What one submission costs the database, pinned: an API submission and a page of the web form each send
at most three statements (the survey, the response, its answers), "Send" one more (marking the response
complete); and the definition kept by the worker between requests never outlives an edit of the survey."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from surveys.db import db
from surveys.definition import load_definition
from surveys.editing import apply_definition
from surveys.models import Answer, Response, Survey
from tests.surveys.helpers import every_type_data, make_survey

API = "/api/v1/surveys/every-type/responses"
START = "/s/every-type"
API_ANSWERS = {"goal": "job", "barriers": ["bus", "childcare"], "agree": 4, "name_of_job": "Welder",
               "story": "Buses stop at 6pm", "childcare_detail": "No spaces", "age": "under_25"}
PAGES = [  # the web form's four pages, the same answers
    {"q_goal": "job", "q_barriers": ["bus", "childcare"], "q_agree": "4"},
    {"q_name_of_job": "Welder", "q_story": "Buses stop at 6pm"},
    {"q_childcare_detail": "No spaces"},
    {"q_age": "under_25"},
]


@pytest.fixture
def survey_app(app):
    with app.app_context():
        make_survey()
        db.session.commit()
    return app


@contextmanager
def statements(app) -> Iterator[list[str]]:
    """Every statement the app sends to the database inside the block."""
    sent: list[str] = []

    def record(_connection, _cursor, statement, *_args) -> None:
        sent.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def stored_rows(app) -> tuple[int, int]:
    with app.app_context():
        return (db.session.scalar(db.select(db.func.count(Response.id)).where(Response.complete.is_(True))),
                db.session.scalar(db.select(db.func.count(Answer.id))))


def test_an_api_submission_costs_three_statements_and_a_retry_no_more(survey_app):
    client = survey_app.test_client()
    assert client.post(API, json={"answers": API_ANSWERS}, headers={"Idempotency-Key": "warm"}).status_code == 201
    with statements(survey_app) as sent:
        first = client.post(API, json={"answers": API_ANSWERS}, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == 201
    assert len(sent) <= 3, sent
    with statements(survey_app) as sent:
        retry = client.post(API, json={"answers": API_ANSWERS}, headers={"Idempotency-Key": "k-1"})
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"
    assert retry.get_json()["id"] == first.get_json()["id"]
    assert len(sent) <= 3, sent
    assert stored_rows(survey_app) == (2, 2 * 8)  # seven answers, barriers has two rows


def test_each_page_of_the_web_form_costs_three_statements_and_send_four(survey_app):
    client = survey_app.test_client()
    client.get(f"{START}/page/1")  # any request: the worker has met this survey version
    assert client.post(f"{START}/start").status_code == 302
    for number, data in enumerate(PAGES, start=1):
        last = number == len(PAGES)
        with statements(survey_app) as sent:
            reply = client.post(f"{START}/page/{number}", data={**data, "action": "submit" if last else "next"})
        assert reply.status_code == 302
        assert len(sent) <= (4 if last else 3), (number, sent)
    assert reply.location.endswith("/thanks")
    assert stored_rows(survey_app) == (1, 8)


def test_a_page_answered_again_replaces_its_answers(survey_app):
    """Going back and changing a page deletes what it held (the cheap path skips the delete only for
    questions with nothing stored)."""
    client = survey_app.test_client()
    client.post(f"{START}/start")
    client.post(f"{START}/page/1", data={**PAGES[0], "action": "next"})
    client.post(f"{START}/page/2", data={"action": "back"})
    client.post(f"{START}/page/1", data={"q_goal": "training", "q_barriers": ["bus"], "action": "next"})
    with survey_app.app_context():
        options = set(db.session.scalars(db.select(Answer.option_key).where(Answer.option_key != "")))
    assert options == {"training", "bus"}


def test_an_edited_survey_is_never_answered_from_the_kept_definition(survey_app):
    """Another worker (here: another session) edits a question; the next submission is checked against the
    new version at once."""
    client = survey_app.test_client()
    assert client.post(API, json={"answers": {"goal": "job", "name_of_job": "Welder"}}).status_code == 201
    data = every_type_data()
    data["sections"][1]["questions"][0]["settings"] = {"max_length": 5}
    with survey_app.app_context():
        apply_definition(db.session.scalar(db.select(Survey)), load_definition(data))
        db.session.commit()
    reply = client.post(API, json={"answers": {"goal": "job", "name_of_job": "Welder"}})
    assert reply.status_code == 422 and "name_of_job" in [e["field"] for e in reply.get_json()["error"]["errors"]]
    assert client.post(API, json={"answers": {"goal": "job", "name_of_job": "Cook"}}).status_code == 201
