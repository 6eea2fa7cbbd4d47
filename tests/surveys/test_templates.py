"""Built-in templates: valid, complete in English and Spanish, plain English, ending with
optional demographics that always let people opt out."""

from __future__ import annotations

import re

import pyphen
import pytest

from surveys.definition import list_templates, load_template

TEMPLATES = list_templates()
_dictionary = pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    """Pyphen's hyphenation points undercount short syllables, so take the larger of pyphen's count
    and a vowel-group count: a stricter reading-level estimate, never a kinder one."""
    by_pyphen = _dictionary.inserted(word).count("-") + 1
    by_vowels = len(re.findall(r"[aeiouy]+", word.lower().rstrip("e"))) or 1
    return max(by_pyphen, by_vowels)


def flesch_kincaid_grade(sentences: list[str]) -> float:
    words = [w for s in sentences for w in re.findall(r"[A-Za-z][A-Za-z']*", s)]
    return (0.39 * len(words) / len(sentences) + 11.8 * sum(map(syllables, words)) / len(words) - 15.59)


def test_the_five_framework_templates_exist():
    assert TEMPLATES == ["employer_skill_needs", "career_seeker_needs", "learner_feedback",
                         "incumbent_worker", "community_listening"]


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_is_complete_in_english_and_spanish(name):
    definition = load_template(name)
    assert definition.template == name
    assert definition.languages == ("en", "es")
    texts = [definition.title, definition.intro]
    for section in definition.sections:
        texts.append(section.title)
        for question in section.questions:
            texts += [question.text] + ([question.help] if question.help else [])
            texts += [option.text for option in question.options]
    assert all(set(text) == {"en", "es"} and all(text.values()) for text in texts)


@pytest.mark.parametrize("name", TEMPLATES)
def test_english_question_text_is_plain(name):
    questions = [q.text["en"] for q in load_template(name).questions]
    assert flesch_kincaid_grade(questions) <= 8


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_ends_with_optional_demographics(name):
    definition = load_template(name)
    last = definition.sections[-1]
    assert last.questions and all(q.demographic and not q.required for q in last.questions)
    for question in last.questions:
        assert "prefer_not_to_say" in question.option_keys, question.key
    assert all(not q.demographic for s in definition.sections[:-1] for q in s.questions)
    # Self-description where it fits: gender (or ownership for employers) lets people say it their way.
    assert any(q.settings.get("other") for q in last.questions)


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_has_open_ended_questions(name):
    assert any(q.type == "long_text" for q in load_template(name).questions)


def test_framework_topics_are_covered():
    employer = {q.key for q in load_template("employer_skill_needs").questions}
    assert {"jobs_needed", "hiring_ease", "hiring_difficulty_detail", "skill_gaps_detail", "hiring_barriers",
            "hires_last_12_months", "co_design_training", "work_based_learning", "join_partnership"} <= employer
    seeker = load_template("career_seeker_needs")
    barriers = seeker.question("barriers")
    assert {"childcare", "transportation", "schedule", "cost", "language", "digital_access", "disability",
            "justice_involvement"} <= set(barriers.option_keys)
    assert seeker.question("barriers_detail").type == "long_text"
    assert seeker.question("what_would_help").type == "long_text"
    assert seeker.question("childcare_detail").condition.any_of == ("childcare",)


def test_unknown_template():
    with pytest.raises(KeyError):
        load_template("nope")
