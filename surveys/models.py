"""Storage for partnerships, surveys, waves, questions and the responses people give.

The model is shaped for the questions staff ask later: "all answers to question Q in wave W" is one
index range (``ix_answer_question_wave``), every answer keeps its language and source through its
response, and choices are stored one row per chosen option so counts are plain ``GROUP BY`` queries.
"""

from __future__ import annotations

import enum
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import db
from .definition_types import Audience


def utcnow() -> datetime:
    """Timezone-aware now; a callable so every row gets its own time."""
    return datetime.now(UTC)


def new_public_id() -> str:
    """An unguessable id for URLs and API answers (integer keys stay internal)."""
    return secrets.token_hex(16)


def enum_type(enum_cls: type[enum.Enum], name: str) -> Enum:
    """A column type storing the readable value ("career_seeker"), checked by a named constraint on
    every engine (no native PostgreSQL enum, so adding a value needs no type migration)."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class OrganizationKind(enum.StrEnum):
    EMPLOYER = "employer"
    WORKFORCE_BOARD = "workforce_board"
    EDUCATION_PROVIDER = "education_provider"
    COMMUNITY_ORGANIZATION = "community_organization"
    ECONOMIC_DEVELOPMENT = "economic_development"
    INDUSTRY_ASSOCIATION = "industry_association"
    OTHER = "other"


class SurveyStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Channel(enum.StrEnum):
    """How a response reached Chorus; ``None`` on responses stored before this was recorded."""

    WEB = "web"  # the respondent pages
    API = "api"  # POST /api/v1/surveys/<slug>/responses (kiosks, partner systems)
    OPENROSA = "openrosa"  # ODK Collect, KoboCollect or Enketo through the OpenRosa server
    IMPORT = "import"  # a file of past answers exported from another tool


class InvalidTransition(ValueError):
    """A survey was asked to move to a status it cannot reach from where it is."""


# Which statuses each status may move to. Closed surveys may reopen (a late partner event).
SURVEY_TRANSITIONS: dict[SurveyStatus, frozenset[SurveyStatus]] = {
    SurveyStatus.DRAFT: frozenset({SurveyStatus.OPEN}),
    SurveyStatus.OPEN: frozenset({SurveyStatus.CLOSED}),
    SurveyStatus.CLOSED: frozenset({SurveyStatus.OPEN}),
}


class Partnership(db.Model):
    """A regional sector partnership: one region, one industry, many partners."""

    __tablename__ = "partnership"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[str] = mapped_column(String(100), default="")
    # No breakdown may show a group smaller than this.
    small_cell_threshold: Mapped[int] = mapped_column(Integer, default=5)
    # The public "you said, we did" page at /p/<slug>; staff can turn it off.
    public_page: Mapped[bool] = mapped_column(Boolean, default=True)
    # The BLS OEWS area whose wages and employment give occupations local context (None: the nation).
    oews_area: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    organizations: Mapped[list[Organization]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan", passive_deletes=True
    )
    surveys: Mapped[list[Survey]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (CheckConstraint("small_cell_threshold >= 1", name="threshold_positive"),)

    def __repr__(self) -> str:
        return f"<Partnership {self.slug}>"


class Organization(db.Model):
    """A partner organization; its slug doubles as the ``src`` tag on its survey links."""

    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganizationKind] = mapped_column(enum_type(OrganizationKind, "organization_kind"))

    partnership: Mapped[Partnership] = relationship(back_populates="organizations")

    __table_args__ = (UniqueConstraint("partnership_id", "slug"),)

    def __repr__(self) -> str:
        return f"<Organization {self.slug}>"


class Survey(db.Model):
    """A questionnaire for one audience, answered in waves; its slug is its public address."""

    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    # The partner that runs the survey; the survey outlives the partner leaving.
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    # Per-language texts: {"en": "...", "es": "..."}.
    title: Mapped[dict[str, str]] = mapped_column(JSON)
    intro: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    audience: Mapped[Audience] = mapped_column(enum_type(Audience, "audience"))
    status: Mapped[SurveyStatus] = mapped_column(
        enum_type(SurveyStatus, "survey_status"), default=SurveyStatus.DRAFT
    )
    languages: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["en"])
    # Ordered pages: [{"key": "barriers", "title": {"en": ..., "es": ...}}].
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Which built-in template it came from, if any ("career_seeker_needs").
    template: Mapped[str | None] = mapped_column(String(64))
    # Respondents are anonymous unless a survey explicitly collects contact details.
    collects_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    partnership: Mapped[Partnership] = relationship(back_populates="surveys")
    organization: Mapped[Organization | None] = relationship()
    waves: Mapped[list[Wave]] = relationship(
        back_populates="survey",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Wave.position",
    )
    questions: Mapped[list[Question]] = relationship(
        back_populates="survey",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Question.position",
    )

    def title_in(self, language: str) -> str:
        """The title in ``language``, falling back to the survey's first language."""
        return self.title.get(language) or self.title.get(self.languages[0], "")

    def can_move_to(self, status: SurveyStatus) -> bool:
        return status in SURVEY_TRANSITIONS[self.status]

    def move_to(self, status: SurveyStatus) -> None:
        """Change status, refusing moves the lifecycle does not allow (e.g. reopening a draft as closed)."""
        if not self.can_move_to(status):
            raise InvalidTransition(f"A {self.status.value} survey cannot become {status.value}.")
        self.status = status

    @property
    def is_open(self) -> bool:
        return self.status is SurveyStatus.OPEN

    @property
    def current_wave(self) -> Wave | None:
        """The newest wave: new responses are filed under it."""
        return self.waves[-1] if self.waves else None

    def __repr__(self) -> str:
        return f"<Survey {self.slug}>"


