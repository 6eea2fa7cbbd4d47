"""Devices that collect a survey offline (ODK Collect, KoboCollect, Enketo): give one a token, see when
each last sent answers, revoke a lost one, and read which sent answers could not be stored. Staff who manage the survey do this; the token is shown once,
with the server address to type into the app and a settings QR code that ODK Collect scans."""

from __future__ import annotations

import segno
from flask import flash, make_response, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from .. import access
from ..extensions import db
from ..services import ActionRefused
from ..services import devices as device_service
from ..services import openrosa as openrosa_service
from .blueprint import bp
from .forms import ActionForm


class DeviceForm(FlaskForm):
    """A new device token: its name says which phone or tablet holds it."""

    name = StringField(_l("Device name"), validators=[DataRequired(_l("Name the device, for example Tablet 3.")),
                                                      Length(max=device_service.MAX_NAME)])


def _page(grant: access.SurveyAccess, form: DeviceForm, status: int = 200) -> ResponseReturnValue:
    return render_template("staff/devices.html", grant=grant, survey=grant.survey, form=form,
                           devices=device_service.devices_of(grant.survey), action=ActionForm(),
                           left_out=openrosa_service.left_out(grant.survey)), status


@bp.get("/surveys/<slug>/devices")
def devices(slug: str) -> ResponseReturnValue:
    """The survey's device tokens, with when each last sent a form, and a form to add one."""
    grant = access.survey_access(slug).require("can_manage")
    return _page(grant, DeviceForm())


@bp.post("/surveys/<slug>/devices")
def add_device(slug: str) -> ResponseReturnValue:
    """Make a token for one device; the next page shows it (and its QR code) once, never again."""
    grant = access.survey_access(slug).require("can_manage")
    form = DeviceForm()
    if not form.validate_on_submit():
        return _page(grant, form, 422)
    try:
        device, token = device_service.create_device(grant.survey, form.name.data, created_by_id=current_user.id)
    except ActionRefused as refused:
        form.name.errors = [str(refused)]
        return _page(grant, form, 422)
    db.session.commit()
    form_list = url_for("openrosa.form_list", token=token, _external=True)
    server_url = form_list.removesuffix("/formList")
    settings = device_service.collect_settings(server_url, grant.survey.title_in(grant.survey.languages[0]))
    qr = segno.make(settings, error="l", micro=False).svg_data_uri(scale=4, border=4)
    # Shown in this response only: a flash message would travel in the (signed, unencrypted) cookie.
    page = make_response(render_template("staff/devices_new.html", grant=grant, survey=grant.survey,
                                         device=device, server_url=server_url, token=token, qr=qr))
    page.headers["Cache-Control"] = "no-store"  # the key must not stay in a browser's or proxy's cache
    return page


@bp.post("/surveys/<slug>/devices/<public_id>/revoke")
def revoke_device(slug: str, public_id: str) -> ResponseReturnValue:
    """Stop a device's token working; what it sent before stays."""
    grant = access.survey_access(slug).require("can_manage")
    device = access.device_of(grant, public_id)
    if device_service.revoke_device(device):
        db.session.commit()
    flash(_("“%(name)s” can no longer list, download or send this survey's form.", name=device.name))
    return redirect(url_for("staff.devices", slug=slug))
