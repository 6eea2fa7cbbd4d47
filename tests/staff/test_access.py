"""Every staff route refuses anonymous visitors and staff of another partnership.

The routes are read from the app's URL map, so a new staff route is covered (or fails loudly here,
when it needs a parameter this test does not know how to fill).
"""

import pytest

from feedback.models import (
    Action,
    Measure,
    MeasureKind,
    Membership,
    Role,
    RunStatus,
    SplitJob,
    Theme,
    ThemeAssignment,
    ThemeRun,
    User,
)
from surveys.db import db
from surveys.models import Answer, Partnership, Survey
from tests.staff.conftest import PASSWORD, sign_in

PARAMETERS = {"action": "rename", "fmt": "csv", "key": "barriers", "number": 1}


@pytest.fixture
def targets(app, world):
    """A finished run with one theme on ``world``'s survey, a split of it under way, an action and an
    outcome measure, to fill run, theme, split, action and measure parameters."""
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        run = ThemeRun(survey=survey, question=survey.questions[0], status=RunStatus.FINISHED)
        theme = Theme(run=run, position=0, engine_label="Night buses", label="Night buses", size=1)
        db.session.add_all([run, theme])
        db.session.flush()
        answer = db.session.scalar(db.select(Answer).where(Answer.question_id == survey.questions[0].id))
        db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id))
        split = SplitJob(run=run, theme=theme, label=theme.label)  # waiting: its page shows progress
        db.session.add(split)
        action = Action(partnership=survey.partnership, organization=survey.organization, title="Night bus pilot")
        measure = Measure(partnership=survey.partnership, name={"en": "Placements"}, kind=MeasureKind.OUTCOME,
                          unit="placements", organization=survey.organization)
        db.session.add_all([action, measure])
        db.session.commit()
        user_id = db.session.scalar(db.select(User.id).where(User.email == world.users["analyst"]))
        values = dict(PARAMETERS, slug=world.survey, public_id=run.public_id, theme_id=theme.id,
                      partnership_slug=world.partnership_slug, user_id=user_id, split_id=split.public_id,
                      action_id=action.public_id, measure_id=measure.public_id)
        db.session.remove()
    return values


def staff_requests(app, values):
    """(method, url) for every staff endpoint except sign-in."""
    requests = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/staff/") or rule.endpoint == "staff.login":
            continue
        missing = set(rule.arguments) - set(values)
        assert not missing, f"{rule.rule}: teach this test how to fill {missing}"
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<{name}>", str(values[name])).replace(f"<int:{name}>", str(values[name]))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            requests.append((method, url))
    return requests


def staff_pages(app, client, values):
    """(url, response) for every staff page ``client`` can read: GET endpoints answering 200 with HTML."""
    for method, url in staff_requests(app, values):
        if method != "GET":
            continue
        page = client.get(url)
        if page.status_code == 200 and page.mimetype == "text/html":
            yield url, page


def test_the_matrix_covers_the_staff_workspace(app, targets):
    urls = {url for _, url in staff_requests(app, targets)}
    assert len(urls) >= 10
    assert any("/report" in url for url in urls) and any("responses" in url for url in urls)


def test_anonymous_visitors_are_sent_to_sign_in(app, targets):
    client = app.test_client()
    for method, url in staff_requests(app, targets):
        response = client.open(url, method=method)
        assert response.status_code in (302, 401), (method, url, response.status_code)
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/staff/login"), (method, url)


@pytest.mark.parametrize("role", ["admin", "analyst", "partner"])
def test_staff_of_another_partnership_reach_nothing(app, targets, world, elsewhere, role):
    client = app.test_client()
    assert sign_in(client, elsewhere.users[role]).status_code == 302
    for method, url in staff_requests(app, targets):
        if url in ("/staff/", "/staff/logout", "/staff/account", "/staff/account/language"):
            continue  # their own dashboard, sign-out and password
        response = client.open(url, method=method, data={"label": "hijacked", "status": "closed"})
        assert response.status_code in (403, 404), (role, method, url, response.status_code)
    with app.app_context():
        assert db.session.scalar(db.select(Theme.label)) == "Night buses"
        analyst = db.session.scalar(db.select(User).where(User.email == world.users["analyst"]))
        assert analyst.active and analyst.check_password(PASSWORD)


@pytest.mark.parametrize("role", ["analyst", "partner"])
def test_only_admins_manage_people(app, targets, world, role):
    client = app.test_client()
    sign_in(client, world.users[role])
    people = f"/staff/partnerships/{world.partnership_slug}/people"
    assert client.get(people).status_code == 403
    assert client.post(f"{people}/{targets['user_id']}/reset").status_code == 403


def test_admin_resets_a_password_and_the_old_one_stops_working(app, targets, world):
    admin = app.test_client()
    sign_in(admin, world.users["admin"])
    victim = app.test_client()
    sign_in(victim, world.users["analyst"])
    page = admin.post(f"/staff/partnerships/{world.partnership_slug}/people/{targets['user_id']}/reset")
    assert page.status_code == 200 and "session" not in page.headers.get("Set-Cookie", "").split("=")[0:1][0:0]
    new_password = page.get_data(as_text=True).split('<code class="secret">')[1].split("</code>")[0]
    assert victim.get("/staff/").status_code == 302  # their session ended
    assert sign_in(app.test_client(), world.users["analyst"]).status_code == 422
    assert sign_in(app.test_client(), world.users["analyst"], new_password).status_code == 302


