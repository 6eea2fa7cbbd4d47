"""The validator's messages (``sections[0].questions[3].options[1].key: duplicate key "bus"``) turned
into problems placed beside the builder's fields, in words that name questions rather than paths."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..catalog import N_
from ..definition import AT_PATH
from .core import Message, find_question, first_text, languages_of, question_numbers
from .settings import type_spec


@dataclass(frozen=True)
class Problem:
    """A problem to show beside a field: the builder form (``survey``, ``page-<key>``, ``q-<key>``) and
    field it belongs to (``""``: the form as a whole), and the message in plain words (a :class:`Message`
    a staff page says in the reader's language, or a plain English text, such as the validator's own)."""

    form: str
    field: str
    message: str
    where: str = ""  # what the form is, for the summary at the top ("Question 3")


QUESTION_PATH = re.compile(r"^sections\[(\d+)\]\.questions\[(\d+)\](.*)$")
SECTION_PATH = re.compile(r"^sections\[(\d+)\](.*)$")
OPTION_PATH = re.compile(r"^\.options\[(\d+)\](.*)$")
LANGUAGE_SUFFIX = re.compile(r"^\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)$")
QUOTED = re.compile(r'"([^"]+)"')
WRITE_IT = Message(N_("Write it in at least one language."))


def explain(errors: Sequence[str], data: Mapping[str, Any]) -> list[Problem]:
    """The validator's messages (``sections[0].questions[3].options[1].key: duplicate key "bus"``) as
    problems placed beside the builder's fields, in words that name questions rather than paths."""
    return [_explain_one(error, data) for error in errors]


def _explain_one(error: str, data: Mapping[str, Any]) -> Problem:
    if isinstance(error, Message) and error.template == AT_PATH:  # the validator's, said in every language
        path, message = error.values["path"], error.values["problem"]
    else:
        path, separator, message = error.partition(": ")
        if not separator:
            path, message = "", error
    languages = languages_of(data)
    first = languages[0]
    numbers = question_numbers(data)

    def text_of(key: str) -> str:
        found = find_question(data, key)
        return first_text(found[2].get("text"), languages) if found else key

    match = QUESTION_PATH.match(path)
    if match:
        s_index, q_index, rest = int(match[1]), int(match[2]), match[3]
        try:
            question = data["sections"][s_index]["questions"][q_index]
        except (KeyError, IndexError, TypeError):
            return Problem("", "", _sentence(message))
        key = question.get("key", "")
        where = Message(N_("Question %(number)s"), number=numbers.get(key, q_index + 1))
        form_id = f"q-{key}"
        spec = type_spec(question.get("type", ""))
        field_name = ""
        if rest.startswith((".text", ".help")):
            name = rest[1:5]
            lang = LANGUAGE_SUFFIX.match(rest[5:])
            field_name = f"{name}_{lang[1] if lang else first}"
            if message.startswith("text is required"):
                message = WRITE_IT
        elif rest.startswith(".options["):
            option_match = OPTION_PATH.match(rest)
            options = question.get("options") or []
            index = int(option_match[1]) if option_match else -1
            if 0 <= index < len(options):
                field_name = f"option_{options[index].get('key')}_{first}"
            else:
                field_name = "options"
        elif rest == ".options":
            field_name = f"new_option_{first}"
            if "at least two" in message:
                message = Message(N_("Give at least two answer choices."))
        elif rest.startswith(".settings"):
            name = rest[len(".settings."):]
            if name == "other":
                field_name = "allow_other"
            elif name == "exclusive":
                field_name = "options"
            elif name:
                setting = next((s for s in spec.settings if s.name == name.split(".")[0]), None)
                field_name = (f"{setting.field}_{first}" if setting.kind == "texts" else setting.field) \
                    if setting else ""
            elif spec.settings:
                field_name = spec.settings[0].field
        elif rest.startswith(".condition"):
            field_name = "condition_question"
            target = QUOTED.search(message)
            if "same page" in message and target:
                message = Message(N_("It depends on “%(question)s”, which is now on the same page or later; a "
                                     "question can depend only on an answer given on an earlier page."),
                                  question=text_of(target[1]))
            elif "is not an earlier question" in message and target:
                message = (Message(N_("It depends on “%(question)s”, which must come on an earlier page."),
                                   question=text_of(target[1])) if find_question(data, target[1]) else
                           Message(N_("The question it depended on is no longer in the survey.")))
        elif rest in (".required", ".demographic", ".type", ".key"):
            field_name = rest[1:]
            if rest == ".key":
                quoted = QUOTED.search(message)
                message = (Message(N_("Another question already has the short name “%(key)s”."), key=quoted[1])
                           if "duplicate" in message and quoted else message)
        return Problem(form_id, field_name, _sentence(message), where)

    match = SECTION_PATH.match(path)
    if match:
        s_index, rest = int(match[1]), match[2]
        sections = data.get("sections") or []
        key = sections[s_index].get("key", "") if s_index < len(sections) else ""
        where = Message(N_("Page %(number)s"), number=s_index + 1)
        if rest == ".questions":
            return Problem(f"page-{key}", "", Message(N_("A page needs at least one question.")), where)
        if rest.startswith(".title"):
            lang = LANGUAGE_SUFFIX.match(rest[len(".title"):])
            if message.startswith("text is required"):
                message = WRITE_IT
            return Problem(f"page-{key}", f"title_{lang[1] if lang else first}", _sentence(message), where)
        return Problem(f"page-{key}", "", _sentence(message), where)

    for name in ("title", "intro"):
        if path == name or path.startswith(f"{name}."):
            lang = LANGUAGE_SUFFIX.match(path[len(name):])
            if message.startswith("text is required"):
                message = WRITE_IT
            return Problem("survey", f"{name}_{lang[1] if lang else first}", _sentence(message), Message(N_("Title")))
    if path.startswith("languages"):
        return Problem("survey", "languages", _sentence(message), Message(N_("Languages")))
    if path == "audience":
        return Problem("survey", "audience", Message(N_("Choose who will answer the survey.")),
                       Message(N_("Audience")))
    return Problem("", "", _sentence(error))

def _sentence(message: str) -> str:
    """A validator's message as a sentence, in every language when it is a :class:`Message` (a builder
    message is one already, and stays as it is)."""
    if isinstance(message, Message):
        return message.as_sentence()
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."
