"""Checking a built definition: the same validator as an imported file, except that words missing in
some of the survey's languages are translation gaps to flag beside their boxes, not errors."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..catalog import N_
from ..definition import DefinitionError, SurveyDefinition, load_definition
from .core import Message, first_text, languages_of
from .settings import type_spec


def check(data: Mapping[str, Any]) -> SurveyDefinition:
    """Validate a definition with :func:`surveys.definition.load_definition`, except that a text missing
    in some of the survey's languages is a translation gap (see :func:`missing_translations`), not an
    error. The returned definition keeps the gaps: nothing is made up to fill them.

    Raises:
        DefinitionError: every other problem, each with its path (explain them with :func:`explain`).
    """
    if not isinstance(data, Mapping):
        raise DefinitionError([Message(N_("the definition must be a JSON object"))])
    filled = copy.deepcopy(dict(data))
    languages = languages_of(filled) if isinstance(filled.get("languages"), list) else ["en"]
    for texts in _translatable(filled):
        words = first_text(texts, languages)
        if words:
            for lang in languages:
                if not (isinstance(texts.get(lang), str) and texts[lang].strip()):
                    texts[lang] = words
    definition = load_definition(filled)
    return _with_gaps(definition, data)


def _translatable(data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The per-language texts the validator wants in every language."""
    for name in ("title", "intro"):
        if isinstance(data.get(name), dict):
            yield data[name]
    for section in data.get("sections") or []:
        if not isinstance(section, dict):
            continue
        if isinstance(section.get("title"), dict):
            yield section["title"]
        for question in section.get("questions") or []:
            if not isinstance(question, dict):
                continue
            for name in ("text", "help"):
                if isinstance(question.get(name), dict):
                    yield question[name]
            for option in question.get("options") or []:
                if isinstance(option, dict) and isinstance(option.get("text"), dict):
                    yield option["text"]


def _present(texts: Any, languages: Sequence[str]) -> dict[str, str]:
    if not isinstance(texts, Mapping):
        return {}
    return {lang: texts[lang].strip() for lang in languages
            if isinstance(texts.get(lang), str) and texts[lang].strip()}


def _with_gaps(definition: SurveyDefinition, data: Mapping[str, Any]) -> SurveyDefinition:
    """``definition`` with each text as ``data`` has it (the validator saw gaps filled)."""
    languages = definition.languages
    sections = []
    for section, raw_section in zip(definition.sections, data["sections"], strict=True):
        questions = []
        for question, raw in zip(section.questions, raw_section["questions"], strict=True):
            options = tuple(replace(option, text=_present(raw_option.get("text"), languages))
                            for option, raw_option in zip(question.options, raw.get("options", []), strict=True))
            questions.append(replace(question, text=_present(raw.get("text"), languages),
                                     help=_present(raw.get("help"), languages), options=options))
        sections.append(replace(section, title=_present(raw_section.get("title"), languages),
                                questions=tuple(questions)))
    return replace(definition, title=_present(data.get("title"), languages),
                   intro=_present(data.get("intro"), languages), sections=tuple(sections))


@dataclass(frozen=True)
class Missing:
    """A text with no words in ``language``: where it is (``form`` and ``field``, as the builder names
    them) and what it is, for a list of gaps."""

    form: str
    field: str
    language: str
    what: Message

    @property
    def id(self) -> str:
        """The id of the builder's input for the missing words."""
        return f"{self.form}-{self.field}"


def missing_translations(data: Mapping[str, Any]) -> list[Missing]:
    """Every text that has words in some of the survey's languages but not in all, in page order."""
    languages = languages_of(data)
    gaps: list[Missing] = []

    def look(texts: Any, form: str, name: str, what: Message) -> None:
        present = _present(texts, languages)
        if present:
            gaps.extend(Missing(form, f"{name}_{lang}", lang, what) for lang in languages if lang not in present)

    look(data.get("title"), "survey", "title", Message(N_("Survey title")))
    look(data.get("intro"), "survey", "intro", Message(N_("Introduction")))
    number = 0
    for s_index, section in enumerate(data.get("sections", []), start=1):
        look(section.get("title"), f"page-{section.get('key')}", "title", Message(N_("Page %(number)s title"), number=s_index))
        for question in section.get("questions", []):
            number += 1
            form = f"q-{question.get('key')}"
            look(question.get("text"), form, "text", Message(N_("Question %(number)s"), number=number))
            look(question.get("help"), form, "help", Message(N_("Question %(number)s, help text"), number=number))
            for o_index, option in enumerate(question.get("options", []), start=1):
                look(option.get("text"), form, f"option_{option.get('key')}",
                     Message(N_("Question %(number)s, answer %(answer)s"), number=number, answer=o_index))
            spec = type_spec(question.get("type", ""))
            for setting in spec.settings:
                if setting.kind == "texts":
                    look((question.get("settings") or {}).get(setting.name), form, setting.field,
                         Message(N_("Question %(number)s, %(setting)s"), number=number,
                                 setting=Message(setting.label).lower()))
    return gaps
