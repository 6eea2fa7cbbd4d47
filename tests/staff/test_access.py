"""Every staff route refuses anonymous visitors and staff of another partnership.

The routes are read from the app's URL map, so a new staff route is covered (or fails loudly here,
when it needs a parameter this test does not know how to fill).
"""

import pytest

from feedback.models import RunStatus, Theme, ThemeAssignment, ThemeRun, User
from surveys.db import db
from surveys.models import Answer, Survey
from tests.staff.conftest import PASSWORD, sign_in

PARAMETERS = {"action": "rename", "fmt": "csv", "key": "barriers", "number": 1}


@pytest.fixture
def targets(app, world):
    """A finished run with one theme on ``world``'s survey, to fill run and theme parameters."""
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        run = ThemeRun(survey=survey, question=survey.questions[0], status=RunStatus.FINISHED)
        theme = Theme(run=run, position=0, engine_label="Night buses", label="Night buses", size=1)
        db.session.add_all([run, theme])
        db.session.flush()
        answer = db.session.scalar(db.select(Answer).where(Answer.question_id == survey.questions[0].id))
        db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id))
        db.session.commit()
        user_id = db.session.scalar(db.select(User.id).where(User.email == world.users["analyst"]))
        values = dict(PARAMETERS, slug=world.survey, public_id=run.public_id, theme_id=theme.id,
                      partnership_slug=world.partnership_slug, user_id=user_id)
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
        if url in ("/staff/", "/staff/logout"):
            continue  # their own dashboard and sign-out
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
    page = admin.post(f"/staff/partnerships/{world.partnership_slug}/people/{targets['user_id']}/reset",
                      follow_redirects=True).get_data(as_text=True)
    new_password = page.split("New temporary password for analyst@home.example: ")[1].split(" ")[0]
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
