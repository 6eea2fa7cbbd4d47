"""A new wave read against the partnership's curated themes: known concerns keep their theme, new ones
are found as new themes."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.codebook import assign_to_codebook

HOUSING = [
    "We got evicted and have no place to live",
    "Rent went up, we might lose our apartment",
    "I'm staying in a shelter right now, housing first",
    "No stable housing, sleeping in my car",
    "The rent is too high and we may be evicted",
    "Finding a place to live comes before training",
    "Housing, the landlord is selling our apartment",
    "I'm homeless, couch surfing with friends",
    "Can't pay rent and study at the same time",
    "Eviction notice last month, looking for housing",
    "We need an apartment we can afford, rent is too much",
    "homeless shelter curfew, no housing",
]


@pytest.fixture
def codebook(g) -> pd.DataFrame:
    """Spring's curated themes: staff call the childcare theme "Kids" and the transport one "Getting there"."""
    return pd.DataFrame({"text": g.CHILDCARE + g.TRANSPORT + ["n/a"],
                         "code": ["kids"] * len(g.CHILDCARE) + ["getting-there"] * len(g.TRANSPORT) + [None]})


def themes_of(result, rows: range) -> list:
    return result.result.assignments["theme"].iloc[list(rows)].tolist()


def test_known_concerns_keep_their_theme_and_a_new_concern_is_new_this_wave(codebook, g):
    fall = g.CHILDCARE[::-1] + g.TRANSPORT + HOUSING + ["idk"]
    result = assign_to_codebook(codebook, fall, representation="tfidf")
    by_code = {code: theme for theme, code in result.codes.items()}
    childcare = themes_of(result, range(len(g.CHILDCARE)))
    transport = themes_of(result, range(len(g.CHILDCARE), len(g.CHILDCARE) + len(g.TRANSPORT)))
    housing = themes_of(result, range(len(g.CHILDCARE) + len(g.TRANSPORT), len(fall) - 1))
    assert sum(t == by_code["kids"] for t in childcare) >= 7
    assert sum(t == by_code["getting-there"] for t in transport) >= 7
    assert not set(housing) & set(result.codes)  # no housing answer is filed under a known theme
    assert sum(t in result.new for t in housing) >= 9  # found as new this wave (the engine may split them)
    assert pd.isna(result.result.assignments["theme"].iloc[-1])  # "idk" is a non-answer, no theme
    assert result.result.assignments["reason"].iloc[-1] != "other"


def test_a_wave_saying_only_known_things_has_nothing_new(codebook, g):
    result = assign_to_codebook(codebook, g.TRANSPORT + g.CHILDCARE, representation="tfidf")
    assert not result.new
    assert set(result.codes.values()) == {"kids", "getting-there"}


def test_a_few_answers_that_fit_nothing_go_to_other_rather_than_make_a_theme(codebook, g):
    result = assign_to_codebook(codebook, g.CHILDCARE + HOUSING[:3], representation="tfidf")
    assert not result.new
    assert set(themes_of(result, range(len(g.CHILDCARE), len(g.CHILDCARE) + 3))) == {0}


def test_spanish_answers_join_the_theme_their_english_neighbours_are_in(codebook, g):
    result = assign_to_codebook(codebook, g.CHILDCARE + g.TRANSPORT + g.SPANISH_CHILDCARE, representation="tfidf")
    by_code = {code: theme for theme, code in result.codes.items()}
    spanish = themes_of(result, range(len(g.CHILDCARE) + len(g.TRANSPORT), len(g.CHILDCARE) + len(g.TRANSPORT)
                                      + len(g.SPANISH_CHILDCARE)))
    assert spanish.count(by_code["kids"]) >= len(g.SPANISH_CHILDCARE) // 2


def test_a_codebook_without_its_columns_is_refused_with_a_message_that_says_what_to_give(g):
    with pytest.raises(KeyError, match="text, code"):
        assign_to_codebook(pd.DataFrame({"text": g.CHILDCARE}), g.CHILDCARE)


@pytest.mark.parametrize("fall", [[], ["n/a", "idk", "-"]], ids=["no answers", "only non-answers"])
def test_a_wave_with_nothing_to_sort_has_no_themes(codebook, fall):
    result = assign_to_codebook(codebook, fall, representation="tfidf")
    assert result.result.themes == [] and not result.codes and not result.new
    assert len(result.result.assignments) == len(fall)
