"""Labels: name each theme with terms and a short readable phrase, in the language of the report.

Class-based TF-IDF (as in BERTopic) treats all answers of a theme as one document and ranks the terms
that are frequent in it and rare in the other themes. Lemmas like "care, child, class" rank well but read
badly, so the label itself is the written phrase (one to four words, as respondents wrote them) that best
balances how many of the theme's answers use it against how specific it is to the theme.

Staff read the report in one language (English), while a theme often holds answers in two. Its label,
the label's alternatives and its key terms are therefore taken from the answers written in the report's
language, while every answer still counts in the theme's size; a theme whose answers are all in another
language keeps a label in that language, followed by a word-by-word gloss from :mod:`analysis.glossary`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from .glossary import gloss
from .text import CONTENT_WORDS

__all__ = ["ClassTfidfLabeler"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_BREAK = re.compile(r"[.,;:!?()\[\]\n]+|\s-\s")
_PLACEHOLDER = re.compile(r"\[(?:email|url|phone|number|address)\]")
_LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
_OPENERS = frozenset().union(*CONTENT_WORDS.values())


class ClassTfidfLabeler:
    """Rank each theme's terms by class-based TF-IDF and pick a readable label phrase.

    Args:
        n_terms: terms kept per theme.
        max_phrase_words: longest label phrase considered.
        sample_size: answers read to build label phrases (a weighted sample, so it scales).
        random_state: seed for that sample.
        report_language: the language staff read the report in (``"en"``); ``None`` labels each theme in
            the language most of its answers use.

    Attributes:
        terms_: theme id → top terms, as written (phrases with spaces).
        labels_: theme id → label, first letter capitalised.
        alternatives_: theme id → the next best label phrases, to tell apart themes whose labels tie
            and to offer staff when they rename a theme.
        label_languages_: theme id → the language its label is written in.
        ids_: the theme ids, in the order of the rows and columns of ``similarity_``.
        similarity_: cosine similarity of the themes' class-based TF-IDF vectors (1 on the diagonal):
            how much two themes use the same distinctive words, which is how near-duplicates show.
    """

    def __init__(
        self,
        n_terms: int = 10,
        max_phrase_words: int = 4,
        sample_size: int = 8_000,
        random_state: int | None = None,
        report_language: str | None = "en",
    ) -> None:
        self.n_terms = n_terms
        self.max_phrase_words = max_phrase_words
        self.sample_size = sample_size
        self.random_state = random_state
        self.report_language = report_language

    def fit(
        self,
        tokens: Sequence[Sequence[str]],
        texts: Sequence[str],
        themes: np.ndarray,
        weights: np.ndarray,
        surfaces: Mapping[str, Counter[str]],
        stopwords: frozenset[str],
        languages: Sequence[str] | None = None,
        report_surfaces: Mapping[str, Counter[str]] | None = None,
    ) -> ClassTfidfLabeler:
        """Learn terms and labels for every theme id ``>= 0`` found in ``themes`` (one per answer).

        Args:
            tokens: each answer's tokens (lemmas and phrases; Spanish content words glossed to English).
            texts: each answer as written (redacted), where label phrases are read.
            themes: each answer's theme id; negative ids are left out.
            weights: how many answers each row stands for.
            surfaces: how each token was written, in any language.
            stopwords: words a label phrase may not start or end with.
            languages: each answer's language. With ``report_language`` set, a theme holding answers in
                that language is labelled from those answers only; otherwise in the language most of its
                answers use (then with a gloss, when that is not the report's language).
            report_surfaces: how answers in the report's language wrote each token. When given (with
                ``languages``), a theme with answers in that language lists only terms they wrote, as
                they wrote them; without it, terms are printed as most answers wrote them.
        """
        ids = sorted(int(t) for t in set(themes.tolist()) if t >= 0)
        in_report = self._in_report_language(themes, weights, languages, ids)
        self.ids_ = ids
        self.terms_ = self._terms(tokens, themes, weights, surfaces, ids, report_surfaces, in_report)
        self.labels_, self.alternatives_, self.label_languages_ = self._labels(
            texts, themes, weights, stopwords, ids, self.terms_, languages, in_report
        )
        return self

    def _in_report_language(self, themes, weights, languages, ids) -> set[int]:
        """The themes holding at least one answer in the report's language (all, when there is none)."""
        if self.report_language is None or languages is None:
            return set(ids)
        langs = np.asarray(languages)
        return {int(c) for c in set(themes[(langs == self.report_language) & (weights > 0)].tolist()) if c >= 0}

    def _terms(self, tokens, themes, weights, surfaces, ids, report_surfaces, in_report) -> dict[int, list[str]]:
        from scipy import sparse
        from sklearn.feature_extraction.text import CountVectorizer

        self.similarity_ = np.eye(len(ids))
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
        unit = scores / np.maximum(np.linalg.norm(scores, axis=1, keepdims=True), 1e-12)
        self.similarity_ = np.clip(unit @ unit.T, 0.0, 1.0)
        # A term used by a handful of a theme's answers (often a typo) does not describe the theme.
        scores[C < np.maximum(2.0, 0.03 * C.sum(axis=1, keepdims=True) / np.maximum(1, _mean_len(docs)))] = 0
        vocab = vec.get_feature_names_out()
        out = {}
        for c, i in col.items():
            terms: list[str] = []
            for j in np.argsort(-scores[i]):
                if scores[i, j] <= 0 or len(terms) == self.n_terms:
                    break
                if report_surfaces is None:
                    term = _readable(vocab[j], surfaces)
                elif c in in_report:  # read in the report's language: what its answers never wrote is left out
                    term = _readable(vocab[j], report_surfaces, must_know=True)
                else:  # a theme of answers in another language: in the report's words where they exist
                    term = _readable(vocab[j], report_surfaces, must_know=True) or _readable(vocab[j], surfaces)
                if term and term not in terms:
                    terms.append(term)
            out[c] = terms
        return out

    def _labels(
        self, texts, themes, weights, stopwords, ids, terms, languages, in_report
    ) -> tuple[dict[int, str], dict[int, list[str]], dict[int, str]]:
        """Each theme's label, the next best phrases (its alternatives, best first), and their language."""
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
        report = self.report_language if languages is not None else None
        label_language = {
            c: report if report is not None and c in in_report else main_language.get(c, "") for c in ids
        }
        df_theme: dict[int, Counter[str]] = defaultdict(Counter)
        df_all: Counter[str] = Counter()
        n_theme: Counter[int] = Counter()  # answers in the label's language, per theme
        n_all: Counter[int] = Counter()  # all answers, per theme
        for i in idx:
            w = w_of[int(i)]
            c = int(themes[i])
            grams = self._phrases(texts[i], stopwords)
            for g in grams:
                df_all[g] += w
            n_all[c] += w
            if language_of(int(i)) != label_language[c]:
                continue  # the label is written in one language: the report's, when the theme has any
            n_theme[c] += w
            for g in grams:
                df_theme[c][g] += w
        labels: dict[int, str] = {}
        alternatives: dict[int, list[str]] = {}
        written_in: dict[int, str] = {}
        for c in ids:
            ranked = self._ranked_phrases(df_theme[c], df_all, n_theme[c], n_all[c], terms.get(c, []))
            language = label_language[c]
            if not ranked and terms.get(c) and c in in_report:
                ranked = [terms[c][0]]  # no phrase enough of its answers share: its most distinctive term
            if not ranked and language == report and main_language.get(c, report) != report:
                # Its few answers in the report's language share nothing: read its main language instead.
                language = main_language[c]
                counts, n_c = self._counts_in(texts, themes, idx, w_of, language_of, c, language, stopwords)
                ranked = self._ranked_phrases(counts, df_all, n_c, n_all[c], terms.get(c, []))
            shown = [self._in_report(_capitalised(g), language) for g in ranked[:6]]
            written_in[c] = language
            if shown:
                labels[c], alternatives[c] = shown[0], shown[1:]
            else:
                labels[c] = (terms[c][0] if terms.get(c) else f"Theme {c}").capitalize()
                alternatives[c] = []
        return labels, alternatives, written_in

    def _counts_in(self, texts, themes, idx, w_of, language_of, theme, language, stopwords):
        """Phrase counts of one theme's answers in one language, and how many answers they come from."""
        counts: Counter[str] = Counter()
        n = 0.0
        for i in idx:
            if int(themes[i]) == theme and language_of(int(i)) == language:
                n += w_of[int(i)]
                for g in self._phrases(texts[i], stopwords):
                    counts[g] += w_of[int(i)]
        return counts, n

    def _ranked_phrases(
        self, counts: Counter[str], df_all: Counter[str], n_c: float, n_theme: float, terms: list[str]
    ) -> list[str]:
        """A theme's candidate label phrases, best first, from the phrase counts of its answers.

        ``n_c`` answers were read for ``counts`` (those in the label's language), of ``n_theme`` in the
        theme: in a theme of ten or more answers, one person's wording never names it, whatever share of
        it writes in the label's language.
        """
        if not n_c:
            return []
        # The label should name what sets the theme apart: a phrase holding one of its three most
        # distinctive terms, when any phrase does, rather than a frequent aside. When fewer than half of
        # the theme's answers are in the label's language, their wording is a thin sample of it ("cvs to
        # start" in a theme of Spanish answers about pharmacy work): the phrase should hold the one term
        # that, counted over every answer, sets the theme apart most.
        core = {w for term in terms[: 1 if n_c < 0.5 * n_theme else 3] for w in term.lower().split()}
        extended = _longest_extensions(counts, self.max_phrase_words)
        fewest = max(2.0, 0.03 * n_c)
        scored = []
        for g, d in counts.items():
            words = g.split()
            if len(words) > self.max_phrase_words:
                continue  # longer phrases are counted only to spot cut-off ones
            if d < fewest and max(n_c, n_theme) >= 10:
                continue
            # Mostly a piece of one longer phrase, cut off mid-thought: used only when every phrase
            # is (a theme of one answer repeated).
            cut = extended.get(g, 0.0) >= 0.8 * d
            names_core = bool(core.intersection(words))
            score = (d / n_c) * (d / df_all[g]) * (1 + 0.5 * (len(words) - 1))
            scored.append((cut, not names_core, -score, g))
        ranked = [g for *_, g in sorted(scored)]
        if ranked and " " not in ranked[0]:
            # as for any label: one person's wording never names a theme
            fuller = _fuller_phrase(ranked[0], counts, extended, self.max_phrase_words, fewest)
            if fuller:
                ranked = [fuller] + [g for g in ranked if g != fuller]
        return ranked

    def _in_report(self, label: str, language: str) -> str:
        """``label`` as the report shows it: with a word-by-word gloss when it is in another language."""
        if self.report_language is None or not language or language == self.report_language:
            return label
        words = gloss(label) if language == "es" and self.report_language == "en" else []
        if words:
            return f"{label} (gloss: {', '.join(words)})"
        return f"{label} (in {_LANGUAGE_NAMES.get(language, language)})"

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
                # A word that carries meaning may open a phrase even when a stopword list holds it
                # ("part time version", "full time", "new hires"): cut, it left "Time version". It may
                # not end one, nor stand alone ("people who work", "Work").
                opens = n > 1 and first in _OPENERS
                if (first in stopwords and not opens) or last in stopwords or len(first) < 2 or len(last) < 2:
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


def _readable(token: str, surfaces: Mapping[str, Counter[str]], must_know: bool = False) -> str | None:
    """The token as answers most often wrote it; with ``must_know``, ``None`` when they never did."""
    seen = surfaces.get(token)
    if seen:
        return seen.most_common(1)[0][0]
    return None if must_know else token.replace("_", " ")


def _capitalised(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
