"""Answer choices: added (before "Something else", which stays last), moved, and removed with the
settings and display conditions that named them."""

from __future__ import annotations

import copy
from collections.abc import Mapping

from ..catalog import N_
from .core import (
    OPTION_LIMIT,
    OTHER,
    BuildError,
    Data,
    first_text,
    iter_questions,
    languages_of,
    option_index,
    require_question,
)
from .settings import type_spec
from .texts import clean_texts, make_key


def add_option(data: Data, key: str, text: Mapping[str, str]) -> tuple[Data, str]:
    """Add an answer choice at the end (before "Something else" when there is one); returns its key."""
    data = copy.deepcopy(data)
    _, _, question = require_question(data, key)
    languages = languages_of(data)
    if not type_spec(question.get("type", "")).options:
        raise BuildError(N_("This kind of question has no answer choices."), f"new_option_{languages[0]}")
    words = clean_texts(text, languages, limit=OPTION_LIMIT, field="new_option", label=N_("New answer choice"))
    if not words:
        raise BuildError(N_("Write the new answer choice in at least one language."), f"new_option_{languages[0]}")
    options = question.setdefault("options", [])
    if len(options) >= 200:
        raise BuildError(N_("A question has at most 200 answer choices."), f"new_option_{languages[0]}")
    option_key = make_key(first_text(words, languages), {o.get("key") for o in options}, fallback="choice",
                          option=True)
    position = len(options)
    if (question.get("settings") or {}).get("other") and options and options[-1].get("key") == OTHER:
        position -= 1  # "Something else" stays last, where people look for it
    options.insert(position, {"key": option_key, "text": words})
    return data, option_key


def move_option(data: Data, key: str, option_key: str, offset: int) -> Data:
    """Move an answer choice one place up (-1) or down (+1)."""
    data = copy.deepcopy(data)
    _, _, question = require_question(data, key)
    options = question.get("options", [])
    index = option_index(question, option_key)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(options):
        raise BuildError(N_("This answer choice is already the last.") if offset > 0 else
                         N_("This answer choice is already the first."),
                         f"option_{option_key}_{languages_of(data)[0]}")
    options[index], options[target] = options[target], options[index]
    return data


def remove_option(data: Data, key: str, option_key: str) -> Data:
    """Remove an answer choice (and the settings and conditions that named it)."""
    data = copy.deepcopy(data)
    _, _, question = require_question(data, key)
    options = question.get("options", [])
    index = option_index(question, option_key)
    if len(options) <= 2:
        raise BuildError(N_("A choice question needs at least two answer choices."),
                         f"option_{option_key}_{languages_of(data)[0]}")
    del options[index]
    settings = question.get("settings") or {}
    if option_key == OTHER:
        settings.pop("other", None)
    if option_key in settings.get("exclusive", []):
        settings["exclusive"] = [k for k in settings["exclusive"] if k != option_key]
        if not settings["exclusive"]:
            del settings["exclusive"]
    for _, _, other in iter_questions(data):
        condition = other.get("condition") or {}
        if condition.get("question") == key and option_key in condition.get("any_of", []):
            if condition["any_of"] == [option_key]:
                raise BuildError(N_("“%(question)s” is shown only after this answer: change its display condition "
                                    "first."), f"option_{option_key}_{languages_of(data)[0]}",
                                 question=first_text(other.get("text"), languages_of(data)))
            condition["any_of"] = [k for k in condition["any_of"] if k != option_key]
    return data
