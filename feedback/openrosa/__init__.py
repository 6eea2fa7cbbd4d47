"""The OpenRosa server: ODK Collect, KoboCollect and Enketo list, download and submit forms here."""

from .blueprint import bp

__all__ = ["bp"]