def test_admin_adds_a_partner_user(app, world):
    admin = app.test_client()
    sign_in(admin, world.users["admin"])
    response = admin.post(f"/staff/partnerships/{world.partnership_slug}/people", data={
        "email": "New.Person@home.example", "name": "New", "role": "partner", "organization": "home-org",
        "password": "temporary-password-1"})
    assert response.status_code == 302
    assert sign_in(app.test_client(), "new.person@home.example", "temporary-password-1").status_code == 302
    missing_org = admin.post(f"/staff/partnerships/{world.partnership_slug}/people", data={
        "email": "x@home.example", "role": "partner", "organization": "", "password": "temporary-password-1"})
    assert "Choose the partner organization" in missing_org.get_data(as_text=True)


def test_partner_sees_aggregates_but_not_another_partners_responses(app, targets, world):
    client = app.test_client()
    sign_in(client, world.users["partner"])
    assert client.get(f"/staff/surveys/{world.other_survey}").status_code == 200
    assert client.get(f"/staff/surveys/{world.other_survey}/responses").status_code == 403
    assert client.get(f"/staff/surveys/{world.other_survey}/responses.csv").status_code == 403
    assert client.post(f"/staff/surveys/{world.other_survey}/status", data={"status": "closed"}).status_code == 403
    # Their own organization's survey is theirs to manage.
    assert client.get(f"/staff/surveys/{world.survey}/responses").status_code == 200


def test_answers_are_shown_escaped(app, world):
    client = app.test_client()
    sign_in(client, world.users["admin"])
    page = client.get(f"/staff/surveys/{world.survey}/responses").get_data(as_text=True)
    assert "<script>document.title" not in page
    assert "&lt;script&gt;document.title" in page
    assert "<img src=x" not in page


def test_an_admin_cannot_take_over_an_account_that_also_belongs_to_another_partnership(app, world, elsewhere):
    """B's admin is also a partner in A: A's admin must not reset or deactivate that account."""
    with app.app_context():
        b_admin = db.session.scalar(db.select(User).where(User.email == elsewhere.users["admin"]))
        a = db.session.scalar(db.select(Partnership).where(Partnership.slug == world.partnership_slug))
        db.session.add(Membership(user=b_admin, partnership=a, role=Role.ANALYST))
        db.session.commit()
        b_admin_id = b_admin.id
    admin = app.test_client()
    sign_in(admin, world.users["admin"])
    base = f"/staff/partnerships/{world.partnership_slug}/people/{b_admin_id}"
    assert admin.post(f"{base}/reset").status_code == 403
    assert admin.post(f"{base}/deactivate").status_code == 403
    assert sign_in(app.test_client(), elsewhere.users["admin"]).status_code == 302


def test_staff_forms_need_a_csrf_token(app, world):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    login_page = client.get("/staff/login").get_data(as_text=True)
    token = login_page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert client.post("/staff/login", data={"email": world.users["admin"], "password": PASSWORD}).status_code == 400
    assert client.post("/staff/login", data={"email": world.users["admin"], "password": PASSWORD,
                                             "csrf_token": token}).status_code == 302
    # Signed in, a change without the token is still refused.
    assert client.post(f"/staff/surveys/{world.survey}/status", data={"status": "closed"}).status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(Survey.status).where(Survey.slug == world.survey)).value == "open"


def test_a_stale_idle_time_does_not_sign_out_a_fresh_sign_in(app, world, monkeypatch):
    import time

    client = app.test_client()
    sign_in(client, world.users["admin"])
    other = app.test_client()
    sign_in(other, world.users["admin"])
    other.post("/staff/logout")  # ends the first client's session too (session version)
    later = time.time() + app.config["STAFF_IDLE_TIMEOUT"] + 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get("/staff/").status_code == 302  # signed out by the other sign-out
    sign_in(client, world.users["admin"])
    assert client.get("/staff/").status_code == 200


def test_staff_change_their_own_password(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    elsewhere_session = app.test_client()
    sign_in(elsewhere_session, world.users["analyst"])
    wrong = client.post("/staff/account", data={"current": "nope", "new": "a much longer one", "again": "a much longer one"})
    assert wrong.status_code == 422
    done = client.post("/staff/account", data={"current": PASSWORD, "new": "a much longer one", "again": "a much longer one"})
    assert done.status_code == 302
    assert client.get("/staff/").status_code == 200  # this session goes on
    assert elsewhere_session.get("/staff/").status_code == 302  # the others end
    assert sign_in(app.test_client(), world.users["analyst"], "a much longer one").status_code == 302


def test_occupation_pages_by_role(app, world):
    """Every member reads the gap report (aggregated, protected); admins and analysts review typed job
    titles (individual answers); only admins choose the partnership's wage region."""
    base = f"/staff/partnerships/{world.partnership_slug}"
    expected = {"admin": (200, 200, 200, 200), "analyst": (200, 200, 200, 403), "partner": (200, 200, 403, 403)}
    for role, codes in expected.items():
        client = app.test_client()
        sign_in(client, world.users[role])
        got = tuple(client.get(base + path).status_code
                    for path in ("/gaps", "/gaps.csv", "/occupations/review", "/settings"))
        assert got == codes, role
        assert client.post(f"{base}/occupations/review", data={"response_id": 1, "question_id": 1, "item": 0,
                                                                "soc_code": "31-1131"}).status_code == (
            403 if role == "partner" else 404)  # not an occupation answer of this partnership
