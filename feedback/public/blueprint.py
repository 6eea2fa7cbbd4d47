"""The public blueprint, apart from ``__init__`` so route modules import it without a cycle."""

from flask import Blueprint

bp = Blueprint("public", __name__)
