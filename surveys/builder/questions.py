"""Questions: a new one from the "add a question" form, moved, removed, and edited with everything its
form sends at once (words, flags, type, settings, answer choices and the button pressed)."""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from ..catalog import N_
from ..question_types import QUESTION_TYPES
from .conditions import refuse_if_depended_on
from .core import (
    OPTION_LIMIT,
    OTHER,
    OTHER_TEXT,
    TEXT_LIMIT,
    BuildError,
    Data,
    FormData,
    find_question,
    first_text,
    languages_of,
    require_question,
    section_index,
    sections_of,
)
from .options import add_option, move_option, remove_option
from .settings import TYPES, read_settings, type_spec
from .texts import clean_texts, make_key, merge_texts, question_keys, texts_from_form


@dataclass(frozen=True)
class NewQuestion:
    """A question as the "add a question" form gives it: its type, its words, and for a choice question
    its answer choices, one list per language (matched by position)."""

    type: str
    text: Mapping[str, str]
    choices: Mapping[str, Sequence[str]] = field(default_factory=dict)


def new_question_from_form(form: FormData, languages: Sequence[str]) -> NewQuestion:
    """Read the "add a question" fields: ``type``, ``text_<lang>``, ``choices_<lang>`` (one per line)."""
    choices = {}
    for lang in languages:
        raw = form.get(f"choices_{lang}") or ""
        choices[lang] = [line.strip() for line in str(raw).splitlines() if line.strip()]
    return NewQuestion(type=str(form.get("type") or ""), text=texts_from_form(form, "text", languages) or {},
                       choices=choices)


def build_question(data: Data, new: NewQuestion) -> dict[str, Any]:
    """The question ``new`` describes, with keys made from its words, ready to place on a page.

    Raises:
        BuildError: no known type, no words, or fewer than two answer choices where it needs them.
    """
    languages = languages_of(data)
    if new.type not in TYPES or new.type not in QUESTION_TYPES:
        raise BuildError(N_("Choose a type of question from the list."), "type")
    spec = TYPES[new.type]
    text = clean_texts(new.text, languages, limit=TEXT_LIMIT, field="text", label=N_("Question"))
    if not text:
        raise BuildError(N_("Write the question in at least one language."), f"text_{languages[0]}")
    question: dict[str, Any] = {
        "key": make_key(first_text(text, languages), question_keys(data), fallback="question"),
        "type": new.type, "text": text, "required": False}
    if spec.options:
        rows = list(zip_longest(*(list(new.choices.get(lang, ())) for lang in languages), fillvalue=""))
        if len(rows) > 200:
            raise BuildError(N_("Answer choices: give 200 or fewer."), f"choices_{languages[0]}")
        options: list[dict[str, Any]] = []
        for row in rows:
            words = clean_texts(dict(zip(languages, row, strict=True)), languages, limit=OPTION_LIMIT,
                                 field="choices", label=N_("Answer choice"))
            if words:
                key = make_key(first_text(words, languages), {o["key"] for o in options}, fallback="choice",
                               option=True)
                options.append({"key": key, "text": words})
        if len(options) < 2:
            raise BuildError(N_("Give at least two answer choices, one per line."), f"choices_{languages[0]}")
        question["options"] = options
    return question

# -- questions ---------------------------------------------------------------------------------------------

def add_question(data: Data, section_key: str, new: NewQuestion) -> tuple[Data, str]:
    """Add a question at the end of a page; returns its key."""
    data = copy.deepcopy(data)
    section = sections_of(data)[section_index(data, section_key)]
    question = build_question(data, new)
    section.setdefault("questions", []).append(question)
    return data, question["key"]


def move_question(data: Data, key: str, offset: int) -> Data:
    """Move a question one place up (``offset`` -1) or down (+1); from the top of a page it goes to the
    end of the page before, from the bottom to the start of the next, so up and down reach every place."""
    data = copy.deepcopy(data)
    s_index, q_index, question = require_question(data, key)
    sections = sections_of(data)
    questions = sections[s_index]["questions"]
    step = 1 if offset > 0 else -1
    target = q_index + step
    if 0 <= target < len(questions):
        questions[q_index], questions[target] = questions[target], questions[q_index]
        return data
    next_section = s_index + step
    if not 0 <= next_section < len(sections):
        raise BuildError(N_("This question is already the last.") if step > 0 else N_("This question is already the first."))
    if len(questions) == 1:
        raise BuildError(N_("This is the only question on page %(page)s: add another question to the page first, "
                            "or remove the page."), page=s_index + 1)
    del questions[q_index]
    destination = sections[next_section].setdefault("questions", [])
    if step > 0:
        destination.insert(0, question)
    else:
        destination.append(question)
    return data


def remove_question(data: Data, key: str) -> Data:
    """Remove a question (refused for a page's only question, and for one another question's display
    condition uses)."""
    data = copy.deepcopy(data)
    s_index, q_index, _ = require_question(data, key)
    questions = sections_of(data)[s_index]["questions"]
    if len(questions) == 1:
        raise BuildError(N_("This is the only question on page %(page)s: remove the page instead, or add another "
                            "question first."), page=s_index + 1)
    refuse_if_depended_on(data, {key}, exclude={key})
    del questions[q_index]
    return data


