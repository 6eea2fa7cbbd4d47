"""The builder's edits on a definition: each gives a definition the validator accepts (translation gaps
aside), says plainly why it cannot be done, and never loses what the person typed elsewhere."""

from __future__ import annotations

import copy

import pytest
from werkzeug.datastructures import MultiDict

from surveys import builder
from surveys.builder import BuildError, NewQuestion
from surveys.definition import DefinitionError, list_templates, load_template
from surveys.question_types import QUESTION_TYPES


def blank() -> dict:
    return builder.blank_definition({"en": "Getting to work", "es": "Llegar al trabajo"}, "career_seeker",
                                    ["en", "es"])


def with_choice() -> dict:
    """A blank survey plus a choice question on page 1 and a second page."""
    data, _ = builder.add_question(blank(), "your_views", NewQuestion(
        "multiple_choice", {"en": "What gets in the way?", "es": "¿Qué se lo impide?"},
        {"en": ["Childcare", "The bus", "None of these"], "es": ["Cuidado infantil", "El autobús", "Nada"]}))
    data, _ = builder.add_section(data, title={"en": "Childcare", "es": "Cuidado"}, question=NewQuestion(
        "long_text", {"en": "What makes childcare hard?", "es": "¿Qué dificulta el cuidado?"}))
    return data


def keys(data: dict) -> list[list[str]]:
    return [[q["key"] for q in section["questions"]] for section in data["sections"]]


def test_every_registered_question_type_can_be_added_and_shown():
    assert set(builder.TYPES) == set(QUESTION_TYPES)
    data = blank()
    for name in QUESTION_TYPES:
        choices = {"en": ["Yes", "No"]} if builder.TYPES[name].options else {}
        data, key = builder.add_question(data, "your_views", NewQuestion(name, {"en": f"A {name}?"}, choices))
        assert builder.find_question(data, key)[2]["type"] == name
    definition = builder.check(data)
    assert len(definition.questions) == len(QUESTION_TYPES) + 1


def test_keys_are_made_from_the_words_and_never_collide():
    assert builder.make_key("What gets in the way?", set(), fallback="question") == "what_gets_in_the_way"
    assert builder.make_key("¿Cuántos años tiene?", set(), fallback="question") == "cuantos_anos_tiene"
    assert builder.make_key("18-24", set(), fallback="choice", option=True) == "18_24"
    assert builder.make_key("18-24", set(), fallback="question") == "question_18_24"
    assert builder.make_key("!!!", {"question"}, fallback="question") == "question_2"
    long = builder.make_key("word " * 30, set(), fallback="question")
    assert len(long) <= 40 and not long.endswith("_")


def test_a_missing_translation_is_a_gap_not_an_error():
    data, key = builder.add_question(blank(), "your_views", NewQuestion(
        "single_choice", {"en": "Do you drive?"}, {"en": ["Yes", "No"], "es": ["Sí"]}))
    definition = builder.check(data)  # accepted, and nothing made up to fill the gaps
    question = definition.question(key)
    assert question.text == {"en": "Do you drive?"}
    assert question.options[1].text == {"en": "No"}
    assert question.text_in("es") == "Do you drive?"  # respondents reading Spanish see the English
    gaps = builder.missing_translations(data)
    assert [(gap.id, gap.language) for gap in gaps] == [
        ("q-do_you_drive-text_es", "es"), ("q-do_you_drive-option_no_es", "es")]
    assert gaps[0].what == "Question 2"


def test_a_text_missing_in_every_language_is_still_an_error():
    data = blank()
    data["sections"][0]["questions"][0]["text"] = {}
    with pytest.raises(DefinitionError) as caught:
        builder.check(data)
    problem = builder.explain(caught.value.errors, data)[0]
    assert (problem.form, problem.field) == ("q-tell_us", "text_en")
    assert problem.message == "Write it in at least one language."


