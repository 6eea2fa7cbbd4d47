"""The ``occupation_demand`` question type: an employer's needs, one occupation at a time.

Per occupation: the job title (confirmed against SOC 2018 like an ``occupation`` question), openings in
the next 12 months, current vacancies, typical starting pay per hour or per year, the shift, the
credentials required and whether it is hard to fill (and why). "Add another job" shows the page again
with one more empty job, without JavaScript; a job left empty is dropped. The employer may name their
organization once, above the jobs (optional; the gap report counts distinct employers by it).

Storage: one :class:`~surveys.models.Answer` row per item, ``option_key`` naming it (``n`` is the job's
number, 1, 2, … in the order given):

==================  ===============================================================================
``org``             ``value_text`` the organization's name as typed (only when given)
``n.title``         ``value_text`` the job title as typed; ``value_number`` 1 when the person answered
                    the "Did you mean" step, empty when not
``n.soc``           ``value_text`` the confirmed SOC 2018 code (no row: none of these, or unconfirmed)
``n.openings``      ``value_number`` openings in the next 12 months
``n.vacancies``     ``value_number`` vacancies now
``n.pay``           ``value_number`` the amount, ``value_text`` ``hour`` or ``year``
``n.shift``         ``value_text`` ``day``, ``evening``, ``night`` or ``rotating``
``n.credential.k``  one row per credential required, ``k`` its key in ``settings.credentials``
``n.hard``          ``value_number`` 1 hard to fill, 0 not
``n.hard_why``      ``value_text`` why, in the employer's words
==================  ===============================================================================

Raw value: ``{"organization": "...", "occupations": [{"title": "CNA", "soc_code": "31-1131",
"openings": 40, "vacancies": 12, "pay": 19.5, "pay_unit": "hour", "shift": "night",
"credentials": ["cna", "bls"], "hard_to_fill": true, "hard_to_fill_why": "..."}]}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from wtforms import Field
from wtforms.utils import unset_value

from .catalog import N_
from .i18n import MESSAGES, SUPPORTED_LANGUAGES, message
from .message import Message
from .occupation_types import (
    NONE_OF_THESE,
    clean_title,
    confirm,
    matches_were_shown,
    shown_title,
    step_words,
    suggestions,
)
from .question_types import (
    AnswerError,
    DemoDraw,
    QuestionType,
    StoredValue,
    _is_number,
    _parse_number,
    field_name,
    register,
)

if TYPE_CHECKING:
    from wtforms import Form

    from .definition_types import QuestionDefinition

__all__ = ["PAY_RANGES", "SHIFTS", "DemandAnswer", "DemandProblems", "DemandRow", "OccupationDemand"]

SHIFTS = ("day", "evening", "night", "rotating")
PAY_UNITS = ("hour", "year")
PAY_RANGES: dict[str, tuple[float, float]] = {"hour": (7.0, 150.0), "year": (15_000.0, 300_000.0)}
"""Starting pay a person could mean: below is a typo or a unit mix-up (19 a year), above one too."""
HOURS_PER_YEAR = 2080
COUNT_MAX = 5000
MAX_JOBS = 10
WHY_LIMIT = 1000
ORGANIZATION_LIMIT = 200
ROW_PARTS = ("title", "openings", "vacancies", "pay", "pay_unit", "shift", "credentials", "hard_to_fill",
             "hard_to_fill_why")

DEMAND_MESSAGES: dict[str, str] = {
    "demand_job": "Job {n}",
    "demand_title": "{job}: type the job title, or clear this job",
    "demand_count": "{job}: enter a whole number from 0 to {max}, like 12",
    "demand_pay_hour": "{job}: enter pay per hour from $7 to $150, like 19.50",
    "demand_pay_year": "{job}: enter pay per year from $15,000 to $300,000, like 52,000",
    "demand_choice": "{job}: choose from the answers shown",
    "demand_too_many": "You can add up to {max} jobs",
    "demand_shape": "Send the jobs as a list",
    "demand_organization": "Organization name (optional)",
    "demand_organization_hint": "We use it only to count employers once. It is never shown in reports.",
    "demand_title_label": "Job title",
    "demand_title_hint": "In your own words, like CNA nights or RN med/surg",
    "demand_openings": "Openings in the next 12 months",
    "demand_vacancies": "Open jobs right now",
    "demand_pay": "Typical starting pay",
    "demand_pay_amount": "Amount, in dollars",
    "demand_per_hour": "Per hour",
    "demand_per_year": "Per year",
    "demand_shift": "Main shift",
    "demand_shift_day": "Day",
    "demand_shift_evening": "Evening",
    "demand_shift_night": "Night",
    "demand_shift_rotating": "Rotating or mixed",
    "demand_credentials": "Licenses or certificates needed",
    "demand_hard": "Is this job hard to fill?",
    "demand_yes": "Yes",
    "demand_no": "No",
    "demand_why": "Why is it hard to fill?",
    "demand_add": "Add another job",
    "demand_add_hint": "To remove a job, clear its boxes.",
}
MESSAGES.update(DEMAND_MESSAGES)


@dataclass(frozen=True)
class DemandRow:
    """One occupation an employer needs."""

    title: str
    soc_code: str | None = None
    confirmed: bool = False
    openings: int | None = None
    vacancies: int | None = None
    pay: float | None = None
    pay_unit: str | None = None
    shift: str | None = None
    credentials: tuple[str, ...] = ()
    hard_to_fill: bool | None = None
    hard_to_fill_why: str | None = None

    @property
    def pay_hourly(self) -> float | None:
        """Pay per hour (a yearly amount over 2,080 hours)."""
        if self.pay is None:
            return None
        return self.pay / HOURS_PER_YEAR if self.pay_unit == "year" else self.pay


@dataclass(frozen=True)
class DemandAnswer:
    """An employer's organization (optional) and the occupations they need."""

    organization: str | None
    occupations: tuple[DemandRow, ...] = field(default_factory=tuple)


