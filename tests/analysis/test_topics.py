"""Two levels: topics (what a program manager reads first) holding themes (what an analyst codes)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analysis import OTHER_THEME_ID, find_themes
from analysis.clustering import MIN_THEMES_FOR_TOPICS, group_into_topics


def test_close_theme_centres_are_grouped_into_one_topic():
    rng = np.random.default_rng(0)
    poles = np.eye(3, 16)
    centres = np.vstack([p + 0.15 * rng.standard_normal((4, 16)) for p in poles])  # 3 subjects x 4 themes
    topic, how = group_into_topics(centres, np.ones(12))
    assert len(set(topic)) == 3
    assert all(len(set(topic[i * 4 : i * 4 + 4])) == 1 for i in range(3))
    assert "silhouette" in how


def test_a_few_themes_are_each_their_own_topic():
    topic, how = group_into_topics(np.eye(MIN_THEMES_FOR_TOPICS - 1, 8), np.ones(MIN_THEMES_FOR_TOPICS - 1))
    assert sorted(topic) == list(range(MIN_THEMES_FOR_TOPICS - 1))
    assert "own topic" in how


@pytest.mark.parametrize("representation", ["tfidf", "auto"])
def test_every_theme_sits_in_exactly_one_topic_and_sizes_add_up(answers, representation):
    result = find_themes(answers * 3, representation=representation, random_state=0)
    real = [t for t in result.themes if t.id != OTHER_THEME_ID]
    assert result.topics
    held = [c for topic in result.topics for c in topic.theme_ids]
    assert sorted(held) == sorted(t.id for t in real)
    by_id = {t.id: t for t in result.themes}
    for topic in result.topics:
        assert topic.label
        assert topic.size == sum(by_id[c].size for c in topic.theme_ids)
        assert all(by_id[c].topic == topic.id for c in topic.theme_ids)
    assert all(t.topic is None for t in result.themes if t.id == OTHER_THEME_ID)
    assert [t.size for t in result.topics] == sorted((t.size for t in result.topics), reverse=True)


def test_the_json_keeps_every_old_key_and_adds_the_topics(answers):
    payload = json.loads(json.dumps(find_themes(answers, representation="tfidf", random_state=0).to_dict()))
    assert {"themes", "assignments", "parameters", "topics"} <= set(payload)
    assert {"id", "label", "terms", "size", "share", "sentiment", "quotes", "topic"} <= set(
        payload["themes"][0]
    )
    assert {"id", "label", "theme_ids", "size"} == set(payload["topics"][0])
    assert payload["parameters"]["n_topics"] == len(payload["topics"])


def test_a_small_distinct_theme_is_kept_not_folded_into_other(g):
    # Three answers about a concern nobody else has: a minority voice, not dust.
    rare = [
        "I use a wheelchair and the building has no ramp",
        "no wheelchair ramp at the training center",
        "wheelchair access, there is no ramp",
    ]
    texts = (g.CHILDCARE + g.TRANSPORT + g.SCHEDULE) * 6 + rare
    result = find_themes(texts, random_state=0)
    rows = result.assignments.iloc[-3:]
    assert rows["theme"].nunique() == 1 and int(rows["theme"].iloc[0]) != OTHER_THEME_ID
    theme = next(t for t in result.themes if t.id == int(rows["theme"].iloc[0]))
    assert theme.size <= 4


@pytest.mark.parametrize("seed", [1, 2])
def test_a_small_distinct_theme_among_a_hundred_answers_keeps_its_own_theme(seed):
    """Averaging answers with their neighbours (80+ distinct answers) must not erase a minority voice."""
    import random

    from surveys.demo.answers import labelled_open_answers

    rare = [
        "I use a wheelchair and the building has no ramp",
        "no wheelchair ramp at the training center",
        "wheelchair access, there is no ramp",
    ]
    answers = [t for t, _, _ in labelled_open_answers("career_help", 100, random.Random(seed), spanish_share=0.15)]
    result = find_themes(answers + rare, random_state=0)
    rows = result.assignments.iloc[-3:]
    assert rows["theme"].nunique() == 1 and int(rows["theme"].iloc[0]) != OTHER_THEME_ID
    assert next(t for t in result.themes if t.id == int(rows["theme"].iloc[0])).size <= 4


def test_a_report_threshold_leaves_room_for_themes_it_can_print():
    """With a small-cell threshold of 5, 70 answers get at most 7 themes (one per 10 answers), not the
    13 the engine would consider without it; without the threshold the bound is unchanged."""
    import random

    from analysis import ThemeFinder
    from analysis.engine import max_themes_on_embeddings
    from surveys.demo import labelled_open_answers

    assert max_themes_on_embeddings(70) == 13
    assert max_themes_on_embeddings(70, min_theme_size=5) == 7
    assert max_themes_on_embeddings(2_000, min_theme_size=5) == max_themes_on_embeddings(2_000)
    texts = [text for text, _, _ in labelled_open_answers("employer_hiring", 70, random.Random(3))]
    finder = ThemeFinder(random_state=0, min_theme_size=5).fit(texts)
    assert 2 <= finder.n_themes_ <= 7
    assert ThemeFinder(random_state=0).fit(texts).n_themes_ > finder.n_themes_

    # The TF-IDF fallback leaves the same room: 300 answers at a threshold of 30 get at most 5 themes.
    more = [text for text, _, _ in labelled_open_answers("career_barriers", 300, random.Random(3))]
    assert ThemeFinder(random_state=0, representation="tfidf").fit(more).n_themes_ > 5
    assert ThemeFinder(random_state=0, representation="tfidf", min_theme_size=30).fit(more).n_themes_ <= 5


def test_topics_hold_two_themes_on_average_at_least():
    """On 100 answers the topics are a short list to read first, not one heading per theme."""
    import random

    from analysis import ThemeFinder
    from surveys.demo import labelled_open_answers

    texts = [text for text, _, _ in labelled_open_answers("career_barriers", 100, random.Random(11), spanish_share=0.3)]
    finder = ThemeFinder(random_state=0).fit(texts)
    assert len(finder.topics_) <= max(2, finder.n_themes_ // 2)
    assert len(finder.topics_) >= 2
