"""Which language a respondent page speaks, and how a choice is remembered.

A language chosen on purpose (``?lang=`` or a language button) is kept in the session. Until a response
takes it on, the choice outranks the language a response was answered in; after that the response's
language leads. A page outside a survey (an error) speaks the session's language, else the browser's.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from babel import Locale
from flask import g, request, session, url_for
from werkzeug.datastructures import LanguageAccept

from surveys.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, known_language
from surveys.models import Response, Survey

from .strings import isolated, text

# Session keys. "lang" is the last language chosen on purpose; "lang_pick" the same choice until a
# response takes it on (it outranks the language a response was answered in, as ``?lang=`` did).
LANGUAGE = "lang"
PICKED_LANGUAGE = "lang_pick"


def choose_language(survey: Survey | None, response: Response | None = None) -> str:
    """The page's language, if the survey offers it: ``?lang=`` (a form post), else a language just
    chosen on purpose, the response's, the one chosen earlier, the browser's, the survey's first."""
    offered = list(survey.languages) if survey else list(SUPPORTED_LANGUAGES)
    for candidate in (request.args.get("lang"), session.get(PICKED_LANGUAGE),
                      response.language if response else None, session.get(LANGUAGE)):
        if candidate in offered:
            language = candidate
            break
    else:
        language = browser_language(offered) or offered[0]
    if request.args.get("lang") in offered:
        pick_language(language)
    g.lang = language
    return language


def language_asked_for() -> str | None:
    """The language the reader chose on purpose (``?lang=``, a language button, the home page's
    choice), whether or not this survey offers it."""
    for candidate in (request.args.get("lang"), session.get(PICKED_LANGUAGE), session.get(LANGUAGE)):
        if known_language(candidate):
            return candidate
    return None


def missing_language_notice(survey: Survey, language: str) -> tuple[str, str] | None:
    """(language, words) of a notice that the survey is not offered in the language the reader chose
    and is shown in ``language`` instead, written in the reader's language (English where the interface
    has no catalog for it); ``None`` when the survey speaks the language asked for."""
    asked = language_asked_for()
    if asked is None or asked == language or asked in survey.languages:
        return None
    notice = asked if asked in SUPPORTED_LANGUAGES else "en"
    reader = Locale.parse(notice, sep="-")
    # Each language named in the reader's words; by its own name where CLDR has none ("English" in Kreyòl).
    names = {name: Locale.parse(code, sep="-").get_display_name(reader) or LANGUAGE_NAMES.get(code, code)
             for name, code in (("asked", asked), ("shown", language))}
    return notice, text(notice, "not_in_language", **isolated(notice, names))


def pick_language(language: str) -> None:
    """Remember a language chosen on purpose (a language button or ``?lang=``)."""
    session[LANGUAGE] = session[PICKED_LANGUAGE] = language


def answer_in(language: str) -> None:
    """The person switched language on a page of their response: this page and the response speak it
    from now on, and it is the language chosen last."""
    session[LANGUAGE] = g.lang = language
    language_taken_on()


def language_taken_on() -> None:
    """A response now carries the chosen language, so the response's language leads from here on."""
    session.pop(PICKED_LANGUAGE, None)


def page_language() -> str:
    """For pages outside a survey (errors): ``?lang=``, the session's, the browser's, else English."""
    if not request:
        return "en"
    for candidate in (request.args.get("lang"), session.get(PICKED_LANGUAGE), session.get(LANGUAGE)):
        if candidate in SUPPORTED_LANGUAGES:
            return candidate
    return browser_language(SUPPORTED_LANGUAGES) or "en"


# Browsers name Chinese by region ("zh-CN", "zh-TW"); surveys and catalogs by script ("zh-Hans").
SCRIPT_OF_REGION = {"zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-my": "zh-Hans", "zh-tw": "zh-Hant",
                    "zh-hk": "zh-Hant", "zh-mo": "zh-Hant"}


def browser_language(offered: Sequence[str]) -> str | None:
    """The offered language the browser prefers (``Accept-Language``), reading "zh-CN" as "zh-Hans"."""
    wanted = [(SCRIPT_OF_REGION.get(value.lower(), value), quality)
              for value, quality in request.accept_languages]
    return LanguageAccept(wanted).best_match(offered)


def switch_language_url(code: str) -> str:
    """This page's address in another language (query arguments such as ``src`` kept)."""
    args = {**request.args.to_dict(), "lang": code}
    if request.endpoint and request.url_rule and "GET" in (request.url_rule.methods or ()):
        return url_for(request.endpoint, **(request.view_args or {}), **args)
    return "?" + urlencode(args)


def address_without_language() -> str:
    """This page's address with ``?lang=`` taken out (other arguments kept)."""
    rest = urlencode([(key, value) for key, value in request.args.items(multi=True) if key != "lang"])
    return request.script_root + request.path + (f"?{rest}" if rest else "")
