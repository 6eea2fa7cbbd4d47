"""Every defect the adversarial review of issue 14 found, each as the request that showed it.

Each test failed before its fix: a 500, a stored oversized value, a leak or a missing limit.
"""

from __future__ import annotations

import json
import time

import pytest

from feedback.models import RunStatus, Theme, ThemeRun
from surveys.db import db
from surveys.models import Answer, Question, Response, Survey
from tests.security.conftest import DRAFT, DRAFT_TITLE, EVERY_TYPE, QUESTION, SURVEY, email
from tests.staff.conftest import PASSWORD, sign_in
from tests.surveys.helpers import every_type_data

API = f"/api/v1/surveys/{EVERY_TYPE}"
GOOD = {"goal": "job", "agree": 4, "story": "Buses are late", "hires": 3}
HUGE = 10**400


def stored(model=Response) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)))


# -- anonymous 500s on the public API ---------------------------------------------------------------------

@pytest.mark.parametrize("field", ["hires", "agree", "stars", "story"])
def test_a_huge_integer_answer_is_a_validation_error(client, app, field):
    reply = client.post(f"{API}/responses", json={"answers": {**GOOD, field: HUGE}})
    assert reply.status_code == 422 and field in [e["field"] for e in reply.get_json()["error"]["errors"]]


def test_deeply_nested_json_is_a_400_not_a_500(client):
    body = '{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}"
    reply = client.post(f"{API}/responses", data=body, content_type="application/json")
    assert reply.status_code == 400 and "error" in reply.get_json()


def test_json_nested_past_the_cap_is_refused_though_python_could_read_it(client):
    answers = {**GOOD, "story": json.loads("[" * 40 + "]" * 40)}
    reply = client.post(f"{API}/responses", json={"answers": answers})
    assert reply.status_code == 400


def test_nan_is_not_a_number_json_allows(client, app):
    reply = client.post(f"{API}/responses", data='{"answers": {"goal": "job", "hires": NaN}}',
                        content_type="application/json")
    assert reply.status_code == 400
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == EVERY_TYPE))
        assert not db.session.scalar(db.select(Response.id).where(Response.survey_id == survey.id))


# -- staff 500s ---------------------------------------------------------------------------------------------

def definition_with(change) -> str:
    data = every_type_data()
    change(data)
    return json.dumps(data)


def _questions(data):
    return [q for s in data["sections"] for q in s["questions"]]


def _set(path_key: str, settings: dict):
    return lambda data: next(q for q in _questions(data) if q["key"] == path_key).update(settings=settings)


BAD_DEFINITIONS = {
    "huge number setting": (_set("hires", {"min": 0, "max": HUGE}), "settings.max"),
    "list where a number belongs": (_set("stars", {"min": [1], "max": 5}), "rating scale"),
    "list as a type": (lambda d: _questions(d)[0].update(type=["single_choice"]), "type"),
    # accepted before ("$" matches before a final newline), it then broke the report export's file name
    "key ending in a newline": (lambda d: _questions(d)[0].update(key="goal\n"), "lower-case"),
    "language ending in a newline": (lambda d: d.update(languages=["en", "es\n"]), "language code"),
    "NUL in a title": (lambda d: d["title"].update(en="Jobs\x00"), "NUL"),
}


@pytest.mark.parametrize("name", BAD_DEFINITIONS)
def test_bad_definitions_are_explained_not_500(as_role, name):
    change, expected = BAD_DEFINITIONS[name]
    reply = as_role("admin").post(f"/staff/surveys/{EVERY_TYPE}/builder/json",
                                  data={"definition": definition_with(change)})
    assert reply.status_code == 422, reply.data[:500]
    assert expected in reply.get_data(as_text=True)


def test_a_deeply_nested_definition_upload_is_explained(as_role):
    deep = '{"title": ' + "[" * 50_000 + "]" * 50_000 + "}"
    reply = as_role("admin").post(f"/staff/surveys/{EVERY_TYPE}/builder/json", data={"definition": deep})
    assert reply.status_code == 422 and "nested more than 32 levels" in reply.get_data(as_text=True)


@pytest.mark.parametrize("address", [
    "/staff/runs/{run}/themes/99999999999999999999999/rename",
    "/staff/runs/{run}/themes/99999999999999999999999/split",
    "/staff/runs/{run}/themes/99999999999999999999999/keep-apart",
    "/staff/partnerships/{partnership}/people/99999999999999999999999/reset",
    "/staff/partnerships/{partnership}/people/18446744073709551616/deactivate",
])
def test_ids_beyond_64_bits_in_addresses_are_404(as_role, target, address):
    reply = as_role("admin").post(address.format(run=target.run, partnership=target.partnership))
    assert reply.status_code == 404


