"""The survey builder as staff use it: a survey built from blank with forms only (no JSON) and answered
by a respondent; translation gaps flagged; answered questions and choices kept; access; garbage refused
without a server error."""

from __future__ import annotations

import re

import pytest

from surveys.db import db
from surveys.models import Question, Response, Survey
from tests import factories
from tests.staff.conftest import PASSWORD, XSS, sign_in

BUILDER = "/staff/surveys/{slug}/builder"


def signed_in(app, email):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def stored(app, slug: str) -> dict:
    """The survey's definition as stored."""
    from surveys.services import definition_of

    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == slug))
        return definition_of(survey).to_dict()


def questions(app, slug: str) -> list[str]:
    return [q["key"] for s in stored(app, slug)["sections"] for q in s["questions"]]


def visible_text(html: str) -> str:
    """The page's words as a person reads them (tags dropped, spaces squeezed)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def create_blank(client, partnership: str, slug: str = "getting-to-work"):
    return client.post(f"/staff/partnerships/{partnership}/surveys/start", data={
        "start": "blank", "title_en": "Getting to work", "title_es": "Llegar al trabajo",
        "audience": "career_seeker", "languages": ["en", "es"], "slug": slug, "organization": "home-org"})


def test_staff_build_a_survey_from_blank_and_a_respondent_answers_it(app, world):
    client = signed_in(app, world.users["analyst"])
    created = create_blank(client, world.partnership_slug)
    assert created.status_code == 302 and created.location == "/staff/surveys/getting-to-work/builder"
    url = BUILDER.format(slug="getting-to-work")
    page = client.get(url).get_data(as_text=True)
    assert "Llegar al trabajo" in page and "{" not in visible_text(page)  # no JSON in sight

    # A choice question on page 1, in both languages.
    added = client.post(f"{url}/pages/1/questions", data={
        "type": "multiple_choice", "text_en": "What gets in the way?", "text_es": "¿Qué se lo impide?",
        "choices_en": "Childcare\nThe bus\n", "choices_es": "Cuidado infantil\nEl autobús"})
    assert added.status_code == 302 and added.location == f"{url}#q-what_gets_in_the_way"
    # A second page whose first question is shown only to people who need childcare.
    added = client.post(f"{url}/pages", data={
        "title_en": "Childcare", "title_es": "Cuidado infantil", "type": "long_text",
        "text_en": "What makes childcare hard?", "text_es": "¿Qué dificulta el cuidado infantil?"})
    assert added.status_code == 302 and added.location == f"{url}#page-childcare"
    assert client.post(f"{url}/pages/2/questions", data={
        "type": "number", "text_en": "How many children?", "text_es": "¿Cuántos niños?"}).status_code == 302
    assert client.post(f"{url}/pages/2/questions", data={
        "type": "rating", "text_en": "How easy is it?", "text_es": "¿Qué tan fácil es?"}).status_code == 302
    # Settings of the number and rating questions, edited with their forms.
    assert client.post(f"{url}/questions/how_many_children", data={
        "text_en": "How many children?", "text_es": "¿Cuántos niños?", "setting_min": "0", "setting_max": "12",
        "setting_integer_shown": "1", "setting_integer": "y", "required": "y"}).status_code == 302
    assert client.post(f"{url}/questions/how_easy_is_it", data={
        "setting_scale": "0-10", "setting_low_label_en": "Very hard", "setting_low_label_es": "Muy difícil",
    }).status_code == 302
    # Reordered: the number question moves above the long answer.
    moved = client.post(f"{url}/questions/how_many_children/move", data={"direction": "up"})
    assert moved.location == f"{url}#q-how_many_children"
    assert questions(app, "getting-to-work") == ["tell_us", "what_gets_in_the_way", "how_many_children",
                                                 "what_makes_childcare_hard", "how_easy_is_it"]
    # Page 2 is shown only after "Childcare".
    condition = client.post(f"{url}/questions/how_many_children/condition", data={
        "condition_mode": "any", "condition_question": "what_gets_in_the_way",
        "condition_answers": ["what_gets_in_the_way:childcare"]})
    assert condition.status_code == 302
    for key in ("what_makes_childcare_hard", "how_easy_is_it"):
        client.post(f"{url}/questions/{key}/condition", data={
            "condition_mode": "any", "condition_question": "what_gets_in_the_way",
            "condition_answers": ["what_gets_in_the_way:childcare"]})
    page = visible_text(client.get(url).get_data(as_text=True))
    assert "Only when question 2 (“What gets in the way?”) was answered with “Childcare”" in page
    assert "Missing Spanish translation" not in page

    definition = stored(app, "getting-to-work")
    number = definition["sections"][1]["questions"][0]
    assert number["settings"] == {"min": 0, "max": 12} and number["required"] is True
    rating = definition["sections"][1]["questions"][2]
    assert rating["settings"] == {"min": 0, "max": 10, "low_label": {"en": "Very hard", "es": "Muy difícil"}}

    # The preview shows page 2 in Spanish, conditional questions included.
    preview = client.get("/staff/surveys/getting-to-work/preview/2?lang=es").get_data(as_text=True)
    assert "¿Cuántos niños?" in preview and "Muy difícil" in preview

    # Opened, the survey is answered by a respondent who needs childcare.
    assert client.post("/staff/surveys/getting-to-work/status", data={"status": "open"}).status_code == 302
    respondent = app.test_client()
    first = respondent.post("/s/getting-to-work/start").location
    reply = respondent.post(first, data={"q_tell_us": "Buses stop at 9", "q_what_gets_in_the_way": ["childcare"],
                                         "action": "next"})
    assert reply.status_code == 302 and reply.location.endswith("/page/2")
    reply = respondent.post(reply.location, data={"q_how_many_children": "2", "q_how_easy_is_it": "3",
                                                  "q_what_makes_childcare_hard": "Cost", "action": "submit"})
    assert reply.status_code == 302 and reply.location.endswith("/thanks")
    with app.app_context():
        response = db.session.scalar(db.select(Response).join(Survey).where(Survey.slug == "getting-to-work"))
        assert response.complete and len(response.answers) == 5


def test_a_missing_spanish_text_is_flagged_beside_it_and_counted(app, world):
    client = signed_in(app, world.users["admin"])
    create_blank(client, world.partnership_slug)
    url = BUILDER.format(slug="getting-to-work")
    client.post(f"{url}/pages/1/questions", data={
        "type": "single_choice", "text_en": "Do you drive?", "choices_en": "Yes\nNo", "choices_es": "Sí"})
    page = client.get(url).get_data(as_text=True)
    assert "2 texts have a missing translation" in visible_text(page)
    # The warning sits with the Spanish box of the question, which points to it.
    box = re.search(r'<textarea id="q-do_you_drive-text_es"[^>]*>', page)[0]
    assert 'aria-describedby="q-do_you_drive-text_es-missing"' in box
    assert 'id="q-do_you_drive-text_es-missing">Missing Spanish translation<' in page
    assert 'id="q-do_you_drive-option_no_es-missing"' in page
    assert 'id="q-do_you_drive-option_yes_es-missing"' not in page
    # Translated, the warning goes.
    client.post(f"{url}/questions/do_you_drive", data={
        "text_en": "Do you drive?", "text_es": "¿Maneja?", "options_shown": "1",
        "option_yes_en": "Yes", "option_yes_es": "Sí", "option_no_en": "No", "option_no_es": "No"})
    assert "Missing Spanish translation" not in client.get(url).get_data(as_text=True)


@pytest.fixture
def answered(app, world):
    """``world``'s survey with a choice question people have answered."""
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        question = Question(survey=survey, key="transport", type="single_choice", position=2, section="main",
                            text={"en": "How do you travel?", "es": "¿Cómo viaja?"},
                            options=[{"key": "bus", "text": {"en": "Bus", "es": "Autobús"}},
                                     {"key": "car", "text": {"en": "Car", "es": "Coche"}},
                                     {"key": "walk", "text": {"en": "On foot", "es": "A pie"}}])
        db.session.add(question)
        factories.answer(factories.response(survey), question, option_key="bus")
        db.session.commit()
    return world.survey


