"""``chorus import-xlsform``: a Kobo-style form becomes a draft survey; a form with rows Chorus cannot
map is refused with each row printed, unless --skip-unmappable."""

from __future__ import annotations

import sqlalchemy as sa

from feedback.models import AuditEvent
from surveys.models import Survey, SurveyStatus
from surveys.services import definition_of
from surveys.xlsform.export import to_xlsform
from surveys.xlsform.importing import read_xlsform
from tests import factories
from tests.surveys.xlsform_forms import kobo_form, kobo_sheets, q, workbook


def write(tmp_path, data: bytes, name: str = "job_fair.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_a_kobo_form_becomes_a_draft_survey(runner, db, tmp_path):
    partnership = factories.partnership(slug="tri-county")
    org = factories.organization(partnership=partnership, slug="county-jobs")
    db.session.commit()
    result = runner.invoke(args=["import-xlsform", write(tmp_path, kobo_form()), "--partnership", "tri-county",
                                 "--organization", "county-jobs"])
    assert result.exit_code == 0, result.output
    assert "notice: sheet survey, row 2, column type" in result.output  # `start` is reported
    assert "Created the draft survey job-fair: 3 pages" in result.output
    survey = db.session.scalar(sa.select(Survey).where(Survey.slug == "job-fair"))
    assert survey.status is SurveyStatus.DRAFT and survey.organization_id == org.id
    definition = definition_of(survey)
    assert definition.question("status").settings == {"other": True}
    assert definition.question("care_detail").condition.question == "barriers"
    # and it exports back to the same survey
    again, _ = read_xlsform(to_xlsform(definition, form_id=survey.slug, version="1"), "job-fair.xlsx")
    assert again.to_dict() == definition.to_dict()

    second = runner.invoke(args=["import-xlsform", write(tmp_path, kobo_form()), "--partnership", "tri-county"])
    assert "Created the draft survey job-fair-2" in second.output


def test_unmappable_rows_are_printed_and_nothing_is_imported(runner, db, tmp_path):
    factories.partnership(slug="tri-county")
    db.session.commit()
    sheets = kobo_sheets()
    sheets["survey"].insert(8, q("geopoint", "where", "Where are you?", "¿Dónde está?"))
    path = write(tmp_path, workbook(sheets))
    result = runner.invoke(args=["import-xlsform", path, "--partnership", "tri-county"])
    assert result.exit_code != 0
    assert "problem: sheet survey, row 10, column type: 'geopoint' has no Chorus equivalent" in result.output
    assert "--skip-unmappable" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Survey)) == 0

    result = runner.invoke(args=["import-xlsform", path, "--partnership", "tri-county", "--skip-unmappable",
                                 "--slug", "fair-checkin", "--audience", "career_seeker"])
    assert result.exit_code == 0, result.output
    assert "skipped: sheet survey, row 10" in result.output
    survey = db.session.scalar(sa.select(Survey).where(Survey.slug == "fair-checkin"))
    assert survey.audience.value == "career_seeker"
    assert db.session.scalar(sa.select(AuditEvent.details).where(AuditEvent.object_id == "fair-checkin")) == \
        {"template": "xlsform"}


def test_bad_arguments_and_files_exit_non_zero(runner, db, tmp_path):
    factories.partnership(slug="tri-county")
    db.session.commit()
    assert "No partnership 'nope'" in runner.invoke(
        args=["import-xlsform", write(tmp_path, kobo_form()), "--partnership", "nope"]).output
    assert "No organization 'nope'" in runner.invoke(
        args=["import-xlsform", write(tmp_path, kobo_form()), "--partnership", "tri-county",
              "--organization", "nope"]).output
    result = runner.invoke(args=["import-xlsform", write(tmp_path, b"hello", "notes.xlsx"),
                                 "--partnership", "tri-county"])
    assert result.exit_code != 0 and "not a .xlsx workbook" in result.output


def test_the_imported_survey_is_answered_in_spanish_with_its_condition(runner, db, client, tmp_path):
    factories.partnership(slug="tri-county")
    db.session.commit()
    assert runner.invoke(args=["import-xlsform", write(tmp_path, kobo_form()), "--partnership", "tri-county",
                               "--slug", "feria"]).exit_code == 0
    survey = db.session.scalar(sa.select(Survey).where(Survey.slug == "feria"))
    survey.move_to(SurveyStatus.OPEN)
    db.session.commit()
    client.get("/s/feria?lang=es")
    page_url = client.post("/s/feria/start").location
    page = client.get(page_url).get_data(as_text=True)
    assert "¿Trabaja ahora?" in page and 'name="q_status__other"' in page
    reply = client.post(page_url, data={"action": "next", "q_status": "other", "q_status__other": "Estudio",
                                        "q_barriers": "childcare", "q_months": "4"})
    assert reply.status_code == 302
    page = client.get(reply.location).get_data(as_text=True)
    assert "¿Qué le ayudaría con el cuidado infantil?" in page  # shown because childcare was chosen
