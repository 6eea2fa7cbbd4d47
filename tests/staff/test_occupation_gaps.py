"""The gap report, its downloads, the partnership's OEWS area and the review queue of typed job titles,
as staff use them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from analysis.occupations import areas, wages
from feedback.models import AuditEvent, OccupationCorrection
from feedback.queries.occupations import demand_frame
from surveys.db import db
from surveys.definition import load_definition
from surveys.models import Partnership, Survey
from surveys.responses import clean_answers, save_answers, start_response
from surveys.services import create_survey
from tests.staff.conftest import XSS, sign_in
from tests.surveys.helpers import option, t

CNA, RN, PHLEB = "31-1131", "29-1141", "31-9097"


def employer_definition():
    return load_definition({
        "title": t("Needs"), "audience": "employer", "languages": ["en", "es"],
        "sections": [{"key": "jobs", "title": t("Jobs"), "questions": [
            {"key": "demand", "type": "occupation_demand", "text": t("Jobs you need")}]}]})


def seeker_definition():
    return load_definition({
        "title": t("Seekers"), "audience": "career_seeker", "languages": ["en", "es"],
        "sections": [{"key": "goal", "title": t("Goal"), "questions": [
            {"key": "job_goal", "type": "occupation", "text": t("Which job do you want?")},
            {"key": "age_group", "type": "single_choice", "text": t("Age?"), "demographic": True,
             "options": [option("under_25"), option("25_to_44")]}]}]})


def submit(survey, definition, raw):
    result = clean_answers(definition, raw)
    assert result.ok, result.messages("en")
    response = start_response(survey, language="en")
    save_answers(response, definition, result.values)
    response.complete = True
    return response


@pytest.fixture
def occupations(app, world):
    """Twelve employers needing CNAs (nine also RNs), two needing phlebotomists, one 'Float tech' nobody
    coded; seventeen career seekers, five of whom typed a title without confirming it (two the coder is
    unsure of, two it is sure of, one made of markup)."""
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == world.partnership_slug))
        employers = create_survey(partnership, employer_definition(), slug="home-needs")
        seekers = create_survey(partnership, seeker_definition(), slug="home-seekers")
        for i in range(12):
            jobs = [{"title": "CNA", "soc_code": CNA, "openings": 5, "vacancies": 2, "pay": 17 + i * 0.25,
                     "pay_unit": "hour", "hard_to_fill": "yes" if i % 3 else "no"}]
            if i < 9:
                jobs.append({"title": "RN", "soc_code": RN, "openings": 2, "pay": 90_000, "pay_unit": "year"})
            submit(employers, employer_definition(), {"demand": {"organization": f"Clinic {i}", "occupations": jobs}})
        for i in range(2):
            submit(employers, employer_definition(), {"demand": {"organization": f"Lab {i}", "occupations": [
                {"title": "Phlebotomist", "soc_code": PHLEB, "openings": 30}]}})
        float_tech = submit(employers, employer_definition(), {"demand": {"organization": "Clinic 0", "occupations": [
            {"title": "Float tech", "confirmed": True, "openings": 3}]}})
        for i in range(12):
            submit(seekers, seeker_definition(), {"job_goal": {"text": "cna", "soc_code": CNA},
                                                  "age_group": "under_25" if i % 2 else "25_to_44"})
        for _ in range(2):
            submit(seekers, seeker_definition(), {"job_goal": "phlebotomy tech", "age_group": "under_25"})
        for _ in range(2):
            submit(seekers, seeker_definition(), {"job_goal": "pharmacy technician"})
        submit(seekers, seeker_definition(), {"job_goal": XSS[:190]})
        db.session.commit()
        ids = {"float_tech": float_tech.id, "question": employers.questions[0].id}
        db.session.remove()
    return ids


def table_row(html, title):
    """The gap table's row for an occupation (its header cell onwards)."""
    return html.split(f'<th scope="row">{title} <span')[1].split("</tr>")[0]


