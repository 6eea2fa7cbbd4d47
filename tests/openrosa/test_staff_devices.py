"""Staff give a device a key, see it listed with its last submission, and revoke it; only staff who
manage the survey may, and the key is shown once."""

from __future__ import annotations

import base64
import json
import re
import zlib

import pytest

from feedback.models import AuditEvent, DeviceToken
from surveys.db import db
from tests.staff.conftest import make_world, sign_in


@pytest.fixture
def database_snapshot(test_database):
    return test_database.snapshot("openrosa staff worlds home and away",
                                  lambda app: {p: make_world(app, p) for p in ("home", "away")})


@pytest.fixture
def world(database_snapshot):
    return database_snapshot.value["home"]


@pytest.fixture
def elsewhere(database_snapshot):
    return database_snapshot.value["away"]


def read(app, statement):
    """Rows read in a context of their own (a test holding one would share ``g``, and the signed-in
    user, between its clients' requests)."""
    with app.app_context():
        return db.session.execute(statement).scalars().all()


def make_key(client, slug: str, name: str = "Tablet 3"):
    return client.post(f"/staff/surveys/{slug}/devices", data={"name": name})


def shown_key(page: str) -> tuple[str, str]:
    """(server address, key) from the one page that shows them."""
    server = re.search(r'<code class="secret">(http[^<]+)</code>', page).group(1)
    token = re.findall(r'<code class="secret">([^<]+)</code>', page)[-1]
    return server, token


def test_an_admin_makes_a_key_that_works_once_shown_and_then_revokes_it(app, client, world):
    sign_in(client, world.users["admin"])
    page = make_key(client, world.survey, "Tablet 3, Riverside fair")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"  # no cache keeps the page that shows the key
    text = page.get_data(as_text=True)
    server, token = shown_key(text)
    assert server == f"http://localhost/openrosa/key/{token}"
    assert client.get(server.removeprefix("http://localhost") + "/formList").status_code == 200
    # The settings QR code Collect scans is on the page, inline (no address to fetch it again).
    assert 'src="data:image/svg+xml' in text
    # The key is never shown again, and only its hash is stored.
    listing = client.get(f"/staff/surveys/{world.survey}/devices").get_data(as_text=True)
    assert "Tablet 3, Riverside fair" in listing and token not in listing and "none yet" in listing
    [(token_hash, public_id)] = [(d.token_hash, d.public_id) for d in read(app, db.select(DeviceToken))]
    assert token not in (token_hash, public_id)
    revoked = client.post(f"/staff/surveys/{world.survey}/devices/{public_id}/revoke")
    assert revoked.status_code == 302
    assert client.get(server.removeprefix("http://localhost") + "/formList").status_code == 401
    assert "revoked" in client.get(f"/staff/surveys/{world.survey}/devices").get_data(as_text=True)
    actions = read(app, db.select(AuditEvent.action).order_by(AuditEvent.id))
    assert actions[-2:] == ["device.create", "device.revoke"]


def test_the_settings_code_configures_collect_for_the_key():
    from feedback.services.devices import collect_settings

    payload = collect_settings("https://chorus.example/openrosa/key/abc", "Job fair check-in")
    settings = json.loads(zlib.decompress(base64.b64decode(payload)))
    assert settings["general"]["server_url"] == "https://chorus.example/openrosa/key/abc"
    assert settings["general"]["form_update_mode"] == "match_exactly"
    assert settings["admin"] == {} and settings["project"]["name"] == "Job fair check-in"


def test_a_device_needs_a_name(app, client, world):
    sign_in(client, world.users["analyst"])
    reply = make_key(client, world.survey, "   ")
    assert reply.status_code == 422 and read(app, db.select(DeviceToken)) == []


@pytest.mark.parametrize("role", ["admin", "analyst", "partner"])
def test_staff_who_manage_the_survey_may(client, world, role):
    """The partner runs ``world.survey`` (their organization's), so they manage it too."""
    sign_in(client, world.users[role])
    assert client.get(f"/staff/surveys/{world.survey}/devices").status_code == 200
    assert make_key(client, world.survey).status_code == 200


def test_others_may_not(app, client, world, elsewhere):
    sign_in(client, world.users["partner"])
    assert client.get(f"/staff/surveys/{world.other_survey}/devices").status_code == 403
    assert make_key(client, world.other_survey).status_code == 403
    outsider = app.test_client()
    sign_in(outsider, elsewhere.users["admin"])
    assert outsider.get(f"/staff/surveys/{world.survey}/devices").status_code == 404
    assert make_key(outsider, world.survey).status_code == 404
    assert read(app, db.select(DeviceToken)) == []


def test_a_key_of_one_survey_cannot_be_revoked_through_another(app, client, world):
    sign_in(client, world.users["admin"])
    make_key(client, world.survey)
    [public_id] = read(app, db.select(DeviceToken.public_id))
    reply = client.post(f"/staff/surveys/{world.other_survey}/devices/{public_id}/revoke")
    assert reply.status_code == 404
    assert read(app, db.select(DeviceToken.revoked_at)) == [None]




def test_the_devices_page_lists_what_a_submission_could_not_store(app, client, world):
    from tests.openrosa.conftest import fill, new_instance_id, submit

    sign_in(client, world.users["analyst"])
    _, token = shown_key(make_key(client, world.survey).get_data(as_text=True))
    device = app.test_client()
    xform = device.get(f"/openrosa/key/{token}/forms/{world.survey}.xml").get_data(as_text=True)
    xml = fill(xform, {"main/barriers": "No bus after six"}, instance_id=new_instance_id())
    assert submit(device, token, xml.replace(b"</main>", b"<mystery>42</mystery></main>")).status_code == 201
    page = client.get(f"/staff/surveys/{world.survey}/devices").get_data(as_text=True)
    assert "Answers that could not be stored" in page
    assert f"/{world.survey}/main/mystery" in page and "Tablet 3" in page
    assert "none yet" not in page  # the device's last submission is shown
    # The answer is one of the survey's responses, browsed like any other.
    assert "No bus after six" in client.get(f"/staff/surveys/{world.survey}/responses").get_data(as_text=True)
