"""XLSForms in the staff workspace: uploading one makes a draft survey or shows each row Chorus cannot use
(and a retry that leaves them out); any member downloads a survey as an XLSForm; bad files, forged forms
and other partnerships never get a 500 or a survey."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from surveys.db import db
from surveys.models import Survey, SurveyStatus
from surveys.services import definition_of
from surveys.xlsform.importing import read_xlsform
from tests.staff.conftest import PASSWORD, XSS, sign_in
from tests.surveys.xlsform_forms import kobo_form, kobo_sheets, q, workbook

IMPORT = "/staff/partnerships/{}/surveys/import-xlsform"


def signed_in(app, email):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def upload(client, partnership_slug, data: bytes, filename="job_fair.xlsx", **fields):
    form = {"slug": "job-fair", "xlsform_file": (io.BytesIO(data), filename), **fields}
    return client.post(IMPORT.format(partnership_slug), data=form, content_type="multipart/form-data")


def survey_count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(Survey))


def test_a_kobo_form_becomes_a_draft_in_the_builder(app, world):
    client = signed_in(app, world.users["partner"])
    start = client.get(f"/staff/partnerships/{world.partnership_slug}/surveys/start").get_data(as_text=True)
    assert IMPORT.format(world.partnership_slug) in start  # linked from the new-survey page
    assert client.get(IMPORT.format(world.partnership_slug)).status_code == 200
    reply = upload(client, world.partnership_slug, kobo_form(), organization="home-other")
    assert reply.status_code == 302 and reply.location == "/staff/surveys/job-fair/builder"
    builder = client.get(reply.location).get_data(as_text=True)
    assert "Draft survey created from the XLSForm" in builder
    assert "Note: sheet survey, row 2, column type" in builder  # the `start` row, reported not dropped
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "job-fair"))
        assert survey.status is SurveyStatus.DRAFT
        assert survey.organization.slug == "home-org"  # a partner's survey is their organization's
        definition = definition_of(survey)
    assert definition.question("barriers").settings == {"other": True}
    assert definition.question("status").text["es"] == "¿Trabaja ahora?"


def test_rows_chorus_cannot_use_are_listed_and_a_retry_can_leave_them_out(app, world):
    client = signed_in(app, world.users["analyst"])
    sheets = kobo_sheets()
    sheets["survey"].insert(8, q("geopoint", "where", "Where are you?", "¿Dónde está?"))
    sheets["survey"].insert(9, q("text", "why", "Why?", "¿Por qué?", relevant="${months} > 6"))
    data = workbook(sheets)
    reply = upload(client, world.partnership_slug, data)
    assert reply.status_code == 422
    page = reply.get_data(as_text=True)
    assert "Nothing was saved: 2 parts of the form cannot be used" in page
    assert "<td role=\"cell\">10</td><td role=\"cell\"><code>type</code></td>" in page
    assert "<td role=\"cell\">11</td><td role=\"cell\"><code>relevant</code></td>" in page
    assert "Leave out what Chorus cannot use" in page
    assert survey_count(app) == 2  # the world's two surveys only

    reply = upload(client, world.partnership_slug, data, skip_unmappable="y")
    assert reply.status_code == 302
    with app.app_context():
        definition = definition_of(db.session.scalar(db.select(Survey).where(Survey.slug == "job-fair")))
    assert definition.question("where") is None and definition.question("why").condition is None
    assert "Left out: sheet survey, row 10" in client.get(reply.location).get_data(as_text=True)


@pytest.mark.parametrize("data, filename, words", [
    (b"", "form.xlsx", "Choose the XLSForm file"),
    (b"just text", "form.xlsx", "not a .xlsx workbook"),
    (b"PK\x03\x04\x14\x00broken zip", "form.xlsx", "not a .xlsx workbook"),
    (b"a,b\n", "form.csv", "a .xlsx or .xls file"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "form.xls", "not a form ODK accepts"),
    (workbook({"survey": [{"type": "begin_group", "name": "g", "label": "G"}]}), "open.xlsx",
     "pyxform says"),
    (workbook({"choices": [{"list_name": "a", "name": "b", "label": "c"}]}), "nosurvey.xlsx", "pyxform says"),
])
def test_bad_files_are_refused_with_a_reason_never_a_500(app, world, data, filename, words):
    client = signed_in(app, world.users["admin"])
    reply = upload(client, world.partnership_slug, data, filename)
    assert reply.status_code == 422
    assert words in reply.get_data(as_text=True)
    assert survey_count(app) == 2


def test_a_taken_address_and_a_bad_audience_are_shown_beside_their_fields(app, world):
    client = signed_in(app, world.users["admin"])
    reply = upload(client, world.partnership_slug, kobo_form(), slug=world.survey, audience="martians")
    page = reply.get_data(as_text=True)
    assert reply.status_code == 422
    assert 'id="xlsform-slug-error">Error: /s/home-survey is already taken' in page
    assert "Choose who answers the survey from the list." in page


def test_texts_from_the_form_are_escaped(app, world):
    sheets = kobo_sheets()
    sheets["survey"].insert(8, q("geopoint", "where", XSS, XSS))
    reply = upload(signed_in(app, world.users["admin"]), world.partnership_slug, workbook(sheets),
                   filename="x.xlsx")
    page = reply.get_data(as_text=True)
    assert "<script>document.title" not in page


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(app, world):
    client = signed_in(app, world.users["admin"])
    body = b"--b\r\nContent-Disposition: form-data; name=\"xlsform_file\"; filename=\"big.xlsx\"\r\n\r\nPK" + \
        b"\x00" * (3 * 1024 * 1024) + b"\r\n--b--\r\n"
    reply = client.post(IMPORT.format(world.partnership_slug), data=body,
                        content_type="multipart/form-data; boundary=b")
    assert reply.status_code == 413
    assert survey_count(app) == 2


def test_the_import_needs_a_csrf_token(app, world):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    login = client.get("/staff/login").get_data(as_text=True)
    token = login.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/staff/login", data={"email": world.users["admin"], "password": PASSWORD, "csrf_token": token})
    assert upload(client, world.partnership_slug, kobo_form()).status_code == 400
    page = client.get(IMPORT.format(world.partnership_slug)).get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    assert upload(client, world.partnership_slug, kobo_form(), csrf_token=token).status_code == 302


def test_staff_elsewhere_cannot_import_into_or_download_from_this_partnership(app, world, elsewhere):
    client = signed_in(app, elsewhere.users["admin"])
    assert upload(client, world.partnership_slug, kobo_form()).status_code in (403, 404)
    assert client.get(f"/staff/surveys/{world.survey}/xlsform.xlsx").status_code in (403, 404)
    assert survey_count(app) == 4


@pytest.mark.parametrize("role", ["admin", "analyst", "partner"])
def test_members_download_a_survey_as_an_xlsform_that_imports_back(app, world, role):
    client = signed_in(app, world.users[role])
    reply = client.get(f"/staff/surveys/{world.other_survey}/xlsform.xlsx")
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="home-other-survey.xlsx"' in reply.headers["Content-Disposition"]
    header, values = load_workbook(io.BytesIO(reply.data))["settings"].iter_rows(values_only=True)
    assert dict(zip(header, values))["form_id"] == "home-other-survey"  # the id Collect submits under
    convert(reply.data, file_type=".xlsx")
    with app.app_context():
        stored = definition_of(db.session.scalar(db.select(Survey).where(Survey.slug == world.other_survey)))
    again, _ = read_xlsform(reply.data, "home-other-survey.xlsx")
    assert again.to_dict() == stored.to_dict()


def test_the_download_is_only_for_signed_in_staff(app, world):
    reply = app.test_client().get(f"/staff/surveys/{world.survey}/xlsform.xlsx")
    assert reply.status_code == 302 and reply.location.startswith("/staff/login")
    assert signed_in(app, world.users["admin"]).get("/staff/surveys/no-such/xlsform.xlsx").status_code == 404
