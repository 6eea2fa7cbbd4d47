"""Pages for the people who answer surveys: no account, no JavaScript needed."""

from . import routes  # noqa: F401  (routes attach themselves to bp)
from .blueprint import bp

__all__ = ["bp"]
