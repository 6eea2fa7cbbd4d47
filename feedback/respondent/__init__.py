"""Pages for the people who answer surveys: no account, no JavaScript needed."""

from flask import Blueprint

bp = Blueprint("respondent", __name__)

from . import routes  # noqa: F401  (routes attach themselves to bp)
