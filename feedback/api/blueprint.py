"""The API blueprint. Clients send JSON, not browser forms, so CSRF tokens do not apply; submissions
are rate-limited and deduplicated with ``Idempotency-Key`` instead, staff endpoints need a token.

Before any view: a body that is not JSON is refused with 415, and one that says it is JSON but does not
parse with 400, so views only ever read a parsed object.
"""

from flask import Blueprint, request

from ..extensions import csrf
from . import errors
from .errors import ApiError

bp = Blueprint("api", __name__)
csrf.exempt(bp)
errors.register(bp)

BODY_METHODS = ("POST", "PUT", "PATCH")


@bp.before_request
def require_json_body() -> None:
    """415 for a body of another type; 400 for JSON that does not parse (strictly, :mod:`feedback.guards`)."""
    if request.method not in BODY_METHODS:
        return
    has_body = bool(request.content_length) or request.headers.get("Transfer-Encoding") == "chunked"
    if request.mimetype != "application/json":
        if has_body or request.mimetype:
            raise ApiError(415, "Send the body as JSON, with Content-Type: application/json.",
                           field="Content-Type")
        return
    if has_body and request.get_json(silent=True) is None:
        raise ApiError(400, "The body is not valid JSON (strict JSON, at most 32 levels deep).",
                       code="invalid_json")