def test_an_answered_question_keeps_its_answer_choices(app, world, answered):
    client = signed_in(app, world.users["admin"])
    url = BUILDER.format(slug=answered)
    page = client.get(url).get_data(as_text=True)
    assert "People have answered this survey" in page and "Kept: people may have chosen it." in page
    refused = client.post(f"{url}/questions/transport", data={
        "text_en": "How do you usually travel?", "options_shown": "1", "option_bus_en": "The bus",
        "action": "option_remove:bus"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    # The message sits beside the answer choice, and what was typed is still there.
    assert re.search(r'<p class="error-message" id="q-transport-option_bus_en-error">Error: People may have '
                     r"chosen this answer, so it cannot be removed", page)
    assert '<a href="#q-transport-option_bus_en">' in page
    assert ">How do you usually travel?</textarea>" in page and 'value="The bus"' in page
    definition = stored(app, answered)
    assert [o["key"] for o in definition["sections"][0]["questions"][1]["options"]] == ["bus", "car", "walk"]
    assert definition["sections"][0]["questions"][1]["text"]["en"] == "How do you travel?"
    # Rewording and adding still work.
    saved = client.post(f"{url}/questions/transport", data={
        "text_en": "How do you usually travel?", "options_shown": "1", "new_option_en": "Bike",
        "new_option_es": "Bicicleta", "action": "option_add"})
    assert saved.status_code == 302 and saved.location == f"{url}#q-transport-option_bike_en"
    assert [o["key"] for o in stored(app, answered)["sections"][0]["questions"][1]["options"]] == [
        "bus", "car", "walk", "bike"]
    # Removing the answered question is refused too.
    refused = client.post(f"{url}/questions/barriers/remove")
    assert refused.status_code == 422 and "People have answered this question" in refused.get_data(as_text=True)


def test_errors_keep_what_was_typed_and_are_summarised(app, world):
    client = signed_in(app, world.users["admin"])
    create_blank(client, world.partnership_slug)
    url = BUILDER.format(slug="getting-to-work")
    reply = client.post(f"{url}/pages/1/questions", data={
        "type": "single_choice", "text_en": "Do you drive?", "text_es": "¿Maneja?", "choices_en": "Yes"})
    assert reply.status_code == 422
    page = reply.get_data(as_text=True)
    assert '<a href="#add-your_views-choices_en">New question on page 1: Give at least two answer choices, one per line.</a>' in page
    assert "<details class=\"add\" id=\"add-your_views\" open>" in page
    assert ">¿Maneja?</textarea>" in page and ">Yes</textarea>" in page
    reply = client.post(f"{url}/questions/tell_us", data={"text_en": "", "text_es": ""})
    assert reply.status_code == 422
    assert 'id="q-tell_us-text_en-error">Error: Write the question in at least one language.' in reply.get_data(
        as_text=True)


def test_a_spanish_reader_reads_the_builders_errors_in_spanish(app, world, monkeypatch):
    import flask_babel
    import sqlalchemy as sa

    from feedback.models import User

    client = signed_in(app, world.users["admin"])
    create_blank(client, world.partnership_slug)
    with app.app_context():
        db.session.execute(sa.update(User).where(User.email == world.users["admin"]).values(interface_language="es"))
        db.session.commit()
    # The Spanish the catalog gives these texts (installed here, so the test holds before the lead merges it).
    spanish = {"Write the page title in at least one language.": "Escriba el título de la página en al menos un idioma.",
               "%(label)s: enter a whole number from %(low)s to %(high)s.":
                   "%(label)s: escriba un número entero de %(low)s a %(high)s.",
               "Longest answer, in characters": "Respuesta más larga, en caracteres"}
    with app.test_request_context(), flask_babel.force_locale("es"):
        catalog = flask_babel.get_translations()._catalog
    for english, words in spanish.items():
        monkeypatch.setitem(catalog, english, words)
    url = BUILDER.format(slug="getting-to-work")

    reply = client.post(f"{url}/pages/1", data={"title_en": "", "title_es": ""})
    assert reply.status_code == 422
    page = reply.get_data(as_text=True)
    assert "Escriba el título de la página en al menos un idioma." in page
    assert "Write the page title" not in page
    assert 'id="page-your_views-title_en-error"' in page  # still beside its field

    reply = client.post(f"{url}/questions/tell_us", data={"setting_max_length": "0"})
    assert reply.status_code == 422
    assert "Respuesta más larga, en caracteres: escriba un número entero de 1 a 20000." in reply.get_data(as_text=True)


def test_user_text_is_escaped(app, world):
    client = signed_in(app, world.users["admin"])
    create_blank(client, world.partnership_slug)
    url = BUILDER.format(slug="getting-to-work")
    client.post(f"{url}/pages", data={"title_en": XSS, "type": "short_text", "text_en": XSS})
    for address in (url, f"{url}/pages/2/remove"):
        page = client.get(address).get_data(as_text=True)
        assert "<script>document.title" not in page and "<img src=x" not in page
        assert "&lt;script&gt;document.title" in page


@pytest.mark.parametrize("role", ["partner"])
def test_a_partner_without_manage_rights_cannot_open_or_change_the_builder(app, world, elsewhere, role):
    client = signed_in(app, world.users[role])
    url = BUILDER.format(slug=world.other_survey)  # run by another organization
    assert client.get(url).status_code == 403
    assert client.post(f"{url}/questions/barriers", data={"text_en": "Hijacked"}).status_code == 403
    assert client.post(f"{url}/pages/1/questions", data={"type": "short_text", "text_en": "X"}).status_code == 403
    assert client.get(f"{url}/definition.json").status_code == 403
    assert client.get(BUILDER.format(slug=elsewhere.survey)).status_code == 404
    assert stored(app, world.other_survey)["sections"][0]["questions"][0]["text"]["en"] == "What makes it hard?"
    # Their own organization's survey is theirs to build.
    assert client.get(BUILDER.format(slug=world.survey)).status_code == 200


def test_builder_forms_need_a_csrf_token(app, world):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    login = client.get("/staff/login").get_data(as_text=True)
    token = login.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/staff/login", data={"email": world.users["admin"], "password": PASSWORD,
                                      "csrf_token": token})
    url = BUILDER.format(slug=world.survey)
    page = client.get(url).get_data(as_text=True)
    assert page.count('name="csrf_token"') >= 5  # every form carries it
    assert client.post(f"{url}/questions/barriers", data={"text_en": "Forged"}).status_code == 400
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    assert client.post(f"{url}/questions/barriers", data={"text_en": "Reworded", "csrf_token": token}).status_code == 302
    assert stored(app, world.survey)["sections"][0]["questions"][0]["text"]["en"] == "Reworded"


