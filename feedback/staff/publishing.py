"""What staff control on the public "you said, we did" page: whether it is on (admins), which run's
themes it lists for a question (staff who may curate those themes), and which answers it may quote
(staff who may read the answers)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.routing import BuildError

from surveys.models import Partnership

from .. import access
from ..extensions import db
from ..models import Theme, ThemeRun
from ..queries import public as public_queries
from ..services import ActionRefused
from ..services import public as public_service
from .blueprint import bp
from .helpers import flash_at


@bp.post("/partnerships/<partnership_slug>/public-page")
def public_page_switch(partnership_slug: str) -> ResponseReturnValue:
    """Turn the partnership's public page off or on (``on``: "1" or "0")."""
    partnership = access.administered_partnership(partnership_slug)
    on = request.form.get("on") == "1"
    if public_service.set_public_page(partnership, on):
        db.session.commit()
    flash(_("The public page of %(partnership)s is on.", partnership=partnership.name) if on
          else _("The public page of %(partnership)s is off.", partnership=partnership.name))
    return redirect(url_for("staff.dashboard", _anchor=f"p{partnership.id}"))


@bp.post("/runs/<public_id>/public")
def run_on_public_page(public_id: str) -> ResponseReturnValue:
    """Show the run's themes on the public page in place of any other run of its question (``publish``
    "1"), or take them off ("0"); back to the report of ``back`` (a run of the same question: the report
    a staff member took a replaced run off from), else of this run. Whoever may curate the themes
    decides, since the public reads the names they gave."""
    run, grant = access.run_access(public_id)
    grant.require("can_manage")
    choice = request.form.get("publish")
    if choice not in ("1", "0"):
        abort(400)
    report_run = run
    if request.form.get("back"):
        report_run, report_grant = access.run_access(request.form["back"])
        report_grant.require("can_manage")
        if report_run.question_id != run.question_id:
            abort(400)
    back = url_for("staff.report", slug=report_run.survey.slug, key=report_run.question.key,
                   wave=report_run.wave_id or None, _anchor="public")
    anchor = public_anchor(report_run)
    named = run_name(run)
    try:
        if choice == "1":
            public_service.publish_run(run, current_user.id)
            message = _("On the public page now: the themes of %(run)s, under the names and sizes their report "
                        "shows.", run=named)
        else:
            public_service.withdraw_run(run)
            message = _("Off the public page: the themes of %(run)s. It lists no themes of this question until you "
                        "show a run again.", run=named)
    except ActionRefused as refused:
        flash_at(str(refused), anchor, "error")
        return redirect(back)
    db.session.commit()
    flash_at(message, anchor)
    return redirect(back)


@bp.app_template_global()
def public_anchor(run: ThemeRun) -> str:
    """Where a report places the messages of its Public page section: tied to the run the report shows,
    so a message about another run (another tab) never reads as this one's."""
    return f"public-{run.public_id}"


@bp.app_template_global()
def run_name(run: ThemeRun) -> str:
    """A run as staff tell runs apart: its wave (or all waves) and when its themes were found, in UTC
    ("Fall 2026, found 2026-12-07 14:08 UTC"), never "earlier" or "later"."""
    found = run.finished_at or run.created_at
    when = f"{found.strftime('%Y-%m-%d %H:%M')} UTC" if found else "?"
    return _("%(wave)s, found %(when)s", wave=run.wave.label if run.wave_id else _("all waves"), when=when)


@bp.post("/runs/<public_id>/themes/<int:theme_id>/quote")
def quote(public_id: str, theme_id: int) -> ResponseReturnValue:
    """Publish one of the theme's answers as a quote on the public page (``publish`` "1"), or
    withdraw it ("0"); back to the answer on the theme's page."""
    run, grant, theme = access.theme_in_run(public_id, theme_id)
    grant.require("can_see_responses")
    answer_id = access.answer_in_theme(run, theme, request.form.get("answer", type=int))
    back = url_for("staff.theme_answers", public_id=public_id, theme_id=theme_id,
                   page=max(1, request.form.get("page", 1, type=int)), _anchor=f"a{answer_id}")
    try:
        if request.form.get("publish") == "1":
            public_service.publish_quote(run, theme, answer_id, current_user.id)
            message = _("Published: the public page quotes this answer while it lists the theme.")
        else:
            public_service.withdraw_quote(run, theme, answer_id)
            message = _("Withdrawn: the public page no longer quotes this answer.")
    except ActionRefused as refused:
        flash_at(str(refused), f"a{answer_id}", "error")
        return redirect(back)
    db.session.commit()
    flash_at(message, f"a{answer_id}")
    return redirect(back)


@bp.app_template_global()
def published_quotes(theme: Theme) -> set[int]:
    """Ids of the theme's answers the public page may quote (for the publish/withdraw buttons)."""
    return public_queries.published_answers(theme)


@bp.app_template_global()
def quotable(text: str | None) -> bool:
    """Whether an answer is short enough for the public page to quote (so the button is offered)."""
    return public_service.quotable(text)


@bp.app_template_global()
def public_page_url(partnership: Partnership) -> str | None:
    """The partnership's public page, when it is on."""
    if not partnership.public_page:
        return None
    try:
        return url_for("public.partnership", slug=partnership.slug)
    except BuildError:
        return None