@pytest.mark.parametrize("field", ["target", "answer", "page", "next"])
def test_ids_beyond_64_bits_in_forms_are_refused_not_500(as_role, target, field):
    action = "move" if field in ("answer", "page", "next") else "merge"
    reply = as_role("admin").post(f"/staff/runs/{target.run}/themes/{target.theme_ids[0]}/{action}",
                                  data={"target": "99999999999999999999999", field: "99999999999999999999999"})
    assert reply.status_code in (302, 404)


def test_a_huge_page_number_reads_as_the_first_page(as_role, target):
    reply = as_role("analyst").get(f"/staff/runs/{target.run}/themes/{target.theme_ids[0]}?page=9223372036854775807")
    assert reply.status_code == 200


# -- length limits ------------------------------------------------------------------------------------------

def test_a_150000_character_theme_name_is_refused(as_role, app, target):
    theme_id = target.theme_ids[0]
    reply = as_role("admin").post(f"/staff/runs/{target.run}/themes/{theme_id}/rename", data={"label": "x" * 150_000})
    assert reply.status_code == 413
    reply = as_role("admin").post(f"/staff/runs/{target.run}/themes/{theme_id}/rename", data={"label": "x" * 121})
    assert reply.status_code == 422 and "A theme name is at most 120 characters." in reply.get_data(as_text=True)
    with app.app_context():
        assert len(db.session.get(Theme, theme_id).label) < 121


def test_a_huge_survey_title_is_refused(as_role):
    reply = as_role("admin").post(f"/staff/surveys/{EVERY_TYPE}/builder/json", data={
        "definition": definition_with(lambda d: d["title"].update(en="T" * 1_500_000))})
    assert reply.status_code == 422 and "at most 2,000 characters" in reply.get_data(as_text=True)
    reply = as_role("admin").post(f"/staff/surveys/{EVERY_TYPE}/builder/json", data={
        "definition": definition_with(lambda d: d["title"].update(en="T" * 201))})
    assert reply.status_code == 422 and "at most 200 characters" in reply.get_data(as_text=True)


def test_a_6000_question_definition_is_refused_in_one_line(as_role):
    def many(data):
        question = _questions(data)[6]  # long_text
        data["sections"][0]["questions"] = [{**question, "key": f"q{i}"} for i in range(6000)]

    reply = as_role("admin").post(f"/staff/surveys/{EVERY_TYPE}/builder/json", data={"definition": definition_with(many)})
    text = reply.get_data(as_text=True)
    assert reply.status_code == 422 and "questions: at most 300 are allowed (this has 6,00" in text
    assert text.count("at most") == 1


def test_a_form_field_over_the_cap_is_refused_everywhere(client):
    reply = client.post(f"/s/{EVERY_TYPE}/start", data={"anything": "x" * 50_001})
    assert reply.status_code == 413


# -- hardening notes ---------------------------------------------------------------------------------------

def test_adding_someone_says_the_same_whether_or_not_they_have_an_account_elsewhere(as_role, app, target):
    admin = as_role("admin")
    page = f"/staff/partnerships/{target.partnership}/people"
    replies = [admin.post(page, data={"email": address, "role": "analyst", "organization": "",
                                          "password": "a long temporary pw 1"},
                          follow_redirects=True)
               for address in ("nobody-yet@new.example", "admin@away.example")]
    texts = [reply.get_data(as_text=True).replace(address, "EMAIL")
             for reply, address in zip(replies, ("nobody-yet@new.example", "admin@away.example"), strict=True)]
    assert [reply.status_code for reply in replies] == [200, 200]
    assert "already has an account" not in texts[1]
    assert texts[0].count("Give them their temporary password") == texts[1].count("Give them their temporary password") == 1
    # The account elsewhere keeps its password, and this admin cannot reset it (it is not all theirs).
    away = app.test_client()
    assert sign_in(away, "admin@away.example").status_code == 302


def test_sign_in_renews_the_csrf_token(app):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    client.get("/staff/login")
    with client.session_transaction() as before:
        planted = before["csrf_token"]
    page = client.get("/staff/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert client.post("/staff/login", data={"email": email("admin"), "password": PASSWORD,
                                             "csrf_token": token}).status_code == 302
    client.get("/staff/")
    with client.session_transaction() as after:
        assert after.get("csrf_token") != planted


def test_a_session_ends_12_hours_after_sign_in_however_active(as_role, app):
    client = as_role("analyst")
    assert client.get("/staff/").status_code == 200
    with client.session_transaction() as state:
        state["_signed_in"] = time.time() - 12 * 60 * 60 - 1
        state["_seen"] = time.time()  # active a moment ago
    reply = client.get("/staff/")
    assert reply.status_code == 302 and "/staff/login" in reply.headers["Location"]
    assert client.get("/staff/").status_code == 302


