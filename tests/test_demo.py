"""The demo partnership's answers read like answers to the question asked."""

from __future__ import annotations

import random
import re

import pytest
import sqlalchemy as sa

from analysis import non_answer_reason
from feedback.demo import loader
from feedback.demo.loader import SURVEYS, TOPIC_BY_QUESTION, load_demo
from surveys.definition import load_template
from surveys.demo import labelled_open_answers, themes
from surveys.models import Answer, Question, Response, Survey

JOBS = re.compile(
    r"cna|nurs|\brn\b|lpn|lvn|medical|\bma\b|phleb|pharmacy|home (health|care)|hha|caregiver|aide|tech|"
    r"emt|paramedic|dental|billing|coder|receptionist|front desk|secretary|"
    r"enfermer|asistente|flebotom|farmacia|cuidad|recepcionista|factura|rayos|param[eé]dico|"
    r"healthcare|hospital|salud|helping people|ayudar|steady job",
    re.IGNORECASE,
)
# Phrases of the "what would help" answers the job question used to get.
HELP = re.compile(r"night classes|weekend classes|bus pass|stipend|mentor|scholarship|voucher|"
                  r"clases en la noche|becas|pases? de autob", re.IGNORECASE)


def answers_to(db, survey_slug: str, key: str) -> list[tuple[str, str, str | None]]:
    """``(language, text, option)`` of every answer to one question of a demo survey."""
    return db.session.execute(
        sa.select(Response.language, Answer.value_text, Answer.option_key)
        .join(Answer.response).join(Answer.question).join(Question.survey)
        .where(Survey.slug == survey_slug, Question.key == key)
    ).all()


@pytest.fixture
def database_snapshot(request, test_database):
    """Tests that read the demo start from a copy of it (seed 4, half size), loaded once per session;
    the others from empty tables."""
    return test_database.demo(seed=4, scale=0.5) if "demo" in request.fixturenames else test_database.empty


@pytest.fixture
def demo(db):
    """The demo as ``load_demo(seed=4, scale=0.5)`` loads it (see ``database_snapshot``)."""
    return db


def test_what_job_would_you_like_is_answered_with_healthcare_jobs_in_both_languages(demo):
    answers = answers_to(demo, "healthcare-career-seekers", "job_interest")
    texts = [text for _, text, _ in answers if non_answer_reason(text) is None]
    assert len(texts) > 100
    assert not [text for text in texts if HELP.search(text)]  # not "what would help" answers
    assert sum(bool(JOBS.search(text)) for text in texts) / len(texts) > 0.9
    assert {language for language, _, _ in answers} == {"en", "es"}
    spanish = [text for language, text, _ in answers if language == "es"]
    assert any(re.search(r"enfermer|asistente|flebotom|farmacia", text, re.IGNORECASE) for text in spanish)


def test_what_makes_childcare_hard_is_answered_about_childcare(demo):
    texts = [text for _, text, _ in answers_to(demo, "healthcare-career-seekers", "childcare_detail")
             if non_answer_reason(text) is None]
    about = re.compile(r"child|kid|da[y]?care|day care|babysit|daughter|son\b|girls|boys|mom\b|niñ|hijos|guarder",
                       re.IGNORECASE)
    assert texts and sum(bool(about.search(text)) for text in texts) / len(texts) > 0.9


def test_something_else_is_explained_only_where_an_explanation_fits(demo):
    gender_other = answers_to(demo, "healthcare-career-seekers", "gender")
    assert all(text is None for _, text, option in gender_other if option == "other")
    barriers_other = [text for _, text, option in answers_to(demo, "healthcare-career-seekers", "barriers")
                      if option == "other"]
    assert barriers_other and all(text and not HELP.search(text) for text in barriers_other)


@pytest.mark.parametrize("template", sorted({template for template, *_ in SURVEYS}))
def test_every_open_question_of_the_demo_surveys_has_answers_of_its_own(template):
    for question in load_template(template).questions:
        if question.type in ("long_text", "short_text"):
            assert question.key in TOPIC_BY_QUESTION, question.key


@pytest.mark.parametrize(("topic", "theme"), sorted(set(TOPIC_BY_QUESTION.values()), key=str))
def test_every_mapped_topic_and_theme_can_be_drawn(topic, theme):
    assert topic in themes()
    if theme is not None:
        drawn = {label for _, _, label in labelled_open_answers(topic, 300, random.Random(0))}
        assert theme in drawn


def test_an_open_question_the_demo_has_no_answers_for_is_an_error_not_other_answers(db, monkeypatch):
    # The community survey asks "Why do you turn to them?", which no answer bank fits.
    monkeypatch.setattr(loader, "SURVEYS", [("community_listening", "demo-community", "casa-familia", (10, 10),
                                             0.2, [None])])
    with pytest.raises(ValueError, match="'turn_to_why'.*TOPIC_BY_QUESTION"):
        load_demo(seed=1, scale=1.0)
    db.session.rollback()