GARBAGE = [
    ("pages/1/questions", {"type": "no_such_type", "text_en": "X"}),
    ("pages/1/questions", {"type": "short_text"}),
    ("pages/1/questions", {}),
    ("pages/1/questions", {"type": "single_choice", "text_en": "X", "choices_en": "a\n" * 500}),
    ("pages/1/questions", {"type": "short_text", "text_en": "x" * 100_000}),
    ("pages", {}),
    ("pages", {"title_en": "T", "type": "rating", "text_en": "Q", "choices_en": "ignored"}),
    ("pages/1", {"title_en": "", "title_es": ""}),
    ("pages/1/move", {"direction": "sideways"}),
    ("pages/9/move", {"direction": "down"}),
    ("survey", {"audience": "martians"}),
    ("survey", {"languages_shown": "1"}),
    ("survey", {"languages_shown": "1", "languages": ["xx", "<b>"]}),
    ("questions/barriers", {"setting_max_length": "9" * 5000}),
    ("questions/barriers", {"setting_max_length": "1e400"}),
    ("questions/barriers", {"setting_max_length": "-3"}),
    ("questions/barriers", {"type": "single_choice"}),
    ("questions/barriers", {"type": "<script>"}),
    ("questions/barriers", {"action": "option_up:nothing"}),
    ("questions/barriers", {"action": "option_add", "options_shown": "1"}),
    ("questions/barriers", {"required": "y", "demographic": "y"}),
    ("questions/barriers/condition", {"condition_mode": "any", "condition_question": "barriers"}),
    ("questions/barriers/condition", {"condition_mode": "none"}),
    ("questions/no_such_question", {"text_en": "X"}),
    ("questions/barriers/move", {}),
    ("questions/barriers/remove", {}),
    ("json", {"definition": "{not json"}),
    ("json", {"definition": "[]"}),
    ("json", {"definition": '{"title": {"en": 1}, "sections": [{"questions": [{"type": "number", '
                            '"settings": {"min": 1e308, "max": 99999999999999999999999999999999}}]}]}'}),
]