def _job(n: int, title: str, part: str | None = None) -> dict[str, str]:
    """The job's name in every interface language ("Job 1 (CNA)"), followed by the field's label when
    the message is about one field of it ("Job 1 (CNA), Open jobs right now")."""
    return {language: message(language, "demand_job", n=n) + (f" ({title})" if title else "")
            + (f", {message(language, f'demand_{part}')}" if part else "") for language in SUPPORTED_LANGUAGES}


def _blank(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, (str, list, tuple)) and not (
        value.strip() if isinstance(value, str) else value))


APPROXIMATELY = re.compile(r"^(?:(?:about|around|approximately|approx\.?|roughly|aproximadamente|aprox\.?"
                           r"|unos|unas|como|alrededor de)(?![^\W\d_])|~)\s*", re.IGNORECASE)
"""Words an employer puts before an estimate ("about 5"): openings are estimates, so the number stands."""
PAY_UNIT_WORDS = re.compile(r"\s*(?:/|per\s+|an?\s+|por\s+|al\s+|a\s+la\s+)?\s*"
                            r"(?<![^\W\d_])(?P<unit>hr|hrs|hour|h|hora|yr|year|a[ñn]o)\.?$", re.IGNORECASE)
"""A unit typed after the amount ("$18.50/hr", "52,000 a year", "18 por hora"); it says which unit is meant."""


class DemandProblems(AnswerError):
    """Every problem of the jobs sent, each naming its job, its field and the input it belongs to, so
    a person fixes them all in one go. The message (what the API returns) lists them all."""

    def __init__(self, problems: Sequence[AnswerError]) -> None:
        super().__init__(problems[0].code, **problems[0].params)
        self.problems = tuple(problems)

    def message(self, language: str) -> str:
        return "; ".join(problem.message(language) for problem in self.problems)

    def by_input(self, language: str) -> dict[str, str]:
        """Each input in error (its id) and its message."""
        return {problem.params["input"]: problem.message(language) for problem in self.problems}

    @property
    def rows(self) -> set[int]:
        """The numbers of the jobs with a problem."""
        return {problem.params["row"] for problem in self.problems}


