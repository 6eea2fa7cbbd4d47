"""Which device is asking: its token, from the address (``/openrosa/key/<token>/…``, like an ODK Central
app user) or, for clients set up with a user name and password, as the HTTP Basic password.

An unknown or revoked token is 401, alike; a form or address of a survey other than the token's is
404 whether or not that survey exists, so a token reveals nothing beyond its own survey.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort, current_app, request
from flask_limiter.util import get_remote_address
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from surveys.definition import SurveyDefinition
from surveys.models import Survey
from surveys.services import definition_of, load_survey

from ..extensions import db
from ..models import DeviceToken
from ..services.devices import device_for_token, hash_token

__all__ = ["Caller", "caller", "device_limit", "device_rate_key", "presented_token"]

REALM = "Chorus OpenRosa"


@dataclass(frozen=True)
class Caller:
    """A device with a working token, and the survey it may use."""

    device: DeviceToken
    survey: Survey

    @property
    def definition(self) -> SurveyDefinition:
        return definition_of(self.survey)


def presented_token(token: str | None) -> str | None:
    """The token in the address, else the password of an HTTP Basic ``Authorization`` header."""
    if token is not None:
        return token
    credentials = request.authorization
    if credentials is not None and credentials.type == "basic":
        return credentials.password or None
    return None


def caller(token: str | None) -> Caller:
    """The device asking, with its survey; 401 otherwise."""
    presented = presented_token(token)
    device = device_for_token(presented)
    if device is None:
        # On the bare addresses a 401 always carries the Basic challenge (so Collect asks for the key
        # again); with a key in the address there is no password to ask for.
        raise Unauthorized(www_authenticate=_challenge() if token is None else None)
    slug = db.session.scalar(sa.select(Survey.slug).where(Survey.id == device.survey_id))
    survey = load_survey(slug) if slug is not None else None  # read so its definition is a cache hit
    if survey is None:
        abort(401)
    return Caller(device, survey)


def _challenge() -> WWWAuthenticate:
    return WWWAuthenticate("basic", {"realm": REALM})


def device_rate_key() -> str:
    """Rate limits count per device (a fair's tablets share one address), per address without a token."""
    presented = presented_token((request.view_args or {}).get("token"))
    return f"device:{hash_token(presented)}" if presented else get_remote_address()


def device_limit() -> str:
    """Requests per device; Collect sends every finished form at once when it finds a signal."""
    return current_app.config.get("RATELIMIT_OPENROSA", "120 per minute")
