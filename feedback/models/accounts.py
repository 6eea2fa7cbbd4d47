"""Staff accounts and their roles in partnerships. Respondents never have accounts."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from surveys.db import db
from surveys.models import Organization, Partnership, enum_type, utcnow


class Role(enum.StrEnum):
    """What a staff member may do in one partnership."""

    ADMIN = "admin"  # everything, including users and partners
    ANALYST = "analyst"  # every survey and report of the partnership
    PARTNER = "partner"  # their organization's surveys, plus aggregated, suppressed reports


class User(UserMixin, db.Model):
    """A staff member. Respondents never have accounts."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped on sign-out and password change: every cookie carrying an older version stops working,
    # even a copied one replayed later.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The language of staff pages this person chose; None follows their browser (feedback.interface_language).
    interface_language: Mapped[str | None] = mapped_column(String(16))

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @staticmethod
    def normalize_email(email: str) -> str:
        return email.strip().lower()

    def set_password(self, password: str) -> None:
        """Hash with scrypt (memory-hard) and end every existing session."""
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.session_version = (self.session_version or 0) + 1

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        # The version travels in the session: bumping it signs the user out everywhere.
        return f"{self.id}:{self.session_version}"

    def membership_in(self, partnership_id: int) -> Membership | None:
        return next((m for m in self.memberships if m.partnership_id == partnership_id), None)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class Membership(db.Model):
    """A user's role in one partnership; partner-role members belong to one organization."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role, "staff_role"))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(back_populates="memberships")
    partnership: Mapped[Partnership] = relationship()
    organization: Mapped[Organization | None] = relationship()

    __table_args__ = (UniqueConstraint("user_id", "partnership_id"),)
