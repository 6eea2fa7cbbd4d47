"""Topics first, then themes inside each topic: the two levels a report reads, chosen on the answers.

Grouping fine themes into topics afterwards (average linkage of theme centres) cannot undo a theme that
straddles two topics, and on a few broad concerns the fine themes straddle a lot: on AG News (4 news
sections, 3,000 held-out headlines, wordllama) 54 silhouette-chosen themes grouped into topics scored AMI
41.9, while k-means on the answers at 4 clusters scored 50.4. So :class:`TwoLevelKMeans` clusters the
answers into topics directly, then splits each topic into themes; a theme never crosses a topic.

Both numbers come from the answers' silhouette (cosine), the criterion that suits sentence embeddings
(see :class:`~analysis.clustering.AutoKMeans`). Over-splitting costs a reader (and AMI) little, while
under-splitting hides a concern, so among the numbers of topics whose silhouette is within
:data:`TOPIC_TOLERANCE` of the best, the largest is kept.
"""

from __future__ import annotations

import numpy as np

from .clustering import MAX_TOPICS, AutoKMeans, Clusterer, _spherical, _unit, single_threaded

__all__ = ["MIN_THEMES_PER_TOPIC", "TOPIC_TOLERANCE", "TwoLevelKMeans"]

TOPIC_TOLERANCE = 0.05
"""Share of the best topic silhouette a larger number of topics may lose and still be preferred.

Chosen on the dev half of AG News (silhouette 0.066 at 3 topics, 0.064 at 4, the true number), then
checked on held-out sets: analysis/README.md."""

TOPIC_FIT_SAMPLE = 5000
"""Most answers the topic k-means is fitted on; every answer is then placed by its nearest topic."""

THEME_SAMPLE = 3000
"""Answers, over all topics, whose silhouette chooses the number of themes (each topic its share)."""

MAX_ITER = 50
"""Lloyd iterations per k-means while choosing: the cosine refinement that follows finishes the fit, and
most of the time of 100k answers went to iterations that barely moved the centres."""

THEME_FIT_SAMPLE = 5000
"""Most answers of a topic its themes' k-means is fitted on; the rest are placed by their nearest centre."""

MIN_THEMES_PER_TOPIC = 3
"""Most themes any topic may hold whatever its share (when it has at least nine distinct answers)."""

SILHOUETTE_SAMPLE = 2000
"""Most answers whose silhouette scores each number of topics (the silhouette is quadratic)."""