@pytest.mark.parametrize(("path", "data"), GARBAGE)
def test_garbage_is_refused_without_a_server_error(app, world, path, data):
    client = signed_in(app, world.users["admin"])
    before = stored(app, world.survey)
    reply = client.post(f"{BUILDER.format(slug=world.survey)}/{path}", data=data)
    # 413: a field over the app-wide cap (feedback.guards.MAX_FORM_FIELD) is refused before the builder
    assert reply.status_code in (302, 404, 413, 422), (path, data, reply.status_code)
    if reply.status_code == 422:
        assert "Nothing was saved" in reply.get_data(as_text=True)
        assert stored(app, world.survey) == before


def test_garbage_on_a_number_question_is_refused_next_to_the_field(app, world):
    client = signed_in(app, world.users["admin"])
    create_blank(client, world.partnership_slug)
    url = BUILDER.format(slug="getting-to-work")
    client.post(f"{url}/pages/1/questions", data={"type": "number", "text_en": "Wage?"})
    for value in ("9" * 400, "1e999", "nan", "12abc"):
        reply = client.post(f"{url}/questions/wage", data={"setting_min": value})
        assert reply.status_code == 422
        assert 'id="q-wage-setting_min-error">Error: Smallest number accepted: enter a number' in reply.get_data(
            as_text=True)
    reply = client.post(f"{url}/questions/wage", data={"setting_min": "10", "setting_max": "5"})
    assert reply.status_code == 422 and "Min must not be more than max." in reply.get_data(as_text=True)


