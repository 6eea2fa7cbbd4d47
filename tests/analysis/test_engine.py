import json

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from analysis import OTHER_THEME_ID, TextProcessor, ThemeFinder, find_themes


def run(texts, **params):
    params.setdefault("representation", "tfidf")
    params.setdefault("random_state", 0)
    return find_themes(texts, **params)


def test_every_row_is_assigned_exactly_once(answers):
    result = run(answers)
    rows = result.assignments["row"].tolist()
    assert rows == list(range(len(answers)))
    payload = result.to_dict()
    assert [a["row"] for a in payload["assignments"]] == rows
    json.dumps(payload)  # JSON-ready
    assert {"id", "label", "terms", "size", "share", "sentiment", "quotes"} <= set(payload["themes"][0])


def test_non_answers_get_no_theme_and_a_reason(g, answers):
    result = run(answers)
    non = result.assignments.iloc[-len(g.NON_ANSWERS) :]
    assert non["theme"].isna().all()
    assert non["reason"].notna().all()
    assert set(non["reason"]) <= {"empty", "non_answer", "no_words", "keyboard_mash"}
    answered = result.assignments.iloc[: -len(g.NON_ANSWERS)]
    assert answered["theme"].notna().all()
    assert sum(t.size for t in result.themes) == len(answered)


def test_forced_k_gives_that_many_themes_and_groups_clear_themes(g, themed_answers):
    result = run(themed_answers, k=3)
    real = [t for t in result.themes if t.id != OTHER_THEME_ID]
    assert len(real) == 3
    theme_of = result.assignments["theme"].tolist()
    groups = [g.CHILDCARE, g.TRANSPORT, g.SCHEDULE]
    start = 0
    majority = []
    for group in groups:
        ids = pd.Series(theme_of[start : start + len(group)]).mode()
        majority.append(int(ids.iloc[0]))
        start += len(group)
    assert len(set(majority)) == 3, "each clear theme should have its own majority cluster"


def test_same_seed_same_themes(answers):
    a, b = run(answers, random_state=7), run(answers, random_state=7)
    assert a.assignments["theme"].equals(b.assignments["theme"])
    assert [t.label for t in a.themes] == [t.label for t in b.themes]


def test_labels_are_readable_phrases_and_quotes_are_redacted(themed_answers):
    texts = themed_answers + ["Child care please, call me at 555-123-4567 about childcare for my kids"]
    result = run(texts, k=3, n_quotes=20)
    for theme in result.themes:
        assert theme.label and theme.label[0].isupper() and "," not in theme.label
        assert 1 <= len(theme.quotes) <= 20
    quotes = [q for t in result.themes for q in t.quotes]
    assert not any("555" in q for q in quotes)
    assert any("[phone]" in q for q in quotes)


def test_spanish_answers_are_themed_and_left_without_sentiment(g, answers):
    result = run(answers)
    spanish = result.assignments.iloc[len(g.CHILDCARE) + len(g.TRANSPORT) + len(g.SCHEDULE) :][
        : len(g.SPANISH)
    ]
    assert (spanish["language"] == "es").all()
    assert spanish["sentiment"].isna().all()
    assert spanish["theme"].notna().all()
    english = result.assignments.iloc[: len(g.CHILDCARE)]
    assert english["sentiment"].notna().all()


def test_forced_language_is_used_for_every_answer(themed_answers):
    result = run(themed_answers, language="en")
    assert (result.assignments["language"] == "en").all()


def test_duplicates_are_counted_not_reclustered(g):
    texts = ["No car"] * 30 + ["no car!"] * 5 + g.CHILDCARE + g.TRANSPORT
    finder = ThemeFinder(representation="tfidf", k=2, random_state=0).fit(texts)
    assert finder.n_answers_ == len(texts)
    assert finder.n_distinct_answers_ == len(set(g.CHILDCARE + g.TRANSPORT)) + 1
    first = finder.assignments_["theme"].iloc[:35]
    assert first.nunique() == 1


@pytest.mark.parametrize("texts", [[], ["n/a", ""], ["only one answer here"], ["same", "same"]])
def test_tiny_inputs_do_not_break(texts):
    result = run(texts)
    assert len(result.assignments) == len(texts)


def test_dataframe_input_with_a_wrong_column_says_what_exists():
    frame = pd.DataFrame({"Answer text": ["no car"], "id": [1]})
    with pytest.raises(KeyError, match="Answer text"):
        find_themes(frame, "answer_txt")


