"""The people of a partnership, for the admins who manage them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from surveys.models import Partnership

from ..extensions import db
from ..models import Membership, User


def members(partnership: Partnership) -> list[Membership]:
    """Every membership of the partnership with its person, by email, in one query."""
    return list(db.session.scalars(
        sa.select(Membership).join(User, User.id == Membership.user_id)
        .where(Membership.partnership_id == partnership.id)
        .options(joinedload(Membership.user), joinedload(Membership.organization))
        .order_by(User.email)
    ))
