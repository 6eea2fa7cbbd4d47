"""Clustering: group answer vectors into themes, choosing how many when the caller does not.

:class:`AutoKMeans` is the default step. With no forced ``k`` it tries a range of theme counts on a
sample and keeps the best by a measured criterion, so the number of themes follows the answers rather
than a guess: the silhouette of the answers (how much closer each is to its own theme than to the next
one) for sentence embeddings, the silhouette of merged micro-cluster centres for word-count vectors
(:func:`merged_centres_k`). Large inputs use mini-batch k-means so time grows linearly with the answers.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np

__all__ = [
    "MAX_TOPICS",
    "MERGED_CENTRES_MIN_RANGE",
    "MIN_THEMES_FOR_TOPICS",
    "AutoKMeans",
    "Clusterer",
    "Placement",
    "default_max_clusters",
    "gather_minorities",
    "group_into_topics",
    "language_offsets",
    "merged_centres_k",
    "neighbourhood_mean",
    "place_answers",
    "without_language_offsets",
]


def default_max_clusters(n: int, low: int = 3) -> int:
    """The most themes worth considering for ``n`` distinct answers: ``sqrt(n / 2)``, at most 100.

    A partnership reading themes needs tens of them, not hundreds; the rule of thumb grows slowly with
    the number of answers.
    """
    return min(100, max(low, int(np.sqrt(n / 2))))


class Clusterer(ABC):
    """A clustering step: :meth:`fit` sets ``labels_`` (0..k-1) and ``cluster_centers_`` (unit rows)."""

    labels_: np.ndarray
    cluster_centers_: np.ndarray

    @abstractmethod
    def fit(self, X: np.ndarray, sample_weight: np.ndarray | None = None) -> Clusterer:
        """Cluster the rows of ``X`` (unit vectors), weighting each by how many answers it stands for."""


def _candidate_ks(low: int, high: int) -> list[int]:
    ks, k = [], float(low)
    while round(k) <= high:
        if not ks or round(k) != ks[-1]:
            ks.append(round(k))
        k = max(k * 1.25, k + 1)
    if ks and ks[-1] != high:
        ks.append(high)
    return ks


class AutoKMeans(Clusterer):
    """k-means on unit vectors (spherical in effect), with the number of clusters chosen when not given.

    Args:
        n_clusters: force this many clusters; ``None`` chooses.
        min_clusters: the fewest clusters considered when choosing.
        max_clusters: the most considered; ``None`` uses :func:`default_max_clusters`.
        criterion: how to choose. ``"silhouette"`` scores each candidate k-means by the silhouette of
            the answers: right for sentence embeddings. ``"merged-centres"`` over-clusters, merges the
            centres and scores each cut by the centres' silhouette (see :func:`merged_centres_k`): right
            for lexical vectors, on which the answers' silhouette keeps rising with k.
        sample_size: answers used to score each candidate; keeps choosing fast on any input size.
        minibatch_above: use mini-batch k-means when there are more rows than this.
        random_state: seed for initialisation and sampling.

    Attributes:
        labels_: cluster of each row.
        cluster_centers_: unit-length centre of each cluster.
        n_clusters_: the number of clusters used.
        scores_: score of each candidate number of clusters (empty when ``k`` was forced).
        criterion_: the criterion that chose k: ``"merged-centres"`` falls back to ``"silhouette"``
            when there are too few answers to merge micro-clusters; ``None`` when ``k`` was forced.
    """

    def __init__(
        self,
        n_clusters: int | None = None,
        min_clusters: int = 3,
        max_clusters: int | None = None,
        criterion: str = "silhouette",
        sample_size: int = 3000,
        minibatch_above: int = 20_000,
        random_state: int | None = None,
    ) -> None:
        self.n_clusters = n_clusters
        self.min_clusters = min_clusters
        self.max_clusters = max_clusters
        self.criterion = criterion
        self.sample_size = sample_size
        self.minibatch_above = minibatch_above
        self.random_state = random_state

    def _kmeans(self, k: int, n_rows: int, n_init: int):
        from sklearn.cluster import KMeans, MiniBatchKMeans

        if n_rows > self.minibatch_above:
            return MiniBatchKMeans(
                n_clusters=k,
                n_init=n_init,
                compute_labels=False,  # labels come from the spherical refinement that follows
                batch_size=4096,
                max_no_improvement=20,
                random_state=self.random_state,
            )
        return KMeans(n_clusters=k, n_init=n_init, random_state=self.random_state)

    def choose_k(self, X: np.ndarray, sample_weight: np.ndarray | None = None) -> int:
        """Return the best candidate number of clusters for ``X`` by ``criterion``, scored on a sample."""
        self._check_criterion()
        X = np.asarray(X, dtype=np.float64)
        n = X.shape[0]
        rng = np.random.default_rng(self.random_state)
        if n > self.sample_size:
            p = None if sample_weight is None else sample_weight / sample_weight.sum()
            S = X[rng.choice(n, size=self.sample_size, replace=False, p=p)]
        else:
            S = X
        S = np.unique(S.round(5), axis=0) if len(S) <= 50_000 else S
        high = self.max_clusters or default_max_clusters(n, self.min_clusters)
        high = min(high, S.shape[0] - 1)
        low = min(self.min_clusters, high)
        self.scores_: dict[int, float] = {}
        self.criterion_ = self.criterion
        if self.criterion == "merged-centres":
            self.scores_ = merged_centres_k(S, low, high, self.random_state)
        if not self.scores_:  # the silhouette criterion, or too few answers to merge anything
            self.criterion_ = "silhouette"
            self.scores_ = _silhouette_k(S, low, high, self.random_state)
        if not self.scores_:
            return max(1, min(2, n))
        return max(self.scores_, key=lambda k: (self.scores_[k], -k))

    def _check_criterion(self) -> None:
        if self.criterion not in ("silhouette", "merged-centres"):
            raise ValueError(f"criterion must be 'silhouette' or 'merged-centres', not {self.criterion!r}")

    def fit(self, X: np.ndarray, sample_weight: np.ndarray | None = None) -> AutoKMeans:
        self._check_criterion()
        # The cosine refinement reads float32 (its products twice as fast; the same themes at 100k).
        X32 = np.asarray(X, dtype=np.float32)
        # float64: scikit-learn's distance code upcasts float32 in small chunks, many times slower.
        X = np.asarray(X, dtype=np.float64)
        # Identical vectors cannot be told apart: never ask for more clusters than distinct points.
        n = X.shape[0] if X.shape[0] > 50_000 else len(np.unique(X.round(5), axis=0))
        self.scores_, self.criterion_ = {}, None
        if self.n_clusters is not None:
            k = max(1, min(int(self.n_clusters), n))
        else:
            k = self.choose_k(X, sample_weight) if n > 3 else max(1, n)
        model = self._kmeans(k, X.shape[0], n_init=3 if X.shape[0] <= self.minibatch_above else 1)
        with single_threaded():  # mini-batch k-means of 76k answers: 11.1 s on two threads, 4.0 s on one
            model.fit(X, sample_weight=sample_weight)
        labels, centers = _spherical(X32, np.asarray(model.cluster_centers_, dtype=np.float32), sample_weight)
        self.cluster_centers_ = centers
        self.labels_ = labels
        self.n_clusters_ = k
        return self


def single_threaded():
    """A context in which BLAS and OpenMP run on one thread.

    For k-means the threads cost far more than they share out: on the 2-core machine 16 candidate k-means
    of 3,000 answers took 12.8 s with two threads and 1.2 s with one, and mini-batch k-means of 76,000
    answers 11.1 s against 4.0 s, with the same labels and centres (2026-12-07, a machine shared with
    other jobs, where a thread waiting for its partner at every step waits long). Large matrix products
    outside k-means keep their threads.
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def _silhouette_k(S: np.ndarray, low: int, high: int, random_state: int | None) -> dict[int, float]:
    """Silhouette of the answers for a k-means of ``S`` at each candidate k."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import pairwise_distances, silhouette_score

    scores: dict[int, float] = {}
    ks = _candidate_ks(max(2, low), high)
    # Past 30 themes, every other candidate (about 1.5x apart): a fine grid there costs the most time
    # (k-means++ grows with k) and a silhouette this flat cannot tell 114 themes from 142.
    ks = [k for k in ks if k <= 30] + [k for k in ks if k > 30][::2] + ([high] if high > 30 else [])
    # The distances between the sampled answers are the same for every candidate: computed once.
    distances = pairwise_distances(S) if len(S) <= PRECOMPUTED_DISTANCES_UP_TO else None
    with single_threaded():
        for k in sorted(set(ks)):
            labels = KMeans(n_clusters=k, n_init=1, max_iter=50, random_state=random_state).fit_predict(S)
            if len(set(labels)) >= 2:
                scores[k] = float(
                    silhouette_score(S, labels)
                    if distances is None
                    else silhouette_score(distances, labels, metric="precomputed")
                )
    return scores


PRECOMPUTED_DISTANCES_UP_TO = 6000
"""Most sampled answers whose distances are kept in memory while choosing k (6,000: 288 MB)."""


MERGED_CENTRES_MIN_RANGE = 10
"""Fewest themes the merged-centre criterion must be able to reach (``high / 2``), else it is not used.