def test_choices_are_paired_by_line_and_at_least_two_are_needed():
    data = with_choice()
    options = builder.find_question(data, "what_gets_in_the_way")[2]["options"]
    assert [(o["key"], o["text"].get("es")) for o in options] == [
        ("childcare", "Cuidado infantil"), ("the_bus", "El autobús"), ("none_of_these", "Nada")]
    with pytest.raises(BuildError) as caught:
        builder.add_question(blank(), "your_views", NewQuestion("single_choice", {"en": "Pick"}, {"en": ["One"]}))
    assert caught.value.field == "choices_en"
    with pytest.raises(BuildError) as caught:
        builder.add_question(blank(), "your_views", NewQuestion("telepathy", {"en": "Think"}))
    assert caught.value.field == "type"


def test_questions_move_within_and_across_pages():
    data, _ = builder.add_question(with_choice(), "childcare", NewQuestion("number", {"en": "How many?"}))
    assert keys(data) == [["tell_us", "what_gets_in_the_way"], ["what_makes_childcare_hard", "how_many"]]
    data = builder.move_question(data, "how_many", -1)
    assert keys(data) == [["tell_us", "what_gets_in_the_way"], ["how_many", "what_makes_childcare_hard"]]
    data = builder.move_question(data, "how_many", -1)  # from the top of page 2 to the end of page 1
    assert keys(data) == [["tell_us", "what_gets_in_the_way", "how_many"], ["what_makes_childcare_hard"]]
    data = builder.move_question(data, "how_many", 1)  # and back
    assert keys(data) == [["tell_us", "what_gets_in_the_way"], ["how_many", "what_makes_childcare_hard"]]
    with pytest.raises(BuildError, match="already the first"):
        builder.move_question(data, "tell_us", -1)
    only = with_choice()
    with pytest.raises(BuildError, match="only question on page 2"):
        builder.move_question(only, "what_makes_childcare_hard", -1)


def test_pages_move_rename_and_remove():
    data = with_choice()
    data = builder.rename_section(data, "childcare", {"en": "Looking after children"})
    assert data["sections"][1]["title"] == {"en": "Looking after children", "es": "Cuidado"}
    data = builder.move_section(data, "childcare", -1)
    assert [s["key"] for s in data["sections"]] == ["childcare", "your_views"]
    data = builder.remove_section(data, "childcare")
    assert [s["key"] for s in data["sections"]] == ["your_views"]
    with pytest.raises(BuildError, match="at least one page"):
        builder.remove_section(data, "your_views")


def test_a_condition_needs_a_choice_question_on_an_earlier_page():
    data = with_choice()
    assert [q["key"] for q in builder.condition_targets(data, "what_makes_childcare_hard")] == [
        "what_gets_in_the_way"]
    assert builder.condition_targets(data, "what_gets_in_the_way") == []
    shown = builder.set_condition(data, "what_makes_childcare_hard", "what_gets_in_the_way", ["childcare"])
    assert builder.check(shown).question("what_makes_childcare_hard").condition.any_of == ("childcare",)
    assert builder.describe_condition(shown, "what_makes_childcare_hard") == (
        "Only when question 2 (“What gets in the way?”) was answered with “Childcare”")
    # "Is not one of" is stored as the other answers.
    negated = builder.set_condition(data, "what_makes_childcare_hard", "what_gets_in_the_way", ["none_of_these"],
                                    negate=True)
    assert negated["sections"][1]["questions"][0]["condition"]["any_of"] == ["childcare", "the_bus"]
    with pytest.raises(BuildError):
        builder.set_condition(data, "what_gets_in_the_way", "tell_us", ["x"])
    with pytest.raises(BuildError, match="never show"):
        builder.set_condition(data, "what_makes_childcare_hard", "what_gets_in_the_way",
                              ["childcare", "the_bus", "none_of_these"], negate=True)
    always = builder.set_condition(shown, "what_makes_childcare_hard", None, [])
    assert "condition" not in always["sections"][1]["questions"][0]
    assert builder.describe_condition(always, "what_makes_childcare_hard") == "Always"


