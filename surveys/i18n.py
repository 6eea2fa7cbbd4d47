"""Languages, and the respondent-facing words that belong to question types rather than to a survey
(validation messages, the labels of built-in scales).

The interface speaks :data:`SUPPORTED_LANGUAGES`, each through a gettext catalog
(:mod:`surveys.catalog`; the texts below are their English source, context ``answer:<key>``). A survey
may be written in any language: its own texts come from the survey, and interface words fall back to
English where no catalog speaks the language. Names and writing direction of *any* language come from
Babel's CLDR data, so naming a language needs no table here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache

from babel import Locale, UnknownLocaleError

from . import catalog

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "es", "zh-Hans", "vi", "ar", "ht")
"""The languages the interface ships catalogs for, in the order a language menu lists them: English,
Spanish, then the languages US workforce areas most often need (Chinese, Vietnamese, Arabic, Haitian
Creole). Adding one is a catalog (``make translations LANGUAGE=ko``) and its code here."""


@cache
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return None


class _Names(Mapping[str, str]):
    """Language names by code, for any language Babel knows (``.get(code, code)`` for the rest);
    iterating gives the interface's languages."""

    def __init__(self, *, own: bool) -> None:
        self.own = own

    def __getitem__(self, code: str) -> str:
        locale = _locale(code)
        if locale is None:
            raise KeyError(code)
        name = locale.get_display_name(locale if self.own else "en") or code
        return name[:1].upper() + name[1:]

    def __iter__(self) -> Iterator[str]:
        return iter(SUPPORTED_LANGUAGES)

    def __len__(self) -> int:
        return len(SUPPORTED_LANGUAGES)


LANGUAGE_NAMES: Mapping[str, str] = _Names(own=True)
"""Each language by its own name ("Español", "Tiếng Việt", "العربية"), for respondents choosing one."""
ENGLISH_NAMES: Mapping[str, str] = _Names(own=False)
"""Each language by its English name ("Spanish"), for staff (reports, exports, filters)."""


def known_language(code: str | None) -> bool:
    """Whether ``code`` names a language Babel knows (``ko``, ``zh-Hans``): what a respondent may ask for
    by ``?lang=``, whether or not the interface speaks it, since a survey may be written in it."""
    return bool(code) and len(code) <= 35 and _locale(code) is not None


def direction(code: str) -> str:
    """``"rtl"`` for a language written right to left (Arabic, Persian, Urdu, Hebrew…), else ``"ltr"``."""
    locale = _locale(code)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


MESSAGES: dict[str, str] = {
    "required": "Answer this question",
    "summary_required": "Answer “{question}”",
    "summary": "“{question}”: {message}",
    "choose_one": "Choose one of the answers",
    "choose_valid": "Choose from the answers shown",
    "too_many": "Choose up to {max} answers",
    "exclusive": "“{option}” cannot be chosen with other answers",
    "other_needed": "Say what “{option}” means for you, or untick it",
    "other_conflict": "You chose “{option}” and also typed in “Please say”. "
                      "Choose “{other}” to keep what you typed, or clear the box",
    "scale": "Choose a point on the scale",
    "number": "Enter a number, like 18.50",
    "whole_number": "Enter a whole number, like 12",
    "number_min": "Enter a number that is {min} or more",
    "number_max": "Enter a number that is {max} or less",
    "too_long": "Use {max} characters or fewer",
    "invalid_characters": "Remove the invalid character (U+0000) and try again",
    "date": "Enter a real date, like 2025-03-27",
    "date_min": "Enter a date on or after {min}",
    "date_max": "Enter a date on or before {max}",
    "contact_consent": "Tick the box if you agree to be contacted, or leave the contact boxes empty",
    "contact_missing": "Enter an email address or a phone number, or untick the box",
    "email": "Enter an email address like name@example.com",
    "phone": "Enter a phone number, like 555 123 4567",
    "unknown_question": "There is no question with this key in the survey",
    "agreement_1": "Strongly disagree",
    "agreement_2": "Disagree",
    "agreement_3": "Neither agree nor disagree",
    "agreement_4": "Agree",
    "agreement_5": "Strongly agree",
    "rating_low": "Lowest",
    "rating_high": "Highest",
    "other_label": "Please say",
    "contact_consent_label": "Yes, you may contact me about this",
    "contact_email": "Email address",
    "contact_phone": "Phone number",
    "date_hint": "For example, 2025-03-27",
}


def message(language: str, key: str, **params: object) -> str:
    """The text ``key`` in ``language`` (English when not translated), with ``params`` filled in."""
    text = catalog.gettext(language, "answer", key, MESSAGES[key])
    return text.format(**params) if params else text
