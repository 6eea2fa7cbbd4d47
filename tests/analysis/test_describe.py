"""Themes described again from the answers they hold after curation, and themes that look alike."""

import pandas as pd
import pytest

from analysis import describe_themes

CAR = [
    "my car broke down again",
    "no car to get to class",
    "car repairs cost too much",
    "my car is not reliable",
    "I had to sell my car",
    "the car needs new tires",
]
BUS = [
    "the bus is always late",
    "no bus at night",
    "the bus takes two hours",
    "bus pass costs too much",
    "the bus stop is far away",
    "bus does not run on sunday",
]
KIDS = [
    "no one to watch my kids",
    "who would watch my kids at night",
    "my kids need someone to watch them",
    "nobody can watch my kids",
    "I have to watch my kids after school",
]
KIDS_AGAIN = [
    "no one to watch my kids in the evening",
    "my mom used to watch my kids",
    "need someone to watch my kids",
    "can't find anyone to watch my kids",
]
MONEY = [
    "rent is too high",
    "I owe money on bills",
    "not enough money for rent",
    "bills pile up every month",
    "money for rent and bills",
]


def frame(*groups: tuple[int, list[str]], language: str | None = None) -> pd.DataFrame:
    rows = [(text, theme) for theme, texts in groups for text in texts]
    data = pd.DataFrame(rows, columns=["text", "theme"])
    return data.assign(language=language) if language else data


def test_a_merged_theme_is_described_from_the_answers_of_both():
    # The car theme was merged into the bus theme (id 1): its terms and quotes must speak of both.
    described = describe_themes(frame((1, BUS + CAR), (2, MONEY), (3, KIDS)), affected=[1]).themes[1]
    assert {"bus", "car"} <= set(described.terms)
    assert any("bus" in q for q in described.quotes) and any("car" in q for q in described.quotes)
    assert 3 <= len(described.quotes) <= 5
    assert described.label and described.label not in described.alternatives


def test_only_the_affected_themes_are_described():
    result = describe_themes(frame((1, BUS), (2, CAR), (3, MONEY)), affected=[2])
    assert set(result.themes) == {2}
    assert "car" in result.themes[2].label.lower()


def test_a_label_another_theme_already_has_is_not_given_again():
    answers = frame((1, BUS), (2, MONEY))
    alone = describe_themes(answers, affected=[1]).themes[1].label
    again = describe_themes(answers, affected=[1], taken_labels=[alone]).themes[1].label
    assert again.casefold() != alone.casefold()


def test_quotes_are_redacted():
    texts = [*BUS[:4], "bus never comes, call me at 555-201-3344 or maria@example.com"]
    quotes = describe_themes(frame((1, texts), (2, MONEY)), affected=[1]).themes[1].quotes
    joined = " ".join(quotes)
    assert "555" not in joined and "maria@" not in joined


def test_a_theme_with_spanish_and_english_answers_is_named_in_english():
    spanish = ["no tengo carro", "el carro se descompuso", "mi carro no sirve", "necesito un carro"] * 2
    answers = pd.concat([frame((1, spanish), language="es"), frame((1, CAR[:3]), (2, MONEY), language="en")])
    described = describe_themes(answers, affected=[1]).themes[1]
    assert described.label.lower() == "car" or "car" in described.label.lower().split()
    assert "carro" not in " ".join(described.terms)


def test_two_themes_about_the_same_thing_are_suggested_as_a_merge_smaller_into_larger():
    answers = frame((1, BUS), (2, KIDS), (3, KIDS_AGAIN), (4, MONEY), (5, CAR))
    similar = describe_themes(answers).similar
    assert [(pair.theme, pair.target) for pair in similar] == [(3, 2)]
    assert 0 < similar[0].similarity <= 1


def test_a_pair_kept_apart_or_not_comparable_is_not_suggested():
    answers = frame((1, BUS), (2, KIDS), (3, KIDS_AGAIN), (4, MONEY), (5, CAR))
    assert describe_themes(answers, kept_apart=[(2, 3)]).similar == []
    assert describe_themes(answers, comparable=[1, 2, 4, 5]).similar == []


def test_each_theme_is_offered_in_one_suggestion_at_most():
    answers = frame((1, KIDS), (2, KIDS_AGAIN), (3, KIDS[:3] + KIDS_AGAIN[:2]), (4, MONEY))
    similar = describe_themes(answers).similar
    themes = [t for pair in similar for t in (pair.theme, pair.target)]
    assert similar and len(themes) == len(set(themes))


def test_answers_without_the_columns_are_refused_with_a_message_saying_what_to_give():
    with pytest.raises(KeyError, match="text, theme"):
        describe_themes(pd.DataFrame({"answer": ["bus"], "theme": [1]}))