@pytest.mark.parametrize(
    "params", [{"k": 0}, {"language": "fr"}, {"representation": "magic"}, {"choose_k_with": "guess"}]
)
def test_invalid_parameters_are_refused(params, themed_answers):
    with pytest.raises(ValueError):
        run(themed_answers, **params)


def test_auto_representation_falls_back_to_tfidf_when_over_budget(themed_answers):
    finder = ThemeFinder(representation="auto", time_budget=0, random_state=0).fit(themed_answers)
    assert finder.representation_ == "tfidf-lsa"


def test_an_answer_about_two_things_can_get_a_second_theme(g):
    texts = g.CHILDCARE * 3 + g.TRANSPORT * 3 + ["child care and the bus, no car and no daycare for my kids"]
    result = run(texts, k=2)
    last = result.assignments.iloc[-1]
    assert pd.isna(last["second_theme"]) or int(last["second_theme"]) != int(last["theme"])
    assert "second_theme" in result.assignments.columns


def shared_answers(frame: pd.DataFrame, texts: list[str], spanish: list[str], english: list[str]) -> int:
    """How many ``english`` answers sit in the theme that holds most of the ``spanish`` ones."""
    rows = [i for i, t in enumerate(texts) if t in spanish]
    theme = int(frame.loc[rows, "theme"].mode()[0])
    return sum(1 for i, t in enumerate(texts) if t in english and frame.loc[i, "theme"] == theme)


def test_spanish_and_english_answers_about_one_concern_share_a_theme(g):
    texts = (
        g.CHILDCARE * 2 + g.TRANSPORT * 2 + g.SCHEDULE * 2 + (g.SPANISH_CHILDCARE + g.SPANISH_TRANSPORT) * 2
    )
    finder = ThemeFinder(representation="tfidf", random_state=0).fit(texts)
    frame = finder.assignments_
    assert finder.language_groups_ == []
    childcare = shared_answers(frame, texts, g.SPANISH_CHILDCARE, g.CHILDCARE)
    transport = shared_answers(frame, texts, g.SPANISH_TRANSPORT, g.TRANSPORT)
    assert childcare >= 4 and transport >= 4
    assert shared_answers(frame, texts, g.SPANISH_CHILDCARE, g.TRANSPORT) < childcare / 2
    assert shared_answers(frame, texts, g.SPANISH_TRANSPORT, g.CHILDCARE) < transport / 2


def test_without_the_glossary_each_sizeable_language_gets_its_own_themes_instead_of_one_lump(g):
    texts = (
        g.CHILDCARE * 2 + g.TRANSPORT * 2 + g.SCHEDULE * 2 + (g.SPANISH_CHILDCARE + g.SPANISH_TRANSPORT) * 2
    )
    finder = ThemeFinder(
        representation="tfidf", text_processor=TextProcessor(glossary={}), random_state=0
    ).fit(texts)
    assert finder.language_groups_ == ["en", "es"]
    frame = finder.assignments_
    spanish_themes = set(frame.loc[frame["language"] == "es", "theme"].dropna()) - {OTHER_THEME_ID}
    english_themes = set(frame.loc[frame["language"] == "en", "theme"].dropna()) - {OTHER_THEME_ID}
    assert len(spanish_themes) >= 2
    assert not spanish_themes & english_themes


def test_missing_values_of_any_kind_are_empty_answers(g):
    frame = pd.DataFrame({"text": pd.array([*g.CHILDCARE, None, pd.NA, float("nan")], dtype=object)})
    result = run(frame, text_column="text")
    assert result.assignments["reason"].tolist()[-3:] == ["empty", "empty", "empty"]


def test_the_result_says_how_the_number_of_themes_was_chosen(themed_answers):
    assert run(themed_answers, k=3).parameters["k_choice"] == "given"
    chosen = run(themed_answers, choose_k_with="representation").parameters["k_choice"]
    assert chosen == "silhouette on the clustered vectors"  # too few answers to merge micro-clusters


def test_two_distinct_answers_say_there_was_nothing_to_choose():
    finder = ThemeFinder(representation="tfidf", random_state=0).fit(
        ["the bus is late"] * 5 + ["rent is high"] * 5
    )
    assert finder.n_themes_ == 2
    assert finder.k_choice_ == "too few distinct answers to choose"


def test_answers_all_in_spanish_have_nothing_to_link_to_and_still_get_themes(g):
    texts = (g.SPANISH_CHILDCARE + g.SPANISH_TRANSPORT) * 2
    finder = ThemeFinder(representation="tfidf", random_state=0).fit(texts)
    assert finder.language_link_ == 0.0
    assert finder.n_themes_ >= 2
    assert find_themes(texts, representation="tfidf").parameters["language_link"] == 0.0


