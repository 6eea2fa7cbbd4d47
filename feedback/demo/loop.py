"""The demo's closing of the loop: a few actions partners took on what career seekers said (childcare,
transport, class times, the fall's new training waitlist; one kept off the public page), and the
shared measures they track, with public summaries in English and Spanish.

Idempotent like the rest of the demo: actions and measures are looked up by their English title or
name. Actions link to the career-seeker barrier themes by lineage whenever the demo holds theme runs
of that question (found by words in the theme's name), so running the demo again after finding themes
links them; a theme-share measure is added once such a theme exists.
"""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from surveys.models import Organization, Partnership, Question, Survey

from ..extensions import db
from ..models import (
    Action,
    ActionStatus,
    Measure,
    MeasureDirection,
    MeasureKind,
    MeasureValue,
    Theme,
    ThemeLineage,
)

SURVEY = "healthcare-career-seekers"
THEMED_QUESTION = "barriers_detail"

# Words in a theme's name that say which concern it is (English and Spanish names).
CONCERNS = {
    "childcare": re.compile(r"child|daycare|kids|cuidado|guarder|niñ", re.IGNORECASE),
    "transport": re.compile(r"\bcar\b|bus|transport|ride|commut|carro|autob", re.IGNORECASE),
    "schedule": re.compile(r"schedule|shift|horario|turno", re.IGNORECASE),
    "waitlist": re.compile(r"wait ?list|waiting list|seats|lista de espera|cupos", re.IGNORECASE),
}

CHILDCARE_SHARE = {"en": "Career seekers who say childcare gets in the way",
                   "es": "Personas que dicen que el cuidado infantil les impide avanzar"}
PLACEMENTS = {"en": "Career seekers placed in healthcare jobs", "es": "Personas colocadas en empleos de salud"}
CHILDCARE_THEME = {"en": "Answers about childcare among the barriers people describe",
                   "es": "Respuestas sobre el cuidado infantil entre las barreras que describen"}

# (title, organization, owner, due, status, percent, public, concerns, measures, summary en, summary es)
ACTIONS = [
    ("Evening and weekend childcare for CNA training cohorts", "casa-familia", "María Torres",
     date(2027, 1, 31), ActionStatus.IN_PROGRESS, 40, True, ["childcare"], ["childcare_share", "childcare_theme"],
     ("Parents told us childcare keeps them out of training. Casa de Familia now runs free childcare during "
     "evening and Saturday CNA classes; the first 20 places opened in October."),
     ("Madres y padres nos dijeron que el cuidado de sus hijos les impide estudiar. Casa de Familia ofrece "
     "cuidado infantil gratis durante las clases de CNA en la noche y los sábados; los primeros 20 lugares "
     "abrieron en octubre.")),
    ("Bus passes and a shuttle to the health-sciences campus", "tri-county-wdb", "Dev Patel",
     date(2027, 3, 15), ActionStatus.NOT_STARTED, 0, True, ["transport"], ["placements"],
     ("Many of you have no car and the bus takes too long. The Workforce Board will give monthly bus passes "
     "to everyone in training and is planning a shuttle from the east side to Mesa's campus."),
     ("Muchas personas no tienen carro y el autobús tarda demasiado. La Junta de Desarrollo Laboral dará "
     "pases mensuales de autobús a quienes estudian y planea un transporte del lado este al campus de Mesa.")),
    ("Evening and weekend sections of the CNA and phlebotomy courses", "mesa-college", "Dr. Alan Reyes",
     date(2026, 8, 20), ActionStatus.DONE, 100, True, ["schedule"], ["placements"],
     ("You said class times clash with work. Mesa Community College added evening and weekend sections of "
     "its CNA and phlebotomy courses this fall."),
     ("Nos dijeron que los horarios de clase chocan con el trabajo. Mesa Community College abrió grupos en "
     "la noche y los fines de semana para sus cursos de CNA y flebotomía este otoño.")),
    ("A second CNA cohort to clear the training waitlist", "mesa-college", "Dr. Alan Reyes",
     date(2027, 2, 1), ActionStatus.IN_PROGRESS, 60, True, ["waitlist"], ["placements"],
     ("This fall many of you told us you are on a waitlist for a training seat. Mesa Community College is "
      "opening a second CNA cohort in February, paid for by the Workforce Board, with 24 more seats."),
     ("Este otoño muchas personas nos dijeron que están en lista de espera para un lugar en la capacitación. "
      "Mesa Community College abrirá un segundo grupo de CNA en febrero, pagado por la Junta de Desarrollo "
      "Laboral, con 24 lugares más.")),
    ("Paid clinical hours for trainees", "riverside-medical", "HR workforce team",
     None, ActionStatus.ON_HOLD, 10, False, [], ["placements"], "", ""),
]