def test_the_builders_words_are_english_as_text_and_keep_their_template_for_a_staff_page():
    """The API and the command line read a message as English; a staff page says it through its catalog,
    values that are staff texts (a setting's label) included."""
    spanish = {"%(earlier)s or %(last)s": "%(earlier)s o %(last)s",
               "Only when question %(number)s (“%(question)s”) was answered with %(answers)s":
                   "Solo cuando la pregunta %(number)s (“%(question)s”) se respondió con %(answers)s",
               "%(label)s: enter a whole number from %(low)s to %(high)s.":
                   "%(label)s: escriba un número entero de %(low)s a %(high)s.",
               "Longest answer, in characters": "Respuesta más larga, en caracteres"}
    data = builder.set_condition(with_choice(), "what_makes_childcare_hard", "what_gets_in_the_way",
                                 ["childcare", "the_bus"])
    said = builder.describe_condition(data, "what_makes_childcare_hard")
    assert said == "Only when question 2 (“What gets in the way?”) was answered with “Childcare” or “The bus”"
    assert said.said(lambda english: spanish.get(english, english)) == (
        "Solo cuando la pregunta 2 (“What gets in the way?”) se respondió con “Childcare” o “The bus”")
    with pytest.raises(BuildError) as caught:
        builder.apply_question_form(blank(), "tell_us", MultiDict({"setting_max_length": "0"}))
    assert str(caught.value) == "Longest answer, in characters: enter a whole number from 1 to 20000."
    assert caught.value.field == "setting_max_length"
    assert caught.value.message.said(lambda english: spanish.get(english, english)) == (
        "Respuesta más larga, en caracteres: escriba un número entero de 1 a 20000.")


def test_moving_a_page_above_the_question_it_depends_on_is_explained_in_words():
    data = builder.set_condition(with_choice(), "what_makes_childcare_hard", "what_gets_in_the_way", ["childcare"])
    moved = builder.move_section(data, "childcare", -1)
    with pytest.raises(DefinitionError) as caught:
        builder.check(moved)
    [problem] = builder.explain(caught.value.errors, moved)
    assert (problem.form, problem.field, problem.where) == (
        "q-what_makes_childcare_hard", "condition_question", "Question 1")
    assert "“What gets in the way?”" in problem.message and "earlier page" in problem.message
    # A question another depends on cannot be removed out from under it.
    with pytest.raises(BuildError, match="change or remove its display condition first"):
        builder.remove_section(data, "your_views")


def test_the_question_form_applies_words_settings_and_the_button_pressed_together():
    data = with_choice()
    form = MultiDict([
        ("text_en", "What gets in your way?"), ("text_es", ""), ("help_en", "Tick all that apply."),
        ("options_shown", "1"), ("option_the_bus_en", "Buses"), ("exclusive", "none_of_these"),
        ("allow_other", "y"), ("setting_max_choices", "2"), ("action", "option_up:the_bus")])
    data, landing = builder.apply_question_form(data, "what_gets_in_the_way", form)
    question = builder.find_question(data, "what_gets_in_the_way")[2]
    assert question["text"] == {"en": "What gets in your way?"}  # the emptied Spanish is a gap now
    assert question["help"] == {"en": "Tick all that apply."}
    assert [o["key"] for o in question["options"]] == ["the_bus", "childcare", "none_of_these", "other"]
    assert question["options"][0]["text"] == {"en": "Buses", "es": "El autobús"}
    assert question["settings"] == {"max_choices": 2, "exclusive": ["none_of_these"], "other": True}
    assert landing == "q-what_gets_in_the_way-option_the_bus_en"
    builder.check(data)
    # A new choice goes before "Something else", which stays last.
    data, _ = builder.add_option(data, "what_gets_in_the_way", {"en": "Money", "es": "Dinero"})
    assert [o["key"] for o in builder.find_question(data, "what_gets_in_the_way")[2]["options"]][-2:] == [
        "money", "other"]
    # Removing "Something else" turns the box off with it.
    data = builder.remove_option(data, "what_gets_in_the_way", "other")
    assert "other" not in builder.find_question(data, "what_gets_in_the_way")[2]["settings"]


