"""What the API reads and answers, as pydantic models: the one description the views validate and
serialize with and :mod:`feedback.api.spec` turns into ``/api/v1/openapi.json``.

A model here changes the public contract: ``tests/api/test_contract.py`` checks every endpoint's answers
against the description built from these classes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from surveys.models import Channel

from ..models import ActionStatus, Role


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for UTC columns; RFC 3339 needs the offset."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


Moment = Annotated[datetime, AfterValidator(_utc)]
"""A stored time, always with its offset."""
Absent = SkipJsonSchema[None]
"""A query parameter left out (the description lists the parameter as optional, never as ``null``)."""
Id = Annotated[int, Field(ge=0, le=2**31 - 1)]
Text64 = Annotated[str, Field(max_length=64)]
Cursor = Annotated[str, Field(max_length=200)]

# -- errors -----------------------------------------------------------------------------------------------


class FieldError(BaseModel):
    """One problem with one field of a request."""

    field: str
    message: str


class ErrorDetail(BaseModel):
    """What went wrong: a stable ``code`` to branch on, a ``message`` in plain words, and the ``field`` at
    fault (``null`` when the request as a whole is)."""

    model_config = ConfigDict(extra="allow")

    code: str
    message: str
    field: str | None
    errors: list[FieldError] | None = None
    retry_after: int | None = Field(None, description="Seconds to wait before sending again (503).")
    status: str | None = Field(None, description="The survey's status, when it is not taking answers (409).")


class ErrorBody(BaseModel):
    """Every error under ``/api/v1``."""

    error: ErrorDetail


# -- public: kiosks, offline apps ------------------------------------------------------------------------


class Health(BaseModel):
    status: Literal["ok"]


class SurveyLinks(BaseModel):
    self: str
    responses: str
    web: str


class SurveyDefinition(BaseModel):
    """A published survey as respondents' apps need it: its pages, questions, options and conditions in
    the documented definition format, with where to send answers."""

    model_config = ConfigDict(extra="allow")  # whatever the definition format adds is passed on

    slug: str
    status: str
    wave: str | None
    title: dict[str, str]
    intro: dict[str, str] | None = None
    audience: str
    languages: list[str]
    sections: list[dict[str, Any]]
    links: SurveyLinks


class SubmissionIn(BaseModel):
    """One complete response: answers keyed by question key, in one of the survey's languages, with the
    partner tag of the link it came through."""

    answers: dict[str, Any] = Field(description="Answers keyed by question key.")
    language: str | None = Field(None, description="One of the survey's languages; default: Accept-Language.")
    source: str | None = Field(None, description="A partner tag: lower-case letters, digits, - and _.")


class SubmissionCreated(BaseModel):
    id: str


# -- staff, with a token -----------------------------------------------------------------------------------


class TokenInfo(BaseModel):
    """The token a request carries, as Chorus reads it now."""

    name: str
    partnership: str
    role: Role = Field(description="The effective role: the lower of the token's and the person's own.")
    expires_at: Moment


class SurveySummary(BaseModel):
    slug: str
    title: dict[str, str]
    audience: str
    status: str
    languages: list[str]
    organization: str | None = Field(description="The slug of the organization running the survey.")
    responses: int
    complete: int
    can_see_responses: bool


class SurveyList(BaseModel):
    surveys: list[SurveySummary]


class WaveOut(BaseModel):
    id: int
    label: str
    position: int
    responses: int
    complete: int


class CountOut(BaseModel):
    value: str | None
    responses: int


class SurveyCounts(BaseModel):
    total: int
    complete: int
    by_source: list[CountOut]
    by_language: list[CountOut]


class SurveyDetail(SurveySummary):
    definition: dict[str, Any]
    waves: list[WaveOut]
    counts: SurveyCounts


def _no_null_defaults(schema: dict[str, Any]) -> None:
    for prop in schema.get("properties", {}).values():
        if "default" in prop and prop["default"] is None:
            del prop["default"]


class Query(BaseModel):
    """A query string: unknown parameters are ignored; one left out is absent, not ``null``."""

    model_config = ConfigDict(extra="ignore", json_schema_extra=_no_null_defaults)


class ResponseQuery(Query):
    """Filters of the responses list; ``cursor`` is the ``next_cursor`` of the page before."""

    wave: Id | Absent = Field(None, description="A wave id of the survey.")
    since: datetime | Absent = Field(None, description="Submitted at or after (ISO 8601; UTC when no offset).")
    source: Text64 | Absent = Field(None, description="A partner tag, or `_direct` for the plain link.")
    language: Annotated[str, Field(max_length=8)] | Absent = None
    channel: Channel | Absent = None
    cursor: Cursor | Absent = Field(None, description="The `next_cursor` of the page before.")
    limit: int = Field(50, ge=1, le=200)


class AnswerOut(BaseModel):
    """One stored answer row: a choice has ``option`` (and ``text`` for its "other" words)."""

    question: str
    option: str | None
    text: str | None
    number: float | None


class ResponseOut(BaseModel):
    id: str
    wave: int
    language: str
    source: str | None
    channel: Channel | None
    complete: bool
    started_at: Moment
    submitted_at: Moment | None
    answers: list[AnswerOut]


class ResponsePage(BaseModel):
    responses: list[ResponseOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")


class WaveRef(BaseModel):
    id: int
    label: str


class RunOut(BaseModel):
    id: str
    survey: str
    question: str
    wave: WaveRef | None
    status: str
    progress: float
    message: str
    created_at: Moment
    finished_at: Moment | None
    published_at: Moment | None = Field(
        description="Since when the public page lists this run's themes (one run per question, chosen by staff); "
                    "null when it does not.")


class RunList(BaseModel):
    runs: list[RunOut]


class Sentiment(BaseModel):
    mean: float
    share_negative: float | None


class ThemeOut(BaseModel):
    """A theme with its protected size: ``null`` when the report hides it (below the partnership's
    small-cell threshold, or folded into the small themes' line)."""

    id: int
    label: str
    size: int | None = Field(description="Answers whose main theme this is, each answer counted once.")
    mentions: int | None = Field(
        description="The size plus the answers mainly about another theme that speak of this one too; "
                    "null where it would reveal a small group (or the size is hidden).")
    folded: bool
    hidden: bool
    other: bool
    terms: list[str]
    sentiment: Sentiment | None
    quotes: list[str] = Field(description="Only for roles that may read answers, and never for a hidden size.")


class RunDetail(RunOut):
    threshold: int
    answered: int | None
    non_answers: int | None
    folded_size: int | None
    themes: list[ThemeOut]


class AssignmentQuery(Query):

    cursor: Cursor | Absent = Field(None, description="The `next_cursor` of the page before.")
    limit: int = Field(200, ge=1, le=1000)


class AssignmentOut(BaseModel):
    answer: int
    response: str
    theme: int | None = Field(description="null: not an answer (a blank, 'n/a', and the like).")
    second_theme: int | None = Field(description="The theme an answer about two things also speaks of.")
    text: str | None
    score: float | None


class AssignmentPage(BaseModel):
    assignments: list[AssignmentOut]
    next_cursor: str | None


class StartRunIn(BaseModel):
    """Find themes in one open-ended question (or ``all``), over one wave or all waves."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(max_length=64, description="A question key, or `all`.")
    wave: int | None = Field(None, ge=0, le=2**31 - 1)
    themes: int | None = Field(None, ge=2, le=60, description="How many themes; default: the engine chooses.")
    representation: Literal["auto", "embeddings", "tfidf"] = "auto"


class ActionsQuery(Query):

    status: ActionStatus | Absent = None
    organization: Text64 | Absent = Field(None, description="The owning partner's slug.")


class LinkedTheme(BaseModel):
    id: int
    label: str
    survey: str
    question: str


class ActionOut(BaseModel):
    id: str
    title: str
    details: str
    owner: str
    organization: str | None
    status: str
    percent_complete: int
    due_on: date | None
    public: bool
    public_summary: dict[str, str]
    themes: list[LinkedTheme]
    created_at: Moment
    updated_at: Moment


class ActionList(BaseModel):
    actions: list[ActionOut]


class Change(BaseModel):
    """A theme's change between two waves, tested on the published numbers."""

    before: str
    after: str
    before_share: float | None
    after_share: float | None
    p_value: float | None
    q_value: float | None
    marker: str


class TrendTheme(BaseModel):
    key: str
    label: str
    counts: list[int | None]
    shares: list[float | None]
    changes: list[Change]
    new_in: list[str]


class TrendOut(BaseModel):
    survey: str
    question: str
    threshold: int
    waves: list[WaveRef]
    totals: list[int | None]
    themes: list[TrendTheme]
