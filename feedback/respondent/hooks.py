"""What surrounds every respondent page: words and helpers for its templates, an address free of
``?lang=``, and never a copy in a shared cache."""

from __future__ import annotations

from typing import Any

from flask import g, redirect, request
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response as WerkzeugResponse

from surveys.definition import QuestionDefinition
from surveys.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, direction, known_language
from surveys.question_types import field_name, get_type

from .blueprint import bp
from .language import address_without_language, page_language, pick_language, switch_language_url
from .strings import isolated, text

# A global, not a context variable: imported macro files (the builder's fields) see globals only.
bp.add_app_template_global(direction, "text_direction")


@bp.app_context_processor
def template_helpers() -> dict[str, Any]:
    """Words and small helpers for every page (error pages included), in the page's language."""
    language = getattr(g, "lang", None) or page_language()
    return {
        "t": lambda key, **params: text(language, key, **isolated(language, params)),
        "lang": language,
        "field_name": field_name,
        "first_input_id": first_input_id,
        "question_template": question_template,
        "end_label": lambda question, end: get_type(question.type).end_label(question, end, language),
        "language_choices": lambda codes=None: [(code, LANGUAGE_NAMES.get(code, code))
                                                for code in (codes or SUPPORTED_LANGUAGES)],
        "switch_language_url": switch_language_url,
        "error_title": lambda error: _error_text(language, error, "title"),
        "error_message": lambda error: _error_text(language, error, "body"),
    }


def first_input_id(question: QuestionDefinition) -> str:
    """Where an error-summary link should land: the first input of the question."""
    return get_type(question.type).first_input_id(question)


def question_template(question: QuestionDefinition) -> str:
    """The partial that draws the question on a page, as its type names it."""
    return f"respondent/questions/_{get_type(question.type).template}.html"


def _error_text(language: str, error: Any, part: str) -> str:
    code = getattr(error, "code", 500)
    return text(language, f"error_{code if code in (400, 404, 429) else 'other'}_{part}")


@bp.after_request
def keep_private(response: WerkzeugResponse) -> WerkzeugResponse:
    """Pages may show a person's answers or resume code: never keep them in a shared cache."""
    if request.endpoint != "respondent.qr_code":
        response.cache_control.private = True
        response.cache_control.no_store = True
    return response


@bp.before_request
def clean_language_address() -> ResponseReturnValue | None:
    """``?lang=`` on a page's address: keep the choice in the session and show the page at its address
    without it, so the address bar, a copied link or a bookmark does not pin the language. Any language
    is kept, not only the interface's: a survey written in Korean is answered in Korean (the page itself
    keeps only a language its survey offers)."""
    if request.method != "GET" or "lang" not in request.args or request.endpoint == "respondent.qr_code":
        return None
    chosen = request.args.get("lang")
    if known_language(chosen):
        pick_language(chosen)
    return redirect(address_without_language())
