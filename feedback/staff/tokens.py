"""Personal API tokens: make one for a partnership (shown once), list yours, revoke one.

A token acts for its maker in one partnership with a role no higher than theirs there
(:mod:`feedback.services.tokens`); scripts send it to ``/api/v1/staff/...`` (docs/api.md).
"""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length

from surveys.models import utcnow

from .. import access
from ..extensions import db
from ..models import Role
from ..services import ActionRefused
from ..services import tokens as token_service
from .blueprint import bp
from .forms import ActionForm

EXPIRY_NAMES = {30: "30 days", 90: "90 days", 365: "1 year"}


class TokenForm(FlaskForm):
    """A new token: what it is for, its role, how long it lasts."""

    name = StringField("Name (what the token is for, e.g. “weekly export script”)",
                       validators=[DataRequired(message="Name the token."), Length(max=token_service.MAX_NAME)])
    role = SelectField("Role")
    expires = SelectField("Expires after", default="90",
                          choices=[SelectChoice(str(days), EXPIRY_NAMES[days]) for days in token_service.EXPIRY_DAYS])

    @classmethod
    def for_role(cls, role: Role) -> TokenForm:
        """The form offering the member's own role and those below it."""
        form = cls()
        form.role.choices = [SelectChoice(r.value, r.value.capitalize())
                             for r in token_service.grantable_roles(role)]
        return form


@bp.route("/partnerships/<partnership_slug>/tokens", methods=["GET", "POST"])
def tokens(partnership_slug: str) -> ResponseReturnValue:
    """Your API tokens for one partnership (when each was last used, when it expires) and a form to
    make one; a new token is shown once, on the page that answers the form."""
    partnership, membership = access.partnership_access(partnership_slug)
    form = TokenForm.for_role(membership.role)
    if form.validate_on_submit():
        try:
            token, secret = token_service.create_token(current_user, partnership, Role(form.role.data),
                                                       form.name.data, int(form.expires.data))
        except ActionRefused as refused:
            form.name.errors.append(str(refused))
        else:
            db.session.commit()
            page = make_response(render_template("staff/tokens_created.html", partnership=partnership,
                                                 token=token, secret=secret), 201)
            page.headers["Cache-Control"] = "no-store"  # the secret must not stay in a cache
            return page
    mine = [t for t in token_service.tokens_of(current_user) if t.partnership_id == partnership.id]
    return render_template("staff/tokens.html", partnership=partnership, membership=membership, form=form,
                           tokens=mine, state=_state, action=ActionForm()), 422 if form.errors else 200


def _state(token) -> str:
    """How a token stands, in words."""
    if token.revoked_at is not None:
        return "revoked"
    if token_service.is_expired(token, utcnow()):
        return "expired"
    return "active"


@bp.post("/tokens/<public_id>/revoke")
def revoke_token(public_id: str) -> ResponseReturnValue:
    """Revoke one of your own tokens; it stops working at once."""
    token = token_service.token_of(current_user, public_id)
    if token is None:
        abort(404)
    token_service.revoke_token(token)
    db.session.commit()
    flash(f"The token “{token.name}” is revoked; it no longer works.")
    if current_user.membership_in(token.partnership_id) is None:
        return redirect(url_for("staff.account"))
    return redirect(url_for("staff.tokens", partnership_slug=token.partnership.slug))
