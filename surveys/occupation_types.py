"""The ``occupation`` question type: a job title in the person's own words, confirmed against SOC 2018.

A person types a title ("CNA nights", "auxiliar de enfermería"). Without JavaScript the page is shown
again with the likeliest occupations as radio buttons ("Did you mean: Nursing Assistants?") and "None of
these"; what they typed always stays. The page asks once for the same words: "Continue" again without a
choice moves on with the words kept unmatched. The offline coder in :mod:`analysis.occupations` makes the list.

Storage (one :class:`~surveys.models.Answer` row):

==============  ==================================================================================
option_key      the confirmed SOC 2018 code (``"31-1131"``); ``""`` for "none of these" or unconfirmed
value_text      the title as typed
value_number    ``1`` when the person answered the "Did you mean" step (a match or "none of these");
                empty when they did not (an API client that sent only text, or a page left early)
==============  ==================================================================================

Raw values: ``"CNA nights"``, or ``{"text": "CNA nights", "soc_code": "31-1131"}`` (an API client that
coded the title itself; ``"soc_code": null`` with ``"confirmed": true`` means "none of these"). The page
form adds ``shown_for``: the text the matches on screen were made for, so a choice made for other words
is never kept.

The per-occupation employer block (``occupation_demand``) reuses :func:`confirm` and lives in
:mod:`surveys.occupation_demand`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from wtforms import Field
from wtforms.utils import unset_value

from .catalog import N_
from .i18n import MESSAGES, message
from .message import Message
from .question_types import AnswerError, DemoDraw, QuestionType, StoredValue, field_name, register

if TYPE_CHECKING:
    from wtforms import Form

    from .definition_types import QuestionDefinition

__all__ = ["NONE_OF_THESE", "Occupation", "OccupationAnswer", "OccupationField", "confirm", "matches_were_shown",
           "soc_title", "spanish_name", "suggestions"]

NONE_OF_THESE = "none"
SOC_PATTERN = re.compile(r"^\d{2}-\d{4}$")
TITLE_LIMIT = 200
SUGGESTIONS = 4
WEAK_SCORE = 0.25
"""Below this a runner-up shares only letter sequences with the words ("Phlebotomist" and "Plant
Anatomist" share "otomist"/"atomist"): noise to a person, so it is not offered. The best is always offered."""

# Spanish names of the occupations a healthcare partnership meets most, shown on Spanish pages beside the
# SOC title (which exists only in English). Written for this sector and checked against the coder's
# Spanish title list (analysis/occupations/data/spanish_titles.csv); other codes show the English title.
SPANISH_NAMES: dict[str, str] = {
    "29-1141": "Enfermeros registrados (RN)",
    "29-2061": "Enfermeros prácticos con licencia (LPN/LVN)",
    "31-1131": "Auxiliares de enfermería (CNA)",
    "31-1121": "Auxiliares de salud a domicilio",
    "31-1122": "Asistentes de cuidado personal",
    "31-1132": "Camilleros y auxiliares de hospital",
    "31-9092": "Asistentes médicos",
    "31-9097": "Flebotomistas",
    "31-9093": "Técnicos de esterilización",
    "31-9091": "Asistentes dentales",
    "29-2052": "Técnicos de farmacia",
    "29-2042": "Técnicos en emergencias médicas (EMT)",
    "29-2043": "Paramédicos",
    "29-2055": "Técnicos quirúrgicos",
    "29-2034": "Técnicos de radiología",
    "29-1126": "Terapeutas respiratorios",
    "29-2072": "Especialistas en registros médicos",
    "37-2012": "Personal de limpieza (servicios ambientales)",
    "43-6013": "Secretarios médicos",
    "43-4171": "Recepcionistas",
    "35-2012": "Cocineros de hospital o cafetería",
    "21-1093": "Asistentes de servicios sociales",
    "29-1171": "Enfermeros practicantes (NP)",
    "29-2010": "Técnicos de laboratorio clínico",
    "29-2012": "Técnicos de laboratorio clínico",
}

OCCUPATION_MESSAGES: dict[str, str] = {
    "occupation_unknown": "Choose one of the jobs shown, or “None of these”",
    "occupation_text": "Type a job title",
    "occupation_confirm": "Did you mean one of these?",
    "occupation_confirm_hint": "Choose the closest match. Your words are kept either way.",
    "occupation_none": "None of these",
    "occupation_no_matches": "We could not match these words. Your words are kept as you typed them.",
}
MESSAGES.update(OCCUPATION_MESSAGES)


@lru_cache(maxsize=1)
def _soc_titles() -> dict[str, str]:
    from analysis.occupations import occupations  # pandas and the data load on first use only

    frame = occupations()
    return dict(zip(frame["soc_code"], frame["soc_title"]))


@lru_cache(maxsize=1)
def _spanish_titles() -> frozenset[str]:
    """The reference titles written in Spanish (O*NET's and the sector's Spanish lists), case-folded."""
    from analysis.occupations import reference_titles

    frame = reference_titles()
    return frozenset(frame.loc[frame["source"] == "spanish", "title"].str.casefold())


def soc_title(code: str | None) -> str | None:
    """The SOC 2018 title of a detailed code, or ``None`` for an unknown code."""
    return _soc_titles().get(code) if code else None


def spanish_name(code: str) -> str | None:
    """A Spanish name for the occupation, where this sector's list has one."""
    return SPANISH_NAMES.get(code)


@dataclass(frozen=True)
class Suggestion:
    """One "Did you mean" choice: the code and the words shown for it in the page's language."""

    soc_code: str
    label: str
    hint: str


def suggestions(text: str, language: str, n: int = SUGGESTIONS) -> list[Suggestion]:
    """The likeliest occupations for ``text``, best first, worded for a page in ``language``: each shown
    once (no second entry naming an occupation already offered) and no weak runner-up."""
    from analysis.occupations import load_coder  # fitted once per process (a few seconds)

    if not text.strip():
        return []
    found: list[Suggestion] = []
    offered: set[str] = set()  # the words already on screen, and the SOC titles already offered
    for candidate in load_coder().suggest(text, n=n):
        if found and candidate.score < WEAK_SCORE:
            continue
        spanish = spanish_name(candidate.soc_code) if language == "es" else None
        if language == "es" and spanish is None and candidate.matched_title.casefold() in _spanish_titles():
            spanish = candidate.matched_title  # "Director de enfermería" leads, not its SOC title in English
        label = spanish or candidate.soc_title
        hint = candidate.soc_title if spanish else (
            candidate.matched_title if candidate.matched_title.casefold() != label.casefold() else "")
        if label.casefold() in offered or (hint and hint.casefold() in offered):
            continue  # "Phlebotomists" again, as the title matched under "Healthcare Support Workers, All Other"
        offered |= {label.casefold(), candidate.soc_title.casefold()}
        found.append(Suggestion(candidate.soc_code, label, hint))
    return found


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def matches_were_shown(raw: Any, text: str) -> bool:
    """Whether the page just sent showed the "Did you mean" matches for ``text`` (its ``shown_for``)."""
    return isinstance(raw, Mapping) and _same_words(str(raw.get("shown_for") or ""), text)


def confirm(text: str, raw: Mapping[str, Any]) -> tuple[str | None, bool]:
    """The SOC code a person (or API client) settled on for ``text``, and whether they settled.

    From a page, a choice counts only when it was made among matches shown for these very words
    (``shown_for``); typing other words asks again. From the API, ``soc_code`` is taken as given.

    Raises:
        AnswerError: a code that is not a SOC 2018 detailed occupation.
    """
    choice = raw.get("soc_code")
    from_page = "shown_for" in raw
    if from_page and (not choice or not _same_words(str(raw.get("shown_for") or ""), text)):
        return None, False
    if choice in (None, "", NONE_OF_THESE):
        return None, bool(raw.get("confirmed")) or choice == NONE_OF_THESE
    if not isinstance(choice, str) or not SOC_PATTERN.fullmatch(choice) or soc_title(choice) is None:
        raise AnswerError("occupation_unknown")
    return choice, True


def clean_title(raw: Any) -> str:
    """The typed title, trimmed, or ``""``.

    Raises:
        AnswerError: not text, or longer than a title can be.
    """
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise AnswerError("occupation_text")
    text = " ".join(raw.split())
    if len(text) > TITLE_LIMIT:
        raise AnswerError("too_long", max=TITLE_LIMIT)
    return text


@dataclass(frozen=True)
class OccupationAnswer:
    """A typed job title and what the person confirmed it as (``soc_code`` ``None``: none of these)."""

    text: str
    soc_code: str | None = None
    confirmed: bool = False


class OccupationField(Field):
    """The typed title plus the "Did you mean" choice, read from three inputs of one question:
    ``q_<key>`` (the words), ``q_<key>__soc`` (the choice) and ``q_<key>__for`` (the words the choices
    on screen were made for). ``data`` is a dict with ``text``, ``soc_code`` and ``shown_for``."""

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        self.process_errors = []
        if formdata is not None:
            self.data = {"text": formdata.get(self.name, ""), "soc_code": formdata.get(f"{self.name}__soc"),
                         "shown_for": formdata.get(f"{self.name}__for", "")}
        else:
            self.data = data if isinstance(data, dict) else {"text": "", "soc_code": None, "shown_for": ""}
        self.raw_data = [self.data.get("text") or ""]

    def _value(self) -> str:
        return self.data.get("text") or ""

    def choices(self, language: str) -> list[Suggestion]:
        """The matches to offer under the typed words (none before anything is typed)."""
        return suggestions(self._value(), language)

    def words(self, language: str) -> dict[str, str]:
        """The words of the "Did you mean" step in ``language``."""
        return step_words(language)

    def chosen(self) -> str | None:
        """The choice to show ticked: only one made for the words now in the box."""
        if _same_words(self.data.get("shown_for") or "", self._value()):
            return self.data.get("soc_code")
        return None


@register
class Occupation(QuestionType):
    """A job title the person wants, trains for or holds, coded to SOC 2018 with their confirmation."""

    name = "occupation"
    template = "occupation"
    summary = "choice"
    occupation_side: ClassVar[str] = "supply"
    """Which side of the gap report the answers count on (see :mod:`feedback.queries.occupations`)."""

    def check_definition(self, question: QuestionDefinition) -> list[tuple[str, str]]:
        problems = super().check_definition(question)
        return problems + [(f".settings.{name}", Message(N_("unknown setting"))) for name in question.settings]

    def clean(self, question: QuestionDefinition, raw: Any) -> OccupationAnswer | None:
        if isinstance(raw, Mapping):
            text = clean_title(raw.get("text"))
            if not text:
                return None
            code, confirmed = confirm(text, raw)
            return OccupationAnswer(text, code, confirmed)
        text = clean_title(raw if isinstance(raw, str) or raw is None else str(raw))
        return OccupationAnswer(text) if text else None

    def asks_again(self, question: QuestionDefinition, raw: Any, value: Any) -> bool:
        """Once per typed words: a person who saw the matches for these words and pressed "Continue"
        without choosing moves on, their words kept unmatched (a second ask would trap them)."""
        return isinstance(value, OccupationAnswer) and not value.confirmed and not matches_were_shown(raw, value.text)

    def to_rows(self, question: QuestionDefinition, value: OccupationAnswer) -> list[StoredValue]:
        return [StoredValue(option_key=value.soc_code or "", value_text=value.text,
                            value_number=1.0 if value.confirmed else None)]

    def from_rows(self, question: QuestionDefinition, rows: Sequence[StoredValue]) -> OccupationAnswer | None:
        if not rows or not rows[0].value_text:
            return None
        row = rows[0]
        return OccupationAnswer(row.value_text or "", row.option_key or None, row.value_number == 1)

    def to_json(self, question: QuestionDefinition, value: OccupationAnswer) -> dict[str, Any]:
        return {"text": value.text, "soc_code": value.soc_code, "confirmed": value.confirmed}

    def form_fields(self, question: QuestionDefinition, language: str) -> dict[str, Field]:
        return {field_name(question): OccupationField(question.text_in(language))}

    def raw_from_form(self, question: QuestionDefinition, form: Form) -> dict[str, Any]:
        return dict(form[field_name(question)].data)

    def form_data(self, question: QuestionDefinition, value: OccupationAnswer | None) -> dict[str, Any]:
        if value is None:
            return {}
        choice = (value.soc_code or NONE_OF_THESE) if value.confirmed else None
        return {field_name(question): {"text": value.text, "soc_code": choice, "shown_for": value.text}}

    def option_names(self, question: QuestionDefinition, keys: Sequence[str]) -> dict[str, str]:
        """Each stored code by its SOC title, for summaries; ``""`` is a title nobody matched."""
        return {key: (soc_title(key) or key) if key else "Not matched" for key in keys}

    def shown(self, question: QuestionDefinition, rows: Sequence[StoredValue],
              option_names: Mapping[str, str]) -> list[str]:
        return [shown_title(row.value_text or "", row.option_key or None, row.value_number == 1) for row in rows]

    def demo_value(self, question: QuestionDefinition, draw: DemoDraw) -> OccupationAnswer | None:
        from .demo.occupations import demo_interest

        return self.clean(question, demo_interest(draw.rng, getattr(draw, "language", "en"),
                                                  getattr(draw, "person", None)))


def shown_title(text: str, code: str | None, confirmed: bool) -> str:
    """A typed title as staff read it, with what it was confirmed as."""
    if code:
        return f"{text} → {soc_title(code) or code} ({code})"
    return f"{text} (none of the matches)" if confirmed else f"{text} (not confirmed)"


def step_words(language: str) -> dict[str, str]:
    """The words of the "Did you mean" step in ``language``, by name, for the partials."""
    return {name: message(language, f"occupation_{name}")
            for name in ("confirm", "confirm_hint", "none", "no_matches")}
