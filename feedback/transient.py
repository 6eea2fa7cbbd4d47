"""Database failures that pass by themselves: retried inside the request, then "please try again".

Two such failures are expected in normal operation, and neither may cost a respondent their answers:

* **SQLite "database is locked"**: the busy timeout makes a writer wait for another, but in WAL mode a
  transaction that read first and then writes after someone else committed gets ``SQLITE_BUSY`` at once
  (the busy handler is not called, or the two could deadlock). Running the request again succeeds.
* **PostgreSQL restarting** (an upgrade, a failover, ``systemctl restart``): every pooled connection
  dies, and new ones are refused for a second or two. ``pool_pre_ping`` replaces dead connections;
  the request in flight needs to run again once the server is back.

The submission views (:func:`retry_transient`) run again after a rollback and a short, growing,
jittered wait; that is safe because a submission is idempotent: the API by its ``Idempotency-Key``,
the pages because storing a page twice stores it once. When the database stays away longer,
``feedback.errors`` answers 503 with ``Retry-After``: JSON for API clients, and for a person a page
that keeps everything they just typed (:func:`resend_fields`) in a form that sends it again — never a
stack trace, never an empty form.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import DBAPIError

from .extensions import db

RETRY_WAITS = (0.05, 0.2, 0.5, 1.0, 1.5)
"""Seconds between attempts (each ±50 % jitter, so workers that failed together do not retry
together): about 3 s in all, longer than a PostgreSQL restart takes here, short enough for a phone."""

RETRY_AFTER_SECONDS = 5
"""What the 503 asks clients to wait before sending again."""

_SQLITE_TRANSIENT = ("database is locked", "database is busy", "database table is locked")
_POSTGRES_TRANSIENT_STATES = ("08", "57P01", "57P02", "57P03", "40001", "40P01", "55P03", "53300")
"""Connection exceptions (class 08), shutdown and "cannot connect now" (57P0x), serialization failure
and deadlock (40001, 40P01), lock not available (55P03), too many connections (53300)."""
_UNREACHABLE = ("connection refused", "could not connect", "server closed the connection", "shutting down",
                "starting up", "in recovery mode", "terminating connection", "connection reset", "timeout",
                "timed out", "no route to host", "network is unreachable", "could not receive data",
                "could not send data", "ssl syscall error", "eof detected")
"""How psycopg words a server it cannot reach (no SQLSTATE then); "does not exist" or "authentication
failed" are not among them."""

View = TypeVar("View", bound=Callable[..., ResponseReturnValue])


def is_transient(error: BaseException) -> bool:
    """True for a database error that running the request again can cure; a wrong password, a missing
    database or a broken query is not one (it would only make every request wait, then fail)."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    driver = type(error.orig).__module__.split(".", 1)[0]
    message = str(error.orig).lower()
    if driver == "sqlite3":
        return any(text in message for text in _SQLITE_TRANSIENT)
    state = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    if state:
        return any(state.startswith(prefix) for prefix in _POSTGRES_TRANSIENT_STATES)
    # No SQLSTATE: the client failed before the server answered; only a server out of reach is transient.
    return driver in ("psycopg", "psycopg2") and any(text in message for text in _UNREACHABLE)


def retry_transient(view: View) -> View:
    """Run ``view`` again when the database fails transiently; give up after :data:`RETRY_WAITS`.

    Only for views that are safe to run twice (submissions, which store once whatever happens)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        for wait in RETRY_WAITS:
            try:
                return view(*args, **kwargs)
            except DBAPIError as error:
                if not is_transient(error):
                    raise
                db.session.rollback()
                # The route, not the path: an OpenRosa path holds a device's key.
                current_app.logger.warning("transient database error on %s, retrying: %s",
                                           request.url_rule.rule if request.url_rule else "?", error.orig)
                time.sleep(wait * random.uniform(0.5, 1.5))
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def resend_fields() -> list[tuple[str, str]]:
    """What a respondent just sent on a survey's page, so the "try again" page can send it again
    (``action`` is the button). Only survey pages: staff forms carry passwords, and a password or a
    resume code must never be printed back into a page."""
    if request.method != "POST" or not request.path.startswith("/s/"):
        return []
    return [(name, value) for name, values in request.form.lists()
            if name not in _NEVER_RESENT and "password" not in name for value in values]


_NEVER_RESENT = frozenset({"action", "code"})
