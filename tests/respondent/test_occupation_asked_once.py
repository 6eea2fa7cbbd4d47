"""A typed job title is checked against the occupation list once: a person who presses "Continue" again
without choosing a match moves on, their words kept as typed (the reviewer was trapped on page 1 with
"enfermera", "Phlebotomist" and "CNA"). The matches offered name each occupation once, without noise."""

from __future__ import annotations

import html

from tests.respondent.test_occupation_pages import START, begin, job, radio_labels, stored, survey  # noqa: F401


def test_a_second_continue_without_a_choice_moves_on_with_the_words_kept(client, db, survey):  # noqa: F811  (a fixture)
    begin(client, "es")
    first = client.post(f"{START}/page/1", data={"q_job_goal": "enfermera", "action": "next"})
    assert first.status_code == 200 and 'name="q_job_goal__for" value="enfermera"' in first.get_data(as_text=True)

    second = client.post(f"{START}/page/1", data={"q_job_goal": "enfermera", "q_job_goal__for": "enfermera",
                                                  "action": "next"})
    assert second.status_code == 302 and second.location.endswith("/page/2")
    assert stored(db) == {("", "enfermera", None)}  # kept, not matched to any occupation


def test_other_words_are_checked_once_more(client, db, survey):  # noqa: F811  (a fixture)
    begin(client)
    reply = client.post(f"{START}/page/1", data={"q_job_goal": "Phlebotomist", "q_job_goal__for": "CNA",
                                                 "action": "next"})
    assert reply.status_code == 200  # the matches on screen were for other words
    reply = client.post(f"{START}/page/1", data={"q_job_goal": "Phlebotomist",
                                                 "q_job_goal__for": "Phlebotomist", "action": "next"})
    assert reply.location.endswith("/page/2")


def test_a_page_shown_again_from_storage_lets_the_person_through(client, db, survey):  # noqa: F811  (a fixture)
    begin(client)
    client.post(f"{START}/page/1", data={"q_job_goal": "float pool helper", "action": "next"})
    page = client.get(f"{START}/page/1").get_data(as_text=True)  # comes back later: the same words
    assert 'name="q_job_goal__for" value="float pool helper"' in page
    reply = client.post(f"{START}/page/1", data={"q_job_goal": "float pool helper",
                                                 "q_job_goal__for": "float pool helper", "action": "next"})
    assert reply.location.endswith("/page/2")


def test_an_employer_moves_on_after_seeing_the_matches_once(client, db, survey):  # noqa: F811  (a fixture)
    begin(client)
    client.post(f"{START}/page/1", data={"q_job_goal": "", "action": "next"})
    jobs = {**job(1, title="Phlebotomist", openings="3", unit="hour"), **job(2, title="CNA", unit="hour")}
    reply = client.post(f"{START}/page/2", data={**jobs, "action": "next"})
    assert reply.status_code == 200 and "We kept your answers" in html.unescape(reply.get_data(as_text=True))

    seen = {**jobs, "q_demand__1_for": "Phlebotomist", "q_demand__2_for": "CNA", "q_demand__2_soc": "31-1131"}
    reply = client.post(f"{START}/page/2", data={**seen, "action": "next"})
    assert reply.status_code == 302 and reply.location.endswith("/page/3")
    rows = stored(db, "1.") | stored(db, "2.")
    assert ("1.title", "Phlebotomist", None) in rows and not any(key == "1.soc" for key, _, _ in rows)
    assert ("2.soc", "31-1131", None) in rows and ("1.openings", None, 3.0) in rows


def test_a_new_job_title_is_still_checked_before_moving_on(client, db, survey):  # noqa: F811  (a fixture)
    begin(client)
    client.post(f"{START}/page/1", data={"q_job_goal": "", "action": "next"})
    seen = {**job(1, title="CNA", unit="hour"), "q_demand__1_for": "CNA", **job(2, title="RN", unit="hour")}
    reply = client.post(f"{START}/page/2", data={**seen, "action": "next"})
    assert reply.status_code == 200 and radio_labels(reply.get_data(as_text=True), "q_demand__2_soc")


def test_each_occupation_is_offered_once_and_unrelated_titles_are_not(client, db, survey):  # noqa: F811  (a fixture)
    begin(client)
    page = client.post(f"{START}/page/1", data={"q_job_goal": "Phlebotomist", "action": "next"}).get_data(
        as_text=True)
    shown = html.unescape(page.split('id="q_job_goal__confirm"')[1].split("</fieldset>")[0])
    assert shown.count("Phlebotomists") == 1
    assert "Plant" not in shown and "Anatomist" not in shown
    assert radio_labels(page, "q_job_goal__soc") == [("31-9097", "Phlebotomists"), ("none", "None of these")]


def test_spanish_pages_offer_each_occupation_once(client, db, survey):  # noqa: F811  (a fixture)
    begin(client, "es")
    page = client.post(f"{START}/page/1", data={"q_job_goal": "flebotomista", "action": "next"}).get_data(
        as_text=True)
    labels = [words for value, words in radio_labels(page, "q_job_goal__soc")]
    assert labels[0].startswith("Flebotomistas") and len(labels) == len(set(labels))
    assert html.unescape(page).count("Phlebotomists") == 1  # the SOC title beside the Spanish name, once
