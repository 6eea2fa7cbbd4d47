"""Which theme of one run says what a theme of another says, when the two share no answers (a new wave).

A theme's lasting identity (its name, actions, trend line) passes from one wave to the next by matching
themes. Over the same answers, the answers they share decide; across waves there are none to share, and
sharing key terms was the test: the top ten terms of two themes about the same concern often differ
("childcare", "daycare", "babysitter"), so half the concerns lost their lineage between waves, and a
mixed theme could inherit a name its answers did not bear out. Here each theme is the mean sentence
vector of (up to 100 of) its answers, read as the engine reads them (languages detected, Spanish through
the glossary and the multilingual table, each language moved onto the largest), and two themes match
when their vectors' cosine reaches :data:`SAME_THEME_COSINE`.

Measured on two generated waves of each of the seven demo questions (120 and 400 answers, seeds 1 and 2,
themes paired greedily, most similar first; a pair is right when both themes' most common concern is
the same): chosen on three questions, key terms at Jaccard 0.3 paired 49 rightly and none wrongly, the
cosine at 0.7 70 and 1; on the other four, 74 and 3 against 95 and 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["SAME_THEME_COSINE", "theme_vectors"]

SAME_THEME_COSINE = 0.7
"""Cosine between two themes' mean vectors from which they are taken to say the same thing."""

ANSWERS_PER_THEME = 100
"""Most answers of a theme read for its vector (the first ones given: the caller chooses the sample)."""


def theme_vectors(groups: Sequence[Sequence[str]]) -> np.ndarray | None:
    """One unit vector per group of answers (a theme's), all read in one space so any two compare;
    ``None`` when no packaged embedding model is installed (the caller keeps its own test).

    Give the themes of both runs in one call: each language's offset is estimated over all of them.
    """
    from . import embeddings
    from .clustering import language_offsets, without_language_offsets
    from .language import detect_language
    from .representation import Embeddings
    from .text import TextProcessor

    if not embeddings.available():
        return None
    texts: list[str] = []
    owner: list[int] = []
    for g, answers in enumerate(groups):
        for text in list(answers)[:ANSWERS_PER_THEME]:
            if text and str(text).strip():
                texts.append(str(text))
                owner.append(g)
    vectors = np.zeros((len(groups), 1), dtype=np.float32)
    if not texts:
        return vectors
    languages = [detect_language(t) for t in texts]
    tokens = TextProcessor().fit_transform(texts, languages)
    X = Embeddings().fit_transform(texts, tokens, languages)
    X = without_language_offsets(X, languages, language_offsets(X, languages))
    of = np.asarray(owner)
    vectors = np.zeros((len(groups), X.shape[1]), dtype=np.float32)
    for g in set(owner):
        mean = X[of == g].mean(axis=0)
        vectors[g] = mean / max(float(np.linalg.norm(mean)), 1e-9)
    return vectors
