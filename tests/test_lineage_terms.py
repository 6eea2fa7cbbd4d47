"""Themes of two runs that share no answers are matched by their key terms, whatever their casing."""

from feedback.lineages import _similarity


def test_key_terms_match_whatever_their_casing():
    # Labels now print terms as most answers write them: "CNA" in this run, "cna" in a run stored earlier.
    assert _similarity({1, 2}, {3, 4}, ["CNA", "class", "Mesa College"], ["cna", "class", "mesa college"]) == 1.0
    assert _similarity({1, 2}, {3, 4}, ["CNA", "class"], ["bus", "ride"]) == 0.0


def test_shared_answers_decide_before_terms():
    assert _similarity({1, 2, 3}, {2, 3, 4}, ["bus"], ["bus"]) == 0.5
