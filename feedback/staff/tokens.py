"""Personal API tokens: make one for a partnership (shown once), list yours, revoke one.

A token acts for its maker in one partnership with a role no higher than theirs there
(:mod:`feedback.services.tokens`); scripts send it to ``/api/v1/staff/...`` (docs/api.md).
"""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
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
from .forms import ROLE_NAMES, ActionForm

EXPIRY_NAMES = {30: _l("30 days"), 90: _l("90 days"), 365: _l("1 year")}
ROLE_WORDS = {Role.ADMIN: lazy_pgettext("role", "admin"), Role.ANALYST: lazy_pgettext("role", "analyst"),
              Role.PARTNER: lazy_pgettext("role", "partner")}
"""A role as a sentence or a table on the tokens page names it."""
STATE_WORDS = {"active": lazy_pgettext("token", "active"), "expired": lazy_pgettext("token", "expired"),
               "revoked": lazy_pgettext("token", "revoked")}
"""How a token stands (:func:`_state`), in words."""


class TokenForm(FlaskForm):
    """A new token: what it is for, its role, how long it lasts."""

    name = StringField(_l("Name (what the token is for, e.g. “weekly export script”)"),
                       validators=[DataRequired(message=_l("Name the token.")), Length(max=token_service.MAX_NAME)])
    role = SelectField(_l("Role"))
    expires = SelectField(_l("Expires after"), default="90",
                          choices=[SelectChoice(str(days), EXPIRY_NAMES[days]) for days in token_service.EXPIRY_DAYS])

    @classmethod
    def for_role(cls, role: Role) -> TokenForm:
        """The form offering the member's own role and those below it."""
        form = cls()
        form.role.choices = [SelectChoice(r.value, ROLE_NAMES[r]) for r in token_service.grantable_roles(role)]
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
                                                 token=token, secret=secret, role_words=ROLE_WORDS), 201)
            page.headers["Cache-Control"] = "no-store"  # the secret must not stay in a cache
            return page
    mine = [t for t in token_service.tokens_of(current_user) if t.partnership_id == partnership.id]
    return render_template("staff/tokens.html", partnership=partnership, membership=membership, form=form,
                           tokens=mine, state=_state, state_words=STATE_WORDS, role_words=ROLE_WORDS,
                           action=ActionForm()), 422 if form.errors else 200


def _state(token) -> str:
    """How a token stands: a key of :data:`STATE_WORDS`."""
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
    flash(_("The token “%(name)s” is revoked; it no longer works.", name=token.name))
    if current_user.membership_in(token.partnership_id) is None:
        return redirect(url_for("staff.account"))
    return redirect(url_for("staff.tokens", partnership_slug=token.partnership.slug))
