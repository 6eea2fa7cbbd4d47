"""How close must a new wave's answer be to a known theme to join it? (analysis.codebook's threshold)

For each held-back concern of the demo's open-ended topics, a "spring" wave without that concern is
clustered by the engine (its themes are the codebook, as if staff had curated nothing), then a "fall"
wave holding every concern is read against the codebook. For each setting the script prints:

- absorbed: the share of the held-back (genuinely new) concern's fall answers that joined a known theme
  (they should not: they are what "new this wave" is for);
- left out: the share of the known concerns' fall answers that fit no known theme (they should fit);
- found: whether a new theme holds most of the held-back concern (its biggest new theme's share of them).

    PYTHONPATH=. python benchmarks/codebook_threshold.py [--answers 400] [--seeds 2] [--first-seed 0]

The setting is chosen for every topic and held-back concern at once.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import find_themes
from analysis.codebook import assign_to_codebook
from surveys.demo import labelled_open_answers, themes

SETTINGS = [(None, 0.2), (None, 0.3), (0.1, 0.2), (0.1, 0.3)]
CASES = [("career_barriers", "housing"), ("career_barriers", "justice"), ("career_barriers", "digital"),
         ("career_help", None), ("service_experience", None)]


def _case(topic: str, held: str, n: int, seed: int):
    rng = random.Random(seed)
    spring = [a for a in labelled_open_answers(topic, n * 2, rng, spanish_share=0.25) if a[2] != held][:n]
    fall = labelled_open_answers(topic, n, rng, spanish_share=0.25)
    found = find_themes([t for t, _, _ in spring], random_state=0, representation="tfidf")
    codes = found.assignments["theme"].map(lambda t: None if pd.isna(t) or t == 0 else int(t))
    earlier = pd.DataFrame({"text": [t for t, _, _ in spring], "code": codes})
    return earlier, fall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=400)
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--first-seed", type=int, default=0)
    args = parser.parse_args()
    cases = []
    for topic, held in CASES:
        held = held or themes()[topic][-2]  # a less common concern of the topic
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            cases.append((topic, held, *_case(topic, held, args.answers, seed)))
    print(f"{'quantile':>8} {'floor':>5} {'absorbed':>9} {'left out':>9} {'found':>6}")
    for quantile, floor in SETTINGS:
        absorbed, left_out, found = [], [], []
        for _topic, held, earlier, fall in cases:
            out = assign_to_codebook(earlier, [t for t, _, _ in fall], member_quantile=quantile,
                                     min_similarity=floor, representation="tfidf")
            theme = out.result.assignments["theme"]
            truth = np.array([label for _, _, label in fall], dtype=object)
            in_code = theme.isin(list(out.codes)).to_numpy()
            is_new = (truth == held)
            known = np.array([label is not None and label != held for label in truth])
            absorbed.append(in_code[is_new].mean())
            left_out.append(1 - in_code[known].mean())
            new_members = [theme[is_new & theme.isin(list(out.new)).to_numpy()].value_counts()]
            best = max((s.max() for s in new_members if len(s)), default=0)
            found.append(best / max(is_new.sum(), 1))
        name = "outlier" if quantile is None else f"{quantile:.2f}"
        print(f"{name:>8} {floor:5.2f} {np.mean(absorbed):9.1%} {np.mean(left_out):9.1%} {np.mean(found):6.1%}")


if __name__ == "__main__":
    main()
