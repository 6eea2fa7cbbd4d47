"""The staff API with a token: what each role reads, paging, filters, protected theme numbers, starting a
run, and the one error shape."""

from __future__ import annotations

from datetime import timedelta

import pytest

from feedback import jobs, reports
from feedback.models import ThemeRun, User
from feedback.services import tokens as token_service
from surveys.db import db
from tests.api.world import ANSWERED, BIG, EXTRA, FIRST_SUBMITTED, bearer, snapshot


@pytest.fixture
def database_snapshot(test_database):
    return snapshot(test_database)


@pytest.fixture
def world(database_snapshot):
    return database_snapshot.value


def get(client, url, token, **params):
    return client.get(url, headers=bearer(token), query_string=params)


def test_surveys_lists_the_partnerships_surveys_with_what_the_role_may_read(client, world):
    body = get(client, "/api/v1/staff/surveys", world.tokens["partner"]).get_json()
    seen = {row["slug"]: row["can_see_responses"] for row in body["surveys"]}
    assert seen == {world.survey: True, world.other_survey: False}
    admin = get(client, "/api/v1/staff/surveys", world.tokens["admin"]).get_json()
    assert all(row["can_see_responses"] for row in admin["surveys"])


def test_one_survey_has_its_definition_waves_and_counts(client, world):
    body = get(client, f"/api/v1/staff/surveys/{world.other_survey}", world.tokens["analyst"]).get_json()
    assert [w["id"] for w in body["waves"]] == world.waves
    assert sum(w["responses"] for w in body["waves"]) == body["counts"]["total"] == 1 + ANSWERED + EXTRA
    assert body["definition"]["sections"]


def test_paging_through_responses_with_a_cursor_visits_each_once_in_id_order(client, world):
    token, seen, cursor = world.tokens["analyst"], [], None
    url = f"/api/v1/staff/surveys/{world.other_survey}/responses"
    while True:
        page = get(client, url, token, limit=4, **({"cursor": cursor} if cursor else {})).get_json()
        seen += [r["id"] for r in page["responses"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 1 + ANSWERED + EXTRA
    everything = get(client, url, token, limit=200).get_json()["responses"]
    assert [r["id"] for r in everything] == seen
    assert everything[1]["answers"][0]["text"] == "The last bus leaves at six."


def test_response_filters(client, world):
    url, token = f"/api/v1/staff/surveys/{world.other_survey}/responses", world.tokens["admin"]

    def count(**params):
        return len(get(client, url, token, limit=200, **params).get_json()["responses"])

    assert count(wave=world.waves[1]) == EXTRA
    assert count(language="es") == EXTRA
    assert count(source="api-org") == EXTRA
    assert count(source="_direct") == 1 + ANSWERED  # the staff world's response and the run's
    assert count(channel="api") == ANSWERED
    since = (FIRST_SUBMITTED + timedelta(days=ANSWERED - 3)).isoformat()
    assert count(since=since) == 3 + EXTRA  # the run's last three answers, and the later ones
    assert count(since=since.replace("+00:00", "")) == 3 + EXTRA  # no offset: UTC
    bad = get(client, url, token, since="yesterday")
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "since"
    assert get(client, url, token, wave=999999).status_code == 422
    assert get(client, url, token, cursor="not-ours").get_json()["error"]["code"] == "invalid_cursor"


def test_partner_token_may_not_read_another_organizations_answers(client, world):
    token = world.tokens["partner"]
    refused = get(client, f"/api/v1/staff/surveys/{world.other_survey}/responses", token)
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden"
    assert get(client, f"/api/v1/staff/runs/{world.run}/assignments", token).status_code == 403
    assert get(client, f"/api/v1/staff/surveys/{world.survey}/responses", token).status_code == 200


def test_a_partner_token_sees_exactly_the_reports_protected_numbers(app, client, world):
    body = get(client, f"/api/v1/staff/runs/{world.run}", world.tokens["partner"]).get_json()
    sizes = {t["id"]: t["size"] for t in body["themes"]}
    with app.app_context():
        report = reports.theme_report(db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == world.run)))
        assert sizes == {line.theme.id: line.size for line in report.themes + report.hidden if not line.folded}
    # A small theme's name and words come from a few answers: a partner (who reads no answers) gets none.
    assert sizes[world.big_theme] == BIG and world.small_theme not in sizes
    printed = [n for n in [body["answered"], body["non_answers"], body["folded_size"], *sizes.values()]
               if n is not None]
    assert all(n >= body["threshold"] for n in printed)
    assert all(t["quotes"] == [] for t in body["themes"])  # quotes are answers: not for this partner


def test_an_analyst_token_gets_quotes_and_assignments_but_never_a_small_themes_quote(client, world):
    body = get(client, f"/api/v1/staff/runs/{world.run}", world.tokens["analyst"]).get_json()
    quotes = {t["id"]: t["quotes"] for t in body["themes"]}
    assert quotes[world.big_theme] and quotes[world.small_theme] == []
    page = get(client, f"/api/v1/staff/runs/{world.run}/assignments", world.tokens["analyst"], limit=5).get_json()
    assert len(page["assignments"]) == 5 and page["next_cursor"]
    rest = get(client, f"/api/v1/staff/runs/{world.run}/assignments", world.tokens["analyst"],
               cursor=page["next_cursor"]).get_json()
    assert len(page["assignments"]) + len(rest["assignments"]) == ANSWERED


