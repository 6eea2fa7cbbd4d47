"""The definition format: what is accepted, and that every error names the path of the bad field."""

from __future__ import annotations

import copy

import pytest

from surveys.definition import DefinitionError, load_definition
from surveys.models import Audience


def minimal() -> dict:
    return {
        "title": {"en": "Getting to work", "es": "Llegar al trabajo"},
        "audience": "career_seeker",
        "languages": ["en", "es"],
        "sections": [
            {"key": "barriers", "title": {"en": "Barriers", "es": "Barreras"}, "questions": [
                {"key": "barriers", "type": "multiple_choice",
                 "text": {"en": "What gets in the way?", "es": "¿Qué se lo impide?"},
                 "options": [{"key": "childcare", "text": {"en": "Childcare", "es": "Cuidado infantil"}},
                             {"key": "bus", "text": {"en": "The bus", "es": "El autobús"}},
                             {"key": "other", "text": {"en": "Other", "es": "Otra"}}],
                 "settings": {"other": True}},
            ]},
            {"key": "more", "title": {"en": "More", "es": "Más"}, "questions": [
                {"key": "childcare_detail", "type": "long_text",
                 "text": {"en": "What makes childcare hard?", "es": "¿Qué dificulta el cuidado infantil?"},
                 "condition": {"question": "barriers", "any_of": ["childcare"]}},
            ]},
        ],
    }


def errors_of(data: dict) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        load_definition(data)
    return caught.value.errors


def test_minimal_definition_loads():
    definition = load_definition(minimal())
    assert definition.audience is Audience.CAREER_SEEKER
    assert [q.key for q in definition.questions] == ["barriers", "childcare_detail"]
    assert definition.questions[1].section == "more"
    assert definition.questions[1].condition.any_of == ("childcare",)
    assert not definition.collects_contact


def test_round_trip_through_to_dict():
    definition = load_definition(minimal())
    assert load_definition(definition.to_dict()) == definition


def test_duplicate_option_key_names_its_path():
    data = minimal()
    data["sections"][0]["questions"][0]["options"][2]["key"] = "bus"
    errors = errors_of(data)
    assert 'sections[0].questions[0].options[2].key: duplicate key "bus"' in errors


def test_every_error_is_reported_at_once():
    data = minimal()
    question = data["sections"][0]["questions"][0]
    question["type"] = "dropdown"
    del question["text"]["es"]
    data["audience"] = "robots"
    errors = errors_of(data)
    assert any(e.startswith("audience:") for e in errors)
    assert any(e.startswith("sections[0].questions[0].type:") for e in errors)
    assert 'sections[0].questions[0].text: missing the "es" text' in errors


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["sections"][1]["questions"].append(copy.deepcopy(d["sections"][1]["questions"][0])),
     'sections[1].questions[1].key: duplicate key "childcare_detail"'),
    (lambda d: d["sections"][1].update(key="barriers"), 'sections[1].key: duplicate key "barriers"'),
    (lambda d: d["sections"][1]["questions"][0]["condition"].update(question="nope"),
     'sections[1].questions[0].condition.question: "nope" is not an earlier question'),
    (lambda d: d["sections"][1]["questions"][0]["condition"].update(any_of=["car"]),
     'sections[1].questions[0].condition.any_of[0]: "barriers" has no option "car"'),
    (lambda d: d["sections"][0]["questions"][0].update(key="Barriers"), "sections[0].questions[0].key:"),
    (lambda d: d["sections"][0]["questions"][0].update(required="yes"),
     "sections[0].questions[0].required: must be true or false"),
    (lambda d: d["sections"][0]["questions"][0]["options"].pop(),
     'sections[0].questions[0].settings.other: needs an option with the key "other"'),
    (lambda d: d["sections"][0]["questions"][0]["text"].update(fr="Quoi ?"),
     'sections[0].questions[0].text.fr: "fr" is not one of the survey languages'),
    (lambda d: d["sections"][0]["questions"][0].update(colour="red"), "sections[0].questions[0].colour: unknown field"),
    (lambda d: d["sections"][0].update(questions=[]), "sections[0].questions: a section needs at least one question"),
    (lambda d: d.update(sections=[]), "sections: at least one section (page) is required"),
    (lambda d: d["sections"][0]["questions"][0].update(demographic=True, required=True),
     "sections[0].questions[0].required: demographic questions are always optional"),
])
def test_rule_violations(change, expected):
    data = minimal()
    change(data)
    assert any(error.startswith(expected) for error in errors_of(data)), errors_of(data)


def test_condition_on_the_same_page_is_refused():
    data = minimal()
    data["sections"][0]["questions"].append(data["sections"][1]["questions"].pop())
    data["sections"].pop()
    assert any("same page" in e for e in errors_of(data))


def question_with(type_: str, **fields) -> dict:
    data = minimal()
    data["sections"][0]["questions"].append({"key": "extra", "type": type_,
                                             "text": {"en": "Extra?", "es": "¿Extra?"}, **fields})
    return data


@pytest.mark.parametrize("type_, fields, expected", [
    ("rating", {"settings": {"min": 1, "max": 7}}, "settings: a rating scale is 1 to 5 or 0 to 10"),
    ("number", {"settings": {"min": 10, "max": 1}}, "settings: min must not be more than max"),
    ("number", {"settings": {"min": "zero"}}, "settings.min: must be a number"),
    ("date", {"settings": {"min": "March"}}, "settings.min: must be a date like 2025-03-27"),
    ("contact", {"settings": {"channels": ["fax"]}}, "settings.channels:"),
    ("contact", {"required": True}, "required: contact details are always optional"),
    ("single_choice", {"options": [{"key": "only", "text": {"en": "Only", "es": "Solo"}}]},
     "options: a choice question needs at least two options"),
    ("agreement", {"options": [{"key": "a", "text": {"en": "A", "es": "A"}}]}, "options: a agreement question"),
    ("long_text", {"settings": {"max_length": 0}}, "settings.max_length:"),
    ("multiple_choice", {"options": [{"key": "a", "text": {"en": "A", "es": "A"}},
                                     {"key": "b", "text": {"en": "B", "es": "B"}}],
                         "settings": {"exclusive": ["c"]}}, "settings.exclusive:"),
])
def test_type_specific_checks(type_, fields, expected):
    errors = errors_of(question_with(type_, **fields))
    assert any(e.startswith("sections[0].questions[1]." + expected) for e in errors), errors


def test_contact_question_marks_the_survey_as_collecting_contact():
    definition = load_definition(question_with("contact", settings={"channels": ["email"]}))
    assert definition.collects_contact
