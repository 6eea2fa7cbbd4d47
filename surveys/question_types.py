"""The question-type registry: one small class per type, each knowing everything about its type.

A type knows how to check its part of a definition (``check_definition``), which WTForms fields show it
(``form_fields``), how to turn what a person or an API client sent into a clean value (``clean`` — the
*only* validation path, used by the web form and the API alike), and how to store that value as
:class:`~surveys.models.Answer` rows and read it back (``to_rows`` / ``from_rows``).

Storage, per type (one ``Answer`` row per item below; ``option_key`` is ``""`` unless stated):

==================  ==========================================================================
single_choice       one row, ``option_key`` = the chosen key. When the option ``other`` is chosen
                    and ``settings.other`` is true, the person's words go in that row's
                    ``value_text``.
multiple_choice     one row per chosen option, ``option_key`` = its key; "other, please say" text
                    in ``value_text`` of the row whose ``option_key`` is ``"other"``.
agreement           one row, ``value_number`` 1 (strongly disagree) … 5 (strongly agree).
rating              one row, ``value_number`` from ``settings.min`` to ``settings.max`` (1–5 or 0–10).
short_text          one row, ``value_text``.
long_text           one row, ``value_text`` (the open-ended answers themes are found in).
number              one row, ``value_number`` (bounded by ``settings.min`` / ``settings.max``).
date                one row, ``value_text`` as an ISO date ``YYYY-MM-DD``.
contact             only when the person ticked consent: a row ``option_key="email"`` and/or a row
                    ``option_key="phone"``, the detail in ``value_text``. No consent, no rows.
==================  ==========================================================================

Raw values (what the API accepts in ``answers``, and what a page's form is turned into):
``single_choice`` ``"key"`` or ``{"key": "other", "other": "text"}``; ``multiple_choice`` ``["a", "b"]`` or
``{"keys": ["a", "other"], "other": "text"}``; ``agreement``/``rating``/``number`` a number (or a string of
one); text types a string; ``date`` ``"2025-03-27"``; ``contact``
``{"consent": true, "email": "...", "phone": "..."}``. ``None``, ``""`` and ``[]`` mean "not answered".
Words in ``other`` count as choosing ``"other"`` (added to a multiple choice; with a single choice
that names another key they are refused with ``other_conflict``), so typed words are never dropped.

Everything else that differs by type is asked of the type too, so no caller outside :mod:`surveys` ever
compares a question's type with a name: the respondent partial that draws it (``template``) and the id of
its first input (``first_input_id``, where an error-summary link lands), how reports summarise it
(``summary``) and, for scales, the words of each point (``point_words``), how staff read a stored answer
(``shown``), and what the demo partnership's respondents plausibly answer (``demo_value``).

Add a type by subclassing :class:`QuestionType` and decorating it with :func:`register`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from wtforms import BooleanField, Field, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from .catalog import N_
from .i18n import message
from .message import Message

if TYPE_CHECKING:
    from wtforms import Form

    from .definition_types import QuestionDefinition

__all__ = [
    "CHOICE_TYPES",
    "QUESTION_TYPES",
    "AnswerError",
    "Choices",
    "DemoDraw",
    "QuestionType",
    "StoredValue",
    "field_name",
    "get_type",
    "register",
]

QUESTION_TYPES: dict[str, QuestionType] = {}
CHOICE_TYPES: frozenset[str] = frozenset({"single_choice", "multiple_choice"})
OTHER = "other"
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_PATTERN = re.compile(r"^\+?[0-9 ().\-]{7,20}$")
NUMBER_PATTERN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")
GROUPED_PATTERN = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
DECIMAL_COMMA_PATTERN = re.compile(r"[-+]?\d+,\d{1,2}")
CURRENCY_PATTERN = re.compile(r"^(?:US\$|\$|€|£)|(?:\$|€|£|USD)$", re.IGNORECASE)


class AnswerError(ValueError):
    """A raw answer that cannot be accepted; ``code`` and ``params`` pick a catalogue message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, language: str) -> str:
        """The message in ``language``; a parameter given per language (an option's words) is filled
        in the same language."""
        params = {name: (value.get(language) or next(iter(value.values()), "")) if isinstance(value, Mapping)
                  else value for name, value in self.params.items()}
        return message(language, self.code, **params)

    def summary(self, language: str, question: str) -> str:
        """The entry for the error summary at the top of a page, which names the ``question`` (all its
        words: it is read away from the question itself, and a cut question may not say which it is)."""
        named = " ".join(question.split())
        if self.code == "required":
            return message(language, "summary_required", question=named)
        return message(language, "summary", question=named, message=self.message(language))


