"""How often one address may start, resume or send a survey: one budget shared by those forms (and the
API's submissions), so no single form can be hammered while moving between pages stays free."""

from __future__ import annotations

from flask import current_app, request

from ..extensions import limiter


def submit_limit() -> str:
    """The configured submission rate limit (a kiosk shares one address, so staff can raise it)."""
    return current_app.config.get("RATELIMIT_SUBMIT", "30 per minute")


def _not_a_submission() -> bool:
    # Moving between pages is free; sending a survey (or starting/resuming one) counts.
    return request.endpoint == "respondent.page" and request.form.get("action") != "submit"


rate_limited = limiter.shared_limit(submit_limit, scope="respondent-submit", methods=["POST"],
                                    exempt_when=_not_a_submission)
