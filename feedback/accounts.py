"""Staff accounts: the rules every way of creating or signing into one shares (web, terminal, demo).

What a person may do to someone else's account is decided in :mod:`feedback.access`; the actions
staff take on accounts (add, reset, deactivate) are in :mod:`feedback.services.accounts`.
"""

from __future__ import annotations

import secrets
from functools import cache

from werkzeug.security import check_password_hash, generate_password_hash

from surveys.models import Organization, Partnership
from surveys.question_types import EMAIL_PATTERN

from .extensions import db
from .models import Membership, Role, User

__all__ = ["EMAIL_PATTERN", "MIN_PASSWORD", "add_user", "authenticate", "generate_password"]

MIN_PASSWORD = 12
"""The fewest characters a staff password may have, wherever it is set."""


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


@cache
def _dummy_hash() -> str:
    """Checked when the email is unknown, so a wrong email takes as long as a wrong password."""
    return generate_password_hash("chorus-timing-equaliser", method="scrypt")


def authenticate(email: str, password: str) -> User | None:
    """The active account with this email and password, or ``None``.

    An unknown email costs one password check too, so the answer's timing does not tell whether an
    address has an account.
    """
    user = db.session.scalar(db.select(User).where(User.email == User.normalize_email(email)))
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if user.active and user.check_password(password) else None
