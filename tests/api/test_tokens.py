"""Personal API tokens: made on the staff page and shown once, stored hashed, audited, listed, revoked;
and every way a token stops working or does less."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from feedback.models import ApiToken, AuditEvent, Membership, Role, User
from surveys.db import db
from surveys.models import utcnow
from tests.api.world import bearer, snapshot
from tests.staff.conftest import sign_in


@pytest.fixture
def database_snapshot(test_database):
    return snapshot(test_database)


@pytest.fixture
def world(database_snapshot):
    return database_snapshot.value


def tokens_page(world) -> str:
    return f"/staff/partnerships/{world.partnership}/tokens"


def make_token(client, world, **fields) -> tuple[int, str]:
    reply = client.post(tokens_page(world), data={"name": "nightly export", "role": "analyst", "expires": "30",
                                                  **fields})
    page = reply.get_data(as_text=True)
    secret = page.split('<code class="secret">')[1].split("</code>")[0] if reply.status_code == 201 else ""
    return reply.status_code, secret


def whoami(client, secret):
    return client.get("/api/v1/staff/token", headers=bearer(secret))


def test_a_token_is_shown_once_stored_hashed_audited_and_works(app, client, world):
    sign_in(client, world.users["admin"])
    status, secret = make_token(client, world)
    assert status == 201 and secret.startswith("chorus_")
    with app.app_context():
        token = db.session.scalar(db.select(ApiToken).where(ApiToken.name == "nightly export"))
        assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in repr([getattr(token, c.key) for c in ApiToken.__table__.columns])
        assert (token.expires_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None)).days in (29, 30)
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "api_token.create",
                                                              AuditEvent.object_id == token.public_id))
        assert event.details["role"] == "analyst" and event.user_id == token.user_id
    assert whoami(client, secret).get_json()["role"] == "analyst"
    listing = client.get(tokens_page(world)).get_data(as_text=True)
    assert "nightly export" in listing and secret not in listing


def test_the_account_page_leads_to_the_tokens_page(client, world):
    sign_in(client, world.users["partner"])
    assert tokens_page(world) in client.get("/staff/account").get_data(as_text=True)


def test_a_token_cannot_have_a_role_above_its_makers(app, client, world):
    sign_in(client, world.users["analyst"])
    status, _ = make_token(client, world, role="admin")
    assert status == 422
    assert make_token(client, world, expires="7")[0] == 422
    assert make_token(client, world, name="")[0] == 422
    with app.app_context():
        assert db.session.scalar(db.select(ApiToken).where(ApiToken.name == "nightly export")) is None


def test_revoking_stops_the_token_at_once_and_is_audited(app, client, world):
    sign_in(client, world.users["analyst"])
    _, secret = make_token(client, world)
    assert whoami(client, secret).status_code == 200
    with app.app_context():
        public_id = db.session.scalar(db.select(ApiToken.public_id).where(ApiToken.name == "nightly export"))
    stranger = app.test_client()
    sign_in(stranger, world.users["admin"])
    assert stranger.post(f"/staff/tokens/{public_id}/revoke").status_code == 404  # only your own
    assert whoami(client, secret).status_code == 200
    assert client.post(f"/staff/tokens/{public_id}/revoke").status_code == 302
    assert whoami(client, secret).status_code == 401
    with app.app_context():
        assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "api_token.revoke",
                                                             AuditEvent.object_id == public_id))
    assert "revoked" in client.get(tokens_page(world)).get_data(as_text=True)


def test_the_list_shows_when_a_token_was_last_used(client, world):
    sign_in(client, world.users["analyst"])
    _, secret = make_token(client, world)
    assert "never" in client.get(tokens_page(world)).get_data(as_text=True)
    whoami(client, secret)
    assert f"{utcnow():%Y-%m-%d}" in client.get(tokens_page(world)).get_data(as_text=True).split("nightly export")[1]


def change(app, email: str, apply) -> None:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == email))
        apply(user)
        db.session.commit()


def test_an_expired_token_stops_working(app, client, world):
    def expire(user):
        for token in db.session.scalars(db.select(ApiToken).where(ApiToken.user_id == user.id)):
            token.expires_at = utcnow() - timedelta(seconds=1)

    change(app, world.users["analyst"], expire)
    assert whoami(client, world.tokens["analyst"]).status_code == 401


def test_deactivating_the_person_stops_their_tokens(app, client, world):
    change(app, world.users["analyst"], lambda user: setattr(user, "active", False))
    reply = whoami(client, world.tokens["analyst"])
    assert reply.status_code == 401 and reply.get_json()["error"]["field"] == "Authorization"


def test_leaving_the_partnership_stops_their_tokens(app, client, world):
    change(app, world.users["analyst"], lambda user: db.session.execute(
        db.delete(Membership).where(Membership.user_id == user.id)))
    assert whoami(client, world.tokens["analyst"]).status_code == 401


def test_a_lowered_role_lowers_the_token(app, client, world):
    """An admin's admin token, after the person becomes a partner: it reads as a partner, so another
    organization's answers are refused."""
    def lower(user):
        membership = user.memberships[0]
        membership.role = Role.PARTNER
        membership.organization_id = None

    change(app, world.users["admin"], lower)
    assert whoami(client, world.tokens["admin"]).get_json()["role"] == "partner"
    reply = client.get(f"/api/v1/staff/surveys/{world.other_survey}/responses", headers=bearer(world.tokens["admin"]))
    assert reply.status_code == 403
