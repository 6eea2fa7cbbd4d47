"""A small partnership with a finished theme run built by hand, so a test knows each theme's size."""

from __future__ import annotations

import re
from dataclasses import dataclass

from feedback.lineages import link_lineages
from feedback.models import PublicQuote, RunStatus, Theme, ThemeAssignment, ThemeLineage, ThemeRun
from surveys.db import db
from tests import factories


@dataclass
class Built:
    slug: str
    survey: str
    run: str
    themes: dict[str, int]  # label -> theme id
    answers: dict[str, list[int]]  # label -> answer ids, in order


def build_partnership(sizes: dict[str, int], *, slug: str = "valley", spanish: int = 0, status=None) -> Built:
    """A partnership whose one survey's open question has a finished run with themes of ``sizes``
    (label -> answers), the first ``spanish`` answers of each theme in Spanish. The run is not on the
    public page until a test publishes it (:func:`show_themes`)."""
    partnership = factories.partnership(slug=slug, name="Valley Care Partnership")
    survey = factories.survey(partnership=partnership, slug=f"{slug}-seekers",
                              **({"status": status} if status else {}))
    question = survey.questions[0]
    run = ThemeRun(survey=survey, question=question, status=RunStatus.FINISHED)
    db.session.add(run)
    themes, answers = {}, {}
    for position, (label, size) in enumerate(sizes.items()):
        theme = Theme(run=run, position=position, engine_label=label, label=label, size=size)
        db.session.add(theme)
        db.session.flush()
        themes[label], answers[label] = theme.id, []
        for index in range(size):
            language = "es" if index < spanish else "en"
            response = factories.response(survey, language=language)
            answer = factories.answer(response, question, value_text=f"{label}, story {index}")
            db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id))
            answers[label].append(answer.id)
    db.session.flush()
    link_lineages(run)
    db.session.commit()
    return Built(partnership.slug, survey.slug, run.public_id, themes, answers)


def show_themes(built: Built) -> Built:
    """Put the built run's themes on the public page, as staff do from its report, without an audit line
    (tests count those). Needs an app context."""
    from surveys.models import utcnow

    db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == built.run)).published_at = utcnow()
    db.session.commit()
    return built


def add_members(built: Built) -> Built:
    """One staff member of each role in ``built``'s partnership (the partner works for an organization
    that does not own the survey), signed in with ``tests.staff.conftest.PASSWORD``."""
    from feedback.accounts import add_user
    from feedback.models import Role
    from surveys.models import Partnership
    from tests.staff.conftest import PASSWORD

    partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == built.slug))
    college = factories.organization(partnership=partnership, slug=f"{built.slug}-college")
    for role in Role:
        add_user(f"{role.value}@{built.slug}.example", partnership, role, PASSWORD,
                 college if role is Role.PARTNER else None)
    db.session.commit()
    return built


def staff(app, role: str, slug: str = "valley"):
    """A client signed in as the member of ``role`` that :func:`add_members` added."""
    from tests.staff.conftest import sign_in

    client = app.test_client()
    assert sign_in(client, f"{role}@{slug}.example").status_code == 302
    return client


def publish(theme_id: int, answer_id: int) -> None:
    theme = db.session.get(Theme, theme_id)
    db.session.add(PublicQuote(lineage_id=theme.lineage_id, answer_id=answer_id))
    db.session.commit()


def main_text(page: str) -> str:
    """The visible words of the page's main part, tags taken out."""
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


DEMO_CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}
"""The configuration the demo snapshot's themes are found with (and its tests run with)."""


def demo_public_page(test_database):
    """The demo (seed 3, half size) with themes found and published for every open-ended question, two
    published quotes under every theme, and public actions and measures: the fullest the public page gets."""
    demo = test_database.demo(seed=3, scale=0.5)
    return test_database.snapshot("demo seed 3 scale 0.5, every open question themed, public page filled",
                                  lambda app: _fill_public_page(app, demo.value), base=demo, config=DEMO_CONFIG)


