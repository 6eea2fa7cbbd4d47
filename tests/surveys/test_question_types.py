"""Every question type: what it accepts, what it refuses, and how it is stored and read back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from surveys.question_types import QUESTION_TYPES, AnswerError, Choices, get_type
from surveys.responses import clean_answers, missing_required, visible_questions, visible_sections
from tests.surveys.helpers import every_type

DEFINITION = every_type()


def clean(key: str, raw):
    question = DEFINITION.question(key)
    return get_type(question.type).clean(question, raw)


def refused(key: str, raw) -> str:
    with pytest.raises(AnswerError) as caught:
        clean(key, raw)
    return caught.value.code


def test_registry_has_exactly_the_documented_types():
    assert set(QUESTION_TYPES) == {"single_choice", "multiple_choice", "agreement", "rating", "short_text",
                                   "long_text", "number", "date", "contact", "occupation", "occupation_demand"}


@pytest.mark.parametrize("key, raw, expected", [
    ("goal", "job", Choices(("job",))),
    ("goal", {"key": "other", "other": "  Start a business "}, Choices(("other",), "Start a business")),
    ("goal", "", None),
    ("barriers", ["bus", "childcare"], Choices(("childcare", "bus"))),
    ("barriers", {"keys": ["other"], "other": "Rent"}, Choices(("other",), "Rent")),
    ("barriers", "bus", Choices(("bus",))),
    ("barriers", [], None),
    ("agree", 5, 5), ("agree", "1", 1), ("agree", None, None),
    ("stars", 3, 3), ("nps", 0, 0), ("nps", "10", 10),
    ("name_of_job", "  Welder ", "Welder"),
    ("story", "Line one\r\nLine two", "Line one\nLine two"),
    ("hires", "12", 12), ("hires", 0, 0), ("hires", "1,200", None),
    ("wage", "18.50", 18.5), ("wage", 20, 20),
    ("start_date", "2025-03-27", "2025-03-27"),
    ("contact", {"consent": True, "email": "ana@example.org"}, {"email": "ana@example.org"}),
    ("contact", {"consent": "y", "phone": "(555) 123-4567", "email": ""}, {"phone": "(555) 123-4567"}),
    ("contact", {"consent": False}, None),
    ("contact", {}, None),
])
def test_accepted(key, raw, expected):
    if key == "hires" and raw == "1,200":
        assert refused(key, raw) == "number_max"
        return
    assert clean(key, raw) == expected


@pytest.mark.parametrize("key, raw, code", [
    ("goal", "nope", "choose_valid"),
    ("goal", ["job", "training"], "choose_one"),
    ("goal", 3, "choose_valid"),
    ("barriers", ["bus", "none"], "exclusive"),
    ("barriers", ["bus", "childcare", "other", "none"], "too_many"),
    ("barriers", ["flying"], "choose_valid"),
    ("agree", 6, "scale"), ("agree", 2.5, "scale"), ("agree", "strongly", "scale"), ("agree", True, "scale"),
    ("stars", 0, "scale"), ("nps", 11, "scale"),
    ("name_of_job", "x" * 21, "too_long"),
    ("hires", "ten", "whole_number"), ("hires", 1.5, "whole_number"), ("hires", -1, "number_min"),
    ("hires", 501, "number_max"), ("hires", float("nan"), "whole_number"), ("wage", "abc", "number"),
    ("start_date", "27/03/2025", "date"), ("start_date", "2025-02-30", "date"),
    ("start_date", "2019-12-31", "date_min"), ("start_date", "2031-01-01", "date_max"),
    ("contact", {"email": "ana@example.org"}, "contact_consent"),
    ("contact", {"consent": True}, "contact_missing"),
    ("contact", {"consent": True, "email": "not-an-email"}, "email"),
    ("contact", {"consent": True, "phone": "call me"}, "phone"),
    ("contact", "ana@example.org", "contact_missing"),
])
def test_refused(key, raw, code):
    assert refused(key, raw) == code


def test_errors_have_messages_in_both_languages():
    error = AnswerError("number_min", min=0)
    assert error.message("en") == "Enter a number that is 0 or more"
    assert error.message("es") == "Escriba un número igual o mayor que 0"


@pytest.mark.parametrize("key, value", [
    ("goal", Choices(("other",), "Own business")),
    ("barriers", Choices(("childcare", "other"), "Rent")),
    ("agree", 4), ("nps", 0), ("story", "Words"), ("hires", 12), ("wage", 18.5),
    ("start_date", "2025-03-27"), ("contact", {"email": "a@b.co", "phone": "555 123 4567"}),
])
def test_store_and_read_back(key, value):
    question = DEFINITION.question(key)
    question_type = get_type(question.type)
    rows = question_type.to_rows(question, value)
    assert question_type.from_rows(question, rows) == value
    # The raw (API) shape of a value is accepted and gives the value back.
    assert question_type.clean(question, question_type.to_json(question, value)) == value


def test_choice_storage_is_one_row_per_option_with_other_text_on_the_other_row():
    question = DEFINITION.question("barriers")
    rows = get_type("multiple_choice").to_rows(question, Choices(("bus", "other"), "Rent"))
    assert [(r.option_key, r.value_text, r.value_number) for r in rows] == [("bus", None, None),
                                                                          ("other", "Rent", None)]


def test_contact_rows_only_with_consent():
    question = DEFINITION.question("contact")
    rows = get_type("contact").to_rows(question, clean("contact", {"consent": True, "email": "a@b.co"}))
    assert [(r.option_key, r.value_text) for r in rows] == [("email", "a@b.co")]


@given(st.integers(min_value=0, max_value=500))
def test_numbers_in_bounds_round_trip(number):
    assert clean("hires", str(number)) == number


@given(st.text(max_size=30))
def test_short_text_never_crashes(text):
    try:
        value = clean("name_of_job", text)
    except AnswerError as error:
        assert error.code == ("invalid_characters" if "\x00" in text.strip() else "too_long")
    else:
        assert value is None or (value == text.strip().replace("\r\n", "\n") and len(value) <= 20)


def test_condition_shows_question_only_when_option_chosen():
    page = DEFINITION.section("childcare")
    assert visible_questions(DEFINITION, {}, page) == []
    assert visible_questions(DEFINITION, {"barriers": Choices(("bus",))}, page) == []
    shown = visible_questions(DEFINITION, {"barriers": Choices(("childcare", "bus"))}, page)
    assert [q.key for q in shown] == ["childcare_detail"]
    assert [s.key for s in visible_sections(DEFINITION, {})] == ["first", "second", "about"]


def test_clean_answers_checks_required_and_ignores_hidden_questions():
    result = clean_answers(DEFINITION, {"childcare_detail": "Too expensive"})
    assert result.errors["goal"].code == "required"
    assert "childcare_detail" not in result.values  # hidden: barriers did not include childcare

    result = clean_answers(DEFINITION, {"goal": "job", "barriers": ["childcare"]})
    assert result.errors["childcare_detail"].code == "required"

    result = clean_answers(DEFINITION, {"goal": "job", "barriers": ["childcare"],
                                        "childcare_detail": "Too expensive", "mystery": 1},
                           reject_unknown=True)
    assert list(result.errors) == ["mystery"]
    assert result.values["childcare_detail"] == "Too expensive"


def test_a_refused_choice_does_not_reveal_conditional_questions():
    result = clean_answers(DEFINITION, {"goal": "job", "barriers": ["childcare", "none"],
                                        "childcare_detail": "x"})
    assert set(result.errors) == {"barriers"}
    assert "childcare_detail" not in result.values


def test_missing_required_follows_conditions():
    assert [q.key for q in missing_required(DEFINITION, {})] == ["goal"]
    values = {"goal": Choices(("job",)), "barriers": Choices(("childcare",))}
    assert [q.key for q in missing_required(DEFINITION, values)] == ["childcare_detail"]


# --- "Other, please say": what a person typed is never dropped ------------------------------------

@pytest.mark.parametrize("key, raw, expected", [
    ("goal", {"key": "", "other": " My own shop "}, Choices(("other",), "My own shop")),
    ("goal", {"key": None, "other": "My own shop"}, Choices(("other",), "My own shop")),
    ("goal", {"key": "job", "other": "   "}, Choices(("job",))),
    ("barriers", {"keys": ["bus"], "other": "Rent"}, Choices(("bus", "other"), "Rent")),
    ("barriers", {"keys": [], "other": "Rent"}, Choices(("other",), "Rent")),
])
def test_words_in_the_other_box_count_as_choosing_other(key, raw, expected):
    assert clean(key, raw) == expected


def test_another_choice_and_other_words_is_an_error_naming_both_in_each_language():
    with pytest.raises(AnswerError) as caught:
        clean("goal", {"key": "job", "other": "My own shop"})
    assert caught.value.code == "other_conflict"
    assert caught.value.message("en") == ("You chose “Job” and also typed in “Please say”. "
                                          "Choose “Other” to keep what you typed, or clear the box")
    assert "«Job (es)»" in caught.value.message("es") and "«Other (es)»" in caught.value.message("es")


def test_other_words_still_obey_exclusive_and_max_choices():
    assert refused("barriers", {"keys": ["none"], "other": "Rent"}) == "exclusive"
    assert refused("barriers", {"keys": ["bus", "childcare", "none"], "other": "Rent"}) == "too_many"
    assert refused("barriers", {"keys": ["bus", "childcare"], "other": "x" * 501}) == "too_long"


def test_exclusive_message_names_the_option_in_the_readers_language():
    with pytest.raises(AnswerError) as caught:
        clean("barriers", ["bus", "none"])
    assert caught.value.message("en") == "“None” cannot be chosen with other answers"
    assert caught.value.message("es") == "«None (es)» no se puede elegir junto con otras respuestas"


# --- numbers as people type them ----------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("$18.50", 18.5), ("18.50 $", 18.5), ("US$ 20", 20), ("€12", 12), ("18,50", 18.5), ("1,234.50", 1234.5),
])
def test_a_decimal_question_takes_amounts_with_currency_and_commas(raw, expected):
    assert clean("wage", raw) == expected


@pytest.mark.parametrize("raw", ["$12", "12,5", "1e2", "1_00", "12 people"])
def test_a_whole_number_question_refuses_what_is_not_a_plain_number(raw):
    assert refused("hires", raw) == "whole_number"


def test_the_number_message_gives_an_example_of_what_is_accepted():
    assert refused("wage", "eighteen") == "number"
    assert AnswerError("number").message("en") == "Enter a number, like 18.50"
    assert clean("wage", "18.50") == 18.5


def test_summary_entries_name_the_question():
    assert AnswerError("required").summary("en", "How many hours do you work?") == \
        "Answer “How many hours do you work?”"
    assert AnswerError("scale").summary("es", "¿Qué tan difícil es?") == \
        "«¿Qué tan difícil es?»: Elija un punto de la escala"
    # A long question is named whole: a cut one may not say which question it is.
    words = "How many hours a week do you work " + "at all " * 20 + "?"
    assert AnswerError("required").summary("en", words) == f"Answer “{' '.join(words.split())}”"
