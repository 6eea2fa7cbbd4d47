"""The survey builder's edits: small changes to a survey definition, one form at a time.

Staff build a survey with forms (a page title, a question's words in English and Spanish, an answer
choice moved up) instead of editing its JSON. Each form makes one change here, on the definition as a
plain dict in the documented format (``docs/survey-format.md``); the result is checked by the same
validator as an imported file (:func:`check`) and stored by :func:`surveys.editing.apply_definition`,
which keeps answered questions and options as they are. Nothing here touches the database or a
request, so every edit is a plain function a test can call.

Translations may be missing while a survey is being built: a person writes the English first and the
Spanish later. :func:`check` therefore accepts a text that exists in only some of the survey's
languages (respondents reading another language see it in the first language that has it), and
:func:`missing_translations` lists each gap so the builder can show a warning beside it.

Keys (what answers and downloads are stored under) are made from the English words when a question,
page or answer choice is added, so nobody has to invent one; they never change afterwards.
"""

from __future__ import annotations

import copy
import math
import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import zip_longest
from typing import Any, ClassVar, Protocol

from .definition import DefinitionError, SurveyDefinition, load_definition
from .definition_types import Audience
from .question_types import QUESTION_TYPES

__all__ = [
    "ACTIONS",
    "AUDIENCE_LABELS",
    "LANGUAGE_LABELS",
    "TYPES",
    "BuildError",
    "FormData",
    "Missing",
    "NewQuestion",
    "Problem",
    "Setting",
    "TypeSpec",
    "add_option",
    "add_question",
    "add_section",
    "apply_condition_form",
    "apply_question_form",
    "blank_definition",
    "check",
    "condition_targets",
    "describe_condition",
    "edit_question",
    "explain",
    "find_question",
    "make_key",
    "missing_translations",
    "move_option",
    "move_question",
    "move_section",
    "new_question_from_form",
    "read_settings",
    "remove_option",
    "remove_question",
    "remove_section",
    "rename_section",
    "set_condition",
    "set_survey",
    "texts_from_form",
    "type_spec",
]

Data = dict[str, Any]
"""A survey definition as a plain dict, in the JSON format of ``docs/survey-format.md``."""

LANGUAGE_LABELS: dict[str, str] = {"en": "English", "es": "Spanish"}
"""Languages the builder offers, by the name staff read them in."""

