"""The step count on survey pages: the total never changes, the step goes up by one per page."""

from __future__ import annotations

import re

import pytest

from surveys.definition import load_definition
from tests.surveys.helpers import every_type_data, make_survey

START = "/s/every-type"


def progress(client, url: str) -> str:
    page = client.get(url, follow_redirects=True).get_data(as_text=True)
    shown = re.search(r'<span class="cap">([^<]+)</span>', page).group(1)
    assert re.search(rf"<title>[^<]*– {re.escape(shown)} –", page)  # the tab title says the same
    return shown


@pytest.fixture
def survey(db):
    survey = make_survey()
    db.session.commit()
    return survey


def test_a_conditional_page_appearing_does_not_change_the_total(client, survey):
    client.post(f"{START}/start")
    assert progress(client, f"{START}/page/1") == "Step 1 of up to 4"
    # Choosing childcare reveals page 3: the count goes on, one step at a time, of the same total.
    client.post(f"{START}/page/1", data={"q_goal": "job", "q_barriers": ["childcare"], "action": "next"})
    assert progress(client, f"{START}/page/2") == "Step 2 of up to 4"
    client.post(f"{START}/page/2", data={"action": "next"})
    assert progress(client, f"{START}/page/3") == "Step 3 of up to 4"
    client.post(f"{START}/page/3", data={"q_childcare_detail": "Costs", "action": "next"})
    assert progress(client, f"{START}/page/4") == "Step 4 of up to 4"
    # Going back and hiding page 3 again: the total still stays.
    client.post(f"{START}/page/1", data={"q_goal": "job", "q_barriers": ["bus"], "action": "next"})
    assert progress(client, f"{START}/page/4") == "Step 3 of up to 4"


def test_without_conditional_pages_the_count_is_exact_in_both_languages(client, db):
    data = every_type_data()
    data["sections"] = [s for s in data["sections"] if s["key"] != "childcare"]
    make_survey(load_definition(data))
    db.session.commit()
    client.post(f"{START}/start")
    assert progress(client, f"{START}/page/2") == "Step 2 of 3"
    assert progress(client, f"{START}/page/2?lang=es") == "Paso 2 de 3"


def test_spanish_wording(client, survey):
    client.post(f"{START}/start?lang=es")
    assert progress(client, f"{START}/page/1") == "Paso 1 de 4 como máximo"
