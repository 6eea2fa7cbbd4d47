"""A database that is busy or restarting never costs a respondent their answers: the request is run
again, and when the database stays away the person gets "try again" with what they typed still on the
page (an API client gets 503 JSON with Retry-After), never a stack trace."""

from __future__ import annotations

import html
import re
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from feedback import transient
from feedback.respondent import answering
from feedback.transient import is_transient
from surveys.models import Answer, Response
from tests.surveys.helpers import make_survey

START = "/s/every-type"


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def locked() -> OperationalError:
    return OperationalError("UPDATE response", {}, sqlite3.OperationalError("database is locked"))


@pytest.fixture
def failing_store(monkeypatch):
    """``accept_page`` fails with "database is locked" the first ``times`` calls (then works)."""
    real = answering.accept_page
    calls = {"left": 0, "made": 0}
    monkeypatch.setattr(transient, "RETRY_WAITS", (0, 0, 0))

    def accept_page(*args, **kwargs):
        calls["made"] += 1
        if calls["left"] > 0:
            calls["left"] -= 1
            raise locked()
        return real(*args, **kwargs)

    monkeypatch.setattr(answering, "accept_page", accept_page)
    return calls


def hidden_fields(page: str) -> list[tuple[str, str]]:
    return [(html.unescape(name), html.unescape(value))
            for name, value in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page)]


def test_a_locked_database_is_retried_and_the_person_never_sees_it(client, db, survey, failing_store):
    client.post(f"{START}/start")
    failing_store["left"] = 2
    reply = client.post(f"{START}/page/1", data={"q_goal": "job", "q_barriers": ["bus"], "action": "next"})
    assert reply.status_code == 302 and reply.location.endswith("/page/2")
    assert failing_store["made"] == 3
    assert db.session.scalars(db.select(Answer).where(Answer.option_key == "bus")).all()


def test_when_the_database_stays_away_the_page_keeps_what_was_typed_and_sends_it_again(
        client, db, survey, failing_store):
    client.post(f"{START}/start?lang=es")
    failing_store["left"] = 100
    sent = {"q_goal": "job", "q_barriers": ["bus", "other"], "q_barriers__other": "<b>la guardería</b>",
            "action": "submit"}
    reply = client.post(f"{START}/page/1", data=sent)
    page = reply.get_data(as_text=True)
    assert reply.status_code == 503 and reply.headers["Retry-After"] == "5"
    assert "No pudimos guardar esto" in page and "Traceback" not in page
    assert "<b>la guardería</b>" not in page and "&lt;b&gt;la guardería&lt;/b&gt;" in page  # shown, escaped
    assert sorted(hidden_fields(page)) == sorted([("q_goal", "job"), ("q_barriers", "bus"), ("q_barriers", "other"),
                                                  ("q_barriers__other", "<b>la guardería</b>")])
    assert 'name="action" value="submit"' in page  # the button sends what the person pressed
    assert db.session.scalars(db.select(Answer)).all() == []

    failing_store["left"] = 0  # the database is back: "Try again" sends exactly what was typed
    from werkzeug.datastructures import MultiDict

    again = client.post(f"{START}/page/1", data=MultiDict([*hidden_fields(page), ("action", "submit")]))
    assert again.status_code == 302
    db.session.expire_all()
    stored = {a.option_key or a.value_text for a in db.session.scalars(db.select(Answer))}
    assert {"job", "bus", "other"} <= stored


