"""Error messages a person can act on: the summary names each question, amounts are read the way
people type them, and the summary takes the focus."""

from __future__ import annotations

import html
import re

import pytest

from surveys.definition import load_definition
from surveys.models import Answer
from tests.surveys.helpers import every_type_data, make_survey

START = "/s/every-type"
EMPLOYER = "/s/employer-skill-needs"


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def summary_entries(page: str) -> list[tuple[str, str]]:
    box = re.search(r'<div class="es".*?</div>', page, re.DOTALL).group(0)
    return [(target, html.unescape(text)) for target, text in re.findall(r'<a href="#([^"]+)">([^<]+)</a>', box)]


def test_summary_names_each_question_in_english_and_spanish(client, survey):
    client.post(f"{START}/start?lang=en")
    client.post(f"{START}/page/1", data={"q_goal": "job", "action": "next"})
    reply = client.post(f"{START}/page/2", data={"q_hires": "ten", "q_wage": "lots", "action": "next"})
    page = reply.get_data(as_text=True)
    assert summary_entries(page) == [("q_hires", "“How many?”: Enter a whole number, like 12"),
                                     ("q_wage", "“Wage?”: Enter a number, like 18.50")]
    # Beside the question itself the message needs no name.
    assert 'id="q_hires-error">Error: Enter a whole number, like 12<' in page

    reply = client.post(f"{START}/page/1?lang=es", data={"q_goal": "", "action": "next"})
    assert summary_entries(reply.get_data(as_text=True)) == [("q_goal-1", "Responda «Goal? (es)»")]


def test_a_long_question_is_named_whole_in_the_summary_in_both_languages(client, db):
    make_survey("employer_skill_needs", slug="employer-skill-needs")
    db.session.commit()
    client.post(f"{EMPLOYER}/start?lang=es")
    reply = client.post(f"{EMPLOYER}/page/1", data={"q_jobs_needed__1_title": "CNA",
                                                    "q_jobs_needed__1_openings": "muchas", "action": "next"})
    [text] = [text for target, text in summary_entries(reply.get_data(as_text=True))
              if target == "q_jobs_needed__1_openings"]  # the box in error, not the job's title
    assert text == ("«¿Qué puestos necesita cubrir?»: Puesto 1 (CNA), Puestos a cubrir en los próximos 12 meses: "
                    "escriba un número entero de 0 a 5,000, como 12")
    assert "…" not in reply.get_data(as_text=True)

    data = every_type_data()
    long_words = "Thinking about the last twelve months, how many times did a bus or a train not come when you needed it?"
    data["sections"][1]["questions"][2]["text"] = {"en": long_words, "es": "¿" + long_words + "? (es)"}
    make_survey(load_definition(data))
    db.session.commit()
    client.post(f"{START}/start?lang=en")
    client.post(f"{START}/page/1", data={"q_goal": "job", "action": "next"})
    reply = client.post(f"{START}/page/2", data={"q_hires": "lots", "action": "next"})
    assert summary_entries(reply.get_data(as_text=True)) == [("q_hires", f"“{long_words}”: Enter a whole number, like 12")]


@pytest.mark.parametrize("typed, stored", [("$18.50", 18.5), ("18.50 $", 18.5), ("US$ 19", 19.0),
                                           ("18,50", 18.5), ("20", 20.0)])
def test_pay_is_accepted_as_people_type_it(client, db, typed, stored):
    make_survey("employer_skill_needs", slug="employer-skill-needs")
    db.session.commit()
    client.post(f"{EMPLOYER}/start?lang=es")
    page = client.get(f"{EMPLOYER}/page/1").get_data(as_text=True)
    assert "Pago inicial habitual" in page and "Por hora" in page
    reply = client.post(f"{EMPLOYER}/page/1", data={"q_jobs_needed__1_title": "CNA", "q_jobs_needed__1_for": "CNA",
                                                    "q_jobs_needed__1_soc": "31-1131", "q_jobs_needed__1_pay": typed,
                                                    "q_jobs_needed__1_unit": "hour", "action": "next"})
    assert reply.status_code == 302, summary_entries(reply.get_data(as_text=True))
    assert db.session.scalar(db.select(Answer.value_number).where(Answer.option_key == "1.pay")) == stored


def test_the_summary_is_focusable_and_focused_when_scripts_run(client, survey):
    client.post(f"{START}/start")
    page = client.post(f"{START}/page/1", data={"action": "next"}).get_data(as_text=True)
    assert re.search(r'<div class="es" id="error-summary" role="alert"[^>]* tabindex="-1">', page)
    # The script carries the page's Content-Security-Policy nonce, or the browser would not run it.
    focus = r'<script nonce="[\w-]+">document.getElementById\("error-summary"\).focus\(\)</script>'
    assert re.search(focus, page)
    resume = client.post(f"{START}/resume", data={"code": "ZZZZ-ZZZZ"}).get_data(as_text=True)
    assert summary_entries(resume) == [("code", "We could not find that code. Check it and try again")]
    assert 'getElementById("error-summary").focus()' in resume


def test_every_link_in_the_summary_lands_on_an_input_of_its_question(client, survey):
    """One wrong answer of every kind: each summary link names an input on the page (a group of buttons
    is entered at its first button), so following it puts the cursor where the answer goes."""
    client.post(f"{START}/start?lang=en")
    first = client.post(f"{START}/page/1", data={"q_goal": "", "q_barriers": ["none", "bus"], "q_agree": "9",
                                                 "q_stars": "6", "q_nps": "11", "action": "next"})
    client.post(f"{START}/page/1", data={"q_goal": "job", "action": "next"})
    second = client.post(f"{START}/page/2", data={
        "q_name_of_job": "x" * 21, "q_story": "x" * 5001, "q_hires": "ten", "q_wage": "lots",
        "q_start_date": "someday", "q_contact": "y", "action": "next"})
    targets = []
    for reply in (first, second):
        page = reply.get_data(as_text=True)
        for target, _ in summary_entries(page):
            assert re.search(rf'<(input|textarea)\b[^>]*\bid="{re.escape(target)}"', page), target
            targets.append(target)
    assert targets == ["q_goal-1", "q_barriers-1", "q_agree-1", "q_stars-1", "q_nps-1", "q_name_of_job",
                       "q_story", "q_hires", "q_wage", "q_start_date", "q_contact"]
