"""The demo's themes across waves: the career seekers' "what makes it hard" question, found per wave.

Spring is found by the theme engine and curated as staff would (the childcare theme renamed); fall is read
against that codebook, so the renamed theme keeps its name in fall, and the concern that appeared in fall
(a waitlist for training seats, see ``WAVE_CHANGES`` in :mod:`feedback.demo.loader`) comes out as a theme
new this wave. The trend page then shows the change between the waves. Idempotent: a wave that already has
a finished run of the question is left as it is.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from surveys.models import Partnership, Question, Survey

from .. import curation
from ..extensions import db
from ..jobs.theme_run import run_theme_run_now
from ..models import CurationKind, RunStatus, ThemeRun

SURVEY = "healthcare-career-seekers"
QUESTION = "barriers_detail"

# The curation a partnership's staff made in spring: (words in a theme's key terms or name, its new name).
SPRING_RENAMES = [(re.compile(r"child|daycare|kids|guarder", re.IGNORECASE), "Childcare: cost and hours")]


def find_demo_themes(partnership: Partnership) -> list[ThemeRun]:
    """Find the question's themes in each wave that has none yet, oldest first, curating the first wave
    (flushed, not committed). Returns the runs made."""
    survey = db.session.scalar(sa.select(Survey).where(Survey.slug == SURVEY,
                                                       Survey.partnership_id == partnership.id))
    question = survey and db.session.scalar(sa.select(Question).where(Question.survey_id == survey.id,
                                                                      Question.key == QUESTION))
    if question is None:
        return []
    made = []
    for position, wave in enumerate(survey.waves):
        done = db.session.scalar(sa.select(ThemeRun.id).where(
            ThemeRun.question_id == question.id, ThemeRun.wave_id == wave.id, ThemeRun.status == RunStatus.FINISHED))
        if done is not None:
            continue
        run = run_theme_run_now(survey, question, wave, parameters={"random_state": 0})
        if run.status is not RunStatus.FINISHED:
            break  # a later wave needs this one as its codebook
        if position == 0:
            _curate_like_staff(run)
        made.append(run)
    return made


def _curate_like_staff(run: ThemeRun) -> None:
    shown = sorted((t for t in run.themes if not (t.other or t.retired)), key=lambda t: -t.size)
    for pattern, label in SPRING_RENAMES:
        theme = next((t for t in shown if pattern.search(" ".join([t.label, *t.terms[:5]]))), None)
        if theme is not None:
            curation.record(run, CurationKind.RENAME, theme, user_id=None, label=label)
