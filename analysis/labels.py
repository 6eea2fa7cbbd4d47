"""Labels: name each theme with terms and a short readable phrase, in the language of the report.

Class-based TF-IDF (as in BERTopic) treats all answers of a theme as one document and ranks the terms
that are frequent in it and rare in the other themes. Lemmas like "care, child, class" rank well but read
badly, so the label itself is the written phrase (one to four words, as respondents wrote them) that best
balances how many of the theme's answers use it against how specific it is to the theme.

Staff read the report in one language (English), while a theme often holds answers in two. Its label,
the label's alternatives and its key terms are therefore taken from the answers written in the report's
language, while every answer still counts in the theme's size; a theme whose answers are all in another
language keeps a label in that language, followed by a word-by-word gloss from :mod:`analysis.glossary`.

A program manager reads the label without the answers, so a label is held to what a reader would assume
of it: it is a phrase of two or more words (one word reads as anything); a real share of the theme's
answers say it (never one person's wording); it keeps their polarity (a phrase most answers say after
"not", "no", "nunca" is not a label, its negated form may be); it never merely repeats the question
("Biggest barrier"); it is not cut across a clause ("so", "but", a new subject), nor before the word
that completes it ("Bus takes" 2 hours); and no two themes read alike. When no short phrase passes, the
label is a longer span its answers wrote around its most distinctive words ("Treated me like a person",
:mod:`analysis.label_spans`); when none does either, it is built from those words ("Car and license",
"No babysitter"), so every theme has one.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import lru_cache

import numpy as np

from .glossary import gloss
from .label_spans import (
    FUNCTION_WORDS,
    NUMBER_WORDS,
    cut_short,
    disagrees,
    fragments,
    one_clause,
    reads_as_noun,
    stands_alone,
    written_pair,
    written_spans,
    written_subjects,
)
from .language import LANGUAGE_NAMES
from .text import CONTENT_WORDS

__all__ = ["ClassTfidfLabeler"]

WORD_PATTERN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
"""A word as answers write it: letters, with an inner apostrophe ("don't", "kid’s")."""
# A phrase never crosses punctuation, nor a number: "the bus takes 2 hours" must not read "bus takes hours"
# (spans may hold the number: analysis.label_spans).
_BREAK = re.compile(r"[.,;:!?()\[\]\n。、；：！？،؛؟]+|\s-\s|(?<!\w)\d[\d.,:/%]*")
_PLACEHOLDER = re.compile(r"\[(?:email|url|phone|number|address)\]")
# Chinese is written without spaces: its characters are read as the words of a phrase, so a label is
# the two to four characters its answers share ("照顾孩子"), printed without the spaces.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"([{_HAN}])")
_HAN_SPACE = re.compile(f"(?<=[{_HAN}]) (?=[{_HAN}])")
_OPENERS = frozenset().union(*CONTENT_WORDS.values())
# Words that turn what follows around; they may open a label ("No babysitter", "No me preocupa").
NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "nobody",
        "nothing",
        "none",
        "without",
        "cannot",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
        "won't",
        "can't",
        "couldn't",
        "wouldn't",
        "shouldn't",
        "haven't",
        "hasn't",
        "hadn't",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "wasnt",
        "cant",
        "wont",
        "nunca",
        "sin",
        "ni",
        "nada",
        "nadie",
        "tampoco",
        "ningún",
        "ninguna",
        "ninguno",
        "ningun",
        # Chinese, Vietnamese and Arabic: "不", "没", "không", "chưa", "لا", "لم", "ليس"
        "不",
        "没",
        "没有",
        "không",
        "chưa",
        "chẳng",
        "لا",
        "لم",
        "لن",
        "ليس",
        "بدون",
    ]
)
# "没有人照顾孩子" is "nobody looks after the children": 没 (not have) names an absence too.
_ABSENCES = frozenset(["nobody", "nothing", "none", "nadie", "nada", "没", "没有"])
# A negation reaches a few words, and never past a new clause.
_NEGATION_REACH = 4
_CLAUSE_BREAKS = frozenset(
    [
        "and",
        "but",
        "so",
        "because",
        "although",
        "though",
        "while",
        "or",
        "y",
        "pero",
        "porque",
        "aunque",
        "sino",
        "o",
    ]
)
# Never inside a label: it joins two thoughts ("Single parent so childcare", "Noche ni los fines").
_CONNECTORS = _CLAUSE_BREAKS | frozenset(
    ["if", "when", "then", "since", "nor", "si", "cuando", "entonces", "pues", "ni"]
)
# A subject after a label's first word starts a new clause ("Timed tests i required").
_SUBJECTS = frozenset(
    [
        "i",
        "we",
        "they",
        "he",
        "she",
        "you",
        "yo",
        "nosotros",
        "ellos",
        "ellas",
        "él",
        "ella",
        "usted",
        "ustedes",
    ]
)
# A span of a label never runs on past a new clause or subject ("and" may join: "Staff were kind and
# really listened").
_SPAN_BREAKS = (_CONNECTORS - {"and", "y"}) | _SUBJECTS
# Ways of saying "I don't know" whose words name nothing ("Beats me"): counted as the plain phrase.
_DONT_KNOW = {
    "en": re.compile(
        r"\b(?:beats me|no idea|no clue|not sure|who knows|(?:i )?(?:don'?t|do not) know|not familiar|"
        r"nothing comes to mind|no opinion|can'?t think of anything)\b"
    ),
    "es": re.compile(
        r"\b(?:ni idea|no tengo (?:ni )?idea|no sé|quién sabe|no estoy segur[oa]|no conozco|no lo sé)\b"
    ),
}
_DONT_KNOW_PHRASE = {"en": "don't know", "es": "no sé"}
_DONT_KNOW_WORDS = 8
_AND = {"en": "and", "es": "y", "zh-Hans": "和", "vi": "và", "ar": "و", "ht": "ak"}
# "No car", "Sin computadora"
_WITHOUT = {"en": "no", "es": "sin", "zh-Hans": "没有", "vi": "không có", "ar": "لا", "ht": "pa gen"}
_ABOUT = {"en": "about", "es": "sobre", "zh-Hans": "关于", "vi": "về", "ar": "عن", "ht": "sou"}
_MIXED = {
    "en": "mixed answers",
    "es": "respuestas variadas",
    "zh-Hans": "各种回答",
    "vi": "câu trả lời khác nhau",
    "ar": "إجابات متنوعة",
    "ht": "repons divès",
}
_CAPITALISED = {"i": "I", "i'm": "I'm", "i've": "I've", "english": "English", "spanish": "Spanish"}
_TAIL = re.compile(r"(?:\s*\((?:gloss:|in |(?:[A-Z][a-z]+ )?[A-Z][a-z]+ answers)[^)]*\))+$")
_NEGATED = "¬ "  # key prefix for a phrase counted where a negation reaches it
_SAYS_NO = "¬"  # key counting the answers where a negation reaches some phrase
MIN_SUPPORT = 0.10
"""Least share of a theme's answers (in the label's language) that must say its label phrase."""


class ClassTfidfLabeler:
    """Rank each theme's terms by class-based TF-IDF and pick a readable label phrase.

    Args:
        n_terms: terms kept per theme.
        max_phrase_words: longest label phrase considered.
        sample_size: answers read to build label phrases (a weighted sample, so it scales).
        random_state: seed for that sample.
        report_language: the language staff read the report in (``"en"``); ``None`` labels each theme in
            the language most of its answers use.
        min_report_answers: fewest answers (by weight) in the report's language a theme needs to be
            labelled from them; with fewer it is labelled in its main language. 1: any answer will do.
        question: the question the answers reply to. Its words alone never label a theme ("Biggest
            barrier" for "What is the biggest barrier…?"), since every answer shares them.

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
        question: str | None = None,
        min_report_answers: float = 1,
    ) -> None:
        self.n_terms = n_terms
        self.max_phrase_words = max_phrase_words
        self.sample_size = sample_size
        self.random_state = random_state
        self.report_language = report_language
        self.question = question
        self.min_report_answers = min_report_answers

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
        self.terms_ = self._terms_as_written(self.terms_, texts, themes, weights)
        return self

    def _terms_as_written(self, terms, texts, themes, weights) -> dict[int, list[str]]:
        """Each theme's terms in the casing most of its answers write them ("CNA class", not "cna class"):
        the words are counted in lower case, but a key term printed so reads as a typo."""
        out = {}
        for c, found in terms.items():
            members = np.flatnonzero(themes == c)[:ACRONYM_SAMPLE]
            cased = _casings(found, [texts[i] for i in members], [float(weights[i]) for i in members])
            out[c] = [" ".join(cased.get(w, w) for w in term.split(" ")) for term in found]
        return out

    def _in_report_language(self, themes, weights, languages, ids) -> set[int]:
        """The themes holding ``min_report_answers`` answers in the report's language (all, when there is
        no report language)."""
        if self.report_language is None or languages is None:
            return set(ids)
        langs = np.asarray(languages)
        chosen = (langs == self.report_language) & (weights > 0)
        if self.min_report_answers <= 1:
            return {int(c) for c in set(themes[chosen].tolist()) if c >= 0}
        held: Counter[int] = Counter()
        for c, w in zip(themes[chosen].tolist(), weights[chosen].tolist()):
            held[int(c)] += w
        return {c for c, w in held.items() if c >= 0 and w >= self.min_report_answers}

    def _terms(
        self, tokens, themes, weights, surfaces, ids, report_surfaces, in_report
    ) -> dict[int, list[str]]:
        from scipy import sparse
        from sklearn.feature_extraction.text import CountVectorizer

        self.similarity_ = np.eye(len(ids))
        keep = themes >= 0
        docs = [
            t if isinstance(t, list) else list(t) for t, k in zip(tokens, keep) if k
        ]  # read, never changed
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
                elif (
                    c in in_report
                ):  # read in the report's language: what its answers never wrote is left out
                    term = _readable(vocab[j], report_surfaces, must_know=True)
                else:  # a theme of answers in another language: in the report's words where they exist
                    term = _readable(vocab[j], report_surfaces, must_know=True) or _readable(
                        vocab[j], surfaces
                    )
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
        self._echo = _question_words(self.question, stopwords)
        df_theme: dict[int, Counter[str]] = defaultdict(Counter)
        df_all: Counter[str] = Counter()
        n_theme: Counter[int] = Counter()  # answers in the label's language, per theme
        n_all: Counter[int] = Counter()  # all answers, per theme
        # A sample counts each answer once: its phrases are then counted by Counter's own loop (in C), as
        # whole numbers, and turned into the same floats after.
        once = all(w == 1.0 for w in w_of.values())
        for i in idx:
            w = w_of[int(i)]
            c = int(themes[i])
            grams = self._phrases(texts[i], stopwords)
            if once:
                df_all.update(grams)
            else:
                for g in grams:
                    df_all[g] += w
            n_all[c] += w
            if language_of(int(i)) != label_language[c]:
                continue  # the label is written in one language: the report's, when the theme has any
            n_theme[c] += w
            if once:
                df_theme[c].update(grams)
            else:
                for g in grams:
                    df_theme[c][g] += w
        if once:
            df_all = _as_floats(df_all)
            df_theme = defaultdict(Counter, {c: _as_floats(counts) for c, counts in df_theme.items()})
        labels: dict[int, str] = {}
        alternatives: dict[int, list[str]] = {}
        written_in: dict[int, str] = {}
        for c in ids:
            language = label_language[c]
            counts, n_c = df_theme[c], n_theme[c]
            members = idx[themes[idx] == c]
            ranked = self._phrases_for(
                members, texts, w_of, language_of, language, counts, df_all, n_c, n_all[c], terms.get(c, []), stopwords
            )
            if not ranked and c in in_report and n_c >= min(2.0, n_all[c]):
                # Nor a span: its distinctive words, in the report's language (never from one answer).
                ranked = self._label_from_words(
                    texts, themes, idx, w_of, language_of, c, language, counts, n_c, terms.get(c, []),
                    stopwords, last_resort=False
                )
            main = main_language.get(c, report)
            if not ranked and language == report and main != report:
                # Its few answers in the report's language share nothing: read its main language instead.
                main_counts, main_n = self._counts_in(
                    texts, themes, idx, w_of, language_of, c, main, stopwords
                )
                ranked = self._phrases_for(
                    members, texts, w_of, language_of, main, main_counts, df_all, main_n, n_all[c], terms.get(c, []),
                    stopwords,
                )
                if not ranked:
                    ranked = self._label_from_words(
                        texts, themes, idx, w_of, language_of, c, main, main_counts, main_n, terms.get(c, []),
                        stopwords, last_resort=False
                    )
                if ranked:
                    language, counts, n_c = main, main_counts, main_n
                # else the last resort reads its terms, which are in the report's language ("About pay", not
                # "عن pay")
            if not ranked:
                ranked = self._label_from_words(
                    texts, themes, idx, w_of, language_of, c, language, counts, n_c, terms.get(c, []),
                    stopwords, last_resort=True
                )
            cased = _casings(
                ranked[:6],
                [texts[i] for i in members[:ACRONYM_SAMPLE]],
                [w_of[int(i)] for i in members[:ACRONYM_SAMPLE]],
            )
            shown = [self._in_report(_capitalised(g, cased), language) for g in ranked[:6]]
            written_in[c] = language
            labels[c], alternatives[c] = shown[0], shown[1:]
        labels = _made_distinct(labels, alternatives, terms, sorted(ids, key=lambda c: -n_all[c]), written_in)
        alternatives = {
            c: [a for a in alts if a.casefold() != labels[c].casefold()] for c, alts in alternatives.items()
        }
        return labels, alternatives, written_in

    def _phrases_for(
        self, members, texts, w_of, language_of, language, counts, df_all, n_c, n_theme, terms, stopwords
    ) -> list[str]:
        """A theme's written phrases in ``language``, best first (:meth:`_ranked_phrases`), whole ones
        before the cut ones (:meth:`_whole_first`)."""
        subjects = _subjects_of(texts, members, w_of, language_of, language)
        ranked = self._ranked_phrases(counts, df_all, n_c, n_theme, terms, stopwords, subjects)
        return self._whole_first(
            ranked, members, texts, w_of, language_of, language, counts, df_all, n_c, n_theme, stopwords
        )

    def _whole_first(
        self, ranked, members, texts, w_of, language_of, language, counts, df_all, n_c, n_theme, stopwords
    ) -> list[str]:
        """The ranked phrases with whole ones first: when the best is cut off before the word completing it
        ("Bus takes" 2 hours, "Desk really helped" me) or none passed, the spans its answers wrote
        around its words (:meth:`_spans`) come first, then the next phrases that are not cut off, then the
        rest (a theme whose every phrase is cut off still has them to offer). Spans going on from the best
        phrase to where most answers end the thought ("New grads can't start for months") come before
        all; when the best phrase lacks only its verb's object, the next whole phrases come before the
        other spans."""
        own = [int(i) for i in members if language_of(int(i)) == language]
        answers, weights = [fragments(texts[i]) for i in own], [w_of[i] for i in own]
        whole = [
            phrase
            for phrase in ranked[:4]
            if phrase in _DONT_KNOW_PHRASE.values() or not cut_short(phrase, answers, weights)
        ]  # "Don't know" [what to say] names not knowing whatever follows
        if ranked and whole[:1] == ranked[:1]:
            return ranked
        spans = self._spans(
            texts, members, w_of, language_of, language, counts, df_all, n_c, n_theme, stopwords
        )
        going_on = [
            sw
            for sw in spans
            if ranked and sw[0].startswith(ranked[0] + " ") and stands_alone(sw[0], answers, weights)
        ]
        if not going_on or sum(w for _, w in going_on) < 0.5 * spans[0][1]:
            going_on = []  # fewer answers go on with it than write the best span
        others = [span for span, w in spans if (span, w) not in going_on]
        rest = [phrase for phrase in ranked if phrase not in whole]
        completed = [span for span, _ in going_on]
        if ranked and not cut_short(ranked[0], answers, weights, objects=False):
            # Only its verb's object is missing ("New grads can't start" for months): the answers' own
            # completion, else the next whole phrase, which names the theme as well as a span would; but
            # a denial ("Can't afford") is kept over a phrase that drops it ("Financial aid").
            if not completed and any(w in NEGATORS for w in ranked[0].split()):
                return ranked
            return completed + whole + others + rest
        return completed + others + whole + rest

    def _spans(
        self, texts, members, w_of, language_of, language, counts, df_all, n_c, n_theme, stopwords
    ) -> list[tuple[str, float]]:
        """Spans of up to six words a real share of the theme's answers in ``language`` wrote around its
        three most distinctive words (:func:`~analysis.label_spans.written_spans`), best first, with the
        weight of the answers writing each: "Treated me like a person" where its answers share no short
        phrase."""
        if not n_c:
            return []
        said: Counter[str] = Counter()  # each word, said or negated ("never *passed* the exam")
        everywhere: Counter[str] = Counter()
        for g, n in counts.items():
            word = g.removeprefix(_NEGATED)
            if g != _SAYS_NO and " " not in word:
                said[word] += n
                everywhere[word] += df_all.get(g, 0.0)
        words = [
            (w, n)
            for w, n in said.items()
            if w not in FUNCTION_WORDS
            and w not in NUMBER_WORDS
            and not _too_short(w)
            and not self._echoes(w, stopwords)
        ]
        words.sort(key=lambda wn: (-(wn[1] / n_c) * (wn[1] / max(everywhere[wn[0]], wn[1])), wn[0]))
        own = [int(i) for i in members if language_of(int(i)) == language]
        spans = written_spans(
            [fragments(texts[i]) for i in own],
            [w_of[i] for i in own],
            [w for w, _ in words[:3]],
            max(2.0, MIN_SUPPORT * n_c),  # never one person's sentence, even in a theme of one
            _SPAN_BREAKS,
            NEGATORS,
        )
        # A denial names a theme only where enough of its answers say it, as for a phrase: the span itself
        # or the two words opening it ("never passed" the state exam, the exam, the test).
        enough = (0.3 if counts.get(_SAYS_NO, 0.0) > 0.5 * n_c else 0.5) * n_c
        return [
            (span, weight)
            for span, weight in spans
            if not self._echoes(span, stopwords)
            and (
                span.split()[0] not in NEGATORS
                or max(weight, counts.get(" ".join(span.split()[:2]), 0.0)) >= enough
            )
        ]

    def _counts_in(self, texts, themes, idx, w_of, language_of, theme, language, stopwords):
        """Phrase counts of one theme's answers in one language, and how many answers they come from."""
        counts: Counter[str] = Counter()
        n = 0.0
        for i in idx[themes[idx] == theme]:
            if language_of(int(i)) == language:
                n += w_of[int(i)]
                for g in self._phrases(texts[i], stopwords):
                    counts[g] += w_of[int(i)]
        return counts, n

    def _ranked_phrases(
        self,
        counts: Counter[str],
        df_all: Counter[str],
        n_c: float,
        n_theme: float,
        terms: list[str],
        stopwords: frozenset[str] = frozenset(),
        subjects: Callable[[], Collection[tuple[str, str]]] = frozenset,
    ) -> list[str]:
        """A theme's candidate label phrases, best first, from the phrase counts of its answers.

        ``n_c`` answers were read for ``counts`` (those in the label's language), of ``n_theme`` in the
        theme. Only phrases a reader can take at their word pass: two or more words, said by at least
        :data:`MIN_SUPPORT` of those answers and by two of them (one person's wording never names a theme
        of several answers), mostly not under a negation, naming more than the question asks about, not
        cut from its subject (``subjects`` gives the noun-verb pairs the answers write as their own:
        "Human resources is slow").
        """
        if not n_c:
            return []
        # The label should name what sets the theme apart: a phrase holding most of its three most
        # distinctive terms ("Watch my kids" over "Nobody to watch"), rather than a frequent aside. When fewer than half of
        # the theme's answers are in the label's language, their wording is a thin sample of it ("cvs to
        # start" in a theme of Spanish answers about pharmacy work): the phrase should hold the one term
        # that, counted over every answer, sets the theme apart most.
        distinctive = [t for t in terms if not self._echoes(t, stopwords)]
        core = {
            _stem(w) for term in distinctive[: 1 if n_c < 0.5 * n_theme else 3] for w in term.lower().split()
        }
        extended = _longest_extensions(counts, self.max_phrase_words)
        fewest = max(min(2.0, n_theme), MIN_SUPPORT * n_c)
        # When most of the theme's answers say "not", "no", "nunca", its label should say it too.
        mostly_no = counts.get(_SAYS_NO, 0.0) > 0.5 * n_c
        scored = []
        for g, said in counts.items():
            if g.startswith(_SAYS_NO):
                continue
            words = g.split()
            negated = counts.get(_NEGATED + g, 0.0)
            d = said + negated
            if len(words) < 2 or len(words) - (words[0] in NEGATORS) > self.max_phrase_words:
                continue  # one word reads as anything; longer phrases are counted only to spot cut-off ones
            if d < fewest or negated > said:
                continue  # too few say it, or most say it is not so
            if disagrees(words) and disagrees(words, subjects()):
                continue  # cut from its subject: "[working] night shifts is hard"
            if (
                words[0] in NEGATORS
                and g not in _DONT_KNOW_PHRASE.values()
                and d < (0.3 if mostly_no else 0.5) * n_c
            ):
                # A denial ("Not a concern") names a theme only when enough of its answers say it: a third
                # where most answers deny something, half otherwise (a few "not a concern" among many
                # "can't afford it" answers must not name the theme for them).
                continue
            if g not in _DONT_KNOW_PHRASE.values() and self._echoes(g, stopwords):
                continue
            # Mostly a piece of one longer phrase, cut off mid-thought: used only when every phrase
            # is (a theme of one answer repeated).
            cut = extended.get(g, 0.0) >= 0.8 * d
            names_core = min(2, sum(bool(_forms(w) & core) for w in words))
            everywhere = df_all[g] + df_all.get(_NEGATED + g, 0.0)
            # A longer phrase says more, but a reader takes in a short one at a glance: a little credit per
            # word (a negation opening it is part of its word, not another one).
            size = len(words) - (words[0] in NEGATORS)
            score = (d / n_c) * (d / everywhere) * (1 + 0.25 * (size - 1))
            says_no = words[0] in NEGATORS or g in _DONT_KNOW_PHRASE.values()
            scored.append((cut, mostly_no and not says_no, -names_core, -score, size, g))
        return [g for *_, g in sorted(scored)]

    def _label_from_words(
        self, texts, themes, idx, w_of, language_of, theme, language, counts, n_c, terms, stopwords, last_resort
    ) -> list[str]:
        """:meth:`_built_label` from one theme's answers in ``language``, read by :meth:`_words_together`."""
        together, written, weights = self._words_together(
            texts, themes, idx, w_of, language_of, theme, language, stopwords
        )
        return self._built_label(
            counts, n_c, terms, stopwords, language, together, written, weights, last_resort
        )

    def _words_together(
        self, texts, themes, idx, w_of, language_of, theme, language, stopwords
    ) -> tuple[list[frozenset[str]], list[tuple[tuple[str, ...], ...]], list[float]]:
        """The single words of each of one theme's answers in one language (said or negated), and those
        answers' runs of words (:func:`~analysis.label_spans.fragments`) with how many answers each
        stands for, to read how they use a word."""
        out, written, weights = [], [], []
        for i in idx[themes[idx] == theme]:
            if language_of(int(i)) == language:
                grams = self._phrases(texts[i], stopwords)
                out.append(
                    frozenset(g.removeprefix(_NEGATED) for g in grams if " " not in g.removeprefix(_NEGATED))
                )
                written.append(fragments(texts[i]))
                weights.append(w_of[int(i)])
        return out, written, weights

    def _built_label(
        self,
        counts: Counter[str],
        n_c: float,
        terms: list[str],
        stopwords: frozenset[str],
        language: str,
        answers: list[frozenset[str]],
        written: list[tuple[tuple[str, ...], ...]],
        weights: list[float],
        last_resort: bool,
    ) -> list[str]:
        """A two-word label built from the theme's most distinctive words, when no phrase it wrote will do.

        A distinctive multi-word term its answers wrote ("background check") comes first; else its two
        best words joined ("Car and license": the second one most often said with the first, in
        ``answers``, the words of each answer), each negated when most answers negate it ("No car"); else
        one word after "about" when the answers (``written``, each standing for ``weights`` answers) use
        it as a noun ("About rent"), or the two words they most often write it with when they use it as a
        verb or an adjective ("Loved it", not "About loved"). With ``last_resort``, a theme with no word
        two answers share is still named (never "Theme 13"); otherwise ``[]``.
        """
        language = language if language in _AND else "en"
        fewest = min(2.0, n_c) if n_c else 1.0
        mostly_no = counts.get(_SAYS_NO, 0.0) > 0.5 * n_c
        for term in terms[:3]:
            phrase = term.lower()
            said = counts.get(phrase, 0.0) + counts.get(_NEGATED + phrase, 0.0)
            if len(phrase.split()) >= 2 and said >= fewest and not self._echoes(phrase, stopwords):
                return [phrase]
        words: list[str] = []
        seen = [t.lower() for t in terms if " " not in t]
        # Ties broken by the word: the counts' order follows sets', which changes with Python's hash seed.
        seen += [
            g
            for g, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if " " not in g and not g.startswith(_NEGATED)
        ]
        seen += sorted(
            g[len(_NEGATED) :] for g in counts if g.startswith(_NEGATED) and " " not in g[len(_NEGATED) :]
        )
        for w in seen:
            uses = counts.get(w, 0.0) + counts.get(_NEGATED + w, 0.0)
            if w == _SAYS_NO or w in stopwords or uses < fewest or self._echoes(w, stopwords):
                continue
            if any(_same_word(w, other) for other in words):  # "Tutoring and tutor" says one thing twice
                continue
            denied = counts.get(_NEGATED + w, 0.0)
            if denied > counts.get(w, 0.0) and denied < (0.3 if mostly_no else 0.5) * n_c:
                continue  # "No concern" only where enough answers deny it (as for a phrase)
            words.append(w)
            if len(words) == 6:
                break
        if len(words) > 2:
            # The partner most often said in the same answer as the first word, when two answers do.
            with_first = [sum(words[0] in a and w in a for a in answers) for w in words[1:]]
            best = int(np.argmax(with_first))
            words = [words[0], words[1 + best] if with_first[best] >= fewest else words[1]]
        without = _WITHOUT[language]
        shown = [f"{without} {w}" if counts.get(_NEGATED + w, 0.0) > counts.get(w, 0.0) else w for w in words]
        if len(shown) == 2:
            together = _written_together(words, counts, stopwords, fewest)
            if together:
                return [together]
            # Two nouns the answers write apart ("Car and license"); written in one phrase ("los horarios es
            # un problema"), one says something of the other, which "Horarios y problema" does not read as.
            apart = one_clause(words[0], words[1], written, weights) < fewest
            nouns = [reads_as_noun(w, written, weights, language, unknown=None) for w in words]
            if apart and False not in nouns and True in nouns:  # one a noun, the other not read otherwise
                return [f"{shown[0]} {_AND[language]} {shown[1]}"]
            # "Pay and no live", "Clases y difícil": only two nouns read joined; else the one a noun.
            keep = nouns.index(True) if True in nouns else 0
            shown, words = shown[keep : keep + 1], words[keep : keep + 1]
        if shown:
            if shown[0].startswith(without + " "):
                return [shown[0]]
            return [self._on_its_own(words[0], counts, fewest, language, written, weights, stopwords)]
        if not last_resort:
            return []
        fallback = [t.lower() for t in terms if not self._echoes(t, stopwords)]
        if fallback:
            if " " in fallback[0]:
                return [fallback[0]]
            return [self._on_its_own(fallback[0], counts, fewest, language, written, weights, stopwords)]
        return [_MIXED[language]]

    def _on_its_own(
        self,
        word: str,
        counts: Counter[str],
        fewest: float,
        language: str,
        written: list[tuple[tuple[str, ...], ...]],
        weights: list[float],
        stopwords: frozenset[str],
    ) -> str:
        """A label for one word: "About rent" when the answers use it as a noun; else the two words they
        most often write it with ("Loved it", "Too slow"), else their most written phrase holding it, else
        the word alone ("Expired"): never "About carry", "About great"."""
        if reads_as_noun(word, written, weights, language):
            return f"{_ABOUT[language]} {word}"
        pair = written_pair(word, written, weights, fewest)
        if pair and not self._echoes(pair, stopwords):
            return pair
        phrases = [
            (-n, len(g), g)
            for g, n in counts.items()
            if n >= fewest
            and " " in g
            and word in g.split()
            and not g.startswith((_SAYS_NO, _NEGATED))
            and not disagrees(g.split())
            and not self._echoes(g, stopwords)
        ]
        return min(phrases)[2] if phrases else word

    def _echoes(self, phrase: str, stopwords: frozenset[str]) -> bool:
        """Whether every word of ``phrase`` that carries meaning is one of the question's (or none does),
        and nothing negates them."""
        words = WORD_PATTERN.findall(phrase.lower())
        content = [w for w in words if (w not in stopwords or w in _OPENERS) and w not in NEGATORS]
        if not content:
            return True
        if any(w in NEGATORS for w in words):
            return False  # "No me preocupa" to "¿Qué le preocupa?": the negation is the answer's own
        return bool(self._echo) and all(
            _stem(w) in self._echo or set(map(_stem, gloss(w))) & self._echo for w in content
        )

    def _in_report(self, label: str, language: str) -> str:
        """``label`` as the report shows it: with a word-by-word gloss when it is in another language."""
        if self.report_language is None or not language or language == self.report_language:
            return label
        words = gloss(label) if language == "es" and self.report_language == "en" else []
        if words:
            return f"{label} (gloss: {', '.join(words)})"
        return f"{label} (in {LANGUAGE_NAMES.get(language, language)})"

    def _phrases(self, text: str, stopwords: frozenset[str]) -> frozenset[str]:
        return _phrases_of(text, stopwords, self.max_phrase_words)