class TwoLevelKMeans(Clusterer):
    """k-means into topics, each split by k-means into themes; both numbers chosen by silhouette.

    Args:
        max_clusters: the most themes in all; each topic may use its share of them (by answers), so a
            topic holding 30 % of the answers gets at most 30 % of the themes (or
            :data:`MIN_THEMES_PER_TOPIC`, if more).
        max_topics: the most topics considered.
        min_topic_answers: a topic with fewer distinct answers is one theme.
        topic_tolerance: see :data:`TOPIC_TOLERANCE`.
        random_state: seed for initialisation and sampling.

    Attributes:
        labels_: theme of each row (0..k-1).
        cluster_centers_: unit centre of each theme.
        n_clusters_: number of themes.
        topic_of_cluster_: the topic (0-based) of each theme.
        topic_centers_: unit centre of each topic.
        n_topics_: number of topics.
        scores_: silhouette per candidate number of topics, keyed ``"topics:<n>"``.
        criterion_: ``"topics-first"``.
    """

    def __init__(
        self,
        max_clusters: int = 100,
        max_topics: int = MAX_TOPICS,
        min_topic_answers: int = 6,
        topic_tolerance: float = TOPIC_TOLERANCE,
        random_state: int | None = None,
    ) -> None:
        self.max_clusters = max_clusters
        self.max_topics = max_topics
        self.min_topic_answers = min_topic_answers
        self.topic_tolerance = topic_tolerance
        self.random_state = random_state

    def fit(self, X: np.ndarray, sample_weight: np.ndarray | None = None) -> TwoLevelKMeans:
        X = np.asarray(X, dtype=np.float64)
        n = X.shape[0]
        w = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        topic, topic_centres, self.scores_ = self._topics(X, w)
        labels = np.zeros(n, dtype=int)
        centres: list[np.ndarray] = []
        topic_of: list[int] = []
        total = float(w.sum())
        for g in range(len(topic_centres)):
            idx = np.flatnonzero(topic == g)
            if not len(idx):
                continue
            # Its share of the themes, but room for a few in any topic, so a concern of two or three
            # answers inside a small topic is not merged away for want of themes.
            share = round(self.max_clusters * float(w[idx].sum()) / total)
            high = max(1, share, min(MIN_THEMES_PER_TOPIC, int(np.sqrt(len(idx)))))
            if len(idx) < self.min_topic_answers or high < 2:
                labels[idx] = len(centres)
                centres.append(_unit((X[idx] * w[idx, None]).sum(axis=0, keepdims=True))[0])
                topic_of.append(g)
                continue
            inner = AutoKMeans(
                min_clusters=2,
                max_clusters=high,
                # The topics share the sample one search of the answers would use, at least 600 each.
                sample_size=max(600, round(THEME_SAMPLE * len(idx) / n)),
                random_state=self.random_state,
            )
            k = inner.choose_k(X[idx], w[idx])
            inner_labels, inner_centres = self._themes_of_topic(X[idx], w[idx], k)
            labels[idx] = inner_labels + len(centres)
            centres.extend(inner_centres.astype(np.float64))
            topic_of.extend([g] * len(inner_centres))
        # A theme that lost every answer in its topic's refinement is dropped and the rest renumbered.
        held = np.unique(labels)
        renumber = np.full(len(centres), -1)
        renumber[held] = np.arange(len(held))
        self.labels_ = renumber[labels]
        self.cluster_centers_ = np.vstack([centres[c] for c in held]).astype(np.float32)
        self.topic_of_cluster_ = np.array([topic_of[c] for c in held], dtype=int)
        self.topic_centers_ = topic_centres
        self.n_clusters_ = len(held)
        self.n_topics_ = len(topic_centres)
        self.criterion_ = "topics-first"
        return self

    def _themes_of_topic(self, X: np.ndarray, w: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Split one topic's answers into ``k`` themes: k-means on at most :data:`THEME_FIT_SAMPLE` of
        them (a weighted sample), then every answer to its most similar centre, refined by cosine."""
        from sklearn.cluster import KMeans

        n = X.shape[0]
        with single_threaded():
            if n > THEME_FIT_SAMPLE:
                rows = np.random.default_rng(self.random_state).choice(n, THEME_FIT_SAMPLE, replace=False, p=w / w.sum())
                model = KMeans(n_clusters=k, n_init=1, random_state=self.random_state).fit(X[rows])
            else:
                model = KMeans(n_clusters=k, n_init=3, random_state=self.random_state).fit(X, sample_weight=w)
        return _spherical(X, np.asarray(model.cluster_centers_, dtype=np.float32), w)

    def _topics(self, X: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[str, float]]:
        """Each row's topic, the topics' unit centres, and the silhouette of each candidate number."""
        from sklearn.cluster import KMeans
        from sklearn.metrics import pairwise_distances, silhouette_score

        n = X.shape[0]
        rng = np.random.default_rng(self.random_state)
        p = w / w.sum()
        fit_rows = rng.choice(n, size=TOPIC_FIT_SAMPLE, replace=False, p=p) if n > TOPIC_FIT_SAMPLE else None
        scored = np.sort(rng.choice(n, size=SILHOUETTE_SAMPLE, replace=False, p=p)) if n > SILHOUETTE_SAMPLE else None
        S = X if scored is None else X[scored]
        fits: dict[int, tuple[float, np.ndarray]] = {}
        distinct = len(np.unique(S.round(5), axis=0))
        between = pairwise_distances(S, metric="cosine")  # the same for every candidate: computed once
        for t in range(2, min(self.max_topics, distinct - 1) + 1):
            with single_threaded():
                if fit_rows is None:
                    model = KMeans(n_clusters=t, n_init=3, max_iter=MAX_ITER, random_state=self.random_state).fit(
                        X, sample_weight=w
                    )
                else:  # a weighted sample stands for the answers: fit it unweighted
                    model = KMeans(n_clusters=t, n_init=3, max_iter=MAX_ITER, random_state=self.random_state).fit(
                        X[fit_rows]
                    )
            centres = np.asarray(model.cluster_centers_, dtype=np.float32)
            on_sample = (S @ _unit(centres).T).argmax(axis=1)  # by cosine, as the refinement assigns
            if len(set(on_sample.tolist())) < 2:
                continue
            fits[t] = (float(silhouette_score(between, on_sample, metric="precomputed")), centres)
        if not fits:
            return np.zeros(n, dtype=int), _unit((X * w[:, None]).sum(axis=0, keepdims=True)), {}
        best = max(s for s, _ in fits.values())
        t = max(t for t, (s, _) in fits.items() if s >= best - self.topic_tolerance * abs(best))
        topic, centres = _spherical(X, fits[t][1], w)
        # Renumber topics that lost every answer in the refinement.
        held = np.unique(topic)
        renumber = np.full(len(centres), -1)
        renumber[held] = np.arange(len(held))
        return renumber[topic], np.asarray(centres)[held], {f"topics:{t}": s for t, (s, _) in fits.items()}
