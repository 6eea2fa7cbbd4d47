"""Signing in and out, and changing your own password."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user

from ..accounts import authenticate
from ..auth import begin_session, end_session, safe_next
from ..extensions import db, limiter
from ..services import ActionRefused
from ..services import accounts as account_service
from .blueprint import bp
from .forms import ChangePasswordForm, InterfaceLanguageForm, LoginForm


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def login() -> ResponseReturnValue:
    """Sign in with email and password; the same answer whether the email or the password was wrong."""
    if current_user.is_authenticated and current_user.memberships:
        return redirect(url_for("staff.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            begin_session(user)
            account_service.record_sign_in(user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
        form.password.errors.append(_("That email and password do not match an active account."))
    return render_template("staff/login.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """Sign out on every device (the session version moves on)."""
    end_session(current_user._get_current_object())
    db.session.commit()
    flash(_("You are signed out."))
    return redirect(url_for("staff.login"))


@bp.route("/account", methods=["GET", "POST"])
def account() -> ResponseReturnValue:
    """Change your own password (every other session of yours ends)."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            account_service.change_own_password(user, form.current.data, form.new.data)
        except ActionRefused as refused:
            form[refused.field].errors.append(str(refused))
        else:
            begin_session(user)  # this session carries the new session version; the others end
            db.session.commit()
            flash(_("Your password is changed. You are signed out everywhere else."))
            return redirect(url_for("staff.dashboard"))
    return _account_page(form, _language_form()), 422 if form.errors else 200


@bp.route("/account/language", methods=["POST"])
def interface_language() -> ResponseReturnValue:
    """Choose the language of your staff pages (or let your browser's choice decide)."""
    form = _language_form()
    if not form.validate_on_submit():
        return _account_page(ChangePasswordForm(formdata=None), form), 422
    account_service.set_interface_language(current_user._get_current_object(), form.language.data or None)
    db.session.commit()
    refresh()  # this response's flash is already in the new language
    flash(_("These pages are now in the language you chose."))
    return redirect(url_for("staff.account"))


def _language_form() -> InterfaceLanguageForm:
    return InterfaceLanguageForm(data={"language": current_user.interface_language or ""})


def _account_page(password_form: ChangePasswordForm, language_form: InterfaceLanguageForm) -> str:
    return render_template("staff/account.html", form=password_form, language_form=language_form)
