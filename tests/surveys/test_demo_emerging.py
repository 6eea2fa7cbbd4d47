"""A concern that appears only in a later wave: drawn only when asked for, in both languages."""

from __future__ import annotations

import random

import pytest

from surveys.demo import labelled_open_answers


def test_an_emerging_concern_is_never_drawn_unless_asked_for():
    usual = labelled_open_answers("career_barriers", 600, random.Random(1), spanish_share=0.3)
    assert "waitlist" not in {theme for _, _, theme in usual}
    asked = labelled_open_answers("career_barriers", 600, random.Random(1), spanish_share=0.3,
                                  weights={"waitlist": 2.0})
    share = sum(theme == "waitlist" for _, _, theme in asked) / len(asked)
    assert 0.15 < share < 0.5
    spanish = [text for text, language, theme in asked if theme == "waitlist" and language == "es"]
    assert spanish and any("espera" in text.lower() or "cupo" in text.lower() for text in spanish)


def test_asking_for_a_concern_the_topic_does_not_have_is_refused():
    with pytest.raises(ValueError, match="no theme"):
        labelled_open_answers("career_barriers", 5, random.Random(1), weights={"moon landing": 1.0})