@lru_cache(maxsize=262144)  # the theme and the topic labelers read the same answers
def _phrases_of(text: str, stopwords: frozenset[str], max_words: int) -> frozenset[str]:
    """The phrases of one answer a label may be made of (negated ones marked), and its don't-know phrase."""
    grams: set[str] = set()
    lowered = _PLACEHOLDER.sub(" , ", text.lower()).replace("’", "'")
    if _HAN_CHAR.search(lowered):
        lowered = _HAN_CHAR.sub(r" \1 ", lowered)
    # Only a short answer is a way of not knowing: "not sure how to pay for daycare" is about daycare.
    short = len(WORD_PATTERN.findall(lowered)) <= _DONT_KNOW_WORDS
    for language, pattern in _DONT_KNOW.items():
        if short and pattern.search(lowered):
            grams.add(_DONT_KNOW_PHRASE[language])
    # A phrase never crosses punctuation: "kids, no car" is two thoughts, not a label.
    for fragment in _BREAK.split(lowered)[:16]:  # numbers split an answer into more pieces
        _fragment_phrases(WORD_PATTERN.findall(fragment)[:40], stopwords, grams, max_words)
    if any(g.startswith(_NEGATED) for g in grams):
        grams.add(_SAYS_NO)
    return frozenset(grams)