def _count(raw: Any, title: str, part: str, row: int, name: str) -> tuple[int | None, AnswerError | None]:
    if _blank(raw):
        return None, None
    number = _parse_number(APPROXIMATELY.sub("", raw.strip()), decimal=False) if isinstance(raw, str) else raw
    if not _is_number(number) or number != int(number) or not 0 <= number <= COUNT_MAX:
        return None, AnswerError("demand_count", job=_job(row, title, part), max=f"{COUNT_MAX:,}", row=row,
                                 part=part, input=f"{name}__{row}_{part}")
    return int(number), None


def _pay(raw_amount: Any, raw_unit: Any, title: str, row: int,
         name: str) -> tuple[float | None, str | None, AnswerError | None]:
    if _blank(raw_amount):
        return None, None, None
    unit = raw_unit if raw_unit in PAY_UNITS else "hour"
    if isinstance(raw_amount, str):
        typed = PAY_UNIT_WORDS.search(raw_amount.strip())
        if typed is not None:
            unit = "hour" if typed["unit"].casefold() in ("hr", "hrs", "hour", "h", "hora") else "year"
            raw_amount = raw_amount.strip()[:typed.start()]
    amount = _parse_number(raw_amount, decimal=True) if isinstance(raw_amount, str) else raw_amount
    low, high = PAY_RANGES[unit]
    if not _is_number(amount) or not low <= amount <= high:
        return None, None, AnswerError(f"demand_pay_{unit}", job=_job(row, title), row=row, part="pay",
                                       input=f"{name}__{row}_pay")
    return round(float(amount), 2), unit, None


def _yes_no(raw: Any) -> bool | None:
    if raw in (True, "yes", "y", "true", "1", 1):
        return True
    if raw in (False, "no", "n", "false", "0", 0):
        return False
    return None


def _choice_problems(question: QuestionDefinition, raw: Mapping[str, Any], title: str, n: int,
                     name: str) -> list[AnswerError]:
    """Answers a page never sends (an API client's, or a tampered form's): each names its input."""
    shift, credentials, hard = raw.get("shift") or None, raw.get("credentials") or [], raw.get("hard_to_fill")
    allowed = credential_keys(question)
    wrong = []
    if shift is not None and shift not in SHIFTS:
        wrong.append(f"shift-{SHIFTS[0]}")
    if not isinstance(credentials, (list, tuple)) or any(key not in allowed for key in credentials):
        wrong.append(f"cred-{allowed[0]}" if allowed else "shift-day")
    if not _blank(hard) and _yes_no(hard) is None:
        wrong.append("hard-yes")
    return [AnswerError("demand_choice", job=_job(n, title), row=n, part="choice", input=f"{name}__{n}_{target}")
            for target in wrong]


def _clean_row(question: QuestionDefinition, raw: Mapping[str, Any], n: int) -> tuple[DemandRow | None,
                                                                                      list[AnswerError]]:
    """One job, or every problem it has (all of them, so one submit shows them all)."""
    name = field_name(question)
    problems: list[AnswerError] = []
    try:
        title = clean_title(raw.get("title"))
    except AnswerError as error:
        title = ""
        problems.append(AnswerError(error.code, **error.params, row=n, part="title", input=f"{name}__{n}_title"))
    code, confirmed = None, False
    if not title and not problems:
        problems.append(AnswerError("demand_title", job=_job(n, title), row=n, part="title",
                                    input=f"{name}__{n}_title"))
    elif title:
        try:
            code, confirmed = confirm(title, raw)
        except AnswerError:
            problems.append(AnswerError("demand_choice", job=_job(n, title), row=n, part="title",
                                        input=f"{name}__{n}_confirm"))
    problems += _choice_problems(question, raw, title, n, name)
    openings, wrong_openings = _count(raw.get("openings"), title, "openings", n, name)
    vacancies, wrong_vacancies = _count(raw.get("vacancies"), title, "vacancies", n, name)
    pay, unit, wrong_pay = _pay(raw.get("pay"), raw.get("pay_unit"), title, n, name)
    problems += [problem for problem in (wrong_openings, wrong_vacancies, wrong_pay) if problem is not None]
    if problems:
        return None, problems
    credentials = raw.get("credentials") or []
    why = raw.get("hard_to_fill_why")
    why = " ".join(why.split())[:WHY_LIMIT] if isinstance(why, str) and why.strip() else None
    return DemandRow(title, code, confirmed, openings, vacancies, pay, unit, raw.get("shift") or None,
                     tuple(dict.fromkeys(credentials)), _yes_no(raw.get("hard_to_fill")), why), []


