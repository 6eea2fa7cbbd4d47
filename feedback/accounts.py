"""Staff accounts: creating them, and who may change whose account."""

from __future__ import annotations

import secrets

from surveys.models import Organization, Partnership

from .extensions import db
from .models import Membership, Role, User

MIN_PASSWORD = 12


def generate_password() -> str:
    """A temporary password an admin can read out: 16 URL-safe characters."""
    return secrets.token_urlsafe(12)


def add_user(email: str, partnership: Partnership, role: Role, password: str,
             organization: Organization | None = None, name: str = "") -> User:
    """Create a user with one membership (flushed, not committed)."""
    if role is Role.PARTNER and organization is None:
        raise ValueError("A partner-role user needs an organization.")
    user = User(email=User.normalize_email(email), name=name)
    user.set_password(password)
    db.session.add(user)
    db.session.add(Membership(user=user, partnership=partnership, role=role, organization=organization))
    db.session.flush()
    return user


def can_administer(admin: User, user: User) -> bool:
    """An admin may reset or deactivate an account only if they are admin of every partnership the
    account belongs to: a password reset or deactivation reaches all of them."""
    administered = {m.partnership_id for m in admin.memberships if m.role is Role.ADMIN}
    return all(m.partnership_id in administered for m in user.memberships)
