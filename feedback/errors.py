"""One error handler for people (HTML) and API clients (JSON); failed requests roll back.

JSON errors take the API's one shape (:mod:`feedback.api.errors`), wherever they are raised.

Staff (anything under ``/staff/``) get a staff page that says what happened in their terms and leads
back to their dashboard; respondents get the public page, in their language. A database that is busy
or restarting (:mod:`feedback.transient`) is answered 503 "try again", with what the person typed.
"""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, InternalServerError

from .api import errors as api_errors
from .extensions import db
from .transient import RETRY_AFTER_SECONDS, is_transient, resend_fields


def wants_json() -> bool:
    return request.path.startswith("/api/") or (
        request.accept_mimetypes.best_match(["application/json", "text/html"]) == "application/json"
    )


def is_staff_page() -> bool:
    return request.path == "/staff" or request.path.startswith("/staff/")


STAFF_ERRORS: dict[int, tuple[LazyString, LazyString]] = {
    400: (_l("The form could not be sent"),
          _l("The page was probably open for a long time, or the form was sent twice. "
             "Go back, reload the page and try again.")),
    401: (_l("Please sign in"), _l("Your session has ended. Sign in again to carry on.")),
    403: (_l("You do not have access to this"),
          _l("Your role in this partnership does not allow it. Partners see their own organization's "
             "surveys and responses and the partnership's reports; analysts and admins work with every "
             "survey; only admins manage people. If you need more access, ask an admin of your partnership.")),
    404: (_l("Page not found"),
          _l("There is nothing at this address, or it belongs to a partnership you are not a member of. "
             "Check the link, or start again from your surveys.")),
    409: (_l("That cannot be done yet"),
          _l("What you asked for is waiting on something else, such as themes still being found. "
             "Wait a moment, reload the page and try again.")),
    413: (_l("The file is too large"),
          _l("Files up to 2 MB can be sent. Split a larger file, or save it as CSV, which is smaller "
             "than a spreadsheet, and try again.")),
    429: (_l("Too many attempts"), _l("Wait a minute, then try again.")),
    500: (_l("Something went wrong on our side"),
          _l("Nothing you did caused this, but what you were doing may not have been saved. Try again in "
             "a minute; if it keeps happening, tell the person who runs Chorus for your partnership.")),
}
"""(heading, explanation) of the staff error page for each status."""


def staff_error_text(code: int) -> tuple[str, str]:
    """(heading, explanation) of a staff error page, in the page's language."""
    heading, explanation = STAFF_ERRORS.get(code, STAFF_ERRORS[500] if code >= 500 else (
        _l("That did not work"), _l("Go back and try again, or start again from your surveys.")))
    return str(heading), str(explanation)


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    db.session.rollback()
    if wants_json():
        return api_errors.http_error(error)
    if is_staff_page():
        heading, explanation = staff_error_text(error.code or 500)
        return render_template("staff/error.html", error=error, heading=heading,
                               explanation=explanation), error.code
    return render_template("error.html", error=error), error.code


def handle_database_error(error: DBAPIError) -> ResponseReturnValue:
    """503 "try again" while the database is busy or restarting; the ordinary 500 for anything else.

    The page for people touches no database (no signed-in user, no survey): it is what a person sees
    precisely when there is none. It keeps what they sent in a form that sends it again."""
    db.session.rollback()

    if wants_json():
        return api_errors.database_error(error)
    if not is_transient(error):
        current_app.logger.error("database error on %s", request.path, exc_info=error)
        return handle_http_error(InternalServerError(original_exception=error))
    current_app.logger.warning("database unavailable on %s: %s", request.path, error.orig)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return render_template("try_again.html", resend=resend_fields()), 503, headers


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(DBAPIError, handle_database_error)