def _fragment_phrases(words: list[str], stopwords: frozenset[str], grams: set[str], max_words: int) -> None:
    negated = _under_negation(words, stopwords)
    # What each word is, looked up once per word rather than once per phrase holding it.
    stop = [w in stopwords for w in words]
    negator = [w in NEGATORS for w in words]
    opener = [w in _OPENERS for w in words]
    short = [_too_short(w) for w in words]
    connector = [w in _CONNECTORS for w in words]
    subject = [w in _SUBJECTS for w in words]
    plain_stop = [s and not g for s, g in zip(stop, negator)]
    # One word longer than a label may be, to tell "single mom so child" (always followed by "care")
    # from a phrase that stands on its own; a negation opening a phrase does not count as a word.
    for n in range(1, max_words + 3):
        for i in range(len(words) - n + 1):
            j = i + n - 1  # the phrase's last word
            negation_opens = negator[i] and n > 1
            if n > max_words + 1 + negation_opens:
                continue
            # A word that carries meaning may open a phrase even when a stopword list holds it
            # ("part time version", "full time", "new hires"): cut, it left "Time version". It may
            # not end one, nor stand alone ("people who work", "Work").
            opens = n > 1 and (opener[i] or negation_opens)
            # After a negation, a word that carries meaning ends a whole thought ("not a problem").
            ends = not stop[j] or (negation_opens and opener[j])
            if (stop[i] and not opens) or not ends or short[i] or short[j]:
                continue
            if n > 2 and sum(plain_stop[i : j + 1]) > 1 + opener[j]:
                continue
            if any(connector[i + 1 : j]) or any(subject[i + 1 : j + 1]):
                continue  # two thoughts, or a new clause: not one phrase
            said_against = negated[i] and not any(negator[i : j + 1])
            grams.add((_NEGATED if said_against else "") + " ".join(words[i : j + 1]))


