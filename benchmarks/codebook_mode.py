"""How well does codebook mode agree with human labels when the codebook is only the labels' names?

Three labelled sets, each coded against a codebook written from the label names alone (no example
answers, nothing taken from the data):

- AG News (``/work/shared/data/agnews8000.csv``, 4 topics): a one-sentence description per topic written
  from its name (World, Sports, Business, Sci/Tech); see :data:`AGNEWS_CODEBOOK`.
- Banking77 (``/work/shared/data/banking77.csv``, 77 intents): each intent's name turned into words
  (``card_arrival`` → "card arrival"); the description is those words only.
- The demo's generated career-barrier answers (``surveys.demo.labelled_open_answers``, 30 % Spanish), with
  a hand-written 5-code codebook in English (:data:`DEMO_CODEBOOK`); the topic has 9 concerns, so 4 are
  missing from the codebook and should come back as proposed new themes.

Each set is split once with a fixed seed into a **dev** sample (used to choose
:data:`analysis.coding.MIN_FIT`, ``--dev``) and a disjoint **test** sample (reported by default); the
demo's dev and test answers are drawn with different seeds. Printed per set and representation:

- best-code accuracy and macro-F1: every answer given its best-fitting code (zero-shot classification);
- coverage: share of answers that fit a code at all (reach ``MIN_FIT``); accuracy over all answers when
  those that fit none count as wrong; AMI between the labels and the final themes (codes, proposed
  themes and Other);
- demo only: accuracy of the coded concerns by language, how many of the answers of the 4 concerns the
  codebook lacks fit no code (rightly left for proposed themes), and the share with a second code.

    PYTHONPATH=. python benchmarks/codebook_mode.py [--dev] [--n 2000] [--representation auto tfidf]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.coding import MIN_FIT, Code, code_answers

DATA = Path("/work/shared/data")

AGNEWS_CODEBOOK = [
    Code("World", "World news: international affairs, politics, governments, elections, wars and conflicts "
                  "around the world"),
    Code("Sports", "Sports: games, teams, players, matches, tournaments and championships"),
    Code("Business", "Business: companies, markets, the economy, stocks, oil prices, trade and earnings"),
    Code("Sci/Tech", "Science and technology: computers, the internet, software, phones, space and "
                     "scientific research"),
]
AGNEWS_LABELS = {1: "World", 2: "Sports", 3: "Business", 4: "Sci/Tech"}

DEMO_CODEBOOK = [
    Code("Childcare", "No one to watch the children while the person studies or works; daycare costs or hours"),
    Code("Transportation", "Getting to class or work: no car, car trouble, the bus is slow, far or does not run"),
    Code("Schedule", "Class times clash with work shifts or family time; not enough time"),
    Code("Cost of training", "Cannot afford tuition, fees, books or exams; losing income while training"),
    Code("Language", "English is hard; needs classes or materials in Spanish"),
]
DEMO_LABELS = {"childcare": "Childcare", "transportation": "Transportation", "schedule": "Schedule",
               "cost": "Cost of training", "language": "Language"}


def banking_codebook(labels: list[str]) -> list[Code]:
    """Each intent's name as words; the description is the same words (nothing else is written)."""
    return [Code(label, label.replace("_", " ")) for label in labels]


def split(frame: pd.DataFrame, n: int, dev: bool) -> pd.DataFrame:
    """A fixed shuffle; dev is the first ``n`` rows, test the next ``n`` (disjoint)."""
    order = np.random.default_rng(20261206).permutation(len(frame))
    rows = order[:n] if dev else order[n: 2 * n]
    return frame.iloc[rows].reset_index(drop=True)


def demo(n: int, dev: bool) -> pd.DataFrame:
    from surveys.demo import labelled_open_answers

    rows = labelled_open_answers("career_barriers", n, random.Random(0 if dev else 1), spanish_share=0.3)
    return pd.DataFrame([(t, lang, label) for t, lang, label in rows if label],
                        columns=["text", "language", "label"])


