"""Actions: the board of what partners are changing, an action with the voice behind it, and adding or
editing one (from any theme, through "Act on this theme")."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from surveys.models import Partnership

from .. import access
from ..extensions import db
from ..models import Action, Membership
from ..queries import loop as loop_queries
from ..services import ActionRefused
from ..services import loop as loop_service
from .blueprint import bp
from .loop_forms import STATUS_NAMES, ActionEditForm, BoardFilterForm, hidden_words


@bp.get("/partnerships/<partnership_slug>/actions")
def actions(partnership_slug: str) -> ResponseReturnValue:
    """Every action of the partnership, filtered by status, partner or theme."""
    partnership, membership = access.partnership_access(partnership_slug)
    lineages = loop_queries.partnership_lineages(partnership)
    filters = BoardFilterForm.build(partnership.organizations, lineages, request.args)
    board = loop_queries.actions_board(partnership, **filters.filters())
    return render_template("staff/actions.html", partnership=partnership, membership=membership, actions=board,
                           filters=filters, status_names=STATUS_NAMES,
                           may_manage=lambda a: access.manages_work_of(membership, a.organization_id))


@bp.route("/partnerships/<partnership_slug>/actions/new", methods=["GET", "POST"])
def new_action(partnership_slug: str) -> ResponseReturnValue:
    """Record an action; ``?theme=<lineage id>`` (from a theme's report or page) or ``?soc=<SOC code>``
    (from an occupation gap) starts the form linked to it."""
    partnership, membership = access.loop_manager(partnership_slug)
    form = _action_form(partnership, membership)
    lineage = access.theme_to_act_on(partnership, request.args.get("theme", type=int))
    if not form.is_submitted():  # "act on this theme" or on an occupation gap
        form.themes.data = [lineage.id] if lineage is not None else []
        form.occupations.data = request.args.get("soc", "")[:500]
    if form.validate_on_submit():
        try:
            access.require_work_of(membership, form.fields().organization_id)
            action = loop_service.create_action(partnership, form.fields(), user_id=current_user.id)
        except ActionRefused as refused:
            form.refuse(refused)
        else:
            db.session.commit()
            flash(_("Recorded the action “%(title)s”.", title=action.title))
            return redirect(url_for("staff.action", action_id=action.public_id))
    return render_template("staff/action_form.html", partnership=partnership, form=form, action=None,
                           from_theme=lineage), 422 if form.errors or form.form_errors else 200


@bp.get("/actions/<action_id>")
def action(action_id: str) -> ResponseReturnValue:
    """One action with the voice behind it: each theme's size and share per wave, and quotes for those
    who may read answers."""
    action, membership = access.action_access(action_id)
    voices = loop_queries.action_voice(action, lambda lineage: access.may_read_quotes(lineage, membership))
    return render_template("staff/action.html", action=action, partnership=action.partnership, voices=voices,
                           status_names=STATUS_NAMES, may_manage=access.manages_work_of(membership, action.organization_id),
                           **hidden_words(action.partnership.small_cell_threshold))


@bp.route("/actions/<action_id>/edit", methods=["GET", "POST"])
def edit_action(action_id: str) -> ResponseReturnValue:
    """Change an action (status, progress, public summary, links); every change is audited."""
    action, membership = access.managed_action(action_id)
    form = _action_form(action.partnership, membership, action)
    if form.validate_on_submit():
        try:
            access.require_work_of(membership, form.fields().organization_id)
            changed = loop_service.update_action(action, form.fields())
        except ActionRefused as refused:
            form.refuse(refused)
        else:
            db.session.commit()
            flash(_("Saved.") if changed else _("Nothing changed."))
            return redirect(url_for("staff.action", action_id=action.public_id))
    return render_template("staff/action_form.html", partnership=action.partnership, form=form, action=action,
                           from_theme=None), 422 if form.errors or form.form_errors else 200


def _action_form(partnership: Partnership, membership: Membership, action: Action | None = None) -> ActionEditForm:
    """The action form offering what this member may choose: a partner names only their organization."""
    return ActionEditForm.build(access.owner_choices(partnership, membership),
                                loop_queries.partnership_lineages(partnership),
                                loop_queries.partnership_measures(partnership), action)
