"""Respondent pages: start, pages, errors, language switch, save and resume, double submission,
closed and unknown surveys, partner links and QR codes."""

from __future__ import annotations

import re

import pytest

from surveys.models import Answer, Response, SurveyStatus
from tests.surveys.helpers import make_survey

START = "/s/every-type"


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def begin(client, src: str | None = None):
    """Press "Start now"; returns the first page's URL."""
    reply = client.post(f"{START}/start", data={"src": src or ""})
    assert reply.status_code == 302
    return reply.location


def answer_first_page(client, **extra):
    data = {"q_goal": "job", "q_barriers": ["childcare", "bus"], "q_agree": "4", "q_stars": "5",
            "q_nps": "9", "action": "next", **extra}
    return client.post(f"{START}/page/1", data=data)


def finish(client):
    reply = answer_first_page(client)
    assert reply.location.endswith("/page/2")
    reply = client.post(f"{START}/page/2", data={"q_story": "It is hard", "q_hires": "3", "action": "next"})
    assert reply.location.endswith("/page/3")
    reply = client.post(f"{START}/page/3", data={"q_childcare_detail": "Costs", "action": "next"})
    assert reply.location.endswith("/page/4")
    return client.post(f"{START}/page/4", data={"q_age": "prefer_not_to_say", "action": "submit"})


def responses(db):
    return db.session.scalars(db.select(Response)).all()