def _is_empty_row(raw: Mapping[str, Any]) -> bool:
    return all(_blank(raw.get(part)) for part in ROW_PARTS if part != "pay_unit")


def credential_keys(question: QuestionDefinition) -> list[str]:
    return [item["key"] for item in question.settings.get("credentials", [])]


class OccupationDemandField(Field):
    """Every input of the block, read from the posted form: ``q_<key>__org``, per job ``n``
    ``q_<key>__<n>_<part>``, and ``q_<key>__add`` (the "Add another job" button). ``data`` is the raw
    value plus ``add``."""

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        self.process_errors = []
        self.raw_data = []
        if formdata is None:
            self.data = data if isinstance(data, dict) else {"organization": "", "occupations": []}
            return
        rows = []
        for n in range(1, MAX_JOBS + 2):
            prefix = f"{self.name}__{n}_"
            if not any(key.startswith(prefix) for key in formdata):
                continue
            rows.append({"title": formdata.get(prefix + "title", ""), "soc_code": formdata.get(prefix + "soc"),
                         "shown_for": formdata.get(prefix + "for", ""),
                         "openings": formdata.get(prefix + "openings", ""),
                         "vacancies": formdata.get(prefix + "vacancies", ""),
                         "pay": formdata.get(prefix + "pay", ""), "pay_unit": formdata.get(prefix + "unit"),
                         "shift": formdata.get(prefix + "shift"), "credentials": formdata.getlist(prefix + "cred"),
                         "hard_to_fill": formdata.get(prefix + "hard"),
                         "hard_to_fill_why": formdata.get(prefix + "why", "")})
        self.data = {"organization": formdata.get(f"{self.name}__org", ""),
                     "occupations": [row for row in rows if not _is_empty_row(row)],
                     "add": bool(formdata.get(f"{self.name}__add"))}

    def label_words(self, language: str) -> dict[str, Any]:
        """The block's words in ``language``, by name, for its partial."""
        names = ("organization", "organization_hint", "job", "title_label", "title_hint", "openings", "vacancies",
                 "pay", "pay_amount", "per_hour", "per_year", "shift", "credentials", "hard", "yes", "no", "why",
                 "add", "add_hint")
        words: dict[str, Any] = {name: message(language, f"demand_{name}") for name in names}
        words["title"] = words.pop("title_label")
        words["shifts"] = [(shift, message(language, f"demand_shift_{shift}")) for shift in SHIFTS]
        return {**words, **step_words(language)}

    @staticmethod
    def credentials(question: QuestionDefinition, language: str) -> list[tuple[str, str]]:
        """(key, words) of each credential an employer may tick, from the question's settings."""
        return [(item["key"], item["text"].get(language) or next(iter(item["text"].values()), item["key"]))
                for item in question.settings.get("credentials", [])]

    def jobs(self, language: str) -> list[dict[str, Any]]:
        """The jobs to draw: those given, then an empty one when the person asked for another (or
        has none yet), each with its number and its "Did you mean" matches."""
        rows = [dict(row) for row in self.data.get("occupations", [])]
        if self.data.get("add") or not rows:
            rows.append({"pay_unit": "hour", "credentials": []})
        for n, row in enumerate(rows[:MAX_JOBS], start=1):
            row["n"] = n
            title = " ".join(str(row.get("title") or "").split())
            row["matches"] = suggestions(title, language) if title else []
            shown_for = " ".join(str(row.get("shown_for") or "").split())
            row["chosen"] = row.get("soc_code") if shown_for.casefold() == title.casefold() else None
        return rows[:MAX_JOBS]


