"""Respondent-facing words that belong to question types rather than to a survey: validation
messages and the labels of built-in scales, in every language Chorus ships (English, Spanish).

A dictionary is enough here: the catalogue is small, reviewed by people who do not run gettext
tooling, and has to be usable outside a request (the API, the command line, tests).
"""

from __future__ import annotations

LANGUAGES: dict[str, tuple[str, str]] = {"en": ("English", "English"), "es": ("Spanish", "Español")}
"""Each language Chorus ships: (its name in English, its own name). Staff pages and exports use the
English name ("Spanish"); a respondent choosing a language reads each in its own ("Español")."""
SUPPORTED_LANGUAGES: tuple[str, ...] = tuple(LANGUAGES)
LANGUAGE_NAMES: dict[str, str] = {code: own for code, (_english, own) in LANGUAGES.items()}
"""Each language by its own name, for respondents choosing one."""
ENGLISH_NAMES: dict[str, str] = {code: english for code, (english, _own) in LANGUAGES.items()}
"""Each language by its English name, for staff (reports, exports, filters)."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
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
    },
    "es": {
        "required": "Responda esta pregunta",
        "summary_required": "Responda «{question}»",
        "summary": "«{question}»: {message}",
        "choose_one": "Elija una de las respuestas",
        "choose_valid": "Elija entre las respuestas que se muestran",
        "too_many": "Elija hasta {max} respuestas",
        "exclusive": "«{option}» no se puede elegir junto con otras respuestas",
        "other_needed": "Diga qué significa «{option}» para usted, o desmárquelo",
        "other_conflict": "Eligió «{option}» y también escribió en «Por favor, diga cuál». "
                          "Elija «{other}» para conservar lo que escribió, o borre la casilla",
        "scale": "Elija un punto de la escala",
        "number": "Escriba un número, como 18.50",
        "whole_number": "Escriba un número entero, como 12",
        "number_min": "Escriba un número igual o mayor que {min}",
        "number_max": "Escriba un número igual o menor que {max}",
        "too_long": "Use {max} caracteres o menos",
        "invalid_characters": "Quite el carácter no válido (U+0000) y vuelva a intentarlo",
        "date": "Escriba una fecha real, como 2025-03-27",
        "date_min": "Escriba una fecha igual o posterior a {min}",
        "date_max": "Escriba una fecha igual o anterior a {max}",
        "contact_consent": "Marque la casilla si acepta que le contacten, o deje vacíos los datos de contacto",
        "contact_missing": "Escriba un correo electrónico o un teléfono, o desmarque la casilla",
        "email": "Escriba un correo electrónico como nombre@ejemplo.com",
        "phone": "Escriba un número de teléfono, como 555 123 4567",
        "unknown_question": "La encuesta no tiene ninguna pregunta con esta clave",
        "agreement_1": "Muy en desacuerdo",
        "agreement_2": "En desacuerdo",
        "agreement_3": "Ni de acuerdo ni en desacuerdo",
        "agreement_4": "De acuerdo",
        "agreement_5": "Muy de acuerdo",
        "rating_low": "Lo más bajo",
        "rating_high": "Lo más alto",
        "other_label": "Por favor, diga cuál",
        "contact_consent_label": "Sí, pueden contactarme sobre esto",
        "contact_email": "Correo electrónico",
        "contact_phone": "Número de teléfono",
        "date_hint": "Por ejemplo, 2025-03-27",
    },
}


def message(language: str, key: str, **params: object) -> str:
    """The catalogue text for ``key`` in ``language`` (English when missing), with ``params`` filled in."""
    catalogue = MESSAGES.get(language, MESSAGES["en"])
    text = catalogue.get(key) or MESSAGES["en"][key]
    return text.format(**params) if params else text