def _too_short(word: str) -> bool:
    """A one-letter word ("a", "y") never opens or ends a phrase; a Chinese character is a word."""
    return len(word) < 2 and not _HAN_CHAR.match(word)


def _subjects_of(texts, members, w_of, language_of, language) -> Callable[[], frozenset[tuple[str, str]]]:
    """The theme's own subject-verb pairs (:func:`written_subjects`), read only when a phrase needs them."""
    found: list[frozenset[tuple[str, str]]] = []

    def subjects() -> frozenset[tuple[str, str]]:
        if not found:
            mine = [int(i) for i in members if language_of(int(i)) == language]
            found.append(written_subjects([fragments(texts[i]) for i in mine], [w_of[i] for i in mine]))
        return found[0]

    return subjects


def _same_word(a: str, b: str) -> bool:
    """Whether two words are one word written two ways ("tutor", "tutoring"; "wage", "wages")."""
    x, y = _stem(a), _stem(b)
    return x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))


def _written_together(
    words: list[str], counts: Counter[str], stopwords: frozenset[str], fewest: float
) -> str | None:
    """The phrase the theme's answers most often wrote with exactly these words that carry meaning
    ("app is confusing" for "app" and "confusing"), not under a negation, when answers weighing at least
    ``fewest`` write these words together, in any form or order ("gas money", "money for gas"): "Waited
    two hours" is one answer's wording. Else ``None``."""
    wanted = {_stem(w) for w in words}
    shortest = [os.path.commonprefix([w, _stem(w)]) for w in words]  # "policies" holds no "policy"
    found = [
        (-n, len(g), g)
        for g, n in counts.items()
        if all(w in g for w in shortest)  # a quick test first: each word is somewhere in the text of it
        and not g.startswith(_SAYS_NO)
        and {_stem(w) for w in g.split() if w not in stopwords} == wanted
        and not disagrees(g.split())  # "[tomar las] clases es difícil"
    ]
    said = sum(-n + counts.get(_NEGATED + g, 0.0) for n, _, g in found)  # "no time to study" too
    return min(found)[2] if found and said >= fewest else None


