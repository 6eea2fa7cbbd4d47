"""The "you said, we did" page: what a partnership heard, what it does about it, and its measures."""

from __future__ import annotations

from typing import Any

from flask import abort, g, render_template, request
from flask.typing import ResponseReturnValue
from markupsafe import Markup
from werkzeug.wrappers import Response as WerkzeugResponse

from surveys.i18n import SUPPORTED_LANGUAGES

from ..queries import public as public_queries
from ..respondent.language import page_language
from ..respondent.strings import isolated
from .blueprint import bp
from .formats import amount, long_date, number, percent
from .strings import text

CACHE_SECONDS = 300
"""How long a shared cache may keep the page: turning it off, or a new action, shows within minutes."""


@bp.get("/p/<slug>")
def partnership(slug: str) -> ResponseReturnValue:
    """The partnership's public page, or the same 404 for an unknown slug and a page turned off."""
    found = public_queries.public_partnership(slug)
    if found is None:
        abort(404)
    g.lang = _language()
    page = public_queries.public_page(found, g.lang)
    return render_template("public/partnership.html", partnership=found, page=page)


def _language() -> str:
    """``?lang=`` (kept in the address, so each language is its own cacheable page), else the language
    chosen on the survey pages, else the browser's. Reading it never writes the session."""
    chosen = request.args.get("lang")
    return chosen if chosen in SUPPORTED_LANGUAGES else page_language()


@bp.context_processor
def page_words() -> dict[str, Any]:
    """``say``: the page's words in its language (base.html's own words come from ``t``); ``amount``,
    ``number``, ``percent`` and ``long_date`` print values and dates as the language writes them."""
    language = getattr(g, "lang", None) or "en"
    return {"say": lambda key, **params: _say(language, key, params),
            "amount": lambda value, unit: amount(value, unit, language),
            "number": lambda value: number(value, language),
            "percent": lambda value: percent(value, language),
            "long_date": lambda day: long_date(day, language)}


def _say(language: str, key: str, params: dict[str, Any]) -> str:
    """The page text ``key`` with ``params`` put in: plain ones escaped (and kept in their direction), a
    marked-up one (a wave name marked with its language, isolated by its ``<bdi>``) as marked."""
    marked = {name: value for name, value in params.items() if isinstance(value, Markup)}
    if not marked:
        return text(language, key, **isolated(language, params))
    plain = isolated(language, {name: value for name, value in params.items() if name not in marked})
    return Markup.escape(text(language, key)).format(**plain, **marked)


@bp.after_request
def shared_cache(response: WerkzeugResponse) -> WerkzeugResponse:
    """A short public cache for the page (it holds nothing personal); a copy per language choice."""
    if response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = CACHE_SECONDS
        response.vary.update(("Accept-Language", "Cookie"))
        response.add_etag()
        response.make_conditional(request)
    return response
