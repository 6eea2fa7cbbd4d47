"""The theme engine: from a column of open-ended answers to labelled, quoted, scored themes.

:class:`ThemeFinder` chains the steps of this package (clean → language → text → representation →
clustering → labels, quotes and sentiment). Each step is a parameter, so a caller or a benchmark can swap
one without touching the others. :func:`find_themes` is the one-call entry point for a DataFrame.
"""

from __future__ import annotations

import copy
import inspect
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from . import embeddings
from .clauses import clause_encoder, second_themes
from .cleaning import NON_ANSWER_REASONS, duplicate_key, non_answer_reasons, normalize_text, redact_pii
from .clustering import (
    MAX_TOPICS,
    AutoKMeans,
    Clusterer,
    default_max_clusters,
    gather_minorities,
    group_into_topics,
    language_offsets,
    neighbourhood_mean,
    place_answers,
    without_language_offsets,
)
from .labels import ClassTfidfLabeler
from .language import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, detect_language, language_code
from .quotes import pick_quotes
from .representation import Embeddings, Representation, TfidfLSA
from .sentiment import NEGATIVE_BELOW, SentimentScorer
from .text import TextProcessor, stopwords_for
from .two_level import TwoLevelKMeans

__all__ = [
    "COUNTS",
    "K_SAMPLE_ANSWERS",
    "MIN_LANGUAGE_LINK",
    "OTHER_THEME_ID",
    "REPRESENTATIONS",
    "SEMANTIC_MAX_SPANISH_SHARE",
    "Theme",
    "ThemeFinder",
    "ThemeResult",
    "Topic",
    "find_themes",
]

REPRESENTATIONS = ("auto", "embeddings", "tfidf", "semantic")
"""Names a caller may pass as ``representation``; ``"semantic"`` is the older name of ``"embeddings"``,
kept so stored runs and configuration still work."""

OTHER_THEME_ID = 0
"""Id of the "Other" theme: answers far from every theme centre. Real themes are numbered from 1."""

SEMANTIC_MAX_SPANISH_SHARE = 0.10
"""Without a glossary, above this share of Spanish answers the automatic choice keeps TF-IDF/LSA.

An English-only model reads Spanish as written poorly: measured with the earlier all-MiniLM-L6-v2 on
generated career-barrier answers (40 % Spanish, true number of themes), it grouped the Spanish answers
much worse than TF-IDF/LSA (AMI 0.20 vs 0.40); the default wordllama is English-only too. With the default glossary the Spanish answers are embedded through their glossed
tokens instead, which groups them well, so this limit applies only when the text step's glossary is off.
"""

MIN_LANGUAGE_LINK = 0.6
"""Least share of Spanish answers that must share a content word with English ones (through the
glossary) for the two languages to be clustered together and for an English-only model to read Spanish answers.

Below it (a question whose vocabulary the glossary does not cover, or answers all in Spanish), each
sizeable language is clustered on its own, so the smaller one is never lumped into one theme. Measured on
generated answers (1,500 per question, 30 % Spanish) the share is 0.69–0.99 for the demo's seven
open-ended questions, and 0 when every answer is in Spanish.
"""

TOPIC_LABEL_SAMPLE = 20_000
"""Most distinct answers the topic labels are read from (the themes' labels read every answer)."""

TOPIC_SAMPLE_ANSWERS = 2000
"""Most answers whose silhouette scores each way of grouping themes into topics."""

TOPICS_FIRST_FROM = 200
"""Fewest distinct answers (on sentence embeddings) for which topics are found first and themes inside
them (:class:`~analysis.two_level.TwoLevelKMeans`); below, themes are found first and grouped.

With under 200 answers there are at most 14 themes and grouping them loses little, while splitting a
handful of topics leaves a minority concern too few themes to stand apart in. Measured on held-out
generated answers (test seed 7, 94 answers): themes first 40.0 / topics 43.0 AMI, topics first 36.1 /
36.1 (true k 40.0); at 287 answers 53.1 / 54.6 against 58.7 / 62.4 (true k 49.2).
"""

TOPICS_FIRST_UP_TO = 20_000
"""Most distinct answers for which topics are found first. Above, the themes are found first and grouped
(as before): on 100k answers (87k distinct) topics first took 49 s of CPU in the clustering against
26 s, which the 30-second target cannot afford (measured on a loaded 2-core machine, 2026-12-07)."""

SMOOTHED_FROM = 80
"""Fewest distinct answers whose sentence vectors are averaged with their mutual nearest neighbours before
clustering (:func:`~analysis.clustering.neighbourhood_mean`), up to :data:`TOPICS_FIRST_UP_TO` (above, the
exact neighbour search would cost more than the time budget allows). Below 80, three answers about one
rare concern kept their own theme less often with it than without (1 seed of 5 at 60 answers, against 4);
from 100 they kept it more often (5 of 5, against 2). analysis/README.md has the measurements."""

K_SAMPLE_ANSWERS = 600
"""Most answers embedded to choose the number of themes when the clustering runs on TF-IDF/LSA."""

COUNTS = {
    "size": "answers whose main theme this is; sizes add up to the answers",
    "share": "size over all answers (non-answers excluded)",
    "second_theme_mentions": "answers mainly about another theme that also speak of this one",
    "mentions": "size + second_theme_mentions; an answer about two themes is a mention of each",
}
"""What each count of a theme counts, in words a report can show (``parameters["counts"]``)."""

_SENTIMENT_LANGUAGES = ("en",)

MIN_REPORT_LANGUAGE_ANSWERS = 2
"""Fewest answers in the report's language a theme needs for its label and quotes to be read from them;
with fewer, the theme is read in its main language (one answer is one person's wording, not the theme's)."""

# How the clustering step chose the number of themes (its ``criterion_``), in words a report can show.
_K_CHOICE = {
    "silhouette": "silhouette on the clustered vectors",
    "merged-centres": "silhouette of merged theme centres on the clustered vectors",
    None: "too few distinct answers to choose",
    "given clusterer": "chosen by the given clusterer",
    "topics-first": "topics by silhouette of the answers, then themes inside each topic by silhouette",
}


@dataclass
class Theme:
    """One theme: what staff read instead of the answers behind it.

    Attributes:
        id: 1.. in decreasing size; :data:`OTHER_THEME_ID` for Other.
        label: a short readable name, built from a phrase respondents used, in the report's language
            when any of the theme's answers is written in it (else with a gloss: see
            :class:`~analysis.labels.ClassTfidfLabeler`).
        terms: the theme's most distinctive terms (class-based TF-IDF), as its report-language answers
            wrote them.
        size: answers whose main theme this is (duplicates counted): sizes count answers, so they add
            up to the number of answers.
        share: ``size`` over all real answers (non-answers excluded).
        sentiment: mean VADER compound score, share negative, and how many answers they rest on
            (English answers only; ``mean`` is ``None`` when none could be scored).
        quotes: 3–5 representative answers with personal details redacted: from its answers in the
            report's language when it has :data:`MIN_REPORT_LANGUAGE_ANSWERS` of them, else from its main
            language's (from all its answers when there is no report language).
        languages: answers per language.
        language_shares: each language's share of the theme's answers (they add up to 1).
        label_language: the language the label (and its alternatives) is written in.
        quotes_language: the language of the quotes (``None``: chosen from every language).
        second_theme_mentions: answers whose main theme is another one but that also speak of this one
            (their ``second_theme``). The theme's mentions are ``size + second_theme_mentions``;
            mentions add up to more than the answers. See :data:`COUNTS`.
        alternatives: the next best names for the theme, best first (what staff may rename it to).
    """

    id: int
    label: str
    terms: list[str]
    size: int
    share: float
    sentiment: dict[str, Any]
    quotes: list[str]
    languages: dict[str, int] = field(default_factory=dict)
    second_theme_mentions: int = 0
    alternatives: list[str] = field(default_factory=list)
    topic: int | None = None
    language_shares: dict[str, float] = field(default_factory=dict)
    label_language: str | None = None
    quotes_language: str | None = None


@dataclass
class Topic:
    """A group of related themes: what a program manager reads first, before the themes inside it.

    Attributes:
        id: 1.. in decreasing size.
        label: a readable name, found as a theme's is, from the answers of all its themes.
        theme_ids: the themes it holds, largest first.
        size: answers in its themes (duplicates counted).
    """

    id: int
    label: str
    theme_ids: list[int]
    size: int


