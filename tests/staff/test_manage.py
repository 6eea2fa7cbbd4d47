"""Survey management: create from a template or a file, edit translations safely, open, new wave."""

import io
import json

from surveys.db import db
from surveys.models import Question, Survey, SurveyStatus
from surveys.services import definition_of
from tests.staff.conftest import sign_in


def test_analyst_creates_a_draft_from_a_template(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    response = client.post(f"/staff/partnerships/{world.partnership_slug}/surveys/new", data={
        "template": "employer_skill_needs", "slug": "employers-2027", "organization": "home-other"})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/surveys/employers-2027"
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "employers-2027"))
        assert survey.status is SurveyStatus.DRAFT and survey.template == "employer_skill_needs"
        assert survey.organization.slug == "home-other" and len(survey.questions) > 5


def test_new_survey_errors_keep_what_was_typed(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    response = client.post(f"/staff/partnerships/{world.partnership_slug}/surveys/new", data={
        "template": "employer_skill_needs", "slug": world.survey})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "already taken" in page and f'value="{world.survey}"' in page


def test_definition_file_errors_name_the_bad_field(app, world):
    client = app.test_client()
    sign_in(client, world.users["admin"])
    bad = {"slug": "x", "title": {"en": "X"}, "audience": "employer", "languages": ["en"],
           "sections": [{"key": "a", "title": {"en": "A"}, "questions": [
               {"key": "q", "type": "single_choice", "text": {"en": "Pick"},
                "options": [{"key": "bus", "text": {"en": "Bus"}}, {"key": "bus", "text": {"en": "Bus"}}]}]}]}
    response = client.post(f"/staff/partnerships/{world.partnership_slug}/surveys/new", data={
        "template": "file", "slug": "from-file",
        "definition_file": (io.BytesIO(json.dumps(bad).encode()), "survey.json")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "options[1].key" in response.get_data(as_text=True)


def test_partner_creates_surveys_only_for_their_organization(app, world):
    client = app.test_client()
    sign_in(client, world.users["partner"])
    client.post(f"/staff/partnerships/{world.partnership_slug}/surveys/new", data={
        "template": "community_listening", "slug": "listening", "organization": "home-other"})
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "listening"))
        assert survey.organization.slug == "home-org"


def test_editing_a_translation_of_an_answered_survey(app, world):
    client = app.test_client()
    sign_in(client, world.users["admin"])
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        definition = definition_of(survey).to_dict()
    question = definition["sections"][0]["questions"][0]
    question["text"]["es"] = "¿Qué le hace difícil llegar?"
    response = client.post(f"/staff/surveys/{world.survey}/edit", data={"definition": json.dumps(definition)})
    assert response.status_code == 302
    with app.app_context():
        text = db.session.scalar(db.select(Question.text).join(Survey).where(Survey.slug == world.survey))
        assert text["es"] == "¿Qué le hace difícil llegar?"

    # Removing a question people answered is refused, and nothing changes.
    definition["sections"][0]["questions"] = [dict(question, key="renamed")]
    refused = client.post(f"/staff/surveys/{world.survey}/edit", data={"definition": json.dumps(definition)})
    assert refused.status_code == 422
    assert "cannot be removed" in refused.get_data(as_text=True)
    with app.app_context():
        keys = db.session.scalars(db.select(Question.key).join(Survey).where(Survey.slug == world.survey)).all()
        assert keys == ["barriers"]


def test_open_close_and_new_wave(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    client.post(f"/staff/surveys/{world.survey}/status", data={"status": "closed", "confirm": "yes"})
    client.post(f"/staff/surveys/{world.survey}/waves", data={"label": "Autumn"})
    page = client.get(f"/staff/surveys/{world.survey}").get_data(as_text=True)
    assert "closed" in page and "Autumn" in page
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        assert survey.status is SurveyStatus.CLOSED and survey.current_wave.label == "Autumn"
    duplicate = client.post(f"/staff/surveys/{world.survey}/waves", data={"label": "Autumn"}, follow_redirects=True)
    assert "already exists" in duplicate.get_data(as_text=True)


def test_preview_shows_a_draft_as_respondents_will_see_it_in_each_language(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    client.post(f"/staff/partnerships/{world.partnership_slug}/surveys/new", data={
        "template": "career_seeker_needs", "slug": "draft-preview", "organization": "home-org"})
    english = client.get("/staff/surveys/draft-preview/preview/1")
    assert english.status_code == 200 and "Preview" in english.get_data(as_text=True)
    spanish = client.get("/staff/surveys/draft-preview/preview/1?lang=es").get_data(as_text=True)
    assert '<html lang="es"' in spanish
    assert client.get("/staff/surveys/draft-preview/preview/99").status_code == 404
    # The public address still says the survey is not open: there is no way to start it.
    public = client.get("/s/draft-preview").get_data(as_text=True)
    assert "/s/draft-preview/start" not in public
    with app.app_context():
        from surveys.models import Response
        assert db.session.scalar(db.select(db.func.count()).select_from(Response)) == 2  # only the world's


def test_responses_export_to_excel_never_holds_a_formula(app, world):
    import io

    from openpyxl import load_workbook

    with app.app_context():
        from surveys.models import Answer

        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        answer = db.session.scalar(db.select(Answer).where(Answer.question_id == survey.questions[0].id))
        answer.value_text = '=HYPERLINK("http://evil.example","click me")'
        db.session.commit()
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    response = client.get(f"/staff/surveys/{world.survey}/responses.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert any(str(cell.value).startswith("'=HYPERLINK") for cell in cells)
