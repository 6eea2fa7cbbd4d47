"""Occupation answers as stored and as the gap report reads them back (demand_frame, supply_frame)."""

from __future__ import annotations

import pytest

from feedback.queries.occupations import demand_frame, organization_key, supply_frame
from surveys.definition import load_definition
from surveys.question_types import get_type
from surveys.responses import clean_answers, save_answers, start_response
from tests.surveys.helpers import make_survey, option, t

CREDENTIALS = [{"key": "cna", "text": t("CNA certificate")}, {"key": "bls", "text": t("BLS card")},
               {"key": "rn", "text": t("RN license")}]


def employer_definition():
    return load_definition({
        "title": t("Needs"), "audience": "employer", "languages": ["en", "es"],
        "sections": [{"key": "jobs", "title": t("Jobs"), "questions": [
            {"key": "demand", "type": "occupation_demand", "text": t("Jobs you need"),
             "settings": {"credentials": CREDENTIALS}}]}],
    })


def seeker_definition():
    return load_definition({
        "title": t("Seekers"), "audience": "career_seeker", "languages": ["en", "es"],
        "sections": [{"key": "goal", "title": t("Goal"), "questions": [
            {"key": "job_goal", "type": "occupation", "text": t("Which job do you want?")}]},
                     {"key": "about", "title": t("About"), "questions": [
            {"key": "age_group", "type": "single_choice", "text": t("Age?"), "demographic": True,
             "options": [option("under_25"), option("25_to_44")]},
            {"key": "race", "type": "multiple_choice", "text": t("Race?"), "demographic": True,
             "options": [option("black"), option("latino"), option("white")]}]}],
    })


DEMAND = {"organization": "Riverside Medical Center, Inc.", "occupations": [
    {"title": "CNA - nights", "soc_code": "31-1131", "openings": "40", "vacancies": 12, "pay": "$19.50",
     "pay_unit": "hour", "shift": "night", "credentials": ["cna", "bls"], "hard_to_fill": "yes",
     "hard_to_fill_why": "Nights and weekends"},
    {"title": "RN med/surg", "soc_code": "29-1141", "openings": 12, "pay": "78,000", "pay_unit": "year",
     "shift": "rotating", "credentials": ["rn"], "hard_to_fill": "no"},
    {"title": "Float tech", "confirmed": True},  # "none of these"
]}


def submit(survey, definition, raw):
    result = clean_answers(definition, raw)
    assert result.ok, result.messages("en")
    response = start_response(survey, language="en")
    save_answers(response, definition, result.values)
    response.complete = True
    return response


def test_the_demand_block_round_trips_through_its_rows():
    definition = employer_definition()
    question = definition.question("demand")
    kind = get_type(question.type)
    value = kind.clean(question, DEMAND)
    rows = kind.to_rows(question, value)
    assert {row.option_key for row in rows} >= {"org", "1.title", "1.soc", "1.pay", "2.pay", "3.title"}
    assert all(len(row.option_key) <= 64 for row in rows)
    assert kind.from_rows(question, rows) == value
    assert kind.clean(question, kind.to_json(question, value)) == value


def test_demand_frame_reads_each_occupation_an_employer_named(db):
    definition = employer_definition()
    survey = make_survey(definition, slug="needs")
    response = submit(survey, definition, {"demand": DEMAND})
    submit(survey, definition, {"demand": {"organization": "riverside medical center", "occupations": [
        {"title": "CNA", "soc_code": "31-1131", "openings": 5, "pay": 18, "pay_unit": "hour"}]}})

    frame = demand_frame(survey)

    assert len(frame) == 4
    first = frame[frame["response_id"] == response.id].set_index("typed_title")
    cna = first.loc["CNA - nights"]
    assert (cna["soc_code"], cna["soc_title"], cna["openings"], cna["vacancies"]) == (
        "31-1131", "Nursing Assistants", 40, 12)
    assert (cna["pay_hourly"], cna["shift"], cna["credentials"], cna["hard_to_fill"]) == (
        19.5, "night", ["cna", "bls"], True)
    assert cna["hard_to_fill_why"] == "Nights and weekends"
    assert first.loc["RN med/surg", "pay_hourly"] == pytest.approx(37.5)
    assert first.loc["RN med/surg", "hard_to_fill"] is False
    float_tech = first.loc["Float tech"]
    assert float_tech["soc_code"] is None and bool(float_tech["confirmed"])
    assert frame["organization_key"].nunique() == 1  # the same employer, written two ways
    assert frame["wave_id"].eq(survey.current_wave.id).all()
    assert len(demand_frame([q.id for q in survey.questions])) == 4
    assert demand_frame(survey, wave_id=survey.current_wave.id + 999).empty


def test_supply_frame_puts_the_persons_groups_beside_the_occupation(db):
    definition = seeker_definition()
    survey = make_survey(definition, slug="seekers")
    first = submit(survey, definition, {"job_goal": {"text": "auxiliar de enfermería", "soc_code": "31-1131"},
                                        "age_group": "under_25", "race": ["black", "latino"]})
    submit(survey, definition, {"job_goal": "phlebotomy", "age_group": "25_to_44"})
    submit(survey, definition, {"age_group": "25_to_44"})  # no occupation: no row

    frame = supply_frame(survey.partnership).set_index("response_id")

    assert len(frame) == 2
    row = frame.loc[first.id]
    assert (row["audience"], row["soc_code"], row["soc_title"], row["typed_title"]) == (
        "career_seeker", "31-1131", "Nursing Assistants", "auxiliar de enfermería")
    assert row["age_group"] == "Under 25" and row["race"] == ("Black", "Latino")
    other = frame.drop(first.id).iloc[0]
    assert other["soc_code"] is None and not other["confirmed"] and other["race"] is None
    assert list(supply_frame(survey).columns[:10]) == ["response_id", "wave_id", "survey_id", "complete",
                                                       "audience", "question_key", "soc_code", "soc_title",
                                                       "typed_title", "confirmed"]


@pytest.mark.parametrize("a, b", [("Sunrise Senior Living LLC", "sunrise senior living"),
                                  ("The Valley Clinic, Inc.", "valley clinic")])
def test_organization_names_written_two_ways_count_once(a, b):
    assert organization_key(a) == organization_key(b)
