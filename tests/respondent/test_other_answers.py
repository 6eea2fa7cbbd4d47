"""Words typed in a "Please say" box are never thrown away, with or without JavaScript."""

from __future__ import annotations

import re

import pytest

from surveys.models import Answer
from tests.surveys.helpers import make_survey

START = "/s/every-type"


@pytest.fixture
def started(client, db):
    make_survey()
    db.session.commit()
    client.post(f"{START}/start?lang=en")
    return client


def stored(db, key: str) -> set[tuple[str, str | None]]:
    rows = db.session.scalars(db.select(Answer).join(Answer.question)).all()
    return {(a.option_key, a.value_text) for a in rows if a.question.key == key}


def test_typing_in_the_other_box_alone_answers_with_it(started, db):
    reply = started.post(f"{START}/page/1", data={"q_goal__other": "Open my own shop", "action": "next"})
    assert reply.status_code == 302  # "Goal" is required: the words answer it
    assert stored(db, "goal") == {("other", "Open my own shop")}
    page = started.get(f"{START}/page/1").get_data(as_text=True)
    assert re.search(r'name="q_goal" value="other" checked', page)
    assert 'value="Open my own shop"' in page


def test_ticking_some_boxes_and_typing_in_other_keeps_the_words(started, db):
    started.post(f"{START}/page/1", data={"q_goal": "job", "q_barriers": ["bus"],
                                          "q_barriers__other": "Rent is too high", "action": "next"})
    assert stored(db, "barriers") == {("bus", None), ("other", "Rent is too high")}
    page = started.get(f"{START}/page/1").get_data(as_text=True)
    assert re.search(r'name="q_barriers" value="other" checked', page)


def test_choosing_another_answer_and_typing_asks_which_and_keeps_both(started, db):
    reply = started.post(f"{START}/page/1", data={"q_goal": "job", "q_goal__other": "Open my own shop",
                                                  "action": "next"})
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200
    assert "You chose “Job” and also typed in “Please say”" in page
    assert re.search(r'name="q_goal" value="job" checked', page)
    assert 'value="Open my own shop"' in page
    assert stored(db, "goal") == set()


def test_the_question_in_spanish(started):
    reply = started.post(f"{START}/page/1?lang=es", data={"q_goal": "job", "q_goal__other": "Mi tienda",
                                                          "action": "next"})
    assert "Eligió «Job (es)» y también escribió en «Por favor, diga cuál»" in reply.get_data(as_text=True)


def test_a_page_shown_again_ticks_other_when_words_were_typed(started):
    # Another question's error brings the page back: "Other" is shown ticked, as it will be stored.
    reply = started.post(f"{START}/page/1", data={"q_goal__other": "My own shop", "q_barriers": ["bus"],
                                                  "q_barriers__other": "Rent", "q_stars": "9", "action": "next"})
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200 and 'id="q_stars-error"' in page
    assert re.search(r'name="q_goal" value="other" checked', page)
    assert re.search(r'name="q_barriers" value="bus" checked', page)
    assert re.search(r'name="q_barriers" value="other" checked', page)
    # With another single choice made, nothing is ticked for the person: the error asks them to pick.
    page = started.post(f"{START}/page/1", data={"q_goal": "job", "q_goal__other": "My own shop",
                                                 "action": "next"}).get_data(as_text=True)
    assert not re.search(r'name="q_goal" value="other" checked', page)
