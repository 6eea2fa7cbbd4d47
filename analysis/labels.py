"""Labels: name each theme with terms and a short readable phrase.

Class-based TF-IDF (as in BERTopic) treats all answers of a theme as one document and ranks the terms
that are frequent in it and rare in the other themes. Lemmas like "care, child, class" rank well but read
badly, so the label itself is the written phrase (one to four words, as respondents wrote them) that best
balances how many of the theme's answers use it against how specific it is to the theme.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

__all__ = ["ClassTfidfLabeler"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_BREAK = re.compile(r"[.,;:!?()\[\]\n]+|\s-\s")
_PLACEHOLDER = re.compile(r"\[(?:email|url|phone|number|address)\]")


class ClassTfidfLabeler:
    """Rank each theme's terms by class-based TF-IDF and pick a readable label phrase.

    Args:
        n_terms: terms kept per theme.
        max_phrase_words: longest label phrase considered.
        sample_size: answers read to build label phrases (a weighted sample, so it scales).
        random_state: seed for that sample.

    Attributes:
        terms_: theme id → top terms, as written (phrases with spaces).
        labels_: theme id → label, first letter capitalised.
        alternatives_: theme id → the next best label phrases, to tell apart themes whose labels tie.
    """

    def __init__(
        self,
        n_terms: int = 10,
        max_phrase_words: int = 4,
        sample_size: int = 8_000,
        random_state: int | None = None,
    ) -> None:
        self.n_terms = n_terms
        self.max_phrase_words = max_phrase_words
        self.sample_size = sample_size
        self.random_state = random_state

    def fit(
        self,
        tokens: Sequence[Sequence[str]],
        texts: Sequence[str],
        themes: np.ndarray,
        weights: np.ndarray,
        surfaces: dict[str, Counter[str]],
        stopwords: frozenset[str],
        languages: Sequence[str] | None = None,
    ) -> ClassTfidfLabeler:
        """Learn terms and labels for every theme id ``>= 0`` found in ``themes`` (one per answer).

        With ``languages`` (one per answer), a theme's label is written in the language most of its
        answers use, so a theme of mostly English answers with some Spanish ones reads in English.
        """
        ids = sorted(int(t) for t in set(themes.tolist()) if t >= 0)
        self.terms_ = self._terms(tokens, themes, weights, surfaces, ids)
        self.labels_, self.alternatives_ = self._labels(
            texts, themes, weights, stopwords, ids, self.terms_, languages
        )
        for c in ids:
            if not self.labels_.get(c):
                self.labels_[c] = (self.terms_[c][0] if self.terms_[c] else f"Theme {c}").capitalize()
        return self

    def _terms(self, tokens, themes, weights, surfaces, ids) -> dict[int, list[str]]:
        from scipy import sparse
        from sklearn.feature_extraction.text import CountVectorizer

        keep = themes >= 0
        docs = [list(t) for t, k in zip(tokens, keep) if k]
        if not ids or not any(docs):
            return {c: [] for c in ids}
        vec = CountVectorizer(analyzer=_identity, min_df=2 if len(docs) >= 50 else 1)
        try:
            X = vec.fit_transform(docs)
        except ValueError:  # no term is shared by two answers
            return {c: [] for c in ids}
        col = {c: i for i, c in enumerate(ids)}
        rows = np.array([col[int(t)] for t in themes[keep]])
        onehot = sparse.csr_matrix(
            (weights[keep].astype(float), (rows, np.arange(len(rows)))), shape=(len(ids), len(rows))
        )
        C = np.asarray((onehot @ X).todense(), dtype=float)
        tf = C / np.maximum(C.sum(axis=1, keepdims=True), 1)
        avg = C.sum() / len(ids)
        idf = np.log1p(avg / np.maximum(C.sum(axis=0), 1))
        scores = tf * idf
        # A term used by a handful of a theme's answers (often a typo) does not describe the theme.
        scores[C < np.maximum(2.0, 0.03 * C.sum(axis=1, keepdims=True) / np.maximum(1, _mean_len(docs)))] = 0
        vocab = vec.get_feature_names_out()
        out = {}
        for c, i in col.items():
            order = np.argsort(-scores[i])[: self.n_terms]
            out[c] = [_readable(vocab[j], surfaces) for j in order if scores[i, j] > 0]
        return out

    def _labels(
        self, texts, themes, weights, stopwords, ids, terms, languages=None
    ) -> tuple[dict[int, str], dict[int, list[str]]]:
        """Each theme's label, and the next best phrases (its alternatives, best first)."""
        rng = np.random.default_rng(self.random_state)
        idx = np.flatnonzero(themes >= 0)
        if len(idx) > self.sample_size:
            p = weights[idx] / weights[idx].sum()
            idx = rng.choice(idx, size=self.sample_size, replace=False, p=p)
            w_of = {int(i): 1.0 for i in idx}
        else:
            w_of = {int(i): float(weights[i]) for i in idx}
        language_of = (lambda i: languages[i]) if languages is not None else (lambda i: "")
        by_language: dict[int, Counter[str]] = defaultdict(Counter)
        for i in idx:
            by_language[int(themes[i])][language_of(int(i))] += w_of[int(i)]
        main_language = {c: counts.most_common(1)[0][0] for c, counts in by_language.items()}
        df_theme: dict[int, Counter[str]] = defaultdict(Counter)
        df_all: Counter[str] = Counter()
        n_theme: Counter[int] = Counter()
        for i in idx:
            w = w_of[int(i)]
            c = int(themes[i])
            grams = self._phrases(texts[i], stopwords)
            for g in grams:
                df_all[g] += w
            if language_of(int(i)) != main_language[c]:
                continue  # the label is written in the theme's main language
            n_theme[c] += w
            for g in grams:
                df_theme[c][g] += w
        labels: dict[int, str] = {}
        alternatives: dict[int, list[str]] = {}
        for c in ids:
            n_c = n_theme[c]
            if not n_c:
                continue
            # The label should name what sets the theme apart: a phrase holding one of its three most
            # distinctive terms, when any phrase does, rather than a frequent aside.
            core = {w for term in terms.get(c, [])[:3] for w in term.lower().split()}
            extended = _longest_extensions(df_theme[c], self.max_phrase_words)
            scored = []
            for g, d in df_theme[c].items():
                words = g.split()
                if len(words) > self.max_phrase_words:
                    continue  # longer phrases are counted only to spot cut-off ones
                if d < max(2.0, 0.03 * n_c) and n_c >= 10:
                    continue
                # Mostly a piece of one longer phrase, cut off mid-thought: used only when every phrase
                # is (a theme of one answer repeated).
                cut = extended.get(g, 0.0) >= 0.8 * d
                names_core = bool(core.intersection(words))
                score = (d / n_c) * (d / df_all[g]) * (1 + 0.5 * (len(words) - 1))
                scored.append((cut, not names_core, -score, g))
            ranked = [g for *_, g in sorted(scored)]
            if ranked and " " not in ranked[0]:
                fewest = max(2.0, 0.03 * n_c)  # as for any label: one person's wording never names a theme
                fuller = _fuller_phrase(ranked[0], df_theme[c], extended, self.max_phrase_words, fewest)
                if fuller:
                    ranked = [fuller] + [g for g in ranked if g != fuller]
            alternatives[c] = [g[:1].upper() + g[1:] for g in ranked[1:6]]
            if ranked:
                labels[c] = ranked[0][:1].upper() + ranked[0][1:]
        return labels, alternatives

    def _phrases(self, text: str, stopwords: frozenset[str]) -> set[str]:
        grams: set[str] = set()
        # A phrase never crosses punctuation: "kids, no car" is two thoughts, not a label.
        for fragment in _BREAK.split(_PLACEHOLDER.sub(" , ", text.lower()).replace("’", "'"))[:8]:
            self._fragment_phrases(_WORD.findall(fragment)[:40], stopwords, grams)
        return grams

    def _fragment_phrases(self, words: list[str], stopwords: frozenset[str], grams: set[str]) -> None:
        # One word longer than a label may be, to tell "single mom so child" (always followed by "care")
        # from a phrase that stands on its own.
        for n in range(1, self.max_phrase_words + 2):
            for i in range(len(words) - n + 1):
                first, last = words[i], words[i + n - 1]
                if first in stopwords or last in stopwords or len(first) < 2 or len(last) < 2:
                    continue
                gram = words[i : i + n]
                if n > 2 and sum(w in stopwords for w in gram) > 1:
                    continue
                grams.add(" ".join(gram))


