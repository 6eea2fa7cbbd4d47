"""Question types as the builder shows them: each type's name for people, whether it has answer
choices, and its settings as form fields that know how to show a stored value and read a typed one."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from ..catalog import N_
from .core import NUMBER_LIMIT, OPTION_LIMIT, BuildError, FormData, Message
from .texts import clean_texts, texts_from_form


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
        return "" if value is None else show_number(value)

    def read(self, raw: Any, settings: dict[str, Any]) -> None:
        """Store what was typed in ``settings`` (absent when left empty).

        Raises:
            BuildError: the value is not acceptable.
        """
        number = parse_number(raw, self.field, self.label)
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
        number = parse_number(raw, self.field, self.label)
        if number is None:
            settings.pop(self.name, None)
            return
        if number != int(number) or not self.low <= number <= self.high:
            raise BuildError(N_("%(label)s: enter a whole number from %(low)s to %(high)s."), self.field,
                             label=Message(self.label), low=self.low, high=self.high)
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
            raise BuildError(N_("%(label)s: enter a date like 2026-03-27."), self.field, label=Message(self.label))
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
            raise BuildError(N_("%(label)s: choose 1 to 5 or 0 to 10."), self.field, label=Message(self.label))
        low, high = self.SCALES[raw]
        if (low, high) == (1, 5):
            settings.pop("min", None)
            settings.pop("max", None)
        else:
            settings.update(min=low, max=high)

    def choices(self) -> list[tuple[str, str]]:
        return [("1-5", N_("1 to 5")), ("0-10", N_("0 to 10"))]


class TextsSetting(Setting):
    """Words per language (a rating's end labels); missing languages are translation gaps."""

    kind = "texts"

    def shown(self, settings: Mapping[str, Any]) -> dict[str, str]:
        value = settings.get(self.name)
        return dict(value) if isinstance(value, Mapping) else {}

    def read(self, raw: Any, settings: dict[str, Any]) -> None:
        texts = {lang: text for lang, text in (raw or {}).items()}
        cleaned = clean_texts(texts, None, limit=OPTION_LIMIT, field=self.field, label=self.label)
        if cleaned:
            settings[self.name] = cleaned
        else:
            settings.pop(self.name, None)


class ChannelsSetting(Setting):
    """Which contact details to ask for."""

    kind = "checkboxes"
    CHANNELS: ClassVar[dict[str, str]] = {"email": N_("Email"), "phone": N_("Phone")}

    def shown(self, settings: Mapping[str, Any]) -> list[str]:
        return list(settings.get(self.name, list(self.CHANNELS)))

    def read(self, raw: Any, settings: dict[str, Any]) -> None:
        chosen = [c for c in self.CHANNELS if c in (raw or [])]
        if not chosen:
            raise BuildError(N_("%(label)s: tick email, phone or both."), self.field, label=Message(self.label))
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
    "single_choice": TypeSpec(N_("Choose one answer"), N_("Round buttons: the person picks one answer."), options=True),
    "multiple_choice": TypeSpec(
        N_("Choose any answers"), N_("Tick boxes: the person ticks every answer that applies."), options=True,
        exclusive=True,
        settings=(WholeSetting("max_choices", N_("Most answers a person may tick"), N_("Leave empty for no limit."),
                               low=1, high=100),)),
    "agreement": TypeSpec(N_("Agree or disagree"), N_("Five points from “Strongly disagree” to “Strongly agree”.")),
    "rating": TypeSpec(
        N_("Rating scale"), N_("Numbered boxes, 1 to 5 or 0 to 10, with words for each end."),
        settings=(ScaleSetting("scale", N_("Scale")),
                  TextsSetting("low_label", N_("Words for the lowest point"), N_("Leave empty for “Lowest”.")),
                  TextsSetting("high_label", N_("Words for the highest point"), N_("Leave empty for “Highest”.")))),
    "short_text": TypeSpec(
        N_("Short answer"), N_("One line of the person's own words."),
        settings=(WholeSetting("max_length", N_("Longest answer, in characters"), N_("Leave empty for 200."),
                               low=1, high=20000),)),
    "long_text": TypeSpec(
        N_("Long answer"), N_("A paragraph in the person's own words; Chorus finds themes in these answers."),
        settings=(WholeSetting("max_length", N_("Longest answer, in characters"), N_("Leave empty for 5000."),
                               low=1, high=20000),)),
    "number": TypeSpec(
        N_("Number"), N_("A number, such as a wage or how many people."),
        settings=(Setting("min", N_("Smallest number accepted"), N_("Leave empty for no limit.")),
                  Setting("max", N_("Largest number accepted"), N_("Leave empty for no limit.")),
                  FlagSetting("integer", N_("Whole numbers only"), default=True))),
    "date": TypeSpec(
        N_("Date"), N_("A calendar date."),
        settings=(DateSetting("min", N_("Earliest date accepted"), N_("Leave empty for no limit.")),
                  DateSetting("max", N_("Latest date accepted"), N_("Leave empty for no limit.")))),
    "contact": TypeSpec(
        N_("Contact details"), N_("Email or phone, kept only when the person agrees to be contacted."),
        settings=(ChannelsSetting("channels", N_("Ask for")),)),
    "occupation": TypeSpec(
        N_("Job title"), N_("The person types a job in their own words, then confirms the closest occupation "
        "(or none); the gap report counts these.")),
    "occupation_demand": TypeSpec(
        N_("Jobs an employer needs"), N_("Per job: openings, open jobs now, starting pay, shift, licences needed and "
        "whether it is hard to fill. The licences to tick are set in the survey's JSON definition.")),
}
"""Every registered question type as the builder shows it (a test keeps this in step with the registry)."""


def type_spec(type_name: str) -> TypeSpec:
    """How the builder shows ``type_name``; a type it does not know is shown with no settings."""
    return TYPES.get(type_name) or TypeSpec(type_name.replace("_", " ").capitalize(), "")

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

# -- numbers ----------------------------------------------------------------------------------------------

def parse_number(raw: Any, field_name: str, label: str) -> int | float | None:
    """A number typed in a settings field (``1,200`` and ``18.5`` accepted), ``None`` when empty."""
    text = raw.strip().replace(",", "").replace(" ", "") if isinstance(raw, str) else ""
    if not text:
        return None
    if len(text) > 20 or not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", text):
        raise BuildError(N_("%(label)s: enter a number, like 12 or 18.5."), field_name, label=Message(label))
    number = float(text)
    if not math.isfinite(number) or abs(number) > NUMBER_LIMIT:
        raise BuildError(N_("%(label)s: enter a number between -1,000,000,000,000 and 1,000,000,000,000."), field_name,
                         label=Message(label))
    return int(number) if number == int(number) else number


def show_number(value: Any) -> str:
    """A stored number as typed (``12``, not ``12.0``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return str(int(value)) if value == int(value) else str(value)