def test_a_field_missing_from_the_form_leaves_what_is_stored():
    data = with_choice()
    before = copy.deepcopy(data)
    after, _ = builder.apply_question_form(data, "what_gets_in_the_way", MultiDict())
    assert after == before and data == before  # and the input was not changed in place


@pytest.mark.parametrize(("setting", "value", "message"), [
    ("setting_min", "9" * 400, "enter a number"),
    ("setting_min", "1e999", "enter a number"),
    ("setting_min", "inf", "enter a number"),
    ("setting_min", "nan", "enter a number"),
    ("setting_min", "10000000000000", "between"),
    ("setting_max", "12 apples", "enter a number"),
])
def test_number_settings_refuse_what_is_not_a_reasonable_number(setting, value, message):
    data, key = builder.add_question(blank(), "your_views", NewQuestion("number", {"en": "Wage?"}))
    with pytest.raises(BuildError, match=message) as caught:
        builder.apply_question_form(data, key, MultiDict({setting: value}))
    assert caught.value.field == setting


def test_settings_are_read_per_kind():
    data, key = builder.add_question(blank(), "your_views", NewQuestion("number", {"en": "Wage?"}))
    data, _ = builder.apply_question_form(data, key, MultiDict({
        "setting_min": "1,200", "setting_max": "18.5", "setting_integer_shown": "1"}))
    assert builder.find_question(data, key)[2]["settings"] == {"min": 1200, "max": 18.5, "integer": False}
    with pytest.raises(DefinitionError):
        builder.check(data)  # min above max: the validator says so
    data, key = builder.add_question(blank(), "your_views", NewQuestion("contact", {"en": "Reach you?"}))
    with pytest.raises(BuildError, match="email, phone or both"):
        builder.apply_question_form(data, key, MultiDict({"setting_channels_shown": "1"}))
    data, _ = builder.apply_question_form(data, key, MultiDict([("setting_channels_shown", "1"),
                                                                ("setting_channels", "email")]))
    assert builder.find_question(data, key)[2]["settings"] == {"channels": ["email"]}
    data, key = builder.add_question(blank(), "your_views", NewQuestion("date", {"en": "When?"}))
    with pytest.raises(BuildError, match="date like"):
        builder.apply_question_form(data, key, MultiDict({"setting_min": "2026-02-30"}))


def test_changing_a_question_kind_stays_in_its_family():
    data = with_choice()
    changed, _ = builder.apply_question_form(data, "what_gets_in_the_way", MultiDict({"type": "single_choice"}))
    assert builder.find_question(changed, "what_gets_in_the_way")[2]["type"] == "single_choice"
    builder.check(changed)
    with pytest.raises(BuildError) as caught:
        builder.apply_question_form(data, "what_gets_in_the_way", MultiDict({"type": "long_text"}))
    assert caught.value.field == "type"


def test_taking_a_language_away_takes_its_words():
    data = builder.set_survey(with_choice(), title=None, intro={"en": "Hello", "es": "Hola"}, audience="employer",
                              languages=["en"])
    assert data["languages"] == ["en"] and data["intro"] == {"en": "Hello"} and data["audience"] == "employer"
    assert builder.check(data).sections[1].title == {"en": "Childcare"}
    assert builder.missing_translations(data) == []
    with pytest.raises(BuildError):
        builder.set_survey(data, title=None, intro=None, audience=None, languages=[])
    with pytest.raises(BuildError):
        builder.set_survey(data, title={"en": ""}, intro=None, audience=None, languages=None)


@pytest.mark.parametrize("name", list_templates())
def test_every_template_checks_and_has_no_gaps(name):
    data = load_template(name).to_dict()
    assert builder.check(data).to_dict() == data
    assert builder.missing_translations(data) == []
