"""Quotes say what most of a theme's answers say, near its centre, never twice, never a fragment."""

import numpy as np

from analysis.quotes import pick_quotes

# Answers of the question's other themes: what every theme's quotes are compared against.
ELSEWHERE = ["the bus never comes on time", "my english is not good enough", "the bus schedule is bad",
             "english classes are full", "I work nights so the schedule is hard", "rent is too high for me"]


def quotes_of(texts: list[str], score: list[float], n: int = 3, **params) -> list[str]:
    members = np.arange(len(texts))
    different = lambda u, v: 0.0
    everyone = [*texts, *ELSEWHERE]
    return pick_quotes(members, np.array(score + [0.0] * len(ELSEWHERE)), everyone, different, n, **params)


CHILDCARE = [
    "childcare costs more than I would earn at the job",
    "I cannot afford childcare for my two kids",
    "childcare is too expensive where I live",
    "paying for childcare eats my whole paycheck",
    "affordable childcare is impossible to find near me",
]


def test_a_quote_carries_what_most_answers_say_not_a_passing_mention():
    # Closest to the centre on the vectors, but about the bus: the theme is about paying for childcare.
    aside = "the bus is always late and I also have kids so the schedule is hard for me"
    quotes = quotes_of([aside, *CHILDCARE], [0.99, 0.7, 0.69, 0.68, 0.67, 0.66])
    assert aside not in quotes and all("childcare" in q for q in quotes)


def test_the_themes_distinctive_terms_count_when_given():
    texts = ["my schedule changes every week", "the schedule changes weekly", "the night shift never lets me study",
             "shift and class times clash"]
    (quote,) = quotes_of(texts, [0.9, 0.6, 0.5, 0.5], n=1, terms=["shift", "class"])
    assert quote == "shift and class times clash"
    assert quotes_of(texts, [0.9, 0.6, 0.5, 0.5], n=1) == ["my schedule changes every week"]


def test_near_copies_in_wording_are_shown_once():
    copies = ["childcare is too expensive where I live", "childcare is too expensive where I live now"]
    quotes = quotes_of([*copies, *CHILDCARE[:2]], [0.9, 0.89, 0.5, 0.5])
    assert sum(q.startswith("childcare is too expensive") for q in quotes) == 1


def test_a_word_every_theme_uses_does_not_make_a_quote():
    # "kids" is as common in the other answers as in this theme: the theme is about the cost of daycare.
    texts = ["my kids and my schedule and my kids again", "daycare costs too much", "daycare is too expensive",
             "I cannot pay for daycare", "my kids need daycare that costs less"]
    elsewhere = ["my kids are sick a lot", "kids at home all day", "the bus is late for my kids"]
    members = np.arange(len(texts))
    quotes = pick_quotes(members, np.array([0.9, 0.6, 0.6, 0.6, 0.6, 0, 0, 0]), texts + elsewhere,
                         lambda u, v: 0.0, 3)
    assert texts[0] not in quotes and all("daycare" in q for q in quotes), quotes


def test_a_fragment_is_not_a_quote_when_longer_answers_exist():
    quotes = quotes_of(["childcare", *CHILDCARE], [1.0, 0.5, 0.5, 0.5, 0.5, 0.5])
    assert "childcare" not in quotes and len(quotes) == 3


def test_a_theme_that_says_no_is_quoted_saying_no():
    texts = ["no car and no license so I cannot get to class", "I don't have a car to get to the clinic",
             "without a car I cannot reach the training", "my car is great but gas is expensive to get there"]
    quotes = quotes_of(texts, [0.6, 0.6, 0.6, 0.61], n=2)
    assert texts[3] not in quotes


def test_never_more_quotes_than_asked_and_at_most_the_themes_answers():
    assert len(quotes_of(CHILDCARE, [0.5] * 5, n=1)) == 1
    assert len(quotes_of(CHILDCARE[:2], [0.5, 0.4], n=5)) == 2
    assert quotes_of([], [], n=3) == []


def test_a_long_answer_is_shortened_at_a_word():
    long = "childcare " + "costs so much every single month " * 20
    (quote,) = quotes_of([long], [1.0], n=1)
    assert len(quote) <= 280 and quote.endswith("…")


def test_the_same_answers_give_the_same_quotes_in_every_process():
    """Ties among a theme's words were broken by set order, which Python's hash seed changes from one
    process to the next: the same run could show other quotes after a restart."""
    import os
    import subprocess
    import sys

    script = ("import json, random, warnings; warnings.filterwarnings('ignore')\n"
              "from surveys.demo import labelled_open_answers\n"
              "from analysis import ThemeFinder\n"
              "texts = [r[0] for r in labelled_open_answers('career_barriers', 1500, random.Random(4))]\n"
              "found = ThemeFinder(random_state=0, representation='tfidf').fit(texts)\n"
              "print(json.dumps([t.quotes for t in found.themes_]))\n")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1
