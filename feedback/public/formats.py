"""Numbers and dates as the public page prints them, in English or Spanish."""

from __future__ import annotations

from datetime import date

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}


def long_date(day: date, language: str) -> str:
    """"March 3, 2027" or "3 de marzo de 2027"."""
    month = MONTHS.get(language, MONTHS["en"])[day.month - 1]
    return f"{day.day} de {month} de {day.year}" if language == "es" else f"{month} {day.day}, {day.year}"


def amount(value: float, unit: str) -> str:
    """A measure's value in its unit: "42%" for shares, "120 placements" for counted outcomes."""
    number = f"{value:.0f}" if unit == "percent" or float(value).is_integer() else f"{value:.1f}"
    return f"{number}%" if unit == "percent" else f"{number} {unit}".strip()
