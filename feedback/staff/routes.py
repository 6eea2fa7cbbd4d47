"""Staff views: thin — load through ``access``, validate, call a service, commit, redirect."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from flask import (
    abort,
    current_app,
    flash,
    g,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms.fields import SelectChoice

from surveys.definition import DefinitionError, list_templates, load_definition, load_template
from surveys.editing import SurveyChangeError, apply_definition
from surveys.models import InvalidTransition, Partnership, Survey, SurveyStatus, Wave, utcnow
from surveys.services import create_survey, definition_of

from .. import access, curation, exports, jobs, reports
from ..accounts import add_user, can_administer, generate_password
from ..auth import IDLE_KEY, end_session
from ..extensions import db, limiter
from ..models import CurationKind, Membership, Role, RunStatus, Theme, ThemeAssignment, User
from . import bp, queries
from .forms import ActionForm, ChangePasswordForm, CreateUserForm, LoginForm


@cache
def _dummy_hash() -> str:
    """Checked when the email is unknown, so a wrong email takes as long as a wrong password."""
    return generate_password_hash("chorus-timing-equaliser", method="scrypt")


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
            check_password_hash(_dummy_hash(), form.password.data)
        elif user.active and user.check_password(form.password.data):
            login_user(user)
            session[IDLE_KEY] = time.time()
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


@bp.route("/account", methods=["GET", "POST"])
def account():
    """Change your own password (every other session of yours ends)."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not user.check_password(form.current.data):
            form.current.errors.append("That is not your current password.")
        elif form.new.data != form.again.data:
            form.again.errors.append("The two new passwords are different.")
        else:
            user.set_password(form.new.data)
            login_user(user)  # this session carries the new session version; the others end
            session[IDLE_KEY] = time.time()
            db.session.commit()
            flash("Your password is changed. You are signed out everywhere else.")
            return redirect(url_for("staff.dashboard"))
    return render_template("staff/account.html", form=form), 422 if form.errors else 200


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
        report_waves=queries.report_waves(survey.id),
        form=ActionForm(),
    )


@bp.get("/surveys/<slug>/close")
def close_survey(slug: str):
    """Ask before closing: people following the survey's links can no longer answer."""
    grant = access.survey_access(slug).require("can_manage")
    if not grant.survey.can_move_to(SurveyStatus.CLOSED):
        flash(f"The survey is {grant.survey.status.value}; only an open survey can be closed.", "error")
        return redirect(url_for("staff.survey", slug=slug))
    return render_template("staff/close_survey.html", grant=grant, survey=grant.survey,
                           counts=queries.response_counts(grant.survey.id), form=ActionForm())


@bp.post("/surveys/<slug>/status")
def change_status(slug: str):
    grant = access.survey_access(slug).require("can_manage")
    if request.form.get("status") == SurveyStatus.CLOSED.value and request.form.get("confirm") != "yes":
        return redirect(url_for("staff.close_survey", slug=slug))  # closing is confirmed on its own page
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
    sources = queries.source_choices(grant.survey)
    filters = queries.ResponseFilters.from_args(request.args, grant.survey, [value for value, _ in sources])
    page = queries.response_page(grant.survey, filters)
    return render_template("staff/responses.html", grant=grant, survey=grant.survey, page=page, filters=filters,
                           sources=sources, languages=queries.language_choices(grant.survey),
                           export=queries.export_size(grant.survey))


@bp.app_template_global()
def staff_role_label(role: Role) -> str:
    return role.value.capitalize()


@bp.app_template_global()
def language_name(code: str | None) -> str:
    """A response's language as staff read it ("Spanish", not "es"), as in reports."""
    return reports.LANGUAGE_NAMES.get(code or "", code or "")


@bp.app_template_global()
def source_name(survey: Survey, source: str | None) -> str:
    """A response's source as staff read it: the partner's name, or "Direct link", as in reports."""
    cache = g.setdefault("organization_names", {})
    if survey.partnership_id not in cache:
        cache[survey.partnership_id] = queries.organization_names(survey)
    return queries.source_name(cache[survey.partnership_id], source)