@register
class OccupationDemand(QuestionType):
    """An employer's demand, per occupation, with the organization's name (optional)."""

    name = "occupation_demand"
    template = "occupation_demand"
    summary = None  # the gap report reads it (feedback.queries.occupations.demand_frame)
    occupation_side: ClassVar[str] = "demand"
    demo_skip_share = 0.0

    def check_definition(self, question: QuestionDefinition) -> list[tuple[str, str]]:
        problems = super().check_definition(question)
        problems += [(f".settings.{name}", Message(N_("unknown setting"))) for name in question.settings
                     if name != "credentials"]
        items = question.settings.get("credentials", [])
        if not isinstance(items, list) or not all(
                isinstance(item, Mapping) and isinstance(item.get("key"), str) and 0 < len(item["key"]) <= 40
                and isinstance(item.get("text"), Mapping) and item["text"] for item in items):
            problems.append((".settings.credentials", Message(N_("must list credentials, each with a key and text"))))
        return problems

    def clean(self, question: QuestionDefinition, raw: Any) -> DemandAnswer | None:
        if raw is None or raw == {} or raw == "":
            return None
        if not isinstance(raw, Mapping) or not isinstance(raw.get("occupations", []), list):
            raise AnswerError("demand_shape")
        organization = raw.get("organization")
        organization = " ".join(organization.split())[:ORGANIZATION_LIMIT] if isinstance(organization, str) else ""
        rows = [row for row in raw.get("occupations", []) if isinstance(row, Mapping) and not _is_empty_row(row)]
        if len(rows) > MAX_JOBS:
            raise AnswerError("demand_too_many", max=MAX_JOBS)
        cleaned = [_clean_row(question, row, n) for n, row in enumerate(rows, start=1)]
        problems = [problem for _, found in cleaned for problem in found]
        if problems:
            raise DemandProblems(problems)
        jobs = tuple(job for job, _ in cleaned if job is not None)
        if not jobs and not organization:
            return None
        return DemandAnswer(organization or None, jobs)

    def asks_again(self, question: QuestionDefinition, raw: Any, value: Any) -> bool:
        """Shown again for "Add another job", or for a job whose matches the person has not seen yet:
        once they have, "Continue" moves on and an unmatched title stays as typed."""
        adding = isinstance(raw, Mapping) and bool(raw.get("add"))
        if adding or not isinstance(value, DemandAnswer) or not isinstance(raw, Mapping):
            return adding
        sent = [row for row in raw.get("occupations", []) if isinstance(row, Mapping) and not _is_empty_row(row)]
        return any(not job.confirmed and not matches_were_shown(row, job.title)
                   for row, job in zip(sent, value.occupations))

    def to_rows(self, question: QuestionDefinition, value: DemandAnswer) -> list[StoredValue]:
        rows = [StoredValue("org", value.organization)] if value.organization else []
        for n, job in enumerate(value.occupations, start=1):
            rows.append(StoredValue(f"{n}.title", job.title, 1.0 if job.confirmed else None))
            if job.soc_code:
                rows.append(StoredValue(f"{n}.soc", job.soc_code))
            for part, number in (("openings", job.openings), ("vacancies", job.vacancies)):
                if number is not None:
                    rows.append(StoredValue(f"{n}.{part}", value_number=float(number)))
            if job.pay is not None:
                rows.append(StoredValue(f"{n}.pay", job.pay_unit, job.pay))
            if job.shift:
                rows.append(StoredValue(f"{n}.shift", job.shift))
            rows += [StoredValue(f"{n}.credential.{key}") for key in job.credentials]
            if job.hard_to_fill is not None:
                rows.append(StoredValue(f"{n}.hard", value_number=1.0 if job.hard_to_fill else 0.0))
            if job.hard_to_fill_why:
                rows.append(StoredValue(f"{n}.hard_why", job.hard_to_fill_why))
        return rows

    def from_rows(self, question: QuestionDefinition, rows: Sequence[StoredValue]) -> DemandAnswer | None:
        return read_demand(rows)

    def to_json(self, question: QuestionDefinition, value: DemandAnswer) -> dict[str, Any]:
        return {"organization": value.organization or "", "occupations": [
            {"title": job.title, "soc_code": (job.soc_code or NONE_OF_THESE) if job.confirmed else None,
             "shown_for": job.title, "confirmed": job.confirmed,
             "openings": job.openings, "vacancies": job.vacancies, "pay": job.pay, "pay_unit": job.pay_unit,
             "shift": job.shift, "credentials": list(job.credentials),
             "hard_to_fill": None if job.hard_to_fill is None else ("yes" if job.hard_to_fill else "no"),
             "hard_to_fill_why": job.hard_to_fill_why} for job in value.occupations]}

    def form_fields(self, question: QuestionDefinition, language: str) -> dict[str, Field]:
        return {field_name(question): OccupationDemandField(question.text_in(language))}

    def raw_from_form(self, question: QuestionDefinition, form: Form) -> dict[str, Any]:
        return dict(form[field_name(question)].data)

    def form_data(self, question: QuestionDefinition, value: DemandAnswer | None) -> dict[str, Any]:
        if value is None:
            return {}
        data = self.to_json(question, value)
        for job in data["occupations"]:
            job["pay"] = "" if job["pay"] is None else f"{job['pay']:g}"
        return {field_name(question): data}

    def first_input_id(self, question: QuestionDefinition) -> str:
        return f"{field_name(question)}__1_title"

    def shown(self, question: QuestionDefinition, rows: Sequence[StoredValue],
              option_names: Mapping[str, str]) -> list[str]:
        value = read_demand(rows)
        if value is None:
            return []
        shown = [f"Organization: {value.organization}"] if value.organization else []
        for job in value.occupations:
            parts = [shown_title(job.title, job.soc_code, job.confirmed)]
            parts += [f"{name} {number:,}" for name, number in (("openings", job.openings),
                                                                   ("vacancies", job.vacancies)) if number is not None]
            if job.pay is not None:
                parts.append(f"${job.pay:,.2f} per {job.pay_unit}")
            parts += [f"{job.shift} shift"] if job.shift else []
            parts += [", ".join(job.credentials)] if job.credentials else []
            if job.hard_to_fill is not None:
                parts.append("hard to fill" + (f": {job.hard_to_fill_why}" if job.hard_to_fill_why else "")
                             if job.hard_to_fill else "not hard to fill")
            shown.append("; ".join(parts))
        return shown

    def demo_value(self, question: QuestionDefinition, draw: DemoDraw) -> DemandAnswer | None:
        from .demo.occupations import demo_demand

        keys = credential_keys(question)
        demand = (getattr(draw, "person", None) or {}).get("demand") or demo_demand(
            draw.rng, getattr(draw, "language", "en"), keys)
        jobs = [{**job, "credentials": [key for key in job["credentials"] if key in keys]}
                for job in demand["occupations"]]
        return self.clean(question, {**demand, "occupations": jobs})


