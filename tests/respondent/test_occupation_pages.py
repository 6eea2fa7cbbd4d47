"""Job titles on respondent pages without JavaScript: "Did you mean…?" after typing, the typed words
always kept, "None of these", Spanish titles; and the employer's per-job block with "Add another job",
errors that keep every answer, and pay checked per hour or per year."""

from __future__ import annotations

import html
import re

import pytest

from surveys.definition import load_definition
from surveys.models import Answer
from tests.surveys.helpers import make_survey, t

START = "/s/jobs"
CREDENTIALS = [{"key": "cna", "text": t("CNA certificate", "Certificado de CNA")},
               {"key": "bls", "text": t("BLS card", "Tarjeta BLS")}]


@pytest.fixture
def survey(db):
    survey = make_survey(load_definition({
        "title": t("Jobs"), "audience": "employer", "languages": ["en", "es"],
        "sections": [
            {"key": "goal", "title": t("Goal", "Meta"), "questions": [
                {"key": "job_goal", "type": "occupation", "text": t("Which job do you want?", "¿Qué trabajo quiere?")}]},
            {"key": "needs", "title": t("Needs", "Necesidades"), "questions": [
                {"key": "demand", "type": "occupation_demand", "text": t("Jobs you need", "Puestos que necesita"),
                 "settings": {"credentials": CREDENTIALS}}]},
            {"key": "end", "title": t("End", "Fin"), "questions": [
                {"key": "story", "type": "long_text", "text": t("Anything else?")}]},
        ]}), slug="jobs")
    db.session.commit()
    return survey


def begin(client, language="en"):
    assert client.post(f"{START}/start?lang={language}").status_code == 302


def stored(db, key_prefix=""):
    return {(row.option_key, row.value_text, row.value_number)
            for row in db.session.scalars(db.select(Answer)) if row.option_key.startswith(key_prefix)}


def radio_labels(page: str, name: str) -> list[tuple[str, str]]:
    """(value, label words) of each radio button called ``name``."""
    found = re.findall(rf'<input type="radio" id="([^"]+)" name="{re.escape(name)}" value="([^"]+)"[^>]*>'
                       r'<label for="\1">(.*?)</label>', page)
    return [(value, html.unescape(re.sub(r"<[^>]+>", " ", words)).split("  ")[0].strip()) for _, value, words in found]


def test_typing_a_title_shows_matches_and_keeps_the_words(client, db, survey):
    begin(client)
    reply = client.post(f"{START}/page/1", data={"q_job_goal": "CNA nights", "action": "next"})

    assert reply.status_code == 200  # the same page again, not the next one
    page = reply.get_data(as_text=True)
    assert 'value="CNA nights"' in page and "Did you mean one of these?" in page
    assert 'role="status"' in page and "error-summary" not in page
    labels = radio_labels(page, "q_job_goal__soc")
    assert labels[0] == ("31-1131", "Nursing Assistants") and labels[-1] == ("none", "None of these")
    # The words are stored already, with no code until the person confirms.
    assert stored(db) == {("", "CNA nights", None)}

    reply = client.post(f"{START}/page/1", data={"q_job_goal": "CNA nights", "q_job_goal__for": "CNA nights",
                                                 "q_job_goal__soc": "31-1131", "action": "next"})
    assert reply.location.endswith("/page/2")
    assert stored(db) == {("31-1131", "CNA nights", 1.0)}
    page = client.get(f"{START}/page/1").get_data(as_text=True)  # back on the page: the choice is shown
    assert re.search(r'value="31-1131" checked', page)


def test_none_of_these_keeps_the_words_without_a_code(client, db, survey):
    begin(client)
    client.post(f"{START}/page/1", data={"q_job_goal": "float pool helper", "action": "next"})
    reply = client.post(f"{START}/page/1", data={"q_job_goal": "float pool helper",
                                                 "q_job_goal__for": "float pool helper",
                                                 "q_job_goal__soc": "none", "action": "next"})
    assert reply.location.endswith("/page/2")
    assert stored(db) == {("", "float pool helper", 1.0)}


def test_a_choice_made_for_other_words_is_not_kept(client, db, survey):
    begin(client)
    reply = client.post(f"{START}/page/1", data={"q_job_goal": "phlebotomist", "q_job_goal__for": "CNA",
                                                 "q_job_goal__soc": "31-1131", "action": "next"})
    assert reply.status_code == 200
    assert radio_labels(reply.get_data(as_text=True), "q_job_goal__soc")[0] == ("31-9097", "Phlebotomists")
    assert stored(db) == {("", "phlebotomist", None)}


def test_a_spanish_title_is_matched_and_named_in_spanish(client, db, survey):
    begin(client, "es")
    reply = client.post(f"{START}/page/1", data={"q_job_goal": "auxiliar de enfermería", "action": "next"})
    page = reply.get_data(as_text=True)
    assert "¿Quiso decir uno de estos?" in page and "Ninguno de estos" in page
    value, words = radio_labels(page, "q_job_goal__soc")[0]
    assert value == "31-1131" and words.startswith("Auxiliares de enfermería")
    assert "Nursing Assistants" in page  # the SOC title beside it, as staff will read it


