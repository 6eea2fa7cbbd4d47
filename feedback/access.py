"""Who may see and change what: every staff loader and permission check lives here.

A view asks this module for the object named in its URL; it gets the object with what the signed-in
person may do with it, or the request ends with 404 or 403. Objects of a partnership the person does
not belong to answer 404 (not 403), so ids cannot be probed. ``tests/staff/test_access.py`` runs every
staff route against every role and keeps this true.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from flask import abort
from flask_login import current_user

from surveys.models import Organization, Partnership, Question, Response, ResponseImport, Survey, Wave
from surveys.question_types import get_type

from .extensions import db
from .models import (
    Action,
    DeviceToken,
    Measure,
    Membership,
    Role,
    SplitJob,
    Theme,
    ThemeAssignment,
    ThemeLineage,
    ThemeRun,
    User,
)


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

    @property
    def can_import(self) -> bool:
        """Import past answers from another tool: the partnership's admins and analysts (a partner
        could otherwise add answers to reports everyone in the partnership reads)."""
        return self.can_manage and self.membership.role is not Role.PARTNER

    def require(self, permission: str) -> SurveyAccess:
        """This grant, or 403 when it lacks ``permission`` (``"can_manage"``, ``"can_see_responses"``,
        ``"can_import"``)."""
        if not getattr(self, permission):
            abort(403)
        return self


# -- partnerships and people ---------------------------------------------------------------------------

def membership_for(partnership_id: int) -> Membership:
    """The current user's membership in a partnership, or 404."""
    membership = current_user.membership_in(partnership_id)
    if membership is None:
        abort(404)
    return membership


def partnership_access(slug: str) -> tuple[Partnership, Membership]:
    """A partnership the current user belongs to, with their membership, or 404."""
    partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == slug))
    if partnership is None:
        abort(404)
    return partnership, membership_for(partnership.id)


def administered_partnership(slug: str) -> Partnership:
    """A partnership whose people the current user manages: its admins only (403 for other members)."""
    partnership, membership = partnership_access(slug)
    if membership.role is not Role.ADMIN:
        abort(403)
    return partnership


def survey_creator(partnership_slug: str) -> Membership:
    """The current user's membership, when it may start surveys in the partnership: admins, analysts, and
    partners who work for an organization (their surveys are that organization's)."""
    _, membership = partnership_access(partnership_slug)
    if membership.role is Role.PARTNER and membership.organization_id is None:
        abort(403)
    return membership


def new_survey_organizations(membership: Membership) -> list[Organization]:
    """The organizations a new survey may belong to: a partner's own, else every partner organization."""
    if membership.role is Role.PARTNER:  # a partner's surveys are their organization's
        return [membership.organization]
    return list(membership.partnership.organizations)


def new_survey_organization(membership: Membership, chosen_slug: str | None) -> Organization | None:
    """The organization a new survey is filed under: a partner's own; else the one chosen, if any."""
    if membership.role is Role.PARTNER:
        return membership.organization
    return next((o for o in membership.partnership.organizations if o.slug == chosen_slug), None)


def can_administer(admin: User, user: User) -> bool:
    """An admin may reset or deactivate an account only if they are admin of every partnership the
    account belongs to: a password reset or deactivation reaches all of them."""
    administered = {m.partnership_id for m in admin.memberships if m.role is Role.ADMIN}
    return all(m.partnership_id in administered for m in user.memberships)


def administered_person(partnership: Partnership, user_id: int) -> User:
    """A member of ``partnership`` whose account the current (admin) user may change: 404 for someone
    who is not a member, 403 for an account that also belongs to a partnership they do not run."""
    membership = db.session.scalar(db.select(Membership).where(
        Membership.partnership_id == partnership.id, Membership.user_id == user_id))
    if membership is None:
        abort(404)
    if not can_administer(current_user, membership.user):
        abort(403)
    return membership.user


# -- surveys and what hangs off them ---------------------------------------------------------------------

