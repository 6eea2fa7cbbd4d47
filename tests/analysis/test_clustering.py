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


def test_neighbourhood_mean_pulls_noisy_answers_towards_their_own_concern():
    from analysis.clustering import neighbourhood_mean

    rng = np.random.default_rng(0)
    a, b = np.eye(8)[0], np.eye(8)[1]
    group_a = a + 0.15 * rng.standard_normal((40, 8))
    group_b = b + 0.15 * rng.standard_normal((40, 8))
    X = np.vstack([group_a, group_b]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    Z = neighbourhood_mean(X)
    assert np.allclose(np.linalg.norm(Z, axis=1), 1, atol=1e-5)
    # Every answer ends nearer its own concern than the other; each group, on average, nearer than it was.
    assert (Z[:40] @ a > Z[:40] @ b).all() and (Z[40:80] @ b > Z[40:80] @ a).all()
    assert (Z[:40] @ a).mean() > (X[:40] @ a).mean() and (Z[40:80] @ b).mean() > (X[40:80] @ b).mean()


def test_neighbourhood_mean_keeps_a_small_distinct_group_apart():
    """Three answers about a wheelchair ramp are each other's nearest: they are averaged together, not
    into the large concern around them (only mutual neighbours count)."""
    from analysis.clustering import neighbourhood_mean

    rng = np.random.default_rng(1)
    big, rare = np.eye(8)[0], 0.6 * np.eye(8)[0] + 0.8 * np.eye(8)[2]
    X = np.vstack([big + 0.2 * rng.standard_normal((200, 8)), rare + 0.05 * rng.standard_normal((3, 8))])
    X = (X / np.linalg.norm(X, axis=1, keepdims=True)).astype(np.float32)
    Z = neighbourhood_mean(X)
    rare_centre = X[200:].mean(axis=0) / np.linalg.norm(X[200:].mean(axis=0))
    assert (Z[200:] @ rare_centre > 0.98).all()
    # Still far nearer each other (averaged with every nearest answer, they would come within 0.3).
    assert (Z[200:] @ rare_centre - Z[200:] @ big > 0.33).all()


def _two_languages(rng, spanish_concerns):
    """Unit vectors around three concerns; Spanish ones (only ``spanish_concerns``) carry a shared offset."""
    concerns = np.eye(3, 16) * 3
    offset = np.zeros(16)
    offset[10] = 2.5
    rows, concern, language = [], [], []
    for c in range(3):
        for lang, n in (("en", 40), ("es", 20 if c in spanish_concerns else 0)):
            for _ in range(n):
                v = concerns[c] + rng.normal(0, 0.6, 16) + (offset if lang == "es" else 0)
                rows.append(v / np.linalg.norm(v))
                concern.append(c)
                language.append(lang)
    return np.array(rows, dtype=np.float32), np.array(concern), language


@pytest.mark.parametrize("spanish_concerns", [(0, 1, 2), (0,)], ids=["same mix", "spanish on one concern"])
def test_language_offsets_put_answers_beside_the_other_language(spanish_concerns):
    """Before, a Spanish answer's nearest answers are Spanish (the language offset outweighs the concern);
    after, most are English answers about its concern. The offset comes from answers that say the same
    thing, so it holds when Spanish speakers write about one concern only (a mean gap would pull them
    towards the others)."""
    from analysis.clustering import language_offsets, without_language_offsets

    X, concern, language = _two_languages(np.random.default_rng(0), spanish_concerns)
    es = np.array(language) == "es"

    def nearest(V):
        S = V @ V.T
        np.fill_diagonal(S, -9)
        near = np.argsort(-S[es], axis=1)[:, :10]
        return float((~es[near]).mean()), float((concern[near] == concern[es][:, None]).mean())

    english_before, _ = nearest(X)
    offsets = language_offsets(X, language)
    assert set(offsets) == {"es"}
    aligned = without_language_offsets(X, language, offsets)
    english_after, same_concern = nearest(aligned)
    assert english_before < 0.25 and english_after > 0.45
    assert same_concern > 0.95
    assert np.allclose(aligned[~es], X[~es] / np.linalg.norm(X[~es], axis=1, keepdims=True), atol=1e-5)
    assert offsets["es"][10] > 0.5 * np.linalg.norm(offsets["es"])  # the language's offset, not a concern's


def test_a_language_with_few_answers_keeps_its_vectors():
    from analysis.clustering import language_offsets

    X, _, language = _two_languages(np.random.default_rng(1), (0, 1, 2))
    offsets = language_offsets(X, language[:-5] + ["vi"] * 5)
    assert "vi" not in offsets and "es" in offsets
