"""The submission API: definition, validation (the web form's path), status codes, idempotency."""

from __future__ import annotations

import pytest

from surveys.models import Answer, Response, SurveyStatus
from tests.surveys.helpers import make_survey

URL = "/api/v1/surveys/every-type"
GOOD = {"goal": "job", "barriers": {"keys": ["childcare", "other"], "other": "Rent"}, "agree": 4, "nps": 0,
        "story": "Buses are late", "hires": 3, "start_date": "2025-03-27",
        "contact": {"consent": True, "email": "ana@example.org"}, "childcare_detail": "Too costly",
        "age": "prefer_not_to_say"}


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def count(db, model=Response) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)))


def test_definition(client, survey):
    body = client.get(URL).get_json()
    assert body["slug"] == "every-type" and body["status"] == "open" and body["languages"] == ["en", "es"]
    questions = [q for s in body["sections"] for q in s["questions"]]
    barriers = next(q for q in questions if q["key"] == "barriers")
    assert barriers["type"] == "multiple_choice" and barriers["options"][0]["text"]["es"]
    detail = next(q for q in questions if q["key"] == "childcare_detail")
    assert detail["condition"] == {"question": "barriers", "any_of": ["childcare"]}
    assert body["links"]["responses"].endswith("/api/v1/surveys/every-type/responses")


def test_submit_stores_rows_like_the_form(client, db, survey):
    reply = client.post(f"{URL}/responses", json={"answers": GOOD, "language": "es", "source": "mesa-college"})
    assert reply.status_code == 201
    response = db.session.scalar(db.select(Response).where(Response.public_id == reply.get_json()["id"]))
    assert response.complete and response.language == "es" and response.source == "mesa-college"
    rows = {(a.question.key, a.option_key): (a.value_text, a.value_number) for a in response.answers}
    assert rows[("barriers", "other")] == ("Rent", None)
    assert rows[("agree", "")] == (None, 4.0)
    assert rows[("contact", "email")] == ("ana@example.org", None)
    assert all(a.wave_id == response.wave_id for a in response.answers)


def test_validation_errors_per_question_in_the_request_language(client, db, survey):
    reply = client.post(f"{URL}/responses", json={"answers": {"agree": 9, "mystery": 1}, "language": "es"})
    assert reply.status_code == 422
    error = reply.get_json()["error"]
    assert error["code"] == "invalid"
    errors = {item["field"]: item["message"] for item in error["errors"]}
    assert errors["goal"] == "Responda esta pregunta"
    assert errors["agree"] == "Elija un punto de la escala"
    assert "mystery" in errors
    assert count(db) == 0


def test_hidden_questions_are_not_required(client, survey):
    answers = {k: v for k, v in GOOD.items() if k != "childcare_detail"}
    answers["barriers"] = ["bus"]
    assert client.post(f"{URL}/responses", json={"answers": answers}).status_code == 201


@pytest.mark.parametrize("body, field", [
    ({"answers": GOOD, "language": "fr"}, "language"),
    ({"answers": [1, 2]}, "answers"),
    ({"answers": GOOD, "source": "<b>"}, "source"),
])
def test_bad_envelope(client, survey, body, field):
    reply = client.post(f"{URL}/responses", json=body)
    assert reply.status_code == 422
    assert field in {item["field"] for item in reply.get_json()["error"]["errors"]}


def test_a_body_that_is_not_json_is_refused_with_415_and_broken_json_with_400(client, survey):
    form = client.post(f"{URL}/responses", data={"answers": "1"})
    assert form.status_code == 415 and form.get_json()["error"]["code"] == "unsupported_media_type"
    text = client.post(f"{URL}/responses", data="answers=1", content_type="text/plain")
    assert text.status_code == 415
    broken = client.post(f"{URL}/responses", data='{"answers": ', content_type="application/json")
    assert broken.status_code == 400 and broken.get_json()["error"]["code"] == "invalid_json"
    assert client.post(f"{URL}/responses", json=[1, 2]).status_code == 400


def test_unknown_and_closed_surveys(client, db):
    assert client.get("/api/v1/surveys/nope").status_code == 404
    assert client.post("/api/v1/surveys/nope/responses", json={"answers": {}}).status_code == 404
    make_survey(slug="draft", status=SurveyStatus.DRAFT)
    make_survey(slug="closed", status=SurveyStatus.CLOSED)
    db.session.commit()
    assert client.get("/api/v1/surveys/draft").status_code == 404
    assert client.get("/api/v1/surveys/closed").status_code == 200
    reply = client.post("/api/v1/surveys/closed/responses", json={"answers": GOOD})
    assert reply.status_code == 409 and reply.get_json()["error"]["code"] == "survey_closed"
    assert reply.get_json()["error"]["status"] == "closed"


def test_idempotency_key_returns_the_same_id_and_stores_once(client, db, survey):
    headers = {"Idempotency-Key": "kiosk-7-0042"}
    first = client.post(f"{URL}/responses", json={"answers": GOOD}, headers=headers)
    second = client.post(f"{URL}/responses", json={"answers": GOOD}, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json()["id"] == second.get_json()["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert count(db) == 1
    other = client.post(f"{URL}/responses", json={"answers": GOOD}, headers={"Idempotency-Key": "other"})
    assert other.get_json()["id"] != first.get_json()["id"]
    assert count(db) == 2
    assert client.post(f"{URL}/responses", json={"answers": GOOD},
                       headers={"Idempotency-Key": "x" * 129}).status_code == 400


def test_api_needs_no_csrf_token(app, db, survey):
    app.config["WTF_CSRF_ENABLED"] = True
    assert app.test_client().post(f"{URL}/responses", json={"answers": GOOD}).status_code == 201


def test_the_answers_count_as_rows(client, db, survey):
    client.post(f"{URL}/responses", json={"answers": GOOD})
    assert count(db, Answer) == 11  # ten questions, and barriers has two rows


def test_invalid_answers_with_an_idempotency_key_get_the_errors_and_store_nothing(client, db, survey):
    headers = {"Idempotency-Key": "kiosk-7-0043"}
    reply = client.post(f"{URL}/responses", json={"answers": {"nope": 1}}, headers=headers)
    assert reply.status_code == 422 and reply.get_json()["error"]["errors"]
    assert count(db) == 0
    # The corrected retry with the same key is then stored.
    fixed = client.post(f"{URL}/responses", json={"answers": GOOD}, headers=headers)
    assert fixed.status_code == 201 and count(db) == 1
