"""The public "you said, we did" page: only protected numbers, only published quotes, both languages,
and a 404 that says nothing for an unknown partnership or a page turned off."""

from __future__ import annotations

import re

from surveys.db import db
from surveys.models import Partnership, SurveyStatus
from tests.public.helpers import build_partnership, main_text, publish, show_themes


def test_a_small_theme_and_the_theme_hidden_to_protect_it_are_never_printed(app, client):
    # 3 answers is below the threshold of 5; the next smallest theme is hidden with it, so that the
    # total minus the shown themes does not give the 3 away.
    with app.app_context():
        show_themes(build_partnership({"Bus routes": 12, "Night shifts": 9, "Uniform costs": 3}))
    page = client.get("/p/valley")
    assert page.status_code == 200
    words = main_text(page.get_data(as_text=True))
    assert "Bus routes" in words and "12 people" in words
    assert "Uniform costs" not in words and "Night shifts" not in words
    numbers = {int(n) for n in re.findall(r"\d+", words)}
    assert not numbers & {3, 9}, words
    assert "at least 5 people" in words


def test_a_theme_staff_marked_not_useful_is_not_listed(app, client):
    with app.app_context():
        built = build_partnership({"Bus routes": 12, "Night shifts": 9, "Spam": 8})
        show_themes(built)
        from feedback.models import Theme
        db.session.get(Theme, built.themes["Spam"]).hidden = True
        db.session.commit()
    words = main_text(client.get("/p/valley").get_data(as_text=True))
    assert "Bus routes" in words and "Night shifts" in words and "Spam" not in words


def test_no_quote_is_shown_until_staff_publish_it(app, client):
    with app.app_context():
        built = build_partnership({"Bus routes": 12, "Night shifts": 9})
        show_themes(built)
    before = main_text(client.get("/p/valley").get_data(as_text=True))
    assert "story" not in before  # no answer's words at all
    with app.app_context():
        publish(built.themes["Night shifts"], built.answers["Night shifts"][4])
    after = main_text(client.get("/p/valley").get_data(as_text=True))
    assert "Night shifts, story 4" in after
    assert after.count("story") == 1


def test_quotes_are_escaped(app, client):
    with app.app_context():
        built = build_partnership({"Bus routes": 12, "Night shifts": 9})
        show_themes(built)
        from surveys.models import Answer
        db.session.get(Answer, built.answers["Bus routes"][0]).value_text = "<script>alert(1)</script>"
        db.session.commit()
        publish(built.themes["Bus routes"], built.answers["Bus routes"][0])
    page = client.get("/p/valley").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_a_published_quote_never_shows_a_phone_number_an_email_or_a_name(app, client):
    """Staff read answers as written and may publish one that holds a contact detail: the public reads
    it with the detail blanked, as the report's quotes are."""
    with app.app_context():
        built = build_partnership({"Bus routes": 12, "Night shifts": 9})
        show_themes(built)
        from surveys.models import Answer
        answer = db.session.get(Answer, built.answers["Bus routes"][0])
        answer.value_text = "The bus never comes. Call me, Maria Lopez, at (615) 298-4833 or sam87@gmail.com"
        db.session.commit()
        publish(built.themes["Bus routes"], built.answers["Bus routes"][0])
    page = client.get("/p/valley").get_data(as_text=True)
    assert "The bus never comes" in page
    assert "298-4833" not in page and "sam87" not in page and "Lopez" not in page
    assert "[phone]" in page and "[email]" in page


def test_an_unknown_partnership_and_a_page_turned_off_look_the_same(app, client):
    with app.app_context():
        show_themes(build_partnership({"Bus routes": 12, "Night shifts": 9}))
    unknown = client.get("/p/no-such-partnership")
    with app.app_context():
        db.session.scalar(db.select(Partnership).where(Partnership.slug == "valley")).public_page = False
        db.session.commit()
    off = client.get("/p/valley")
    assert unknown.status_code == off.status_code == 404
    assert main_text(unknown.get_data(as_text=True)) == main_text(off.get_data(as_text=True))
    assert "Valley" not in off.get_data(as_text=True) and "Bus routes" not in off.get_data(as_text=True)


