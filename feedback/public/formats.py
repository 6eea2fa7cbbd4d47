"""Numbers and dates as the public page prints them, in the reader's language (Babel's CLDR data:
"March 3, 2027" / "3 de marzo de 2027", "42%" / "42 %", "1,234" / "1.234")."""

from __future__ import annotations

from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from surveys.catalog import catalog_locale


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(catalog_locale(language))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def long_date(day: date, language: str) -> str:
    """"March 3, 2027", "3 de marzo de 2027", "2027年3月3日"."""
    return format_date(day, format="long", locale=_locale(language))


def number(value: float, language: str) -> str:
    """A count or value with the language's digit grouping and decimal sign (one decimal at most)."""
    return format_decimal(round(value, 1), format="#,##0.#", locale=_locale(language))


def percent(value: float, language: str) -> str:
    """A share given in percent (42 -> "42%", "42 %")."""
    return format_percent(value / 100, format="#,##0%", locale=_locale(language))


def amount(value: float, unit: str, language: str) -> str:
    """A measure's value in its unit: "42%" for shares, "120 placements" for counted outcomes."""
    if unit == "percent":
        return percent(value, language)
    return f"{number(value, language)} {unit}".strip()
