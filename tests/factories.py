"""Model factories with complete defaults; pass ``**overrides`` for what a test cares about."""

from __future__ import annotations

import itertools

from surveys.db import db
from surveys.models import (
    Answer,
    Audience,
    Organization,
    OrganizationKind,
    Partnership,
    Question,
    Response,
    Survey,
    SurveyStatus,
    Wave,
)

_counter = itertools.count(1)


def _n() -> int:
    return next(_counter)


def partnership(**overrides) -> Partnership:
    n = _n()
    values = {"slug": f"partnership-{n}", "name": f"Partnership {n}", "region": "Test Region",
              "sector": "Healthcare"}
    values.update(overrides)
    obj = Partnership(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def organization(**overrides) -> Organization:
    n = _n()
    values = {"slug": f"org-{n}", "name": f"Organization {n}", "kind": OrganizationKind.EMPLOYER}
    values.update(overrides)
    if "partnership" not in values and "partnership_id" not in values:
        values["partnership"] = partnership()
    obj = Organization(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def survey(**overrides) -> Survey:
    """An open survey with one wave and one open-text question."""
    n = _n()
    values = {"slug": f"survey-{n}", "title": {"en": f"Survey {n}", "es": f"Encuesta {n}"},
              "audience": Audience.CAREER_SEEKER, "status": SurveyStatus.OPEN, "languages": ["en", "es"],
              "sections": [{"key": "main", "title": {"en": "Questions", "es": "Preguntas"}}]}
    values.update(overrides)
    if "partnership" not in values and "partnership_id" not in values:
        values["partnership"] = partnership()
    obj = Survey(**values)
    db.session.add(obj)
    db.session.add(Wave(survey=obj, label="Wave 1", position=1))
    db.session.add(Question(survey=obj, key="barriers", type="long_text", position=1,
                            text={"en": "What makes it hard?", "es": "¿Qué lo hace difícil?"}))
    db.session.flush()
    return obj


def response(survey: Survey, **overrides) -> Response:
    values = {"survey": survey, "wave": survey.current_wave, "language": "en", "complete": True}
    values.update(overrides)
    obj = Response(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def answer(response: Response, question: Question, **overrides) -> Answer:
    values = {"response": response, "question": question, "wave_id": response.wave_id}
    values.update(overrides)
    obj = Answer(**values)
    db.session.add(obj)
    db.session.flush()
    return obj
