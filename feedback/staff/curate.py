"""Curating a run's themes: rename, merge, hide, show, move one answer elsewhere, and split a theme.

Each action returns the person to where they were — the theme in the report, or the answers page
for a moved answer — with the message beside it. A split is a background job (it runs the theme
engine): the person follows it on its own page, which opens the report at the largest part when done.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from .. import access, curation
from ..extensions import db
from ..models import CurationKind, RunStatus, SplitJob, Theme, ThemeRun
from ..queries import themes as theme_queries
from ..reports.theme_languages import name_languages
from ..services import ActionRefused
from ..services import themes as theme_service
from .blueprint import bp
from .helpers import flash_at
from .themes import RenameSentBack, engine_limit, report_page


@bp.post("/runs/<public_id>/themes/<int:theme_id>/<action>")
def curate(public_id: str, theme_id: int, action: str) -> ResponseReturnValue:
    """Apply one curation step to a theme of a finished run (kept when themes are found again).

    A split has its own route (:func:`split_theme`), which the URL map prefers to this one."""
    run, grant, theme = access.theme_in_run(public_id, theme_id)
    grant.require("can_manage")
    try:
        kind = CurationKind(action)
    except ValueError:
        abort(404)
    answer_id = access.answer_in_theme(run, theme, request.form.get("answer", type=int)) \
        if kind is CurationKind.MOVE else None
    page = max(1, request.form.get("page", 1, type=int))
    # A rename's names for readers of the survey's other languages, one optional field each; a field the
    # form lacks (a stale or hand-made form) leaves that name as it is, an empty one clears it.
    translations = {code: request.form[f"label-{code}"] for code in name_languages(run.survey)
                    if f"label-{code}" in request.form} \
        if kind is CurationKind.RENAME else None
    try:
        done = theme_service.curate(run, kind, theme, user_id=current_user.id, answer_id=answer_id,
                                    target=access.other_theme(run, request.form.get("target", type=int)),
                                    label=request.form.get("label"), translations=translations)
    except theme_service.RunNotFinished:
        abort(409)
    except ActionRefused as refused:
        if translations is not None:  # the report again, the names as typed beside the reason (not lost to a redirect)
            typed = RenameSentBack(theme.id, request.form.get("label", ""), translations, str(refused),
                                   refused.field or "label")
            return report_page(grant, run, typed), 422
        anchor = f"a{answer_id}" if kind is CurationKind.MOVE else f"t{theme.id}"
        flash_at(str(refused), anchor, "error")
        return redirect(_back(run, theme, kind, page, anchor))
    db.session.commit()
    anchor, message = _outcome(done, theme, request.form.get("next", type=int))
    flash_at(message, anchor)
    return redirect(_back(run, theme, kind, page, anchor))


@bp.post("/runs/<public_id>/themes/<int:theme_id>/split")
@engine_limit
def split_theme(public_id: str, theme_id: int) -> ResponseReturnValue:
    """Ask for a theme to be split into smaller ones, by a background job followed on its own page."""
    run, grant, theme = access.theme_in_run(public_id, theme_id)
    grant.require("can_manage")
    try:
        job = theme_service.request_split(run, theme, user_id=current_user.id)
    except theme_service.RunNotFinished:
        abort(409)
    except ActionRefused as refused:
        flash_at(str(refused), f"t{theme.id}", "error")
        return redirect(_back(run, theme, CurationKind.SPLIT, 1, f"t{theme.id}"))
    db.session.commit()  # the split is queued once stored
    if job.status is RunStatus.FINISHED:  # done already (JOBS_INLINE)
        return _open_largest_part(job)
    return redirect(url_for("staff.split", split_id=job.public_id))


@bp.get("/splits/<split_id>")
def split(split_id: str) -> ResponseReturnValue:
    """A split's progress (the page refreshes itself), or why it failed; a finished split opens the report
    at its largest part."""
    job, grant = access.split_access(split_id)
    state = theme_queries.split_state(job)
    if state.status is RunStatus.FINISHED:
        return _open_largest_part(job)
    return render_template("staff/split.html", job=job, grant=grant, state=state)


@bp.post("/runs/<public_id>/themes/<int:theme_id>/keep-apart")
def keep_apart(public_id: str, theme_id: int) -> ResponseReturnValue:
    """Answer "no" to a suggested merge: the two themes stay apart and the pair is not suggested again."""
    run, grant, theme = access.theme_in_run(public_id, theme_id)
    grant.require("can_manage")
    other = access.other_theme(run, request.form.get("target", type=int))
    back = url_for("staff.report", slug=run.survey.slug, key=run.question.key, wave=run.wave_id or None,
                   _anchor=f"t{theme.id}")
    try:
        curation.keep_apart(run, theme, other, user_id=current_user.id)
    except curation.CurationError as refused:
        flash_at(str(refused), f"t{theme.id}", "error")
        return redirect(back)
    db.session.commit()
    flash_at(_("Kept apart from “%(theme)s”; this pair will not be suggested again.", theme=other.label),
             f"t{theme.id}")
    return redirect(back)


def _back(run: ThemeRun, theme: Theme, kind: CurationKind, page: int, anchor: str | None) -> str:
    """Where the person was: the answers page for a moved answer, else the theme in the report."""
    if kind is CurationKind.MOVE:
        return url_for("staff.theme_answers", public_id=run.public_id, theme_id=theme.id,
                       page=page if page > 1 else None, _anchor=anchor)
    return url_for("staff.report", slug=run.survey.slug, key=run.question.key, wave=run.wave_id or None,
                   _anchor=anchor)


def _open_largest_part(job: SplitJob) -> ResponseReturnValue:
    """The report of a finished split's run, at its largest part, with what the split did beside it."""
    anchor = f"t{job.largest_part_id}" if job.largest_part_id else None
    flash_at(job.message, anchor)
    run = job.run
    return redirect(url_for("staff.report", slug=run.survey.slug, key=run.question.key, wave=run.wave_id or None,
                            _anchor=anchor))


def _outcome(done: theme_service.Curated, theme: Theme, neighbour: int | None) -> tuple[str | None, str]:
    """(anchor, message): where the page opens after the action, and what it says there."""
    if done.kind is CurationKind.MOVE:  # the answer after the moved one, which took its place
        return (f"a{neighbour}" if neighbour else None), _("Answer moved to “%(theme)s”.", theme=done.target.label)
    if done.kind is CurationKind.MERGE:
        return f"t{done.target.id}", _("“%(theme)s” merged into this theme.", theme=done.label_before)
    if done.kind is CurationKind.HIDE:  # a hidden theme is listed apart, as #h<id>
        return f"h{theme.id}", _("Marked not useful; it is listed here.")
    if not done.changed:
        return f"t{theme.id}", _("Nothing changed: the theme already has these names.")
    if done.kind is CurationKind.RENAME and done.label_before == theme.label:
        return f"t{theme.id}", _("Names saved.")
    if done.kind is CurationKind.RENAME:
        return f"t{theme.id}", _("Renamed from “%(theme)s”.", theme=done.label_before)
    return f"t{theme.id}", _("Shown again.")
