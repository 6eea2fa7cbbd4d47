"""Creating a survey from a definition, and reading it back."""

from __future__ import annotations

from surveys.definition import list_templates, load_template
from surveys.models import Survey, SurveyStatus
from surveys.services import create_survey, definition_of
from tests import factories


def test_create_survey_from_every_template(db):
    partnership = factories.partnership()
    for name in list_templates():
        definition = load_template(name)
        survey = create_survey(partnership, definition, slug=name.replace("_", "-"))
        assert survey.id is not None
        assert survey.status is SurveyStatus.DRAFT
        assert survey.template == name
        assert [w.label for w in survey.waves] == ["Wave 1"]
        assert [q.key for q in survey.questions] == [q.key for q in definition.questions]
        assert [q.position for q in survey.questions] == list(range(1, len(definition.questions) + 1))
        assert survey.collects_contact == (name == "employer_skill_needs")
        assert definition_of(survey) == definition
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Survey.id))) == len(list_templates())


def test_create_survey_only_flushes(db):
    partnership = factories.partnership()
    organization = factories.organization(partnership=partnership)
    create_survey(partnership, load_template("learner_feedback"), slug="learners", organization=organization,
                  wave_label="Spring")
    db.session.rollback()
    assert db.session.scalar(db.select(Survey).where(Survey.slug == "learners")) is None
