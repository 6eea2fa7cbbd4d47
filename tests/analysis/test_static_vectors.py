"""The shipped multilingual word table: a Spanish answer lands beside its English counterpart, offline,
without the glossary, and the engine reads mixed answers with it."""

from __future__ import annotations

import socket

import numpy as np
import pandas as pd
import pytest

from analysis import ThemeFinder, embeddings, static_vectors
from analysis.representation import BOTH, Embeddings
from analysis.text import TextProcessor

needs_table = pytest.mark.skipif(not static_vectors.available(), reason="the word table is not built")


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@needs_table
def test_a_translation_is_nearer_than_another_concern_in_either_language(no_network):
    X = static_vectors.encode([
        "childcare is too expensive", "la guardería es muy cara", "the bus never comes", "el autobús nunca llega",
    ])
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0, atol=1e-4)
    assert X[0] @ X[1] > max(X[0] @ X[3], X[1] @ X[2])
    assert X[2] @ X[3] > max(X[2] @ X[1], X[3] @ X[0])


@needs_table
def test_an_answer_typed_without_accents_reads_as_with_them():
    a, b = static_vectors.encode(["no hay guardería cerca", "no hay guarderia cerca"])
    assert a @ b > 0.999


@needs_table
def test_empty_and_unknown_text_give_zero_rows_not_errors():
    X = static_vectors.encode(["", "zzqx qqzv", "123"])
    assert X.shape[0] == 3 and not X.any() and np.isfinite(X).all()


def test_text_written_without_spaces_is_split_by_the_longest_words_the_table_knows():
    table = static_vectors.StaticTable(["北京", "大学", "北", "bus"], np.eye(4, dtype=np.float32), {})
    assert table.rows_of("北京大学") == [0, 1]
    assert table.rows_of("Bus!") == [3]


@needs_table
def test_mixed_answers_are_read_with_the_word_table_english_ones_with_wordllama():
    if not embeddings.available("wordllama"):
        pytest.skip("wordllama not installed")
    rep = Embeddings()
    assert rep.choose_model(["en"] * 20) == "wordllama"
    glossed = [["childcare", "expensive"]] * 2
    unglossed = [["guardería", "caro"]] * 2
    assert rep.choose_model(["en"] * 18 + ["es"] * 2, [["bus"]] * 18 + glossed) == BOTH
    assert rep.choose_model(["en"] * 18 + ["es"] * 2, [["bus"]] * 18 + unglossed) == "static"


def shared_theme(frame: pd.DataFrame, texts: list[str], spanish: list[str], english: list[str]) -> int:
    """How many ``english`` answers sit in the theme holding most of the ``spanish`` ones."""
    rows = [i for i, t in enumerate(texts) if t in spanish]
    theme = int(frame.loc[rows, "theme"].mode()[0])
    return sum(1 for i, t in enumerate(texts) if t in english and frame.loc[i, "theme"] == theme)


@needs_table
def test_without_the_glossary_spanish_and_english_answers_about_one_concern_share_a_theme(g, no_network):
    texts = (
        g.CHILDCARE * 2 + g.TRANSPORT * 2 + g.SCHEDULE * 2 + (g.SPANISH_CHILDCARE + g.SPANISH_TRANSPORT) * 2
    )
    finder = ThemeFinder(k=3, random_state=0, text_processor=TextProcessor(glossary={})).fit(texts)
    assert "chorus-static-multilingual" in finder.representation_
    frame = finder.assignments_
    childcare = shared_theme(frame, texts, g.SPANISH_CHILDCARE, g.CHILDCARE)
    transport = shared_theme(frame, texts, g.SPANISH_TRANSPORT, g.TRANSPORT)
    assert childcare >= len(g.CHILDCARE) and transport >= len(g.TRANSPORT)
    assert shared_theme(frame, texts, g.SPANISH_CHILDCARE, g.TRANSPORT) < childcare / 2
