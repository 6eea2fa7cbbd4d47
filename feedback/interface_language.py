"""The language of staff pages: the person's own choice, else their browser's, among the languages
the staff texts are translated into.

Staff texts are ``_("...")`` calls in ``feedback/`` and the templates, extracted into the same gettext
catalogs as the respondent texts (``surveys/translations``, ``make translations``); Flask-Babel picks
the catalog per request with :func:`select_locale`. Respondent and public pages choose their language
themselves (``feedback.respondent.language``) and say it in ``g.lang``; this module follows it there.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from flask import g, has_request_context, request
from flask_babel import get_locale, refresh
from flask_login import current_user

from surveys.catalog import catalog_locale
from surveys.i18n import LANGUAGE_NAMES

__all__ = ["STAFF_LANGUAGES", "forget_previous_request", "interface_locale", "select_locale",
           "staff_language_choices"]

MACHINE_BLUEPRINTS = frozenset({"api", "openrosa"})
"""Blueprints answering programs, not people: their messages stay English whatever the Accept-Language."""

STAFF_LANGUAGES: tuple[str, ...] = ("en", "es")
"""Languages every staff text is translated into (a test keeps it so); others fall back to English."""


def select_locale() -> str:
    """Flask-Babel's locale for this request."""
    if not has_request_context() or request.blueprint in MACHINE_BLUEPRINTS:
        return "en"
    if getattr(g, "lang", None):  # a respondent or public page chose its language
        return _known(catalog_locale(g.lang))  # Babel's spelling: zh_Hans, not zh-Hans
    chosen = getattr(current_user, "interface_language", None) if current_user else None
    if chosen in STAFF_LANGUAGES:
        return chosen
    return request.accept_languages.best_match(STAFF_LANGUAGES, default="en")


def forget_previous_request() -> None:
    """Start each request without the locale or page language of one before it in the same app context
    (a test client inside an open app context, a server reusing one): Flask-Babel keeps them in ``g``."""
    g.pop("lang", None)
    refresh()


def _known(locale: str) -> str:
    """``locale`` when Babel knows it, else English: a survey may be written in any well-formed code."""
    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return "en"
    return locale


def staff_language_choices() -> list[tuple[str, str]]:
    """(code, name in its own language) of each staff language, for the account page's choice."""
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in STAFF_LANGUAGES]


def interface_locale() -> str:
    """The language this page is written in, for ``<html lang>`` (``es``, ``zh-Hans``)."""
    locale = get_locale()
    return "en" if locale is None else str(locale).replace("_", "-")