def survey_access(slug: str) -> SurveyAccess:
    """Load a survey by slug for the current user, or 404."""
    survey = db.session.scalar(db.select(Survey).where(Survey.slug == slug))
    if survey is None:
        abort(404)
    return SurveyAccess(survey, membership_for(survey.partnership_id))


def question_of(survey: Survey, key: str, summaries: Collection[str]) -> Question:
    """The survey's question ``key`` when reports summarise it one of the ways in ``summaries``
    (``"text"`` for themes; ``"choice"``, ``"scale"``, ``"number"`` for counts), or 404."""
    question = next((q for q in survey.questions if q.key == key), None)
    if question is None or get_type(question.type).summary not in summaries:
        abort(404)
    return question


def questions_of(survey: Survey, key: str, summaries: Collection[str]) -> list[Question]:
    """``[question_of(survey, key, summaries)]``, or with ``key`` "all" every question of the survey that
    reports summarise one of those ways."""
    if key == "all":
        return [q for q in survey.questions if get_type(q.type).summary in summaries]
    return [question_of(survey, key, summaries)]


def wave_of(survey: Survey, value: str | None) -> Wave | None:
    """The wave named in a form or query string (by id), ``None`` for all waves; unknown ids are 404."""
    if not value:
        return None
    wave = next((w for w in survey.waves if str(w.id) == value), None)
    if wave is None:
        abort(404)
    return wave


def run_access(public_id: str) -> tuple[ThemeRun, SurveyAccess]:
    """A theme run by public id with the current user's grant on its survey, or 404."""
    run = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == public_id))
    if run is None:
        abort(404)
    return run, SurveyAccess(run.survey, membership_for(run.survey.partnership_id))


def split_access(public_id: str) -> tuple[SplitJob, SurveyAccess]:
    """A theme split by public id with the current user's grant on its run's survey, or 404."""
    job = db.session.scalar(db.select(SplitJob).where(SplitJob.public_id == public_id))
    if job is None:
        abort(404)
    return job, SurveyAccess(job.run.survey, membership_for(job.run.survey.partnership_id))


def theme_in_run(public_id: str, theme_id: int) -> tuple[ThemeRun, SurveyAccess, Theme]:
    """A theme still shown in a run (not merged or split away), with its run and grant, or 404."""
    run, grant = run_access(public_id)
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.run_id != run.id or theme.retired:
        abort(404)
    return run, grant, theme


def other_theme(run: ThemeRun, theme_id: int | None) -> Theme | None:
    """Another theme of the same run named in a form (a merge or move target); ``None`` when the id
    names nothing in this run, which the curation service refuses with a message."""
    theme = db.session.get(Theme, theme_id) if theme_id else None
    return theme if theme is not None and theme.run_id == run.id else None


def answer_in_theme(run: ThemeRun, theme: Theme, answer_id: int | None) -> int:
    """The id of an answer the run put in ``theme`` (to move it elsewhere), or 404."""
    assigned = db.session.scalar(db.select(ThemeAssignment.id).where(
        ThemeAssignment.run_id == run.id, ThemeAssignment.answer_id == answer_id,
        ThemeAssignment.theme_id == theme.id)) if answer_id else None
    if assigned is None:
        abort(404)
    return answer_id


# -- closing the loop: actions and shared measures ----------------------------------------------------------

def manages_work_of(membership: Membership, organization_id: int | None) -> bool:
    """Whether a member may change an action or measure owned by ``organization_id``: admins and analysts
    (who manage every survey) change all; a partner only their own organization's."""
    if membership.role is Role.PARTNER:
        return membership.organization_id is not None and organization_id == membership.organization_id
    return True


def require_work_of(membership: Membership, organization_id: int | None) -> None:
    """403 unless the member may own work of ``organization_id`` (a partner: only their organization's)."""
    if not manages_work_of(membership, organization_id):
        abort(403)


