"""What every builder edit shares: the languages and audiences offered, the longest texts a form may
set, the error an edit raises, and how to find a page, a question or an answer choice in a definition
(a plain dict in the format of ``docs/survey-format.md``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol

from ..catalog import N_
from ..definition_types import Audience
from ..i18n import ENGLISH_NAMES, SUPPORTED_LANGUAGES
from ..message import Message

Data = dict[str, Any]
"""A survey definition as a plain dict, in the JSON format of ``docs/survey-format.md``."""

LANGUAGE_LABELS: dict[str, str] = {code: ENGLISH_NAMES[code] for code in SUPPORTED_LANGUAGES}
"""Languages the builder offers (those the interface speaks), by the name staff read them in."""

AUDIENCE_LABELS: dict[str, str] = {
    Audience.EMPLOYER.value: N_("Employers"),
    Audience.CAREER_SEEKER.value: N_("Career seekers"),
    Audience.LEARNER.value: N_("Learners"),
    Audience.INCUMBENT_WORKER.value: N_("Incumbent workers"),
    Audience.COMMUNITY.value: N_("Community members"),
}

# Longest texts a form may set; far above any real question, low enough that a pasted book is refused.
TITLE_LIMIT = 300
TEXT_LIMIT = 2000
INTRO_LIMIT = 5000
OPTION_LIMIT = 500
# Bounds for number settings: beyond these a float loses whole numbers and JSON readers disagree.
NUMBER_LIMIT = 1e12
KEY_LENGTH = 40
OTHER = "other"
OTHER_TEXT = {"en": "Something else", "es": "Otra cosa"}


class BuildError(ValueError):
    """A change that cannot be made as asked: ``message`` (a :class:`Message` made of ``template`` and
    ``values``; ``str(error)`` is its English), ``field`` the form field it belongs beside, and
    ``problems`` every (field, message) when there are several."""

    def __init__(self, template: str, field: str = "", /, *, problems: Sequence[tuple[str, Message]] = (),
                 **values: Any) -> None:
        self.message = template if isinstance(template, Message) else Message(template, **values)
        super().__init__(str(self.message))
        self.field = field
        self.problems = list(problems) or [(field, self.message)]


class FormData(Protocol):
    """What a submitted form offers (Werkzeug's ``MultiDict`` is one): a value, or every value."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...

    def __contains__(self, key: object) -> bool: ...


# -- finding things ---------------------------------------------------------------------------------------

def languages_of(data: Mapping[str, Any]) -> list[str]:
    """The survey's languages, first one first (``["en"]`` when it names none)."""
    languages = data.get("languages") or ["en"]
    return [lang for lang in languages if isinstance(lang, str)] or ["en"]


def sections_of(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The survey's pages, as the list to change in place."""
    return data.setdefault("sections", []) if isinstance(data, dict) else list(data.get("sections", []))


def iter_questions(data: Mapping[str, Any]) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """(page index, index on the page, question) for every question, in survey order."""
    for s_index, section in enumerate(data.get("sections", [])):
        for q_index, question in enumerate(section.get("questions", [])):
            yield s_index, q_index, question


def find_question(data: Mapping[str, Any], key: str) -> tuple[int, int, dict[str, Any]] | None:
    """(page index, index on the page, question) of the question ``key``, or ``None``."""
    return next(((s, q, question) for s, q, question in iter_questions(data) if question.get("key") == key), None)


def require_question(data: Data, key: str) -> tuple[int, int, dict[str, Any]]:
    """Like :func:`find_question`, for an edit: a question gone since the page was shown is a
    :class:`BuildError` asking to reload."""
    found = find_question(data, key)
    if found is None:
        raise BuildError(N_("That question is no longer in the survey; reload the page."))
    return found


def section_index(data: Data, section_key: str) -> int:
    """The index of page ``section_key``, or a :class:`BuildError` asking to reload."""
    for index, section in enumerate(sections_of(data)):
        if section.get("key") == section_key:
            return index
    raise BuildError(N_("That page is no longer in the survey; reload the page."))


def option_index(question: Mapping[str, Any], option_key: str) -> int:
    """The index of answer choice ``option_key``, or a :class:`BuildError` asking to reload."""
    for index, option in enumerate(question.get("options", [])):
        if option.get("key") == option_key:
            return index
    raise BuildError(N_("That answer choice is no longer in the question; reload the page."))


def first_text(texts: Any, languages: Sequence[str]) -> str:
    """The words of a per-language text in the first language that has them."""
    if not isinstance(texts, Mapping):
        return ""
    return next((texts[lang] for lang in languages if texts.get(lang)), "") or next(
        (text for text in texts.values() if isinstance(text, str) and text), "")


def question_numbers(data: Mapping[str, Any]) -> dict[str, int]:
    """Each question's number as people read it (1, 2, 3… across pages), by key."""
    return {question.get("key"): number for number, (_, _, question) in enumerate(iter_questions(data), start=1)}