def _fuller_phrase(
    word: str, counts: Counter[str], extended: dict[str, float], n_words: int, fewest: float
) -> str | None:
    """The theme's most used phrase of 2 to ``n_words`` words holding ``word`` (the longest on a tie), if
    it carries a third of the word's uses and at least ``fewest`` answers; else ``None``.

    One word alone is often ambiguous as a label ("Watch", "Aid"); when people mostly say it inside one
    expression ("watch my kids", "financial aid"), that expression names the theme. A phrase that is
    itself mostly cut from a longer one is passed over.
    """
    floor = max(fewest, counts.get(word, 0.0) / 3)
    fuller = [
        (-count, -len(gram.split()), gram)
        for gram, count in counts.items()
        if count >= floor
        and 2 <= len(gram.split()) <= n_words
        and word in gram.split()
        and extended.get(gram, 0.0) < 0.8 * count
    ]
    return min(fuller)[2] if fuller else None


def _longest_extensions(counts: Counter[str], n_words: int) -> dict[str, float]:
    """For each phrase, the count of its most frequent one-word-longer phrase (up to ``n_words + 1``).

    When nearly every use of a phrase goes on with the same word ("mom so child" → "… care"), it is a
    cut-off piece, not a label: the longer phrase, or another one, names the theme better.
    """
    longest: dict[str, float] = {}
    for gram, count in counts.items():
        words = gram.split()
        if not 2 <= len(words) <= n_words + 1:
            continue
        for part in (" ".join(words[:-1]), " ".join(words[1:])):
            if count > longest.get(part, 0.0):
                longest[part] = count
    return longest


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _mean_len(docs: list[list[str]]) -> float:
    return sum(len(d) for d in docs) / max(1, len(docs))


def _readable(token: str, surfaces: dict[str, Counter[str]]) -> str:
    seen = surfaces.get(token)
    if seen:
        return seen.most_common(1)[0][0]
    return token.replace("_", " ")
