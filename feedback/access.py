"""Access checks on staff objects: every lookup goes through here, so no view can forget one.

Objects of a partnership the user does not belong to answer 404 (not 403), so ids cannot be probed.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_login import current_user

from surveys.models import Survey

from .extensions import db
from .models import Membership, Role, ThemeRun


@dataclass(frozen=True)
class SurveyAccess:
    """A survey and what the current user may do with it."""

    survey: Survey
    membership: Membership

    @property
    def can_see_responses(self) -> bool:
        """Individual answers: admins and analysts, or the partner whose survey it is."""
        if self.membership.role is Role.PARTNER:
            return (
                self.membership.organization_id is not None
                and self.survey.organization_id == self.membership.organization_id
            )
        return True

    @property
    def can_manage(self) -> bool:
        """Edit, open/close, start waves, run and curate themes."""
        return self.can_see_responses

    def require(self, permission: str) -> SurveyAccess:
        if not getattr(self, permission):
            abort(403)
        return self


def memberships() -> list[Membership]:
    return list(current_user.memberships)


def membership_for(partnership_id: int) -> Membership:
    membership = current_user.membership_in(partnership_id)
    if membership is None:
        abort(404)
    return membership


def survey_access(slug: str) -> SurveyAccess:
    """Load a survey by slug for the current user, or 404."""
    survey = db.session.scalar(db.select(Survey).where(Survey.slug == slug))
    if survey is None:
        abort(404)
    return SurveyAccess(survey, membership_for(survey.partnership_id))


def run_access(public_id: str) -> tuple[ThemeRun, SurveyAccess]:
    run = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == public_id))
    if run is None:
        abort(404)
    return run, SurveyAccess(run.survey, membership_for(run.survey.partnership_id))


def require_admin(partnership_id: int) -> Membership:
    membership = membership_for(partnership_id)
    if membership.role is not Role.ADMIN:
        abort(403)
    return membership