def test_new_survey_from_a_template_lands_in_the_builder(app, world):
    client = signed_in(app, world.users["partner"])
    page = client.get(f"/staff/partnerships/{world.partnership_slug}/surveys/start").get_data(as_text=True)
    assert "A blank survey" in page and "Template: " in page and "Advanced: import a JSON definition" in page
    reply = client.post(f"/staff/partnerships/{world.partnership_slug}/surveys/start", data={
        "start": "employer_skill_needs", "slug": "employers-2027", "organization": "home-other"})
    assert reply.status_code == 302 and reply.location == "/staff/surveys/employers-2027/builder"
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "employers-2027"))
        assert survey.organization.slug == "home-org"  # a partner's survey is their organization's
    missing = client.post(f"/staff/partnerships/{world.partnership_slug}/surveys/start", data={
        "start": "blank", "title_en": "", "slug": world.survey})
    assert missing.status_code == 422
    page = missing.get_data(as_text=True)
    assert "is already taken" in page and "Give the survey a title." in page


def test_the_definition_stays_available_as_json(app, world):
    client = signed_in(app, world.users["analyst"])
    url = BUILDER.format(slug=world.survey)
    exported = client.get(f"{url}/definition.json")
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    definition = exported.get_json()
    definition["sections"][0]["questions"][0]["text"]["es"] = "¿Qué le cuesta?"
    import json

    imported = client.post(f"{url}/json", data={"definition": json.dumps(definition)})
    assert imported.status_code == 302
    assert stored(app, world.survey)["sections"][0]["questions"][0]["text"]["es"] == "¿Qué le cuesta?"


# -- in a real browser -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def builder_server(tmp_path_factory):
    """A survey with a translation gap and a display condition, and its admin, on a random local port."""
    import shutil
    import threading

    from werkzeug.serving import make_server

    from feedback import create_app
    from feedback.accounts import add_user
    from feedback.models import Role
    from surveys import builder
    from surveys.definition import load_template
    from surveys.models import Partnership
    from surveys.services import create_survey

    folder = tmp_path_factory.mktemp("builder-browser")
    app = create_app({
        "TESTING": True, "SECRET_KEY": "builder-browser", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/b.db",
        "INSTANCE_PATH": str(folder), "REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://",
        "SESSION_COOKIE_SECURE": False,
    })
    with app.app_context():
        db.create_all()
        partnership = Partnership(slug="browser", name="Browser partnership")
        db.session.add(partnership)
        data = load_template("career_seeker_needs").to_dict()
        del data["sections"][1]["questions"][0]["text"]["es"]  # a gap to flag
        create_survey(partnership, builder.check(data), slug="seekers")
        add_user("admin@builder.example", partnership, Role.ADMIN, "builder browser password")
        db.session.commit()
        db.engine.dispose()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.browser
def test_the_builder_fits_a_phone_and_axe_finds_nothing(builder_server):
    """At 390 px nothing runs off the side, and axe-core reports no violation on the builder, on the
    builder showing an error, on the page that sets when a question is shown, and on the new-survey page."""
    from pathlib import Path

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    from tests.browser.conftest import CHROMIUM_ARGS, PHONE, watch_console_and_policy

    base = builder_server
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=PHONE).new_page()
        page.set_default_timeout(45_000)
        problems = watch_console_and_policy(page)
        page.goto(base + "/staff/login")
        page.fill("#email", "admin@builder.example")
        page.fill("#password", "builder browser password")
        page.click("button[type=submit]")
        page.wait_for_url(base + "/staff/")

        def check(name: str) -> None:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"the {name} is {width} px wide on a 390 px phone"
            violations = axe_module.Axe().run(page).response["violations"]
            assert violations == [], [(name, v["id"], v["nodes"][0]["html"][:200]) for v in violations]

        page.goto(base + "/staff/surveys/seekers/builder")
        assert page.locator("text=Missing Spanish translation").count() == 1
        check("builder")
        # An answer choice added without words: the page comes back with the error beside the field.
        with page.expect_navigation():  # read the page that answers, not the one being left
            page.locator("#q-main_goal button[value=option_add]").click()
        assert page.locator("#error-summary").is_visible()
        assert page.evaluate("document.activeElement.id") == "error-summary"
        check("builder showing an error")
        page.goto(base + "/staff/surveys/seekers/builder/questions/barriers_detail/condition")
        check("condition page")
        page.goto(base + "/staff/partnerships/browser/surveys/start")
        check("new survey page")
        browser.close()
    # The refused form answers 422, which Chromium logs; nothing else may reach the console.
    assert [p for p in problems if "status of 422" not in p] == []
