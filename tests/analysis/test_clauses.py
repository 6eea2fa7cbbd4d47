"""Second themes from clauses: an answer that says two things counts in both themes, one that says one
thing in one."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import embeddings
from analysis.clauses import second_themes, split_clauses

from .conftest import CHILDCARE, SCHEDULE, TRANSPORT


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (
            "The bus takes two hours each way. Also I cannot afford child care.",
            ["The bus takes two hours each way", "I cannot afford child care"],
        ),
        (
            "classes are during my shift and also my car broke down",
            ["classes are during my shift", "my car broke down"],
        ),
        ("I want to study, but the bus never comes", ["I want to study", "the bus never comes"]),
        ("The bus is late; no money for the bus pass", ["The bus is late", "no money for the bus pass"]),
        (
            "Gas is expensive plus my shift changes every week",
            ["Gas is expensive", "my shift changes every week"],
        ),
    ],
)
def test_english_answers_are_cut_at_sentence_ends_and_added_points(text, clauses):
    assert split_clauses(text, "en") == clauses


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (
            "No tengo quien cuide a mis hijos y también el autobús no pasa",
            ["No tengo quien cuide a mis hijos", "el autobús no pasa"],
        ),
        (
            "Quiero estudiar enfermería pero trabajo de noche. Además la guardería es cara",
            ["Quiero estudiar enfermería", "trabajo de noche", "la guardería es cara"],
        ),
    ],
)
def test_spanish_answers_are_cut_at_their_own_connectors(text, clauses):
    assert split_clauses(text, "es") == clauses


@pytest.mark.parametrize(
    "text",
    [
        "I need bread and butter money before any training",
        "No car and no bus near my house",
        "Childcare is expensive",
        "Daycare, and more daycare",
    ],
)
def test_plain_and_or_short_pairs_are_never_cut(text):
    assert split_clauses(text, "en") == [text]


def test_no_clause_is_shorter_than_three_words():
    text = "Bus. Too slow. Also childcare. I cannot pay for daycare at all. Thanks!"
    clauses = split_clauses(text, "en")
    assert all(len(c.split()) >= 3 for c in clauses)
    assert len(clauses) >= 2
    assert " ".join(clauses).count("daycare") == 1  # nothing lost or repeated


@pytest.mark.skipif(
    not embeddings.available("wordllama"), reason="the packaged English model is not installed"
)
def test_an_answer_about_two_themes_gets_both_and_one_about_one_gets_one():
    def encode(texts: list[str], languages: list[str]) -> np.ndarray:
        return embeddings.encode(texts, model="wordllama")

    themes = [CHILDCARE, TRANSPORT, SCHEDULE]
    members = [encode(answers, []) for answers in themes]
    centers = np.vstack([m.sum(axis=0) / np.linalg.norm(m.sum(axis=0)) for m in members])
    answers = [a for group in themes for a in group]
    theme = np.repeat(np.arange(3), [len(g) for g in themes])
    score = np.concatenate([m @ centers[c] for c, m in enumerate(members)])

    asked = [
        "The bus takes two hours each way. Also I cannot afford child care.",
        "I need cheaper child care near my job",
    ]
    asked_sims = encode(asked, []) @ centers.T
    asked_theme = asked_sims.argmax(axis=1)
    second = second_themes(
        answers + asked,
        ["en"] * (len(answers) + 2),
        encode,
        centers,
        np.concatenate([theme, asked_theme]),
        np.concatenate([score, asked_sims.max(axis=1)]),
    )
    two_things, one_thing = second[-2], second[-1]
    assert {int(asked_theme[0]), int(two_things)} == {0, 1}  # transport and child care, primary first
    assert one_thing == -1


def test_only_answers_of_two_clauses_or_more_are_embedded_again_and_other_is_left_alone():
    seen: list[str] = []

    def encode(texts: list[str], languages: list[str]) -> np.ndarray:
        seen.extend(texts)
        return np.tile([1.0, 0.0], (len(texts), 1)).astype(np.float32)

    answers = [
        "Childcare is too expensive",
        "The bus is slow. My kids have no babysitter at night",
        "Nothing fits me at all. Nobody ever calls me back",
    ]
    second = second_themes(
        answers, ["en"] * 3, encode, np.eye(2, dtype=np.float32), np.array([0, 1, -1]), np.ones(3)
    )
    assert seen == ["The bus is slow", "My kids have no babysitter at night"]
    assert second.tolist() == [-1, 0, -1]  # both clauses read as theme 0: the answer's second theme
