"""Staff views: thin — load through ``access``, validate, call a service, commit, redirect."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user
from werkzeug.security import generate_password_hash

from surveys.models import InvalidTransition, SurveyStatus, Wave, utcnow

from .. import access
from ..auth import end_session
from ..extensions import db, limiter
from ..models import Role, User
from . import bp, queries
from .forms import ActionForm, LoginForm

# Checked when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("chorus-timing-equaliser", method="scrypt")


def _safe_next(target: str | None) -> str:
    """Only follow ``next`` to a staff page on this site (no open redirect)."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and parts.path.startswith("/staff/"):
            return target
    return url_for("staff.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def login():
    if current_user.is_authenticated and current_user.memberships:
        return redirect(url_for("staff.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        email = User.normalize_email(form.email.data)
        user = db.session.scalar(db.select(User).where(User.email == email))
        if user is None:
            from werkzeug.security import check_password_hash

            check_password_hash(_DUMMY_HASH, form.password.data)
        elif user.active and user.check_password(form.password.data):
            login_user(user)
            user.last_login_at = utcnow()
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append("That email and password do not match an active account.")
    return render_template("staff/login.html", form=form), 200 if not form.errors else 422


@bp.post("/logout")
def logout():
    end_session(current_user._get_current_object())
    db.session.commit()
    flash("You are signed out.")
    return redirect(url_for("staff.login"))


@bp.get("/")
def dashboard():
    partnerships = [
        (membership, queries.survey_rows(membership.partnership_id)) for membership in current_user.memberships
    ]
    return render_template("staff/dashboard.html", partnerships=partnerships)


@bp.get("/surveys/<slug>")
def survey(slug: str):
    grant = access.survey_access(slug)
    survey = grant.survey
    return render_template(
        "staff/survey.html",
        grant=grant,
        survey=survey,
        counts=queries.response_counts(survey.id),
        questions=survey.questions,
        runs=queries.latest_runs(survey.id),
        form=ActionForm(),
    )


@bp.post("/surveys/<slug>/status")
def change_status(slug: str):
    grant = access.survey_access(slug).require("can_manage")
    try:
        target = SurveyStatus(request.form.get("status", ""))
        previous = grant.survey.status
        grant.survey.move_to(target)
    except (ValueError, InvalidTransition) as error:
        flash(str(error) if isinstance(error, InvalidTransition) else "Unknown status.", "error")
        return redirect(url_for("staff.survey", slug=slug))
    queries.audit(grant.survey.partnership_id, "survey.status", "survey", grant.survey.slug,
                  {"from": previous.value, "to": target.value})
    db.session.commit()
    flash(f"The survey is now {target.value}.")
    return redirect(url_for("staff.survey", slug=slug))


@bp.post("/surveys/<slug>/waves")
def new_wave(slug: str):
    grant = access.survey_access(slug).require("can_manage")
    survey = grant.survey
    position = (survey.current_wave.position + 1) if survey.current_wave else 1
    label = (request.form.get("label") or "").strip()[:100] or f"Wave {position}"
    if any(wave.label == label for wave in survey.waves):
        flash(f"A wave called “{label}” already exists; choose another name.", "error")
        return redirect(url_for("staff.survey", slug=slug))
    now = utcnow()
    if survey.current_wave and survey.current_wave.closes_at is None:
        survey.current_wave.closes_at = now
    db.session.add(Wave(survey=survey, label=label, position=position, opens_at=now))
    queries.audit(survey.partnership_id, "survey.new_wave", "survey", survey.slug, {"label": label})
    db.session.commit()
    flash(f"New responses now go to “{label}”.")
    return redirect(url_for("staff.survey", slug=slug))


@bp.get("/surveys/<slug>/responses")
def responses(slug: str):
    grant = access.survey_access(slug).require("can_see_responses")
    filters = queries.ResponseFilters.from_args(request.args, grant.survey)
    page = queries.response_page(grant.survey, filters)
    return render_template("staff/responses.html", grant=grant, survey=grant.survey, page=page, filters=filters)


def role_label(role: Role) -> str:
    return {Role.ADMIN: "Admin", Role.ANALYST: "Analyst", Role.PARTNER: "Partner"}[role]


@bp.app_template_global()
def staff_role_label(role: Role) -> str:
    return role_label(role)
