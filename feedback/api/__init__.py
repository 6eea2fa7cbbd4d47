"""JSON API for kiosks, offline collection apps and imports (``/api/v1``)."""

from . import routes  # noqa: F401  (routes attach themselves to bp)
from .blueprint import bp

__all__ = ["bp"]
