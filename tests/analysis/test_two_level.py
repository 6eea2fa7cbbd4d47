"""Topics first, then themes inside each topic (analysis.two_level)."""

from __future__ import annotations

import numpy as np

from analysis.two_level import TwoLevelKMeans


def nested_answers(seed=0, subjects=3, themes_per_subject=3, per_theme=60):
    """Unit vectors around ``subjects`` far-apart poles, each holding ``themes_per_subject`` closer themes."""
    rng = np.random.default_rng(seed)
    dim = 32
    rows, subject, theme = [], [], []
    for s in range(subjects):
        pole = np.zeros(dim)
        pole[s] = 4.0
        for t in range(themes_per_subject):
            centre = pole.copy()
            centre[subjects + s * themes_per_subject + t] = 1.5
            rows.append(centre + 0.25 * rng.standard_normal((per_theme, dim)))
            subject += [s] * per_theme
            theme += [s * themes_per_subject + t] * per_theme
    X = np.vstack(rows)
    return X / np.linalg.norm(X, axis=1, keepdims=True), np.array(subject), np.array(theme)


def test_broad_subjects_become_topics_and_no_theme_crosses_one():
    X, subject, _ = nested_answers()
    model = TwoLevelKMeans(max_clusters=15, random_state=0).fit(X)
    assert model.n_topics_ == 3
    topic_of_answer = model.topic_of_cluster_[model.labels_]
    # Each topic is one subject, and every theme lies wholly inside one topic.
    assert all(len(set(subject[topic_of_answer == g])) == 1 for g in range(model.n_topics_))
    for c in range(model.n_clusters_):
        assert len(set(topic_of_answer[model.labels_ == c])) == 1
    assert model.n_clusters_ > model.n_topics_
    assert model.criterion_ == "topics-first"


def test_themes_split_a_topic_into_its_finer_concerns():
    X, _, theme = nested_answers(per_theme=80)
    model = TwoLevelKMeans(max_clusters=20, random_state=0).fit(X)
    from sklearn.metrics import adjusted_mutual_info_score

    assert adjusted_mutual_info_score(theme, model.labels_) > 0.8


def test_labels_and_centres_agree_and_weights_count():
    X, _, _ = nested_answers(per_theme=30)
    weights = np.ones(len(X))
    weights[:30] = 5.0  # one theme's answers each stand for five rows
    model = TwoLevelKMeans(max_clusters=12, random_state=0).fit(X, sample_weight=weights)
    assert model.cluster_centers_.shape[0] == model.n_clusters_ == len(model.topic_of_cluster_)
    assert set(np.unique(model.labels_)) == set(range(model.n_clusters_))
    assert np.allclose(np.linalg.norm(model.cluster_centers_, axis=1), 1.0, atol=1e-5)


def test_too_few_answers_make_one_topic_without_failing():
    X, _, _ = nested_answers(subjects=1, themes_per_subject=1, per_theme=3)
    model = TwoLevelKMeans(max_clusters=3, random_state=0).fit(X)
    assert model.n_clusters_ >= 1
    assert len(model.labels_) == len(X)
