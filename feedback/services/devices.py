"""Device tokens: what lets one phone or tablet (ODK Collect, KoboCollect, Enketo) list, download and
answer one survey through the OpenRosa server, and nothing else.

A token is like an ODK Central app user's: a long random string that goes in the server address
(``/openrosa/key/<token>``) or, for clients that ask for a user name and password, as the password.
Only its SHA-256 is stored, so it is shown once, when it is made; staff revoke a lost device's token
and make a new one. :func:`collect_settings` is what the settings QR code that ODK Collect scans
carries: ``base64(zlib(JSON))`` with the server address in it.
"""

from __future__ import annotations

import base64
import json
import secrets
import zlib
from typing import Any

from flask_babel import gettext as _

from surveys.models import Survey, utcnow

from ..extensions import db
from ..models import DeviceToken
from . import ActionRefused
from .audit import record_audit
from .tokens import hash_token  # one way to store a secret, for staff and device tokens alike

__all__ = ["TOKEN_BYTES", "collect_settings", "create_device", "device_for_token", "devices_of",
           "hash_token", "mark_used", "revoke_device"]

TOKEN_BYTES = 32
"""Random bytes in a token (43 URL-safe characters): far beyond guessing, so a fast hash is enough."""
MAX_NAME = 100


def create_device(survey: Survey, name: str, *, created_by_id: int | None) -> tuple[DeviceToken, str]:
    """A new token for one device on ``survey``; returns the row and the token itself, which is never
    stored and cannot be shown again."""
    name = " ".join((name or "").split())
    if not name:
        raise ActionRefused(_("Name the device (for example “Tablet 3, Riverside job fair”)."), field="name")
    if len(name) > MAX_NAME:
        raise ActionRefused(_("A device name is at most %(count)s characters.", count=MAX_NAME), field="name")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    device = DeviceToken(partnership_id=survey.partnership_id, survey=survey, name=name,
                         token_hash=hash_token(token), created_by_id=created_by_id)
    db.session.add(device)
    db.session.flush()
    record_audit(survey.partnership_id, "device.create", "device_token", device.public_id,
                 {"survey": survey.slug, "name": name})
    return device, token


def revoke_device(device: DeviceToken) -> bool:
    """Stop a device's token working at once (it lists, downloads and sends nothing more); ``False``
    when it was already revoked. What it sent before stays."""
    if device.revoked_at is not None:
        return False
    device.revoked_at = utcnow()
    record_audit(device.partnership_id, "device.revoke", "device_token", device.public_id,
                 {"survey": device.survey.slug, "name": device.name})
    db.session.flush()
    return True


def device_for_token(token: str | None) -> DeviceToken | None:
    """The working (not revoked) device holding ``token``, or ``None``: an unknown and a revoked token
    are answered alike, so a caller learns nothing about tokens it does not hold."""
    if not token or len(token) > 200:
        return None
    device = db.session.scalar(db.select(DeviceToken).where(DeviceToken.token_hash == hash_token(token)))
    return device if device is not None and device.revoked_at is None else None


def mark_used(device: DeviceToken) -> None:
    """Note that the device just sent something (shown to staff as its last submission). Called only by
    submissions: listing and downloading forms are reads, and reads never write."""
    device.last_used_at = utcnow()


def devices_of(survey: Survey) -> list[DeviceToken]:
    """The survey's device tokens, working ones first, newest first."""
    return list(db.session.scalars(
        db.select(DeviceToken).where(DeviceToken.survey_id == survey.id)
        .order_by(DeviceToken.revoked_at.is_not(None), DeviceToken.created_at.desc(), DeviceToken.id.desc())))


def collect_settings(server_url: str, project_name: str) -> str:
    """What ODK Collect's "scan a QR code" reads to configure a project: the settings JSON, compressed
    with zlib and encoded as base64. The device fetches the survey's form list from ``server_url`` and
    keeps exactly the forms it lists, and sends finished forms as soon as it has a connection."""
    settings: dict[str, Any] = {
        "general": {"server_url": server_url, "form_update_mode": "match_exactly",
                    "autosend": "wifi_and_cellular"},
        "admin": {},
        "project": {"name": project_name[:100]},
    }
    data = json.dumps(settings, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(data)).decode("ascii")
