"""Token authentication for the staff endpoints, the per-token rate limit, and loading what a URL names
with the token's grant (the API's counterpart of :mod:`feedback.access`, whose rules it reuses).

A token reaches one partnership: anything of another partnership answers 404, as the staff pages do, so
ids cannot be probed; what the token's role may not do answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import sqlalchemy as sa
from flask import current_app, g, request

from surveys.models import Survey

from ..access import SurveyAccess
from ..extensions import db, limiter
from ..models import ThemeRun
from ..services import tokens as token_service
from .errors import ApiError


def bearer_token() -> str | None:
    """The token in ``Authorization: Bearer <token>``, if the header has that form."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def current_grant() -> token_service.TokenGrant:
    """The grant of this request's token (set by :func:`token_required`)."""
    return g.api_grant


def api_limit() -> str:
    """Requests per token (``RATELIMIT_API``; a script paging through responses stays well within it)."""
    return current_app.config.get("RATELIMIT_API", "120 per minute")


def _token_key() -> str:
    grant = g.get("api_grant")
    return f"api-token:{grant.token.public_id}" if grant is not None else f"api-anonymous:{request.remote_addr}"


per_token = limiter.shared_limit(api_limit, scope="api-token", key_func=_token_key)
"""One allowance per token across every staff endpoint."""


def token_required(view: Callable) -> Callable:
    """Authenticate the request's token (401 when missing or not working), note its use, then apply the
    per-token rate limit before the view runs."""
    limited = per_token(view)

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        secret = bearer_token()
        grant = token_service.grant_for(secret) if secret else None
        if grant is None:
            message = ("Send your API token: Authorization: Bearer <token>." if secret is None else
                       "This token does not work: it was revoked, it expired, or its owner's access ended.")
            raise ApiError(401, message, field="Authorization")
        g.api_grant = grant
        if token_service.mark_used(grant.token):
            db.session.commit()  # the one write a read makes: when the token was last used
        return limited(*args, **kwargs)

    return wrapper


def survey_grant(slug: str) -> SurveyAccess:
    """A survey of the token's partnership with what the token may do with it, or 404."""
    grant = current_grant()
    survey = db.session.scalar(sa.select(Survey).where(Survey.slug == slug,
                                                       Survey.partnership_id == grant.partnership.id))
    if survey is None:
        raise ApiError(404, "This token's partnership has no survey with this slug.", field="slug")
    return SurveyAccess(survey, grant.membership)  # type: ignore[arg-type]  (the token's lowered membership)


def run_grant(public_id: str) -> tuple[ThemeRun, SurveyAccess]:
    """A theme run of the token's partnership with the token's grant on its survey, or 404."""
    grant = current_grant()
    run = db.session.scalar(sa.select(ThemeRun).join(Survey, Survey.id == ThemeRun.survey_id)
                            .where(ThemeRun.public_id == public_id, Survey.partnership_id == grant.partnership.id))
    if run is None:
        raise ApiError(404, "This token's partnership has no theme run with this id.", field="run_id")
    return run, SurveyAccess(run.survey, grant.membership)  # type: ignore[arg-type]


def require(access: SurveyAccess, permission: str, message: str) -> SurveyAccess:
    """403 with ``message`` unless the grant has ``permission`` (see :class:`feedback.access.SurveyAccess`)."""
    if not getattr(access, permission):
        raise ApiError(403, message)
    return access