def _fill_public_page(app, partnership_slug: str) -> str:
    from datetime import date

    from feedback.jobs import start_theme_run
    from feedback.models import Action, ActionStatus, Measure, MeasureDirection, MeasureKind, MeasureValue
    from feedback.queries.public import what_we_heard
    from feedback.services.public import publish_run
    from surveys.models import Partnership, Survey
    from surveys.question_types import get_type

    with app.app_context():
        for survey in db.session.scalars(db.select(Survey)):
            for question in survey.questions:
                if get_type(question.type).summary == "text":
                    run = start_theme_run(survey, question, None, None, {})
                    assert run.status is RunStatus.FINISHED
                    publish_run(run, user_id=None)
        db.session.commit()
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == partnership_slug))
        lineages = []
        for group in what_we_heard(partnership):
            for item in group.questions:
                for heard in item.themes:
                    lineages.append(heard.lineage_id)
                    answers = db.session.scalars(
                        db.select(ThemeAssignment.answer_id).join(Theme, Theme.id == ThemeAssignment.theme_id)
                        .where(Theme.lineage_id == heard.lineage_id).order_by(ThemeAssignment.score.desc())
                        .limit(2))
                    db.session.add_all(PublicQuote(lineage_id=heard.lineage_id, answer_id=a) for a in answers)
        for number, status in enumerate(ActionStatus):
            action = Action(partnership=partnership, title=f"Internal title {number}", status=status,
                            organization=partnership.organizations[number % len(partnership.organizations)],
                            percent_complete=20 * number, due_on=date(2027, 1 + number, 15),
                            public_summary={"en": f"Evening classes and childcare, step {number}, so more people "
                                                  "can train while they work.",
                                            "es": f"Clases nocturnas y cuidado infantil, paso {number}, para que "
                                                  "más personas puedan capacitarse mientras trabajan."})
            action.themes = [db.session.get(ThemeLineage, lineages[number % len(lineages)])]
            db.session.add(action)
        outcome = Measure(partnership=partnership, kind=MeasureKind.OUTCOME, unit="placements", target=120,
                          baseline=40, name={"en": "People placed in healthcare jobs",
                                             "es": "Personas colocadas en empleos de salud"})
        outcome.values = [MeasureValue(period="2026 Q1", period_end=date(2026, 3, 31), value=52),
                          MeasureValue(period="2026 Q2", period_end=date(2026, 6, 30), value=71)]
        seekers = db.session.scalar(db.select(Survey).where(Survey.slug == "healthcare-career-seekers"))
        barriers = next(q for q in seekers.questions if q.key == "barriers")
        childcare = Measure(partnership=partnership, kind=MeasureKind.ANSWER_SHARE, question=barriers,
                            option_keys=["childcare"], target=20, direction=MeasureDirection.DOWN,
                            name={"en": "Career seekers for whom childcare blocks training",
                                  "es": "Personas para quienes el cuidado infantil impide capacitarse"})
        db.session.add_all([outcome, childcare])
        db.session.commit()
        db.session.remove()
    return partnership_slug


def small_public_page() -> str:
    """A hand-built partnership with a small theme, a published quote, an action and an outcome
    measure (in both languages): every part of the public page with little to set up. Needs an app
    context; returns the partnership's slug."""
    from datetime import date

    from feedback.models import Action, ActionStatus, Measure, MeasureKind, MeasureValue

    built = build_partnership({"Bus routes": 12, "Night shifts": 9, "Uniform costs": 3}, spanish=4)
    show_themes(built)
    publish(built.themes["Bus routes"], built.answers["Bus routes"][0])
    publish(built.themes["Bus routes"], built.answers["Bus routes"][7])
    theme = db.session.get(Theme, built.themes["Bus routes"])
    partnership = theme.run.survey.partnership
    db.session.add(Action(partnership=partnership, title="Talk to the transit agency", status=ActionStatus.IN_PROGRESS,
                          percent_complete=40, due_on=date(2027, 3, 1), themes=[theme.lineage_row],
                          public_summary={"en": "An early bus on the college route.",
                                          "es": "Un autobús temprano en la ruta del colegio."}))
    measure = Measure(partnership=partnership, kind=MeasureKind.OUTCOME, unit="placements", target=50,
                      name={"en": "People placed in jobs", "es": "Personas colocadas en empleos"})
    measure.values = [MeasureValue(period="2026 Q3", period_end=date(2026, 9, 30), value=18)]
    db.session.add(measure)
    db.session.commit()
    return built.slug