@dataclass
class ThemeResult:
    """Themes, one assignment per input row, and the parameters that produced them.

    ``assignments`` has columns ``row`` (0-based position in the input), ``theme`` (id, or missing for a
    non-answer), ``score`` (similarity to the theme centre), ``second_theme``, ``reason`` (why a row has
    no theme, else missing), ``language`` and ``sentiment``.
    """

    themes: list[Theme]
    assignments: pd.DataFrame
    parameters: dict[str, Any]
    topics: list[Topic] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-ready data (the ``chorus themes --out`` format)."""
        rows = []
        for r in self.assignments.itertuples(index=False):
            rows.append(
                {
                    "row": int(r.row),
                    "theme": None if pd.isna(r.theme) else int(r.theme),
                    "score": None if pd.isna(r.score) else round(float(r.score), 4),
                    "reason": None if pd.isna(r.reason) else str(r.reason),
                    "second_theme": None if pd.isna(r.second_theme) else int(r.second_theme),
                    "language": None if pd.isna(r.language) else str(r.language),
                    "sentiment": None if pd.isna(r.sentiment) else float(r.sentiment),
                }
            )
        return {
            "themes": [asdict(t) for t in self.themes],
            "topics": [asdict(t) for t in self.topics],
            "assignments": rows,
            "parameters": self.parameters,
        }


class ThemeFinder:
    """Find themes in open-ended answers, in the scikit-learn style.

    Parameters are only stored here; :meth:`fit` does the work and returns ``self``; learned attributes
    end in ``_`` and only :meth:`fit` sets them (each step returns what it found). Every step is
    replaceable; a step the caller passes in is copied before it is fitted, never changed.

    Args:
        k: force this many themes; ``None`` chooses (silhouette on sentence embeddings, merged-centre
            silhouette on TF-IDF/LSA: see :class:`~analysis.clustering.AutoKMeans`).
        representation: ``"auto"`` uses the packaged sentence embeddings (:mod:`analysis.embeddings`, in
            the plain install) when the answers fit ``time_budget`` (and, with the glossary off and an
            English-only model, are mostly English: see :data:`SEMANTIC_MAX_SPANISH_SHARE`), TF-IDF/LSA
            otherwise; ``"embeddings"`` (or its older name ``"semantic"``), ``"tfidf"`` or a
            :class:`~analysis.representation.Representation` instance force one.
        clusterer: a :class:`~analysis.clustering.Clusterer`; ``None`` uses :class:`AutoKMeans`.
        text_processor: a :class:`~analysis.text.TextProcessor`; ``None`` uses the default.
        n_quotes: quotes per theme (3 to 5 is what people read).
        time_budget: seconds the automatic choice may spend on embeddings.
        choose_k_with: ``"auto"`` chooses the number of themes on sentence embeddings of a sample of the
            answers when a packaged model is installed but the answers are clustered on TF-IDF/LSA
            (too many to embed, or TF-IDF requested); ``"representation"`` always chooses on the vectors
            that are clustered.
        random_state: seed; the same seed and input give the same themes.
        progress: called with a short message as each step starts (the CLI prints them).
        language: ``"auto"`` detects each answer's language among :data:`~analysis.language.SUPPORTED_LANGUAGES`;
            one of them forces it for all.
        report_language: the language the themes are read in (any of
            :data:`~analysis.language.SUPPORTED_LANGUAGES`; ``"zh"`` is read as ``"zh-Hans"``): labels,
            their alternatives, key terms and quotes come from the answers written in it where a theme
            has :data:`MIN_REPORT_LANGUAGE_ANSWERS` of them, else from its main language; answers in
            every language count in each theme. ``None`` names each theme in its main language.
        question: the question the answers reply to; its words alone never name a theme.
        min_theme_size: the fewest answers a theme can show (a report's small-cell threshold). With it,
            automatic k looks for at most one theme per ``2 * min_theme_size`` answers, so few answers
            are not cut into themes too small to print (70 answers: 7 themes at a threshold of 5, not 13).

    Attributes:
        themes_: list of :class:`Theme`, largest first, Other last.
        topics_: list of :class:`Topic`: related themes grouped, largest first (see
            :func:`~analysis.clustering.group_into_topics`).
        topics_choice_: how the number of topics was chosen, in words a report can show.
        assignments_: one row per input answer (see :class:`ThemeResult`).
        representation_: name of the representation used.
        representation_reason_: why it was used (shown in reports).
        n_themes_: number of themes found (Other not counted).
        language_groups_: languages clustered on their own: empty when all answers were clustered together,
            as they are whenever the glossary links the languages (see ``language_link_``).
        k_scores_: silhouette per candidate number of themes (empty when ``k`` was forced); keys are
            prefixed with the language (``"es:12"``) when each language was clustered on its own.
        k_choice_: how the number of themes was chosen, in words a report can show.
        language_link_: share of Spanish answers holding a content word English answers use too (through
            the glossary); at :data:`MIN_LANGUAGE_LINK` or more, both languages are clustered together.
        language_links_: the same share for each language other than English (empty with the glossary
            off). A language below :data:`MIN_LANGUAGE_LINK` that the representation does not read in one
            space with English (a multilingual model, or the word table once it holds that language) is
            clustered on its own when it has answers enough.
        sentiment_coverage_: which languages sentiment was read in, and the answers (per language) it
            could not read: ``{"languages": ["en"], "unscored_answers": 12, "unscored_languages":
            {"vi": 7, "ar": 5}, "note": "Sentiment read for English answers; 12 answers in Vietnamese
            and Arabic not scored", ...}``.
        labels_: theme id per input row, ``-1`` for non-answers (handy for evaluation).
        n_answers_: rows that are answers (non-answers and excluded rows not counted).
        n_distinct_answers_: distinct answers after near-duplicates were grouped (what is clustered).
        timings_: seconds spent per step.
    """

    def __init__(
        self,
        k: int | None = None,
        language: str = "auto",
        representation: str | Representation = "auto",
        clusterer: Clusterer | None = None,
        text_processor: TextProcessor | None = None,
        n_quotes: int = 5,
        time_budget: float = 30.0,
        random_state: int | None = 0,
        progress: Callable[[str], None] | None = None,
        choose_k_with: str = "auto",
        report_language: str | None = "en",
        question: str | None = None,
        min_theme_size: int | None = None,
    ) -> None:
        self.k = k
        self.language = language
        self.representation = representation
        self.clusterer = clusterer
        self.text_processor = text_processor
        self.n_quotes = n_quotes
        self.time_budget = time_budget
        self.random_state = random_state
        self.progress = progress
        self.choose_k_with = choose_k_with
        self.report_language = report_language
        self.question = question
        self.min_theme_size = min_theme_size

    # -- the pipeline -------------------------------------------------------------------------------
    def fit(
        self,
        texts: Sequence[Any] | pd.Series,
        y: None = None,
        excluded_rows: Mapping[int, str] | None = None,
    ) -> ThemeFinder:
        """Find the themes in ``texts`` (one answer each; missing values count as empty answers).

        Args:
            texts: the answers, in input order; row numbers in the results are positions in it.
            y: ignored; present for scikit-learn compatibility.
            excluded_rows: rows known not to be answers (row → reason), such as the header rows of an
                export (:attr:`~analysis.io.AnswersFile.excluded_rows`).

        Returns:
            ``self``, with the learned attributes set.

        Raises:
            ValueError: for invalid parameters.
        """
        self._validate()
        clock = _Clock()
        rows = _as_answers(texts)
        self._say(f"Cleaning {len(rows):,} answers")
        with clock("clean"):
            units = _units(rows, excluded_rows or {}, self.question)
        self._say("Detecting languages and processing text")
        with clock("text"):
            languages = self._languages(units.texts)
            processor, tokens = self._tokens(units, languages)
        with SentimentScorer(_SENTIMENT_LANGUAGES).scoring(units.texts, languages) as sentiment_scores:
            with clock("represent"):
                space = self._space(units, languages, processor, tokens)
                rep, rep_reason, X, linked, together = space.rep, space.reason, space.X, space.linked, space.together
                links, link = space.links, space.links.get("es", 1.0) if space.links else 0.0
                offsets = {} if rep.name == TfidfLSA.name else self._language_offsets(
                    X, languages, units.weights, linked, together)
                X = without_language_offsets(X, languages, offsets)
            self._say("Clustering" + (" and choosing the number of themes" if self.k is None else ""))
            with clock("cluster"):
                clustering = self._cluster_units(X, rep, units, tokens, languages, linked, together, processor, offsets)
                placed = _numbered_by_size(clustering, units.weights, drop_dust=self.k is None)
            self._say("Labelling themes, choosing quotes, scoring sentiment")
            with clock("describe"):
                sentiment = sentiment_scores.result()
                sentiment_coverage = _sentiment_coverage(languages, units.weights)
                themes = self._describe(placed, units, languages, tokens, processor, sentiment, X)
        with clock("topics"):
            topic_of_theme, topics_choice = _topics_of_themes(
                X, placed, units.weights, self.random_state, clustering.topic
            )
            topics = self._describe_topics(
                topic_of_theme, themes, placed, units, languages, tokens, processor
            )
        assignments = _assignments(units, placed, languages, sentiment)

        self.themes_, self.assignments_ = themes, assignments
        self.topics_, self.topics_choice_ = topics, topics_choice
        self.n_themes_ = sum(1 for t in themes if t.id != OTHER_THEME_ID)
        self.labels_ = assignments["theme"].fillna(-1).to_numpy(dtype=int)
        self.representation_, self.representation_reason_ = rep.name, rep_reason
        self.language_link_, self.language_groups_ = link, clustering.language_groups
        self.language_links_ = {lang: round(share, 3) for lang, share in links.items()}
        self.sentiment_coverage_ = sentiment_coverage
        self.k_scores_, self.k_choice_ = clustering.k_scores, clustering.k_choice
        self.n_answers_, self.n_distinct_answers_ = int(units.weights.sum()), len(units.texts)
        self.timings_ = clock.timings()
        return self

    # -- steps: each returns what it found; only fit sets learned attributes --------------------------
    def _say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)

    def _validate(self) -> None:
        codes = ", ".join(repr(c) for c in SUPPORTED_LANGUAGES)
        if self.language != "auto" and language_code(str(self.language)) not in SUPPORTED_LANGUAGES:
            raise ValueError(f"language must be 'auto' or one of {codes}, not {self.language!r}")
        if self.k is not None and (not isinstance(self.k, (int, np.integer)) or self.k < 1):
            raise ValueError(f"k must be a positive whole number or None, not {self.k!r}")
        if not isinstance(self.representation, Representation) and self.representation not in REPRESENTATIONS:
            raise ValueError(
                "representation must be 'auto', 'embeddings', 'tfidf' (or the older 'semantic') or a "
                f"Representation, not {self.representation!r}"
            )
        if self.report_language is not None and self._report_language() not in SUPPORTED_LANGUAGES:
            raise ValueError(f"report_language must be one of {codes} or None, not {self.report_language!r}")
        if self.min_theme_size is not None and (
            not isinstance(self.min_theme_size, (int, np.integer)) or self.min_theme_size < 1
        ):
            raise ValueError(f"min_theme_size must be a positive whole number or None, not {self.min_theme_size!r}")
        if self.choose_k_with not in ("auto", "representation"):
            raise ValueError(f"choose_k_with must be 'auto' or 'representation', not {self.choose_k_with!r}")
        if not 1 <= self.n_quotes <= 20:
            raise ValueError("n_quotes must be between 1 and 20")

    def _report_language(self) -> str | None:
        """The report's language as the engine writes it ("zh" and "zh_Hans" are ``"zh-Hans"``)."""
        return None if self.report_language is None else language_code(str(self.report_language))

    def _languages(self, texts: list[str]) -> list[str]:
        """The language of each distinct answer: detected, or the one the caller forced."""
        if self.language == "auto":
            return [detect_language(t) for t in texts]
        return [language_code(str(self.language))] * len(texts)

    def _tokens(self, units: _Units, languages: list[str]) -> tuple[TextProcessor | None, list[list[str]]]:
        """Fit the text step on the answers; return it (``None`` when there was nothing to fit) and the
        tokens and phrases of each distinct answer."""
        if not units.texts:
            return None, []
        # Fit a copy: the caller's step keeps its parameters only, as scikit-learn's clone would.
        processor = copy.deepcopy(self.text_processor) if self.text_processor is not None else TextProcessor()
        return processor, processor.fit_transform(units.texts, languages, [int(w) for w in units.weights])

    def _space(self, units: _Units, languages: list[str], processor: TextProcessor | None,
               tokens: list[list[str]]) -> _Embedded:
        """Choose the representation and embed the answers: the languages the glossary links to English
        (by shared words) or the model reads as written are placed in one space with it."""
        glossed = processor is not None and processor.links_languages_
        links = _language_links(tokens, languages, units.weights) if glossed else {}
        by_words = {lang for lang, share in links.items() if share >= MIN_LANGUAGE_LINK}
        other = _other_share(languages, units.weights)
        rep, reason = self._choose_representation(
            units.texts, other, _all_linked(by_words, languages, units.weights), languages, units.weights
        )
        # A multilingual model puts the languages it reads in one space itself, glossary or not.
        together = by_words | (_read_together(rep) if set(languages) - {"en"} else set())
        linked = bool(units.texts) and _all_linked(together, languages, units.weights)
        return _Embedded(rep, reason, self._represent(rep, units, tokens, languages, linked), linked, together, links)

    def _choose_representation(
        self,
        texts: list[str],
        other_share: float,
        glossed: bool,
        languages: list[str] | None = None,
        weights: np.ndarray | None = None,
    ) -> tuple[Representation, str]:
        """Return the representation to use and why, in words a report can show.

        With :data:`~analysis.representation.MIXED_LANGUAGES_SHARE` of the answers in languages beyond
        English and Spanish that the shipped word table holds, embeddings left to choose read every answer
        with the table alone (see :func:`_beyond_glossary`)."""
        choice = self.representation
        if isinstance(choice, Representation):
            return choice, "given by the caller"
        if choice == "tfidf":
            return TfidfLSA(random_state=self.random_state), "requested"
        if not embeddings.available():
            return TfidfLSA(
                random_state=self.random_state
            ), "no packaged sentence-embedding model is installed"
        beyond = _beyond_glossary(languages, weights)
        if choice in ("embeddings", "semantic"):
            return (Embeddings(model="static"), "requested; " + beyond) if beyond else (Embeddings(), "requested")
        seconds = sum(min(t.count(" ") + 1, 256) for t in texts) / embeddings.words_per_second()
        if seconds > self.time_budget:
            return TfidfLSA(random_state=self.random_state), (
                f"{len(texts):,} distinct answers would take about {seconds:.0f} s to embed "
                f"(budget {self.time_budget:.0f} s)"
            )
        if other_share > SEMANTIC_MAX_SPANISH_SHARE and not glossed and not embeddings.is_multilingual():
            return TfidfLSA(random_state=self.random_state), (
                f"{100 * other_share:.0f}% of answers are not in English and the packaged model is "
                "English-only"
            )
        if beyond:
            return Embeddings(model="static"), beyond
        return Embeddings(), "sentence embeddings (packaged model) fit the time budget"

    def _represent(
        self, rep: Representation, units: _Units, tokens: list[list[str]], languages: list[str], linked: bool
    ) -> np.ndarray:
        """One unit-length vector per distinct answer (a constant one when there is nothing to compare)."""
        if len(units.texts) < 2:
            return np.ones((len(units.texts), 1), dtype=np.float32)
        self._say(f"Representing {len(units.texts):,} distinct answers with {rep.name}")
        # Only with the languages linked do Spanish tokens carry English words a model can read; a model
        # named for its languages reads every answer as written, never its processed words.
        as_written = isinstance(rep, Embeddings) and rep.model is not None and embeddings.is_multilingual(rep.model)
        return rep.fit_transform(units.texts, tokens, languages if linked and not as_written else None)

    def _cluster_units(
        self,
        X: np.ndarray,
        rep: Representation,
        units: _Units,
        tokens: list[list[str]],
        languages: list[str],
        linked: bool,
        together: set[str] = frozenset(),
        processor: TextProcessor | None = None,
        offsets: dict[str, np.ndarray] | None = None,
    ) -> _Clustering:
        """Group the distinct answers into themes and place each against the theme centres.

        ``together`` names the languages linked to English (by the glossary or the model), clustered
        with it when not all languages are linked; ``offsets`` were subtracted from ``X`` (and are from
        clauses). An answer's second theme comes from its clauses
        where the representation can embed them (:mod:`analysis.clauses`: held out, precision 84.5 %,
        recall 50.7 %, against 39.3 % and 5.0 % for the whole answer), else from the whole answer."""
        n = len(units.texts)
        if n < 2:
            return _Clustering(
                theme=np.zeros(n, dtype=int),
                score=np.ones(n, dtype=np.float32),
                second=np.full(n, -1),
                language_groups=[],
                k_scores={},
                k_choice="too few answers to choose",
                topic=None,
            )
        judged = self._choose_k_on_embeddings(rep, units.texts, tokens, languages, units.weights, linked)
        labels, centers, groups, k_scores, k_choice, topic_of_cluster = self._cluster(
            X, units.weights, languages, linked, judged, lexical=rep.name == TfidfLSA.name, together=together
        )
        placement = place_answers(X, centers, labels)
        if self.k is None:
            placement = gather_minorities(X, placement)
        encode = clause_encoder(rep, processor if linked else None)
        if encode is not None and offsets:  # clauses sit where their answers were moved to
            embed = encode
            encode = lambda texts, langs: without_language_offsets(embed(texts, langs), langs, offsets)
        if encode is not None:
            placement = replace(placement, second=second_themes(
                units.texts, languages, encode, centers, placement.theme, placement.score))
        # The topic each answer was clustered in (its theme's topic, whatever placement did after).
        topic = None if topic_of_cluster is None else topic_of_cluster[labels]
        return _Clustering(
            placement.theme, placement.score, placement.second, groups, k_scores, k_choice, topic
        )

    def _language_groups(
        self, unit_lang: list[str], weights: np.ndarray, linked: bool, together: set[str] = frozenset()
    ) -> list[tuple[str, np.ndarray]]:
        """Return the groups of answers to cluster: all together when the languages are linked.

        Linked (see :data:`MIN_LANGUAGE_LINK`), Spanish and English answers about one concern share their
        content words through the glossary, and a multilingual model puts the languages it reads in one
        space, so they are clustered together and one theme can hold several languages. Otherwise answers
        in two languages share almost no words, and a lexical representation would put all answers of the
        smaller language into one theme ("the Vietnamese answers"), hiding what they say; so each sizeable
        language is clustered on its own (the languages in ``together`` with English, in its group) and a
        language with few answers joins the largest group.
        """
        if linked:
            return [("all", np.arange(len(unit_lang)))]
        langs = np.asarray(["en" if lang in together else lang for lang in unit_lang])
        total = float(weights.sum())
        counts = {lang: float(weights[langs == lang].sum()) for lang in dict.fromkeys(langs.tolist())}
        big = [
            lang for lang, c in sorted(counts.items(), key=lambda x: -x[1]) if c >= max(20.0, 0.05 * total)
        ]
        if self.language != "auto" or len(big) < 2:
            return [("all", np.arange(len(unit_lang)))]
        groups = {lang: np.flatnonzero(langs == lang) for lang in big}
        rest = np.flatnonzero(~np.isin(langs, big))
        groups[big[0]] = np.sort(np.concatenate([groups[big[0]], rest]))
        return list(groups.items())

    def _language_offsets(self, X: np.ndarray, languages: list[str], weights: np.ndarray, linked: bool,
                          together: set[str]) -> dict[str, np.ndarray]:
        """How far each language clustered beside another sits from the largest one
        (:func:`~analysis.clustering.language_offsets`): subtracted, themes follow what answers say
        rather than the language they say it in."""
        langs = np.asarray(languages)
        offsets: dict[str, np.ndarray] = {}
        for _, idx in self._language_groups(languages, weights, linked, together):
            if len(set(langs[idx].tolist())) > 1:
                offsets.update(language_offsets(X[idx], langs[idx].tolist()))
        return offsets

    def _choose_k_on_embeddings(
        self,
        rep: Representation,
        texts: list[str],
        tokens: list[list[str]],
        languages: list[str],
        weights: np.ndarray,
        linked: bool,
    ) -> tuple[int, dict[int, float], int] | None:
        """Choose the number of themes by silhouette on sentence embeddings of a sample of the answers.

        Sentence embeddings know which answers mean the same, so their silhouette peaks where the meaning
        does: measured on the shared labelled sets, k chosen this way on 600 sampled answers is 3 for
        AG News (4 labels) and 58 for Banking77 (77 labels), where the merged-centre silhouette of the
        TF-IDF/LSA vectors gives 3 and 24. Loading the model and embedding the sample cost about 6 s and
        15 % of the time budget at most; the answers are then clustered on the fast representation.

        Returns ``(k, silhouette per candidate, sample size)``, or ``None`` when this does not apply.
        """
        if (
            self.k is not None
            or self.choose_k_with != "auto"
            or self.clusterer is not None
            or rep.name != TfidfLSA.name
            or not embeddings.available()
            or len(self._language_groups(languages, weights, linked)) > 1
            or (not linked and _other_share(languages, weights) > SEMANTIC_MAX_SPANISH_SHARE)
            or len(texts) < 20
        ):
            return None
        rng = np.random.default_rng(self.random_state)
        order = rng.choice(len(texts), size=len(texts), replace=False, p=weights / weights.sum())
        words_allowed = 0.15 * self.time_budget * embeddings.words_per_second()
        chosen, words = [], 0
        for u in order[:K_SAMPLE_ANSWERS]:
            words += min(texts[u].count(" ") + 1, 256)
            if words > words_allowed:
                break
            chosen.append(int(u))
        if len(chosen) < min(len(texts), 200):
            return None
        self._say(f"Choosing the number of themes on {len(chosen):,} sampled answers")
        E = Embeddings().fit_transform(
            [texts[u] for u in chosen],
            [tokens[u] for u in chosen],
            [languages[u] for u in chosen] if linked else None,
        )
        most = printable_themes(default_max_clusters(len(texts)), self.min_theme_size, float(weights.sum()))
        judge = AutoKMeans(max_clusters=most, random_state=self.random_state)
        k = judge.choose_k(E)
        return k, judge.scores_, len(chosen)

    def _cluster(
        self,
        X: np.ndarray,
        weights: np.ndarray,
        unit_lang: list[str],
        linked: bool,
        judged: tuple[int, dict[int, float], int] | None = None,
        lexical: bool = False,
        together: set[str] = frozenset(),
    ) -> tuple[np.ndarray, np.ndarray, list[str], dict[str, float], str, np.ndarray | None]:
        """Cluster each language group.

        ``lexical`` vectors (TF-IDF/LSA) have their number of themes chosen by merging micro-cluster
        centres, since the answers' own silhouette keeps rising with k on them (see
        :func:`~analysis.clustering.merged_centres_k`); other vectors by the answers' silhouette.

        Returns:
            One label per answer, the unit-length centres, the languages clustered on their own, the
            score of each candidate number of themes, how the number was chosen (see ``k_choice_``),
            and the topic of each cluster when the clusterer chose topics first (else ``None``).
        """
        groups = self._language_groups(unit_lang, weights, linked, together)
        if self.k is not None and len(groups) > self.k:
            groups = [("all", np.arange(len(X)))]
        ks, k_choice, k_scores = self._themes_per_group(groups, weights, judged)
        chosen_by: dict[str, str] = {}  # language group → how its number of themes was chosen
        labels = np.zeros(len(X), dtype=int)
        centers: list[np.ndarray] = []
        topics: list[np.ndarray] = []  # the topic of each cluster, numbered across language groups
        offset = 0
        for (lang, idx), k in zip(groups, ks):
            topic_offset = 1 + max((int(t.max()) for t in topics if len(t)), default=-1)
            if len(idx) < 2:
                labels[idx] = offset
                centers.append(X[idx][:1] / max(float(np.linalg.norm(X[idx][:1])), 1e-9))
                topics.append(np.array([topic_offset]))
                offset += 1
                continue
            answers = float(weights[idx].sum())
            if lexical:  # the merged-centres search keeps its own bound unless a report needs fewer
                most = (printable_themes(default_max_clusters(len(idx)), self.min_theme_size, answers)
                        if self.min_theme_size else None)
            else:
                most = max_themes_on_embeddings(len(idx), self.min_theme_size, answers)
            clusterer = self._new_clusterer(k, lexical, most, len(idx))
            smoothed = self.clusterer is None and not lexical and SMOOTHED_FROM <= len(idx) <= TOPICS_FIRST_UP_TO
            clusterer.fit(neighbourhood_mean(X[idx]) if smoothed else X[idx], sample_weight=weights[idx])
            labels[idx] = np.asarray(clusterer.labels_) + offset
            centers.append(
                _member_centres(X[idx], weights[idx], np.asarray(clusterer.labels_), len(clusterer.cluster_centers_))
                if smoothed
                else np.asarray(clusterer.cluster_centers_, dtype=np.float32)
            )
            of_cluster = getattr(clusterer, "topic_of_cluster_", None)
            topics.append(
                np.full(len(clusterer.cluster_centers_), -1)
                if of_cluster is None
                else np.asarray(of_cluster, dtype=int) + topic_offset
            )
            offset += len(clusterer.cluster_centers_)
            if self.k is None and judged is None:
                chosen_by[lang] = _K_CHOICE.get(getattr(clusterer, "criterion_", "given clusterer"), "")
            prefix = "" if lang == "all" else f"{lang}:"
            k_scores.update({f"{prefix}{c}": v for c, v in getattr(clusterer, "scores_", {}).items()})
        if len(set(chosen_by.values())) == 1:
            k_choice = next(iter(chosen_by.values()))
        elif chosen_by:  # languages clustered apart, with different criteria (one too small to merge)
            k_choice = "; ".join(f"{lang}: {how}" for lang, how in chosen_by.items())
        languages_apart = [lang for lang, _ in groups if lang != "all"]
        topic_of_cluster = np.concatenate(topics)
        chose_topics = bool((topic_of_cluster >= 0).all()) and any(len(t) > 1 for t in topics)
        return labels, np.vstack(centers), languages_apart, k_scores, k_choice, (
            topic_of_cluster if chose_topics else None
        )

    def _themes_per_group(
        self,
        groups: list[tuple[str, np.ndarray]],
        weights: np.ndarray,
        judged: tuple[int, dict[int, float], int] | None,
    ) -> tuple[list[int | None], str, dict[str, float]]:
        """How many themes each language group gets (``None``: the clusterer chooses), how that was
        decided, and the scores it was decided on."""
        if self.k is not None:  # a forced k is shared out by the groups' sizes
            sizes = np.array([weights[idx].sum() for _, idx in groups])
            shares = [max(1, round(self.k * s / sizes.sum())) for s in sizes]
            shares[int(np.argmax(sizes))] += self.k - sum(shares)
            return list(shares), "given", {}
        if judged is not None:
            k, scores, sampled = judged
            return (
                [k],
                f"silhouette on sentence embeddings of {sampled:,} sampled answers",
                {str(c): v for c, v in scores.items()},
            )
        return [None] * len(groups), _K_CHOICE[None], {}  # the clusterers' criteria say how, in _cluster

    def _new_clusterer(
        self, k: int | None, lexical: bool, max_themes: int | None = None, n_distinct: int = 0
    ) -> Clusterer:
        """An unfitted clusterer for one language group, asked for ``k`` themes when they were decided here.

        A caller's clusterer is cloned (a deep copy, for one that is not a scikit-learn estimator) and only
        the clone is told ``k``: the caller's object keeps its parameters and is never fitted.
        """
        if self.clusterer is None:
            if lexical:
                return AutoKMeans(n_clusters=k, max_clusters=max_themes, criterion="merged-centres",
                                  random_state=self.random_state)
            if k is None and TOPICS_FIRST_FROM <= n_distinct <= TOPICS_FIRST_UP_TO:
                return TwoLevelKMeans(max_clusters=max_themes or 100, random_state=self.random_state)
            return AutoKMeans(n_clusters=k, max_clusters=max_themes, random_state=self.random_state)
        from sklearn.base import clone

        clusterer = clone(self.clusterer, safe=False)
        if k is not None and hasattr(clusterer, "n_clusters"):
            clusterer.n_clusters = k
        return clusterer

    def _describe(
        self,
        placed: _Placed,
        units: _Units,
        languages: list[str],
        tokens: list[list[str]],
        processor: TextProcessor | None,
        sentiment: list[float | None],
        X: np.ndarray,
    ) -> list[Theme]:
        """Label each theme, pick its quotes and sum up its size, languages and sentiment."""
        labeler = self._labeler()
        report = self._report_language()
        labeler.fit(
            tokens,
            units.texts,
            placed.theme,
            units.weights,
            processor.surfaces() if processor is not None else {},
            label_stopwords(),
            languages,
            report_surfaces=processor.surfaces(language=report) if processor is not None and report else None,
        )
        weights = units.weights
        answered = max(float(weights.sum()), 1.0)
        themes: list[Theme] = []
        ids = sorted(set(placed.theme.tolist()), key=lambda c: (c == OTHER_THEME_ID, c))
        used: set[str] = set()
        for c in ids:
            members = np.flatnonzero(placed.theme == c)
            size = int(weights[members].sum())
            label = distinct_label(c, labeler, used)
            used.add(label.casefold())
            counts = _theme_languages(members, languages, weights)
            quoted, quotes_language = quote_pool(members, languages, weights, counts, report)
            themes.append(
                Theme(
                    id=int(c),
                    label=label,
                    terms=[] if c == OTHER_THEME_ID else labeler.terms_.get(c, []),
                    size=size,
                    share=round(size / answered, 4),
                    sentiment=_theme_sentiment(members, sentiment, weights),
                    quotes=pick_quotes(quoted, placed.score, units.texts, _cosine(X), self.n_quotes,
                                       terms=[] if c == OTHER_THEME_ID else labeler.terms_.get(c, [])),
                    languages=counts,
                    second_theme_mentions=int(weights[placed.second == c].sum()),
                    alternatives=[] if c == OTHER_THEME_ID else label_alternatives(c, labeler, label),
                    language_shares={lang: round(n / max(size, 1), 4) for lang, n in counts.items()},
                    label_language=labeler.label_languages_.get(c) or max(counts, key=counts.get, default=None),
                    quotes_language=quotes_language,
                )
            )
        return themes

    def _labeler(self) -> ClassTfidfLabeler:
        """A fresh labeler; told the question when the labeler takes one (its ``question`` keyword)."""
        options: dict[str, Any] = {
            "random_state": self.random_state,
            "report_language": self._report_language(),
            "min_report_answers": MIN_REPORT_LANGUAGE_ANSWERS,
        }
        if "question" in inspect.signature(ClassTfidfLabeler.__init__).parameters:
            options["question"] = self.question
        return ClassTfidfLabeler(**options)

    def _describe_topics(
        self,
        topic_of_theme: dict[int, int],
        themes: list[Theme],
        placed: _Placed,
        units: _Units,
        languages: list[str],
        tokens: list[list[str]],
        processor: TextProcessor | None,
    ) -> list[Topic]:
        """Name each topic as a theme is named, from the answers of all its themes; tell each theme its
        topic. Topic labels that read like one of their themes' are allowed: a one-theme topic is that
        theme."""
        if not topic_of_theme:
            return []
        unit_topic = np.array([topic_of_theme.get(int(t), -1) for t in placed.theme], dtype=int)
        rows = np.arange(len(unit_topic))
        if len(rows) > TOPIC_LABEL_SAMPLE:  # a topic's words show in a sample; the labeler is the slow part
            rows = np.sort(
                np.random.default_rng(self.random_state).choice(rows, TOPIC_LABEL_SAMPLE, replace=False)
            )
        labeler = self._labeler()
        report = self._report_language()
        labeler.fit(
            [tokens[i] for i in rows],
            [units.texts[i] for i in rows],
            unit_topic[rows],
            units.weights[rows],
            processor.surfaces() if processor is not None else {},
            label_stopwords(),
            [languages[i] for i in rows],
            report_surfaces=processor.surfaces(language=report) if processor is not None and report else None,
        )
        by_id = {t.id: t for t in themes}
        topics: list[Topic] = []
        used: set[str] = set()
        for topic_id in sorted(set(topic_of_theme.values())):
            members = sorted(
                (c for c, g in topic_of_theme.items() if g == topic_id), key=lambda c: -by_id[c].size
            )
            for c in members:
                by_id[c].topic = topic_id
            if len(members) == 1:
                label = by_id[members[0]].label
            else:
                label = distinct_label(topic_id, labeler, used)
            used.add(label.casefold())
            topics.append(Topic(topic_id, label, members, int(sum(by_id[c].size for c in members))))
        return topics


@dataclass
class _Embedded:
    """The answers embedded: how, why, and which languages share English's space."""

    rep: Representation
    reason: str
    X: Any
    linked: bool
    together: set[str]
    links: dict[str, float]


@dataclass(frozen=True)
class _Units:
    """The distinct answers the engine works on: near-duplicates share a unit, weighted by their rows."""

    texts: list[str]  # one redacted text per unit
    weights: np.ndarray  # rows each unit stands for
    of_row: np.ndarray  # the unit of each input row; -1 for a row set apart
    reasons: list[str | None]  # why each row was set apart (a non-answer), else None


@dataclass(frozen=True)
class _Clustering:
    """Clusters of the distinct answers (``-1`` for Other) and how their number was chosen."""

    theme: np.ndarray
    score: np.ndarray  # similarity of each unit to its theme's centre
    second: np.ndarray  # a second theme the unit is nearly as close to, else -1
    language_groups: list[str]
    k_scores: dict[str, float]
    k_choice: str
    topic: np.ndarray | None = None  # the topic each unit was clustered in, when topics came first


@dataclass(frozen=True)
class _Placed:
    """Each distinct answer's theme id as reported (1.. by decreasing size, Other = 0)."""

    theme: np.ndarray
    second: np.ndarray  # -1 for none
    score: np.ndarray


class _Clock:
    """Seconds spent per step of :meth:`ThemeFinder.fit`, and in all."""

    def __init__(self) -> None:
        self._started = time.perf_counter()
        self._seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, step: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        self._seconds[step] = time.perf_counter() - t0

    def timings(self) -> dict[str, float]:
        total = {"total": time.perf_counter() - self._started}
        return {k: round(v, 3) for k, v in {**self._seconds, **total}.items()}


def _as_answers(texts: Sequence[Any] | pd.Series) -> list[Any]:
    """The answers as a list; missing values of any kind (None, NaN, pd.NA, NaT) become empty answers,
    never the text "<NA>"."""
    raw = list(texts.tolist() if isinstance(texts, pd.Series) else texts)
    return ["" if (not isinstance(t, str) and pd.api.types.is_scalar(t) and pd.isna(t)) else t for t in raw]


def _units(rows: list[Any], excluded_rows: Mapping[int, str], question: str | None = None) -> _Units:
    """Normalise every answer, set non-answers apart (a shrug that repeats the ``question``'s words too),
    redact personal details, and group near-duplicates."""
    clean = [normalize_text(t) for t in rows]
    # Each check runs once per distinct answer: surveys repeat short answers ("no car") a great deal.
    distinct = list(dict.fromkeys(clean))
    reason_of = dict(zip(distinct, non_answer_reasons(distinct, question, normalized=True)))
    reasons = [reason_of[t] for t in clean]
    redacted_of: dict[str, str] = {}
    for row, why in excluded_rows.items():
        if 0 <= row < len(rows):
            reasons[row] = why
    of_row = np.full(len(rows), -1)
    unit_of_key: dict[str, int] = {}
    texts: list[str] = []
    counts: list[int] = []
    for i, (text, reason) in enumerate(zip(clean, reasons)):
        if reason:
            continue
        redacted = redacted_of.get(text)
        if redacted is None:
            redacted = redacted_of[text] = redact_pii(text)
        u = unit_of_key.setdefault(duplicate_key(redacted), len(texts))
        if u == len(texts):
            texts.append(redacted)
            counts.append(0)
        counts[u] += 1
        of_row[i] = u
    return _Units(texts=texts, weights=np.asarray(counts, dtype=float), of_row=of_row, reasons=reasons)


def _numbered_by_size(clustering: _Clustering, weights: np.ndarray, drop_dust: bool) -> _Placed:
    """Number the themes 1.. by decreasing size, Other 0.

    With ``drop_dust``, a small chosen "theme" goes to Other only when it is not distinct: a minority
    voice of 2–4 answers that agree with each other (their mean closeness to their centre at least the
    median answer's) stays a theme of its own; one distinct answer, or a loose handful, is dust."""
    raw_theme, raw_second = clustering.theme, clustering.second
    sizes: Counter[int] = Counter()
    for u, c in enumerate(raw_theme):
        if c >= 0:
            sizes[int(c)] += weights[u]
    if drop_dust:
        min_size = max(3.0, 0.002 * float(weights.sum()))
        placed = raw_theme >= 0
        typical = float(np.median(clustering.score[placed])) if placed.any() else 1.0

        def distinct(c: int) -> bool:
            members = raw_theme == c
            return members.sum() >= 2 and float(clustering.score[members].mean()) >= typical

        dust = [c for c, size in sizes.items() if size < min_size and not distinct(c)]
        if dust and len(dust) < len(sizes):
            raw_theme = np.where(np.isin(raw_theme, dust), -1, raw_theme)
            raw_second = np.where(np.isin(raw_second, dust), -1, raw_second)
            for c in dust:
                del sizes[c]
    order = sorted(sizes, key=lambda c: (-sizes[c], c))
    new_id = {c: i + 1 for i, c in enumerate(order)}
    new_id[-1] = OTHER_THEME_ID
    theme = np.array([new_id[int(c)] for c in raw_theme], dtype=int)
    second = np.array([new_id.get(int(c), -1) if c >= 0 else -1 for c in raw_second], dtype=int)
    return _Placed(theme=theme, second=second, score=clustering.score)


def max_themes_on_embeddings(n: int, min_theme_size: int | None = None, answers: float | None = None) -> int:
    """The most themes considered on sentence embeddings for ``n`` distinct answers: ``sqrt(n)``, at
    most 200 (``1.6 sqrt(n)`` on few answers, :data:`SMALL_SET_THEMES`), and one per ``2 *
    min_theme_size`` of the ``answers`` when a report hides smaller themes.

    Higher than :func:`~analysis.clustering.default_max_clusters` (``sqrt(n/2)``, at most 100), since
    topics now summarise the themes: 10 themes for 100 answers, 31 for 1,000, 141 for 20,000. Measured on
    the dev halves (wordllama, 2,000 answers): Banking77's 77 intents got 24 themes under the old bound
    (AMI 57.4; 63.7 at the true k); a bound of ``1.5 sqrt(n)`` gave 67 (AMI 61.3) but let AG News's flat
    silhouette curve run to 47 themes (AMI 31.5 against 54.2 at its 4 labels).
    """
    scale = SMALL_SET_THEMES if n < TOPICS_FIRST_FROM else 1.0
    most = int(min(200, max(3, scale * np.sqrt(max(n, 1)))))
    return printable_themes(most, min_theme_size, n if answers is None else answers)


def printable_themes(most: int, min_theme_size: int | None, answers: float) -> int:
    """``most`` themes, or fewer when a report hides themes under ``min_theme_size`` answers: one per
    twice that many answers (at least 3), so few answers are not cut into themes too small to print."""
    if not min_theme_size:
        return most
    return min(most, max(3, int(answers // (2 * min_theme_size))))


SMALL_SET_THEMES = 1.6
"""Below :data:`TOPICS_FIRST_FROM` distinct answers, up to ``1.6 sqrt(n)`` themes (16 for 100 answers):
on so few answers the silhouette rises to whatever bound it is given, and two researchers coding 100 real
answers used 14 to 34 codes. On 100-answer samples of Banking77 with 14, 20 and 30 intents (seeds 0–3)
the themes' AMI rose by 1.6 to 9.5 points; on the generated questions (4 to 9 concerns) it fell by 0.7
to 3.5 while their topics held (−3 to +5), and AG News's 4 sections stayed at topic level (49.8 against
51.3). On the seven generated questions at 100 answers (test seed 7) the mean held: themes 50.5 → 49.8,
topics 51.6 → 53.2, best level 53.0 → 53.3 (true k 53.3)."""


def _topics_of_themes(
    X: np.ndarray,
    placed: _Placed,
    weights: np.ndarray,
    random_state: int | None,
    unit_topic: np.ndarray | None = None,
) -> tuple[dict[int, int], str]:
    """Group the themes into topics (Other belongs to none); topics are numbered 1.. by decreasing size.

    With ``unit_topic`` (the clusterer chose topics first, :class:`~analysis.two_level.TwoLevelKMeans`)
    a theme's topic is the one most of its answers were clustered in: its own, or for a small theme
    gathered from Other, its members' usual one. Otherwise the theme centres are grouped
    (:func:`~analysis.clustering.group_into_topics`) into at most half as many topics as themes: on few
    answers the silhouette favoured nearly one topic per theme (12 topics for 15 themes, 8 of them a
    single theme), which a program manager cannot read first; on 100-answer samples (four seeds) the cap
    moved topic AMI by −8 to +2 points (fine-grained sets lost most, being grouped). And at least
    ``sqrt(themes) / 2`` topics: 139 themes of 100,000 answers had been put in 2 topics.

    Returns the topic of each theme id and how their number was chosen."""
    ids = sorted(int(c) for c in set(placed.theme.tolist()) if c != OTHER_THEME_ID)
    if not ids:
        return {}, "no themes"
    if unit_topic is not None:
        group = []
        for c in ids:
            members = (placed.theme == c) & (unit_topic >= 0)
            votes = np.bincount(unit_topic[members], weights=weights[members]) if members.any() else [0]
            group.append(int(np.argmax(votes)))
        size_of: Counter[int] = Counter()
        for c, g in zip(ids, group):
            size_of[g] += float(weights[placed.theme == c].sum())
        order = sorted(size_of, key=lambda g: (-size_of[g], g))
        number = {g: i + 1 for i, g in enumerate(order)}
        return {c: number[g] for c, g in zip(ids, group)}, "silhouette of the answers, topics found first"
    centres = np.vstack([_weighted_centre(X, placed.theme == c, weights) for c in ids])
    sizes = np.array([weights[placed.theme == c].sum() for c in ids])
    index = {c: i for i, c in enumerate(ids)}
    themed = np.flatnonzero(placed.theme != OTHER_THEME_ID)
    if len(themed) > TOPIC_SAMPLE_ANSWERS:  # the silhouette is quadratic: score on a weighted sample
        rng = np.random.default_rng(random_state)
        p = weights[themed] / weights[themed].sum()
        themed = np.sort(rng.choice(themed, size=TOPIC_SAMPLE_ANSWERS, replace=False, p=p))
    point_theme = np.array([index[int(c)] for c in placed.theme[themed]], dtype=int)
    group, how = group_into_topics(centres, sizes, X[themed], point_theme,
                                   max_topics=min(MAX_TOPICS, max(2, len(ids) // 2)),
                                   min_topics=min(MAX_TOPICS, round(np.sqrt(len(ids)) / 2)))
    topic_size: Counter[int] = Counter()
    for g, size in zip(group, sizes):
        topic_size[int(g)] += float(size)
    order = sorted(topic_size, key=lambda g: (-topic_size[g], g))
    number = {g: i + 1 for i, g in enumerate(order)}
    return {c: number[int(g)] for c, g in zip(ids, group)}, how


def _member_centres(X: np.ndarray, weights: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """The unit weighted mean of each cluster's rows of ``X`` (a cluster with none keeps a zero row)."""
    sums = np.zeros((k, X.shape[1]), dtype=np.float64)
    np.add.at(sums, labels, X * weights[:, None])
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms == 0, 1, norms)).astype(np.float32)


def _weighted_centre(X: np.ndarray, members: np.ndarray, weights: np.ndarray) -> np.ndarray:
    centre = (X[members] * weights[members, None]).sum(axis=0)
    return centre / max(float(np.linalg.norm(centre)), 1e-9)


def _assignments(
    units: _Units, placed: _Placed, languages: list[str], sentiment: list[float | None]
) -> pd.DataFrame:
    """One row per input row: its theme (or why it has none), score, second theme, language, sentiment."""
    rows = []
    for i, u in enumerate(units.of_row):
        if u < 0:
            rows.append((i, pd.NA, np.nan, pd.NA, units.reasons[i], pd.NA, np.nan))
            continue
        theme = int(placed.theme[u])
        rows.append(
            (
                i,
                theme,
                float(placed.score[u]),
                int(placed.second[u]) if placed.second[u] > 0 else pd.NA,
                "other" if theme == OTHER_THEME_ID else pd.NA,
                languages[u],
                np.nan if sentiment[u] is None else sentiment[u],
            )
        )
    frame = pd.DataFrame(
        rows, columns=["row", "theme", "score", "second_theme", "reason", "language", "sentiment"]
    )
    frame["theme"] = frame["theme"].astype("Int64")
    frame["second_theme"] = frame["second_theme"].astype("Int64")
    frame["reason"] = frame["reason"].astype("string")
    frame["language"] = frame["language"].astype("string")
    return frame


def distinct_label(theme: int, labeler: ClassTfidfLabeler, used: set[str]) -> str:
    """The theme's label; when another theme already reads the same, the next best phrase instead."""
    label = "Other" if theme == OTHER_THEME_ID else labeler.labels_.get(theme, f"Theme {theme}")
    if label.casefold() not in used:
        return label
    spare = [a for a in labeler.alternatives_.get(theme, []) if a.casefold() not in used]
    extra = next((t for t in labeler.terms_.get(theme, []) if t.casefold() not in label.casefold()), None)
    return spare[0] if spare else f"{label} ({extra})" if extra else f"{label} ({theme})"


def _theme_sentiment(
    members: np.ndarray, sentiment: list[float | None], weights: np.ndarray
) -> dict[str, Any]:
    """Mean score and share negative over the theme's scored answers, and how many they rest on."""
    scored, negative, total = 0.0, 0.0, 0.0
    for u in members:
        s = sentiment[u]
        if s is not None:
            total += s * weights[u]
            scored += weights[u]
            negative += weights[u] * (s <= NEGATIVE_BELOW)
    return {
        "mean": round(total / scored, 3) if scored else None,
        "share_negative": round(negative / scored, 3) if scored else None,
        "n_scored": int(scored),
        "note": "VADER (English answers only)",
    }


def _theme_languages(members: np.ndarray, languages: list[str], weights: np.ndarray) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for u in members:
        counts[languages[u]] += int(weights[u])
    return dict(counts.most_common())


def quote_pool(
    members: np.ndarray, languages: list[str], weights: np.ndarray, counts: dict[str, int], report: str | None
) -> tuple[np.ndarray, str | None]:
    """The theme's answers its quotes are chosen from, and their language: those in the report's language
    when the theme has :data:`MIN_REPORT_LANGUAGE_ANSWERS` of them, else those in its main language;
    every answer when there is no report language."""
    if report is None or not len(members):
        return members, None
    language = report if counts.get(report, 0) >= MIN_REPORT_LANGUAGE_ANSWERS else max(counts, key=counts.get)
    return members[np.asarray([languages[u] == language for u in members])], language


def _other_share(languages: list[str], weights: np.ndarray) -> float:
    """Share of the answers (by weight) not written in English."""
    return float(weights[np.asarray(languages) != "en"].sum() / max(weights.sum(), 1.0))


def _beyond_glossary(languages: list[str] | None, weights: np.ndarray | None) -> str:
    """Why the word table alone should read the answers ("12% of answers are in Vietnamese and Arabic:
    …"), or ``""`` when it should not: under :data:`~analysis.representation.MIXED_LANGUAGES_SHARE` of them
    are in languages beyond English and Spanish that the shipped table holds.

    wordllama reads such answers only through their processed words, which pulls each language into a
    theme of its own. Measured on 45 answers about three concerns in five languages
    (``tests/analysis/test_multilingual_themes.py``, seeds 0, 1, 2, automatic number of themes), AMI
    against the concern: table alone 0.72, 0.76, 0.81 (3 themes, all holding three languages or more);
    wordllama and the table side by side 0.34, 0.32, 0.26 (6 themes, one or two of them mixed)."""
    from .representation import MIXED_LANGUAGES_SHARE

    if not languages or weights is None or not set(languages) - {"en", "es"}:
        return ""  # English and Spanish answers: the table is not even read
    langs = np.asarray(languages)
    shares = {
        lang: float(weights[langs == lang].sum() / max(weights.sum(), 1.0))
        for lang in set(languages) - {"en", "es"}
    }
    if sum(shares.values()) < MIXED_LANGUAGES_SHARE or not embeddings.available("static"):
        return ""
    table = _table_languages()
    shares = {lang: share for lang, share in shares.items() if lang in table}
    if sum(shares.values()) < MIXED_LANGUAGES_SHARE:
        return ""
    names = [LANGUAGE_NAMES.get(lang, lang) for lang in sorted(shares, key=lambda lang: -shares[lang])]
    said = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return (
        f"{100 * sum(shares.values()):.0f}% of answers are in {said}: the multilingual word table reads "
        "every answer"
    )


def _sizeable(count: float, total: float) -> bool:
    """Whether a language has answers enough to be clustered on its own (as :meth:`_language_groups`)."""
    return count >= max(20.0, 0.05 * total)


def _all_linked(together: set[str], languages: list[str], weights: np.ndarray) -> bool:
    """Whether every language is linked to English: Spanish whenever it has answers (as before other
    languages were read), any other language once it has answers enough to stand apart."""
    langs = np.asarray(languages)
    total = float(weights.sum())
    for lang in set(languages) - together - {"en"}:
        if lang == "es" or _sizeable(float(weights[langs == lang].sum()), total):
            return False
    return True


def _read_together(rep: Representation) -> set[str]:
    """The languages ``rep`` puts in one space with English: all, for a multilingual model; those the
    shipped word table holds, when the table reads the answers (:mod:`analysis.static_vectors`)."""
    if not getattr(rep, "multilingual", False):
        return set()
    if getattr(rep, "model", None) not in (None, "static"):
        return set(SUPPORTED_LANGUAGES)
    return _table_languages()


@lru_cache(maxsize=1)
def _table_languages() -> frozenset[str]:
    from . import static_vectors

    if not static_vectors.available():
        return frozenset()
    return frozenset(language_code(code) for code in static_vectors.load().meta.get("languages", []))


def _language_links(tokens: list[list[str]], languages: list[str], weights: np.ndarray) -> dict[str, float]:
    """For each language other than English, the share of its answers (by weight) holding a token that
    English answers use too (the glossary's words count); 0.0 for each when there are no English ones."""
    langs = np.asarray(languages)
    english_vocabulary = {t for i in np.flatnonzero(langs == "en") for t in tokens[i]}
    links: dict[str, float] = {}
    for lang in sorted(set(languages) - {"en"}):
        members = np.flatnonzero(langs == lang)
        linked = sum(weights[i] for i in members if english_vocabulary.intersection(tokens[i]))
        links[lang] = float(linked / max(weights[members].sum(), 1e-9))
    return links


def _sentiment_coverage(languages: list[str], weights: np.ndarray) -> dict[str, Any]:
    """Which languages sentiment was read in, and how many answers (by language) it could not read."""
    unscored: Counter[str] = Counter()
    for lang, w in zip(languages, weights):
        if lang not in _SENTIMENT_LANGUAGES:
            unscored[lang] += int(w)
    return {
        "method": "VADER compound score",
        "languages": list(_SENTIMENT_LANGUAGES),
        "unscored_answers": int(sum(unscored.values())),
        "unscored_languages": dict(unscored.most_common()),
        "note": sentiment_note(unscored),
    }


def sentiment_note(unscored: Mapping[str, int]) -> str:
    """What sentiment covers, in words a report can show ("Sentiment read for English answers; 12
    answers in Vietnamese and Arabic not scored")."""
    read = " and ".join(LANGUAGE_NAMES.get(lang, lang) for lang in _SENTIMENT_LANGUAGES)
    note = f"Sentiment read for {read} answers"
    total = sum(unscored.values())
    if not total:
        return note
    names = [LANGUAGE_NAMES.get(lang, lang) for lang in unscored]
    said = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{note}; {total:,} answer{'s' if total != 1 else ''} in {said} not scored"


def _cosine(X: np.ndarray) -> Callable[[int, int], float]:
    """The cosine of two rows of unit vectors."""
    return lambda u, v: float(X[u] @ X[v])


@lru_cache(maxsize=1)
def label_stopwords() -> frozenset[str]:
    """Words a label phrase may not start or end with: both languages' packaged stopwords as written
    (accents, apostrophes) and as the text step folds them, with the survey filler.

    Words that carry meaning in answers (:data:`~analysis.text.CONTENT_WORDS`, which the packaged lists
    drop) may still open a phrase: see :class:`~analysis.labels.ClassTfidfLabeler`.
    """
    import simplemma
    from stop_words import get_stop_words

    words: set[str] = set()
    for lang in ("en", "es"):
        words |= {w.lower() for w in get_stop_words(lang)}
        words |= set(stopwords_for(lang))
    for lang in set(SUPPORTED_LANGUAGES) - {"en", "es"}:
        # Another language's function word that is an English or Spanish word ("men" in Creole, "tin" in
        # Vietnamese) still ends an English or Spanish label.
        words |= {
            w
            for w in stopwords_for(lang)
            if not (w.isascii() and (simplemma.is_known(w, lang="en") or simplemma.is_known(w, lang="es")))
        }
    return frozenset(words)


def label_alternatives(theme: int, labeler: ClassTfidfLabeler, label: str) -> list[str]:
    """The labeler's other names for ``theme``, without the one it was given."""
    return [a for a in labeler.alternatives_.get(theme, []) if a.casefold() != label.casefold()]


def find_themes(
    data: pd.DataFrame | Sequence[str] | pd.Series,
    text_column: str | None = None,
    excluded_rows: Mapping[int, str] | None = None,
    **params: Any,
) -> ThemeResult:
    """Find the themes in one column of answers and return them with one assignment per row.

    Args:
        data: a DataFrame (then ``text_column`` names the answers) or a sequence of answers.
        text_column: the column holding the answers.
        excluded_rows: rows known not to be answers (row → reason), such as an export's header rows
            (:attr:`~analysis.io.AnswersFile.excluded_rows`); their reason is reported in the assignments.
        **params: any :class:`ThemeFinder` parameter (``k``, ``language``, ``random_state``…).

    Returns:
        A :class:`ThemeResult`; ``row`` in its assignments is the 0-based position in ``data``.

    Raises:
        KeyError: when ``text_column`` is not a column of ``data`` (the message lists close matches).
        ValueError: for invalid parameters.
    """
    if isinstance(data, pd.DataFrame):
        if text_column is None:
            raise ValueError("text_column is required when data is a DataFrame.")
        if text_column not in data.columns:
            from .io import column_error

            raise KeyError(column_error(text_column, [str(c) for c in data.columns]))
        texts = data[text_column]
    else:
        texts = data
    finder = ThemeFinder(**params).fit(texts, excluded_rows=excluded_rows)
    parameters = {
        "k": finder.k,
        "language": finder.language,
        "random_state": finder.random_state,
        "representation": finder.representation_,
        "representation_reason": finder.representation_reason_,
        "n_themes": finder.n_themes_,
        "n_topics": len(finder.topics_),
        "topics_choice": finder.topics_choice_,
        "question": finder.question,
        "min_theme_size": finder.min_theme_size,
        "k_scores": {str(k): round(v, 4) for k, v in finder.k_scores_.items()},
        "k_choice": finder.k_choice_,
        "report_language": finder._report_language(),
        "language_link": round(finder.language_link_, 3),
        "language_links": finder.language_links_,
        "clustered_by_language": finder.language_groups_,
        "n_rows": len(finder.assignments_),
        "n_answers": finder.n_answers_,
        "n_distinct_answers": finder.n_distinct_answers_,
        "non_answers": {
            r: int(n)
            for r, n in finder.assignments_["reason"].dropna().value_counts().items()
            if r != "other"
        },
        "non_answer_reasons": NON_ANSWER_REASONS,
        "counts": COUNTS,
        "sentiment": finder.sentiment_coverage_,
        "timings": finder.timings_,
        "text_column": text_column,
    }
    return ThemeResult(
        themes=finder.themes_, assignments=finder.assignments_, parameters=parameters, topics=finder.topics_
    )
