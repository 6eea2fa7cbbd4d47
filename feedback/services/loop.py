"""Closing the loop: staff record what partners will change (actions) and what they agreed to move
(shared measures, and the outcome values they enter per period).

Each function changes the session, adds its audit line and flushes; the view commits once. Objects
named by id (themes, measures, questions, organizations) are looked up inside the partnership only, so
a form cannot link another partnership's objects.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import format_number
from flask_babel import gettext as _

from surveys.models import Organization, Partnership, Question, Survey
from surveys.question_types import get_type

from ..extensions import db
from ..models import (
    Action,
    ActionOccupation,
    ActionStatus,
    Measure,
    MeasureDirection,
    MeasureKind,
    MeasureValue,
    ThemeLineage,
)
from . import ActionRefused
from .audit import record_audit

SOC_CODE = re.compile(r"\d{2}-\d{4}")
"""An SOC 2018 code as written in the occupation reports: ``29-1141``."""

LANGUAGES = ("en", "es")
"""The languages of the public page: public summaries and measure names are asked for in each."""


@dataclass
class ActionFields:
    """What staff fill in for an action, parsed by the view."""

    title: str
    organization_id: int | None
    status: ActionStatus = ActionStatus.NOT_STARTED
    percent_complete: int = 0
    details: str = ""
    owner: str = ""
    due_on: date | None = None
    public_summary: dict[str, str] = field(default_factory=dict)
    public: bool = True
    lineage_ids: list[int] = field(default_factory=list)
    measure_ids: list[int] = field(default_factory=list)
    soc_codes: list[str] = field(default_factory=list)  # occupations (SOC 2018) the action answers


@dataclass
class MeasureFields:
    """What staff fill in for a shared measure, parsed by the view.

    ``options``: for an answer-based measure, (question id, option key) pairs, all of one question.
    """

    name: dict[str, str]
    kind: MeasureKind
    direction: MeasureDirection = MeasureDirection.UP
    description: dict[str, str] = field(default_factory=dict)
    target: float | None = None
    baseline: float | None = None
    unit: str = ""
    options: list[tuple[int, str]] = field(default_factory=list)
    lineage_id: int | None = None
    organization_id: int | None = None
    public: bool = True


# -- actions ---------------------------------------------------------------------------------------------

def create_action(partnership: Partnership, fields: ActionFields, *, user_id: int | None) -> Action:
    """Record an action a partner will take, linked to the themes behind it and the measures it moves."""
    action = Action(partnership=partnership, created_by_id=user_id)
    _apply(action, partnership, fields)
    db.session.add(action)
    db.session.flush()
    record_audit(partnership.id, "action.create", "action", action.public_id,
                 {"title": action.title, "themes": [t.id for t in action.themes]})
    db.session.flush()
    return action


def update_action(action: Action, fields: ActionFields) -> dict[str, Any]:
    """Change an action; the audit line lists each changed field with its value before and after."""
    before = _action_state(action)
    _apply(action, action.partnership, fields)
    after = _action_state(action)
    changed = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    if changed:
        record_audit(action.partnership_id, "action.update", "action", action.public_id, {"changed": changed})
    db.session.flush()
    return changed


def _apply(action: Action, partnership: Partnership, fields: ActionFields) -> None:
    title = fields.title.strip()
    if not title:
        raise ActionRefused(_("Say what will change."), field="title")
    if not 0 <= fields.percent_complete <= 100:
        raise ActionRefused(_("Percent complete is a whole number from 0 to 100."), field="percent_complete")
    organization = _in_partnership(Organization, partnership, fields.organization_id)
    if fields.organization_id is not None and organization is None:
        raise ActionRefused(_("Choose one of the partnership's organizations."), field="organization")
    lineages = _lineages(partnership, fields.lineage_ids)
    if len(lineages) != len(set(fields.lineage_ids)):
        raise ActionRefused(_("Choose themes of this partnership's surveys."), field="themes")
    measures = list(db.session.scalars(sa.select(Measure).where(
        Measure.partnership_id == partnership.id, Measure.id.in_(fields.measure_ids)))) if fields.measure_ids else []
    if len(measures) != len(set(fields.measure_ids)):
        raise ActionRefused(_("Choose measures of this partnership."), field="measures")
    codes = list(dict.fromkeys(code.strip() for code in fields.soc_codes if code.strip()))
    wrong = [code for code in codes if not SOC_CODE.fullmatch(code)]
    if wrong:
        raise ActionRefused(_("Write occupations as SOC codes like 29-1141 (not “%(code)s”).", code=wrong[0]),
                            field="occupations")
    action.title = title
    action.occupations = [o for o in action.occupations if o.soc_code in codes] + [
        ActionOccupation(soc_code=code) for code in codes if code not in {o.soc_code for o in action.occupations}]
    action.details = fields.details.strip()
    action.owner = fields.owner.strip()
    action.due_on = fields.due_on
    action.organization = organization
    action.status = fields.status
    action.percent_complete = fields.percent_complete
    action.public_summary = {lang: text.strip() for lang, text in fields.public_summary.items() if text.strip()}
    action.public = fields.public
    action.themes = lineages
    action.measures = measures


def _action_state(action: Action) -> dict[str, Any]:
    return {
        "title": action.title, "details": action.details, "owner": action.owner,
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "organization": action.organization.slug if action.organization else None,
        "status": action.status.value if action.status else None,
        "percent_complete": action.percent_complete, "public_summary": dict(action.public_summary or {}),
        "public": action.public, "themes": [t.id for t in action.themes], "measures": [m.id for m in action.measures],
        "occupations": sorted(o.soc_code for o in action.occupations),
    }


# -- measures --------------------------------------------------------------------------------------------

def create_measure(partnership: Partnership, fields: MeasureFields, *, user_id: int | None) -> Measure:
    """Define a shared measure: answer-based (a closed question's options), a theme's share, or an
    outcome whose values staff enter per period."""
    name = {lang: text.strip() for lang, text in fields.name.items() if text and text.strip()}
    if not name.get("en"):
        raise ActionRefused(_("Name the measure in English."), field="name_en")
    measure = Measure(partnership=partnership, name=name, kind=fields.kind, direction=fields.direction,
                      created_by_id=user_id, public=fields.public,
                      description={k: v.strip() for k, v in fields.description.items() if v and v.strip()})
    organization = _in_partnership(Organization, partnership, fields.organization_id)
    if fields.organization_id is not None and organization is None:
        raise ActionRefused(_("Choose one of the partnership's organizations."), field="organization")
    measure.organization = organization
    if fields.kind is MeasureKind.ANSWER_SHARE:
        measure.question, measure.option_keys = _counted_options(partnership, fields.options)
        measure.unit = "percent"
    elif fields.kind is MeasureKind.THEME_SHARE:
        lineages = _lineages(partnership, [fields.lineage_id] if fields.lineage_id else [])
        if not lineages:
            raise ActionRefused(_("Choose the theme whose share this measure follows."), field="lineage")
        measure.lineage = lineages[0]
        measure.unit = "percent"
    else:
        measure.unit = fields.unit.strip()
        if not measure.unit:
            raise ActionRefused(_("Say what is counted, e.g. “placements”."), field="unit")
    for name_, value in (("target", fields.target), ("baseline", fields.baseline)):
        if value is not None and (not math.isfinite(value) or (measure.unit == "percent" and not 0 <= value <= 100)):
            raise ActionRefused(_("A target in percent is a number from 0 to 100.") if name_ == "target"
                                else _("A baseline in percent is a number from 0 to 100."), field=name_)
    measure.target, measure.baseline = fields.target, fields.baseline
    db.session.add(measure)
    db.session.flush()
    record_audit(partnership.id, "measure.create", "measure", measure.public_id,
                 {"name": name["en"], "kind": fields.kind.value, "target": fields.target})
    db.session.flush()
    return measure


MAX_MEASURE_VALUE = 1e12
"""The largest outcome value accepted: far above any count a partnership reports, far below what breaks charts."""


def add_measure_value(measure: Measure, period: str, period_end: date, value: float, note: str = "", *,
                      user_id: int | None) -> tuple[MeasureValue, bool]:
    """Enter one period's value of an outcome measure (answer-based measures compute their own).

    A period that already has a value is corrected (a typo in last quarter's placements must be
    fixable), with the old and new value in the audit trail. Returns the entry and whether it was a
    correction.
    """
    if measure.kind is not MeasureKind.OUTCOME:
        raise ActionRefused(_("This measure is computed from answers each wave; values cannot be entered."))
    period = period.strip()
    if not period:
        raise ActionRefused(_("Name the period, e.g. “2026 Q3”."), field="period")
    if not math.isfinite(value) or value < 0 or value > MAX_MEASURE_VALUE:
        raise ActionRefused(_("Enter the value as a number from 0 to %(most)s.", most=format_number(MAX_MEASURE_VALUE)),
                            field="value")
    if not 2000 <= period_end.year <= 2100:
        raise ActionRefused(_("Enter the period's last day as a date between 2000 and 2100."), field="period_end")
    if measure.unit == "percent" and value > 100:
        raise ActionRefused(_("A value in percent is at most 100."), field="value")
    entry = next((v for v in measure.values if v.period == period), None)
    before = None if entry is None else {"value": entry.value, "period_end": entry.period_end.isoformat(),
                                         "note": entry.note}
    if entry is None:
        entry = MeasureValue(measure=measure, period=period)
        db.session.add(entry)
    entry.period_end, entry.value, entry.note, entry.entered_by_id = period_end, value, note.strip(), user_id
    db.session.flush()
    details: dict[str, Any] = {"period": period, "value": value}
    if before is not None:
        details["before"] = before
    record_audit(measure.partnership_id, "measure.value.correct" if before else "measure.value", "measure",
                 measure.public_id, details)
    db.session.flush()
    return entry, before is not None


def _counted_options(partnership: Partnership, options: list[tuple[int, str]]) -> tuple[Question, list[str]]:
    """The one closed question the chosen options belong to, and their keys, checked."""
    question_ids = {question_id for question_id, _key in options}
    if len(question_ids) != 1:
        raise ActionRefused(_("Choose the answers that count, all from one question.") if options
                            else _("Choose the answers that count."), field="options")
    question = db.session.scalar(sa.select(Question).join(Survey, Survey.id == Question.survey_id).where(
        Question.id == question_ids.pop(), Survey.partnership_id == partnership.id))
    question_type = get_type(question.type) if question is not None else None
    if question_type is None or question_type.summary != "choice":
        raise ActionRefused(_("Choose answers of a closed question of this partnership."), field="options")
    keys = [key for _question_id, key in options]
    known = [option["key"] for option in question.options]
    if any(key not in known for key in keys):
        raise ActionRefused(_("Choose answers the question offers."), field="options")
    if getattr(question_type, "multiple", False) and len(keys) > 1:
        raise ActionRefused(_("People may choose several answers to this question, so a measure counts one of "
                              "them: choose one answer, or define one measure per answer."), field="options")
    return question, [key for key in known if key in keys]


def _lineages(partnership: Partnership, ids: list[int]) -> list[ThemeLineage]:
    if not ids:
        return []
    return list(db.session.scalars(
        sa.select(ThemeLineage).join(Question, Question.id == ThemeLineage.question_id)
        .join(Survey, Survey.id == Question.survey_id)
        .where(ThemeLineage.id.in_(ids), Survey.partnership_id == partnership.id).order_by(ThemeLineage.id)))


def _in_partnership(model: type, partnership: Partnership, object_id: int | None) -> Any:
    if object_id is None:
        return None
    found = db.session.get(model, object_id)
    return found if found is not None and found.partnership_id == partnership.id else None
