"""The OpenRosa blueprint. Devices send multipart XML, not browser forms, so CSRF does not apply."""

from flask import Blueprint

from ..extensions import csrf

bp = Blueprint("openrosa", __name__)
csrf.exempt(bp)