def page(client, world, path=""):
    response = client.get(f"/staff/partnerships/{world.partnership_slug}{path}")
    return response, response.get_data(as_text=True)


def test_partners_see_demand_against_supply_with_small_groups_hidden(app, world, occupations):
    client = app.test_client()
    sign_in(client, world.users["partner"])
    response, html = page(client, world, "/gaps")
    assert response.status_code == 200
    cna_row = table_row(html, "Nursing Assistants")
    cells = [c.split("</td>")[0] for c in cna_row.split('<td class="num">')[1:]]
    assert cells[:3] == ["12", "60", "24"]  # employers, openings, vacancies
    assert "$" + f"{wages(None, CNA).hourly_median:.2f}" in cna_row  # the national median until an area is chosen
    phleb_row = table_row(html, "Phlebotomists")
    assert "hidden*" in phleb_row and "30" not in phleb_row.replace("31-9097", "")
    assert "Check typed job titles" not in html and "check them" not in html  # the queue is not theirs
    assert "<svg" in html and "role=\"img\"" in html
    assert "O*NET" in html and "Bureau of Labor Statistics" in html


def test_downloads_are_numbers_with_hidden_cells_empty_and_are_recorded(app, world, occupations):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    body = client.get(f"/staff/partnerships/{world.partnership_slug}/gaps.csv").data.decode("utf-8-sig")
    rows = {r["SOC code"]: r for r in csv.DictReader(io.StringIO(body))}
    assert rows[CNA]["Employers"] == "12" and rows[CNA]["Openings (12 months)"] == "60"
    assert rows[PHLEB]["Employers"] == "" and rows[PHLEB]["Openings (12 months)"] == ""
    assert rows[CNA]["Wages for"] == "National"
    records = json.loads(client.get(f"/staff/partnerships/{world.partnership_slug}/gaps.json").data)
    cna = next(r for r in records if r["SOC code"] == CNA)
    assert cna["Employers"] == 12 and cna["Local median ($/h)"] == wages(None, CNA).hourly_median
    xlsx = client.get(f"/staff/partnerships/{world.partnership_slug}/gaps.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert client.get(f"/staff/partnerships/{world.partnership_slug}/gaps.exe").status_code == 404
    with app.app_context():
        formats = [e.details["format"] for e in db.session.scalars(
            db.select(AuditEvent).where(AuditEvent.action == "gaps.export"))]
    assert sorted(formats) == ["csv", "json", "xlsx"]


def test_admins_choose_the_region_whose_wages_the_report_shows(app, world, occupations):
    metro = next(a for a in areas("metro") if a.name.startswith("Los Angeles"))
    admin = app.test_client()
    sign_in(admin, world.users["admin"])
    settings = f"/staff/partnerships/{world.partnership_slug}/settings"
    assert metro.name in admin.get(settings).get_data(as_text=True)
    refused = admin.post(settings, data={"oews_area": "9999999"})
    assert refused.status_code == 200 and "Choose an area from the list" in refused.get_data(as_text=True)
    assert admin.post(settings, data={"oews_area": metro.code}).status_code == 302
    _, html = page(admin, world, "/gaps")
    assert metro.name in html
    assert f"${wages(metro.code, CNA).hourly_median:.2f}" in table_row(html, "Nursing Assistants")
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == world.partnership_slug))
        assert partnership.oews_area == metro.code
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "partnership.oews_area"))
        assert event.details["to"] == metro.code
    analyst = app.test_client()
    sign_in(analyst, world.users["analyst"])
    assert analyst.post(settings, data={"oews_area": ""}).status_code == 403


