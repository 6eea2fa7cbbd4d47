"""What a device downloads: the form list, the XForm (made by pyxform), the manifest; HEAD before a
submission; and every way a device without a working token is turned away."""

from __future__ import annotations

import hashlib
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from feedback.services.openrosa import form_version
from surveys.models import Question, Survey, SurveyStatus
from surveys.services import definition_of
from tests.openrosa.conftest import COLLECT_HEADERS, base, new_token
from tests.surveys.helpers import make_survey

LIST = "{http://openrosa.org/xforms/xformsList}"
RESPONSE = "{http://openrosa.org/http/response}"


def form_entries(reply) -> list[dict[str, str]]:
    root = ET.fromstring(reply.data)
    assert root.tag == f"{LIST}xforms"
    return [{child.tag.removeprefix(LIST): child.text for child in entry} for entry in root.findall(f"{LIST}xform")]


def test_form_list_names_the_survey_with_links_that_keep_the_key(client, token):
    reply = client.get(f"{base(token)}/formList", headers=COLLECT_HEADERS)
    assert reply.status_code == 200 and reply.mimetype == "text/xml"
    assert reply.headers["X-OpenRosa-Version"] == "1.0"
    [entry] = form_entries(reply)
    assert entry["formID"] == "every-type" and entry["name"] == "Every type"
    assert entry["downloadUrl"] == f"http://localhost{base(token)}/forms/every-type.xml"
    assert entry["manifestUrl"] == f"http://localhost{base(token)}/forms/every-type/manifest"
    form = client.get(entry["downloadUrl"].removeprefix("http://localhost"))
    assert form.status_code == 200 and form.headers["X-OpenRosa-Version"] == "1.0"
    assert entry["hash"] == "md5:" + hashlib.md5(form.data).hexdigest()
    manifest = client.get(entry["manifestUrl"].removeprefix("http://localhost"))
    assert ET.fromstring(manifest.data).tag == "{http://openrosa.org/xforms/xformsManifest}manifest"
    assert list(ET.fromstring(manifest.data)) == []


def test_the_xform_is_pyxforms_and_names_the_survey_and_its_version(client, db, token):
    reply = client.get(f"{base(token)}/forms/every-type.xml")
    root = ET.fromstring(reply.data)
    instance = root.find(".//{http://www.w3.org/2002/xforms}instance")[0]
    survey = db.session.scalar(db.select(Survey).where(Survey.slug == "every-type"))
    assert instance.get("id") == "every-type"
    assert instance.get("version") == form_version(definition_of(survey))
    assert [entry["version"] for entry in form_entries(client.get(f"{base(token)}/formList"))] == [instance.get("version")]
    # The two languages travel with the form, so the device can switch between them.
    languages = {t.get("lang") for t in root.iter("{http://www.w3.org/2002/xforms}translation")}
    assert any("(en)" in lang for lang in languages) and any("(es)" in lang for lang in languages)


def test_the_version_changes_when_the_survey_does(client, db, token):
    before = form_entries(client.get(f"{base(token)}/formList"))[0]
    survey = db.session.scalar(db.select(Survey).where(Survey.slug == "every-type"))
    question = db.session.scalar(db.select(Question).where(Question.survey_id == survey.id, Question.key == "story"))
    question.text = {"en": "Tell us more.", "es": "Cuéntenos más."}
    db.session.commit()
    after = form_entries(client.get(f"{base(token)}/formList"))[0]
    assert after["version"] != before["version"] and after["hash"] != before["hash"]
    again = form_entries(client.get(f"{base(token)}/formList"))[0]
    assert again == after  # stable while nothing changes


def test_head_before_a_submission(client, token):
    reply = client.head(f"{base(token)}/submission", headers=COLLECT_HEADERS)
    assert reply.status_code == 204
    assert reply.headers["X-OpenRosa-Version"] == "1.0"
    assert int(reply.headers["X-OpenRosa-Accept-Content-Length"]) == client.application.config["MAX_CONTENT_LENGTH"]