def test_starting_a_run_queues_it_for_roles_that_manage_the_survey(client, world, monkeypatch):
    handed = []
    monkeypatch.setattr(jobs.queue, "enqueue", lambda kind, job_id: handed.append(job_id))
    url = f"/api/v1/staff/surveys/{world.other_survey}/runs"
    refused = client.post(url, headers=bearer(world.tokens["partner"]), json={"question": "all"})
    assert refused.status_code == 403 and not handed
    reply = client.post(url, headers=bearer(world.tokens["analyst"]), json={"question": "barriers", "themes": 4})
    assert reply.status_code == 202 and len(handed) == 1
    run = reply.get_json()["runs"][0]
    assert run["status"] == "queued" and run["question"] == "barriers"
    listed = get(client, url, world.tokens["analyst"]).get_json()["runs"]
    assert listed[0]["id"] == run["id"]
    assert client.post(url, headers=bearer(world.tokens["analyst"]), json={"question": "nope"}).status_code == 422
    wrong = client.post(url, headers=bearer(world.tokens["analyst"]), json={"question": "barriers", "themes": 99})
    assert wrong.status_code == 422 and wrong.get_json()["error"]["errors"][0]["field"] == "themes"
    form = client.post(url, headers=bearer(world.tokens["analyst"]), data={"question": "barriers"})
    assert form.status_code == 415


def test_trend_and_actions(client, world):
    trend = get(client, f"/api/v1/staff/surveys/{world.other_survey}/questions/barriers/trend",
                world.tokens["partner"]).get_json()
    assert trend["question"] == "barriers" and trend["themes"] == []  # no two waves with runs yet
    actions = get(client, "/api/v1/staff/actions", world.tokens["partner"]).get_json()["actions"]
    assert [a["title"] for a in actions] == ["Night bus pilot"]
    assert get(client, "/api/v1/staff/actions", world.tokens["partner"], status="done").get_json()["actions"] == []
    assert get(client, "/api/v1/staff/actions", world.tokens["partner"], status="nope").status_code == 422


@pytest.mark.parametrize("headers, code", [
    ({}, 401),
    ({"Authorization": "Bearer chorus_not-a-token"}, 401),
    ({"Authorization": "Basic dXNlcjpwYXNz"}, 401),
])
def test_no_working_token_is_401_in_the_error_shape(client, world, headers, code):
    reply = client.get("/api/v1/staff/surveys", headers=headers)
    assert reply.status_code == code
    assert reply.get_json()["error"]["code"] == "unauthorized"
    assert reply.headers["WWW-Authenticate"].startswith("Bearer")


def test_another_partnerships_objects_are_404(client, world, test_database):
    token = world.tokens["admin"]
    assert get(client, "/api/v1/staff/surveys/no-such-survey", token).status_code == 404
    assert get(client, "/api/v1/staff/runs/no-such-run", token).status_code == 404


def test_flask_errors_under_the_api_have_the_same_shape(client, world):
    for reply, status in ((client.get("/api/v1/no/such/address"), 404), (client.delete("/api/v1/health"), 405),
                          (client.get("/api/v1/staff/surveys?x=%0a", headers=bearer(world.tokens["admin"])), 400)):
        assert reply.status_code == status
        error = reply.get_json()["error"]
        assert set(error) >= {"code", "message", "field"} and isinstance(error["message"], str)
    assert "GET" in client.delete("/api/v1/health").headers["Allow"]


def fresh_token(app, email: str) -> str:
    """A token of its own, so no other test's requests count towards its allowance."""
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == email))
        _, secret = token_service.create_token(user, user.memberships[0].partnership, user.memberships[0].role,
                                               "rate test", 30)
        db.session.commit()
    return secret


def test_rate_limit_per_token(app, client, world):
    app.config["RATELIMIT_API"] = "3 per minute"
    first, second = fresh_token(app, world.users["analyst"]), fresh_token(app, world.users["analyst"])
    replies = [get(client, "/api/v1/staff/token", first).status_code for _ in range(4)]
    assert replies == [200, 200, 200, 429]
    limited = get(client, "/api/v1/staff/token", first)
    assert limited.get_json()["error"]["code"] == "rate_limited"
    assert get(client, "/api/v1/staff/token", second).status_code == 200  # each token its own allowance
    start = client.post(f"/api/v1/staff/surveys/{world.other_survey}/runs", headers=bearer(first),
                        json={"question": "barriers"})
    assert start.status_code == 429  # one allowance across the token's endpoints


def test_a_partner_token_gets_no_counts_by_source_or_language_of_another_organizations_survey(client, world):
    """The survey page shows these only to roles that may read the answers (a partner's link with two
    responses would otherwise be printed)."""
    partner = get(client, f"/api/v1/staff/surveys/{world.other_survey}", world.tokens["partner"]).get_json()
    assert partner["counts"]["by_source"] == partner["counts"]["by_language"] == []
    analyst = get(client, f"/api/v1/staff/surveys/{world.other_survey}", world.tokens["analyst"]).get_json()
    assert {c["value"]: c["responses"] for c in analyst["counts"]["by_language"]} == {"en": 1 + ANSWERED, "es": EXTRA}


def test_a_run_says_since_when_the_public_page_lists_its_themes(app, client, world):
    from feedback.services.public import publish_run

    token = world.tokens["analyst"]
    assert get(client, f"/api/v1/staff/runs/{world.run}", token).get_json()["published_at"] is None
    with app.app_context():
        run = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == world.run))
        publish_run(run, user_id=None)
        db.session.commit()
        published = run.published_at
    detail = get(client, f"/api/v1/staff/runs/{world.run}", token).get_json()
    listed = get(client, f"/api/v1/staff/surveys/{world.other_survey}/runs", token).get_json()["runs"]
    assert detail["published_at"] == next(r["published_at"] for r in listed if r["id"] == world.run)
    assert detail["published_at"].startswith(published.strftime("%Y-%m-%dT%H:%M:%S"))
    assert detail["published_at"].endswith(("Z", "+00:00"))
