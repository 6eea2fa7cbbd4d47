"""Actions on staff accounts: signing in and out, changing a password, and what admins do to people.

Every action that could let an old session go on ends it instead: the user's ``session_version``
changes, and each request compares the version its cookie carries (see :mod:`feedback.auth`).
"""

from __future__ import annotations

from flask_babel import gettext as _

from surveys.models import Organization, Partnership, utcnow

from ..accounts import add_user, generate_password
from ..extensions import db
from ..interface_language import STAFF_LANGUAGES
from ..models import Membership, Role, User
from . import ActionRefused
from .audit import record_audit


def record_sign_in(user: User) -> None:
    """Note when the person last signed in (shown to admins on the people page)."""
    user.last_login_at = utcnow()


def end_every_session(user: User) -> None:
    """End every session of this person, on every device, including copies of their cookie."""
    user.session_version = (user.session_version or 0) + 1


def set_interface_language(user: User, language: str | None) -> None:
    """Staff pages in ``language`` for ``user`` from now on (``None``: as their browser asks)."""
    if language is not None and language not in STAFF_LANGUAGES:
        raise ActionRefused(_("Chorus staff pages are not translated into %(language)r.", language=language),
                            field="language")
    user.interface_language = language
    db.session.flush()


def set_password(user: User, password: str) -> None:
    """Give the person a new password; every session they had ends."""
    user.set_password(password)  # hashes, and moves the session version on


def change_own_password(user: User, current: str, new: str) -> None:
    """A person changes their own password, proving they know the current one."""
    if not user.check_password(current):
        raise ActionRefused(_("That is not your current password."), field="current")
    set_password(user, new)


def add_person(partnership: Partnership, email: str, role: Role, password: str,
               organization: Organization | None, name: str = "") -> User:
    """An admin gives someone an account in their partnership, with a temporary password."""
    email = User.normalize_email(email)
    if role is Role.PARTNER and organization is None:
        raise ActionRefused(_("Choose the partner organization this person works for."), field="organization")
    existing = db.session.scalar(db.select(User).where(User.email == email))
    if existing is not None and any(m.partnership_id == partnership.id for m in existing.memberships):
        raise ActionRefused(_("This person is already a member of this partnership."), field="email")
    if existing is not None:
        # An account of another partnership joins this one, keeping its password; the admin sees the same
        # answer as for a new account, so this page cannot tell whether an email has an account elsewhere.
        db.session.add(Membership(user=existing, partnership=partnership, role=role, organization=organization))
        user = existing
    else:
        user = add_user(email, partnership, role, password, organization, name)
    record_audit(partnership.id, "user.create", "user", email, {"role": role.value})
    db.session.flush()
    return user


def reset_password(partnership: Partnership, user: User) -> str:
    """An admin gives someone a new temporary password (returned once, to be read out to them)."""
    password = generate_password()
    set_password(user, password)
    record_audit(partnership.id, "user.reset", "user", user.email)
    db.session.flush()
    return password


def deactivate(partnership: Partnership, user: User, *, actor: User) -> None:
    """An admin stops someone signing in; every session they had ends at once."""
    if user.id == actor.id:
        raise ActionRefused(_("You cannot deactivate your own account."))
    user.active = False
    end_every_session(user)
    record_audit(partnership.id, "user.deactivate", "user", user.email)
    db.session.flush()


def reactivate(partnership: Partnership, user: User) -> None:
    """An admin lets a deactivated person sign in again (with the password they had)."""
    user.active = True
    end_every_session(user)
    record_audit(partnership.id, "user.activate", "user", user.email)
    db.session.flush()
