"""The API blueprint. Clients send JSON, not browser forms, so CSRF tokens do not apply; submissions
are rate-limited and deduplicated with ``Idempotency-Key`` instead."""

from flask import Blueprint

from ..extensions import csrf

bp = Blueprint("api", __name__)
csrf.exempt(bp)