@dataclass(frozen=True)
class StoredValue:
    """What one :class:`~surveys.models.Answer` row holds, without the database around it."""

    option_key: str = ""
    value_text: str | None = None
    value_number: float | None = None


@dataclass(frozen=True)
class Choices:
    """The clean value of a choice question: the chosen option keys and any "other, please say" text."""

    keys: tuple[str, ...]
    other: str | None = None


class DemoDraw(Protocol):
    """What a demo answer needs beyond its type's shape, supplied by the demo that invents it: the
    partnership's habits (which options its people pick, what they write about) and the survey's dates.

    A type says what a plausible answer of its kind looks like (agreement leans towards agreeing, a
    number falls within its bounds); the demo says what this partnership's people would choose or write.
    """

    rng: random.Random

    def options(self, question: QuestionDefinition, *, multiple: bool) -> list[str]:
        """Option keys a person picks (one unless ``multiple``), in the order picked."""
        ...

    def words(self, question: QuestionDefinition, *, other: bool = False) -> str | None:
        """What a person writes in answer (or, with ``other``, after choosing "other"); ``None`` when the
        demo has nothing to write there."""
        ...

    def day(self) -> date:
        """A date a person might give."""
        ...


def field_name(question: QuestionDefinition, part: str = "") -> str:
    """The form field name of a question (prefixed, so a key can never clash with a form attribute)."""
    return f"q_{question.key}__{part}" if part else f"q_{question.key}"


def _is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or (
        isinstance(raw, (list, tuple, dict)) and not raw)


