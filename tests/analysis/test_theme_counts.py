"""Theme sizes count answers; mentions (an answer about two themes counts in both) are said apart."""

from __future__ import annotations

from analysis import OTHER_THEME_ID, find_themes
from analysis.engine import COUNTS


def test_sizes_add_up_to_the_answers_and_mentions_add_the_second_themes(answers):
    result = find_themes(answers * 3, random_state=0)
    themed = result.assignments.dropna(subset=["theme"])
    assert sum(t.size for t in result.themes) == len(themed)
    seconds = themed["second_theme"].dropna().astype(int).value_counts()
    for theme in result.themes:
        assert theme.second_theme_mentions == int(seconds.get(theme.id, 0))
    # A second theme is never the answer's own theme, nor Other.
    both = themed.dropna(subset=["second_theme"])
    assert (both["second_theme"] != both["theme"]).all()
    assert (both["second_theme"] != OTHER_THEME_ID).all()


def test_the_result_says_what_each_count_counts(answers):
    counts = find_themes(answers, representation="tfidf", random_state=0).to_dict()["parameters"]["counts"]
    assert counts == COUNTS
    assert "answers" in counts["size"] and "mention" in counts["mentions"]