def read_demand(rows: Sequence[StoredValue]) -> DemandAnswer | None:
    """The stored rows of one answer as a :class:`DemandAnswer` (the layout in this module's docstring)."""
    organization = None
    jobs: dict[int, dict[str, Any]] = {}
    for row in rows:
        if row.option_key == "org":
            organization = row.value_text
            continue
        number, _, part = row.option_key.partition(".")
        if not number.isdigit():
            continue
        job = jobs.setdefault(int(number), {"credentials": []})
        if part == "title":
            job["title"], job["confirmed"] = row.value_text or "", row.value_number == 1
        elif part == "soc":
            job["soc_code"] = row.value_text
        elif part in ("openings", "vacancies") and row.value_number is not None:
            job[part] = int(row.value_number)
        elif part == "pay":
            job["pay"], job["pay_unit"] = row.value_number, row.value_text
        elif part == "shift":
            job["shift"] = row.value_text
        elif part.startswith("credential."):
            job["credentials"].append(part.removeprefix("credential."))
        elif part == "hard" and row.value_number is not None:
            job["hard_to_fill"] = row.value_number == 1
        elif part == "hard_why":
            job["hard_to_fill_why"] = row.value_text
    occupations = tuple(DemandRow(**{**job, "credentials": tuple(job["credentials"])})
                        for _, job in sorted(jobs.items()) if "title" in job)
    if not occupations and not organization:
        return None
    return DemandAnswer(organization, occupations)
