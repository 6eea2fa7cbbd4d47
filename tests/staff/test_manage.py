"""Survey management: create from a template or a file, edit translations safely, open, new wave.

Surveys are created and edited in the builder (its own tests are in ``test_builder.py``); these are
the behaviours the retired JSON editor had, checked on the builder's addresses."""

import io
import json

from surveys.db import db
from surveys.models import Question, Survey, SurveyStatus
from surveys.services import definition_of
from tests.staff.conftest import sign_in

START = "/staff/partnerships/{partnership}/surveys/start"
BUILDER = "/staff/surveys/{slug}/builder"


def test_analyst_creates_a_draft_from_a_template(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    response = client.post(START.format(partnership=world.partnership_slug), data={
        "start": "employer_skill_needs", "slug": "employers-2027", "organization": "home-other"})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/surveys/employers-2027/builder"
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "employers-2027"))
        assert survey.status is SurveyStatus.DRAFT and survey.template == "employer_skill_needs"
        assert survey.organization.slug == "home-other" and len(survey.questions) > 5


def test_new_survey_errors_keep_what_was_typed(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    response = client.post(START.format(partnership=world.partnership_slug), data={
        "start": "employer_skill_needs", "slug": world.survey, "organization": "home-other"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "already taken" in page and f'value="{world.survey}"' in page
    assert 'id="new-start-employer_skill_needs" name="start" value="employer_skill_needs" checked' in page
    assert '<option value="home-other" selected>' in page


def test_definition_file_errors_name_the_bad_field(app, world):
    client = app.test_client()
    sign_in(client, world.users["admin"])
    bad = {"slug": "x", "title": {"en": "X"}, "audience": "employer", "languages": ["en"],
           "sections": [{"key": "a", "title": {"en": "A"}, "questions": [
               {"key": "q", "type": "single_choice", "text": {"en": "Pick"},
                "options": [{"key": "bus", "text": {"en": "Bus"}}, {"key": "bus", "text": {"en": "Bus"}}]}]}]}
    response = client.post(START.format(partnership=world.partnership_slug), data={
        "start": "file", "slug": "from-file",
        "definition_file": (io.BytesIO(json.dumps(bad).encode()), "survey.json")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "options[1].key" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(Survey).where(Survey.slug == "from-file")) is None


def test_partner_creates_surveys_only_for_their_organization(app, world):
    client = app.test_client()
    sign_in(client, world.users["partner"])
    client.post(START.format(partnership=world.partnership_slug), data={
        "start": "community_listening", "slug": "listening", "organization": "home-other"})
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "listening"))
        assert survey.organization.slug == "home-org"


def test_editing_a_translation_of_an_answered_survey(app, world):
    client = app.test_client()
    sign_in(client, world.users["admin"])
    url = BUILDER.format(slug=world.survey)
    response = client.post(f"{url}/questions/barriers", data={
        "text_en": "What makes it hard?", "text_es": "¿Qué le hace difícil llegar?"})
    assert response.status_code == 302
    with app.app_context():
        text = db.session.scalar(db.select(Question.text).join(Survey).where(Survey.slug == world.survey))
        assert text == {"en": "What makes it hard?", "es": "¿Qué le hace difícil llegar?"}

    # Removing a question people answered is refused, with the form or with a whole definition, and
    # nothing changes.
    assert client.post(f"{url}/pages/1/questions", data={"type": "short_text", "text_en": "Anything else?"}
                       ).status_code == 302
    refused = client.post(f"{url}/questions/barriers/remove")
    assert refused.status_code == 422
    assert "People have answered this question" in refused.get_data(as_text=True)
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        definition = definition_of(survey).to_dict()
    definition["sections"][0]["questions"] = [dict(definition["sections"][0]["questions"][0], key="renamed")]
    refused = client.post(f"{url}/json", data={"definition": json.dumps(definition)})
    assert refused.status_code == 422
    assert "cannot be removed" in refused.get_data(as_text=True)
    with app.app_context():
        keys = db.session.scalars(db.select(Question.key).join(Survey).where(Survey.slug == world.survey)
                                  .order_by(Question.position)).all()
        assert keys == ["barriers", "anything_else"]


def test_the_old_editing_addresses_lead_to_the_builder(app, world, elsewhere):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    new = client.get(f"/staff/partnerships/{world.partnership_slug}/surveys/new")
    assert new.status_code == 301 and new.location == START.format(partnership=world.partnership_slug)
    edit = client.get(f"/staff/surveys/{world.survey}/edit")
    assert edit.status_code == 301 and edit.location == BUILDER.format(slug=world.survey)
    assert client.post(f"/staff/surveys/{world.survey}/edit", data={"definition": "{}"}).status_code == 405
    # Only for those who may: another partnership's survey is not found, as before.
    assert client.get(f"/staff/surveys/{elsewhere.survey}/edit").status_code == 404


def test_the_survey_page_and_the_dashboard_lead_to_the_builder(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    survey_page = client.get(f"/staff/surveys/{world.survey}").get_data(as_text=True)
    assert f'href="{BUILDER.format(slug=world.survey)}">Edit questions and translations</a>' in survey_page
    dashboard = client.get("/staff/").get_data(as_text=True)
    assert f'href="{START.format(partnership=world.partnership_slug)}">New survey' in dashboard


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
    client.post(START.format(partnership=world.partnership_slug), data={
        "start": "career_seeker_needs", "slug": "draft-preview", "organization": "home-org"})
    english = client.get("/staff/surveys/draft-preview/preview/1")
    assert english.status_code == 200 and "Preview" in english.get_data(as_text=True)
    # Staff who may edit the survey go back to its questions, at the page they previewed.
    assert 'href="/staff/surveys/draft-preview/builder#page-' in english.get_data(as_text=True)
    partner = app.test_client()
    sign_in(partner, world.users["partner"])  # may look at another organization's survey, not change it
    page = partner.get(f"/staff/surveys/{world.other_survey}/preview/1").get_data(as_text=True)
    assert f'href="/staff/surveys/{world.other_survey}">Back to the survey</a>' in page and "/builder" not in page
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
