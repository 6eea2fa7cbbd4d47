"""Quality benchmark for the theme engine: do its themes agree with people's grouping?

Runs on the labelled sets in ``../shared/data`` (or ``--data DIR``) and prints, per set: a chance row
(random labels, same k), a plain baseline run in the same process (TF-IDF + KMeans, the true k), and the
engine with the true k and with automatic k, for each representation available. Scores are adjusted
for chance (AMI, ARI) plus accuracy after Hungarian matching; plain NMI flatters fine-grained clusterings
and is not used. The cluster-size distribution is printed too, since one giant theme plus dust reads
badly whatever the scores say. Non-answers and Other count as one more cluster, as a reader would see.

Each engine row also scores the themes' labels, without any reference names (see :func:`label_scores`):
how many of the theme's answers use every word of its label (coverage), how many answers using them are
in the theme (specificity), and the share of themes holding English answers whose label English answers
wrote (the report is read in English; Spanish answers still count in every theme).

    PYTHONPATH=. python benchmarks/themes_quality.py [--data DIR] [--sets banking77 agnews8000]
        [--representations tfidf semantic] [--max-rows N] [--seed 0] [--topics all]

The engine has no per-set switches: it is judged on answers nobody here has seen.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import ThemeFinder, semantic_available
from analysis.representation import Representation, SentenceEmbeddings, TfidfLSA


def scores(true: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    from scipy.optimize import linear_sum_assignment
    from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score
    from sklearn.metrics.cluster import contingency_matrix

    cm = contingency_matrix(true, pred)
    r, c = linear_sum_assignment(-cm)
    return {
        "AMI": 100 * adjusted_mutual_info_score(true, pred),
        "ARI": 100 * adjusted_rand_score(true, pred),
        "ACC": 100 * cm[r, c].sum() / len(true),
    }


def sizes(pred: np.ndarray) -> str:
    counts = np.sort(np.bincount(pd.factorize(pred)[0]))[::-1]
    share = counts / counts.sum()
    return (
        f"k={len(counts)} largest={100 * share[0]:.1f}% median={int(np.median(counts))} "
        f"smallest={counts[-1]} top3={100 * share[:3].sum():.0f}%"
    )


class Cached(Representation):
    """Reuse one representation's vectors across runs on the same answers (embedding is the slow part)."""

    def __init__(self, inner: Representation) -> None:
        self.inner = inner
        self.name = inner.name
        self._memo: dict[str, np.ndarray] = {}

    def fit_transform(self, texts, tokens, languages=None):
        key = hashlib.sha1("\x1f".join(texts).encode()).hexdigest()
        if key not in self._memo:
            self._memo[key] = self.inner.fit_transform(texts, tokens, languages)
        return self._memo[key]


def baseline(texts: list[str], k: int, seed: int) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    X = TfidfVectorizer(stop_words="english", min_df=2).fit_transform(texts)
    return KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(X)


def generated(n: int, seed: int, topic: str = "career_barriers") -> pd.DataFrame:
    """Answers to one demo question from the demo generator, 30 % Spanish, labelled with the theme they
    were drawn from (non-answers left out): shows whether one concern in two languages lands in one
    theme, and whether its label reads in English."""
    import random

    from surveys.demo import labelled_open_answers

    rows = labelled_open_answers(topic, n, random.Random(seed), spanish_share=0.3)
    return pd.DataFrame(
        [(t, label, language) for t, language, label in rows if label], columns=["text", "label", "language"]
    )


_WORD = re.compile(r"[^\W\d_]+")
_GLOSS = re.compile(r" \((?:gloss: [^)]*|in \w+)\)$")


