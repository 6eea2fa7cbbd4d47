import numpy as np
import pytest

from analysis.clustering import AutoKMeans, default_max_clusters
from analysis.representation import TfidfLSA


def bag_of_words_answers(n_concerns=4, per_concern=400, seed=0):
    """Answers of four words each, drawn from one concern's vocabulary with a long tail, as people write:
    two answers about the same concern often share no word at all."""
    rng = np.random.default_rng(seed)
    tokens, concern = [], []
    for c in range(n_concerns):
        vocabulary = [f"word{c}x{i}" for i in range(60)]
        p = 1 / np.arange(1, 61) ** 0.8
        for _ in range(per_concern):
            tokens.append(list(rng.choice(vocabulary, size=4, replace=False, p=p / p.sum())))
            concern.append(c)
    X = TfidfLSA(char_ngrams=False, random_state=0).fit_transform([" ".join(t) for t in tokens], tokens)
    return X, np.array(concern)


def test_merged_centres_find_the_broad_concerns():
    # (The answers' own silhouette used to go to the bound here; with this scikit-learn it finds 4 too,
    # so only the merged-centre criterion's result is asserted.)
    X, _ = bag_of_words_answers()
    by_centres = AutoKMeans(criterion="merged-centres", random_state=0)
    assert by_centres.choose_k(X) == 4
    assert by_centres.criterion_ == "merged-centres"


@pytest.mark.parametrize("per_concern", [5, 75])
def test_too_few_answers_to_merge_fall_back_to_the_answers_silhouette(per_concern):
    # 300 answers allow at most 12 themes: merging could only choose among 3 to 6, too few.
    X, _ = bag_of_words_answers(n_concerns=4, per_concern=per_concern)
    clusterer = AutoKMeans(criterion="merged-centres", random_state=0).fit(X)
    assert clusterer.criterion_ == "silhouette"
    assert max(clusterer.scores_) == default_max_clusters(len(X))  # every count up to the bound is tried


def test_a_forced_k_records_no_criterion():
    X, _ = bag_of_words_answers(n_concerns=2, per_concern=20)
    clusterer = AutoKMeans(n_clusters=2, criterion="merged-centres", random_state=0).fit(X)
    assert clusterer.criterion_ is None
    assert clusterer.scores_ == {}
    assert len(set(clusterer.labels_)) == 2


def test_an_unknown_criterion_is_refused_by_name_even_with_a_forced_k():
    X, _ = bag_of_words_answers(n_concerns=2, per_concern=20)
    with pytest.raises(ValueError, match="merged-centres"):
        AutoKMeans(criterion="elbow").choose_k(X)
    with pytest.raises(ValueError, match="merged-centres"):
        AutoKMeans(n_clusters=2, criterion="elbow").fit(X)
