"""Credentials for machines: staff API tokens and OpenRosa device tokens.

Only a SHA-256 of each token is stored (tokens are long random strings, so a slow hash adds nothing);
the token itself is shown once, when it is made. Both kinds are revocable and remember when they were
last used, so an admin can see a forgotten one and revoke it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.db import db
from surveys.models import Partnership, Survey, enum_type, new_public_id, utcnow

from .accounts import Role, User


class ApiToken(db.Model):
    """A staff member's personal token for ``/api/v1``: one partnership, a role no higher than the
    person's own there, and an expiry. It stops working when revoked, when it expires, or when the
    person loses their membership or is deactivated."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), index=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role, "api_token_role"))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()
    partnership: Mapped[Partnership] = relationship()

    def __repr__(self) -> str:
        return f"<ApiToken {self.name}>"


class DeviceToken(db.Model):
    """A phone or tablet's access to one survey through OpenRosa (ODK Collect, KoboCollect, Enketo):
    it may list and download that survey's form and send submissions to it, nothing else."""

    __tablename__ = "device_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    survey: Mapped[Survey] = relationship()

    def __repr__(self) -> str:
        return f"<DeviceToken {self.name}>"
