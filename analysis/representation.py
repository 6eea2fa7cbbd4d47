"""Representation: turn answers into vectors that put answers saying the same thing close together.

Two interchangeable steps share one small interface (:class:`Representation`), so the engine, the
benchmarks and a caller can swap them:

* :class:`TfidfLSA`, the light default: TF-IDF over words, phrases and character n-grams (which forgive
  the typos people make on phones), reduced with LSA and normalised. Fast enough for 300,000 answers.
* :class:`Embeddings`, the default when a packaged model is installed (it is, in the plain install):
  sentence-level embeddings from :mod:`analysis.embeddings` (wordllama for English, the shipped
  multilingual word table when answers mix languages; no torch). It knows that "no car" and "the bus
  doesn't come" are both about getting there, and that "la guardería es cara" says "childcare is
  expensive", which word counts cannot.
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


MIXED_LANGUAGES_SHARE = 0.05
"""With at least this share of answers in languages other than English, :class:`Embeddings` left to
choose adds the shipped multilingual word table to the English-only model (or uses it alone)."""

BOTH = "wordllama+static"
"""What :class:`Embeddings` reports when it read mixed answers with both models side by side."""


class Embeddings(Representation):
    """Sentence embeddings from the packaged models of :mod:`analysis.embeddings`: offline, no torch.

    Left to choose (``model=None``, the default install), it reads the answers by their languages:

    * English only (under :data:`MIXED_LANGUAGES_SHARE` in another language): wordllama, the better
      English model. The few answers it cannot read (Vietnamese, Arabic, Chinese; Spanish without the
      glossary) take their vectors from their nearest readable answers in the word table
      (:func:`_borrow_unread`), so they join the themes of their concerns.
    * Mixed, with the glossary on: wordllama (Spanish read through its glossed words) and the shipped
      multilingual word table (:mod:`analysis.static_vectors`, every answer as written) side by side,
      each half of the vector's weight.
    * Mixed, with the glossary off: the word table alone, so a Spanish answer still lands beside its
      English counterpart.

    Chosen on the dev seed of the generated answers and the dev translation pairs. Held out (five
    questions, 30 % Spanish, true k / automatic k), AMI 52.6 / 48.6 against wordllama's 50.2 / 47.3,
    and with the glossary off 45.9 / 43.3 with 77 % of themes mixed at the true k, against 34.4 / 43.8
    and none (``benchmarks/bilingual_themes.py``). A model asked for by name reads Spanish
    through its glossed tokens if it is English-only, as written if it is multilingual.

    Args:
        model: a key of :data:`analysis.embeddings.MODELS`; ``None`` chooses by the answers' languages.

    Attributes:
        model_: the model (or :data:`BOTH`) the last :meth:`fit_transform` used.
    """

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    @property
    def name(self) -> str:  # type: ignore[override]
        from . import embeddings

        used = getattr(self, "model_", None) or self.model
        if used == BOTH:
            return f"embeddings:{embeddings.model_name('wordllama')}+{embeddings.model_name('static')}"
        return f"embeddings:{embeddings.model_name(used)}"

    @property
    def multilingual(self) -> bool:
        """Whether both languages share one space (a multilingual model, or the choice of one for them)."""
        from . import embeddings

        if self.model is None and embeddings.available("static"):
            return True
        return embeddings.is_multilingual(self.model)

    def choose_model(
        self, languages: Sequence[str] | None, tokens: Sequence[Sequence[str]] = ()
    ) -> str | None:
        """The model to read these answers with: the one asked for, else by the answers' languages and
        whether the text step glossed the Spanish ones."""
        from . import embeddings

        if self.model is not None or not embeddings.available("static"):
            return self.model
        if not embeddings.available("wordllama"):
            return "static"
        languages = list(languages or ())
        other = sum(lang != "en" for lang in languages) / max(len(languages), 1)
        if other < MIXED_LANGUAGES_SHARE:
            return "wordllama"
        return BOTH if _glossed(tokens, languages) else "static"

    def fit_transform(
        self,
        texts: Sequence[str],
        tokens: Sequence[Sequence[str]] = (),
        languages: Sequence[str] | None = None,
    ) -> np.ndarray:
        from . import embeddings

        model = self.choose_model(languages, tokens)
        self.model_ = model
        if model == BOTH:
            english = embeddings.encode(glossed_inputs(texts, tokens, languages, ("en",)), model="wordllama")
            table = embeddings.encode(list(texts), model="static")
            english = _borrow_unread(english, table, _unread(languages, tokens))
            return np.hstack([english, table]) * np.float32(np.sqrt(0.5))
        if embeddings.is_multilingual(model):  # it reads every language as written
            return embeddings.encode(list(texts), model=model)
        X = embeddings.encode(glossed_inputs(texts, tokens, languages, ("en",)), model=model)
        unread = _unread(languages, tokens)
        if unread.any() and embeddings.available("static"):
            X = _borrow_unread(X, embeddings.encode(list(texts), model="static"), unread)
        return X


BORROWED_NEIGHBOURS = 5
"""Readable answers an unreadable one borrows its English-model vector from (see :func:`_borrow_unread`)."""


def _unread(languages: Sequence[str] | None, tokens: Sequence[Sequence[str]]) -> np.ndarray:
    """Which answers an English-only model cannot read: neither English nor Spanish glossed into English
    (a Vietnamese, Arabic or Chinese answer; a Spanish one when the glossary is off)."""
    if languages is None:
        return np.zeros(0, dtype=bool)
    glossed = _glossed(tokens, languages) if tokens else False
    readable = {"en", "es"} if glossed else {"en"}
    return np.fromiter((lang not in readable for lang in languages), dtype=bool, count=len(languages))


def _borrow_unread(X: np.ndarray, table: np.ndarray, unread: np.ndarray, k: int = BORROWED_NEIGHBOURS) -> np.ndarray:
    """Give each answer the English model cannot read the English-model vectors of its ``k`` nearest
    readable answers in the multilingual table's space, averaged by their similarity and normalised.

    A few Vietnamese answers among English ones would otherwise be read as unknown syllables, so they
    sit together apart from everything ("Nhà trẻ (in Vietnamese)") instead of in the child-care theme;
    the table places them, and the English rows are left exactly as they were."""
    if not unread.any() or unread.all() or table.shape[0] != X.shape[0]:
        return X
    readable = np.flatnonzero(~unread)
    lost = np.flatnonzero(unread)
    k = min(k, len(readable))
    X = np.array(X, dtype=np.float32, copy=True)
    known, known_table = X[readable], table[readable]
    for start in range(0, len(lost), 2048):  # bounded memory: 2,048 x readable similarities at a time
        rows = lost[start:start + 2048]
        sims = table[rows] @ known_table.T
        nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        weights = np.clip(np.take_along_axis(sims, nearest, axis=1), 0.0, None) + 1e-6
        borrowed = np.einsum("rk,rkd->rd", weights, known[nearest])
        norms = np.linalg.norm(borrowed, axis=1, keepdims=True)
        X[rows] = borrowed / np.maximum(norms, 1e-9)
    return X


def _glossed(tokens: Sequence[Sequence[str]], languages: Sequence[str]) -> bool:
    """Whether the text step glossed the Spanish answers into English: none of their tokens is a Spanish
    word the glossary would have replaced (``TextProcessor(glossary={})`` keeps them all)."""
    from .glossary import SPANISH_TO_ENGLISH

    replaced = {es for es, en in SPANISH_TO_ENGLISH.items() if es != en}
    spanish = [t for t, lang in zip(tokens, languages) if lang == "es"]
    return bool(spanish) and not any(word in replaced for answer in spanish for word in answer)
