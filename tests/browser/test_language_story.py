"""The languages issue's story, end to end in Chromium: a staff member adds Vietnamese and Arabic to a
survey by downloading its XLIFF for a translator and importing the translated file back; one respondent
answers in Vietnamese and another in Arabic (right to left) on a 390 px phone with JavaScript off; the
staff member finds themes, and both open answers share themes with the English and Spanish answers
that say the same thing."""

from __future__ import annotations

import shutil
import threading

import pytest
import sqlalchemy as sa

from tests.browser.conftest import PHONE
from tests.staff.test_translations import filled_xliff

pytestmark = pytest.mark.browser

PASSWORD = "story browser password"
SLUG = "language-story"

# What the translator writes for each of the survey's texts.
TRANSLATIONS = {
    "vi": {"title": "Khảo sát về việc làm", "sections.main.title": "Câu hỏi",
           "sections.main.questions.barriers.text": "Điều gì làm cho việc đi làm hoặc đi học khó khăn?"},
    "ar": {"title": "استبيان عن العمل", "sections.main.title": "الأسئلة",
           "sections.main.questions.barriers.text": "ما الذي يصعّب عليك الذهاب إلى العمل أو التدريب؟"},
}

# Answers already in: three concerns, in English and Spanish.
EARLIER = {
    "childcare": [
        ("en", "No one to watch my kids while I work"), ("en", "Child care is too expensive"),
        ("en", "I can't afford daycare for my children"), ("en", "Need childcare for my baby"),
        ("en", "Daycare closes before my shift ends"),
        ("es", "No tengo quien cuide a mis hijos"), ("es", "La guardería es muy cara"),
        ("es", "Necesito cuidado para mis niños"), ("es", "No puedo pagar la guardería"),
    ],
    "bus": [
        ("en", "The bus does not come on time"), ("en", "No bus to the training center"),
        ("en", "Buses stop running at night"), ("en", "The bus takes two hours"),
        ("en", "I have no car and the bus is late"),
        ("es", "El autobús nunca llega a tiempo"), ("es", "No hay autobús por la noche"),
        ("es", "No tengo carro y el autobús tarda mucho"), ("es", "El autobús no pasa cerca de mi casa"),
    ],
    "pay": [
        ("en", "The pay is too low"), ("en", "Wages are too low to live on"),
        ("en", "I need a job that pays more"), ("en", "Low salary for hard work"),
        ("en", "The pay does not cover rent"),
        ("es", "El salario es muy bajo"), ("es", "Pagan muy poco"),
        ("es", "Necesito un trabajo que pague más"), ("es", "El sueldo no alcanza para la renta"),
    ],
}
# What the two respondents type, and the concern each speaks of.
NEW = {"vi": ("Không có ai trông con khi tôi đi làm", "childcare"),
       "ar": ("الحافلة لا تأتي في الوقت المحدد", "bus")}


@pytest.fixture(scope="module")
def story_server(tmp_path_factory):
    """A partnership with an open English and Spanish survey, its earlier answers and an admin."""
    from werkzeug.serving import make_server

    from feedback import create_app
    from feedback.accounts import add_user
    from feedback.models import Role
    from surveys.db import db
    from tests import factories

    folder = tmp_path_factory.mktemp("story-browser")
    app = create_app({
        "TESTING": True, "SECRET_KEY": "story-browser", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/s.db",
        "INSTANCE_PATH": str(folder), "REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://",
        "SESSION_COOKIE_SECURE": False, "JOBS_INLINE": True,
    })
    with app.app_context():
        db.create_all()
        partnership = factories.partnership(slug="story", name="Story partnership")
        survey = factories.survey(partnership=partnership, slug=SLUG)
        question = survey.questions[0]
        for answers in EARLIER.values():
            for language, text in answers:
                factories.answer(factories.response(survey, language=language), question, value_text=text)
        add_user("admin@story.example", partnership, Role.ADMIN, PASSWORD)
        db.session.commit()
        db.engine.dispose()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", app
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


def click(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def add_language_through_a_translator(page, base: str, language: str, tmp_path) -> None:
    page.goto(f"{base}/staff/surveys/{SLUG}/translations")
    page.select_option("#source", "en")
    page.fill("#other", language)
    page.check("#format-xliff")
    with page.expect_download() as download:
        page.click("form[action$='/translations/download'] button")
    exported = (tmp_path / f"{SLUG}.{language}.xlf")
    download.value.save_as(exported)
    exported.write_bytes(filled_xliff(exported.read_bytes(), TRANSLATIONS[language]))  # the translator's work
    page.set_input_files("#file", str(exported))
    click(page, "form[action$='/translations/preview'] button")
    assert TRANSLATIONS[language]["title"] in page.inner_text("main")  # the preview shows each change
    click(page, "form[action$='/translations/apply'] button")


def answer_on_a_phone(browser, base: str, language: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base}/s/{SLUG}?lang={language}")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else None)
        assert TRANSLATIONS[language]["title"] in page.inner_text("h1")
        click(page, "form[action*='/start'] button")
        assert TRANSLATIONS[language]["sections.main.questions.barriers.text"] in page.inner_text("main")
        page.fill("#q_barriers", NEW[language][0])
        click(page, "button.btn[value='submit']")
        assert page.url.endswith("/thanks"), page.url
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_vietnamese_and_arabic_added_by_a_translator_answered_on_phones_and_themed_with_the_rest(
        browser, story_server, tmp_path):
    base, app = story_server
    staff = browser.new_context(viewport=PHONE).new_page()
    staff.goto(f"{base}/staff/login")
    staff.fill("#email", "admin@story.example")
    staff.fill("#password", PASSWORD)
    click(staff, "form button[type=submit]")
    for language in ("vi", "ar"):
        add_language_through_a_translator(staff, base, language, tmp_path)
    for language in ("vi", "ar"):
        answer_on_a_phone(browser, base, language)

    staff.goto(f"{base}/staff/surveys/{SLUG}/questions/barriers/report")
    click(staff, "form[action$='/questions/barriers/themes'] button[type=submit]")

    from feedback.models import ThemeAssignment
    from surveys.db import db
    from surveys.models import Answer, Response

    with app.app_context():
        rows = db.session.execute(
            sa.select(Answer.value_text, Response.language, ThemeAssignment.theme_id)
            .join(Response, Response.id == Answer.response_id)
            .join(ThemeAssignment, ThemeAssignment.answer_id == Answer.id)).all()
        db.session.remove()
    concern = {text: name for name, answers in EARLIER.items() for _, text in answers}
    theme_of = {text: theme for text, _, theme in rows}
    assert len(theme_of) == sum(map(len, EARLIER.values())) + len(NEW)
    for language, (text, about) in NEW.items():
        theme = theme_of[text]
        assert theme is not None, f"the {language} answer was left out of every theme"
        alike = [other for other, other_theme in theme_of.items() if other_theme == theme and other in concern]
        assert alike, f"the {language} answer shares its theme with no English or Spanish answer"
        # ... and with answers about the same concern, in both earlier languages.
        assert sum(concern[other] == about for other in alike) > len(alike) / 2, (language, alike)
