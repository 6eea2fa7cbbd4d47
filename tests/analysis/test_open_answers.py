"""The demo generator of open-ended answers that the theme engine is developed and demonstrated on."""

import random

import pytest

from analysis import non_answer_reason, redact_pii
from feedback.demo.open_answers import TOPICS, labelled_open_answers, open_answers


@pytest.mark.parametrize("topic", TOPICS)
def test_same_seed_same_answers_and_both_languages(topic):
    answers = open_answers(topic, 400, random.Random(1))
    assert answers == open_answers(topic, 400, random.Random(1))
    assert {lang for _, lang in answers} == {"en", "es"}
    assert len({text for text, _ in answers}) > 100  # varied, not a handful of templates


def test_unknown_topic_is_refused():
    with pytest.raises(ValueError, match="career_barriers"):
        open_answers("weather", 3, random.Random(0))


def test_answers_include_non_answers_and_personal_details_to_redact():
    answers = labelled_open_answers("career_barriers", 2000, random.Random(2))
    non = [text for text, _, theme in answers if theme is None]
    assert 0.02 < len(non) / len(answers) < 0.09
    assert sum(non_answer_reason(t) is not None for t in non) / len(non) > 0.8
    assert any(redact_pii(text) != text for text, _, _ in answers)


def test_spanish_share_is_respected():
    answers = open_answers("career_help", 2000, random.Random(3), spanish_share=0.5)
    share = sum(lang == "es" for _, lang in answers) / len(answers)
    assert 0.4 < share < 0.6