def test_start_page_has_privacy_notice_and_language(client, survey):
    page = client.get(START, headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="es">' in page
    assert "Antes de empezar" in page and "anónimas" in page
    page = client.get(START + "?lang=en", follow_redirects=True).get_data(as_text=True)
    assert '<html lang="en">' in page and "Before you start" in page


def test_complete_survey_once(client, db, survey):
    assert begin(client, src="mesa-college").endswith("/page/1")
    reply = finish(client)
    assert reply.location.endswith("/thanks")
    stored = responses(db)
    assert len(stored) == 1 and stored[0].complete and stored[0].submitted_at
    assert stored[0].source == "mesa-college"
    rows = {(a.question.key, a.option_key) for a in stored[0].answers}
    assert ("barriers", "childcare") in rows and ("barriers", "bus") in rows
    assert ("childcare_detail", "") in rows
    # Pressing submit again (double tap, back button, retry) stores nothing more.
    again = client.post(f"{START}/page/4", data={"q_age": "under_25", "action": "submit"})
    assert again.location.endswith("/thanks")
    assert len(responses(db)) == 1
    assert db.session.scalar(db.select(Answer.option_key).join(Answer.question)
                             .where(Answer.response_id == stored[0].id, Answer.option_key == "under_25")) is None
    assert "Thank you" in client.get(reply.location).get_data(as_text=True)


def test_errors_are_summarised_linked_and_answers_kept(client, survey):
    begin(client)
    reply = answer_first_page(client, q_goal="", q_agree="4", q_barriers=["bus", "none"])
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200
    assert "<title>Error:" in page
    assert 'class="es" id="error-summary" role="alert"' in page
    assert '<a href="#q_goal-1">Answer “Goal?”</a>' in page
    assert '<a href="#q_barriers-1">' in page
    assert 'id="q_goal-error"' in page and 'aria-describedby="q_goal-error"' in page
    assert re.search(r'value="4" checked', page)  # the agreement answer is still chosen
    assert re.search(r'name="q_barriers" value="bus" checked', page)


def test_conditional_page_is_skipped_when_not_relevant(client, survey):
    begin(client)
    answer_first_page(client, q_barriers=["bus"])
    reply = client.post(f"{START}/page/2", data={"action": "next"})
    assert reply.location.endswith("/page/4")
    page = client.get(reply.location).get_data(as_text=True)
    assert "Step 3 of up to 4" in page
    assert client.get(f"{START}/page/3").location.endswith("/page/4")


def test_back_keeps_answers(client, survey):
    begin(client)
    answer_first_page(client)
    reply = client.post(f"{START}/page/2", data={"q_story": "Draft words", "action": "back"})
    assert reply.location.endswith("/page/1")
    page = client.get(reply.location).get_data(as_text=True)
    assert 'value="job" checked' in page
    assert "Draft words" in client.get(f"{START}/page/2").get_data(as_text=True)


def test_language_switch_keeps_answers_and_sets_lang(client, db, survey):
    begin(client)
    reply = client.post(f"{START}/page/1", data={"q_goal": "other", "q_goal__other": "Mi negocio",
                                                 "q_agree": "2", "action": "lang:es"})
    page = reply.get_data(as_text=True)
    assert '<html lang="es">' in page
    assert "Primero" in page and "Muy de acuerdo" in page
    assert 'value="Mi negocio"' in page and 'value="2" checked' in page
    assert "Hay un problema" not in page  # switching language never shows errors
    assert responses(db)[0].language == "es"
    # The next page is in Spanish too, and the stored answers survived.
    assert '<html lang="es">' in client.get(f"{START}/page/2").get_data(as_text=True)
    assert 'value="Mi negocio"' in client.get(f"{START}/page/1").get_data(as_text=True)


def test_save_and_resume_on_another_device(app, client, db, survey):
    begin(client)
    answer_first_page(client)
    reply = client.post(f"{START}/page/2", data={"q_story": "Half done", "action": "save"})
    assert reply.location.endswith("/saved")
    page = client.get(reply.location).get_data(as_text=True)
    code = re.search(r'<p class="code">([A-Z0-9-]+)</p>', page).group(1)
    assert len(code) == 9 and code[4] == "-"
    assert f"/s/every-type/resume?code={code}" in page

    other = app.test_client()
    wrong = other.post(f"{START}/resume", data={"code": "AAAA-AAAA"})
    assert "We could not find that code" in wrong.get_data(as_text=True)
    reply = other.post(f"{START}/resume", data={"code": code.lower().replace("-", " ")})
    assert reply.location.endswith("/page/3")  # the first page still unanswered
    assert "Half done" in other.get(f"{START}/page/2").get_data(as_text=True)
    other.post(f"{START}/page/3", data={"q_childcare_detail": "Costs", "action": "next"})
    done = other.post(f"{START}/page/4", data={"action": "submit"})
    assert done.location.endswith("/thanks")
    stored = responses(db)
    assert len(stored) == 1 and stored[0].complete
    # A used code no longer opens the answers; it says they were sent (not "we could not find it").
    late = app.test_client().post(f"{START}/resume", data={"code": code})
    assert late.status_code == 200 and "These answers were already sent" in late.get_data(as_text=True)
    assert "We could not find" not in late.get_data(as_text=True) and "Half done" not in late.get_data(as_text=True)


def test_submitting_with_a_required_answer_missing_goes_back_to_it(client, survey):
    begin(client)
    answer_first_page(client)
    reply = client.post(f"{START}/page/4", data={"action": "submit"})
    assert reply.location.endswith("/page/3")


def test_answers_to_questions_later_hidden_are_dropped(client, db, survey):
    begin(client)
    answer_first_page(client)
    client.post(f"{START}/page/3", data={"q_childcare_detail": "Costs", "action": "next"})
    answer_first_page(client, q_barriers=["bus"])
    client.post(f"{START}/page/4", data={"action": "submit"})
    keys = {a.question.key for a in responses(db)[0].answers}
    assert "childcare_detail" not in keys


@pytest.mark.parametrize("status", [SurveyStatus.CLOSED, SurveyStatus.DRAFT])
def test_closed_survey_page(client, db, status):
    make_survey(status=status)
    db.session.commit()
    reply = client.get(START)
    assert reply.status_code == 200
    assert "This survey is closed" in reply.get_data(as_text=True)
    assert "Esta encuesta está cerrada" in client.get(START + "?lang=es", follow_redirects=True).get_data(as_text=True)
    assert client.post(f"{START}/start").status_code == 200
    assert not responses(db)


def test_unknown_survey_page(client, db):
    reply = client.get("/s/nothing-here")
    assert reply.status_code == 404
    assert "We cannot find this survey" in reply.get_data(as_text=True)


def test_pages_without_a_started_response_go_to_the_start(client, survey):
    assert client.get(f"{START}/page/2").location.endswith(START)


def test_home_lists_open_surveys(client, db, survey):
    make_survey(slug="closed-one", status=SurveyStatus.CLOSED)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert 'href="/s/every-type' in page and "closed-one" not in page


def test_partner_source_is_carried_and_cleaned(client, db, survey):
    page = client.get(START + "?src=Casa-Familia").get_data(as_text=True)
    assert 'name="src" type="hidden" value="casa-familia"' in page
    page = client.get(START + "?src=<script>").get_data(as_text=True)
    assert 'name="src" type="hidden" value=""' in page


@pytest.mark.parametrize("kind, mimetype, magic", [("svg", "image/svg+xml", b"<?xml"), ("png", "image/png", b"\x89PNG")])
def test_qr_codes(client, survey, kind, mimetype, magic):
    reply = client.get(f"{START}/qr.{kind}?src=mesa-college")
    assert reply.status_code == 200 and reply.mimetype == mimetype
    assert reply.data.startswith(magic)
    assert client.get(f"/s/nothing/qr.{kind}").status_code == 404


def test_every_template_can_be_answered_in_spanish(client, db):
    from surveys.definition import list_templates
    for name in list_templates():
        make_survey(name, slug=name.replace("_", "-"))
    db.session.commit()
    for name in list_templates():
        slug = name.replace("_", "-")
        client.get(f"/s/{slug}?lang=es")
        page_url = client.post(f"/s/{slug}/start").location
        seen = 0
        while "/page/" in page_url:
            page = client.get(page_url).get_data(as_text=True)
            assert '<html lang="es">' in page
            seen += 1
            # Give every required question a plausible answer: the first radio / some text.
            data = {"action": "submit" if "Enviar mis respuestas" in page else "next"}
            for field in re.findall(r'<input type="(?:radio|checkbox)" id="[^"]+" name="([^"]+)" value="([^"]+)"', page):
                if field[0] != "q_contact":  # contact details stay optional
                    data.setdefault(field[0], field[1])
            data.update(re.findall(r'<input type="hidden" name="(q_[^"]+)" value="([^"]*)"', page))
            for tag, field in re.findall(r'(<(?:input type="text"|textarea) id="([^"]+)"[^>]*>)', page):
                if not field.endswith("__other"):
                    data.setdefault(field, "19" if 'inputmode="decimal"' in tag else "3" if "inputmode" in tag else "Respuesta")
            reply = client.post(page_url, data=data)
            if reply.status_code == 200 and 'class="es"' not in reply.get_data(as_text=True):
                continue  # shown again without an error (a job title to confirm): answer it once more
            assert reply.status_code == 302, reply.get_data(as_text=True)[:2000]
            page_url = reply.location
        assert page_url.endswith("/thanks") and seen >= 4
    assert len([r for r in responses(db) if r.complete and r.language == "es"]) == 5


def test_survey_title_in_the_header_is_not_a_link_away_from_the_answers(client, survey):
    begin(client)
    page = client.get(f"{START}/page/1").get_data(as_text=True)
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert '<span class="name">Every type</span>' in header
    assert "<a" not in header  # no way out of the page that drops what was typed
    # Outside a survey the header still leads to the open surveys.
    page = client.get(START + "?lang=en", follow_redirects=True).get_data(as_text=True)
    assert '<a class="name" href="/?lang=en">Chorus</a>' in page


def scale_labels(page: str, name: str) -> list[str]:
    """The text of each label of the scale ``name``, about as a screen reader reads it (the number and
    the words are separate boxes; the comma stays with the number)."""
    labels = re.findall(rf'<label for="{name}-\d+">(.*?)</label>', page)
    return [re.sub(r"\s+,", ",", " ".join(re.sub(r"<[^>]+>", " ", label).split())) for label in labels]


def test_a_rating_scale_names_its_ends_on_their_own_buttons(client, survey):
    begin(client)
    page = client.get(f"{START}/page/1?lang=es", follow_redirects=True).get_data(as_text=True)
    assert scale_labels(page, "q_stars") == ["1, Lo más bajo", "2", "3", "4", "5, Lo más alto"]
    labels = scale_labels(page, "q_nps")
    assert labels[0] == "0, Lo más bajo" and labels[-1] == "10, Lo más alto" and labels[1:-1] == [str(n) for n in range(1, 10)]
    # The words sit inside the end buttons' labels, not in a line of their own away from them.
    assert 'class="ends"' not in page
    # With an error the group is described by the message.
    page = client.post(f"{START}/page/1", data={"q_stars": "9", "action": "next"}).get_data(as_text=True)
    assert re.search(r'<fieldset class="q err" aria-describedby="q_stars-error">\s*<legend>Stars\?', page)
