"""The job titles inside stored occupation answers, read and recoded without knowing their layout."""

from __future__ import annotations

import pytest

from surveys.definition import load_definition
from surveys.occupation_review import coded_titles, recoded_rows
from surveys.question_types import get_type
from tests.surveys.helpers import t

CNA = "31-1131"


def definitions():
    return load_definition({
        "title": t("Both"), "audience": "employer", "languages": ["en", "es"],
        "sections": [{"key": "s", "title": t("S"), "questions": [
            {"key": "goal", "type": "occupation", "text": t("Job?")},
            {"key": "demand", "type": "occupation_demand", "text": t("Jobs?")}]}]})


def test_titles_are_read_from_and_recoded_in_either_kind_of_answer():
    definition = definitions()
    goal, demand = definition.question("goal"), definition.question("demand")
    goal_rows = get_type(goal.type).to_rows(goal, get_type(goal.type).clean(goal, "float tech"))
    [title] = coded_titles(goal, goal_rows)
    assert (title.item, title.text, title.soc_code, title.confirmed) == (0, "float tech", None, False)
    recoded = coded_titles(goal, recoded_rows(goal, goal_rows, 0, CNA))
    assert (recoded[0].text, recoded[0].soc_code) == ("float tech", CNA)

    kind = get_type(demand.type)
    value = kind.clean(demand, {"organization": "Clinic", "occupations": [
        {"title": "RN", "soc_code": "29-1141", "openings": 4}, {"title": "Float tech", "confirmed": True, "openings": 3}]})
    rows = kind.to_rows(demand, value)
    assert [(t.item, t.text, t.soc_code) for t in coded_titles(demand, rows)] == [
        (1, "RN", "29-1141"), (2, "Float tech", None)]
    after = kind.from_rows(demand, recoded_rows(demand, rows, 2, CNA))
    assert after.organization == "Clinic" and after.occupations[0] == value.occupations[0]
    assert (after.occupations[1].soc_code, after.occupations[1].openings, after.occupations[1].confirmed) == (CNA, 3, True)
    with pytest.raises(LookupError):
        recoded_rows(demand, rows, 3, CNA)
