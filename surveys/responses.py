"""Validating answers and storing responses: the one path shared by the web form and the API.

- :func:`visible_questions` decides, from answers so far, which questions a person is shown
  (conditions point at earlier pages, so this is known before a page is drawn).
- :func:`clean_answers` turns raw answers into clean values and per-question errors, using each
  question type's ``clean``; the web form calls it per page, the API for the whole survey.
- :func:`submit_response` stores a complete response once per idempotency key, even when two
  identical requests race: the database's unique constraint decides (``INSERT … ON CONFLICT DO
  NOTHING``, no read before the write), and the loser gets the winner's response back.
- :func:`start_response`, :func:`save_answers`, :func:`accept_page`, :func:`complete_response`,
  :func:`save_for_later` and :func:`issue_resume_code` carry a person through the pages and let them
  leave and come back; :func:`next_section`, :func:`resume_section` and :func:`page_position` say which
  page comes next and where a page stands.
- :func:`clean_source`, :func:`keep_withheld` and :func:`is_saved_for_later` are the small rules the
  respondent pages apply: which partner tag a response may carry, which answers a person who may be
  someone else keeps without seeing, and which response a shared device offers to continue.

Like every service here, these add and flush; the caller commits. Answers are written with one
multi-row ``INSERT`` (no ORM object per answer row), and a response whose answers were loaded with it
(see :func:`load_answers`) is not read again, so a page or an API submission costs a few statements.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from .db import db
from .definition import QuestionDefinition, SectionDefinition, SurveyDefinition
from .models import Answer, Channel, Response, Survey, new_public_id
from .question_types import AnswerError, StoredValue, get_type
from .services import current_wave_id, question_ids

__all__ = [
    "RESUME_ALPHABET",
    "CleanResult",
    "PagePosition",
    "Submitted",
    "accept_page",
    "clean_answers",
    "clean_source",
    "complete_response",
    "find_by_idempotency_key",
    "find_resumable",
    "format_resume_code",
    "is_saved_for_later",
    "issue_resume_code",
    "keep_withheld",
    "load_answers",
    "missing_required",
    "next_section",
    "normalize_resume_code",
    "page_count",
    "page_position",
    "resume_code_was_sent",
    "resume_section",
    "save_answers",
    "save_for_later",
    "start_response",
    "submit_response",
    "visible_questions",
    "visible_sections",
]

# No 0/O, 1/I/L, 5/S, 2/Z: easy to read aloud, copy from a phone and type on a kiosk.
RESUME_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
RESUME_LENGTH = 8
# A partner tag (``?src=`` on a shared link) looks like an organization slug.
SOURCE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass
class CleanResult:
    """Clean values by question key (``None`` = not answered) and the errors that stopped others."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, AnswerError] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def messages(self, language: str) -> dict[str, str]:
        """Errors as messages in ``language``, by question key (the API's 422 body)."""
        return {key: error.message(language) for key, error in self.errors.items()}


def _is_shown(question: QuestionDefinition, values: Mapping[str, Any]) -> bool:
    return question.condition is None or question.condition.is_met(values.get(question.condition.question))


def visible_questions(definition: SurveyDefinition, values: Mapping[str, Any],
                      section: SectionDefinition | None = None) -> list[QuestionDefinition]:
    """The questions a person with these answers is shown (on ``section``, or anywhere).

    A hidden question's answer never reveals another question, so conditions chain correctly.
    """
    shown: dict[str, Any] = {}
    visible: list[QuestionDefinition] = []
    for question in definition.iter_questions():
        if _is_shown(question, shown):
            shown[question.key] = values.get(question.key)
            if section is None or question.section == section.key:
                visible.append(question)
    return visible


def visible_sections(definition: SurveyDefinition, values: Mapping[str, Any]) -> list[SectionDefinition]:
    """The pages that have at least one visible question, in order."""
    keys = {question.section for question in visible_questions(definition, values)}
    return [section for section in definition.sections if section.key in keys]


def page_count(definition: SurveyDefinition) -> tuple[int, bool]:
    """How many pages a person may be shown, and whether every one of them always is.

    Progress is shown against this fixed number (never against the pages visible so far, which grows
    and shrinks as answers reveal or hide pages): "Step 4 of 7", or "Step 4 of up to 7" when some
    pages appear only after certain answers.
    """
    always = {question.section for question in definition.iter_questions() if question.condition is None}
    return len(definition.sections), all(section.key in always for section in definition.sections)


def next_section(definition: SurveyDefinition, values: Mapping[str, Any], key: str,
                 step: int = +1) -> str | None:
    """The key of the next (``step=+1``) or previous (``-1``) page that applies to these answers, if any:
    pages whose questions are all hidden are passed over."""
    order = [section.key for section in definition.sections]
    visible = {section.key for section in visible_sections(definition, values)}
    index = order.index(key) + step
    while 0 <= index < len(order):
        if order[index] in visible:
            return order[index]
        index += step
    return None