def test_the_api_answers_503_json_and_a_retry_with_the_same_key_stores_once(client, db, survey, monkeypatch):
    from feedback.api import routes

    real = routes.submit_response
    state = {"fail": True}
    monkeypatch.setattr(transient, "RETRY_WAITS", (0,))

    def submit_response(*args, **kwargs):
        if state["fail"]:
            raise locked()
        return real(*args, **kwargs)

    monkeypatch.setattr(routes, "submit_response", submit_response)
    from tests.api.test_api import GOOD

    body = {"answers": GOOD}
    headers = {"Idempotency-Key": "k-1"}
    reply = client.post("/api/v1/surveys/every-type/responses", json=body, headers=headers)
    assert reply.status_code == 503 and reply.headers["Retry-After"] == "5"
    error = reply.get_json()["error"]
    assert error["retry_after"] == 5 and "Idempotency-Key" in error["message"]

    state["fail"] = False
    first = client.post("/api/v1/surveys/every-type/responses", json=body, headers=headers)
    second = client.post("/api/v1/surveys/every-type/responses", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json()["id"] == second.get_json()["id"]
    assert len(db.session.scalars(db.select(Response)).all()) == 1


def test_a_database_error_that_retrying_cannot_cure_is_an_ordinary_error_page(client, db, survey, monkeypatch):
    broken = OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: response"))
    monkeypatch.setattr(answering, "accept_page", lambda *a, **k: (_ for _ in ()).throw(broken))
    client.post(f"{START}/start")
    reply = client.post(f"{START}/page/1", data={"q_goal": "job", "action": "next"})
    assert reply.status_code == 500
    assert "Traceback" not in reply.get_data(as_text=True)


class _PostgresError(Exception):
    def __init__(self, sqlstate: str | None) -> None:
        super().__init__("server closed the connection")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(("sqlstate", "expected"), [
    ("57P01", True),   # admin shutdown: the server is restarting
    ("08006", True),   # connection failure
    ("40001", True),   # serialization failure
    ("23505", False),  # unique violation: running again gives the same answer
    ("42P01", False),  # undefined table
])
def test_which_postgresql_errors_are_worth_running_again(sqlstate, expected):
    assert is_transient(OperationalError("SELECT 1", {}, _PostgresError(sqlstate))) is expected


def test_a_dropped_connection_is_transient_whatever_its_message():
    error = OperationalError("SELECT 1", {}, Exception("anything"), connection_invalidated=True)
    assert is_transient(error)
    assert not is_transient(ValueError("database is locked"))


def test_a_staff_form_is_never_printed_back_on_the_try_again_page(client, db, survey, monkeypatch):
    """A staff sign-in that meets a locked database must not show the password it was sent."""
    from feedback.staff import auth

    monkeypatch.setattr(auth, "authenticate", lambda *a, **k: (_ for _ in ()).throw(locked()))
    reply = client.post("/staff/login", data={"email": "ana@example.org", "password": "Sup3r-Secret-pw"})
    page = reply.get_data(as_text=True)
    assert reply.status_code == 503
    assert "Sup3r-Secret-pw" not in page and "ana@example.org" not in page
    assert hidden_fields(page) == []
    assert "go back and send it again" in page


def test_a_resume_code_is_never_printed_back(client, db, survey, monkeypatch):
    from feedback.respondent import resume

    monkeypatch.setattr(transient, "RETRY_WAITS", (0,))
    monkeypatch.setattr(resume, "find_resumable", lambda *a, **k: (_ for _ in ()).throw(locked()))
    reply = client.post(f"{START}/resume", data={"code": "ZX8-KQ4-PLM"})
    assert reply.status_code == 503 and "ZX8-KQ4-PLM" not in reply.get_data(as_text=True)


class _ClientError(Exception):
    """psycopg's error when it never reached a server: no SQLSTATE, only words."""

    __module__ = "psycopg"
    sqlstate = None


@pytest.mark.parametrize(("message", "expected"), [
    ('connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection refused', True),
    ("connection failed: FATAL:  the database system is shutting down", True),
    ('connection failed: FATAL:  database "nosuchdb" does not exist', False),
    ('connection failed: FATAL:  password authentication failed for user "chorus"', False),
])
def test_a_server_out_of_reach_is_transient_a_wrong_setting_is_not(message, expected):
    assert is_transient(OperationalError("SELECT 1", {}, _ClientError(message))) is expected
