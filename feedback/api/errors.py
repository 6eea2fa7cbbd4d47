"""One error shape for every answer under ``/api/v1``: ``{"error": {"code", "message", "field"}}``.

A client branches on ``code`` (stable, machine-readable), shows ``message`` (plain words), and finds the
offending input in ``field`` (``null`` when the whole request is at fault); a validation error adds
``errors``, one ``{"field", "message"}`` per problem. Views raise :class:`ApiError`; Flask's own errors
(404 for an unknown address, 405, 413, 429 from the rate limiter) get the same shape from
:func:`http_error`.

Errors answered before a view is chosen (routing 404/405, the input guards of :mod:`feedback.guards`)
come through the app-wide handlers of :mod:`feedback.errors`, which call :func:`http_error` and
:func:`database_error` here, so a client meets one shape everywhere.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from ..extensions import db
from ..transient import RETRY_AFTER_SECONDS, is_transient

CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}
"""The ``code`` of each status when nothing more precise is said."""

MESSAGES: dict[int, str] = {
    401: "Send a valid API token: Authorization: Bearer <token>.",
    403: "This token's role does not allow this.",
    404: "Nothing exists at this address, or it belongs to a partnership this token cannot reach.",
    405: "This address does not take that method.",
    413: "The request is too large.",
    429: "Too many requests for this token; wait a minute and try again.",
    500: "Something went wrong on our side; try again in a minute.",
}


class ApiError(Exception):
    """An API request refused with ``status``; rendered by the blueprint's handler."""

    def __init__(self, status: int, message: str | None = None, *, code: str | None = None,
                 field: str | None = None, errors: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message or MESSAGES.get(status, "The request could not be handled.")
        self.code = code or CODES.get(status, "error")
        self.field = field
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra or {}  # further keys inside ``error``, e.g. a closed survey's status


def error_body(http_status: int, message: str, *, code: str | None = None, field: str | None = None,
               errors: list[dict[str, str]] | None = None, **extra: Any) -> dict[str, Any]:
    """The JSON an API error answers with (``extra``: further keys inside ``error``)."""
    detail: dict[str, Any] = {"code": code or CODES.get(http_status, "error"), "message": message, "field": field}
    if errors is not None:
        detail["errors"] = errors
    detail.update(extra)
    return {"error": detail}


def error_response(error: ApiError) -> tuple[Response, int, dict[str, str]]:
    """The response for a raised :class:`ApiError`."""
    body = error_body(error.status, error.message, code=error.code, field=error.field, errors=error.errors,
                      **error.extra)
    headers = dict(error.headers)
    if error.status == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="chorus"')
    return jsonify(body), error.status, headers


def handle_api_error(error: ApiError) -> tuple[Response, int, dict[str, str]]:
    db.session.rollback()
    return error_response(error)


def http_error(error: HTTPException) -> Response:
    """Flask's and Werkzeug's errors (abort(404), 405, 413, a rate limit's 429) in the API's shape."""
    db.session.rollback()
    status = error.code or 500
    response = error.get_response()  # keeps headers such as Allow (405) and Retry-After (429)
    message = MESSAGES.get(status) or (error.description or error.name)
    reply = jsonify(error_body(status, message))
    reply.status_code = status
    for name in ("Allow", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
        if name in response.headers:
            reply.headers[name] = response.headers[name]
    return reply


def database_error(error: DBAPIError) -> tuple[Response, int, dict[str, str]]:
    """503 with ``retry_after`` while the database is busy or restarting; 500 for anything else (logged)."""
    db.session.rollback()
    if not is_transient(error):
        current_app.logger.error("database error on %s", request.path, exc_info=error)
        return jsonify(error_body(500, MESSAGES[500])), 500, {}
    current_app.logger.warning("database unavailable on %s: %s", request.path, error.orig)
    message = ("The database is busy or restarting. Send the same request again in a few seconds "
               "(with the same Idempotency-Key, so it is stored once).")
    return (jsonify(error_body(503, message, retry_after=RETRY_AFTER_SECONDS)), 503,
            {"Retry-After": str(RETRY_AFTER_SECONDS)})


def register(bp: Blueprint) -> None:
    """Attach the handlers to the API blueprint (the app's handlers call the same functions for errors
    raised before a view is chosen)."""
    bp.register_error_handler(ApiError, handle_api_error)
    bp.register_error_handler(HTTPException, http_error)
    bp.register_error_handler(DBAPIError, database_error)
