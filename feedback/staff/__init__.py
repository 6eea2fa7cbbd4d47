"""Staff workspace under ``/staff/``: sign-in, surveys, responses, theme reports, curation, exports.

Every view except sign-in requires a signed-in user, and every object is loaded through
``feedback.access`` so that membership and role are checked on the object itself.
"""

from flask import Blueprint, abort, current_app, request
from flask_login import current_user

bp = Blueprint("staff", __name__)

PUBLIC_ENDPOINTS = {"staff.login"}


@bp.before_request
def require_sign_in():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not current_user.memberships:
        abort(403)
    return None


@bp.after_request
def no_store(response):
    """Staff pages hold respondents' answers: keep them out of shared caches and the back button."""
    response.headers["Cache-Control"] = "no-store"
    return response


from . import routes  # noqa: F401
