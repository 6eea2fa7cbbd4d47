"""Representation: turn answers into vectors that put answers saying the same thing close together.

Two interchangeable steps share one small interface (:class:`Representation`), so the engine, the
benchmarks and a caller can swap them:

* :class:`TfidfLSA`, the light default: TF-IDF over words, phrases and character n-grams (which forgive
  the typos people make on phones), reduced with LSA and normalised. Fast enough for 300,000 answers.
* :class:`Embeddings`, the default when a packaged model is installed (it is, in the plain install):
  sentence-level embeddings from :mod:`analysis.embeddings` (wordllama, no torch). It knows that "no car"
  and "the bus doesn't come" are both about getting there, which word counts cannot.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np

__all__ = ["Embeddings", "Representation", "TfidfLSA"]


class Representation(ABC):
    """One way to embed answers; subclasses return one L2-normalised row per answer.

    ``texts`` are the cleaned, redacted answers, ``tokens`` their processed tokens (lemmas and phrases,
    with Spanish content words glossed into English) and ``languages`` each answer's language, so a step
    can use whichever suits it.
    """

    #: Short name reported in results ("tfidf-lsa", "semantic:all-MiniLM-L6-v2").
    name: str = "representation"

    @abstractmethod
    def fit_transform(
        self,
        texts: Sequence[str],
        tokens: Sequence[Sequence[str]],
        languages: Sequence[str] | None = None,
    ) -> np.ndarray:
        """Learn what the step needs from the answers and return their vectors."""


class TfidfLSA(Representation):
    """TF-IDF on words, phrases and character n-grams, reduced by LSA (truncated SVD) and normalised.

    Args:
        n_components: LSA dimensions; fewer is faster, more keeps rarer distinctions.
        char_ngrams: add character 3–5-grams, so "transportaion" still matches "transportation".
        char_weight: weight of the character block relative to the word block.
        min_df: ignore terms found in fewer answers than this.
        svd_sample: above this many answers, LSA is fitted on a sample of this size and applied to all.
            Measured on 100,000 answers drawn from the shared sets (81 labels, true k): AMI 56.0 with
            the directions fitted on 30,000 answers, 56.2 on 15,000 and on 10,000, 55.9 on 8,000; the
            fit's cost grows with the sample.
        random_state: seed for the randomized SVD.
    """

    name = "tfidf-lsa"

    def __init__(
        self,
        n_components: int = 100,
        char_ngrams: bool = True,
        char_weight: float = 0.5,
        min_df: int = 2,
        svd_sample: int = 10_000,
        random_state: int | None = None,
    ) -> None:
        self.n_components = n_components
        self.char_ngrams = char_ngrams
        self.char_weight = char_weight
        self.min_df = min_df
        self.svd_sample = svd_sample
        self.random_state = random_state

    def fit_transform(
        self,
        texts: Sequence[str],
        tokens: Sequence[Sequence[str]],
        languages: Sequence[str] | None = None,
    ) -> np.ndarray:
        from scipy import sparse
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
        from sklearn.preprocessing import normalize

        n = len(tokens)
        min_df = self.min_df if n >= 50 else 1
        words = TfidfVectorizer(analyzer=_identity, min_df=min_df, sublinear_tf=True, dtype=np.float32)
        try:
            blocks = [words.fit_transform([list(t) for t in tokens])]
        except ValueError:  # no term survives min_df: every answer is its own island
            return np.eye(n, dtype=np.float32)
        if self.char_ngrams:
            # Character n-grams within words (like "char_wb"), computed once per distinct word and summed
            # per answer: the same counts as n-gramming every answer, at a fraction of the cost.
            unigrams = CountVectorizer(analyzer=_identity, dtype=np.float32)
            try:
                C = unigrams.fit_transform([[w for w in t if "_" not in w] for t in tokens])
                grams = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), dtype=np.float32)
                D = (C @ grams.fit_transform(unigrams.get_feature_names_out())).tocsc()
                df = np.diff(D.indptr) if min_df <= 1 else np.asarray((D > 0).sum(axis=0)).ravel()
                D = D[:, np.flatnonzero(df >= max(min_df, 2 if n >= 50 else 1))].tocsr()
                if D.shape[1]:
                    chars = TfidfTransformer(sublinear_tf=True).fit_transform(D).astype(np.float32)
                    blocks.append(chars * self.char_weight)
            except ValueError:
                pass
        X = sparse.hstack(blocks).tocsr()
        k = min(self.n_components, X.shape[1] - 1, n - 1)
        if k < 2:
            return normalize(X.toarray().astype(np.float32))
        svd = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=4, random_state=self.random_state)
        if n > self.svd_sample:
            # The topic directions are learned from a sample and applied to all: linear in the answers.
            rows = np.random.default_rng(self.random_state).choice(n, self.svd_sample, replace=False)
            Z = svd.fit(X[np.sort(rows)]).transform(X)
        else:
            Z = svd.fit_transform(X)
        return normalize(Z).astype(np.float32)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def glossed_inputs(
    texts: Sequence[str],
    tokens: Sequence[Sequence[str]],
    languages: Sequence[str] | None,
    read: tuple[str, ...],
) -> list[str]:
    """The texts a model reads: an answer in a language the model does not read is replaced by its
    processed words, whose content words the text step glossed into English ("guardería cara" reads as
    "childcare expensive"); phrases (``bus_pass``) are left out, their words are there already."""
    inputs = list(texts)
    if languages is not None and tokens:
        for i, lang in enumerate(languages):
            if lang not in read:
                words = [t for t in tokens[i] if "_" not in t]
                inputs[i] = " ".join(words) or inputs[i]
    return inputs


class Embeddings(Representation):
    """Sentence embeddings from the packaged model of :mod:`analysis.embeddings`: offline, no torch.

    The default model (wordllama) reads English only: a Spanish sentence and its translation score a
    cosine of about 0.2. So, as for MiniLM before it, a Spanish answer is embedded through its glossed
    tokens when the engine passes ``languages`` (it does when the glossary links the languages).
    Measured on generated answers (three questions, 30 % Spanish, dev seed, true k) that lifts AMI from
    25.6–43.5 to 39.0–54.2 (analysis/README.md). A multilingual model reads every answer as written.

    Args:
        model: a key of :data:`analysis.embeddings.MODELS`; ``None`` uses the preferred installed one.
    """

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    @property
    def name(self) -> str:  # type: ignore[override]
        from . import embeddings

        return f"embeddings:{embeddings.model_name(self.model)}"

    @property
    def multilingual(self) -> bool:
        """Whether the model reads Spanish as written, so both languages share one space unglossed."""
        from . import embeddings

        return embeddings.is_multilingual(self.model)

    def fit_transform(
        self,
        texts: Sequence[str],
        tokens: Sequence[Sequence[str]] = (),
        languages: Sequence[str] | None = None,
    ) -> np.ndarray:
        from . import embeddings

        read = ("en", "es") if embeddings.is_multilingual(self.model) else ("en",)
        return embeddings.encode(glossed_inputs(texts, tokens, languages, read), model=self.model)
