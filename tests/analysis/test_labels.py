"""Theme labels read as a phrase people wrote, in the report's language, never cut mid-phrase."""

from collections import Counter

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


def test_a_mixed_theme_is_labelled_from_its_english_answers_even_when_most_are_spanish():
    spanish = ["el camión nunca pasa"] * 9  # one longer phrase, which alone would win the label
    texts = BUS * 1 + spanish + ["childcare is expensive", "no childcare"] * 3
    languages = ["en"] * 4 + ["es"] * 9 + ["en"] * 6
    labels = labels_of(texts, [0] * 13 + [1] * 6, languages)
    assert "bus" in labels[0].lower()  # 4 English answers name it for an English report


def test_a_theme_of_spanish_answers_only_keeps_its_spanish_label_with_an_english_gloss():
    citas = ["citas médicas cada semana", "tengo citas médicas cada semana", "citas médicas cada semana y no puedo"]
    texts = citas + BUS * 3
    labeler = ClassTfidfLabeler(random_state=0).fit(
        [t.split() for t in texts], texts, np.array([0] * 3 + [1] * 12), np.ones(15), {}, STOP | {"y", "no"},
        ["es"] * 3 + ["en"] * 12,
    )
    assert labeler.labels_[0] == "Citas médicas cada semana (gloss: appointment, doctor, week)"
    assert labeler.label_languages_ == {0: "es", 1: "en"}


def test_without_a_report_language_a_theme_is_named_in_its_main_language():
    spanish = ["el camión nunca pasa"] * 9
    texts = BUS + spanish + ["no childcare"] * 6
    tokens = [[w for w in t.lower().split() if w not in STOP] for t in texts]
    labeler = ClassTfidfLabeler(random_state=0, report_language=None).fit(
        tokens, texts, np.array([0] * 13 + [1] * 6), np.ones(19), {}, STOP, ["en"] * 4 + ["es"] * 9 + ["en"] * 6
    )
    assert labeler.labels_[0] == "Camión nunca pasa"


def test_key_terms_of_a_mixed_theme_are_the_words_its_english_answers_wrote():
    # Both languages meet in one token (as the glossary makes "guardería" and "childcare" meet), but the
    # report prints it as the English answers wrote it, and leaves out words only Spanish answers used.
    texts = ["la guardería cuesta mucho"] * 5 + ["childcare costs too much"] * 2 + BUS * 3
    tokens = [["childcare", "chiquitos"]] * 5 + [["childcare", "cost"]] * 2 + [["bus"]] * 12
    surfaces = {"childcare": Counter({"guardería": 5, "childcare": 2}), "chiquitos": Counter({"chiquitos": 5}),
                "cost": Counter({"costs": 2}), "bus": Counter({"bus": 12})}
    english = {"childcare": Counter({"childcare": 2}), "cost": Counter({"costs": 2}), "bus": Counter({"bus": 12})}
    labeler = ClassTfidfLabeler(random_state=0).fit(
        tokens, texts, np.array([0] * 7 + [1] * 12), np.ones(19), surfaces, STOP, ["es"] * 5 + ["en"] * 14,
        report_surfaces=english,
    )
    assert labeler.terms_[0] == ["childcare", "costs"]


def test_themes_that_use_the_same_words_are_more_alike_than_others():
    texts = ["bus is late"] * 4 + ["the bus never comes"] * 4 + ["no childcare"] * 4
    tokens = [t.split() for t in texts]
    labeler = ClassTfidfLabeler(random_state=0).fit(
        tokens, texts, np.array([0] * 4 + [1] * 4 + [2] * 4), np.ones(12), {}, STOP
    )
    similarity = labeler.similarity_
    assert similarity[0, 1] > similarity[0, 2] and similarity[0, 1] > similarity[1, 2]


def test_a_word_that_opens_a_phrase_keeps_it_whole():
    # "part" is in the packaged stopword list; cutting it left the unclear label "Time version".
    from analysis.engine import label_stopwords

    texts = [f"a part time version of the {p} program" for p in ("cna", "ma", "pharmacy")] * 2 + BUS * 3
    tokens = [[w for w in t.split() if w not in label_stopwords()] for t in texts]
    labeler = ClassTfidfLabeler(random_state=0).fit(
        tokens, texts, np.array([0] * 6 + [1] * 12), np.ones(18), {}, label_stopwords()
    )
    assert labeler.labels_[0] == "Part time version"


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
