"""The web form and the API validate and store answers through one code path: the same answers give
the same rows, and the same bad answers the same messages."""

from __future__ import annotations

import re

import pytest

from surveys.models import Answer, Response
from tests.surveys.helpers import make_survey

FORM_PAGES = [
    {"q_goal": "other", "q_goal__other": "My own shop", "q_barriers": ["childcare", "other"],
     "q_barriers__other": "Rent", "q_agree": "5", "q_stars": "2", "q_nps": "0"},
    {"q_name_of_job": "Welder", "q_story": "Buses stop at 6pm", "q_hires": "12", "q_wage": "18.5",
     "q_start_date": "2026-04-01", "q_contact": "y", "q_contact__email": "ana@example.org",
     "q_contact__phone": ""},
    {"q_childcare_detail": "No spaces for babies"},
    {"q_age": "prefer_not_to_say"},
]
API_ANSWERS = {
    "goal": {"key": "other", "other": "My own shop"},
    "barriers": {"keys": ["childcare", "other"], "other": "Rent"},
    "agree": 5, "stars": 2, "nps": 0, "name_of_job": "Welder", "story": "Buses stop at 6pm", "hires": 12,
    "wage": 18.5, "start_date": "2026-04-01", "contact": {"consent": True, "email": "ana@example.org"},
    "childcare_detail": "No spaces for babies", "age": "prefer_not_to_say",
}


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def rows(db, response_id: int) -> set[tuple]:
    return {(a.question.key, a.option_key, a.value_text, a.value_number)
            for a in db.session.scalars(db.select(Answer).where(Answer.response_id == response_id))}


def test_same_answers_same_rows(client, db, survey):
    client.post("/s/every-type/start")
    for number, data in enumerate(FORM_PAGES, start=1):
        reply = client.post(f"/s/every-type/page/{number}", data={**data, "action": "next"})
        assert reply.status_code == 302, reply.get_data(as_text=True)
    web = db.session.scalar(db.select(Response).where(Response.complete.is_(True)))
    reply = client.post("/api/v1/surveys/every-type/responses", json={"answers": API_ANSWERS})
    assert reply.status_code == 201
    api = db.session.scalar(db.select(Response).where(Response.public_id == reply.get_json()["id"]))
    assert rows(db, web.id) == rows(db, api.id)
    assert len(rows(db, api.id)) == 14  # thirteen questions; barriers has two rows


@pytest.mark.parametrize("form_data, api_answers, key", [
    ({"q_agree": "7"}, {"agree": 7}, "agree"),
    ({"q_barriers": ["bus", "none"]}, {"barriers": ["bus", "none"]}, "barriers"),
    ({"q_goal": "other", "q_goal__other": "x" * 501}, {"goal": {"key": "other", "other": "x" * 501}}, "goal"),
])
def test_same_bad_answers_same_messages(client, survey, form_data, api_answers, key):
    client.post("/s/every-type/start")
    page = client.post("/s/every-type/page/1?lang=es",
                       data={"q_goal": "job", **form_data, "action": "next"}).get_data(as_text=True)
    api = client.post("/api/v1/surveys/every-type/responses",
                      json={"answers": {"goal": "job", **api_answers}, "language": "es"}).get_json()
    message = {item["field"]: item["message"] for item in api["error"]["errors"]}[key]
    assert re.search(rf'id="q_{key}-error">Error: {re.escape(message)}</span>', page)
