"""The demo's themes across waves: the career seekers' "what makes it hard" question, found per wave.

Spring is found by the theme engine and curated as staff would (the themes whose answers are mostly about
childcare, getting there, English, schedules, paying for training and applying online renamed, in English
and Spanish); fall is read against that codebook, so the renamed theme keeps its names in fall, and the
concern that appeared in fall (a waitlist for training seats, see ``WAVE_CHANGES`` in
:mod:`feedback.demo.loader`) comes out as a theme new this wave. The trend page then shows the change
between the waves. Once curated, the newest wave's run is published, as staff would, so the public page
lists its themes. Idempotent: a wave that already has a finished run of the question is left as it is,
and a question with a published run keeps it.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from surveys.models import Answer, Partnership, Question, Survey

from .. import curation
from ..extensions import db
from ..jobs.theme_run import run_theme_run_now
from ..models import CurationKind, RunStatus, ThemeAssignment, ThemeRun
from ..services.public import publish_run

SURVEY = "healthcare-career-seekers"
QUESTION = "barriers_detail"

# The curation a partnership's staff made in spring: (words most of a theme's answers use, its new name).
SPRING_RENAMES = [
    (re.compile(r"child|daycare|kids|babysit|guarder|hij[oa]s|niñ[oa]s", re.IGNORECASE), "Childcare: cost and hours"),
    (re.compile(r"\bbus\b|transport|\bride|\bcar\b|carro|cami[oó]n|gasolina", re.IGNORECASE),
     "Getting there: bus and car"),
    (re.compile(r"english|ingl[eé]s|idioma", re.IGNORECASE), "Speaking English"),
    (re.compile(r"schedule|horario|shift|turno|hours|\btime\b|tiempo|during the day", re.IGNORECASE),
     "Class and work schedules"),
    (re.compile(r"afford|tuition|pagar|cost|\$|money|dinero|expensive|caro", re.IGNORECASE), "Paying for training"),
    (re.compile(r"online|computer|internet|phone|computadora|en l[ií]nea|p[aá]gina", re.IGNORECASE),
     "Applying online"),
]
# ... and in fall, to the largest theme new that wave.
WAVE_RENAMES = [(re.compile(r"wait|seats|espera|cupo|\bfull\b(?![ -]?time)", re.IGNORECASE),
                 "Waitlists for training seats")]
# The same names for Spanish readers of the public page, given as staff give them when renaming.
SPANISH_NAMES = {
    "Childcare: cost and hours": "Cuidado infantil: costo y horarios",
    "Getting there: bus and car": "Cómo llegar: autobús y carro",
    "Speaking English": "Hablar inglés",
    "Class and work schedules": "Horarios de clases y de trabajo",
    "Paying for training": "Cómo pagar la capacitación",
    "Applying online": "Solicitar en línea",
    "Waitlists for training seats": "Listas de espera para cupos de capacitación",
}


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
        else:
            _gather_what_is_new(run)
        made.append(run)
    _publish_newest(question)
    return made


def _publish_newest(question: Question) -> None:
    """Show the question's newest curated run on the public page, unless staff already chose one."""
    runs = db.session.scalars(sa.select(ThemeRun).where(ThemeRun.question_id == question.id,
                                                        ThemeRun.status == RunStatus.FINISHED)
                              .order_by(ThemeRun.id.desc())).all()
    if runs and not any(run.published_at for run in runs):
        publish_run(runs[0], user_id=None)


def _gather_what_is_new(run: ThemeRun) -> None:
    """What staff do with a wave's new themes: merge the ones the report suggests are alike, and those
    about the one new concern (the engine split it in several), and name it."""
    new = set((run.parameters or {}).get("new_this_wave", []))
    by_id = {t.id: t for t in run.themes}
    for pair in list(run.merge_suggestions or []):
        theme, target = by_id.get(pair["theme"]), by_id.get(pair["target"])
        if theme and target and not (theme.retired or target.retired) and {theme.lineage, target.lineage} <= new:
            curation.record(run, CurationKind.MERGE, theme, user_id=None, target=target)
    shown = sorted((t for t in run.themes if t.lineage in new and not t.retired), key=lambda t: -t.size)
    for pattern, label in WAVE_RENAMES:  # the new themes about one concern become one, named
        about = [t for t in shown if pattern.search(" ".join([t.label, *t.terms[:5]]))]
        for theme in about[1:]:
            curation.record(run, CurationKind.MERGE, theme, user_id=None, target=about[0])
        if about:
            curation.record(run, CurationKind.RENAME, about[0], user_id=None, label=label,
                            translations={"es": SPANISH_NAMES[label]})


def _curate_like_staff(run: ThemeRun) -> None:
    """Rename, for each concern, the theme whose answers speak of it most: staff read the answers, not
    the key terms (a theme about cars whose answers mention the kids in the back seat is not childcare)."""
    texts: dict[int, list[str]] = {}
    for theme_id, text in db.session.execute(
        sa.select(ThemeAssignment.theme_id, Answer.value_text)
        .join(Answer, Answer.id == ThemeAssignment.answer_id)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.is_not(None))
    ):
        texts.setdefault(theme_id, []).append(text or "")
    shown = [t for t in run.themes if not (t.other or t.retired)]
    said = {(t.id, label): sum(bool(pattern.search(text)) for text in texts.get(t.id, []))
            for t in shown for pattern, label in SPRING_RENAMES}
    mostly: dict[str, list] = {}  # each theme under the concern most of its answers speak of, if any
    for theme in shown:
        label = max((label for _, label in SPRING_RENAMES), key=lambda label: said[theme.id, label])
        if said[theme.id, label] * 2 > len(texts.get(theme.id, [])):
            mostly.setdefault(label, []).append(theme)
    for label, themes in mostly.items():  # the theme saying it most takes the concern's name
        theme = max(themes, key=lambda t: (said[t.id, label], -t.position))
        curation.record(run, CurationKind.RENAME, theme, user_id=None, label=label,
                        translations={"es": SPANISH_NAMES[label]})
