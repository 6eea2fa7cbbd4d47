"""An employer's job with several mistakes hears about all of them at once, each next to its own box and
named by it ("Openings in the next 12 months"), with the summary linking to that box; a valid box in the
same job is not marked. "about 5" and "$18.50/hr" are read as the employer meant them."""

from __future__ import annotations

import html
import re

import pytest

from tests.respondent.test_occupation_pages import START, job, stored, survey, to_needs_page  # noqa: F401

SEEN = {"q_demand__1_for": "CNA", "q_demand__1_soc": "31-1131"}


def post_needs(client, **fields):
    data = {**job(1, title="CNA", unit="hour", **fields), **SEEN, "action": "next"}
    return client.post(f"{START}/page/2", data=data)


def summary_links(page: str) -> list[tuple[str, str]]:
    block = page.split('id="error-summary"')[1].split("</ul>")[0]
    return [(target, html.unescape(words)) for target, words in re.findall(r'<a href="#([^"]+)">(.*?)</a>', block)]


def input_tag(page: str, id_: str) -> str:
    return re.search(rf'<input [^>]*id="{re.escape(id_)}"[^>]*>', page)[0]


def test_every_problem_of_a_job_is_reported_at_once_next_to_its_box(client, db, survey):  # noqa: F811  (a fixture)
    to_needs_page(client)
    page = post_needs(client, openings="two", vacancies="lots", pay="eighteen").get_data(as_text=True)

    links = summary_links(page)
    assert [target for target, _ in links] == ["q_demand__1_openings", "q_demand__1_vacancies", "q_demand__1_pay"]
    assert "Openings in the next 12 months: enter a whole number from 0 to 5,000" in links[0][1]
    assert "Open jobs right now: enter a whole number from 0 to 5,000" in links[1][1]
    for box in ("openings", "vacancies", "pay"):
        tag = input_tag(page, f"q_demand__1_{box}")
        assert 'aria-invalid="true"' in tag and f'aria-describedby="q_demand__1_{box}-error"' in tag
        assert f'<span class="emsg" id="q_demand__1_{box}-error">' in page
    assert 'value="two"' in page and 'value="lots"' in page and 'value="eighteen"' in page  # kept to fix
    # Each message is said once, beside its box: not again, all joined, above the jobs.
    assert page.count("enter a whole number from 0 to 5,000") == 2 + 2  # the summary's links and the boxes'
    assert 'id="q_demand-error"' not in page
    assert not stored(db, "1.")


def test_only_the_box_in_error_is_marked(client, db, survey):  # noqa: F811  (a fixture)
    to_needs_page(client)
    page = post_needs(client, openings="12", vacancies="a few", pay="19").get_data(as_text=True)
    assert [target for target, _ in summary_links(page)] == ["q_demand__1_vacancies"]
    for valid in ("title", "openings", "pay"):
        assert "aria-invalid" not in input_tag(page, f"q_demand__1_{valid}"), valid
    assert 'aria-describedby="q_demand__1_title-hint"' in input_tag(page, "q_demand__1_title")


def test_the_red_border_follows_the_box_in_error_not_its_neighbours(client):
    reply = client.get("/static/chorus.css")
    css = reply.get_data(as_text=True)
    reply.close()
    assert ".err>input" not in css  # painted every direct input of a job in error, the valid title too
    assert re.search(r"input\[aria-invalid=true\][^{]*\{[^}]*border-color:#c4261c", css)


def test_a_spanish_employer_reads_which_box_in_spanish(client, db, survey):  # noqa: F811  (a fixture)
    client.post(f"{START}/start?lang=es")
    client.post(f"{START}/page/1", data={"q_job_goal": "", "action": "next"})
    page = html.unescape(post_needs(client, vacancies="dos").get_data(as_text=True))
    assert "Puesto 1 (CNA), Puestos vacantes ahora: escriba un número entero de 0 a 5,000" in page


def test_about_five_and_pay_per_hour_in_words_are_taken_as_meant(client, db, survey):  # noqa: F811  (a fixture)
    to_needs_page(client)
    reply = post_needs(client, openings="about 5", vacancies="~2", pay="$18.50/hr")
    assert reply.status_code == 302 and reply.location.endswith("/page/3")
    assert {("1.openings", None, 5.0), ("1.vacancies", None, 2.0), ("1.pay", "hour", 18.5)} <= stored(db, "1.")


@pytest.mark.parametrize(("openings", "vacancies"), [("approximately 5", "aproximadamente 2"),
                                                    ("approx. 5", "aprox 2")])
def test_the_long_words_for_about_are_read_too(client, db, survey, openings, vacancies):  # noqa: F811  (a fixture)
    """"approx" is the start of "approximately": the short word matched first and left "imately 5"."""
    to_needs_page(client)
    reply = post_needs(client, openings=openings, vacancies=vacancies)
    assert reply.status_code == 302 and reply.location.endswith("/page/3")
    assert {("1.openings", None, 5.0), ("1.vacancies", None, 2.0)} <= stored(db, "1.")


def test_a_yearly_amount_typed_with_its_unit_is_stored_per_year(client, db, survey):  # noqa: F811  (a fixture)
    to_needs_page(client)
    reply = post_needs(client, pay="$52,000 a year")  # the "per hour" button was left as it was
    assert reply.location.endswith("/page/3")
    assert ("1.pay", "year", 52000.0) in stored(db, "1.")
