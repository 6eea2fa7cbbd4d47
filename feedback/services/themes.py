"""Actions on themes: find them (a background run), curate what a run found, and split a theme (a
background job).

Curation itself — how a rename, merge, split, hide or move changes a run, and how later runs replay it
— is :mod:`feedback.curation`; this module is what a staff member's click does: check the request makes
sense and apply it (with its audit line, :func:`feedback.curation.record_asked`), or queue it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from analysis.coding import Code
from surveys.message import said
from surveys.models import Question, Survey, Wave

from .. import curation, jobs
from ..models import CurationKind, RunStatus, SplitJob, Theme, ThemeRun
from ..queries import themes as theme_queries
from . import ActionRefused

THEME_COUNTS = range(2, 61)
"""How many themes staff may ask for; any other number lets the engine choose."""
REPRESENTATIONS = ("auto", "embeddings", "tfidf")
"""How staff may ask the engine to compare answers."""


class RunNotFinished(Exception):
    """Curation asked of a run still finding its themes (the page answers 409: try again shortly)."""


def start_theme_runs(survey: Survey, questions: list[Question], wave: Wave | None, user_id: int | None,
                     themes: int | None = None, *, representation: str = "auto",
                     codebook: Sequence[Code] | None = None) -> list[ThemeRun]:
    """Queue one theme run per question over one wave (or all); each starts once the request commits.

    ``themes``: the number of themes asked for, when it is one the engine can give (2–60).
    ``representation``: how the engine compares answers (``"auto"`` leaves it to ``THEMES_REPRESENTATION``
    or the engine). ``codebook``: codes staff expect; the answers are then coded against them
    (:func:`analysis.coding.code_answers`) instead of grouped from scratch. Both are kept in the run's
    parameters (``representation_asked``, ``codes``) so the job, which only receives the run, finds them.

    Raises:
        ActionRefused: ``THEME_QUEUE_CAP`` runs are waiting already (each runs the theme engine; a queue
            without a cap lets one person keep every worker busy for hours).
    """
    cap = current_app.config["THEME_QUEUE_CAP"]
    if theme_queries.runs_waiting() + len(questions) > cap:
        raise ActionRefused(_("Chorus is already finding themes for %(cap)s questions or more. Try again in a few "
                              "minutes, when some have finished.", cap=cap))
    parameters: dict[str, Any] = {"k": themes} if themes in THEME_COUNTS else {}
    if representation not in REPRESENTATIONS:
        raise ActionRefused(_("Choose how answers are compared: automatically, by sentence embeddings or by "
                              "word counts."))
    parameters["representation_asked"] = representation
    if codebook:
        parameters["codes"] = [{"name": c.name, "description": c.description, "examples": list(c.examples)}
                               for c in codebook]
    return [jobs.start_theme_run(survey, question, wave, user_id, parameters) for question in questions]


@dataclass
class Curated:
    """What a curation did, for the page that shows its result."""

    kind: CurationKind
    label_before: str
    target: Theme | None = None
    parts: list[Theme] = field(default_factory=list)  # a split's new themes, largest first
    changed: bool = True  # False: a rename to the names the theme already had (nothing recorded)


def curate(run: ThemeRun, kind: CurationKind, theme: Theme, *, user_id: int | None, target: Theme | None = None,
           answer_id: int | None = None, label: str | None = None,
           translations: dict[str, str] | None = None) -> Curated:
    """Rename, merge, split, hide, show one theme of a finished run, or move one answer out of it, now.

    Staff ask for a split through :func:`request_split` (a background job); a split here runs the theme
    engine inside the caller, as scripts may.

    The step is stored so later runs and waves replay it. ``target``: the theme to merge into or move
    the answer to (another shown theme of the same run). ``translations``: a rename's names for the
    survey's other languages (:func:`feedback.curation.record`).
    """
    if run.status is not RunStatus.FINISHED:
        raise RunNotFinished(run.public_id)
    if kind in (CurationKind.MERGE, CurationKind.MOVE) and (
            target is None or target.run_id != run.id or target.retired or target.hidden or target.id == theme.id):
        raise ActionRefused(_("Choose the theme to move this answer to.") if kind is CurationKind.MOVE
                            else _("Choose the theme to merge this one into."))
    before = theme.label
    if kind is CurationKind.RENAME and curation.renames_nothing(run, theme, label, translations):
        return Curated(kind, before, changed=False)
    try:
        parts = curation.record_asked(run, kind, theme, user_id=user_id, target=target, answer_id=answer_id,
                                      label=label, translations=translations)
    except curation.CurationError as error:
        raise ActionRefused(said(error.args[0], _), field=error.field) from error
    return Curated(kind, before, target, parts)


def request_split(run: ThemeRun, theme: Theme, *, user_id: int | None) -> SplitJob:
    """Ask for one theme of a finished run to be split into smaller themes, by a background job that
    starts once the request commits (re-grouping the answers runs the theme engine).

    One split of a run at a time: while one waits or runs, another is refused, because each re-describes
    every theme of the run and the second would work from a report about to change.
    """
    if run.status is not RunStatus.FINISHED:
        raise RunNotFinished(run.public_id)
    under_way = theme_queries.split_under_way(run)
    if under_way is not None:
        raise ActionRefused(_("“%(theme)s” is still being split; wait for it to finish, then split "
                              "another theme.", theme=under_way.label))
    return jobs.start_split(run, theme, user_id)