def _flash_at(message: str, anchor: str | None, category: str = "message") -> None:
    """A message shown beside the part of the page a redirect returns to (``#anchor``)."""
    flash(message, f"{category}@{anchor}" if anchor else category)


@bp.app_template_global()
def staff_flashes(anchor: str | None = None, placed: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(kind, message) of this request's messages: those for ``anchor``, or with no anchor, those that
    belong at the top of the page (every message not meant for one of the ``placed`` anchors)."""
    shown = []
    for category, message in get_flashed_messages(with_categories=True):
        kind, _, target = category.partition("@")
        if (target == anchor) if anchor else (not target or target not in set(placed)):
            shown.append((kind, message))
    return shown


# -- themes: runs, reports, drill-down, curation --------------------------------------------------------

TEXT_TYPES = ("long_text", "short_text")


def _text_question(survey, key: str):
    question = next((q for q in survey.questions if q.key == key and q.type in TEXT_TYPES), None)
    if question is None:
        abort(404)
    return question


def _wave_from(survey, value: str | None):
    """The wave named in a form or query (by id), ``None`` for all waves; unknown ids are refused."""
    if not value:
        return None
    wave = next((w for w in survey.waves if str(w.id) == value), None)
    if wave is None:
        abort(404)
    return wave


@bp.post("/surveys/<slug>/questions/<key>/themes")
def start_themes(slug: str, key: str):
    grant = access.survey_access(slug).require("can_manage")
    survey = grant.survey
    keys = [q.key for q in survey.questions if q.type in TEXT_TYPES] if key == "all" else [
        _text_question(survey, key).key]
    wave = _wave_from(survey, request.form.get("wave"))
    wanted = request.form.get("k", type=int)
    parameters = {"k": wanted} if wanted and 2 <= wanted <= 60 else {}
    runs = [jobs.start_theme_run(survey, _text_question(survey, k), wave, current_user.id, parameters)
            for k in keys]
    if len(runs) == 1:
        return redirect(url_for("staff.run", public_id=runs[0].public_id))
    flash(f"Finding themes for {len(runs)} questions; each report appears when its run finishes.")
    return redirect(url_for("staff.survey", slug=slug))


@bp.get("/runs/<public_id>")
def run(public_id: str):
    run, grant = access.run_access(public_id)
    if jobs.expire_if_stale(run):
        db.session.commit()
    if run.status is RunStatus.FINISHED:
        return redirect(url_for("staff.report", slug=run.survey.slug, key=run.question.key,
                                wave=run.wave_id or None))
    return render_template("staff/run.html", run=run, grant=grant)


@dataclass(frozen=True)
class ReportChoice:
    """One of a question's theme reports, for the switch between waves."""

    wave_id: int | None  # None: all waves
    label: str
    current: bool


def _report_waves(survey, question, wave) -> list[ReportChoice]:
    """The reports to switch between: all waves first, then each wave, where themes were found."""
    found = queries.report_waves(survey.id).get(question.id, set())
    shown = wave.id if wave else None
    choices = [ReportChoice(None, "All waves", shown is None)] if None in found else []
    return choices + [ReportChoice(w.id, w.label, w.id == shown) for w in survey.waves if w.id in found]


@bp.get("/surveys/<slug>/questions/<key>/report")
def report(slug: str, key: str):
    """A question's newest theme report over all waves, or over the wave asked for."""
    grant = access.survey_access(slug)
    question = _text_question(grant.survey, key)
    wave = _wave_from(grant.survey, request.args.get("wave"))
    run = queries.latest_finished_run(question.id, wave.id if wave else None)
    switch = _report_waves(grant.survey, question, wave)
    if run is None:
        return render_template("staff/report_empty.html", grant=grant, survey=grant.survey, question=question,
                               wave=wave, report_waves=switch, form=ActionForm()), 404
    data = reports.theme_report(run)
    db.session.commit()  # keeps a freshly built report cache
    return render_template("staff/report.html", grant=grant, survey=grant.survey, question=question, wave=wave,
                           report=data, report_waves=switch, form=ActionForm(),
                           anchors=[f"t{line.theme.id}" for line in data.themes]
                           + [f"h{line.theme.id}" for line in data.hidden])


def _theme_in(run_public_id: str, theme_id: int):
    run, grant = access.run_access(run_public_id)
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.run_id != run.id or theme.retired:
        abort(404)
    return run, grant, theme


@bp.get("/runs/<public_id>/themes/<int:theme_id>")
def theme_answers(public_id: str, theme_id: int):
    run, grant, theme = _theme_in(public_id, theme_id)
    grant.require("can_see_responses")
    _, total = queries.theme_answers(run.id, theme.id, 1)
    pages = max(1, -(-total // queries.PAGE_SIZE))
    page = min(pages, max(1, request.args.get("page", 1, type=int)))  # the last page may empty after a move
    answers, total = queries.theme_answers(run.id, theme.id, page)
    return render_template("staff/theme.html", run=run, grant=grant, theme=theme, answers=answers, total=total,
                           page=page, pages=pages, others=_targets(run, theme), form=ActionForm(),
                           anchors=[f"a{row[0]}" for row in answers])


def _targets(run, theme) -> list[Theme]:
    """Themes an answer can move (or a theme merge) into: the run's other themes still shown, by name."""
    return sorted((t for t in run.themes if t.id != theme.id and not t.retired and not t.hidden),
                  key=lambda t: t.label.casefold())


def _report_url(run, anchor: str | None = None) -> str:
    return url_for("staff.report", slug=run.survey.slug, key=run.question.key, wave=run.wave_id or None,
                   _anchor=anchor)


@bp.post("/runs/<public_id>/themes/<int:theme_id>/<action>")
def curate(public_id: str, theme_id: int, action: str):
    run, grant, theme = _theme_in(public_id, theme_id)
    grant.require("can_manage")
    if run.status is not RunStatus.FINISHED:
        abort(409)
    kinds = {"rename": CurationKind.RENAME, "merge": CurationKind.MERGE, "split": CurationKind.SPLIT,
             "hide": CurationKind.HIDE, "show": CurationKind.SHOW, "move": CurationKind.MOVE}
    if action not in kinds:
        abort(404)
    answer_id = None
    if action == "move":
        answer_id = request.form.get("answer", type=int)
        assigned = db.session.scalar(db.select(ThemeAssignment.id).where(
            ThemeAssignment.run_id == run.id, ThemeAssignment.answer_id == answer_id,
            ThemeAssignment.theme_id == theme.id))
        if assigned is None:
            abort(404)
    # Back to where the person was: the theme in the report, or the answers page for a moved answer.
    page = max(1, request.form.get("page", 1, type=int))
    neighbour = request.form.get("next", type=int)

    def back(anchor: str | None):
        if action == "move":
            return redirect(url_for("staff.theme_answers", public_id=public_id, theme_id=theme.id,
                                    page=page if page > 1 else None, _anchor=anchor))
        return redirect(_report_url(run, anchor))

    target = None
    if action in ("merge", "move"):
        target = db.session.get(Theme, request.form.get("target", type=int) or 0)
        if target is None or target.run_id != run.id or target.retired or target.hidden or target.id == theme.id:
            anchor = f"a{answer_id}" if action == "move" else f"t{theme.id}"
            _flash_at("Choose the theme to move this answer to." if action == "move"
                      else "Choose the theme to merge this one into.", anchor, "error")
            return back(anchor)
    before = theme.label
    themes_before = {t.id for t in run.themes}
    try:
        curation.record(run, kinds[action], theme, user_id=current_user.id, target=target, answer_id=answer_id,
                        label=request.form.get("label"))
    except curation.CurationError as error:
        db.session.rollback()
        anchor = f"a{answer_id}" if action == "move" else f"t{theme.id}"
        _flash_at(str(error), anchor, "error")
        return back(anchor)
    queries.audit(run.survey.partnership_id, f"theme.{action}", "theme", theme.lineage,
                  {"question": run.question.key, "label": before, "new_label": request.form.get("label"),
                   "target": target.label if target else None, "answer": answer_id})
    db.session.commit()
    if action == "move":
        anchor = f"a{neighbour}" if neighbour else None
        _flash_at(f"Answer moved to “{target.label}”.", anchor)
        return back(anchor)
    if action == "merge":
        anchor, message = f"t{target.id}", f"“{before}” merged into this theme."
    elif action == "split":
        parts = sorted((t for t in run.themes if t.id not in themes_before and not t.retired), key=lambda t: -t.size)
        anchor = f"t{parts[0].id}" if parts else None
        message = f"“{before}” split into {len(parts)} themes; this is the largest."
    else:  # a hidden theme is listed apart, as #h<id>
        anchor = f"h{theme.id}" if action == "hide" else f"t{theme.id}"
        message = {"rename": f"Renamed from “{before}”.", "hide": "Marked not useful; it is listed here.",
                   "show": "Shown again."}[action]
    _flash_at(message, anchor)
    return back(anchor)


# -- exports ----------------------------------------------------------------------------------------------

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _download(frame, fmt: str, filename: str, sheet: str):
    if fmt not in EXPORT_TYPES:
        abort(404)
    if fmt == "csv":
        body = exports.to_csv(frame)
    elif fmt == "xlsx":
        body = exports.to_xlsx(frame, sheet_name=sheet)
    else:
        body = exports.to_json(frame)
    response = current_app.response_class(body, mimetype=EXPORT_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@bp.get("/surveys/<slug>/questions/<key>/report.<fmt>")
def report_export(slug: str, key: str, fmt: str):
    """The theme report's tables (themes, then every breakdown), suppression kept as in the page."""
    grant = access.survey_access(slug)
    question = _text_question(grant.survey, key)
    wave = _wave_from(grant.survey, request.args.get("wave"))
    run = queries.latest_finished_run(question.id, wave.id if wave else None)
    if run is None:
        abort(404)
    frame = reports.report_table(reports.theme_report(run), with_quotes=grant.can_see_responses)
    db.session.commit()  # keeps a freshly built report cache
    return _download(frame, fmt, f"{slug}-{key}-themes", "Themes")


@bp.get("/surveys/<slug>/responses.<fmt>")
def responses_export(slug: str, fmt: str):
    """Every response, one row each, one column per question (needs access to individual answers)."""
    grant = access.survey_access(slug).require("can_see_responses")
    frame = queries.responses_table(grant.survey)
    queries.audit(grant.survey.partnership_id, "responses.export", "survey", slug, {"format": fmt})
    db.session.commit()
    return _download(frame, fmt, f"{slug}-responses", "Responses")


# -- people (admins only) -------------------------------------------------------------------------------

def _partnership(slug: str):
    """A partnership the current user belongs to, with their membership, or 404."""
    partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == slug))
    if partnership is None:
        abort(404)
    return partnership, access.membership_for(partnership.id)


def _partnership_for_admin(slug: str):
    partnership, membership = _partnership(slug)
    if membership.role is not Role.ADMIN:
        abort(403)
    return partnership


@bp.route("/partnerships/<partnership_slug>/people", methods=["GET", "POST"])
def people(partnership_slug: str):
    """Admins add staff and give them temporary passwords (shown once, never stored in clear)."""
    partnership = _partnership_for_admin(partnership_slug)
    form = CreateUserForm()
    form.organization.choices = [SelectChoice("", "—")] + [
        SelectChoice(org.slug, org.name) for org in partnership.organizations]
    if form.validate_on_submit():
        email = User.normalize_email(form.email.data)
        organization = next((o for o in partnership.organizations if o.slug == form.organization.data), None)
        if db.session.scalar(db.select(User.id).where(User.email == email)):
            form.email.errors.append("Someone with this email already has an account.")
        elif form.role.data == Role.PARTNER.value and organization is None:
            form.organization.errors.append("Choose the partner organization this person works for.")
        else:
            add_user(email, partnership, Role(form.role.data), form.password.data, organization, form.name.data)
            queries.audit(partnership.id, "user.create", "user", email, {"role": form.role.data})
            db.session.commit()
            flash(f"Added {email}. Give them their temporary password in person or by phone.")
            return redirect(url_for("staff.people", partnership_slug=partnership_slug))
    members = sorted(
        (m for m in db.session.scalars(db.select(Membership).where(Membership.partnership_id == partnership.id))),
        key=lambda m: m.user.email,
    )
    password = generate_password()
    return render_template("staff/people.html", partnership=partnership, members=members, form=form,
                           suggested_password=password, action=ActionForm())


@bp.post("/partnerships/<partnership_slug>/people/<int:user_id>/<action>")
def person_action(partnership_slug: str, user_id: int, action: str):
    partnership = _partnership_for_admin(partnership_slug)
    membership = db.session.scalar(
        db.select(Membership).where(Membership.partnership_id == partnership.id, Membership.user_id == user_id))
    if membership is None or action not in ("reset", "deactivate", "activate"):
        abort(404)
    user = membership.user
    if not can_administer(current_user, user):
        abort(403)  # the account also belongs to a partnership this admin does not run
    if user.id == current_user.id and action == "deactivate":
        flash("You cannot deactivate your own account.", "error")
        return redirect(url_for("staff.people", partnership_slug=partnership_slug))
    if action == "reset":
        password = generate_password()
        user.set_password(password)  # also ends every session they had
        queries.audit(partnership.id, "user.reset", "user", user.email)
        db.session.commit()
        # Shown in this response only: a flash message would travel in the (signed, unencrypted) cookie.
        return render_template("staff/new_password.html", partnership=partnership, user=user, password=password)
    else:
        user.active = action == "activate"
        user.session_version += 1
        flash(f"{user.email} is now {'active' if user.active else 'deactivated'}.")
    queries.audit(partnership.id, f"user.{action}", "user", user.email)
    db.session.commit()
    return redirect(url_for("staff.people", partnership_slug=partnership_slug))


# -- creating and editing surveys -------------------------------------------------------------------------

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")


def _managing_membership(partnership_slug: str) -> Membership:
    """Who may start surveys: admins, analysts, and partners (for their own organization)."""
    _, membership = _partnership(partnership_slug)
    if membership.role is Role.PARTNER and membership.organization_id is None:
        abort(403)
    return membership


def _definition_from_upload(errors: list[str]):
    """The definition in the uploaded JSON file or pasted text, or None with the problems listed."""
    upload = request.files.get("definition_file")
    raw = upload.read().decode("utf-8-sig", errors="replace") if upload and upload.filename else ""
    raw = raw or request.form.get("definition", "")
    try:
        return load_definition(json.loads(raw))
    except json.JSONDecodeError as error:
        errors.append(f"The definition is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}.")
    except DefinitionError as error:
        errors.extend(error.errors)
    return None


@bp.route("/partnerships/<partnership_slug>/surveys/new", methods=["GET", "POST"])
def new_survey(partnership_slug: str):
    """Start a draft survey from a built-in template or a definition file."""
    membership = _managing_membership(partnership_slug)
    partnership = membership.partnership
    organizations = ([membership.organization] if membership.role is Role.PARTNER
                     else list(partnership.organizations))
    errors: list[str] = []
    values = request.form
    if request.method == "POST":
        slug = (values.get("slug") or "").strip().lower()
        if not SLUG_PATTERN.match(slug):
            errors.append("Web address: use 3–80 lowercase letters, digits and hyphens, e.g. spring-employer-survey.")
        elif db.session.scalar(db.select(Survey.id).where(Survey.slug == slug)):
            errors.append(f"Web address: /s/{slug} is already taken; choose another.")
        organization = next((o for o in organizations if o.slug == values.get("organization")), None)
        if membership.role is Role.PARTNER:
            organization = membership.organization
        template = values.get("template", "")
        definition = None
        if template == "file":
            definition = _definition_from_upload(errors)
        elif template in list_templates():
            definition = load_template(template)
        else:
            errors.append("Choose a template, or a definition file.")
        if definition is not None and not errors:
            survey = create_survey(partnership, definition, slug=slug, organization=organization)
            queries.audit(partnership.id, "survey.create", "survey", slug, {"template": template})
            db.session.commit()
            flash("Draft survey created. Check its wording, preview it, then open it.")
            return redirect(url_for("staff.survey", slug=survey.slug))
    return render_template("staff/new_survey.html", partnership=partnership, organizations=organizations,
                           templates=list_templates(), errors=errors, values=values), 422 if errors else 200


@bp.route("/surveys/<slug>/edit", methods=["GET", "POST"])
def edit_survey(slug: str):
    """Edit questions and translations as the survey's definition (JSON), checked before saving."""
    grant = access.survey_access(slug).require("can_manage")
    errors: list[str] = []
    text = json.dumps(definition_of(grant.survey).to_dict(), ensure_ascii=False, indent=2)
    if request.method == "POST":
        text = request.form.get("definition", "")
        definition = _definition_from_upload(errors)
        if definition is not None:
            try:
                apply_definition(grant.survey, definition)
            except SurveyChangeError as error:
                db.session.rollback()
                errors.extend(error.errors)
            else:
                queries.audit(grant.survey.partnership_id, "survey.edit", "survey", slug)
                queries.forget_report_caches(grant.survey.id)  # labels, options or demographics may differ
                db.session.commit()
                flash("Survey saved.")
                return redirect(url_for("staff.survey", slug=slug))
    return render_template("staff/edit_survey.html", grant=grant, survey=grant.survey, text=text,
                           errors=errors), 422 if errors else 200


@bp.get("/surveys/<slug>/questions/<key>/summary")
def question_summary(slug: str, key: str):
    """Counts, averages and the equity lens for a choice or scale question."""
    grant = access.survey_access(slug)
    question = next((q for q in grant.survey.questions
                     if q.key == key and q.type in reports.CHOICE_TYPES + reports.SCALE_TYPES), None)
    if question is None:
        abort(404)
    wave = _wave_from(grant.survey, request.args.get("wave"))
    summary = reports.question_summary(question, wave.id if wave else None)
    return render_template("staff/summary.html", grant=grant, survey=grant.survey, wave=wave, summary=summary)


@bp.get("/surveys/<slug>/preview/<int:number>")
def preview(slug: str, number: int):
    """A page of the survey exactly as respondents see it, in any status; nothing here is saved.

    Every question of the page is shown, including those that appear only after certain answers.
    """
    from surveys.forms import make_page_form

    grant = access.survey_access(slug)
    definition = definition_of(grant.survey)
    if not 1 <= number <= len(definition.sections):
        abort(404)
    language = request.args.get("lang") if request.args.get("lang") in grant.survey.languages else (
        grant.survey.languages[0])
    g.lang = language
    section = definition.sections[number - 1]
    questions = [q for q in definition.iter_questions() if q.section == section.key]
    form = make_page_form(section, questions, language, values={})
    return render_template("staff/preview.html", survey=grant.survey, definition=definition, section=section,
                           form=form, step=number, total=len(definition.sections), is_last=number == len(
                               definition.sections), is_first=number == 1, errors=[], language=language)
