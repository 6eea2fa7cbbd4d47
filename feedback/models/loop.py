"""Closing the loop: what a partnership does about what it heard, the shared measures it tracks, and
the quotes staff chose to publish.

Actions and measures hang on :class:`ThemeLineage` (a theme's lasting identity across runs and waves),
never on one run's theme rows, so "childcare" in spring and in fall is one thing to act on.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.db import db
from surveys.models import Answer, Organization, Partnership, Question, enum_type, new_public_id, utcnow

from .themes import ThemeLineage


class ActionStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    DONE = "done"
    DROPPED = "dropped"


action_theme = Table(
    "action_theme",
    db.metadata,
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    Column("lineage_id", ForeignKey("theme_lineage.id", ondelete="CASCADE"), primary_key=True, index=True),
)

action_measure = Table(
    "action_measure",
    db.metadata,
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    Column("measure_id", ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Action(db.Model):
    """Something a partner will change because of what people said, and how far it has got.

    ``public_summary`` ({language: text}) is what the public "you said, we did" page shows; the
    rest is for staff.
    """

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"))
    # The partner that owns the work; its members manage the action, admins manage all.
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    details: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")  # the person accountable, by name
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        enum_type(ActionStatus, "action_status"), default=ActionStatus.NOT_STARTED
    )
    percent_complete: Mapped[int] = mapped_column(Integer, default=0)
    public_summary: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # Shown on the public page (an internal action can stay off it).
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    partnership: Mapped[Partnership] = relationship()
    organization: Mapped[Organization | None] = relationship()
    themes: Mapped[list[ThemeLineage]] = relationship(secondary=action_theme, order_by="ThemeLineage.id")
    measures: Mapped[list[Measure]] = relationship(
        secondary=action_measure, back_populates="actions", order_by="Measure.id"
    )
    occupations: Mapped[list[ActionOccupation]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ActionOccupation.soc_code"
    )

    __table_args__ = (
        CheckConstraint("percent_complete >= 0 AND percent_complete <= 100", name="percent_in_range"),
        Index(None, "partnership_id", "status"),
    )


class ActionOccupation(db.Model):
    """An occupation (SOC 2018 code) an action answers, e.g. a gap in the demand-vs-supply report."""

    __tablename__ = "action_occupation"

    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), primary_key=True)
    soc_code: Mapped[str] = mapped_column(String(10), primary_key=True)


class MeasureKind(enum.StrEnum):
    # Computed per wave from a closed question: the share of respondents choosing ``option_keys``.
    ANSWER_SHARE = "answer_share"
    # Computed per wave from a theme: the share of a question's respondents whose answer is in it.
    THEME_SHARE = "theme_share"
    # Entered by staff per period (placements, credentials earned...).
    OUTCOME = "outcome"


class MeasureDirection(enum.StrEnum):
    UP = "up"  # higher is better
    DOWN = "down"  # lower is better


class Measure(db.Model):
    """A shared measure of success with a target: what the partners agreed to move, and which way."""

    __tablename__ = "measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"))
    name: Mapped[dict[str, str]] = mapped_column(JSON)  # {language: text}
    description: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    kind: Mapped[MeasureKind] = mapped_column(enum_type(MeasureKind, "measure_kind"))
    direction: Mapped[MeasureDirection] = mapped_column(
        enum_type(MeasureDirection, "measure_direction"), default=MeasureDirection.UP
    )
    target: Mapped[float | None] = mapped_column(Float)
    baseline: Mapped[float | None] = mapped_column(Float)
    # "percent" for shares; for outcome measures what is counted ("placements").
    unit: Mapped[str] = mapped_column(String(64), default="percent")
    # ANSWER_SHARE: the closed question and the options that count; THEME_SHARE: the theme.
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="SET NULL"))
    option_keys: Mapped[list[str]] = mapped_column(JSON, default=list)
    lineage_id: Mapped[int | None] = mapped_column(ForeignKey("theme_lineage.id", ondelete="SET NULL"))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    partnership: Mapped[Partnership] = relationship()
    question: Mapped[Question | None] = relationship()
    lineage: Mapped[ThemeLineage | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
    values: Mapped[list[MeasureValue]] = relationship(
        back_populates="measure", cascade="all, delete-orphan", passive_deletes=True,
        order_by="MeasureValue.period_end",
    )
    actions: Mapped[list[Action]] = relationship(secondary=action_measure, back_populates="measures")

    __table_args__ = (Index(None, "partnership_id"),)


class MeasureValue(db.Model):
    """One period's value of an outcome measure, entered by staff (answer-based ones are computed)."""

    __tablename__ = "measure_value"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(64))  # "2026 Q1", "Spring 2026"
    period_end: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    measure: Mapped[Measure] = relationship(back_populates="values")

    __table_args__ = (UniqueConstraint("measure_id", "period"),)


class PublicQuote(db.Model):
    """An answer staff chose to quote publicly for a theme (the public page shows no other quotes).

    Points at the answer, so deleting the answer withdraws the quote.
    """

    __tablename__ = "public_quote"

    id: Mapped[int] = mapped_column(primary_key=True)
    lineage_id: Mapped[int] = mapped_column(ForeignKey("theme_lineage.id", ondelete="CASCADE"))
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    lineage: Mapped[ThemeLineage] = relationship()
    answer: Mapped[Answer] = relationship()

    __table_args__ = (UniqueConstraint("lineage_id", "answer_id"),)


def public_summary_text(summary: dict[str, Any], language: str) -> str:
    """The summary in ``language``, else English, else any language it has."""
    return summary.get(language) or summary.get("en") or next(iter(summary.values()), "")