def test_a_draft_survey_is_not_heard_from(app, client):
    from feedback.models import ThemeRun
    from surveys.models import utcnow

    with app.app_context():
        built = build_partnership({"Bus routes": 12, "Night shifts": 9}, status=SurveyStatus.DRAFT)
        # Marked published by hand (staff cannot publish a draft's run): the page still leaves it out.
        db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == built.run)).published_at = utcnow()
        db.session.commit()
    words = main_text(client.get("/p/valley").get_data(as_text=True))
    assert "Bus routes" not in words and "Valley Care Partnership has not yet shared what it heard" in words


def test_the_page_speaks_spanish_with_the_survey_pages_switch(app, client):
    with app.app_context():
        show_themes(build_partnership({"Bus routes": 12, "Night shifts": 9}))
    english = client.get("/p/valley").get_data(as_text=True)
    switch = re.search(r'<a href="([^"]+)" lang="es" hreflang="es">Español</a>', english)
    assert switch, "the language switch of the survey pages"
    spanish = client.get(switch.group(1))
    assert spanish.status_code == 200
    html = spanish.get_data(as_text=True)
    assert '<html lang="es">' in html
    words = main_text(html)
    assert "Lo que escuchamos" in words and "¿Qué lo hace difícil?" in words
    assert "57% de las respuestas (12 personas)" in words
    # A person who chose Spanish on a survey page gets it here without asking again.
    client.get("/?lang=es")
    assert '<html lang="es">' in client.get("/p/valley").get_data(as_text=True)


def test_the_page_needs_no_sign_in_and_may_be_cached_briefly(app, client):
    with app.app_context():
        build_partnership({"Bus routes": 12, "Night shifts": 9})
    page = client.get("/p/valley")
    assert page.status_code == 200
    assert page.cache_control.public and 0 < page.cache_control.max_age <= 3600
    assert "Set-Cookie" not in page.headers
    assert "<script" not in page.get_data(as_text=True)
    again = client.get("/p/valley", headers={"If-None-Match": page.headers["ETag"]})
    assert again.status_code == 304
    assert not client.get("/p/nowhere").cache_control.public  # a 404 is not kept for everyone


def test_the_page_carries_the_security_headers_and_needs_nothing_they_forbid(app, client):
    from tests.test_security_headers import assert_protected

    with app.app_context():
        build_partnership({"Bus routes": 12, "Night shifts": 9})
    page = client.get("/p/valley")
    assert_protected(page)
    html = page.get_data(as_text=True)
    assert "style=" not in html and "<style" not in html and "<script" not in html
    assert not re.search(r"\son[a-z]+=", html) and "javascript:" not in html


def test_a_spanish_theme_name_is_shown_without_the_staffs_gloss(app, client):
    with app.app_context():
        show_themes(build_partnership({"Citas médicas cada semana (gloss: appointment, doctor, week)": 12,
                                       "Bus routes": 9}))
    spanish = client.get("/p/valley?lang=es").get_data(as_text=True)
    assert "<strong>Citas médicas cada semana</strong>" in spanish and "gloss" not in spanish
    assert '<strong lang="en">Bus routes</strong>' in spanish
    assert '<strong lang="es">Citas médicas cada semana</strong>' in client.get("/p/valley?lang=en").get_data(as_text=True)


def test_a_theme_an_action_answers_is_marked_with_the_language_its_name_is_in(app, client):
    """Under an action, "because: Bus routes" on the Spanish page is English: a screen reader must say it
    in English (it was unmarked)."""
    from tests.public.helpers import small_public_page

    with app.app_context():
        slug = small_public_page()
    spanish = client.get(f"/p/{slug}?lang=es").get_data(as_text=True)
    assert '<bdi lang="en">Bus routes</bdi>' in spanish
    assert "<bdi>Bus routes</bdi>" in client.get(f"/p/{slug}?lang=en").get_data(as_text=True)
