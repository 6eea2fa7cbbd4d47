"""Staff sign-in: Flask-Login with a per-user session version and an idle timeout.

A session also ends ``STAFF_SESSION_LIFETIME`` seconds (12 hours) after sign-in however busy it is, and
sign-in renews the CSRF token.

Flask's signed-cookie session alone would let a copied cookie keep working after sign-out; the
session carries the user's ``session_version`` and every request checks it against the database,
so signing out (which bumps the version) ends every copy of the session.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Flask, flash, g, redirect, request, session, url_for
from flask_login import LoginManager, current_user, login_user, logout_user

from .extensions import db
from .models import User
from .services.accounts import end_every_session

login_manager = LoginManager()
login_manager.login_view = "staff.login"
login_manager.login_message = "Please sign in to see that page."
# "basic": a changed IP address (phones moving between networks) only marks the session not fresh;
# sign-out safety comes from the session version below, not from pinning sessions to an address.
login_manager.session_protection = "basic"

IDLE_KEY = "_seen"
SIGNED_IN_KEY = "_signed_in"
CSRF_KEY = "csrf_token"  # where Flask-WTF keeps the session's CSRF secret


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    identifier, _, version = user_id.partition(":")
    if not identifier.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(identifier))
    if user is None or user.session_version != int(version):
        return None
    return user


def begin_session(user: User) -> None:
    """Sign ``user`` in on this browser, carrying their current session version (after a password
    change, this session goes on while every other one ends)."""
    login_user(user)
    # A CSRF token seen before sign-in (on a shared computer, or planted) is worthless afterwards.
    session.pop(CSRF_KEY, None)
    g.pop(CSRF_KEY, None)
    session[IDLE_KEY] = session[SIGNED_IN_KEY] = time.time()


def end_session(user: User) -> None:
    """Sign out here and everywhere this session's cookie may have been copied (the caller commits)."""
    end_every_session(user)
    logout_user()
    session.clear()


def safe_next(target: str | None) -> str:
    """Where to go after signing in: ``next`` when it is a staff page on this site (no open redirect),
    else the dashboard."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and parts.path.startswith("/staff/"):
            return target
    return url_for("staff.dashboard")


def init_app(app: Flask) -> None:
    # Flask-Login's own context processor loads the user on every rendered page, which on respondent
    # pages (no account, but a session for CSRF) trips session protection and sends a cookie deletion.
    # The proxy below is evaluated only by templates that use it: the staff pages.
    login_manager.init_app(app, add_context_processor=False)
    app.context_processor(lambda: {"current_user": current_user})

    @app.before_request
    def enforce_idle_timeout():
        if not request.path.startswith("/staff/"):
            return None
        if not current_user.is_authenticated:
            session.pop(IDLE_KEY, None)  # a stale time must not sign out the next sign-in
            return None
        now = time.time()
        seen = session.get(IDLE_KEY, now)
        signed_in = session.setdefault(SIGNED_IN_KEY, now)
        idle = now - seen > app.config["STAFF_IDLE_TIMEOUT"]
        if idle or now - signed_in > app.config["STAFF_SESSION_LIFETIME"]:
            # The one write a GET may trigger besides the download audit: ending an expired session.
            end_session(current_user._get_current_object())
            db.session.commit()
            flash("You were signed out after a period without activity. Please sign in again." if idle else
                  "You were signed out because you signed in a long time ago. Please sign in again.")
            return redirect(url_for("staff.login", next=request.full_path))
        session[IDLE_KEY] = now
        return None
