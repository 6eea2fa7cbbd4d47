"""How right are the merge suggestions ("These two themes look alike: merge?")?

The engine finds themes in labelled answers; :func:`analysis.describe_themes` then scores every pair of
themes (cosine of their class-based TF-IDF vectors). A pair is *right* to suggest when both themes'
answers mostly carry the same true label: the engine split one concern in two. For each threshold the
script prints, per set, the pairs suggested as the report would offer them (each theme in one pair at
most, most alike first) and how many are right, plus the ROC AUC of the similarity over all pairs, and
the same for the cosine of the theme centres in the clustered representation (the alternative
considered: it cannot be recomputed after curation without the answers' vectors).

    PYTHONPATH=. python benchmarks/merge_suggestions.py [--data DIR] [--max-rows 4000] [--generated 1500]

Sets: the demo generator's seven questions (30 % Spanish), with the engine choosing the number of
themes as staff get it; AG News and Banking77 samples with twice as many themes as labels (capped at
100), so that labels are split and there is something to find. The threshold is chosen for every set
at once, never for one.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import analysis.engine as engine_module
from analysis import ThemeFinder, describe_themes

THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35)


def _centres_spy() -> dict:
    """Keep the clustered vectors and placements of the last fit (for the centre-cosine comparison)."""
    seen: dict = {}
    describe = engine_module.ThemeFinder._describe

    def spy(self, placed, units, languages, tokens, processor, sentiment, X):
        seen.update(placed=placed, units=units, X=X)
        return describe(self, placed, units, languages, tokens, processor, sentiment, X)

    engine_module.ThemeFinder._describe = spy
    return seen


def pairs_of(name: str, texts: list[str], truth: list[str], k: int | None, seed: int, seen: dict) -> pd.DataFrame:
    finder = ThemeFinder(k=k, representation="tfidf", random_state=seed).fit(texts)
    rows = finder.labels_
    keep = rows > 0  # Other and non-answers are never suggested
    answers = pd.DataFrame({"text": np.asarray(texts, dtype=object)[keep], "theme": rows[keep]})
    similarity = describe_themes(answers, random_state=seed).similarity
    majority = pd.Series(np.asarray(truth)[keep]).groupby(rows[keep]).agg(lambda s: s.value_counts().index[0])
    placed, units, X = seen["placed"], seen["units"], seen["X"]
    centres = {}
    for c in similarity.index:
        members = placed.theme == c
        v = (X[members] * units.weights[members, None]).sum(axis=0)
        centres[c] = v / max(float(np.linalg.norm(v)), 1e-12)
    ids = list(similarity.index)
    out = [
        (name, a, b, majority[a] == majority[b], float(similarity.at[a, b]), float(centres[a] @ centres[b]),
         int((rows == a).sum()), int((rows == b).sum()))
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
    ]
    return pd.DataFrame(out, columns=["set", "a", "b", "right", "ctfidf", "centre", "size_a", "size_b"])


def offered(pairs: pd.DataFrame, column: str, threshold: float) -> pd.DataFrame:
    """The pairs the report would offer: above the threshold, strongest first, each theme once."""
    taken: set[int] = set()
    keep = []
    for index, row in pairs.sort_values(column, ascending=False).iterrows():
        if row[column] < threshold:
            break
        if row.a in taken or row.b in taken:
            continue
        taken |= {row.a, row.b}
        keep.append(index)
    return pairs.loc[keep]


def main(argv: list[str] | None = None) -> int:
    from sklearn.metrics import roc_auc_score

    here = Path(__file__).resolve()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=here.parents[2] / "shared" / "data")
    parser.add_argument("--max-rows", type=int, default=4000)
    parser.add_argument("--generated", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    from surveys.demo import labelled_open_answers, topics

    seen = _centres_spy()
    frames = []
    for topic in topics():
        data = [(t, label) for t, _, label in labelled_open_answers(
            topic, args.generated, random.Random(args.seed), spanish_share=0.3) if label]
        frames.append(pairs_of(f"demo_{topic}", [t for t, _ in data], [l for _, l in data], None, args.seed, seen))
        print(f"{frames[-1].set.iloc[0]}: {len(frames[-1])} pairs", flush=True)
    for path in sorted(args.data.glob("*.csv")):
        data = pd.read_csv(path, dtype=str, keep_default_na=False)
        if len(data) > args.max_rows:
            data = data.sample(args.max_rows, random_state=args.seed)
        k = min(100, 2 * data["label"].nunique())
        frames.append(pairs_of(path.stem, data["text"].tolist(), data["label"].tolist(), k, args.seed, seen))
        print(f"{path.stem}: {len(frames[-1])} pairs", flush=True)
    pairs = pd.concat(frames, ignore_index=True)

    print("\n== ROC AUC over all pairs (right pair vs not)")
    for name, group in pairs.groupby("set"):
        if group.right.nunique() == 2:
            print(f"  {name:<28} ctfidf {roc_auc_score(group.right, group.ctfidf):.3f}  "
                  f"centre {roc_auc_score(group.right, group.centre):.3f}  ({group.right.sum()} right of {len(group)})")
    print(f"  {'all':<28} ctfidf {roc_auc_score(pairs.right, pairs.ctfidf):.3f}  "
          f"centre {roc_auc_score(pairs.right, pairs.centre):.3f}")

    for column in ("ctfidf", "centre"):
        print(f"\n== pairs offered by {column} similarity (right / offered)")
        for threshold in THRESHOLDS:
            chosen = pd.concat([offered(group, column, threshold) for _, group in pairs.groupby("set")])
            demo = chosen[chosen.set.str.startswith("demo_")]
            per_set = "; ".join(f"{name.removeprefix('demo_')} {g.right.sum()}/{len(g)}" for name, g in chosen.groupby("set"))
            print(f"  >= {threshold:.2f}: survey questions {demo.right.sum()}/{len(demo)}, "
                  f"all {chosen.right.sum()}/{len(chosen)} | {per_set}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
