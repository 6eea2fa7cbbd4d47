"""Occupation coding: the review queue of typed job titles, and the partnership's OEWS area."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from analysis.occupations import ATTRIBUTION

from .. import access
from ..extensions import db
from ..queries import occupation_review
from ..services import ActionRefused
from ..services import occupations as occupation_service
from .blueprint import bp
from .helpers import flash_at
from .occupation_forms import CodeTitleForm, OewsAreaForm


@bp.get("/partnerships/<partnership_slug>/occupations/review")
def occupation_review_page(partnership_slug: str) -> ResponseReturnValue:
    """Typed job titles the coder is unsure of, or nobody confirmed, with suggestions to choose from."""
    partnership = access.occupation_reviewer(partnership_slug)
    return render_template("staff/occupation_review.html", partnership=partnership,
                           queue=occupation_review.review_queue(partnership), form=CodeTitleForm(),
                           attribution=ATTRIBUTION)


@bp.post("/partnerships/<partnership_slug>/occupations/review")
def code_occupation(partnership_slug: str) -> ResponseReturnValue:
    """Store the chosen code for one title and remember it for the partnership's later answers."""
    partnership = access.occupation_reviewer(partnership_slug)
    form = CodeTitleForm()
    page = url_for("staff.occupation_review_page", partnership_slug=partnership_slug)
    if not form.validate():
        flash(_("Choose an occupation for the job title."), "error")
        return redirect(page)
    question = access.occupation_answer(partnership, form.response_id.data, form.question_id.data)
    try:
        text = occupation_service.code_title(partnership, question, form.response_id.data, form.item.data,
                                             form.soc_code.data.strip(), current_user.id)
    except ActionRefused as refused:
        flash(str(refused), "error")
        return redirect(page)
    db.session.commit()
    flash_at(_("Saved. “%(title)s” will be coded this way from now on.", title=text), None)
    return redirect(page)


@bp.post("/partnerships/<partnership_slug>/occupations/review/accept")
def accept_sure_occupations(partnership_slug: str) -> ResponseReturnValue:
    """Store the coder's choice for every waiting title it is sure of and nobody coded."""
    partnership = access.occupation_reviewer(partnership_slug)  # CSRF is checked for every POST
    stored = occupation_service.accept_sure_titles(partnership, current_user.id)
    db.session.commit()
    flash(ngettext("Stored the coder's occupation for %(num)d job title.",
                   "Stored the coder's occupation for %(num)d job titles.", stored))
    return redirect(url_for("staff.occupation_review_page", partnership_slug=partnership_slug))


@bp.route("/partnerships/<partnership_slug>/settings", methods=["GET", "POST"])
def partnership_settings(partnership_slug: str) -> ResponseReturnValue:
    """Admins choose the OEWS area whose wages and employment reports show (the nation by default)."""
    partnership = access.administered_partnership(partnership_slug)
    form = OewsAreaForm.for_partnership(partnership)
    if form.validate_on_submit():
        try:
            occupation_service.set_oews_area(partnership, form.oews_area.data or None)
        except ActionRefused as refused:
            form.oews_area.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Saved. Reports now show wages and employment for this region."))
            return redirect(url_for("staff.partnership_settings", partnership_slug=partnership_slug))
    return render_template("staff/partnership_settings.html", partnership=partnership, form=form)