def resume_section(definition: SurveyDefinition, values: Mapping[str, Any]) -> str:
    """Where a returning person carries on: the first page with a missing required answer, else the
    first page they have not touched, else the last page."""
    missing = missing_required(definition, values)
    if missing:
        return missing[0].section
    sections = visible_sections(definition, values)
    for section in sections:
        if all(values.get(question.key) is None for question in visible_questions(definition, values, section)):
            return section.key
    return sections[-1].key


@dataclass(frozen=True)
class PagePosition:
    """Where a page stands, for its progress line ("Step 2 of 5", or "of up to 5") and its buttons."""

    step: int
    total: int
    total_exact: bool
    is_last: bool

    @property
    def is_first(self) -> bool:
        return self.step == 1


def page_position(definition: SurveyDefinition, values: Mapping[str, Any], key: str) -> PagePosition:
    """The page's place among the pages shown so far (one more on each page forward) against the fixed
    total of :func:`page_count`, so the count never jumps about as conditional pages come and go; the
    last page is the one with no page after it for these answers."""
    keys = [section.key for section in visible_sections(definition, values)]
    total, exact = page_count(definition)
    return PagePosition(step=keys.index(key) + 1 if key in keys else 1, total=total, total_exact=exact,
                        is_last=next_section(definition, values, key) is None)


def clean_answers(definition: SurveyDefinition, raw: Mapping[str, Any], *,
                  known: Mapping[str, Any] | None = None,
                  only: Iterable[str] | None = None,
                  reject_unknown: bool = False) -> CleanResult:
    """Validate raw answers exactly as every client must be validated.

    Args:
        definition: the survey.
        raw: raw values by question key (see :mod:`surveys.question_types` for their shapes).
        known: clean answers already held (earlier pages), used for conditions.
        only: validate just these question keys (one page); the others are taken from ``known``.
        reject_unknown: report keys that are not questions (the API does; forms cannot send them).

    Returns:
        Clean values for every visible question validated (``None`` when unanswered) and errors by
        key. Answers to hidden questions are dropped.
    """
    result = CleanResult()
    values: dict[str, Any] = dict(known or {})
    wanted = set(only) if only is not None else None
    for question in definition.iter_questions():
        if wanted is not None and question.key not in wanted:
            continue
        if not _is_shown(question, values):
            values.pop(question.key, None)
            continue
        try:
            value = get_type(question.type).clean(question, raw.get(question.key))
            if value is None and question.required:
                raise AnswerError("required")
        except AnswerError as error:
            result.errors[question.key] = error
            values.pop(question.key, None)
            continue
        values[question.key] = value
        result.values[question.key] = value
    if reject_unknown:
        keys = {question.key for question in definition.iter_questions()}
        for key in raw:
            if key not in keys:
                result.errors[key] = AnswerError("unknown_question")
    return result


def missing_required(definition: SurveyDefinition, values: Mapping[str, Any]) -> list[QuestionDefinition]:
    """Visible required questions still without an answer."""
    return [question for question in visible_questions(definition, values)
            if question.required and values.get(question.key) is None]


def keep_withheld(questions: Sequence[QuestionDefinition], raw: dict[str, Any], stored: Mapping[str, Any],
                  kept: Collection[str]) -> None:
    """Answers not shown back to a person who may be someone else (contact details, after a response is
    opened again) stay as stored when the person leaves them blank and keeps their "keep" box ticked:
    ``kept`` holds those questions' keys. ``raw`` is changed in place.

    Anything typed instead is checked and stored like any answer.
    """
    for question in questions:
        if stored.get(question.key) is None or question.key not in kept:
            continue
        question_type = get_type(question.type)
        try:
            blank = question_type.clean(question, raw.get(question.key)) is None
        except AnswerError:
            blank = False  # something was typed: it is checked and shown like any answer
        if blank:
            raw[question.key] = question_type.to_json(question, stored[question.key])


def clean_source(value: str | None) -> str | None:
    """A partner tag from a link's ``?src=`` (or the API's ``source``), kept only when it looks like an
    organization slug; anything else is dropped, never stored."""
    value = (value or "").strip().lower()
    return value if SOURCE_PATTERN.fullmatch(value) else None