def test_staff_correct_a_title_and_the_partnership_remembers_it(app, world, occupations):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    response, html = page(client, world, "/occupations/review")
    assert response.status_code == 200
    assert "“Float tech”" in html and "None of the matches was chosen" in html
    assert "“phlebotomy tech”" in html and "Not confirmed by the respondent" in html
    assert "“CNA”" not in html  # confirmed by the employer: trusted
    assert "<script>document.title" not in html and "&lt;script&gt;document.title" in html
    done = client.post(f"/staff/partnerships/{world.partnership_slug}/occupations/review", data={
        "response_id": occupations["float_tech"], "question_id": occupations["question"], "item": 1,
        "soc_code": CNA})
    assert done.status_code == 302
    _, html = page(client, world, "/occupations/review")
    assert ">“Float tech”</h2>" not in html and ">“phlebotomy tech”</h2>" in html
    assert "“Float tech” will be coded this way from now on" in html
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "home-needs"))
        frame = demand_frame(survey).set_index("typed_title")
        assert frame.loc["Float tech", "soc_code"] == CNA and frame.loc["Float tech", "openings"] == 3
        correction = db.session.scalar(db.select(OccupationCorrection))
        assert (correction.text, correction.soc_code) == ("float tech", CNA)
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "occupation.correct"))
        assert event.details == {"title": "float tech", "from": None, "to": CNA}
        # A later answer with the same words comes to the queue with the partnership's code first.
        employers = survey
        submit(employers, employer_definition(), {"demand": {"occupations": [{"title": "Float Tech - nights"}]}})
        db.session.commit()
    _, html = page(client, world, "/occupations/review")
    later = html.split(">“Float Tech - nights”</h2>")[1].split("</fieldset>")[0]
    assert "Your partnership coded these words before" in later
    first_choice = later.split('<div class="opt">')[1]
    assert " checked>" in first_choice and "Nursing Assistants (31-1131)" in first_choice


def test_a_code_that_is_not_an_occupation_changes_nothing(app, world, occupations):
    client = app.test_client()
    sign_in(client, world.users["admin"])
    review = f"/staff/partnerships/{world.partnership_slug}/occupations/review"
    for code in ("99-9999", "=cmd", ""):
        response = client.post(review, data={"response_id": occupations["float_tech"],
                                             "question_id": occupations["question"], "item": 1, "soc_code": code})
        assert response.status_code == 302
    assert client.post(review, data={"response_id": occupations["float_tech"], "question_id": occupations["question"],
                                     "item": 7, "soc_code": CNA}).status_code == 302
    assert client.post(review, data={"response_id": 10**9, "question_id": occupations["question"], "item": 1,
                                     "soc_code": CNA}).status_code == 404
    for huge in ({"response_id": 10**30}, {"question_id": 10**30}, {"item": 10**30}, {"item": "two"}):
        data = {"response_id": occupations["float_tech"], "question_id": occupations["question"], "item": 1,
                "soc_code": CNA, **huge}
        assert client.post(review, data=data).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(OccupationCorrection)) is None


def test_partners_cannot_open_the_review_queue(app, world, occupations):
    client = app.test_client()
    sign_in(client, world.users["partner"])
    assert page(client, world, "/occupations/review")[0].status_code == 403


def test_the_coder_s_sure_choices_are_accepted_at_once_and_remembered(app, world, occupations):
    client = app.test_client()
    sign_in(client, world.users["admin"])
    _, html = page(client, world, "/occupations/review")
    assert "Accept the coder's choice for these 2<" in html  # "pharmacy technician", twice
    assert client.post(f"/staff/partnerships/{world.partnership_slug}/occupations/review/accept").status_code == 302
    _, html = page(client, world, "/occupations/review")
    assert "Stored the coder&#39;s occupation for 2 job titles" in html
    assert ">“pharmacy technician”</h2>" not in html
    assert ">“phlebotomy tech”</h2>" in html and ">“Float tech”</h2>" in html  # unsure, and "none of these"
    with app.app_context():
        assert db.session.scalar(db.select(OccupationCorrection.soc_code).where(
            OccupationCorrection.text == "pharmacy technician")) == "29-2052"
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "occupation.correct")) == 2
