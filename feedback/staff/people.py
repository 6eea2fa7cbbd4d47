"""People (admins only): add someone, give them a new password, deactivate or reactivate an account."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from .. import access
from ..accounts import generate_password
from ..extensions import db
from ..models import Role
from ..queries import people as people_queries
from ..services import ActionRefused
from ..services import accounts as account_service
from .blueprint import bp
from .forms import ActionForm, CreateUserForm


@bp.route("/partnerships/<partnership_slug>/people", methods=["GET", "POST"])
def people(partnership_slug: str) -> ResponseReturnValue:
    """Admins add staff and give them temporary passwords (shown once, never stored in clear)."""
    partnership = access.administered_partnership(partnership_slug)
    form = CreateUserForm.for_partnership(partnership)
    if form.validate_on_submit():
        organization = next((o for o in partnership.organizations if o.slug == form.organization.data), None)
        try:
            user = account_service.add_person(partnership, form.email.data, Role(form.role.data),
                                              form.password.data, organization, form.name.data)
        except ActionRefused as refused:
            form[refused.field].errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Added %(email)s. Give them their temporary password in person or by phone; if they "
                    "already use Chorus elsewhere, they sign in with the password they have.", email=user.email))
            return redirect(url_for("staff.people", partnership_slug=partnership_slug))
    return render_template("staff/people.html", partnership=partnership, members=people_queries.members(partnership),
                           form=form, suggested_password=generate_password(), action=ActionForm())


@bp.post("/partnerships/<partnership_slug>/people/<int:user_id>/<action>")
def person_action(partnership_slug: str, user_id: int, action: str) -> ResponseReturnValue:
    """``reset`` a password (shown on the next page only), ``deactivate`` or ``activate`` an account."""
    partnership = access.administered_partnership(partnership_slug)
    if action not in ("reset", "deactivate", "activate"):
        abort(404)
    user = access.administered_person(partnership, user_id)
    people_page = url_for("staff.people", partnership_slug=partnership_slug)
    if action == "reset":
        password = account_service.reset_password(partnership, user)
        db.session.commit()
        # Shown in this response only: a flash message would travel in the (signed, unencrypted) cookie.
        return render_template("staff/new_password.html", partnership=partnership, user=user, password=password)
    try:
        if action == "deactivate":
            account_service.deactivate(partnership, user, actor=current_user._get_current_object())
        else:
            account_service.reactivate(partnership, user)
    except ActionRefused as refused:
        flash(str(refused), "error")
        return redirect(people_page)
    db.session.commit()
    flash(_("%(email)s is now active.", email=user.email) if user.active
          else _("%(email)s is now deactivated.", email=user.email))
    return redirect(people_page)
