"""The shapes of a survey definition: the dataclasses a validated definition is made of.

They live apart from the validator (:mod:`surveys.definition`) so that the question-type registry, which
the validator calls, and the tables, which store a survey's audience, can both use them without importing
each other: this module imports nothing from Chorus, nor any database or web library.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Audience",
    "ConditionDefinition",
    "DefinitionError",
    "OptionDefinition",
    "QuestionDefinition",
    "SectionDefinition",
    "SurveyDefinition",
]


class Audience(enum.StrEnum):
    """Who a survey is for; it decides which templates fit and how reports name respondents."""

    EMPLOYER = "employer"
    CAREER_SEEKER = "career_seeker"
    LEARNER = "learner"
    INCUMBENT_WORKER = "incumbent_worker"
    COMMUNITY = "community"


class DefinitionError(ValueError):
    """A definition broke one or more rules; ``errors`` lists every message with its path."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("Invalid survey definition:\n" + "\n".join(f"  {e}" for e in self.errors))


@dataclass(frozen=True)
class OptionDefinition:
    """One answer choice; ``key`` is what is stored, ``text`` what people read."""

    key: str
    text: dict[str, str]

    def text_in(self, language: str) -> str:
        return self.text.get(language) or next(iter(self.text.values()), "")

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "text": dict(self.text)}


@dataclass(frozen=True)
class ConditionDefinition:
    """Show a question only when an earlier choice question has one of ``any_of`` among its answers."""

    question: str
    any_of: tuple[str, ...]

    def is_met(self, chosen: Any) -> bool:
        """``chosen`` is the clean value of the earlier question (:class:`~surveys.question_types.Choices`),
        or ``None`` when it was not answered or not shown."""
        keys = getattr(chosen, "keys", None) or ()
        return any(key in self.any_of for key in keys)

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "any_of": list(self.any_of)}


@dataclass(frozen=True)
class QuestionDefinition:
    """One question as a respondent sees it; ``section`` is the key of the page it is on."""

    key: str
    type: str
    section: str
    text: dict[str, str]
    help: dict[str, str] = field(default_factory=dict)
    required: bool = False
    demographic: bool = False
    options: tuple[OptionDefinition, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    condition: ConditionDefinition | None = None

    def text_in(self, language: str) -> str:
        return self.text.get(language) or next(iter(self.text.values()), "")

    def help_in(self, language: str) -> str:
        return self.help.get(language) or next(iter(self.help.values()), "")

    @property
    def option_keys(self) -> list[str]:
        return [option.key for option in self.options]

    def option(self, key: str) -> OptionDefinition | None:
        return next((option for option in self.options if option.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "type": self.type, "text": dict(self.text)}
        if self.help:
            data["help"] = dict(self.help)
        data["required"] = self.required
        if self.demographic:
            data["demographic"] = True
        if self.options:
            data["options"] = [option.to_dict() for option in self.options]
        if self.settings:
            data["settings"] = dict(self.settings)
        if self.condition:
            data["condition"] = self.condition.to_dict()
        return data


@dataclass(frozen=True)
class SectionDefinition:
    """One page of the survey."""

    key: str
    title: dict[str, str]
    questions: tuple[QuestionDefinition, ...]

    def title_in(self, language: str) -> str:
        return self.title.get(language) or next(iter(self.title.values()), "")

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "title": dict(self.title),
                "questions": [question.to_dict() for question in self.questions]}


@dataclass(frozen=True)
class SurveyDefinition:
    """A whole questionnaire: texts per language, the audience it is for and its pages in order."""

    title: dict[str, str]
    audience: Audience
    languages: tuple[str, ...]
    sections: tuple[SectionDefinition, ...]
    intro: dict[str, str] = field(default_factory=dict)
    #: The built-in template this came from (set by ``load_template``; not part of the JSON).
    template: str | None = field(default=None, compare=False)

    @property
    def questions(self) -> list[QuestionDefinition]:
        """Every question, in the order people meet them."""
        return [question for section in self.sections for question in section.questions]

    def question(self, key: str) -> QuestionDefinition | None:
        return next((q for q in self.iter_questions() if q.key == key), None)

    def iter_questions(self) -> Iterator[QuestionDefinition]:
        for section in self.sections:
            yield from section.questions

    def section(self, key: str) -> SectionDefinition | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def collects_contact(self) -> bool:
        """True when a contact question exists (respondents are anonymous otherwise)."""
        return any(q.type == "contact" for q in self.iter_questions())

    def title_in(self, language: str) -> str:
        return self.title.get(language) or next(iter(self.title.values()), "")

    def intro_in(self, language: str) -> str:
        return self.intro.get(language) or next(iter(self.intro.values()), "")

    def to_dict(self) -> dict[str, Any]:
        """The definition in the documented JSON format (``load_definition(d.to_dict()) == d``)."""
        data: dict[str, Any] = {"title": dict(self.title)}
        if self.intro:
            data["intro"] = dict(self.intro)
        data["audience"] = self.audience.value
        data["languages"] = list(self.languages)
        data["sections"] = [section.to_dict() for section in self.sections]
        return data
