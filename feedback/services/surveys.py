"""Actions on surveys: create a draft, save its definition, open or close it, start a new wave."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_pgettext

from surveys.definition import SurveyDefinition
from surveys.editing import SurveyChangeError, apply_definition
from surveys.models import InvalidTransition, Organization, Partnership, Survey, SurveyStatus, Wave, utcnow
from surveys.services import create_survey

from ..extensions import db
from ..models import ThemeRun
from . import ActionRefused
from .audit import record_audit

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
"""A survey's public address, ``/s/<slug>``: 3–80 lowercase letters, digits and hyphens."""

STATUS_LABELS = {
    SurveyStatus.DRAFT: lazy_pgettext("survey status", "draft"),
    SurveyStatus.OPEN: lazy_pgettext("survey status", "open"),
    SurveyStatus.CLOSED: lazy_pgettext("survey status", "closed"),
}


def status_label(status: SurveyStatus) -> str:
    """A survey's status as staff read it, in their language ("draft", "borrador")."""
    return str(STATUS_LABELS[status])


def slug_problems(slug: str) -> list[str]:
    """Why ``slug`` cannot be a new survey's address (empty when it can). Each says what to do, not
    which field: forms show it beside the web address, and :func:`create_draft` names the field."""
    if not SLUG_PATTERN.fullmatch(slug):  # "$" alone would allow a trailing newline
        return [_("use 3–80 lowercase letters, digits and hyphens, e.g. %(example)s.",
                  example="spring-employer-survey")]
    if db.session.scalar(sa.select(Survey.id).where(Survey.slug == slug)):
        return [_("%(address)s is already taken; choose another.", address=f"/s/{slug}")]
    return []


def create_draft(partnership: Partnership, definition: SurveyDefinition, *, slug: str,
                 organization: Organization | None, source: str) -> Survey:
    """Start a draft survey from a definition (``source``: the template's name, or ``"file"``)."""
    problems = [_("Web address: %(problem)s", problem=problem) for problem in slug_problems(slug)]
    if problems:
        raise ActionRefused(problems[0], problems=problems, field="slug")
    survey = create_survey(partnership, definition, slug=slug, organization=organization)
    record_audit(partnership.id, "survey.create", "survey", slug, {"template": source})
    db.session.flush()
    return survey


def save_definition(survey: Survey, definition: SurveyDefinition) -> None:
    """Make the survey match an edited definition; answered questions keep their keys, types and options.

    Stored theme reports are dropped, since labels, options or demographic questions may have changed;
    they are rebuilt when next found.
    """
    try:
        apply_definition(survey, definition)
    except SurveyChangeError as error:
        raise ActionRefused(str(error), problems=list(error.errors)) from error
    db.session.execute(sa.update(ThemeRun).where(ThemeRun.survey_id == survey.id).values(report_cache=None))
    record_audit(survey.partnership_id, "survey.edit", "survey", survey.slug)
    db.session.flush()


def change_status(survey: Survey, status: SurveyStatus) -> SurveyStatus:
    """Open, pause or close a survey, as its lifecycle allows; returns the status it had."""
    previous = survey.status
    try:
        survey.move_to(status)
    except InvalidTransition as error:
        raise ActionRefused(_("A %(current)s survey cannot become %(wanted)s.", current=status_label(previous),
                              wanted=status_label(status))) from error
    record_audit(survey.partnership_id, "survey.status", "survey", survey.slug,
                 {"from": previous.value, "to": status.value})
    db.session.flush()
    return previous


def start_wave(survey: Survey, label: str = "") -> Wave:
    """File new responses under a new wave (named ``label``, or "Wave N"); the current wave closes now."""
    current = survey.current_wave
    position = current.position + 1 if current else 1
    label = label.strip()[:100] or f"Wave {position}"
    if any(wave.label == label for wave in survey.waves):
        raise ActionRefused(_("A wave called “%(label)s” already exists; choose another name.", label=label))
    now = utcnow()
    if current is not None and current.closes_at is None:
        current.closes_at = now
    wave = Wave(survey=survey, label=label, position=position, opens_at=now)
    db.session.add(wave)
    record_audit(survey.partnership_id, "survey.new_wave", "survey", survey.slug, {"label": label})
    db.session.flush()
    return wave