AUDIENCE_LABELS: dict[str, str] = {
    Audience.EMPLOYER.value: "Employers",
    Audience.CAREER_SEEKER.value: "Career seekers",
    Audience.LEARNER.value: "Learners",
    Audience.INCUMBENT_WORKER.value: "Incumbent workers",
    Audience.COMMUNITY.value: "Community members",
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
    """A change that cannot be made as asked; ``field`` names the form field it belongs beside, and
    ``problems`` lists every (field, message) when there are several."""

    def __init__(self, message: str, field: str = "", *, problems: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.field = field
        self.problems = list(problems) or [(field, message)]


class FormData(Protocol):
    """What a submitted form offers (Werkzeug's ``MultiDict`` is one): a value, or every value."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...

    def __contains__(self, key: object) -> bool: ...


# -- question types as the builder shows them -----------------------------------------------------------

class Setting:
    """One type setting as a form field: how to show the stored value and how to read what was typed.

    ``kind`` picks the builder's partial for the field (``number``, ``date``, ``checkbox``, ``select``,
    ``texts`` — one input per language — and ``checkboxes``).
    """

    kind = "number"

    def __init__(self, name: str, label: str, hint: str = "") -> None:
        self.name = name
        self.label = label
        self.hint = hint

    @property
    def field(self) -> str:
        """The form field's name."""
        return f"setting_{self.name}"

    def shown(self, settings: Mapping[str, Any]) -> Any:
        """The stored value as the form shows it."""
        value = settings.get(self.name)
        return "" if value is None else _show_number(value)

    def read(self, raw: Any, settings: dict[str, Any]) -> None:
        """Store what was typed in ``settings`` (absent when left empty).

        Raises:
            BuildError: the value is not acceptable.
        """
        number = _parse_number(raw, self.field, self.label)
        if number is None:
            settings.pop(self.name, None)
        else:
            settings[self.name] = number

    def choices(self) -> list[tuple[str, str]]:
        """(value, label) pairs for ``select`` and ``checkboxes`` kinds."""
        return []


class WholeSetting(Setting):
    """A whole number within bounds (a text's longest answer, how many choices may be ticked)."""

    def __init__(self, name: str, label: str, hint: str = "", *, low: int, high: int) -> None:
        super().__init__(name, label, hint)
        self.low, self.high = low, high

    def read(self, raw: Any, settings: dict[str, Any]) -> None:
        number = _parse_number(raw, self.field, self.label)
        if number is None:
            settings.pop(self.name, None)
            return
        if number != int(number) or not self.low <= number <= self.high:
            raise BuildError(f"{self.label}: enter a whole number from {self.low} to {self.high}.", self.field)
        settings[self.name] = int(number)


class FlagSetting(Setting):
    """A tick box; ``default`` is what an absent setting means, and is not stored."""

    kind = "checkbox"

    def __init__(self, name: str, label: str, hint: str = "", *, default: bool) -> None:
        super().__init__(name, label, hint)
        self.default = default

    def shown(self, settings: Mapping[str, Any]) -> bool:
        return bool(settings.get(self.name, self.default))

    def read(self, raw: Any, settings: dict[str, Any]) -> None:
        if bool(raw) == self.default:
            settings.pop(self.name, None)
        else:
            settings[self.name] = bool(raw)


class DateSetting(Setting):
    """A calendar date, stored as ``YYYY-MM-DD``."""

    kind = "date"

    def shown(self, settings: Mapping[str, Any]) -> str:
        return str(settings.get(self.name) or "")

    def read(self, raw: Any, settings: dict[str, Any]) -> None:
        text = raw.strip() if isinstance(raw, str) else ""
        if not text:
            settings.pop(self.name, None)
            return
        try:
            day = date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
        except ValueError:
            day = None
        if day is None:
            raise BuildError(f"{self.label}: enter a date like 2026-03-27.", self.field)
        settings[self.name] = day.isoformat()


class ScaleSetting(Setting):
    """A rating's range, 1–5 or 0–10, stored as ``min`` and ``max``."""

    kind = "select"
    SCALES: ClassVar[dict[str, tuple[int, int]]] = {"1-5": (1, 5), "0-10": (0, 10)}

    def shown(self, settings: Mapping[str, Any]) -> str:
        return f"{settings.get('min', 1)}-{settings.get('max', 5)}"

    def read(self, raw: Any, settings: dict[str, Any]) -> None:
        if raw in (None, ""):
            return  # not in the form: keep the scale
        if raw not in self.SCALES:
            raise BuildError(f"{self.label}: choose 1 to 5 or 0 to 10.", self.field)
        low, high = self.SCALES[raw]
        if (low, high) == (1, 5):
            settings.pop("min", None)
            settings.pop("max", None)
        else:
            settings.update(min=low, max=high)

    def choices(self) -> list[tuple[str, str]]:
        return [("1-5", "1 to 5"), ("0-10", "0 to 10")]


class TextsSetting(Setting):
    """Words per language (a rating's end labels); missing languages are translation gaps."""

    kind = "texts"

    def shown(self, settings: Mapping[str, Any]) -> dict[str, str]:
        value = settings.get(self.name)
        return dict(value) if isinstance(value, Mapping) else {}

    def read(self, raw: Any, settings: dict[str, Any]) -> None:
        texts = {lang: text for lang, text in (raw or {}).items()}
        cleaned = _clean_texts(texts, None, limit=OPTION_LIMIT, field=self.field, label=self.label)
        if cleaned:
            settings[self.name] = cleaned
        else:
            settings.pop(self.name, None)


class ChannelsSetting(Setting):
    """Which contact details to ask for."""

    kind = "checkboxes"
    CHANNELS: ClassVar[dict[str, str]] = {"email": "Email", "phone": "Phone"}

    def shown(self, settings: Mapping[str, Any]) -> list[str]:
        return list(settings.get(self.name, list(self.CHANNELS)))

    def read(self, raw: Any, settings: dict[str, Any]) -> None:
        chosen = [c for c in self.CHANNELS if c in (raw or [])]
        if not chosen:
            raise BuildError(f"{self.label}: tick email, phone or both.", self.field)
        if chosen == list(self.CHANNELS):
            settings.pop(self.name, None)
        else:
            settings[self.name] = chosen

    def choices(self) -> list[tuple[str, str]]:
        return list(self.CHANNELS.items())


@dataclass(frozen=True)
class TypeSpec:
    """A question type as the builder offers it: its name for people, whether it has answer choices,
    and the settings its form shows."""

    label: str
    description: str
    options: bool = False
    exclusive: bool = False  # answer choices may be marked "only answer"
    settings: tuple[Setting, ...] = ()


TYPES: dict[str, TypeSpec] = {
    "single_choice": TypeSpec("Choose one answer", "Round buttons: the person picks one answer.", options=True),
    "multiple_choice": TypeSpec(
        "Choose any answers", "Tick boxes: the person ticks every answer that applies.", options=True,
        exclusive=True,
        settings=(WholeSetting("max_choices", "Most answers a person may tick", "Leave empty for no limit.",
                               low=1, high=100),)),
    "agreement": TypeSpec("Agree or disagree", "Five points from “Strongly disagree” to “Strongly agree”."),
    "rating": TypeSpec(
        "Rating scale", "Numbered boxes, 1 to 5 or 0 to 10, with words for each end.",
        settings=(ScaleSetting("scale", "Scale"),
                  TextsSetting("low_label", "Words for the lowest point", "Leave empty for “Lowest”."),
                  TextsSetting("high_label", "Words for the highest point", "Leave empty for “Highest”."))),
    "short_text": TypeSpec(
        "Short answer", "One line of the person's own words.",
        settings=(WholeSetting("max_length", "Longest answer, in characters", "Leave empty for 200.",
                               low=1, high=20000),)),
    "long_text": TypeSpec(
        "Long answer", "A paragraph in the person's own words; Chorus finds themes in these answers.",
        settings=(WholeSetting("max_length", "Longest answer, in characters", "Leave empty for 5000.",
                               low=1, high=20000),)),
    "number": TypeSpec(
        "Number", "A number, such as a wage or how many people.",
        settings=(Setting("min", "Smallest number accepted", "Leave empty for no limit."),
                  Setting("max", "Largest number accepted", "Leave empty for no limit."),
                  FlagSetting("integer", "Whole numbers only", default=True))),
    "date": TypeSpec(
        "Date", "A calendar date.",
        settings=(DateSetting("min", "Earliest date accepted", "Leave empty for no limit."),
                  DateSetting("max", "Latest date accepted", "Leave empty for no limit."))),
    "contact": TypeSpec(
        "Contact details", "Email or phone, kept only when the person agrees to be contacted.",
        settings=(ChannelsSetting("channels", "Ask for"),)),
}
"""Every registered question type as the builder shows it (a test keeps this in step with the registry)."""


def type_spec(type_name: str) -> TypeSpec:
    """How the builder shows ``type_name``; a type it does not know is shown with no settings."""
    return TYPES.get(type_name) or TypeSpec(type_name.replace("_", " ").capitalize(), "")


# -- finding things ---------------------------------------------------------------------------------------

def _languages(data: Mapping[str, Any]) -> list[str]:
    languages = data.get("languages") or ["en"]
    return [lang for lang in languages if isinstance(lang, str)] or ["en"]


def _sections(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    return data.setdefault("sections", []) if isinstance(data, dict) else list(data.get("sections", []))


def _questions(data: Mapping[str, Any]) -> Iterator[tuple[int, int, dict[str, Any]]]:
    for s_index, section in enumerate(data.get("sections", [])):
        for q_index, question in enumerate(section.get("questions", [])):
            yield s_index, q_index, question


def find_question(data: Mapping[str, Any], key: str) -> tuple[int, int, dict[str, Any]] | None:
    """(page index, index on the page, question) of the question ``key``, or ``None``."""
    return next(((s, q, question) for s, q, question in _questions(data) if question.get("key") == key), None)


def _question(data: Data, key: str) -> tuple[int, int, dict[str, Any]]:
    found = find_question(data, key)
    if found is None:
        raise BuildError("That question is no longer in the survey; reload the page.")
    return found


def _section_index(data: Data, section_key: str) -> int:
    for index, section in enumerate(_sections(data)):
        if section.get("key") == section_key:
            return index
    raise BuildError("That page is no longer in the survey; reload the page.")


def _option_index(question: Mapping[str, Any], option_key: str) -> int:
    for index, option in enumerate(question.get("options", [])):
        if option.get("key") == option_key:
            return index
    raise BuildError("That answer choice is no longer in the question; reload the page.")


def _text(texts: Any, languages: Sequence[str]) -> str:
    """The words of a per-language text in the first language that has them."""
    if not isinstance(texts, Mapping):
        return ""
    return next((texts[lang] for lang in languages if texts.get(lang)), "") or next(
        (text for text in texts.values() if isinstance(text, str) and text), "")


def condition_targets(data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    """The questions whose answers may decide whether question ``key`` is shown: choice questions on an
    earlier page (so the page can be decided on the server, without JavaScript)."""
    found = find_question(data, key)
    if found is None:
        return []
    return [question for s_index, _, question in _questions(data)
            if s_index < found[0] and type_spec(question.get("type", "")).options]


# -- keys ---------------------------------------------------------------------------------------------------

def make_key(text: str, taken: Collection[str], *, fallback: str, option: bool = False) -> str:
    """A new key made from ``text`` ("What gets in the way?" -> ``what_gets_in_the_way``), unique among
    ``taken``: accents dropped, at most 40 characters cut at a word, ``fallback`` when no word is left.
    Question and page keys start with a letter; an answer choice's may start with a digit (``18_24``)."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    base = ""
    for word in re.findall(r"[a-z0-9]+", plain):
        candidate = f"{base}_{word}" if base else word
        if len(candidate) > KEY_LENGTH:
            break
        base = candidate
    if not base:
        base = fallback
    elif not option and not base[0].isalpha():
        base = f"{fallback}_{base}"[:KEY_LENGTH].rstrip("_")
    key, number = base, 2
    while key in taken:
        key = f"{base}_{number}"
        number += 1
    return key


def _question_keys(data: Data) -> set[str]:
    return {question.get("key") for _, _, question in _questions(data)}


# -- texts --------------------------------------------------------------------------------------------------

def _clean_texts(texts: Mapping[str, Any], languages: Sequence[str] | None, *, limit: int, field: str,
                 label: str) -> dict[str, str]:
    """Per-language words as typed: trimmed, empty ones dropped (a gap, not an error), too long refused."""
    cleaned: dict[str, str] = {}
    for lang, text in texts.items():
        if languages is not None and lang not in languages:
            continue
        if not isinstance(text, str):
            continue
        text = text.replace("\r\n", "\n").strip()
        if len(text) > limit:
            raise BuildError(f"{label}: use {limit} characters or fewer.", f"{field}_{lang}")
        if text:
            cleaned[lang] = text
    return cleaned


def texts_from_form(form: FormData, name: str, languages: Sequence[str]) -> dict[str, str] | None:
    """The words typed per language in fields ``<name>_<lang>``; ``None`` when none was in the form
    (a field that was not sent leaves the stored words alone)."""
    present = {lang: form.get(f"{name}_{lang}") for lang in languages if f"{name}_{lang}" in form}
    if not present:
        return None
    return {lang: text if isinstance(text, str) else "" for lang, text in present.items()}


def _merge_texts(current: Any, typed: Mapping[str, str] | None, languages: Sequence[str], *, limit: int,
                 field: str, label: str, required: bool) -> dict[str, str]:
    """The stored words with what was typed laid over them, per language."""
    merged = {lang: text for lang, text in (current or {}).items() if lang in languages}
    if typed is not None:
        for lang, text in typed.items():
            merged[lang] = text
    cleaned = _clean_texts(merged, languages, limit=limit, field=field, label=label)
    if required and not cleaned:
        raise BuildError(f"Write the {label.lower()} in at least one language.", f"{field}_{languages[0]}")
    return cleaned


# -- the survey ---------------------------------------------------------------------------------------------

def blank_definition(title: Mapping[str, str], audience: str, languages: Sequence[str]) -> Data:
    """A new survey to build on: its title, and one page with one open question to reword or replace
    (a survey has at least one page with one question)."""
    languages = [lang for lang in dict.fromkeys(languages) if lang in LANGUAGE_LABELS] or ["en"]
    cleaned = _clean_texts(title, languages, limit=TITLE_LIMIT, field="title", label="Title")
    problems = [] if cleaned else [(f"title_{languages[0]}", "Give the survey a title.")]
    if audience not in AUDIENCE_LABELS:
        problems.append(("audience", "Choose who will answer the survey."))
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
        offered = list(dict.fromkeys([*_languages(data), *LANGUAGE_LABELS]))
        wanted = [lang for lang in offered if lang in languages]
        if not wanted:
            raise BuildError("Keep at least one language.", "languages")
        if wanted != _languages(data):
            data["languages"] = wanted
            _keep_languages(data, wanted)
    languages = _languages(data)
    data["title"] = _merge_texts(data.get("title"), title, languages, limit=TITLE_LIMIT, field="title",
                                 label="Title", required=True)
    intro_texts = _merge_texts(data.get("intro"), intro, languages, limit=INTRO_LIMIT, field="intro",
                               label="Introduction", required=False)
    if intro_texts:
        data["intro"] = intro_texts
    else:
        data.pop("intro", None)
    if audience is not None:
        if audience not in AUDIENCE_LABELS:
            raise BuildError("Choose who will answer the survey.", "audience")
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


# -- pages --------------------------------------------------------------------------------------------------

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


def _build_question(data: Data, new: NewQuestion) -> dict[str, Any]:
    languages = _languages(data)
    if new.type not in TYPES or new.type not in QUESTION_TYPES:
        raise BuildError("Choose a type of question from the list.", "type")
    spec = TYPES[new.type]
    text = _clean_texts(new.text, languages, limit=TEXT_LIMIT, field="text", label="Question")
    if not text:
        raise BuildError("Write the question in at least one language.", f"text_{languages[0]}")
    question: dict[str, Any] = {
        "key": make_key(_text(text, languages), _question_keys(data), fallback="question"),
        "type": new.type, "text": text, "required": False}
    if spec.options:
        rows = list(zip_longest(*(list(new.choices.get(lang, ())) for lang in languages), fillvalue=""))
        if len(rows) > 200:
            raise BuildError("Answer choices: give 200 or fewer.", f"choices_{languages[0]}")
        options: list[dict[str, Any]] = []
        for row in rows:
            words = _clean_texts(dict(zip(languages, row, strict=True)), languages, limit=OPTION_LIMIT,
                                 field="choices", label="Answer choice")
            if words:
                key = make_key(_text(words, languages), {o["key"] for o in options}, fallback="choice",
                               option=True)
                options.append({"key": key, "text": words})
        if len(options) < 2:
            raise BuildError("Give at least two answer choices, one per line.", f"choices_{languages[0]}")
        question["options"] = options
    return question


def add_section(data: Data, *, title: Mapping[str, str], question: NewQuestion) -> tuple[Data, str]:
    """Add a page at the end, with its first question (a page is never empty); returns its key."""
    data = copy.deepcopy(data)
    languages = _languages(data)
    words = _clean_texts(title, languages, limit=TITLE_LIMIT, field="title", label="Page title")
    if not words:
        raise BuildError("Give the page a title in at least one language.", f"title_{languages[0]}")
    key = make_key(_text(words, languages), {s.get("key") for s in _sections(data)}, fallback="page")
    built = _build_question(data, question)
    _sections(data).append({"key": key, "title": words, "questions": [built]})
    return data, key


def rename_section(data: Data, section_key: str, title: Mapping[str, str] | None) -> Data:
    """Change a page's title."""
    data = copy.deepcopy(data)
    section = _sections(data)[_section_index(data, section_key)]
    section["title"] = _merge_texts(section.get("title"), title, _languages(data), limit=TITLE_LIMIT,
                                    field="title", label="Page title", required=True)
    return data


def move_section(data: Data, section_key: str, offset: int) -> Data:
    """Move a page one place earlier (``offset`` -1) or later (+1)."""
    data = copy.deepcopy(data)
    sections = _sections(data)
    index = _section_index(data, section_key)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(sections):
        raise BuildError("This page is already the " + ("last." if offset > 0 else "first."))
    sections[index], sections[target] = sections[target], sections[index]
    return data


def remove_section(data: Data, section_key: str) -> Data:
    """Remove a page and its questions (refused for the only page, or when a later question is shown
    only after an answer on it)."""
    data = copy.deepcopy(data)
    sections = _sections(data)
    index = _section_index(data, section_key)
    if len(sections) == 1:
        raise BuildError("A survey needs at least one page: add another page before removing this one.")
    removed = {q.get("key") for q in sections[index].get("questions", [])}
    _refuse_if_depended_on(data, removed, exclude=removed)
    del sections[index]
    return data


def _refuse_if_depended_on(data: Data, keys: set[str], *, exclude: set[str]) -> None:
    languages = _languages(data)
    for _, _, question in _questions(data):
        condition = question.get("condition") or {}
        if question.get("key") not in exclude and condition.get("question") in keys:
            target = find_question(data, condition["question"])
            raise BuildError(
                f"“{_text(question.get('text'), languages)}” is shown only after an answer to "
                f"“{_text(target[2].get('text') if target else {}, languages)}”: change or remove its "
                "display condition first.")


# -- questions ---------------------------------------------------------------------------------------------

def add_question(data: Data, section_key: str, new: NewQuestion) -> tuple[Data, str]:
    """Add a question at the end of a page; returns its key."""
    data = copy.deepcopy(data)
    section = _sections(data)[_section_index(data, section_key)]
    question = _build_question(data, new)
    section.setdefault("questions", []).append(question)
    return data, question["key"]


def move_question(data: Data, key: str, offset: int) -> Data:
    """Move a question one place up (``offset`` -1) or down (+1); from the top of a page it goes to the
    end of the page before, from the bottom to the start of the next, so up and down reach every place."""
    data = copy.deepcopy(data)
    s_index, q_index, question = _question(data, key)
    sections = _sections(data)
    questions = sections[s_index]["questions"]
    step = 1 if offset > 0 else -1
    target = q_index + step
    if 0 <= target < len(questions):
        questions[q_index], questions[target] = questions[target], questions[q_index]
        return data
    next_section = s_index + step
    if not 0 <= next_section < len(sections):
        raise BuildError("This question is already the " + ("last." if step > 0 else "first."))
    if len(questions) == 1:
        raise BuildError(f"This is the only question on page {s_index + 1}: add another question to the "
                         "page first, or remove the page.")
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
    s_index, q_index, _ = _question(data, key)
    questions = _sections(data)[s_index]["questions"]
    if len(questions) == 1:
        raise BuildError(f"This is the only question on page {s_index + 1}: remove the page instead, or add "
                         "another question first.")
    _refuse_if_depended_on(data, {key}, exclude={key})
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
    _, _, question = _question(data, key)
    languages = _languages(data)
    if text is not None:
        question["text"] = _merge_texts(question.get("text"), text, languages, limit=TEXT_LIMIT, field="text",
                                        label="Question", required=True)
    if help is not None:
        help_texts = _merge_texts(question.get("help"), help, languages, limit=TEXT_LIMIT, field="help",
                                  label="Help text", required=False)
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
            raise BuildError("Choose a type of question from the list.", "type")
        new_spec = TYPES[type]
        if new_spec.options != old_spec.options:
            raise BuildError("A question with answer choices can only become another kind with answer "
                             "choices (and one without, another without): add a new question instead.", "type")
        question["type"] = type
        # Settings belong to a type; choice settings carry over where the new type has them.
        carried = {"other"} | ({"exclusive", "max_choices"} if new_spec.exclusive else set())
        question["settings"] = {name: value for name, value in (question.get("settings") or {}).items()
                                if name in carried}
    if option_texts is not None:
        for option in question.get("options", []):
            typed = option_texts.get(option.get("key"))
            if typed is not None:
                option["text"] = _merge_texts(option.get("text"), typed, languages, limit=OPTION_LIMIT,
                                              field=f"option_{option.get('key')}", label="Answer choice",
                                              required=True)
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


def read_settings(spec: TypeSpec, form: FormData, languages: Sequence[str],
                  current: Mapping[str, Any]) -> dict[str, Any]:
    """The type's settings as typed in fields ``setting_<name>`` (a field missing from the form keeps
    its setting).

    Raises:
        BuildError: a value is not acceptable, with the field it belongs beside.
    """
    settings = {name: value for name, value in current.items() if name not in ("other", "exclusive")}
    for setting in spec.settings:
        if setting.kind == "texts":
            raw: Any = texts_from_form(form, setting.field, languages)
            if raw is None:
                continue
            raw = {lang: text for lang, text in {**setting.shown(current), **raw}.items() if lang in languages}
        elif setting.kind == "checkboxes":
            raw = [value for value in form.getlist(setting.field) if isinstance(value, str)]
            if f"{setting.field}_shown" not in form:
                continue
        elif setting.kind == "checkbox":
            if f"{setting.field}_shown" not in form:
                continue
            raw = setting.field in form
        else:
            if setting.field not in form:
                continue
            raw = form.get(setting.field)
            raw = raw if isinstance(raw, str) else ""
        setting.read(raw, settings)
    return settings


# -- answer choices ------------------------------------------------------------------------------------------

def add_option(data: Data, key: str, text: Mapping[str, str]) -> tuple[Data, str]:
    """Add an answer choice at the end (before "Something else" when there is one); returns its key."""
    data = copy.deepcopy(data)
    _, _, question = _question(data, key)
    languages = _languages(data)
    if not type_spec(question.get("type", "")).options:
        raise BuildError("This kind of question has no answer choices.", f"new_option_{languages[0]}")
    words = _clean_texts(text, languages, limit=OPTION_LIMIT, field="new_option", label="New answer choice")
    if not words:
        raise BuildError("Write the new answer choice in at least one language.", f"new_option_{languages[0]}")
    options = question.setdefault("options", [])
    if len(options) >= 200:
        raise BuildError("A question has at most 200 answer choices.", f"new_option_{languages[0]}")
    option_key = make_key(_text(words, languages), {o.get("key") for o in options}, fallback="choice",
                          option=True)
    position = len(options)
    if (question.get("settings") or {}).get("other") and options and options[-1].get("key") == OTHER:
        position -= 1  # "Something else" stays last, where people look for it
    options.insert(position, {"key": option_key, "text": words})
    return data, option_key


def move_option(data: Data, key: str, option_key: str, offset: int) -> Data:
    """Move an answer choice one place up (-1) or down (+1)."""
    data = copy.deepcopy(data)
    _, _, question = _question(data, key)
    options = question.get("options", [])
    index = _option_index(question, option_key)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(options):
        raise BuildError("This answer choice is already the " + ("last." if offset > 0 else "first."),
                         f"option_{option_key}_{_languages(data)[0]}")
    options[index], options[target] = options[target], options[index]
    return data


def remove_option(data: Data, key: str, option_key: str) -> Data:
    """Remove an answer choice (and the settings and conditions that named it)."""
    data = copy.deepcopy(data)
    _, _, question = _question(data, key)
    options = question.get("options", [])
    index = _option_index(question, option_key)
    if len(options) <= 2:
        raise BuildError("A choice question needs at least two answer choices.",
                         f"option_{option_key}_{_languages(data)[0]}")
    del options[index]
    settings = question.get("settings") or {}
    if option_key == OTHER:
        settings.pop("other", None)
    if option_key in settings.get("exclusive", []):
        settings["exclusive"] = [k for k in settings["exclusive"] if k != option_key]
        if not settings["exclusive"]:
            del settings["exclusive"]
    for _, _, other in _questions(data):
        condition = other.get("condition") or {}
        if condition.get("question") == key and option_key in condition.get("any_of", []):
            if condition["any_of"] == [option_key]:
                raise BuildError(f"“{_text(other.get('text'), _languages(data))}” is shown only after this "
                                 "answer: change its display condition first.",
                                 f"option_{option_key}_{_languages(data)[0]}")
            condition["any_of"] = [k for k in condition["any_of"] if k != option_key]
    return data


# -- display conditions ----------------------------------------------------------------------------------

def set_condition(data: Data, key: str, target: str | None, answers: Collection[str], *,
                  negate: bool = False) -> Data:
    """Show question ``key`` only when the earlier question ``target`` was answered with one of
    ``answers`` (``negate``: with any answer but those); ``target`` ``None`` shows it always.

    The stored format knows "one of" only, so "is not one of" is stored as the other answers: a person
    who skips ``target`` does not see the question either way.
    """
    data = copy.deepcopy(data)
    _, _, question = _question(data, key)
    if not target:
        question.pop("condition", None)
        return data
    choice = next((q for q in condition_targets(data, key) if q.get("key") == target), None)
    if choice is None:
        raise BuildError("Choose a question with answer choices on an earlier page.", "condition_question")
    keys = [option.get("key") for option in choice.get("options", [])]
    chosen = [k for k in keys if k in answers]
    if not chosen:
        raise BuildError("Tick at least one answer of the question you chose.", "condition_question")
    any_of = [k for k in keys if k not in chosen] if negate else chosen
    if not any_of:
        raise BuildError("“Is not one of” every answer would never show the question: untick one.",
                         "condition_question")
    question["condition"] = {"question": target, "any_of": any_of}
    return data


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
        raise BuildError("That question is no longer in the survey; reload the page.")
    question = found[2]
    languages = _languages(data)
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


def apply_condition_form(data: Data, key: str, form: FormData) -> Data:
    """The "when is this question shown" form: ``condition_mode`` (``always``, ``any``: one of the ticked
    answers, ``none``: none of them), ``condition_question`` and ``condition_answers`` (``<question>:<answer>``).

    Raises:
        BuildError: the choice cannot be stored, beside ``condition_question``.
    """
    mode = form.get("condition_mode")
    target = form.get("condition_question") if mode in ("any", "none") else None
    target = target if isinstance(target, str) else None
    answers = [value.partition(":")[2] for value in form.getlist("condition_answers")
               if isinstance(value, str) and value.partition(":")[0] == target]
    return set_condition(data, key, target, answers, negate=mode == "none")


def describe_condition(data: Mapping[str, Any], key: str) -> str:
    """When question ``key`` is shown, in words: "Always", or "Only when question 2 (“What gets in the
    way?”) was answered with “Childcare” or “The bus”"."""
    found = find_question(data, key)
    condition = (found[2].get("condition") if found else None) or {}
    target = find_question(data, condition.get("question", "")) if condition else None
    if target is None:
        return "Always"
    languages = _languages(data)
    number = _question_numbers(data).get(condition["question"], 0)
    texts = {o.get("key"): _text(o.get("text"), languages) for o in target[2].get("options", [])}
    chosen = [f"“{texts.get(k, k)}”" for k in condition.get("any_of", [])]
    answers = ", ".join(chosen[:-1]) + (" or " if len(chosen) > 1 else "") + chosen[-1] if chosen else ""
    return f"Only when question {number} (“{_text(target[2].get('text'), languages)}”) was answered with {answers}"


# -- checking ------------------------------------------------------------------------------------------------

def check(data: Mapping[str, Any]) -> SurveyDefinition:
    """Validate a definition with :func:`surveys.definition.load_definition`, except that a text missing
    in some of the survey's languages is a translation gap (see :func:`missing_translations`), not an
    error. The returned definition keeps the gaps: nothing is made up to fill them.

    Raises:
        DefinitionError: every other problem, each with its path (explain them with :func:`explain`).
    """
    if not isinstance(data, Mapping):
        raise DefinitionError(["the definition must be a JSON object"])
    filled = copy.deepcopy(dict(data))
    languages = _languages(filled) if isinstance(filled.get("languages"), list) else ["en"]
    for texts in _translatable(filled):
        words = _text(texts, languages)
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
    what: str

    @property
    def id(self) -> str:
        """The id of the builder's input for the missing words."""
        return f"{self.form}-{self.field}"


def missing_translations(data: Mapping[str, Any]) -> list[Missing]:
    """Every text that has words in some of the survey's languages but not in all, in page order."""
    languages = _languages(data)
    gaps: list[Missing] = []

    def look(texts: Any, form: str, name: str, what: str) -> None:
        present = _present(texts, languages)
        if present:
            gaps.extend(Missing(form, f"{name}_{lang}", lang, what) for lang in languages if lang not in present)

    look(data.get("title"), "survey", "title", "Survey title")
    look(data.get("intro"), "survey", "intro", "Introduction")
    number = 0
    for s_index, section in enumerate(data.get("sections", []), start=1):
        look(section.get("title"), f"page-{section.get('key')}", "title", f"Page {s_index} title")
        for question in section.get("questions", []):
            number += 1
            form = f"q-{question.get('key')}"
            look(question.get("text"), form, "text", f"Question {number}")
            look(question.get("help"), form, "help", f"Question {number}, help text")
            for o_index, option in enumerate(question.get("options", []), start=1):
                look(option.get("text"), form, f"option_{option.get('key')}", f"Question {number}, answer {o_index}")
            spec = type_spec(question.get("type", ""))
            for setting in spec.settings:
                if setting.kind == "texts":
                    look((question.get("settings") or {}).get(setting.name), form, setting.field,
                         f"Question {number}, {setting.label.lower()}")
    return gaps


# -- explaining problems ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """A problem to show beside a field: the builder form (``survey``, ``page-<key>``, ``q-<key>``) and
    field it belongs to (``""``: the form as a whole), and the message in plain words."""

    form: str
    field: str
    message: str
    where: str = ""  # what the form is, for the summary at the top ("Question 3")


QUESTION_PATH = re.compile(r"^sections\[(\d+)\]\.questions\[(\d+)\](.*)$")
SECTION_PATH = re.compile(r"^sections\[(\d+)\](.*)$")
OPTION_PATH = re.compile(r"^\.options\[(\d+)\](.*)$")
LANGUAGE_SUFFIX = re.compile(r"^\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)$")
QUOTED = re.compile(r'"([^"]+)"')


def explain(errors: Sequence[str], data: Mapping[str, Any]) -> list[Problem]:
    """The validator's messages (``sections[0].questions[3].options[1].key: duplicate key "bus"``) as
    problems placed beside the builder's fields, in words that name questions rather than paths."""
    return [_explain_one(error, data) for error in errors]


def _explain_one(error: str, data: Mapping[str, Any]) -> Problem:
    path, separator, message = error.partition(": ")
    if not separator:
        path, message = "", error
    languages = _languages(data)
    first = languages[0]
    numbers = _question_numbers(data)

    def text_of(key: str) -> str:
        found = find_question(data, key)
        return _text(found[2].get("text"), languages) if found else key

    match = QUESTION_PATH.match(path)
    if match:
        s_index, q_index, rest = int(match[1]), int(match[2]), match[3]
        try:
            question = data["sections"][s_index]["questions"][q_index]
        except (KeyError, IndexError, TypeError):
            return Problem("", "", _sentence(message))
        key = question.get("key", "")
        where = f"Question {numbers.get(key, q_index + 1)}"
        form_id = f"q-{key}"
        spec = type_spec(question.get("type", ""))
        field_name = ""
        if rest.startswith((".text", ".help")):
            name = rest[1:5]
            lang = LANGUAGE_SUFFIX.match(rest[5:])
            field_name = f"{name}_{lang[1] if lang else first}"
            if message.startswith("text is required"):
                message = "write it in at least one language"
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
                message = "give at least two answer choices"
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
                message = (f"it depends on “{text_of(target[1])}”, which is now on the same page or later; "
                           "a question can depend only on an answer given on an earlier page")
            elif "is not an earlier question" in message and target:
                message = (f"it depends on “{text_of(target[1])}”, which must come on an earlier page"
                           if find_question(data, target[1]) else
                           "the question it depended on is no longer in the survey")
        elif rest in (".required", ".demographic", ".type", ".key"):
            field_name = rest[1:]
            if rest == ".key":
                quoted = QUOTED.search(message)
                message = (f"another question already has the short name “{quoted[1]}”" if "duplicate" in message
                           and quoted else message)
        return Problem(form_id, field_name, _sentence(message), where)

    match = SECTION_PATH.match(path)
    if match:
        s_index, rest = int(match[1]), match[2]
        sections = data.get("sections") or []
        key = sections[s_index].get("key", "") if s_index < len(sections) else ""
        where = f"Page {s_index + 1}"
        if rest == ".questions":
            return Problem(f"page-{key}", "", "A page needs at least one question.", where)
        if rest.startswith(".title"):
            lang = LANGUAGE_SUFFIX.match(rest[len(".title"):])
            if message.startswith("text is required"):
                message = "write it in at least one language"
            return Problem(f"page-{key}", f"title_{lang[1] if lang else first}", _sentence(message), where)
        return Problem(f"page-{key}", "", _sentence(message), where)

    for name in ("title", "intro"):
        if path == name or path.startswith(f"{name}."):
            lang = LANGUAGE_SUFFIX.match(path[len(name):])
            if message.startswith("text is required"):
                message = "write it in at least one language"
            return Problem("survey", f"{name}_{lang[1] if lang else first}", _sentence(message), "Title")
    if path.startswith("languages"):
        return Problem("survey", "languages", _sentence(message), "Languages")
    if path == "audience":
        return Problem("survey", "audience", "Choose who will answer the survey.", "Audience")
    return Problem("", "", _sentence(f"{path}: {message}" if path else message))


def _question_numbers(data: Mapping[str, Any]) -> dict[str, int]:
    return {question.get("key"): number for number, (_, _, question) in enumerate(_questions(data), start=1)}


def _sentence(message: str) -> str:
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."


# -- numbers ----------------------------------------------------------------------------------------------

def _parse_number(raw: Any, field_name: str, label: str) -> int | float | None:
    """A number typed in a settings field (``1,200`` and ``18.5`` accepted), ``None`` when empty."""
    text = raw.strip().replace(",", "").replace(" ", "") if isinstance(raw, str) else ""
    if not text:
        return None
    if len(text) > 20 or not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", text):
        raise BuildError(f"{label}: enter a number, like 12 or 18.5.", field_name)
    number = float(text)
    if not math.isfinite(number) or abs(number) > NUMBER_LIMIT:
        raise BuildError(f"{label}: enter a number between -1,000,000,000,000 and 1,000,000,000,000.", field_name)
    return int(number) if number == int(number) else number


def _show_number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return str(int(value)) if value == int(value) else str(value)