def macro_f1(truth: list[str], predicted: list[str], classes: list[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(truth, predicted, labels=classes, average="macro", zero_division=0))


def evaluate(name: str, frame: pd.DataFrame, codebook: list[Code], label_of: dict, representation: str,
             min_fit: float) -> dict:
    """Code the answers and compare with the labels (labels outside the codebook: see the demo)."""
    from sklearn.metrics import adjusted_mutual_info_score

    started = time.perf_counter()
    coded = code_answers(frame["text"].tolist(), codebook, representation=representation, min_fit=min_fit)
    seconds = time.perf_counter() - started
    a = coded.result.assignments
    answered = a["theme"].notna().to_numpy()
    theme_name = dict(coded.codes)
    best = [None if pd.isna(c) else str(c) for c in a["nearest_code"]]  # the best code, whatever its fit
    truth = [label_of.get(label) for label in frame["label"]]
    in_book = np.array([t is not None for t in truth]) & answered
    idx = np.flatnonzero(in_book)
    forced = [best[i] for i in idx]
    true_in = [truth[i] for i in idx]
    final = [theme_name.get(int(t)) if pd.notna(t) else None for t in a["theme"]]
    fitted = np.array([f is not None for f in final])
    classes = [c.name for c in codebook]
    out = {
        "set": name, "representation": coded.result.parameters["representation"], "n": int(answered.sum()),
        "best_acc": np.mean([f == t for f, t in zip(forced, true_in)]),
        "best_f1": macro_f1(true_in, forced, classes),
        "coverage": float(fitted[idx].mean()),
        "acc_all": np.mean([final[i] == truth[i] for i in idx]),
        "ami": adjusted_mutual_info_score(frame["label"][answered], a["theme"][answered].astype(int)),
        "proposed": len(coded.new), "second": float(a["second_theme"].notna()[answered].mean()),
        "seconds": seconds, "min_fit": min_fit,
    }
    if "language" in frame:
        for lang in ("en", "es"):
            rows = [i for i in idx if frame["language"][i] == lang]
            out[f"acc_{lang}"] = np.mean([final[i] == truth[i] for i in rows]) if rows else float("nan")
        outside = np.flatnonzero(np.array([t is None for t in truth]) & answered)
        out["missing_left_out"] = float(np.mean([final[i] is None for i in outside])) if len(outside) else float("nan")
        new_ids = sorted(coded.new)
        out["proposed_themes"] = "; ".join(
            f"{t.label} ({t.size}: {_majority(frame['label'], a['theme'], t.id)})"
            for t in coded.result.themes if t.id in new_ids)
    return out


def _majority(labels: pd.Series, themes: pd.Series, theme: int) -> str:
    members = labels[themes.fillna(-1).astype(int) == theme]
    top = members.value_counts()
    return f"{100 * top.iloc[0] / len(members):.0f}% {top.index[0]}" if len(top) else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", action="store_true", help="the dev samples (for choosing), not the test ones")
    parser.add_argument("--n", type=int, default=2000, help="answers per sample (demo: drawn)")
    parser.add_argument("--representation", nargs="+", default=["auto", "tfidf"])
    parser.add_argument("--min-fit", type=float, nargs="+", default=[MIN_FIT])
    parser.add_argument("--sets", nargs="+", default=["agnews", "banking77", "demo"])
    args = parser.parse_args()
    agnews = pd.read_csv(DATA / "agnews8000.csv")
    banking = pd.read_csv(DATA / "banking77.csv")
    cases = {
        "agnews": lambda: (split(agnews, args.n, args.dev), AGNEWS_CODEBOOK, AGNEWS_LABELS),
        "banking77": lambda: (split(banking, args.n, args.dev), banking_codebook(sorted(banking["label"].unique())),
                              {label: label for label in banking["label"].unique()}),
        "demo": lambda: (demo(args.n // 2, args.dev), DEMO_CODEBOOK, DEMO_LABELS),
    }
    print(f"{'dev' if args.dev else 'test'} samples; accuracy, F1, coverage and AMI in %")
    header = (f"{'set':<10} {'representation':<34} {'min_fit':>7} {'n':>5} {'best acc':>8} {'macroF1':>7} "
              f"{'cover':>6} {'acc all':>7} {'AMI':>5} {'new':>4} {'2nd':>5} {'sec':>5}")
    print(header)
    extras = []
    for name in args.sets:
        frame, codebook, label_of = cases[name]()
        for representation in args.representation:
            for min_fit in args.min_fit:
                r = evaluate(name, frame, codebook, label_of, representation, min_fit)
                print(f"{name:<10} {r['representation']:<34} {min_fit:>7.2f} {r['n']:>5} {100 * r['best_acc']:>8.1f} "
                      f"{100 * r['best_f1']:>7.1f} {100 * r['coverage']:>6.1f} {100 * r['acc_all']:>7.1f} "
                      f"{100 * r['ami']:>5.1f} {r['proposed']:>4} {100 * r['second']:>5.1f} {r['seconds']:>5.1f}",
                      flush=True)
                if "acc_en" in r:
                    extras.append(r)
    for r in extras:
        print(f"\ndemo, {r['representation']}, min_fit {r['min_fit']:.2f}: coded-concern accuracy "
              f"English {100 * r['acc_en']:.1f}%, Spanish {100 * r['acc_es']:.1f}%; answers of the 4 concerns "
              f"missing from the codebook that fit no code: {100 * r['missing_left_out']:.1f}%")
        print(f"  proposed themes (size: majority true concern): {r['proposed_themes']}")


if __name__ == "__main__":
    main()