@pytest.mark.parametrize("address", [
    f"/api/v1/surveys/{EVERY_TYPE}",
    f"/s/{EVERY_TYPE}/qr.svg",
    f"/s/{EVERY_TYPE}",
])
def test_an_unknown_host_never_reaches_a_link(client, address):
    reply = client.get(address, headers={"Host": "evil.example"})
    assert reply.status_code == 400 and b"evil.example" not in reply.data
    assert b"not served at the address" in reply.data


def test_links_use_the_configured_server_name(app_config):
    from feedback import create_app

    app = create_app({**app_config, "SERVER_NAME": "surveys.example.org",
                      "CHORUS_TRUSTED_HOSTS": "internal.example"})
    client = app.test_client()
    body = client.get(API, headers={"Host": "internal.example"}).get_json()
    assert body["links"]["web"] == f"http://surveys.example.org/s/{EVERY_TYPE}"
    assert client.get(API, headers={"Host": "surveys.example.org"}).status_code == 200
    assert client.get(API, headers={"Host": "evil.example"}).status_code == 400
    with app.app_context():  # this app is the test's own: close its connections
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("how", ["api", "form"])
def test_nul_in_an_answer_is_refused_clearly(client, app, how):
    if how == "api":
        reply = client.post(f"{API}/responses", json={"answers": {**GOOD, "story": "zqx\x00zqx"}})
        assert reply.status_code == 400 and "NUL" in reply.get_json()["error"]["message"]
    else:
        client.get(f"/s/{EVERY_TYPE}")
        client.post(f"/s/{EVERY_TYPE}/start")
        client.post(f"/s/{EVERY_TYPE}/page/1", data={"q_goal": "job"})
        reply = client.post(f"/s/{EVERY_TYPE}/page/2", data={"q_story": "zqx\x00zqx"})
        assert reply.status_code == 200 and "Remove the invalid character (U+0000)" in reply.get_data(as_text=True)
        reply = client.post(f"/s/{EVERY_TYPE}/page/2", data={"q_story": "fine", "no\x00te": "x"})
        assert reply.status_code == 400
    with app.app_context():
        assert not db.session.scalar(db.select(Answer.id).where(Answer.value_text.contains("zqx")))


def test_nul_is_refused_by_the_type_itself_for_callers_without_http():
    from surveys.definition import load_definition
    from surveys.question_types import AnswerError, get_type

    definition = load_definition(every_type_data())
    story = definition.question("story")
    with pytest.raises(AnswerError) as error:
        get_type("long_text").clean(story, "bus\x00es")
    assert "U+0000" in error.value.message("en")


def test_theme_runs_are_rate_limited_per_person(as_role, app, target):
    app.config["RATELIMIT_THEMES"] = "2 per minute"
    analyst, admin = as_role("analyst"), as_role("admin")
    address = f"/staff/surveys/{SURVEY}/questions/{QUESTION}/themes"
    assert [analyst.post(address).status_code for _ in range(3)] == [302, 302, 429]
    # A split runs the engine too: it comes out of the same allowance.
    assert analyst.post(f"/staff/runs/{target.run}/themes/{target.theme_ids[0]}/split").status_code == 429
    assert admin.post(address).status_code == 302  # another person has their own allowance


def test_theme_runs_wait_in_a_capped_queue(as_role, app):
    app.config["THEME_QUEUE_CAP"] = 2
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == SURVEY))
        question = db.session.scalar(db.select(Question).where(Question.survey_id == survey.id,
                                                               Question.key == QUESTION))
        for _ in range(2):
            db.session.add(ThemeRun(survey=survey, question=question, status=RunStatus.QUEUED, parameters={}))
        db.session.commit()
        before = stored(ThemeRun)
    reply = as_role("analyst").post(f"/staff/surveys/{SURVEY}/questions/{QUESTION}/themes", follow_redirects=True)
    assert "Try again in a few minutes" in reply.get_data(as_text=True)
    with app.app_context():
        assert stored(ThemeRun) == before


@pytest.mark.parametrize("query", ["src=mesa%0A", "src=mesa%0D%0ASet-Cookie:%20a=b", "page=1&src=%00"])
def test_a_newline_in_a_query_string_never_reaches_a_header(client, query):
    """A partner tag ending in a newline passed the tag pattern ("$") into the QR code's file name."""
    assert client.get(f"/s/{EVERY_TYPE}/qr.svg?{query}").status_code == 400


def test_a_draft_title_is_not_in_its_qr_code(client, app):
    assert DRAFT_TITLE.encode() not in client.get(f"/s/{DRAFT}/qr.svg").data
    assert b"Every type" in client.get(f"/s/{EVERY_TYPE}/qr.svg").data



def test_a_form_part_without_a_name_is_a_400_not_a_500(client):
    """Werkzeug gives a multipart part with no name the name None, which the NUL check could not read."""
    body = (b"--b\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n"
            b"--b\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nen\r\n--b--\r\n")
    reply = client.post(f"/s/{EVERY_TYPE}", data=body, content_type="multipart/form-data; boundary=b")
    assert reply.status_code == 400
