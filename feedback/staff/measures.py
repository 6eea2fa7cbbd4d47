"""Shared measures: the partnership's measures with where each stands, defining one, and a measure's
page (its progress per wave or period toward the target, the actions linked to it, and, for outcome
measures, entering a period's value)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from .. import access
from ..extensions import db
from ..models import Measure, MeasureKind, Membership
from ..queries import loop as loop_queries
from ..services import ActionRefused
from ..services import loop as loop_service
from .blueprint import bp
from .loop_forms import KIND_NAMES, STATUS_NAMES, MeasureForm, MeasureValueForm, hidden_words


@bp.get("/partnerships/<partnership_slug>/measures")
def measures(partnership_slug: str) -> ResponseReturnValue:
    """Every shared measure of the partnership: its target and where it stands now."""
    partnership, _membership = access.partnership_access(partnership_slug)
    views = [loop_queries.measure_view(m, f"m{m.id}") for m in loop_queries.partnership_measures(partnership)]
    return render_template("staff/measures.html", partnership=partnership, views=views, kind_names=KIND_NAMES)


@bp.route("/partnerships/<partnership_slug>/measures/new", methods=["GET", "POST"])
def new_measure(partnership_slug: str) -> ResponseReturnValue:
    """Define a measure: answer-based, a theme's share, or an outcome entered per period."""
    partnership, membership = access.loop_manager(partnership_slug)
    form = MeasureForm.build(access.owner_choices(partnership, membership),
                             loop_queries.partnership_lineages(partnership), loop_queries.closed_questions(partnership))
    if form.validate_on_submit():
        try:
            access.require_work_of(membership, form.fields().organization_id)
            measure = loop_service.create_measure(partnership, form.fields(), user_id=current_user.id)
        except ActionRefused as refused:
            form.refuse(refused)
        else:
            db.session.commit()
            flash(_("Defined the measure “%(name)s”.", name=measure.name["en"]))
            return redirect(url_for("staff.measure", measure_id=measure.public_id))
    return render_template("staff/measure_form.html", partnership=partnership, form=form), \
        422 if form.errors or form.form_errors else 200


@bp.get("/measures/<measure_id>")
def measure(measure_id: str) -> ResponseReturnValue:
    """A measure's progress toward its target (a table and its chart) and the actions linked to it."""
    measure, membership = access.measure_access(measure_id)
    return _measure_page(measure, membership, MeasureValueForm(formdata=None))


@bp.post("/measures/<measure_id>/values")
def add_measure_value(measure_id: str) -> ResponseReturnValue:
    """Enter (or correct) one period's value of an outcome measure; a mistake comes back with what was typed."""
    measure, membership = access.managed_measure(measure_id)
    form = MeasureValueForm()
    if form.validate_on_submit():
        try:
            entry, corrected = loop_service.add_measure_value(
                measure, form.period.data, form.period_end.data, form.value.data, form.note.data or "",
                user_id=current_user.id)
        except ActionRefused as refused:
            form.refuse(refused)
        else:
            db.session.commit()
            flash(_("Corrected the value for %(period)s.", period=entry.period) if corrected
                  else _("Added the value for %(period)s.", period=entry.period))
            return redirect(url_for("staff.measure", measure_id=measure.public_id))
    return _measure_page(measure, membership, form), 422


def _measure_page(measure: Measure, membership: Membership, form: MeasureValueForm) -> str:
    return render_template("staff/measure.html", partnership=measure.partnership, view=loop_queries.measure_view(measure),
                           form=form, kind_names=KIND_NAMES, status_names=STATUS_NAMES, **hidden_words(measure.partnership.small_cell_threshold),
                           may_enter=measure.kind is MeasureKind.OUTCOME
                           and access.manages_work_of(membership, measure.organization_id))