def _under_negation(words: list[str], stopwords: frozenset[str]) -> list[bool]:
    """For each word, whether a negation turns it around: from the negation to the first word that carries
    meaning, a few words at most, never past a new clause. "Not concerned about academic integrity"
    negates "concerned" (and every phrase it opens), not "academic integrity"; "can't talk to an upset
    family" negates "talk", not "upset family". "Nobody", "nada" name an absence, not a reversal."""
    reach = 0
    out = []
    for w in words:
        if w in _CLAUSE_BREAKS:
            reach = 0
        out.append(reach > 0)
        if w in NEGATORS and w not in _ABSENCES:
            reach = _NEGATION_REACH
        elif reach:
            reach = 0 if w not in stopwords else reach - 1
    return out


@lru_cache(maxsize=65536)
def _forms(word: str) -> frozenset[str]:
    """The word's stem and its English gloss's: a Spanish phrase names a theme's English terms too
    ("cuide a mis hijos" holds "care" and "kids")."""
    return frozenset([_stem(word), *(_stem(g) for g in gloss(word))])


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude shared form of a word, enough to tell that "barriers" and "barrier" are the question's."""
    w = _fold(word.lower().strip("'’"))
    w = w.removesuffix("'s")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _fold(word: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def _question_words(question: str | None, stopwords: frozenset[str]) -> frozenset[str]:
    """The stems of the question's words that carry meaning (with their English gloss, for Spanish)."""
    if not question:
        return frozenset()
    words = [w for w in WORD_PATTERN.findall(question.lower()) if w not in stopwords and len(w) > 2]
    stems = {_stem(w) for w in words}
    for w in words:
        stems |= {_stem(g) for g in gloss(w)}
    return frozenset(stems)


@lru_cache(maxsize=4096)  # themes' labels are compared with each other, pair by pair
def _meaning(label: str) -> frozenset[str]:
    """The stems of a label's words that carry meaning, Spanish glossed to English, without its gloss."""
    text = _TAIL.sub("", label).lower()
    stems: set[str] = set()
    for w in WORD_PATTERN.findall(text):
        if w in NEGATORS:
            stems.add("¬")
            continue
        if len(w) < 3 or w in _JOINERS:
            continue
        english = gloss(w)
        stems |= {_stem(g) for g in english} if english else {_stem(w)}
    return frozenset(stems)


_JOINERS = frozenset({"and", "about", "the", "for", "with", "sobre", "con", "para", "los", "las", "del"})


def near_duplicates(a: str, b: str) -> bool:
    """Whether two labels read as the same theme: one's words hold the other's ("Honor code" and "Honor
    code and trusted"), or most words are shared, in either language ("English" and "Inglés")."""
    x, y = _meaning(a), _meaning(b)
    if not x or not y:
        return a.casefold() == b.casefold()
    return x <= y or y <= x or len(x & y) / len(x | y) >= 0.5


def _made_distinct(
    labels: dict[int, str],
    alternatives: dict[int, list[str]],
    terms: Mapping[int, list[str]],
    order: list[int],
    languages: Mapping[int, str],
) -> dict[int, str]:
    """Labels with no two themes reading alike: the larger theme keeps its label, the other takes its next
    best phrase that reads unlike every label kept, else its label with a distinctive term added, else
    (one concern in two languages) the language of its answers."""
    kept: dict[int, str] = {}
    for c in order:
        label = labels[c]
        if any(near_duplicates(label, other) for other in kept.values()):
            spare = [
                a for a in alternatives.get(c, []) if not any(near_duplicates(a, o) for o in kept.values())
            ]
            if spare:
                label = spare[0]
            else:
                extra = next(
                    (
                        t
                        for t in terms.get(c, [])
                        if not any(_meaning(t) <= _meaning(o) for o in [label, *kept.values()])
                    ),
                    None,
                )
                label = f"{label} ({extra})" if extra else label
        twin = next((o for o, text in kept.items() if near_duplicates(label, text)), None)
        if twin is not None and languages.get(c) != languages.get(twin) and languages.get(c):
            # One concern said in two languages, clustered apart: the language is what tells them apart.
            said_in = f"{LANGUAGE_NAMES.get(languages[c], languages[c])} answers"
            label = label[:-1] + f"; {said_in})" if label.endswith(")") else f"{label} ({said_in})"
        elif any(label.casefold() == o.casefold() for o in kept.values()):
            label = f"{label} ({len(kept) + 1})"
        kept[c] = label
    return {c: kept[c] for c in labels}


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


def _as_floats(counts: Counter[str]) -> Counter[str]:
    """Whole-number counts as the float sums of ones they stand for (exact), in the same order."""
    return Counter({key: float(n) for key, n in counts.items()})


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


ACRONYM_SAMPLE = 200
"""Most of a theme's answers read to see how they write its label's and key terms' words ("CNA", "GED")."""
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)\W*$")