class Wave(db.Model):
    """One round of a survey, so results can be compared over time."""

    __tablename__ = "wave"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=1)
    label: Mapped[str] = mapped_column(String(100))
    opens_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    survey: Mapped[Survey] = relationship(back_populates="waves")

    __table_args__ = (
        UniqueConstraint("survey_id", "label"),
        UniqueConstraint("survey_id", "position"),
    )

    def __repr__(self) -> str:
        return f"<Wave {self.label}>"


class Question(db.Model):
    """One question; ``key`` and option keys are stable so answers survive rewording and translation."""

    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    # A name from the question-type registry (single_choice, long_text, rating, ...).
    type: Mapped[str] = mapped_column(String(32))
    section: Mapped[str] = mapped_column(String(64), default="main")
    position: Mapped[int] = mapped_column(Integer, default=0)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    # Demographic questions feed the equity lens; they are always optional.
    demographic: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[dict[str, str]] = mapped_column(JSON)
    help: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # [{"key": "childcare", "text": {"en": "Childcare", "es": "Cuidado infantil"}}, ...]
    options: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Type-specific settings: bounds, scale ends, allow "other", contact channels.
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Shown only when an earlier answer matches: {"question": "barriers", "any_of": ["childcare"]}.
    condition: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    survey: Mapped[Survey] = relationship(back_populates="questions")

    __table_args__ = (UniqueConstraint("survey_id", "key"), Index(None, "survey_id", "position"))

    def text_in(self, language: str) -> str:
        return self.text.get(language) or next(iter(self.text.values()), "")

    def __repr__(self) -> str:
        return f"<Question {self.key}>"


class Response(db.Model):
    """One person's answers to one survey in one wave; partial until submitted."""

    __tablename__ = "response"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8), default="en")
    # Which partner's link brought the person here (``?src=``); free text, never trusted.
    source: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[Channel | None] = mapped_column(enum_type(Channel, "response_channel"))
    # The file an imported response came from; deleting the import removes what it brought.
    import_id: Mapped[int | None] = mapped_column(ForeignKey("response_import.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    # Same key from a retry, a double tap or the API -> the same response, stored once.
    idempotency_key: Mapped[str | None] = mapped_column(String(128))
    # Short code a respondent types to continue later; cleared on submission.
    resume_code: Mapped[str | None] = mapped_column(String(16), unique=True)

    survey: Mapped[Survey] = relationship()
    wave: Mapped[Wave] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        UniqueConstraint("survey_id", "idempotency_key"),
        Index(None, "wave_id", "complete"),
        Index(None, "survey_id", "submitted_at"),
    )

    def __repr__(self) -> str:
        return f"<Response {self.public_id}>"


class Answer(db.Model):
    """One stored value. Choice questions store one row per chosen option (``option_key``);
    text in ``value_text``; numbers, ratings, scales in ``value_number``; dates as ISO text.

    ``wave_id`` repeats the response's wave (which never changes) so that "answers to Q in wave W"
    is a single index range instead of a join over every response.
    """

    __tablename__ = "answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"))
    # "" for questions without options, so the uniqueness below holds (NULLs never collide).
    option_key: Mapped[str] = mapped_column(String(64), default="")
    value_text: Mapped[str | None] = mapped_column(Text)
    value_number: Mapped[float | None] = mapped_column(Float)

    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()

    __table_args__ = (
        UniqueConstraint("response_id", "question_id", "option_key"),
        Index("ix_answer_question_wave", "question_id", "wave_id", "option_key"),
    )

    def __repr__(self) -> str:
        return f"<Answer q={self.question_id} {self.option_key or self.value_text!r}>"


class ResponseImport(db.Model):
    """One file of past answers imported from another tool (Google Forms, SurveyMonkey, Kobo…).

    ``sha256`` of the file's bytes is unique per survey, so the same file imported twice is refused
    instead of doubling every count. Who imported it is in the audit trail.
    """

    __tablename__ = "response_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"))
    # What the file came from, as staff named it ("Google Forms 2024").
    source_name: Mapped[str] = mapped_column(String(100), default="")
    filename: Mapped[str] = mapped_column(String(255), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    # The file's column header -> question key it was read as (the mapping staff confirmed).
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    survey: Mapped[Survey] = relationship()
    wave: Mapped[Wave] = relationship()

    __table_args__ = (UniqueConstraint("survey_id", "sha256"),)

    def __repr__(self) -> str:
        return f"<ResponseImport {self.filename}>"


class OpenRosaSubmission(db.Model):
    """One version of an ODK/Enketo submission, following ODK Central's rules.

    ``instance_id`` (``uuid:…`` from the form's ``meta/instanceID``) is unique per survey: the same
    body sent again is accepted without storing anything; a different body under the same id is
    refused (409). An edit carries ``deprecated_id`` (the version it replaces) and points at the same
    response, whose answers it replaces. ``digest`` is the SHA-256 of the submitted XML, and ``body``
    the XML itself, so nothing a device sent is lost even where a field no longer maps to a question.
    """

    __tablename__ = "openrosa_submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    instance_id: Mapped[str] = mapped_column(String(128))
    deprecated_id: Mapped[str | None] = mapped_column(String(128))
    digest: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    response: Mapped[Response] = relationship()

    __table_args__ = (UniqueConstraint("survey_id", "instance_id"),)

    def __repr__(self) -> str:
        return f"<OpenRosaSubmission {self.instance_id}>"
