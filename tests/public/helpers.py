"""A small partnership with a finished theme run built by hand, so a test knows each theme's size."""

from __future__ import annotations

import re
from dataclasses import dataclass

from feedback.curation import link_lineages
from feedback.models import PublicQuote, RunStatus, Theme, ThemeAssignment, ThemeRun
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
    (label -> answers), the first ``spanish`` answers of each theme in Spanish."""
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


def publish(theme_id: int, answer_id: int) -> None:
    theme = db.session.get(Theme, theme_id)
    db.session.add(PublicQuote(lineage_id=theme.lineage_id, answer_id=answer_id))
    db.session.commit()


def main_text(page: str) -> str:
    """The visible words of the page's main part, tags taken out."""
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())
