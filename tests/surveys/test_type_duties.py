"""What each question type tells the rest of Chorus, so nobody outside ``surveys/`` asks for its name: the
partial that draws it, where an error link lands, how staff read a stored answer, the words of a scale's
points, and a plausible demo answer."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from surveys.question_types import QUESTION_TYPES, Choices, StoredValue, get_type
from tests.surveys.helpers import every_type

DEFINITION = every_type()
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def question(key: str):
    return DEFINITION.question(key)


def shown(key: str, *rows: StoredValue, names: dict[str, str] | None = None) -> list[str]:
    q = question(key)
    return get_type(q.type).shown(q, rows, names or {})


@pytest.mark.parametrize("name", sorted(QUESTION_TYPES))
def test_every_type_names_a_partial_that_exists(name):
    assert (TEMPLATES / "respondent" / "questions" / f"_{get_type(name).template}.html").is_file()


@pytest.mark.parametrize("key, expected", [
    ("goal", "q_goal-1"), ("barriers", "q_barriers-1"), ("agree", "q_agree-1"), ("nps", "q_nps-1"),
    ("story", "q_story"), ("hires", "q_hires"), ("start_date", "q_start_date"), ("contact", "q_contact"),
])
def test_the_first_input_is_the_first_button_of_a_group_else_the_field(key, expected):
    assert get_type(question(key).type).first_input_id(question(key)) == expected


def test_staff_read_choices_by_their_words_with_what_was_typed_after_other():
    rows = (StoredValue(option_key="bus"), StoredValue(option_key="other", value_text="Rent"),
            StoredValue(option_key="gone"))
    assert shown("barriers", *rows, names={"bus": "The bus", "other": "Something else"}) == [
        "The bus", "Something else: Rent", "gone"]


def test_staff_read_an_agreement_point_by_its_words_and_a_rating_by_its_place_and_end_words():
    assert shown("agree", StoredValue(value_number=4.0)) == ["Agree (4 of 5)"]
    worded = replace(question("stars"), settings={"min": 1, "max": 5, "low_label": {"en": "Very easy"}})
    rating = get_type("rating")
    assert rating.shown(worded, [StoredValue(value_number=1.0)], {}) == ["1 on a scale of 1 to 5 (Very easy)"]
    assert rating.shown(worded, [StoredValue(value_number=5.0)], {}) == ["5 on a scale of 1 to 5"]
    assert shown("nps", StoredValue(value_number=7.0)) == ["7 on a scale of 0 to 10"]


def test_staff_read_numbers_dates_and_words_as_given():
    assert shown("wage", StoredValue(value_number=18.5)) == ["18.5"]
    assert shown("hires", StoredValue(value_number=12.0)) == ["12"]
    assert shown("start_date", StoredValue(value_text="2025-03-27")) == ["2025-03-27"]
    assert shown("story", StoredValue(value_text="Too far"), StoredValue(value_text=None)) == ["Too far"]


def test_scale_points_have_words_for_agreement_in_each_language_and_none_for_a_rating():
    agreement = get_type("agreement")
    assert agreement.point_words(question("agree")) == [
        (1, "Strongly disagree"), (2, "Disagree"), (3, "Neither agree nor disagree"), (4, "Agree"),
        (5, "Strongly agree")]
    assert agreement.point_words(question("agree"), "es")[0] == (1, "Muy en desacuerdo")
    assert get_type("rating").point_words(question("nps")) == []


class Draw:
    """A demo that picks the first options, writes one sentence and gives one day."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def options(self, question, *, multiple):
        return question.option_keys[:2] if multiple else [self.rng.choice(question.option_keys)]

    def words(self, question, *, other=False):
        return "In my own words" if not other else "Something of my own"

    def day(self):
        return date(2026, 5, 1)


@pytest.mark.parametrize("seed", range(20))
def test_every_demo_answer_is_one_a_person_could_send(seed):
    """What the demo invents goes through the same checks as a real answer (bounds, options, dates)."""
    draw = Draw(seed)
    for q in DEFINITION.iter_questions():
        kind = get_type(q.type)
        value = kind.demo_value(q, draw)
        if value is None:
            continue
        sent = kind.to_json(q, value)
        if isinstance(value, Choices):  # the order a person picks in is kept; the clean value sorts
            assert set(kind.clean(q, sent).keys) == set(value.keys)
        else:
            assert kind.clean(q, sent) == value
        assert kind.to_rows(q, value)


def test_contact_details_are_never_invented():
    assert get_type("contact").demo_value(question("contact"), Draw(1)) is None
