"""The staff blueprint and what every staff request goes through: a signed-in member, no caching."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.wrappers import Response

bp = Blueprint("staff", __name__)

PUBLIC_ENDPOINTS = {"staff.login"}


@bp.before_request
def require_sign_in() -> ResponseReturnValue | None:
    """Every staff page but sign-in needs someone signed in who belongs to a partnership."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not current_user.memberships:
        abort(403)
    return None


@bp.after_request
def no_store(response: Response) -> Response:
    """Staff pages hold respondents' answers: keep them out of shared caches and the back button."""
    response.headers["Cache-Control"] = "no-store"
    return response
