"""Occupation coding that a partnership taught Chorus: a typed job title staff coded by hand."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from surveys.db import db
from surveys.models import utcnow


class OccupationCorrection(db.Model):
    """A typed title (normalised) and the SOC 2018 code staff gave it; the coder uses it for this
    partnership's later answers instead of guessing again."""

    __tablename__ = "occupation_correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(200))
    soc_code: Mapped[str] = mapped_column(String(10))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("partnership_id", "text"),)