def _casings(phrases: list[str], texts: list[str], weights: list[float] | None = None) -> dict[str, str]:
    """The words of ``phrases`` that most of the answers writing them write capitalised ("cna" → "CNA",
    "snap" → "SNAP" from "my Snap", "SNAP cut", "my SNAP", "no snap", "snap card"), in the capitalised form
    most of them write. Lower case against any capital is voted first, so that "Snap" and "SNAP" do not
    split the vote. A capital opening a sentence says nothing of the word (unless more of it is in
    capitals: "ESL", "UWorld"), and an answer of several words written all in capitals shouts every word:
    it votes only for a word the other answers write in capitals too ("HOURS SUCK" does not make "Hours")."""
    wanted = {w for phrase in phrases for w in phrase.split(" ") if w.islower() and len(w) > 1}
    if not wanted:
        return {}
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    lower: Counter[str] = Counter()
    shouted: list[tuple[str, float]] = []
    for n, text in enumerate(texts):
        weight = 1.0 if weights is None else weights[n]  # how many answers wrote it so
        if text.isupper() and " " in text.strip():
            shouted.append((text, weight))
            continue
        for match in WORD_PATTERN.finditer(text):
            word = match.group()
            key = word.casefold().replace("’", "'")
            if key not in wanted:
                continue
            if word.islower():
                lower[key] += weight
            elif word.isupper() and len(word) > 6:
                continue  # shouted ("WAITLIST")
            elif word[1:] != word[1:].lower() or not _SENTENCE_START.search(text, 0, match.start()):
                forms[key][word.replace("’", "'")] += weight
    for text, weight in shouted:
        for word in WORD_PATTERN.findall(text):
            key = word.casefold().replace("’", "'")
            if word.replace("’", "'") in forms.get(key, ()):
                forms[key][word.replace("’", "'")] += weight  # an acronym the others write so too
    cased = {}
    for key, written in forms.items():
        if sum(written.values()) > lower[key]:
            # The most written form; on a tie, the one with more capitals ("UWorld" over "Uworld").
            cased[key] = max(written, key=lambda form: (written[form], sum(c.isupper() for c in form)))
    return cased


def _capitalised(phrase: str, cased: Mapping[str, str] | None = None) -> str:
    """The phrase as a label: first letter capitalised, "I" and language names as English writes them, and
    the words its answers write otherwise than in lower case (``cased``: "CNA", "Medicaid") as they do."""
    words = [(cased or {}).get(w) or _CAPITALISED.get(w, w) for w in phrase.split(" ")]
    text = _HAN_SPACE.sub("", " ".join(words))
    return text[:1].upper() + text[1:]