def loop_manager(partnership_slug: str) -> tuple[Partnership, Membership]:
    """A partnership whose actions and measures the current user may add to: admins, analysts, and
    partners who work for an organization (what they add is that organization's), else 403."""
    partnership, membership = partnership_access(partnership_slug)
    if membership.role is Role.PARTNER and membership.organization_id is None:
        abort(403)
    return partnership, membership


def owner_choices(partnership: Partnership, membership: Membership) -> list:
    """The organizations the member may name as an action's or measure's owner."""
    if membership.role is Role.PARTNER:
        return [o for o in partnership.organizations if o.id == membership.organization_id]
    return list(partnership.organizations)


def action_access(public_id: str) -> tuple[Action, Membership]:
    """An action by public id with the current user's membership in its partnership, or 404."""
    return _loop_item(Action, public_id)


def managed_action(public_id: str) -> tuple[Action, Membership]:
    """An action the current user may change (see :func:`manages_work_of`), else 404 or 403."""
    return _managed(*action_access(public_id))


def measure_access(public_id: str) -> tuple[Measure, Membership]:
    """A measure by public id with the current user's membership in its partnership, or 404."""
    return _loop_item(Measure, public_id)


def managed_measure(public_id: str) -> tuple[Measure, Membership]:
    """A measure whose values the current user may enter (see :func:`manages_work_of`), else 404 or 403."""
    return _managed(*measure_access(public_id))


def _loop_item(model: type[Action | Measure], public_id: str):
    item = db.session.scalar(db.select(model).where(model.public_id == public_id))
    if item is None:
        abort(404)
    return item, membership_for(item.partnership_id)


def _managed(item: Action | Measure, membership: Membership):
    if not manages_work_of(membership, item.organization_id):
        abort(403)
    return item, membership


def may_read_quotes(lineage: ThemeLineage, membership: Membership) -> bool:
    """Quotes are individual answers: shown to whoever may read the theme's answers page."""
    return SurveyAccess(lineage.question.survey, membership).can_see_responses


def theme_to_act_on(partnership: Partnership, lineage_id: int | None) -> ThemeLineage | None:
    """The theme named in "act on this theme" (a lineage of this partnership's questions), else ``None``."""
    lineage = db.session.get(ThemeLineage, lineage_id) if lineage_id else None
    if lineage is None or lineage.question.survey.partnership_id != partnership.id:
        return None
    return lineage


# -- occupation coding ---------------------------------------------------------------------------------

def occupation_reviewer(slug: str) -> Partnership:
    """A partnership whose coded job titles the current user may review: admins and analysts (the
    queue shows individual answers from every survey), 403 for partners."""
    partnership, membership = partnership_access(slug)
    if membership.role is Role.PARTNER:
        abort(403)
    return partnership


def occupation_answer(partnership: Partnership, response_id: int | None, question_id: int | None) -> Question:
    """The occupation question of a stored answer in one of the partnership's surveys (to recode a job
    title in it), or 404."""
    question = db.session.get(Question, question_id) if question_id else None
    if (question is None or question.survey.partnership_id != partnership.id or response_id is None
            or getattr(get_type(question.type), "occupation_side", None) is None):
        abort(404)
    survey_id = db.session.scalar(db.select(Response.survey_id).where(Response.id == response_id))
    if survey_id != question.survey_id:
        abort(404)
    return question


def device_of(grant: SurveyAccess, public_id: str) -> DeviceToken:
    """A device token of the survey ``grant`` reaches, or 404."""
    device = db.session.scalar(db.select(DeviceToken).where(DeviceToken.public_id == public_id,
                                                            DeviceToken.survey_id == grant.survey.id))
    if device is None:
        abort(404)
    return device


def import_of(public_id: str) -> tuple[ResponseImport, SurveyAccess]:
    """A file of past answers and the grant to its survey, for someone who may import there (404 for
    another partnership's, 403 for partners)."""
    record = db.session.scalar(db.select(ResponseImport).where(ResponseImport.public_id == public_id))
    if record is None:
        abort(404)
    return record, survey_access(record.survey.slug).require("can_import")
