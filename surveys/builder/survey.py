"""The survey and its pages: a blank survey to start from, its title, introduction, audience and
languages, and pages added, renamed, moved and removed."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence

from ..catalog import N_
from .conditions import refuse_if_depended_on
from .core import (
    AUDIENCE_LABELS,
    INTRO_LIMIT,
    LANGUAGE_LABELS,
    TITLE_LIMIT,
    BuildError,
    Data,
    Message,
    first_text,
    languages_of,
    section_index,
    sections_of,
)
from .questions import NewQuestion, build_question
from .texts import clean_texts, make_key, merge_texts


def blank_definition(title: Mapping[str, str], audience: str, languages: Sequence[str]) -> Data:
    """A new survey to build on: its title, and one page with one open question to reword or replace
    (a survey has at least one page with one question)."""
    languages = [lang for lang in dict.fromkeys(languages) if lang in LANGUAGE_LABELS] or ["en"]
    cleaned = clean_texts(title, languages, limit=TITLE_LIMIT, field="title", label=N_("Title"))
    problems = [] if cleaned else [(f"title_{languages[0]}", Message(N_("Give the survey a title.")))]
    if audience not in AUDIENCE_LABELS:
        problems.append(("audience", Message(N_("Choose who will answer the survey."))))
    if problems:
        raise BuildError(problems[0][1], problems[0][0], problems=problems)
    words = {
        "page": {"en": "Your views", "es": "Sus opiniones"},
        "question": {"en": "What would you like to tell us?", "es": "¿Qué le gustaría contarnos?"},
    }
    only = {name: {lang: text for lang, text in texts.items() if lang in languages} for name, texts in words.items()}
    return {
        "title": cleaned, "audience": audience, "languages": languages,
        "sections": [{"key": "your_views", "title": only["page"], "questions": [
            {"key": "tell_us", "type": "long_text", "text": only["question"], "required": False}]}],
    }


def set_survey(data: Data, *, title: Mapping[str, str] | None, intro: Mapping[str, str] | None,
               audience: str | None, languages: Sequence[str] | None) -> Data:
    """Change the survey's title, introduction, audience or languages (``None`` leaves one as it is).

    A language taken away takes its words with it, everywhere in the survey.
    """
    data = copy.deepcopy(data)
    if languages is not None:
        offered = list(dict.fromkeys([*languages_of(data), *LANGUAGE_LABELS]))
        wanted = [lang for lang in offered if lang in languages]
        if not wanted:
            raise BuildError(N_("Keep at least one language."), "languages")
        if wanted != languages_of(data):
            data["languages"] = wanted
            _keep_languages(data, wanted)
    languages = languages_of(data)
    data["title"] = merge_texts(data.get("title"), title, languages, limit=TITLE_LIMIT, field="title",
                                 label=N_("Title"), required=N_("Write the title in at least one language."))
    intro_texts = merge_texts(data.get("intro"), intro, languages, limit=INTRO_LIMIT, field="intro",
                               label=N_("Introduction"))
    if intro_texts:
        data["intro"] = intro_texts
    else:
        data.pop("intro", None)
    if audience is not None:
        if audience not in AUDIENCE_LABELS:
            raise BuildError(N_("Choose who will answer the survey."), "audience")
        data["audience"] = audience
    return data


def _keep_languages(data: Data, languages: Sequence[str]) -> None:
    """Drop the words of languages the survey no longer has."""
    for texts in _text_slots(data):
        for lang in [lang for lang in texts if lang not in languages]:
            del texts[lang]


def _text_slots(data: Data) -> Iterator[dict[str, str]]:
    """Every per-language text of a definition, to be changed in place."""
    for name in ("title", "intro"):
        if isinstance(data.get(name), dict):
            yield data[name]
    for section in data.get("sections", []):
        if isinstance(section.get("title"), dict):
            yield section["title"]
        for question in section.get("questions", []):
            for name in ("text", "help"):
                if isinstance(question.get(name), dict):
                    yield question[name]
            for option in question.get("options", []):
                if isinstance(option.get("text"), dict):
                    yield option["text"]
            for value in (question.get("settings") or {}).values():
                if isinstance(value, dict):
                    yield value

def add_section(data: Data, *, title: Mapping[str, str], question: NewQuestion) -> tuple[Data, str]:
    """Add a page at the end, with its first question (a page is never empty); returns its key."""
    data = copy.deepcopy(data)
    languages = languages_of(data)
    words = clean_texts(title, languages, limit=TITLE_LIMIT, field="title", label=N_("Page title"))
    if not words:
        raise BuildError(N_("Give the page a title in at least one language."), f"title_{languages[0]}")
    key = make_key(first_text(words, languages), {s.get("key") for s in sections_of(data)}, fallback="page")
    built = build_question(data, question)
    sections_of(data).append({"key": key, "title": words, "questions": [built]})
    return data, key


def rename_section(data: Data, section_key: str, title: Mapping[str, str] | None) -> Data:
    """Change a page's title."""
    data = copy.deepcopy(data)
    section = sections_of(data)[section_index(data, section_key)]
    section["title"] = merge_texts(section.get("title"), title, languages_of(data), limit=TITLE_LIMIT,
                                    field="title", label=N_("Page title"),
                                    required=N_("Write the page title in at least one language."))
    return data


def move_section(data: Data, section_key: str, offset: int) -> Data:
    """Move a page one place earlier (``offset`` -1) or later (+1)."""
    data = copy.deepcopy(data)
    sections = sections_of(data)
    index = section_index(data, section_key)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(sections):
        raise BuildError(N_("This page is already the last.") if offset > 0 else N_("This page is already the first."))
    sections[index], sections[target] = sections[target], sections[index]
    return data


def remove_section(data: Data, section_key: str) -> Data:
    """Remove a page and its questions (refused for the only page, or when a later question is shown
    only after an answer on it)."""
    data = copy.deepcopy(data)
    sections = sections_of(data)
    index = section_index(data, section_key)
    if len(sections) == 1:
        raise BuildError(N_("A survey needs at least one page: add another page before removing this one."))
    removed = {q.get("key") for q in sections[index].get("questions", [])}
    refuse_if_depended_on(data, removed, exclude=removed)
    del sections[index]
    return data