def _answer_rows(response_id: int, wave_id: int, ids: Mapping[str, int], definition: SurveyDefinition,
                 values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``answer`` rows storing ``values`` (unanswered and unknown questions store none)."""
    rows: list[dict[str, Any]] = []
    for key, value in values.items():
        question = definition.question(key)
        if value is None or question is None or key not in ids:
            continue
        rows.extend({"response_id": response_id, "question_id": ids[key], "wave_id": wave_id,
                     "option_key": row.option_key, "value_text": row.value_text, "value_number": row.value_number}
                    for row in get_type(question.type).to_rows(question, value))
    return rows


_INSERT_ANSWERS = sa.insert(Answer.__table__)


def _answers_loaded(response: Response) -> bool:
    return "answers" not in sa.inspect(response).unloaded


def start_response(survey: Survey, *, language: str, source: str | None = None) -> Response:
    """An incomplete response filed under the survey's current wave, for a person starting the pages."""
    response = Response(survey=survey, wave_id=current_wave_id(survey), language=language, source=source,
                        channel=Channel.WEB)
    db.session.add(response)
    db.session.flush()
    return response


def save_answers(response: Response, definition: SurveyDefinition, values: Mapping[str, Any]) -> None:
    """Replace the stored answers to the questions in ``values`` (``None`` clears an answer).

    When the response's answers were loaded with it, only questions that have stored rows are deleted
    first: a page answered for the first time costs one ``INSERT`` and nothing else.
    """
    ids = question_ids(response.survey)
    wanted = {ids[key] for key in values if key in ids}
    if _answers_loaded(response):
        wanted &= {answer.question_id for answer in response.answers}
    if wanted:
        db.session.execute(sa.delete(Answer).where(Answer.response_id == response.id,
                                                   Answer.question_id.in_(sorted(wanted))),
                           execution_options={"synchronize_session": False})
    rows = _answer_rows(response.id, response.wave_id, ids, definition, values)
    if rows:
        db.session.execute(_INSERT_ANSWERS, rows)  # Core: one executemany, no ORM objects
    if wanted or rows:
        db.session.expire(response, ["answers"])
    db.session.flush()


def load_answers(response: Response, definition: SurveyDefinition) -> dict[str, Any]:
    """The response's stored answers as clean values by question key (read again only when they were not
    loaded with the response, e.g. ``options(joinedload(Response.answers))``)."""
    if _answers_loaded(response):
        stored = [(a.question_id, a.option_key, a.value_text, a.value_number) for a in response.answers]
    else:
        stored = db.session.execute(
            sa.select(Answer.question_id, Answer.option_key, Answer.value_text, Answer.value_number)
            .where(Answer.response_id == response.id)).all()
    rows: dict[int, list[StoredValue]] = {}
    for question_id, option_key, value_text, value_number in stored:
        rows.setdefault(question_id, []).append(StoredValue(option_key=option_key, value_text=value_text,
                                                            value_number=value_number))
    values: dict[str, Any] = {}
    for key, question_id in question_ids(response.survey).items():
        question = definition.question(key)
        if question_id in rows and question is not None:
            values[key] = get_type(question.type).from_rows(question, rows[question_id])
    return values


def accept_page(response: Response, definition: SurveyDefinition, known: Mapping[str, Any],
                values: Mapping[str, Any], key: str, *, send: bool = False) -> str | None:
    """Store a page's valid answers and decide where the person goes: the next page that applies (unless
    they chose to send now), else the first page still missing a required answer, else nowhere — the
    response is complete.

    Args:
        known: the answers stored before this page.
        values: this page's clean answers.
        key: the page's section key.
        send: the person pressed "Send" (the last page's button).

    Returns:
        The section key of the page to show next, or ``None`` when the response was completed.
    """
    save_answers(response, definition, values)
    answers = {**known, **values}
    following = next_section(definition, answers, key)
    if following is not None and not send:
        return following
    missing = missing_required(definition, answers)
    if missing:
        return missing[0].section
    complete_response(response, definition, {k: v for k, v in answers.items() if v is not None})
    return None


def save_for_later(response: Response, definition: SurveyDefinition, values: Mapping[str, Any]) -> str:
    """Store what is valid on the page the person leaves and give the response its resume code (the one
    it has, if it was saved before)."""
    save_answers(response, definition, values)
    return issue_resume_code(response)


def is_saved_for_later(response: Response | None) -> bool:
    """Whether ``response`` is unfinished and was saved on purpose: the only kind a shared device offers
    to continue (anyone may be the next person at it)."""
    return response is not None and not response.complete and bool(response.resume_code)


def complete_response(response: Response, definition: SurveyDefinition,
                      stored: Mapping[str, Any] | None = None) -> None:
    """Mark a response submitted: answers to questions the person ended up not being shown are
    dropped, and the resume code stops working (it stays on the response, so a late resume link can
    say the answers were sent instead of "not found").

    ``stored``: the response's stored answers when the caller holds them (else they are read).
    """
    values = load_answers(response, definition) if stored is None else stored
    shown = {question.key for question in visible_questions(definition, values)}
    hidden = {key: None for key in values if key not in shown}
    if hidden:
        save_answers(response, definition, hidden)
    response.complete = True
    response.submitted_at = datetime.now(UTC)
    db.session.flush()


@dataclass(frozen=True)
class Submitted:
    """What :func:`submit_response` stored: the response's public id, and whether it was stored now
    (``False``: the idempotency key had been used, and this is the response stored then)."""

    public_id: str
    created: bool


@functools.cache
def _insert_response(dialect: str, keyed: bool) -> sa.Executable:
    """``INSERT … RETURNING id`` that inserts nothing (and returns no row) when the survey already has a
    response under the row's idempotency key. Built once per engine kind; the row comes as parameters."""
    table = Response.__table__
    module = {"sqlite": sqlite, "postgresql": postgresql}.get(dialect)
    if module is None or not keyed:
        return sa.insert(table).returning(table.c.id)
    return (module.insert(table).on_conflict_do_nothing(index_elements=["survey_id", "idempotency_key"])
            .returning(table.c.id))


def submit_response(survey: Survey, definition: SurveyDefinition, values: Mapping[str, Any], *,
                    language: str, source: str | None = None,
                    idempotency_key: str | None = None, channel: Channel = Channel.API,
                    wave_id: int | None = None, submitted_at: datetime | None = None,
                    import_id: int | None = None, attempts: int = 3) -> Submitted:
    """Store a complete response from clean values, once per ``idempotency_key``.

    The unique constraint on (survey, idempotency key) decides, without a read before the write: the
    insert does nothing when the key was used, and the response stored then is returned unchanged. Two
    statements store a response and all its answers. ``channel`` says how it came; an import names its
    wave, its original time and the :class:`~surveys.models.ResponseImport` it belongs to.
    """
    now = datetime.now(UTC)
    row = {"public_id": new_public_id(), "survey_id": survey.id,
           "wave_id": wave_id if wave_id is not None else current_wave_id(survey),
           "language": language, "source": source, "idempotency_key": idempotency_key, "complete": True,
           "channel": channel.value, "import_id": import_id,
           "started_at": submitted_at or now, "submitted_at": submitted_at or now}
    for _ in range(attempts):
        statement = _insert_response(db.session.get_bind().dialect.name, idempotency_key is not None)
        response_id = db.session.execute(statement, row).scalar()
        if response_id is not None:
            break
        existing = find_by_idempotency_key(survey, idempotency_key)
        if existing is not None:
            return Submitted(existing.public_id, created=False)
        # The response holding the key went away between the two statements: try the insert again.
    else:
        raise RuntimeError("Could not store the response or find the one stored under its idempotency key.")
    rows = _answer_rows(response_id, row["wave_id"], question_ids(survey), definition, values)
    if rows:
        db.session.execute(_INSERT_ANSWERS, rows)  # Core: one executemany, no ORM objects
    return Submitted(row["public_id"], created=True)


def find_by_idempotency_key(survey: Survey, key: str) -> Response | None:
    """The response already stored for ``survey`` under an ``Idempotency-Key``, if any."""
    return db.session.scalar(db.select(Response).where(Response.survey_id == survey.id,
                                                       Response.idempotency_key == key))


def normalize_resume_code(code: str) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def format_resume_code(code: str) -> str:
    """``ABCD-EFGH``: easier to read out and copy."""
    return f"{code[:4]}-{code[4:]}" if len(code) == RESUME_LENGTH else code


def issue_resume_code(response: Response, attempts: int = 5) -> str:
    """Give an incomplete response a short code to continue it later (keeping any it already has)."""
    if response.resume_code:
        return response.resume_code
    for _ in range(attempts):
        code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))
        try:
            with db.session.begin_nested():
                response.resume_code = code
                db.session.flush()
            return code
        except IntegrityError:  # pragma: no cover - a 1 in 10^11 collision
            continue
    raise RuntimeError("Could not find an unused resume code.")


def find_resumable(survey: Survey, code: str) -> Response | None:
    """The incomplete response of ``survey`` holding resume ``code`` (as typed), if any."""
    code = normalize_resume_code(code)
    if len(code) != RESUME_LENGTH:
        return None
    return db.session.scalar(db.select(Response).where(
        Response.survey_id == survey.id, Response.resume_code == code, Response.complete.is_(False)))


def resume_code_was_sent(survey: Survey, code: str) -> bool:
    """Whether ``code`` (as typed) was saved with a response of ``survey`` that has since been sent."""
    code = normalize_resume_code(code)
    if len(code) != RESUME_LENGTH:
        return False
    return db.session.scalar(db.select(Response.id).where(
        Response.survey_id == survey.id, Response.resume_code == code, Response.complete.is_(True))) is not None