With few answers the bound is low (``sqrt(n/2)``: 12 at 300 answers), so merging could only choose
between 3 and 6 themes, too few for a question with nine concerns; the answers' silhouette, held to that
low bound, does better there. Measured on generated answers (three questions, two seeds, 30 % Spanish,
AMI against the generator's themes): at 150 and 300 answers merged centres gave 3.5 themes (AMI 33 and
39) against the silhouette's 8 and 11 (AMI 44 and 47); at 1,000 answers, 8 themes (AMI 47.5) against
20 (49.8); at 3,000, 14 (50.4) against 33 (49.6). The range reaches 10 from about 800 distinct answers.
"""


def merged_centres_k(S: np.ndarray, low: int, high: int, random_state: int | None) -> dict[int, float]:
    """Score candidate numbers of themes by merging the centres of an over-clustering.

    On TF-IDF/LSA vectors two answers about one broad concern share few words, so inside a broad theme
    answers sit about as far apart as across themes: the answers' silhouette finds near-paraphrases
    well separated at any k and keeps rising to the bound (AG News's four topics came out as 63 themes).
    A centre averages many answers and loses that sparsity. So ``S`` is cut into ``high`` micro-clusters,
    their unit centres are merged by average linkage on cosine distance (the distances the silhouette
    uses), and each cut into k groups is scored by the silhouette of the centres, weighted by how many
    distinct sampled answers each centre holds. Only cuts that merge two micro-clusters per theme on
    average are scored (k <= high / 2): near the top most groups are single centres, whose silhouette is
    0 by definition.

    Returns the score per candidate k; empty when merging could not reach
    :data:`MERGED_CENTRES_MIN_RANGE` themes, so the caller falls back to the answers' silhouette.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_samples

    if high // 2 < MERGED_CENTRES_MIN_RANGE:
        return {}
    ks = [k for k in _candidate_ks(max(2, low), high) if k <= high // 2]
    with single_threaded():
        micro = KMeans(n_clusters=high, n_init=1, random_state=random_state).fit(S)
    size = np.bincount(micro.labels_, minlength=high).astype(float)
    held = size > 0
    centres, size = _unit(micro.cluster_centers_[held]), size[held]
    distance = np.clip(1.0 - centres @ centres.T, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    scores: dict[int, float] = {}
    for k in ks:
        groups = fcluster(tree, k, criterion="maxclust")
        if len(set(groups)) >= 2:
            fit = silhouette_samples(distance, groups, metric="precomputed")
            scores[k] = float((fit * size).sum() / size.sum())
    return scores


MIN_THEMES_FOR_TOPICS = 4
"""With fewer themes than this, each theme is its own topic: grouping three themes helps no reader."""

MAX_TOPICS = 12
"""Most topics a result offers: the handful a program manager reads before opening any theme."""


MAX_TOPIC_SHARE = 2 / 3
"""Most of the answers one topic may hold when another cut spreads them: the silhouette can prefer two
topics of which one is nearly everything (96 % and four answers), which tells a reader nothing."""


def group_into_topics(
    centres: np.ndarray,
    sizes: np.ndarray,
    points: np.ndarray | None = None,
    point_theme: np.ndarray | None = None,
    max_topics: int = MAX_TOPICS,
    min_topics: int = 2,
) -> tuple[np.ndarray, str]:
    """Group themes into topics: Ward's linkage of the unit theme centres, cut at the
    number of topics (``min_topics`` to ``max_topics``) that scores best, fewer on a tie.

    A cut is scored by the silhouette of ``points`` (a sample of answer vectors, ``point_theme`` the
    index of each one's theme in ``centres``) labelled by their topic: whether answers sit closer to
    their own topic than to the next. Without points, by the silhouette of the centres weighted by
    theme size. Measured on the dev halves (wordllama, 2,000 answers, about 50 themes), the answers'
    silhouette put the generated questions' concerns at topic level within 2.2 AMI points of their
    true-k result (the centres' own silhouette: 3.4–11.9).

    Returns:
        The topic (0-based) of each theme, and how their number was chosen, in words a report can show.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.metrics import pairwise_distances, silhouette_samples, silhouette_score

    k = len(centres)
    if k < MIN_THEMES_FOR_TOPICS:
        return np.arange(k), "each theme is its own topic (too few themes to group)"
    C = _unit(np.asarray(centres, dtype=np.float64))
    distance = np.clip(1.0 - C @ C.T, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    # Ward's linkage on the unit centres (Euclidean there is cosine): average linkage chained themes into
    # one topic holding most answers (10 of 10 themes under one topic in a review of the demo); on
    # 100-answer samples (four seeds) Ward's topics scored 0 to +8 AMI points higher, the largest topic
    # holding 30 % of the answers against 40-50 %.
    tree = linkage(C, method="ward")
    weight = np.asarray(sizes, dtype=float)
    on_points = points is not None and point_theme is not None and len(points) > 2
    # The answers' distances are the same for every cut: computed once.
    between = pairwise_distances(points, metric="cosine") if on_points else None
    best, best_score = None, -np.inf
    lopsided, lopsided_score = None, -np.inf  # kept only if every cut leaves one topic with most answers
    for t in range(min(max(2, min_topics), k - 1), min(max_topics, k - 1) + 1):
        groups = fcluster(tree, t, criterion="maxclust")
        largest = max(weight[groups == g].sum() for g in set(groups.tolist())) / weight.sum()
        if on_points:
            topic_of_point = groups[point_theme]
            if len(set(topic_of_point)) < 2 or len(set(topic_of_point)) >= len(points):
                continue
            score = float(silhouette_score(between, topic_of_point, metric="precomputed"))
        else:
            if len(set(groups)) < 2:
                continue
            fit = silhouette_samples(distance, groups, metric="precomputed")
            score = float((fit * weight).sum() / weight.sum())
        if largest > MAX_TOPIC_SHARE:
            if score > lopsided_score + 1e-9:
                lopsided, lopsided_score = groups, score
        elif score > best_score + 1e-9:
            best, best_score = groups, score
    best = lopsided if best is None else best
    if best is None:
        return np.zeros(k, dtype=int), "one topic"
    how = "silhouette of the answers by topic" if on_points else "silhouette of the theme centres"
    return best - 1, how


LANGUAGE_PAIRS_NEIGHBOURS = 20
"""How many nearest answers in the other language a pair of answers must each be among to count as saying
the same thing (:func:`language_offsets`)."""
LANGUAGE_PAIRS_SAMPLE = 3000
"""Most answers of each language compared when pairing them."""
MIN_LANGUAGE_ANSWERS = 10
"""Fewest answers in a language for its offset to be estimated (fewer are left where they are)."""


def language_offsets(X: np.ndarray, languages: list[str]) -> dict[str, np.ndarray]:
    """Each language's offset from the largest language in ``X`` (unit rows), to subtract with
    :func:`without_language_offsets`; a language with too few answers or pairs has none.

    A multilingual space still keeps a language apart from the others by a shared offset: on generated
    answers (30 % Spanish) four themes in five held one language. Subtracting each language's mean gap
    would also move its answers away from what it talks about most (if Spanish speakers name childcare
    twice as often, their childcare answers drift). So the offset is the mean difference over *mutual
    nearest pairs* across the two languages (each among the other's 20 nearest in the other language), the
    way single-cell biologists correct batch effects: pairs say the same thing, so their difference is
    the language alone. On the dev halves of the generated questions (1,000 answers, five questions,
    automatic k, without / with the glossary) the share of themes holding both languages rose from 19 /
    20 % to 32 / 34 % and AMI held or rose (44.6 → 44.8, 49.7 → 50.6); with Spanish answers about only
    two concerns, Spanish answers kept their own AMI (58.0 → 58.7), where subtracting the mean gap lost 6
    points."""
    langs = np.asarray(languages)
    counts = {lang: int((langs == lang).sum()) for lang in dict.fromkeys(languages)}
    reference = max(counts, key=counts.get)
    ref = _evenly(np.flatnonzero(langs == reference), LANGUAGE_PAIRS_SAMPLE)
    out = np.asarray(X, dtype=np.float32)
    offsets: dict[str, np.ndarray] = {}
    for lang, count in counts.items():
        if lang == reference or count < MIN_LANGUAGE_ANSWERS or len(ref) < MIN_LANGUAGE_ANSWERS:
            continue
        own = _evenly(np.flatnonzero(langs == lang), LANGUAGE_PAIRS_SAMPLE)
        S = out[own] @ out[ref].T
        k = min(LANGUAGE_PAIRS_NEIGHBOURS, len(own) - 1, len(ref) - 1)
        rows = np.zeros(S.shape, dtype=bool)  # rows[i, j]: ref answer j is among answer i's k nearest
        np.put_along_axis(rows, np.argpartition(-S, k - 1, axis=1)[:, :k], True, axis=1)
        cols = np.zeros(S.shape, dtype=bool)  # cols[i, j]: answer i is among ref answer j's k nearest
        np.put_along_axis(cols, np.argpartition(-S, k - 1, axis=0)[:k, :], True, axis=0)
        i, j = np.nonzero(rows & cols)
        if len(i) < MIN_LANGUAGE_ANSWERS:
            continue
        offsets[lang] = (out[own[i]] - out[ref[j]]).mean(axis=0)
    return offsets


def without_language_offsets(X: np.ndarray, languages: list[str], offsets: dict[str, np.ndarray]) -> np.ndarray:
    """``X`` with each row's language offset (:func:`language_offsets`) subtracted, made unit again."""
    if not offsets:
        return X
    langs = np.asarray(languages)
    out = np.array(X, dtype=np.float32, copy=True)
    for lang, offset in offsets.items():
        out[langs == lang] -= offset
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _evenly(idx: np.ndarray, most: int) -> np.ndarray:
    """At most ``most`` of ``idx``, evenly spread (the same every run)."""
    return idx if len(idx) <= most else idx[np.linspace(0, len(idx) - 1, most).astype(int)]


SMOOTHING_NEIGHBOURS = 10
"""Nearest answers each answer's vector is averaged with before clustering (:func:`neighbourhood_mean`)."""


def neighbourhood_mean(X: np.ndarray, n_neighbors: int = SMOOTHING_NEIGHBOURS, block: int = 1024) -> np.ndarray:
    """Each unit row averaged with the mean of its mutual nearest rows, made unit again.

    A short answer's sentence vector is noisy: a few words place it between concerns. Its nearest
    answers mostly share its concern, so averaging with them pulls each answer towards its own theme
    before k-means draws the borders (the denoising step of neighbourhood-based clustering). Only
    *mutual* neighbours count (each among the other's nearest), so three answers about a wheelchair
    ramp, each other's nearest, are not averaged into the childcare answers around them; an answer with
    no mutual neighbour stays as it is. Measured on the whole of AG News and Banking77 and on generated
    survey answers: analysis/README.md. Exact, in blocks of ``block`` rows: quadratic, for the sizes the
    two-level path clusters (up to 20,000 distinct answers).
    """
    from scipy import sparse

    X = np.asarray(X, dtype=np.float32)
    n = X.shape[0]
    # Fewer among few answers: of 25 answers, 10 neighbours would reach into every concern.
    k = min(n_neighbors, n - 1, max(2, int(np.sqrt(n) / 2)))
    if k < 1:
        return X
    nearest = np.empty((n, k), dtype=np.int64)
    for start in range(0, n, block):
        sims = X[start : start + block] @ X.T
        rows = np.arange(sims.shape[0])
        sims[rows, start + rows] = -np.inf  # never its own neighbour
        nearest[start : start + block] = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    near = sparse.csr_matrix(
        (np.ones(n * k, dtype=np.float32), (np.repeat(np.arange(n), k), nearest.ravel())), shape=(n, n)
    )
    mutual = near.multiply(near.T).tocsr()
    count = np.asarray(mutual.sum(axis=1)).ravel()
    mean = np.asarray(mutual @ X) / np.maximum(count, 1)[:, None]
    return _unit(X + mean).astype(np.float32)  # an answer with no mutual neighbour adds zeros


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1, norms)


def _spherical(
    X: np.ndarray, centers: np.ndarray, sample_weight: np.ndarray | None, n_iter: int = 8
) -> tuple[np.ndarray, np.ndarray]:
    """Refine k-means by cosine: assign each answer to the most similar unit-length centre.

    Plain k-means on unit vectors lets a centre of small norm (the mean of unrelated answers) sit
    almost equally near everything, so it swallows every answer that fits nowhere and grows into one
    giant "theme" of leftovers. Comparing directions only removes that pull; the leftovers then go to
    their nearest real theme with a low score, where the Other rule can see them.
    """
    from scipy import sparse

    w = np.ones(len(X), dtype=np.float32) if sample_weight is None else sample_weight.astype(np.float32)
    centers = _unit(centers)
    labels = (X @ centers.T).argmax(axis=1)
    for _ in range(n_iter):
        onehot = sparse.csr_matrix((w, (labels, np.arange(len(X)))), shape=(len(centers), len(X)))
        sums = np.asarray(onehot @ X, dtype=np.float32)
        empty = ~sums.any(axis=1)
        sums[empty] = centers[empty]  # keep a centre that lost every answer where it was
        centers = _unit(sums)
        new = (X @ centers.T).argmax(axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
    return labels, centers


@dataclass
class Placement:
    """Where each answer vector landed: its theme, how well it fits, an optional second theme.

    ``theme`` is ``-1`` for answers sent to "Other" because they sit far from every centre.
    """

    theme: np.ndarray
    score: np.ndarray
    second: np.ndarray


def place_answers(
    X: np.ndarray, centers: np.ndarray, labels: np.ndarray, other_z: float = 3.0, second_ratio: float = 0.9
) -> Placement:
    """Score every answer against the theme centres; send outliers to Other, flag second themes.

    An answer whose similarity to its centre is far below what is typical for that theme (more than
    ``other_z`` robust deviations under the theme's median) would only blur the theme's label and quotes,
    so it goes to Other; so does one less than half as similar as the theme's typical member. An answer that is nearly as close to another centre (``second_ratio`` of its
    own similarity) and at least as close as that theme's typical member speaks of two things; the second
    theme is reported beside the first.
    """
    sims = X @ centers.T
    n, k = sims.shape
    own = sims[np.arange(n), labels]
    theme = labels.copy()
    median = np.zeros(k, dtype=np.float32)
    floor = np.full(k, -np.inf, dtype=np.float32)
    for c in range(k):
        s = own[labels == c]
        if len(s) < 5:
            continue
        med = float(np.median(s))
        mad = float(np.median(np.abs(s - med))) * 1.4826
        median[c] = med
        # Both far in robust terms and less than half as similar as a typical member: tight themes
        # (many near-identical answers) would otherwise push their ordinary variants out.
        floor[c] = min(med - other_z * max(mad, 1e-3), 0.5 * med)
    theme[own < floor[labels]] = -1
    second = np.full(n, -1)
    if k > 1:
        masked = sims.copy()
        masked[np.arange(n), labels] = -np.inf
        alt = masked.argmax(axis=1)
        alt_sim = masked[np.arange(n), alt]
        two = (theme >= 0) & (alt_sim >= second_ratio * own) & (alt_sim >= median[alt]) & (own > 0)
        second[two] = alt[two]
    return Placement(theme=theme, score=own.astype(np.float32), second=second)


MINORITY_POOL_MAX = 2_000
"""Most Other answers :func:`gather_minorities` groups (average linkage is quadratic). Past this, a theme
of 2–4 answers is far below 0.2 % of the answers, where small themes are not kept anyway."""


def gather_minorities(X: np.ndarray, placement: Placement, min_members: int = 2) -> Placement:
    """Give answers sent to Other that agree with each other a small theme of their own.

    The number of themes is chosen for the bulk of the answers, so two to four answers about a concern
    nobody else raised ("no wheelchair ramp") end up inside a bigger theme, far from its centre, and
    :func:`place_answers` sends them to Other: a minority voice erased. Here the Other answers are
    grouped by average linkage on cosine distance; each group of ``min_members`` or more whose answers
    are, on average, as close to their centre as the median placed answer is to its own becomes a new
    theme, numbered after the others.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    other = np.flatnonzero(placement.theme < 0)
    placed = placement.theme >= 0
    if len(other) < min_members or not placed.any() or len(other) > MINORITY_POOL_MAX:
        return placement
    typical = float(np.median(placement.score[placed]))
    # Two answers of cosine s are each sqrt((1 + s) / 2) from their centre: the pairwise bar that
    # matches a typical answer's closeness to its centre.
    pairwise = 2.0 * typical**2 - 1.0
    pool = _unit(np.asarray(X[other], dtype=np.float64))
    if len(other) == 2:
        groups = np.array([1, 1]) if float(pool[0] @ pool[1]) >= pairwise else np.array([1, 2])
    else:
        distance = np.clip(1.0 - pool @ pool.T, 0.0, 2.0)  # an empty (zero) vector is far from all
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        groups = fcluster(tree, max(1e-6, 1.0 - pairwise), criterion="distance")
    theme, score = placement.theme.copy(), placement.score.copy()
    next_id = int(placement.theme.max()) + 1
    for g in np.unique(groups):
        members = other[groups == g]
        if len(members) < min_members:
            continue
        centre = _unit(np.asarray(X[members], dtype=np.float64).sum(axis=0, keepdims=True))[0]
        closeness = np.asarray(X[members], dtype=np.float64) @ centre
        if float(closeness.mean()) < typical:  # a loose handful stays in Other
            continue
        theme[members] = next_id
        score[members] = closeness.astype(np.float32)
        next_id += 1
    return Placement(theme=theme, score=score, second=placement.second)