def test_word_count_themes_are_counted_by_merged_centres_and_find_the_broad_concerns():
    # Four concerns, each with its own 60-word vocabulary; people write four words each, with a long
    # tail, so two answers about one concern often share no word (as real answers do).
    rng = np.random.default_rng(0)
    letters = np.array(list("bcdfghjklmnpqrstvwz"))
    texts, concern = [], []
    for c in range(4):
        vocabulary = [
            "".join(rng.choice(letters, 3)) + "a" + "".join(rng.choice(letters, 2)) for _ in range(60)
        ]
        p = 1 / np.arange(1, 61) ** 0.8
        for _ in range(300):
            texts.append(" ".join(rng.choice(vocabulary, size=4, replace=False, p=p / p.sum())))
            concern.append(c)
    finder = ThemeFinder(representation="tfidf", choose_k_with="representation", random_state=0).fit(texts)
    assert finder.k_choice_ == "silhouette of merged theme centres on the clustered vectors"
    assert finder.n_themes_ == 4
    assert adjusted_rand_score(concern, finder.labels_) > 0.8


def test_a_scikit_learn_clusterer_is_used_as_given_and_left_untouched(themed_answers):
    from sklearn.cluster import KMeans

    mine = KMeans(n_clusters=3, n_init=3, random_state=0)
    finder = ThemeFinder(representation="tfidf", clusterer=mine, random_state=0).fit(themed_answers)
    assert finder.n_themes_ == 3  # its own number of clusters, not replaced by "choose"
    assert finder.k_choice_ == "chosen by the given clusterer"
    assert not hasattr(mine, "labels_")  # a clone was fitted, not the caller's object


def test_a_forced_k_reaches_a_clone_of_the_callers_clusterer_only(themed_answers):
    from analysis import AutoKMeans

    mine = AutoKMeans(n_clusters=None, random_state=0)
    finder = ThemeFinder(representation="tfidf", clusterer=mine, k=4, random_state=0).fit(themed_answers)
    assert finder.n_themes_ == 4
    assert mine.n_clusters is None and not hasattr(mine, "labels_")


def test_rows_known_not_to_be_answers_keep_their_place_and_say_why(themed_answers):
    texts = ["What gets in the way?", '{"ImportId":"QID4_TEXT"}', *themed_answers]
    result = find_themes(
        pd.DataFrame({"answer": texts}),
        "answer",
        excluded_rows={0: "export_header", 1: "export_header"},
        representation="tfidf",
        random_state=0,
    )
    assert result.assignments["reason"].iloc[:2].tolist() == ["export_header", "export_header"]
    assert result.assignments["theme"].iloc[:2].isna().all()
    assert result.parameters["n_answers"] == len(themed_answers)


needs_embeddings = pytest.mark.skipif(
    not __import__("analysis.embeddings", fromlist=["available"]).available(),
    reason="no packaged embedding model installed",
)


@needs_embeddings
def test_the_default_install_clusters_on_packaged_embeddings_with_the_network_off(monkeypatch, answers):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the engine tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = find_themes(answers, random_state=0)
    assert result.parameters["representation"].startswith("embeddings:")
    assert result.assignments["theme"].notna().sum() == len(answers) - 7


@needs_embeddings
@pytest.mark.parametrize("name", ["embeddings", "semantic"])
def test_embeddings_can_be_asked_for_by_name_and_by_its_older_name(name, themed_answers):
    finder = ThemeFinder(representation=name, k=3, random_state=0).fit(themed_answers)
    assert finder.representation_.startswith("embeddings:")
    assert finder.representation_reason_ == "requested"


@needs_embeddings
def test_on_embeddings_spanish_and_english_answers_about_one_concern_share_a_theme(g):
    texts = (
        g.CHILDCARE * 2 + g.TRANSPORT * 2 + g.SCHEDULE * 2 + (g.SPANISH_CHILDCARE + g.SPANISH_TRANSPORT) * 2
    )
    finder = ThemeFinder(representation="embeddings", k=3, random_state=0).fit(texts)
    frame = finder.assignments_
    childcare = shared_answers(frame, texts, g.SPANISH_CHILDCARE, g.CHILDCARE)
    transport = shared_answers(frame, texts, g.SPANISH_TRANSPORT, g.TRANSPORT)
    assert childcare >= 4 and transport >= 4
    assert shared_answers(frame, texts, g.SPANISH_CHILDCARE, g.TRANSPORT) < childcare / 2


def test_the_question_reaches_the_result(themed_answers):
    result = run(themed_answers, question="What makes it hard to attend training?")
    assert result.parameters["question"] == "What makes it hard to attend training?"