def test_basic_auth_with_the_key_as_password(client, token):
    challenge = client.head("/openrosa/submission")
    assert challenge.status_code == 401 and challenge.headers["WWW-Authenticate"].lower().startswith("basic")
    assert client.head("/openrosa/submission", auth=("tablet", token)).status_code == 204
    [entry] = form_entries(client.get("/openrosa/formList", auth=("anyone", token)))
    assert entry["downloadUrl"] == "http://localhost/openrosa/forms/every-type.xml"
    assert client.get("/openrosa/forms/every-type.xml", auth=("anyone", token)).status_code == 200
    wrong = client.get("/openrosa/formList", auth=("anyone", "not-the-key"))
    assert wrong.status_code == 401 and wrong.headers["WWW-Authenticate"].lower().startswith("basic")


def openrosa_message(reply) -> str:
    root = ET.fromstring(reply.data)
    assert root.tag == f"{RESPONSE}OpenRosaResponse"
    return root.find(f"{RESPONSE}message").text


@pytest.mark.parametrize("path", ["/formList", "/forms/every-type.xml", "/forms/every-type/manifest", "/submission"])
def test_unknown_and_revoked_keys_are_refused_alike(client, db, token, path):
    from feedback.models import DeviceToken
    from feedback.services.devices import revoke_device

    unknown = client.get(f"/openrosa/key/{'x' * 43}{path}")
    revoke_device(db.session.scalar(db.select(DeviceToken)))
    db.session.commit()
    revoked = client.get(f"{base(token)}{path}")
    assert unknown.status_code == revoked.status_code == 401
    assert openrosa_message(unknown) == openrosa_message(revoked)
    assert revoked.headers["X-OpenRosa-Version"] == "1.0"
    assert "WWW-Authenticate" not in revoked.headers  # a key in the address: no password prompt


def test_a_key_reaches_no_other_survey(client, db, token):
    make_survey(slug="other-survey")
    db.session.commit()
    other = new_token(db, "other-survey")
    assert client.get(f"{base(token)}/forms/other-survey.xml").status_code == 404
    assert client.get(f"{base(token)}/forms/no-such-survey.xml").status_code == 404
    assert client.get(f"{base(token)}/forms/other-survey/manifest").status_code == 404
    # Each key lists its own survey only.
    assert [e["formID"] for e in form_entries(client.get(f"{base(other)}/formList"))] == ["other-survey"]
    assert [e["formID"] for e in form_entries(client.get(f"{base(token)}/formList"))] == ["every-type"]


def test_a_closed_survey_is_not_listed_and_cannot_be_downloaded(client, db, token):
    db.session.scalar(db.select(Survey).where(Survey.slug == "every-type")).move_to(SurveyStatus.CLOSED)
    db.session.commit()
    assert form_entries(client.get(f"{base(token)}/formList")) == []
    assert client.get(f"{base(token)}/forms/every-type.xml").status_code == 404


def test_reading_forms_writes_nothing(app, client, db, token):
    """Listing and downloading are reads: not even the device's last use is written."""
    from sqlalchemy import event

    writes = []
    with app.app_context():
        engine = db.engine

    def listener(conn, cursor, statement, *rest) -> None:
        if statement.split()[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        client.get(f"{base(token)}/formList")
        client.get(f"{base(token)}/forms/every-type.xml")
        client.get(f"{base(token)}/forms/every-type/manifest")
        client.head(f"{base(token)}/submission")
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert writes == []


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate runs on Java")
def test_the_served_xform_passes_odk_validate(client, token, tmp_path):
    """ODK Validate parses the form with JavaRosa, the engine inside ODK Collect."""
    from pyxform.validators import odk_validate

    if not (Path(odk_validate.__file__).parent / "bin" / "ODK_Validate.jar").exists():
        pytest.skip("ODK Validate is not installed (pyxform_validator_update odk install)")
    [entry] = form_entries(client.get(f"{base(token)}/formList"))
    path = tmp_path / "every-type.xml"
    path.write_bytes(client.get(entry["downloadUrl"].removeprefix("http://localhost")).data)
    assert odk_validate.check_xform(str(path)) == []