def test_an_unknown_code_is_refused_and_the_words_stay(client, db, survey):
    begin(client)
    reply = client.post(f"{START}/page/1", data={"q_job_goal": "CNA", "q_job_goal__for": "CNA",
                                                 "q_job_goal__soc": "99-9999", "action": "next"})
    page = reply.get_data(as_text=True)
    assert "Choose one of the jobs shown" in html.unescape(page) and 'value="CNA"' in page


def job(n, **fields):
    names = {"title": "title", "soc": "soc", "for": "for", "openings": "openings", "vacancies": "vacancies",
             "pay": "pay", "unit": "unit", "shift": "shift", "cred": "cred", "hard": "hard", "why": "why"}
    return {f"q_demand__{n}_{names[name]}": value for name, value in fields.items()}


def to_needs_page(client):
    begin(client)
    client.post(f"{START}/page/1", data={"q_job_goal": "", "action": "next"})


def test_the_block_adds_jobs_and_stores_each_one(client, db, survey):
    to_needs_page(client)
    first = job(1, title="CNA - nights", openings="40", vacancies="12", pay="$19.50", unit="hour",
                shift="night", cred=["cna", "bls"], hard="yes", why="Nights and weekends")
    reply = client.post(f"{START}/page/2", data={"q_demand__org": "Riverside Medical", **first,
                                                 "q_demand__add": "1", "action": "next"})
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200 and 'name="q_demand__2_title"' in page  # one more, empty job
    assert 'value="CNA - nights"' in page and 'value="Riverside Medical"' in page
    assert radio_labels(page, "q_demand__1_soc")[0] == ("31-1131", "Nursing Assistants")

    confirmed = {**first, **job(1, soc="31-1131", **{"for": "CNA - nights"})}
    second = job(2, title="RN med surg", openings="12", pay="78,000", unit="year", shift="rotating", hard="no")
    reply = client.post(f"{START}/page/2", data={"q_demand__org": "Riverside Medical", **confirmed, **second,
                                                 "action": "next"})
    assert reply.status_code == 200  # the new job's title is confirmed next
    assert radio_labels(reply.get_data(as_text=True), "q_demand__2_soc")[0][0] == "29-1141"
    second.update(job(2, soc="29-1141", **{"for": "RN med surg"}))
    reply = client.post(f"{START}/page/2", data={"q_demand__org": "Riverside Medical", **confirmed, **second,
                                                 "action": "next"})
    assert reply.location.endswith("/page/3")
    rows = stored(db)
    assert {("org", "Riverside Medical", None), ("1.soc", "31-1131", None), ("1.pay", "hour", 19.5),
            ("1.credential.cna", None, None), ("1.hard", None, 1.0), ("2.pay", "year", 78000.0),
            ("2.soc", "29-1141", None), ("2.hard", None, 0.0)} <= rows


@pytest.mark.parametrize("language, pay, unit, message", [
    ("en", "283.50", "hour", "Job 1 (CNA): enter pay per hour from $7 to $150, like 19.50"),
    ("en", "19", "year", "Job 1 (CNA): enter pay per year from $15,000 to $300,000, like 52,000"),
    ("es", "3", "hour", "Puesto 1 (CNA): escriba un pago por hora de $7 a $150, como 19.50"),
])
def test_pay_out_of_range_says_so_and_keeps_every_answer(client, db, survey, language, pay, unit, message):
    begin(client, language)
    client.post(f"{START}/page/1", data={"q_job_goal": "", "action": "next"})
    data = {"q_demand__org": "Sunrise", **job(1, title="CNA", soc="31-1131", openings="8", pay=pay, unit=unit,
                                                  shift="day", cred=["bls"], hard="yes", why="Pay")}
    data["q_demand__1_for"] = "CNA"
    reply = client.post(f"{START}/page/2", data={**data, "action": "next"})
    page = html.unescape(reply.get_data(as_text=True))
    assert reply.status_code == 200 and message in page and 'class="es"' in page
    for kept in ('value="Sunrise"', 'value="CNA"', 'value="8"', f'value="{pay}"', 'value="31-1131" checked',
                 'value="bls" checked', 'value="yes" checked', ">Pay</textarea>", f'value="{unit}" checked'):
        assert kept in page, kept
    assert 'aria-invalid="true"' in page
    assert not stored(db, "1.")  # nothing of the page is stored until it is right


def test_a_job_without_a_title_is_an_error_and_an_empty_job_is_dropped(client, db, survey):
    to_needs_page(client)
    reply = client.post(f"{START}/page/2", data={**job(1, openings="5", unit="hour"), **job(2, unit="hour"),
                                                 "action": "next"})
    assert "Job 1: type the job title, or clear this job" in html.unescape(reply.get_data(as_text=True))
    reply = client.post(f"{START}/page/2", data={**job(1, unit="hour"), "action": "next"})
    assert reply.location.endswith("/page/3")


def test_on_a_spanish_page_every_suggestion_leads_with_spanish_words_where_a_spanish_title_matched(client, db, survey):
    """A reviewer read "Medical and Health Services Managers" first under "Asistente de enfermería (CNA)"."""
    begin(client, "es")
    reply = client.post(f"{START}/page/1", data={"q_job_goal": "Asistente de enfermería (CNA)", "action": "next"})
    labels = [words for _, words in radio_labels(reply.get_data(as_text=True), "q_job_goal__soc")]
    manager = next(words for words in labels if "Director de enfermería" in words)
    assert manager.startswith("Director de enfermería"), labels
