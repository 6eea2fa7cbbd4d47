"""Signing in and out: the session really ends, and only staff pages need it."""

import time

from feedback.models import User
from surveys.db import db
from tests.staff.conftest import PASSWORD, sign_in


def test_anonymous_staff_page_redirects_to_login(client, world):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login")


def test_sign_in_with_the_right_password_reaches_the_dashboard(client, world):
    response = sign_in(client, world.users["admin"])
    assert response.status_code == 302
    page = client.get("/staff/")
    assert page.status_code == 200
    assert "Home Partnership" in page.get_data(as_text=True)


def test_wrong_password_and_unknown_email_get_the_same_answer(client, world):
    wrong = sign_in(client, world.users["admin"], "not the password")
    unknown = client.post("/staff/login", data={"email": "nobody@x.example", "password": "whatever"})
    assert wrong.status_code == unknown.status_code == 422
    message = "That email and password do not match an active account."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_email_is_matched_case_insensitively(client, world):
    response = client.post("/staff/login", data={"email": "  ADMIN@home.example ", "password": PASSWORD})
    assert response.status_code == 302


def test_deactivated_user_cannot_sign_in(app, client, world):
    with app.app_context():
        db.session.scalar(db.select(User).where(User.email == world.users["analyst"])).active = False
        db.session.commit()
    assert sign_in(client, world.users["analyst"]).status_code == 422


def test_passwords_are_stored_with_a_memory_hard_hash(app, world):
    with app.app_context():
        stored = db.session.scalar(db.select(User.password_hash).where(User.email == world.users["admin"]))
    assert stored.startswith("scrypt:") and PASSWORD not in stored


def test_a_copied_cookie_stops_working_after_sign_out(app, world):
    """Replaying the session cookie captured before sign-out must not get back in."""
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    stolen = client.get_cookie("session").value
    assert client.post("/staff/logout").status_code == 302

    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_resetting_a_password_ends_existing_sessions(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    assert client.get("/staff/").status_code == 200
    with app.app_context():
        db.session.scalar(db.select(User).where(User.email == world.users["analyst"])).set_password("a new one!!!!")
        db.session.commit()
    assert client.get("/staff/").status_code == 302


def test_idle_session_is_signed_out(app, world, monkeypatch):
    client = app.test_client()
    sign_in(client, world.users["admin"])
    assert client.get("/staff/").status_code == 200
    later = time.time() + app.config["STAFF_IDLE_TIMEOUT"] + 5
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    assert "without activity" in client.get("/staff/login").get_data(as_text=True)


def test_next_parameter_never_leaves_the_site(client, world):
    response = client.post("/staff/login?next=https://evil.example/", data={
        "email": world.users["admin"], "password": PASSWORD})
    assert response.headers["Location"] == "/staff/"


def test_login_is_rate_limited(app, world):
    app.config["RATELIMIT_LOGIN"] = "3 per minute"
    client = app.test_client()
    codes = [sign_in(client, world.users["admin"], "wrong").status_code for _ in range(4)]
    assert codes[:3] == [422, 422, 422] and codes[3] == 429


def test_session_cookie_flags(app, world):
    client = app.test_client()
    response = sign_in(client, world.users["admin"])
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ("Secure" in cookie) == app.config["SESSION_COOKIE_SECURE"]


def test_staff_pages_are_not_cached(client, world):
    sign_in(client, world.users["admin"])
    assert client.get("/staff/").headers["Cache-Control"] == "no-store"
