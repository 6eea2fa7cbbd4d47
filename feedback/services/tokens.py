"""Staff API tokens: making one (shown once), revoking it, and reading the one a request carries.

A token is a partnership and a role for a script. What it may do is decided on every request, never
remembered: the lower of the token's role and the person's current role there, so a token stops working
the moment it is revoked or expires, the person is deactivated or leaves the partnership, and does less
the moment their role is lowered. Only a SHA-256 of the token is stored (:class:`feedback.models.ApiToken`).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from surveys.models import Partnership, utcnow

from ..extensions import db
from ..models import ApiToken, Role, User
from . import ActionRefused
from .audit import record_audit

TOKEN_PREFIX = "chorus_"
"""Marks a Chorus token in a script or a secret scanner's findings."""
EXPIRY_DAYS = (30, 90, 365)
"""How long a token may last; a token that never expires would outlive its reason."""
MAX_NAME = 100
RANK = {Role.PARTNER: 1, Role.ANALYST: 2, Role.ADMIN: 3}
USE_RESOLUTION = timedelta(minutes=5)
"""``last_used_at`` is written at most this often per token, so reads do not each become a write."""


def hash_token(token: str) -> str:
    """The stored form of a token, staff or device (tokens are long and random, so a fast hash is
    enough; looking one up by its hash leaks nothing through timing)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def lower_role(first: Role, second: Role) -> Role:
    """The role that may do less."""
    return first if RANK[first] <= RANK[second] else second


def grantable_roles(role: Role) -> list[Role]:
    """The roles a member with ``role`` may give a token: theirs or lower, highest first."""
    return sorted((r for r in Role if RANK[r] <= RANK[role]), key=lambda r: -RANK[r])


def create_token(user: User, partnership: Partnership, role: Role, name: str, days: int) -> tuple[ApiToken, str]:
    """Make a token for ``user`` in ``partnership``; returns it with the secret, which is never stored.

    Raises:
        ActionRefused: the person is not a member, the role is above theirs, the expiry is not one of
            :data:`EXPIRY_DAYS`, or the name is empty or too long.
    """
    membership = user.membership_in(partnership.id)
    if membership is None:
        raise ActionRefused(_("You are not a member of that partnership."))
    if RANK[role] > RANK[membership.role]:
        raise ActionRefused(_("A token's role can be at most your own (%(role)s).", role=membership.role.value))
    if days not in EXPIRY_DAYS:
        raise ActionRefused(_("Choose how long the token lasts: 30, 90 or 365 days."))
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME:
        raise ActionRefused(_("Name the token (at most %(count)s characters), so you know where it is used.", count=MAX_NAME))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, partnership_id=partnership.id, role=role, name=name,
                     token_hash=hash_token(secret), expires_at=utcnow() + timedelta(days=days))
    db.session.add(token)
    db.session.flush()
    record_audit(partnership.id, "api_token.create", "api_token", token.public_id,
                 {"name": name, "role": role.value, "days": days, "owner": user.email})
    return token, secret


def revoke_token(token: ApiToken) -> None:
    """Stop a token working now (revoking twice changes nothing)."""
    if token.revoked_at is not None:
        return
    token.revoked_at = utcnow()
    record_audit(token.partnership_id, "api_token.revoke", "api_token", token.public_id, {"name": token.name})
    db.session.flush()


def tokens_of(user: User) -> list[ApiToken]:
    """A person's tokens, newest first (revoked and expired ones too, so they can see what stopped)."""
    return list(db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())))


def token_of(user: User, public_id: str) -> ApiToken | None:
    """One of ``user``'s own tokens by public id (nobody revokes another person's token here)."""
    return db.session.scalar(sa.select(ApiToken).where(ApiToken.public_id == public_id,
                                                       ApiToken.user_id == user.id))


@dataclass(frozen=True)
class EffectiveMembership:
    """A membership as a token grants it: what :class:`feedback.access.SurveyAccess` reads (role and
    organization), with the role lowered to the token's."""

    user_id: int
    partnership_id: int
    role: Role
    organization_id: int | None


@dataclass(frozen=True)
class TokenGrant:
    """A working token with who it acts for and what it may do now."""

    token: ApiToken
    user: User
    partnership: Partnership
    membership: EffectiveMembership


def as_aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for UTC columns."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def is_expired(token: ApiToken, now: datetime | None = None) -> bool:
    return as_aware(token.expires_at) <= (now or utcnow())


def grant_for(secret: str) -> TokenGrant | None:
    """What a presented token may do now, or ``None`` when it does not work (unknown, revoked, expired,
    its person deactivated or no longer a member)."""
    if not secret or len(secret) > 200:
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if token is None or token.revoked_at is not None or is_expired(token) or not token.user.active:
        return None
    membership = token.user.membership_in(token.partnership_id)
    if membership is None:
        return None
    effective = EffectiveMembership(token.user_id, token.partnership_id, lower_role(token.role, membership.role),
                                    membership.organization_id)
    return TokenGrant(token, token.user, token.partnership, effective)


def mark_used(token: ApiToken) -> bool:
    """Note that the token was used (at most every :data:`USE_RESOLUTION`); ``True`` when it changed, for
    the caller to commit."""
    now = utcnow()
    if token.last_used_at is not None and now - as_aware(token.last_used_at) < USE_RESOLUTION:
        return False
    token.last_used_at = now
    db.session.flush()
    return True
