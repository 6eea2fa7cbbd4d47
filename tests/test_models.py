"""Constraints and cascade rules of the data model, enforced by the database itself."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from surveys.models import (
    Answer,
    InvalidTransition,
    Organization,
    Question,
    Response,
    Survey,
    SurveyStatus,
    Wave,
)
from tests import factories


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_duplicate_idempotency_key_in_one_survey_is_rejected(db):
    survey = factories.survey()
    factories.response(survey, idempotency_key="retry-1")
    db.session.commit()
    with pytest.raises(IntegrityError):
        factories.response(survey, idempotency_key="retry-1")
    db.session.rollback()
    assert count(db, Response) == 1


def test_same_idempotency_key_in_another_survey_is_a_different_response(db):
    first, second = factories.survey(), factories.survey()
    factories.response(first, idempotency_key="k")
    factories.response(second, idempotency_key="k")
    db.session.commit()
    assert count(db, Response) == 2


def test_responses_without_idempotency_key_do_not_collide(db):
    survey = factories.survey()
    factories.response(survey)
    factories.response(survey)
    db.session.commit()
    assert count(db, Response) == 2


def test_survey_slug_is_unique_across_partnerships(db):
    factories.survey(slug="career-needs")
    db.session.commit()
    with pytest.raises(IntegrityError):
        factories.survey(slug="career-needs")
    db.session.rollback()


def test_one_answer_row_per_option(db):
    survey = factories.survey()
    question = survey.questions[0]
    response = factories.response(survey)
    factories.answer(response, question, option_key="bus")
    factories.answer(response, question, option_key="car")
    db.session.commit()
    with pytest.raises(IntegrityError):
        factories.answer(response, question, option_key="bus")
    db.session.rollback()


def test_deleting_a_partnership_in_sql_removes_everything_it_owns(db):
    """ON DELETE CASCADE lives in the schema, so a delete outside the ORM leaves no orphans."""
    survey = factories.survey()
    factories.organization(partnership=survey.partnership)
    factories.answer(factories.response(survey), survey.questions[0], value_text="No bus at night")
    other = factories.survey()  # another partnership's data must survive
    factories.answer(factories.response(other), other.questions[0], value_text="Childcare")
    db.session.commit()

    db.session.execute(sa.text("DELETE FROM partnership WHERE id = :id"), {"id": survey.partnership_id})
    db.session.commit()

    for model in (Survey, Wave, Question, Response, Answer):
        assert count(db, model) == 1, model.__name__
    assert count(db, Organization) == 0
    assert db.session.scalar(sa.select(Answer.value_text)) == "Childcare"


def test_deleting_a_survey_through_the_orm_removes_its_responses_and_answers(db):
    survey = factories.survey()
    factories.answer(factories.response(survey), survey.questions[0], value_text="x")
    db.session.commit()
    db.session.delete(survey)
    db.session.commit()
    assert (count(db, Response), count(db, Answer), count(db, Wave)) == (0, 0, 0)


def test_survey_outlives_the_partner_that_ran_it(db):
    organization = factories.organization()
    survey = factories.survey(partnership=organization.partnership, organization=organization)
    db.session.commit()
    db.session.execute(sa.text("DELETE FROM organization WHERE id = :id"), {"id": organization.id})
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Survey, survey.id).organization_id is None


def test_database_rejects_an_unknown_audience(db):
    partnership = factories.partnership()
    db.session.commit()
    with pytest.raises(IntegrityError):
        db.session.execute(
            sa.text(
                "INSERT INTO survey (slug, partnership_id, title, intro, audience, status, languages, "
                "sections, collects_contact, created_at) VALUES ('x', :p, '{}', '{}', 'martians', 'draft', "
                "'[\"en\"]', '[]', false, CURRENT_TIMESTAMP)"
            ),
            {"p": partnership.id},
        )
    db.session.rollback()


def test_partnership_threshold_defaults_to_five_and_must_be_positive(db):
    assert factories.partnership().small_cell_threshold == 5
    db.session.commit()
    with pytest.raises(IntegrityError):
        factories.partnership(small_cell_threshold=0)
    db.session.rollback()


def test_survey_status_moves_only_along_its_lifecycle(db):
    survey = factories.survey(status=SurveyStatus.DRAFT)
    with pytest.raises(InvalidTransition):
        survey.move_to(SurveyStatus.CLOSED)
    survey.move_to(SurveyStatus.OPEN)
    survey.move_to(SurveyStatus.CLOSED)
    survey.move_to(SurveyStatus.OPEN)
    assert survey.is_open


def test_answers_to_a_question_in_a_wave_use_the_composite_index(db):
    """The report query must not scan every answer of every wave."""
    survey = factories.survey()
    db.session.commit()
    query = sa.select(Answer.value_text).where(
        Answer.question_id == survey.questions[0].id, Answer.wave_id == survey.current_wave.id
    )
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    prefix = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
    plan = " ".join(str(row) for row in db.session.execute(sa.text(prefix + str(compiled))))
    assert "ix_answer_question_wave" in plan
