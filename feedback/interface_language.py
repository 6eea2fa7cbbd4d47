"""The language of staff pages: the person's own choice, else their browser's, among the languages
the staff texts are translated into.

Staff texts are ``_("...")`` calls in ``feedback/`` and the templates, extracted into the same gettext
catalogs as the respondent texts (``surveys/translations``, ``make translations``); Flask-Babel picks
the catalog per request with :func:`select_locale`. Respondent and public pages choose their language
themselves (``feedback.respondent.language``) and say it in ``g.lang``; this module follows it there.
"""

from __future__ import annotations

from flask import g, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from surveys.catalog import catalog_locale
from surveys.i18n import LANGUAGE_NAMES

__all__ = ["STAFF_LANGUAGES", "interface_locale", "select_locale", "staff_language_choices"]

STAFF_LANGUAGES: tuple[str, ...] = ("en", "es")
"""Languages every staff text is translated into (a test keeps it so); others fall back to English."""


def select_locale() -> str:
    """Flask-Babel's locale for this request."""
    if not has_request_context():
        return "en"
    if getattr(g, "lang", None):  # a respondent or public page chose its language
        return catalog_locale(g.lang)  # Babel's spelling: zh_Hans, not zh-Hans
    chosen = getattr(current_user, "interface_language", None) if current_user else None
    if chosen in STAFF_LANGUAGES:
        return chosen
    return request.accept_languages.best_match(STAFF_LANGUAGES, default="en")


def staff_language_choices() -> list[tuple[str, str]]:
    """(code, name in its own language) for the account page; ``""`` follows the browser."""
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in STAFF_LANGUAGES]


def interface_locale() -> str:
    """The language this page is written in, for ``<html lang>`` (``es``, ``zh-Hans``)."""
    locale = get_locale()
    return "en" if locale is None else str(locale).replace("_", "-")
