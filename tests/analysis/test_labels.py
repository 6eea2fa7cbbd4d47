"""Theme labels read as a phrase people wrote, in the theme's main language, never cut mid-phrase."""

import numpy as np

from analysis.labels import ClassTfidfLabeler

STOP = frozenset({"i", "a", "my", "so", "is", "the", "and", "am", "to", "no", "at", "it", "too", "el", "la"})
BUS = ["no bus at night", "the bus is late", "bus pass costs too much", "bus never comes"]


def labels_of(texts: list[str], themes: list[int], languages: list[str] | None = None) -> dict[int, str]:
    tokens = [[w for w in t.lower().split() if w not in STOP] for t in texts]
    labeler = ClassTfidfLabeler(random_state=0).fit(
        tokens, texts, np.array(themes), np.ones(len(texts)), {}, STOP, languages
    )
    return labeler.labels_


def test_a_piece_of_a_longer_phrase_is_not_the_label():
    ends = ("costs too much", "closes early", "is far away", "ends at five", "has a waitlist", "is full")
    childcare = [f"single mom so child care {end}" for end in ends] * 2
    labels = labels_of(childcare + BUS * 3, [0] * len(childcare) + [1] * len(BUS) * 3)
    # "mom so child care" would be cut from "single mom so child care": every "mom" follows "single".
    assert labels[0] == "Child care"


def test_a_mixed_theme_is_labelled_in_the_language_most_of_its_answers_use():
    spanish = ["el camión nunca pasa"] * 6  # one longer phrase, which alone would win the label
    texts = BUS * 2 + spanish + ["childcare is expensive", "no childcare"] * 3
    languages = ["en"] * 8 + ["es"] * 6 + ["en"] * 6
    labels = labels_of(texts, [0] * 14 + [1] * 6, languages)
    assert "bus" in labels[0].lower()  # 8 English answers outweigh 6 Spanish ones in the label


def test_a_theme_of_one_repeated_answer_is_still_labelled_with_a_phrase():
    answer = "public transportation schedules rarely match evening shift hours"
    labels = labels_of([answer] * 3 + BUS * 3, [0] * 3 + [1] * len(BUS) * 3)
    assert len(labels[0].split()) >= 2, labels[0]


def test_a_word_mostly_said_inside_one_expression_is_labelled_with_the_expression():
    # Half the uses of "aid" are "financial aid": the word alone scores higher, but reads as anything.
    aid = ["no financial aid for me", "financial aid ran out", "aid took months", "still waiting on aid"]
    labels = labels_of(aid * 3 + BUS * 3, [0] * 12 + [1] * len(BUS) * 3)
    assert labels[0] == "Financial aid"


def test_a_word_used_in_many_ways_stays_a_one_word_label():
    # "bus" comes in four different phrases, none in a third of its uses: the word itself names the theme.
    aid = ["no financial aid for me", "financial aid ran out"]
    labels = labels_of(BUS * 3 + aid * 3, [0] * len(BUS) * 3 + [1] * 6)
    assert labels[0] == "Bus"


def test_one_persons_wording_never_becomes_the_label():
    aid = ["aid is slow", "no aid", "student aid office closed"]
    labeler = ClassTfidfLabeler(random_state=0).fit(
        [[w for w in t.split() if w not in STOP] for t in aid + BUS * 3],
        aid + BUS * 3,
        np.array([0] * len(aid) + [1] * len(BUS) * 3),
        np.ones(len(aid) + len(BUS) * 3),
        {},
        STOP,
    )
    assert labeler.labels_[0] == "Aid"  # "Student aid office closed" is one answer's wording
    assert labeler.labels_[0] not in labeler.alternatives_[0]