MAX_NUMBER = 10**15
"""The largest magnitude a number answer or setting may have: every whole number up to it is exact as a
float (the stored form), and a Python int of any size never reaches ``math.isfinite`` or the database."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and (
        -MAX_NUMBER <= value <= MAX_NUMBER)


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes; validation is the question type's job, not the field's."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class QuestionType:
    """Base class: subclasses set ``name`` and override what differs."""

    name: ClassVar[str]
    #: The partial in ``templates/respondent/questions/`` that renders this type.
    template: ClassVar[str]
    summary: ClassVar[str | None] = None
    """How reports summarise the answers: ``"choice"`` (counts per option), ``"scale"`` (counts per
    point and averages), ``"number"`` (protected statistics and a histogram), ``"text"`` (themes), or
    ``None`` (not summarised: dates, contact details)."""
    #: How often the demo's respondents leave the question blank when it is optional.
    demo_skip_share: ClassVar[float] = 0.12

    def check_definition(self, question: QuestionDefinition) -> list[tuple[str, str]]:
        """Problems with the type-specific parts of a question, as (path suffix, message) pairs."""
        if question.options:
            return [(".options", Message(N_("a %(type)s question has no options"), type=self.name))]
        return []

    # --- values -------------------------------------------------------------------------------
    def clean(self, question: QuestionDefinition, raw: Any) -> Any:
        """Turn a raw value into the clean value, or ``None`` when unanswered.

        Raises:
            AnswerError: the value cannot be accepted (required-ness is checked by the caller).
        """
        raise NotImplementedError

    def to_rows(self, question: QuestionDefinition, value: Any) -> list[StoredValue]:
        """The rows that store a clean, non-empty value."""
        raise NotImplementedError

    def from_rows(self, question: QuestionDefinition, rows: Sequence[StoredValue]) -> Any:
        """The clean value stored in ``rows`` (``None`` when there are none)."""
        raise NotImplementedError

    def to_json(self, question: QuestionDefinition, value: Any) -> Any:
        """A clean value as a raw value, so ``clean(to_json(v)) == v``."""
        return value

    # --- forms --------------------------------------------------------------------------------
    def form_fields(self, question: QuestionDefinition, language: str) -> dict[str, Field]:
        """Unbound WTForms fields for the question, by field name."""
        return {field_name(question): StringField(question.text_in(language))}

    def raw_from_form(self, question: QuestionDefinition, form: Form) -> Any:
        """What the person sent, in the same raw shape the API accepts."""
        return form[field_name(question)].data

    def form_data(self, question: QuestionDefinition, value: Any) -> dict[str, Any]:
        """Initial field data that shows a stored clean value again."""
        if value is None:
            return {}
        return {field_name(question): self.to_json(question, value)}

    def first_input_id(self, question: QuestionDefinition) -> str:
        """The id of the question's first input: where a link in the page's error summary takes the
        person (a group of radio buttons or checkboxes is entered at its first button)."""
        return field_name(question)

    # --- reading ------------------------------------------------------------------------------
    def shown(self, question: QuestionDefinition, rows: Sequence[StoredValue],
              option_names: Mapping[str, str]) -> list[str]:
        """A stored answer as staff read it (in English; a scale's point is a :class:`Message` a page says in
        the reader's language), one entry per chosen option or value.

        ``question`` may be the stored question (only its settings are read); ``option_names`` gives each
        option's words by key, and a key missing from it is shown as itself.
        """
        values = []
        for row in rows:
            if row.option_key:
                name = option_names.get(row.option_key, row.option_key)
                values.append(f"{name}: {row.value_text}" if row.value_text else name)
            elif row.value_number is not None:
                values.append(self._number_shown(question, row.value_number))
            elif row.value_text:
                values.append(row.value_text)
        return values

    def _number_shown(self, question: QuestionDefinition, number: float) -> str:
        return f"{number:g}"

    # --- demo ---------------------------------------------------------------------------------
    def demo_value(self, question: QuestionDefinition, draw: DemoDraw) -> Any:
        """A plausible clean answer for the demo partnership, or ``None`` for no answer (the default, so
        a type nobody taught the demo, like contact details, is never invented)."""
        return None


def register(cls: type[QuestionType]) -> type[QuestionType]:
    """Class decorator adding a type to the registry under its ``name``."""
    QUESTION_TYPES[cls.name] = cls()
    return cls


def get_type(name: str) -> QuestionType:
    """The registered type called ``name``.

    Raises:
        KeyError: no such type.
    """
    return QUESTION_TYPES[name]


def _option_text(question: QuestionDefinition, key: str) -> dict[str, str]:
    """An option's words in every language, for a message shown in whichever the person reads."""
    option = question.option(key)
    return dict(option.text) if option else {"en": key}


class _ChoiceType(QuestionType):
    multiple: ClassVar[bool] = False
    summary = "choice"

    def check_definition(self, question: QuestionDefinition) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if len(question.options) < 2:
            problems.append((".options", Message(N_("a choice question needs at least two options"))))
        settings = question.settings
        allowed = {"other", "max_choices", "exclusive"} if self.multiple else {"other"}
        problems += [(f".settings.{name}", Message(N_("unknown setting"))) for name in settings if name not in allowed]
        if "other" in settings:
            if not isinstance(settings["other"], bool):
                problems.append((".settings.other", Message(N_("must be true or false"))))
            elif settings["other"] and OTHER not in question.option_keys:
                problems.append((".settings.other", Message(N_('needs an option with the key "other"'))))
        if "max_choices" in settings:
            value = settings["max_choices"]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                problems.append((".settings.max_choices", Message(N_("must be a whole number, 1 or more"))))
        if "exclusive" in settings:
            value = settings["exclusive"]
            if not isinstance(value, list) or not all(k in question.option_keys for k in value):
                problems.append((".settings.exclusive", Message(N_("must list option keys of this question"))))
        return problems

    def _allows_other(self, question: QuestionDefinition) -> bool:
        return bool(question.settings.get("other"))

    def clean(self, question: QuestionDefinition, raw: Any) -> Choices | None:
        """Chosen keys plus "other, please say" text. Words typed in the other box count as choosing
        "other", so nothing a person typed is ever dropped: with multiple choice "other" is added; with
        single choice another option chosen as well is an error that keeps both for the person to settle."""
        other_text: Any = None
        if isinstance(raw, Mapping):
            keys = raw.get("keys", raw.get("key"))
            other_text = raw.get("other")
        else:
            keys = raw
        allows_other = self._allows_other(question)
        if allows_other and other_text is not None and not isinstance(other_text, str):
            raise AnswerError("choose_valid")
        other = ((other_text or "").strip() or None) if allows_other else None
        if other is not None and "\x00" in other:
            raise AnswerError("invalid_characters")
        if _is_empty(keys):
            keys = []
        if isinstance(keys, str):
            keys = [keys]
        if not isinstance(keys, (list, tuple)) or not all(isinstance(k, str) for k in keys):
            raise AnswerError("choose_valid")
        chosen = list(dict.fromkeys(keys))  # keep order, drop repeats
        if not self.multiple and len(chosen) > 1:
            raise AnswerError("choose_one")
        if any(key not in question.option_keys for key in chosen):
            raise AnswerError("choose_valid")
        if other is not None and OTHER not in chosen:
            if chosen and not self.multiple:
                raise AnswerError("other_conflict", option=_option_text(question, chosen[0]),
                                  other=_option_text(question, OTHER))
            chosen.append(OTHER)
        if not chosen:
            return None
        max_choices = question.settings.get("max_choices")
        if max_choices and len(chosen) > max_choices:
            raise AnswerError("too_many", max=max_choices)
        for key in question.settings.get("exclusive", []):
            if key in chosen and len(chosen) > 1:
                raise AnswerError("exclusive", option=_option_text(question, key))
        if other is not None and len(other) > 500:
            raise AnswerError("too_long", max=500)
        # Keep the definition's order so stored rows and re-shown forms are stable.
        ordered = tuple(key for key in question.option_keys if key in chosen)
        return Choices(keys=ordered, other=other)

    def to_rows(self, question: QuestionDefinition, value: Choices) -> list[StoredValue]:
        return [StoredValue(option_key=key, value_text=value.other if key == OTHER else None)
                for key in value.keys]

    def from_rows(self, question: QuestionDefinition, rows: Sequence[StoredValue]) -> Choices | None:
        keys = [row.option_key for row in rows if row.option_key in question.option_keys]
        if not keys:
            return None
        other = next((row.value_text for row in rows if row.option_key == OTHER), None)
        return Choices(keys=tuple(k for k in question.option_keys if k in keys), other=other)

    def to_json(self, question: QuestionDefinition, value: Choices) -> Any:
        if self.multiple:
            return {"keys": list(value.keys), "other": value.other} if value.other else list(value.keys)
        return {"key": value.keys[0], "other": value.other} if value.other else value.keys[0]

    def form_fields(self, question: QuestionDefinition, language: str) -> dict[str, Field]:
        choices = [SelectChoice(option.key, option.text_in(language)) for option in question.options]
        field_class = MultiCheckboxField if self.multiple else RadioField
        fields: dict[str, Field] = {field_name(question): field_class(
            question.text_in(language), choices=choices, validate_choice=False)}
        if self._allows_other(question):
            fields[field_name(question, "other")] = StringField(message(language, "other_label"))
        return fields

    def raw_from_form(self, question: QuestionDefinition, form: Form) -> Any:
        keys = form[field_name(question)].data
        if self._allows_other(question):
            other = form[field_name(question, "other")].data
            if other:
                return {"keys" if self.multiple else "key": keys, "other": other}
        return keys

    def form_data(self, question: QuestionDefinition, value: Choices | None) -> dict[str, Any]:
        if value is None:
            return {}
        data: dict[str, Any] = {field_name(question): list(value.keys) if self.multiple else value.keys[0]}
        if value.other:
            data[field_name(question, "other")] = value.other
        return data

    def first_input_id(self, question: QuestionDefinition) -> str:
        return field_name(question) + "-1"

    def demo_value(self, question: QuestionDefinition, draw: DemoDraw) -> Choices | None:
        """The options the partnership's people pick, in the order picked, with words after "other"."""
        keys = draw.options(question, multiple=self.multiple)
        if not keys:
            return None
        return Choices(keys=tuple(keys), other=draw.words(question, other=True) if OTHER in keys else None)


@register
class SingleChoice(_ChoiceType):
    """Pick one answer (radio buttons)."""

    name = "single_choice"
    template = "single_choice"


@register
class MultipleChoice(_ChoiceType):
    """Pick any number of answers (checkboxes), optionally with "other, please say"."""

    name = "multiple_choice"
    template = "multiple_choice"
    multiple = True


class _ScaleType(QuestionType):
    """A point on a numeric scale, shown as radio buttons from low to high."""

    summary = "scale"

    def bounds(self, question: QuestionDefinition) -> tuple[int, int]:
        raise NotImplementedError

    def labels(self, question: QuestionDefinition, language: str) -> list[tuple[str, str]]:
        """(value, label) for each point, low to high, as the respondent's buttons read."""
        raise NotImplementedError

    def point_words(self, question: QuestionDefinition, language: str = "en") -> list[tuple[int, str]]:
        """(value, words) for each point that has words of its own, low to high: every point of an
        agreement scale ("Strongly disagree" … "Strongly agree"), none of a rating, whose points are
        numbers. Reports label a point with its words, else with its number. ``question`` may be the
        stored question."""
        return []

    def end_words(self, question: QuestionDefinition, end: str, language: str) -> str | None:
        """The question's own words for the ``low`` or ``high`` end of the scale, if it has any."""
        return None

    def _number_shown(self, question: QuestionDefinition, number: float) -> str:
        """A point with its words: "Agree (4 of 5)", or "4 on a scale of 1 to 5 (Very easy)"."""
        low, high = self.bounds(question)
        point = f"{number:g}"
        words = {str(value): text for value, text in self.point_words(question)}.get(point)
        if words:
            return Message(N_("%(words)s (%(point)s of %(high)s)"), words=words, point=point, high=high)
        end = {low: "low", high: "high"}.get(int(number))
        end_words = self.end_words(question, end, "en") if end else None
        if end_words:
            return Message(N_("%(point)s on a scale of %(low)s to %(high)s (%(words)s)"), point=point, low=low,
                           high=high, words=end_words)
        return Message(N_("%(point)s on a scale of %(low)s to %(high)s"), point=point, low=low, high=high)

    def clean(self, question: QuestionDefinition, raw: Any) -> int | None:
        if _is_empty(raw):
            return None
        try:
            number = float(raw) if isinstance(raw, str) else raw
        except ValueError:
            raise AnswerError("scale") from None
        low, high = self.bounds(question)
        if not _is_number(number) or number != int(number) or not low <= number <= high:
            raise AnswerError("scale")
        return int(number)

    def to_rows(self, question: QuestionDefinition, value: int) -> list[StoredValue]:
        return [StoredValue(value_number=float(value))]

    def from_rows(self, question: QuestionDefinition, rows: Sequence[StoredValue]) -> int | None:
        return int(rows[0].value_number) if rows and rows[0].value_number is not None else None

    def form_fields(self, question: QuestionDefinition, language: str) -> dict[str, Field]:
        return {field_name(question): RadioField(question.text_in(language),
                                                 choices=[SelectChoice(value, label) for value, label
                                                          in self.labels(question, language)],
                                                 validate_choice=False)}

    def form_data(self, question: QuestionDefinition, value: int | None) -> dict[str, Any]:
        return {} if value is None else {field_name(question): str(value)}

    def first_input_id(self, question: QuestionDefinition) -> str:
        return field_name(question) + "-1"


@register
class Agreement(_ScaleType):
    """How much a person agrees with a statement, on the usual five points."""

    name = "agreement"
    template = "agreement"

    def check_definition(self, question: QuestionDefinition) -> list[tuple[str, str]]:
        problems = super().check_definition(question)
        problems += [(f".settings.{name}", Message(N_("unknown setting"))) for name in question.settings]
        return problems

    def bounds(self, question: QuestionDefinition) -> tuple[int, int]:
        return 1, 5

    def labels(self, question: QuestionDefinition, language: str) -> list[tuple[str, str]]:
        return [(str(point), words) for point, words in self.point_words(question, language)]

    def point_words(self, question: QuestionDefinition, language: str = "en") -> list[tuple[int, str]]:
        return [(point, message(language, f"agreement_{point}")) for point in range(1, 6)]

    def demo_value(self, question: QuestionDefinition, draw: DemoDraw) -> int:
        """People lean towards agreeing, as with most statements a partnership puts to them."""
        return draw.rng.choices(range(1, 6), [1, 2, 3, 5, 4])[0]


@register
class Rating(_ScaleType):
    """A score on a 1–5 or 0–10 scale, with optional words for its two ends."""

    name = "rating"
    template = "rating"
    SCALES: ClassVar[set[tuple[int, int]]] = {(1, 5), (0, 10)}

    def check_definition(self, question: QuestionDefinition) -> list[tuple[str, str]]:
        problems = super().check_definition(question)
        settings = question.settings
        problems += [(f".settings.{name}", Message(N_("unknown setting"))) for name in settings
                     if name not in {"min", "max", "low_label", "high_label"}]
        ends = (settings.get("min", 1), settings.get("max", 5))
        if not all(_is_number(end) for end in ends) or ends not in self.SCALES:
            problems.append((".settings", Message(N_("a rating scale is 1 to 5 or 0 to 10"))))
        for name in ("low_label", "high_label"):
            label = settings.get(name)
            if label is not None and not (isinstance(label, Mapping) and all(
                    isinstance(text, str) and text for text in label.values())):
                problems.append((f".settings.{name}", Message(N_("must give the text per language"))))
        return problems

    def bounds(self, question: QuestionDefinition) -> tuple[int, int]:
        return question.settings.get("min", 1), question.settings.get("max", 5)

    def end_words(self, question: QuestionDefinition, end: str, language: str) -> str | None:
        label = question.settings.get(f"{end}_label") or {}
        return label.get(language) or None

    def end_label(self, question: QuestionDefinition, end: str, language: str) -> str:
        """The words beside the ``low`` or ``high`` end of the scale on the respondent's page: the
        question's own, else "Lowest"/"Highest"."""
        return self.end_words(question, end, language) or message(language, f"rating_{end}")

    def labels(self, question: QuestionDefinition, language: str) -> list[tuple[str, str]]:
        low, high = self.bounds(question)
        return [(str(point), str(point)) for point in range(low, high + 1)]

    def demo_value(self, question: QuestionDefinition, draw: DemoDraw) -> int:
        return _lean_high(draw.rng, *self.bounds(question))


def _lean_high(rng: random.Random, low: float, high: float) -> int:
    """A whole number from ``low`` to ``high``, most often about two thirds of the way up."""
    low, high = float(low), float(high)
    return round(rng.triangular(low, high, low + (high - low) * 0.65))


class _TextType(QuestionType):
    default_max: ClassVar[int]
    summary = "text"

    def check_definition(self, question: QuestionDefinition) -> list[tuple[str, str]]:
        problems = super().check_definition(question)
        problems += [(f".settings.{name}", Message(N_("unknown setting"))) for name in question.settings
                     if name != "max_length"]
        value = question.settings.get("max_length", self.default_max)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 20000:
            problems.append((".settings.max_length", Message(N_("must be a whole number from 1 to 20000"))))
        return problems

    def clean(self, question: QuestionDefinition, raw: Any) -> str | None:
        if _is_empty(raw):
            return None
        if not isinstance(raw, str):
            raw = str(raw) if _is_number(raw) else ""
            if not raw:
                raise AnswerError("required")
        text = raw.strip().replace("\r\n", "\n")
        if "\x00" in text:  # PostgreSQL cannot store it; the web and API guards refuse it earlier
            raise AnswerError("invalid_characters")
        limit = question.settings.get("max_length", self.default_max)
        if len(text) > limit:
            raise AnswerError("too_long", max=limit)
        return text

    def to_rows(self, question: QuestionDefinition, value: str) -> list[StoredValue]:
        return [StoredValue(value_text=value)]

    def from_rows(self, question: QuestionDefinition, rows: Sequence[StoredValue]) -> str | None:
        return rows[0].value_text if rows else None

    def shown(self, question: QuestionDefinition, rows: Sequence[StoredValue],
              option_names: Mapping[str, str]) -> list[str]:
        return [row.value_text for row in rows if row.value_text]

    def demo_value(self, question: QuestionDefinition, draw: DemoDraw) -> str | None:
        return draw.words(question)


@register
class ShortText(_TextType):
    """A few words on one line."""

    name = "short_text"
    template = "short_text"
    default_max = 200


@register
class LongText(_TextType):
    """An open-ended answer in the person's own words."""

    name = "long_text"
    template = "long_text"
    default_max = 5000
    demo_skip_share = 0.25  # an optional open question is passed over more often

    def form_fields(self, question: QuestionDefinition, language: str) -> dict[str, Field]:
        return {field_name(question): TextAreaField(question.text_in(language))}


@register
class Number(QuestionType):
    """A number, whole unless ``settings.integer`` is false, within optional bounds."""

    name = "number"
    summary = "number"
    template = "number"

    def check_definition(self, question: QuestionDefinition) -> list[tuple[str, str]]:
        problems = super().check_definition(question)
        settings = question.settings
        problems += [(f".settings.{name}", Message(N_("unknown setting"))) for name in settings
                     if name not in {"min", "max", "integer"}]
        for name in ("min", "max"):
            if name in settings and not _is_number(settings[name]):
                problems.append((f".settings.{name}", Message(N_("must be a number"))))
        if _is_number(settings.get("min")) and _is_number(settings.get("max")) and \
                settings["min"] > settings["max"]:
            problems.append((".settings", Message(N_("min must not be more than max"))))
        if "integer" in settings and not isinstance(settings["integer"], bool):
            problems.append((".settings.integer", Message(N_("must be true or false"))))
        return problems

    def clean(self, question: QuestionDefinition, raw: Any) -> float | int | None:
        if _is_empty(raw):
            return None
        whole = question.settings.get("integer", True)
        number: Any = _parse_number(raw, decimal=not whole) if isinstance(raw, str) else raw
        if not _is_number(number):
            raise AnswerError("whole_number" if whole else "number")
        if whole and number != int(number):
            raise AnswerError("whole_number")
        low, high = question.settings.get("min"), question.settings.get("max")
        if low is not None and number < low:
            raise AnswerError("number_min", min=_show(low))
        if high is not None and number > high:
            raise AnswerError("number_max", max=_show(high))
        return int(number) if whole or number == int(number) else number

    def to_rows(self, question: QuestionDefinition, value: float) -> list[StoredValue]:
        return [StoredValue(value_number=float(value))]

    def from_rows(self, question: QuestionDefinition, rows: Sequence[StoredValue]) -> float | int | None:
        if not rows or rows[0].value_number is None:
            return None
        number = rows[0].value_number
        return int(number) if number == int(number) else number

    def form_data(self, question: QuestionDefinition, value: Any) -> dict[str, Any]:
        return {} if value is None else {field_name(question): _show(value)}

    def demo_value(self, question: QuestionDefinition, draw: DemoDraw) -> int:
        return _lean_high(draw.rng, question.settings.get("min", 0), question.settings.get("max", 100))


def _parse_number(text: str, *, decimal: bool) -> float | None:
    """A number as people type it: ``1,200`` (thousands grouped); for a decimal question also an
    amount such as ``$18.50``, ``18.50 $`` or ``18,50`` (a decimal comma). ``None`` if it is not one."""
    text = text.strip()
    if decimal:
        text = CURRENCY_PATTERN.sub("", text).strip()
    if GROUPED_PATTERN.fullmatch(text):
        text = text.replace(",", "")
    elif decimal and DECIMAL_COMMA_PATTERN.fullmatch(text):
        text = text.replace(",", ".")
    return float(text) if NUMBER_PATTERN.fullmatch(text) else None


def _show(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


@register
class Date(QuestionType):
    """A calendar date, stored as ISO text; optional ``settings.min``/``max`` as ISO dates."""

    name = "date"
    template = "date"

    def check_definition(self, question: QuestionDefinition) -> list[tuple[str, str]]:
        problems = super().check_definition(question)
        for name, value in question.settings.items():
            if name not in {"min", "max"}:
                problems.append((f".settings.{name}", Message(N_("unknown setting"))))
                continue
            try:
                date.fromisoformat(value)
            except (TypeError, ValueError):
                problems.append((f".settings.{name}", Message(N_("must be a date like 2025-03-27"))))
        return problems

    def clean(self, question: QuestionDefinition, raw: Any) -> str | None:
        if _is_empty(raw):
            return None
        if not isinstance(raw, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
            raise AnswerError("date")
        try:
            day = date.fromisoformat(raw.strip())
        except ValueError:
            raise AnswerError("date") from None
        low, high = question.settings.get("min"), question.settings.get("max")
        if low and day < date.fromisoformat(low):
            raise AnswerError("date_min", min=low)
        if high and day > date.fromisoformat(high):
            raise AnswerError("date_max", max=high)
        return day.isoformat()

    def to_rows(self, question: QuestionDefinition, value: str) -> list[StoredValue]:
        return [StoredValue(value_text=value)]

    def from_rows(self, question: QuestionDefinition, rows: Sequence[StoredValue]) -> str | None:
        return rows[0].value_text if rows else None

    def demo_value(self, question: QuestionDefinition, draw: DemoDraw) -> str:
        return draw.day().isoformat()


@register
class Contact(QuestionType):
    """Email and/or phone, kept only when the person explicitly agrees to be contacted."""

    name = "contact"
    template = "contact"
    CHANNELS: ClassVar[tuple[str, ...]] = ("email", "phone")

    def check_definition(self, question: QuestionDefinition) -> list[tuple[str, str]]:
        problems = super().check_definition(question)
        problems += [(f".settings.{name}", Message(N_("unknown setting"))) for name in question.settings
                     if name != "channels"]
        channels = question.settings.get("channels", list(self.CHANNELS))
        if not isinstance(channels, list) or not channels or any(c not in self.CHANNELS for c in channels):
            problems.append((".settings.channels", Message(N_('must list "email", "phone" or both'))))
        if question.required:
            problems.append((".required", Message(N_("contact details are always optional"))))
        return problems

    def channels(self, question: QuestionDefinition) -> list[str]:
        return question.settings.get("channels", list(self.CHANNELS))

    def clean(self, question: QuestionDefinition, raw: Any) -> dict[str, str] | None:
        if _is_empty(raw):
            return None
        if not isinstance(raw, Mapping):
            raise AnswerError("contact_missing")
        details: dict[str, str] = {}
        for channel in self.channels(question):
            value = raw.get(channel)
            if value is None:
                continue
            if not isinstance(value, str) or "\x00" in value:
                raise AnswerError(channel)
            if value.strip():
                details[channel] = value.strip()
        consent = raw.get("consent") in (True, "y", "yes", "true", "on")
        if not consent:
            if details:
                raise AnswerError("contact_consent")
            return None
        if not details:
            raise AnswerError("contact_missing")
        if "email" in details and (len(details["email"]) > 254 or not EMAIL_PATTERN.fullmatch(details["email"])):
            raise AnswerError("email")
        if "phone" in details and not PHONE_PATTERN.fullmatch(details["phone"]):
            raise AnswerError("phone")
        return details

    def to_rows(self, question: QuestionDefinition, value: dict[str, str]) -> list[StoredValue]:
        return [StoredValue(option_key=channel, value_text=value[channel])
                for channel in self.CHANNELS if channel in value]

    def from_rows(self, question: QuestionDefinition, rows: Sequence[StoredValue]) -> dict[str, str] | None:
        details = {row.option_key: row.value_text for row in rows
                   if row.option_key in self.CHANNELS and row.value_text}
        return details or None

    def to_json(self, question: QuestionDefinition, value: dict[str, str]) -> dict[str, Any]:
        return {"consent": True, **value}

    def form_fields(self, question: QuestionDefinition, language: str) -> dict[str, Field]:
        fields: dict[str, Field] = {
            field_name(question): BooleanField(message(language, "contact_consent_label"))}
        for channel in self.channels(question):
            fields[field_name(question, channel)] = StringField(message(language, f"contact_{channel}"))
        return fields

    def raw_from_form(self, question: QuestionDefinition, form: Form) -> dict[str, Any]:
        raw: dict[str, Any] = {"consent": bool(form[field_name(question)].data)}
        for channel in self.channels(question):
            raw[channel] = form[field_name(question, channel)].data or ""
        return raw if raw["consent"] or any(raw.get(c) for c in self.CHANNELS) else {}

    def form_data(self, question: QuestionDefinition, value: dict[str, str] | None) -> dict[str, Any]:
        if not value:
            return {}
        data: dict[str, Any] = {field_name(question): True}
        for channel, detail in value.items():
            data[field_name(question, channel)] = detail
        return data