def edit_question(data: Data, key: str, *, text: Mapping[str, str] | None = None,
                  help: Mapping[str, str] | None = None, required: bool | None = None,
                  demographic: bool | None = None, type: str | None = None,
                  settings: Mapping[str, Any] | None = None,
                  option_texts: Mapping[str, Mapping[str, str]] | None = None,
                  exclusive: Collection[str] | None = None, allow_other: bool | None = None) -> Data:
    """Change a question's words, flags, type, settings and answer choices' words (``None`` leaves a
    part as it is).

    ``type`` may change only to another type with answer choices when the question has them (and to one
    without when it has none), so no question is left without its choices; ``settings`` replaces the
    type's settings (read with :func:`read_settings`); ``allow_other`` adds an "Something else" choice
    with a box to say what, when the question has none yet.
    """
    data = copy.deepcopy(data)
    _, _, question = require_question(data, key)
    languages = languages_of(data)
    if text is not None:
        question["text"] = merge_texts(question.get("text"), text, languages, limit=TEXT_LIMIT, field="text",
                                        label=N_("Question"),
                                        required=N_("Write the question in at least one language."))
    if help is not None:
        help_texts = merge_texts(question.get("help"), help, languages, limit=TEXT_LIMIT, field="help",
                                  label=N_("Help text"))
        if help_texts:
            question["help"] = help_texts
        else:
            question.pop("help", None)
    if required is not None:
        question["required"] = required
    if demographic is not None:
        if demographic:
            question["demographic"] = True
        else:
            question.pop("demographic", None)
    old_spec = type_spec(question.get("type", ""))
    if settings is not None:
        kept = {name: value for name, value in (question.get("settings") or {}).items()
                if name in ("other", "exclusive")}
        question["settings"] = {**kept, **settings}
    if type is not None and type != question.get("type"):
        if type not in TYPES or type not in QUESTION_TYPES:
            raise BuildError(N_("Choose a type of question from the list."), "type")
        new_spec = TYPES[type]
        if new_spec.options != old_spec.options:
            raise BuildError(N_("A question with answer choices can only become another kind with answer choices "
                                "(and one without, another without): add a new question instead."), "type")
        question["type"] = type
        # Settings belong to a type; choice settings carry over where the new type has them.
        carried = {"other"} | ({"exclusive", "max_choices"} if new_spec.exclusive else set())
        question["settings"] = {name: value for name, value in (question.get("settings") or {}).items()
                                if name in carried}
    if option_texts is not None:
        for option in question.get("options", []):
            typed = option_texts.get(option.get("key"))
            if typed is not None:
                option["text"] = merge_texts(option.get("text"), typed, languages, limit=OPTION_LIMIT,
                                              field=f"option_{option.get('key')}", label=N_("Answer choice"),
                                              required=N_("Write the answer choice in at least one language."))
    if exclusive is not None and type_spec(question["type"]).exclusive:
        chosen = [o["key"] for o in question.get("options", []) if o.get("key") in exclusive]
        settings_now = question.setdefault("settings", {})
        if chosen:
            settings_now["exclusive"] = chosen
        else:
            settings_now.pop("exclusive", None)
    if allow_other is not None and type_spec(question["type"]).options:
        _set_other(question, allow_other, languages)
    if not question.get("settings"):
        question.pop("settings", None)
    return data


def _set_other(question: dict[str, Any], allow: bool, languages: Sequence[str]) -> None:
    settings = question.setdefault("settings", {})
    if not allow:
        settings.pop("other", None)
        return
    settings["other"] = True
    if all(option.get("key") != OTHER for option in question.get("options", [])):
        question.setdefault("options", []).append(
            {"key": OTHER, "text": {lang: OTHER_TEXT[lang] for lang in languages if lang in OTHER_TEXT}
             or {languages[0]: OTHER_TEXT["en"]}})

# -- the question form --------------------------------------------------------------------------------

ACTIONS = ("save", "option_add", "option_up", "option_down", "option_remove")


def apply_question_form(data: Data, key: str, form: FormData) -> tuple[Data, str]:
    """Everything one question's form sends, applied at once: its words, flags, type, settings, answer
    choices' words, and the button pressed (``action``: ``save``, ``option_add``,
    or ``option_up:<key>``, ``option_down:<key>``, ``option_remove:<key>``). What was typed is applied
    with the button, so moving an answer choice never loses an edit. Returns the new definition and the
    form field the person should land on.

    Raises:
        BuildError: something typed is not acceptable, with the field it belongs beside.
    """
    found = find_question(data, key)
    if found is None:
        raise BuildError(N_("That question is no longer in the survey; reload the page."))
    question = found[2]
    languages = languages_of(data)
    spec = type_spec(question.get("type", ""))
    action, _, option_key = str(form.get("action") or "save").partition(":")
    if action not in ACTIONS:
        action = "save"
    new_type = form.get("type")
    changes_type = isinstance(new_type, str) and bool(new_type) and new_type != question.get("type")
    settings = None if changes_type else read_settings(spec, form, languages, question.get("settings") or {})
    option_texts = {o.get("key"): texts_from_form(form, f"option_{o.get('key')}", languages)
                    for o in question.get("options", [])}
    data = edit_question(
        data, key,
        text=texts_from_form(form, "text", languages),
        help=texts_from_form(form, "help", languages),
        required="required" in form, demographic="demographic" in form,
        type=new_type if changes_type else None,
        settings=settings,
        option_texts={k: v for k, v in option_texts.items() if v is not None},
        exclusive=[v for v in form.getlist("exclusive") if isinstance(v, str)] if "options_shown" in form else None,
        allow_other=("allow_other" in form) if "options_shown" in form else None,
    )
    landing = f"q-{key}"
    if action == "option_add":
        new_option = texts_from_form(form, "new_option", languages) or {}
        data, added = add_option(data, key, new_option)
        landing = f"q-{key}-option_{added}_{languages[0]}"
    elif action in ("option_up", "option_down"):
        data = move_option(data, key, option_key, -1 if action == "option_up" else 1)
        landing = f"q-{key}-option_{option_key}_{languages[0]}"
    elif action == "option_remove":
        data = remove_option(data, key, option_key)
        landing = f"q-{key}-options"
    return data, landing