def load_loop_demo(partnership: Partnership) -> None:
    """Add the demo's measures and actions that are missing, and link themes found since (flushed)."""
    organizations = {o.slug: o for o in partnership.organizations}
    concerns = _concern_lineages(partnership)
    measures = {
        "childcare_share": _answer_measure(partnership),
        "placements": _outcome_measure(partnership, organizations.get("tri-county-wdb")),
        "childcare_theme": _theme_measure(partnership, concerns.get("childcare", [])),
    }
    existing = {a.title: a for a in db.session.scalars(sa.select(Action).where(Action.partnership_id == partnership.id))}
    for (title, org, owner, due, status, percent, public, themes, linked, summary_en, summary_es) in ACTIONS:
        action = existing.get(title)
        if action is None:
            action = Action(partnership=partnership, title=title, organization=organizations.get(org), owner=owner,
                            due_on=due, status=status, percent_complete=percent, public=public,
                            public_summary={k: v for k, v in (("en", summary_en), ("es", summary_es)) if v})
            db.session.add(action)
        for concern in themes:
            action.themes.extend(t for t in concerns.get(concern, []) if t not in action.themes)
        action.measures.extend(m for key in linked if (m := measures.get(key)) is not None and m not in action.measures)
    db.session.flush()


def _measure_named(partnership: Partnership, name: str) -> Measure | None:
    return next((m for m in db.session.scalars(sa.select(Measure).where(Measure.partnership_id == partnership.id))
                 if m.name.get("en") == name), None)


def _answer_measure(partnership: Partnership) -> Measure | None:
    measure = _measure_named(partnership, CHILDCARE_SHARE["en"])
    question = _question(partnership, "barriers")
    if measure is None and question is not None:
        measure = Measure(partnership=partnership, name=CHILDCARE_SHARE, kind=MeasureKind.ANSWER_SHARE,
                          direction=MeasureDirection.DOWN, target=10.0, unit="percent", question=question,
                          option_keys=["childcare"],
                          description={"en": "Share of career seekers who tick childcare among what gets in the way.",
                                       "es": "Parte de las personas que marcan el cuidado infantil entre lo que "
                                             "les impide avanzar."})
        db.session.add(measure)
    return measure


def _outcome_measure(partnership: Partnership, organization: Organization | None) -> Measure:
    measure = _measure_named(partnership, PLACEMENTS["en"])
    if measure is None:
        measure = Measure(partnership=partnership, name=PLACEMENTS, kind=MeasureKind.OUTCOME, target=300.0,
                          baseline=40.0, unit="placements", organization=organization,
                          description={"en": "People from partner programs hired into healthcare jobs, per quarter.",
                                       "es": "Personas de los programas contratadas en empleos de salud, por "
                                             "trimestre."})
        measure.values = [MeasureValue(period="2026 Q1", period_end=date(2026, 3, 31), value=46),
                          MeasureValue(period="2026 Q2", period_end=date(2026, 6, 30), value=71),
                          MeasureValue(period="2026 Q3", period_end=date(2026, 9, 30), value=102,
                                       note="Includes the first evening-section graduates.")]
        db.session.add(measure)
    return measure


def _theme_measure(partnership: Partnership, lineages: list[ThemeLineage]) -> Measure | None:
    measure = _measure_named(partnership, CHILDCARE_THEME["en"])
    if measure is None and lineages:
        measure = Measure(partnership=partnership, name=CHILDCARE_THEME, kind=MeasureKind.THEME_SHARE,
                          direction=MeasureDirection.DOWN, target=8.0, unit="percent", lineage=lineages[0])
        db.session.add(measure)
    return measure


def _question(partnership: Partnership, key: str) -> Question | None:
    return db.session.scalar(sa.select(Question).join(Survey, Survey.id == Question.survey_id).where(
        Survey.partnership_id == partnership.id, Survey.slug == SURVEY, Question.key == key))


def _concern_lineages(partnership: Partnership) -> dict[str, list[ThemeLineage]]:
    """The barrier question's themes per concern, by the words in their names (none before themes are
    found; a theme merged away is left out)."""
    question = _question(partnership, THEMED_QUESTION)
    if question is None:
        return {}
    shown = sa.select(Theme.lineage_id).where(Theme.retired.is_(False), Theme.other.is_(False))
    lineages = db.session.scalars(sa.select(ThemeLineage).where(ThemeLineage.question_id == question.id,
                                                                ThemeLineage.id.in_(shown))
                                  .order_by(ThemeLineage.id)).all()
    return {concern: [lineage for lineage in lineages if pattern.search(lineage.label)]
            for concern, pattern in CONCERNS.items()}
