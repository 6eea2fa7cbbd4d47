"""Stored analysis runs: each run's themes and answer assignments, the lasting identity of a theme
across runs (its lineage), the staff's curation steps, and the splits they asked for."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.db import db
from surveys.models import Question, Survey, Wave, enum_type, new_public_id, utcnow

if TYPE_CHECKING:
    from .accounts import User


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"


class ThemeRun(db.Model):
    """One "find themes" job over an open-text question (one wave or all), and its stored result.

    Reports render from here, never by re-running the engine.
    """

    __tablename__ = "theme_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    wave_id: Mapped[int | None] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"))
    status: Mapped[RunStatus] = mapped_column(enum_type(RunStatus, "run_status"), default=RunStatus.QUEUED)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str] = mapped_column(Text, default="")
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # What the run saw: answers read, answered, set apart as non-answers.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The report's breakdown tables and chart, built once and after each curation (see feedback.reports).
    report_cache: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Pairs of this run's themes that look alike, offered to staff as a merge: [{"theme": id, "target": id,
    # "similarity": 0.31}], found when the run finishes and after each curation (feedback.curation).
    merge_suggestions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # When staff chose this run's themes for the public page, and who: the public page lists a question's
    # themes only from its published run (at most one per question, see feedback.services.public), never
    # from a run nobody has looked at.
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))

    survey: Mapped[Survey] = relationship()
    question: Mapped[Question] = relationship()
    wave: Mapped[Wave | None] = relationship()
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    themes: Mapped[list[Theme]] = relationship(
        back_populates="run", cascade="all, delete-orphan", passive_deletes=True, order_by="Theme.position"
    )

    __table_args__ = (Index(None, "question_id", "created_at"), Index(None, "survey_id", "id"))


class ThemeLineage(db.Model):
    """One theme of a question as the partnership knows it, across runs and waves.

    Each run's :class:`Theme` rows are snapshots; the lineage is the lasting identity that actions,
    trends and shared measures point at. ``label`` is the name staff last gave it (or the engine's);
    ``translations`` the names staff gave it for readers of the survey's other languages
    (``{"es": "Horarios del autobús"}``), kept here so a re-run or a new wave keeps them.
    """

    __tablename__ = "theme_lineage"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(200))
    translations: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    question: Mapped[Question] = relationship()

    __table_args__ = (UniqueConstraint("question_id", "key"),)


class Theme(db.Model):
    """A theme as a run found it, with the staff's curation applied on top (label, hidden)."""

    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("theme_run.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    # The engine's name for the theme as its answers stand (recomputed after a merge, split or move);
    # ``label`` is what staff read: the engine's name until staff rename the theme.
    engine_label: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(200))
    # The engine's other names for it, best first: offered when staff rename the theme.
    alternatives: Mapped[list[str]] = mapped_column(JSON, default=list)
    terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    size: Mapped[int] = mapped_column(Integer, default=0)
    sentiment: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    quotes: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Answers per language the engine read them in ({"en": 12, "vi": 3}): pages print them protected.
    languages: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # The engine's name and quotes from the answers in each language that has enough of them
    # ({"vi": "Trông con"}, {"vi": ["…"]}), for readers of that language; ``label`` stays the staff name.
    labels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    language_quotes: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    # Staff marked it "not useful": kept, but shown apart.
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    # The engine's "Other" bucket: answers far from every theme, never merged into a real one by the engine.
    other: Mapped[bool] = mapped_column(Boolean, default=False)
    # Merged into another theme or split into smaller ones: no longer shown, but kept so that a
    # later run can recognise the theme the engine found and replay the curation on it.
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # The theme of earlier runs it continues (matched by shared answers and terms): the key of its
    # ThemeLineage row, which curation steps name.
    lineage: Mapped[str] = mapped_column(String(32), default=new_public_id)
    lineage_id: Mapped[int | None] = mapped_column(ForeignKey("theme_lineage.id", ondelete="SET NULL"), index=True)

    run: Mapped[ThemeRun] = relationship(back_populates="themes")
    lineage_row: Mapped[ThemeLineage | None] = relationship()

    __table_args__ = (Index(None, "run_id", "position"),)


class ThemeAssignment(db.Model):
    """Which theme each answer landed in (theme null: set apart as a non-answer, with a reason)."""

    __tablename__ = "theme_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("theme_run.id", ondelete="CASCADE"))
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    # Where the engine put it, before any curation: what later runs are matched against.
    engine_theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    second_theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    score: Mapped[float | None] = mapped_column(Float)
    sentiment: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("run_id", "answer_id"),
        Index(None, "run_id", "theme_id"),
        Index(None, "answer_id"),  # deleting an answer must not scan every run's assignments
    )


class CurationKind(enum.StrEnum):
    RENAME = "rename"
    MERGE = "merge"
    SPLIT = "split"
    HIDE = "hide"
    SHOW = "show"
    MOVE = "move"


class CurationStep(db.Model):
    """One curation decision on a question's themes, kept so later runs and waves re-apply it.

    Steps name themes by ``lineage`` (stable across runs), not by a run's theme rows.
    """

    __tablename__ = "curation_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    kind: Mapped[CurationKind] = mapped_column(enum_type(CurationKind, "curation_kind"))
    lineage: Mapped[str] = mapped_column(String(32))
    # merge: the theme it went into; move: the theme the answer went to.
    target_lineage: Mapped[str | None] = mapped_column(String(32))
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"))
    label: Mapped[str | None] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index(None, "question_id", "id"),)


class KeptApart(db.Model):
    """Two themes of a question that staff said are different: their merge is not suggested again.

    Named by lineage, so the answer holds in later runs and waves (``lineage`` sorts before ``other``).
    """

    __tablename__ = "theme_kept_apart"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    lineage: Mapped[str] = mapped_column(String(32))
    other: Mapped[str] = mapped_column(String(32))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("question_id", "lineage", "other"),)


class SplitJob(db.Model):
    """A staff request to split one theme of a finished run into smaller themes, carried out by a
    background job (re-grouping a theme's answers runs the theme engine, too slow for a web request).

    Its page follows it as a run's page follows the run; once done it points at the largest part, where
    the report opens. At most one split of a run waits or runs at a time (checked by the service).
    """

    __tablename__ = "split_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    run_id: Mapped[int] = mapped_column(ForeignKey("theme_run.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    # The theme's name when the split was asked for: what its page and its result say.
    label: Mapped[str] = mapped_column(String(200))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    status: Mapped[RunStatus] = mapped_column(enum_type(RunStatus, "run_status"), default=RunStatus.QUEUED)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str] = mapped_column(Text, default="")
    # The new theme with the most answers (where the report opens), once the split is done.
    largest_part_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    run: Mapped[ThemeRun] = relationship()
    theme: Mapped[Theme] = relationship(foreign_keys=[theme_id])
    largest_part: Mapped[Theme | None] = relationship(foreign_keys=[largest_part_id])

    __table_args__ = (Index(None, "run_id", "status"),)