def label_scores(texts: list[str], languages: list[str], themes, rows: np.ndarray) -> dict[str, float]:
    """How well each theme's label names its answers, in points, weighted by theme size.

    ``coverage``: share of the theme's answers using every word of its label; ``specificity``: share of
    the answers using them that are in the theme; ``english``: share of the themes holding an English
    answer whose label English answers wrote (every word found in some English answer). A gloss after a
    Spanish label is not part of the label. Other is left out.
    """
    words = [set(_WORD.findall(t.lower())) for t in texts]
    english_words = set().union(*(w for w, lang in zip(words, languages) if lang == "en"))
    cover, specific, english, weight, with_english = 0.0, 0.0, 0, 0.0, 0
    for theme in themes:
        if theme.id == 0:
            continue
        members = rows == theme.id
        label = set(_WORD.findall(_GLOSS.sub("", theme.label).lower()))
        using = np.array([label <= w for w in words]) if label else np.zeros(len(words), bool)
        size = members.sum()
        cover += (using & members).sum()
        specific += size * (using & members).sum() / max(using.sum(), 1)
        weight += size
        if any(lang == "en" for lang, m in zip(languages, members) if m):
            with_english += 1
            english += label <= english_words
    return {
        "coverage": 100 * cover / max(weight, 1),
        "specificity": 100 * specific / max(weight, 1),
        "english": 100 * english / max(with_english, 1),
    }


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=here.parents[2] / "shared" / "data")
    parser.add_argument("--sets", nargs="*", default=None, help="file stems; default: every CSV in --data")
    parser.add_argument(
        "--representations",
        nargs="*",
        default=None,
        help="tfidf and/or semantic; default: both when the semantic extra is installed",
    )
    parser.add_argument("--max-rows", type=int, default=None, help="sample this many rows per set (faster)")
    parser.add_argument(
        "--generated",
        type=int,
        default=3000,
        help="also score this many generated career-barrier answers, 30%% in Spanish (0 to skip)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--topics",
        nargs="*",
        default=["career_barriers"],
        help="demo questions to generate answers for (30%% Spanish); 'all' for every one",
    )
    args = parser.parse_args(argv)

    reps = args.representations or (["tfidf", "semantic"] if semantic_available() else ["tfidf"])
    files = sorted(args.data.glob("*.csv"))
    if args.sets:
        files = [f for f in files if f.stem in args.sets]
    sets = [(path.stem, pd.read_csv(path, dtype=str, keep_default_na=False)) for path in files]
    if args.generated:
        from surveys.demo import topics

        chosen = list(topics()) if args.topics == ["all"] else args.topics
        for topic in chosen:
            name = "generated_es30" if topic == "career_barriers" else f"demo_{topic}"
            sets.append((name, generated(args.generated, args.seed, topic)))
    rows = []
    for name, frame in sets:
        if args.max_rows and len(frame) > args.max_rows:
            frame = frame.sample(args.max_rows, random_state=args.seed).reset_index(drop=True)
        texts = frame["text"].tolist()
        languages = frame["language"].tolist() if "language" in frame else ["en"] * len(texts)
        true = pd.factorize(frame["label"])[0]
        k = int(true.max()) + 1
        print(f"\n== {name}: {len(texts):,} answers, {k} labels", flush=True)

        def report(
            method: str, pred: np.ndarray, seconds: float, extra: str = "", true=true, name=name, labels=None
        ) -> None:
            s = scores(true, pred)
            if labels is not None:
                s.update(labels)
                extra += (
                    f" labels: coverage {labels['coverage']:.1f} specificity {labels['specificity']:.1f} "
                    f"english {labels['english']:.0f}"
                )
            rows.append({"set": name, "method": method, **s, "seconds": seconds})
            print(
                f"  {method:<28} AMI {s['AMI']:5.1f}  ARI {s['ARI']:5.1f}  ACC {s['ACC']:5.1f}  "
                f"{seconds:6.1f}s  {sizes(pred)} {extra}",
                flush=True,
            )

        rng = np.random.default_rng(args.seed)
        report("chance (same k)", rng.integers(0, k, len(texts)), 0.0)
        t = time.perf_counter()
        report("baseline tfidf+kmeans", baseline(texts, k, args.seed), time.perf_counter() - t)
        for rep_name in reps:
            rep = Cached(SentenceEmbeddings() if rep_name == "semantic" else TfidfLSA(random_state=args.seed))
            runs = [(k, "true k", "auto")]
            if rep_name == "tfidf" and semantic_available():
                # What the default does when the answers are too many to embed: k on an embedded sample.
                runs.append((None, "auto k", "auto"))
                runs.append((None, "auto k on tfidf", "representation"))
            else:
                runs.append((None, "auto k", "representation"))
            for k_used, tag, judge in runs:
                t = time.perf_counter()
                finder = ThemeFinder(
                    k=k_used, representation=rep, choose_k_with=judge, random_state=args.seed
                ).fit(texts)
                seconds = time.perf_counter() - t
                extra = f"(themes={finder.n_themes_}; k: {finder.k_choice_})"
                named = label_scores(texts, languages, finder.themes_, finder.labels_)
                report(f"engine {rep_name} {tag}", finder.labels_, seconds, extra, labels=named)

    table = pd.DataFrame(rows)
    print("\n== summary (AMI points)")
    pivot = table.pivot_table(index="method", columns="set", values="AMI", sort=False)
    pivot["mean"] = pivot.mean(axis=1)
    print(pivot.round(1).to_string())
    engine = table[table["method"].str.startswith("engine")]
    for measure in ("coverage", "specificity", "english"):
        print(f"\n== labels: {measure} (points)")
        print(engine.pivot_table(index="method", columns="set", values=measure, sort=False).round(1).to_string())
    base = pivot.loc["baseline tfidf+kmeans", "mean"]
    for rep_name in reps:
        true_k = pivot.loc[f"engine {rep_name} true k", "mean"]
        print(f"{rep_name}: true k beats baseline by {true_k - base:+.1f} AMI points on average (target >= +5)")
        for tag in ("auto k", "auto k on tfidf"):
            if f"engine {rep_name} {tag}" in pivot.index:
                auto_k = pivot.loc[f"engine {rep_name} {tag}", "mean"]
                print(f"  {tag}: {auto_k - true_k:+.1f} AMI points from true k (target within 5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
