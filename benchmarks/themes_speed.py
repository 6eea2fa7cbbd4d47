"""Speed benchmark for the theme engine: wall time and peak memory at 10k, 100k and 300k answers.

Answers are sampled with replacement from the labelled sets in ``../shared/data`` and lightly perturbed
(a typo, a changed case, a filler word), so near-duplicates exist as in real surveys but most answers are
distinct. Each run happens in a fresh subprocess so its peak memory (max RSS) is its own. The default
automatic choice of the engine is timed (it picks the representation and the number of themes itself:
packaged sentence embeddings in the plain install), beside a plain baseline (TF-IDF + MiniBatchKMeans
with 20 clusters) and the previous default (TF-IDF/LSA, k by merged centres) in the same run; then the
embedding path forced on 1k, 5k and 20k answers, with the encoder's own texts per second. Each engine run
prints its wall seconds per step (the engine's ``timings_``) and the CPU seconds of each step.

    PYTHONPATH=. python benchmarks/themes_speed.py [--quick] [--sizes 10000 100000 300000]
        [--embedding-sizes 1000 5000 20000] [--data DIR] [--seed 0]

Targets: 100k answers in <= 30 s and <= 2 GB on 2 cores; 300k in <= 3.5x the 100k time.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_FILLERS = ("", "", "", " tbh", " please", " thanks", " lol", "!", "?", " asap")


def make_answers(data_dir: Path, n: int, seed: int) -> list[str]:
    """Sample ``n`` answers with replacement from the shared sets and perturb them lightly."""
    import pandas as pd

    pool: list[str] = []
    for path in sorted(data_dir.glob("*.csv")):
        pool += pd.read_csv(path, dtype=str, keep_default_na=False)["text"].tolist()
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = rng.choice(pool)
        roll = rng.random()
        if roll < 0.3 and len(text) > 4:
            i = rng.randrange(1, len(text) - 1)
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif roll < 0.45:
            text = text.lower()
        out.append(text + rng.choice(_FILLERS))
    return out


def _child(args: argparse.Namespace) -> None:
    """Run one measurement and print its figures as JSON (called in a fresh process)."""
    import resource

    texts = make_answers(args.data, args.n, args.seed)
    cpu_steps = _count_cpu_per_step() if args.child in ("engine", "lexical", "embeddings") else {}
    start, cpu_start = time.perf_counter(), time.process_time()
    info: dict = {}
    if args.child in ("engine", "lexical"):
        from analysis import ThemeFinder

        # "lexical" is the previous default: TF-IDF/LSA with k by merged centres.
        lexical = {"representation": "tfidf", "choose_k_with": "representation"}
        finder = ThemeFinder(random_state=args.seed, **(lexical if args.child == "lexical" else {})).fit(
            texts
        )
        info = {
            "representation": finder.representation_,
            "k_choice": finder.k_choice_,
            "themes": finder.n_themes_,
            "topics": len(finder.topics_),
            "steps": finder.timings_,
        }
    elif args.child == "embeddings":
        from analysis import ThemeFinder, embeddings

        finder = ThemeFinder(representation="embeddings", random_state=args.seed).fit(texts)
        info = {
            "representation": finder.representation_,
            "themes": finder.n_themes_,
            "topics": len(finder.topics_),
            "steps": finder.timings_,
        }
        t = time.perf_counter()  # the model is loaded by now: the encoder's own speed
        embeddings.encode(texts)
        info["texts_per_second"] = len(texts) / (time.perf_counter() - t)
    else:
        from sklearn.cluster import MiniBatchKMeans
        from sklearn.feature_extraction.text import TfidfVectorizer

        X = TfidfVectorizer(stop_words="english", min_df=2).fit_transform(texts)
        MiniBatchKMeans(n_clusters=20, n_init=3, batch_size=4096, random_state=args.seed).fit(X)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if cpu_steps:
        info["cpu_steps"] = dict(cpu_steps)
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": peak_mb, **info}))


def _count_cpu_per_step() -> dict[str, float]:
    """CPU seconds of each step of the engine's next fit, filled in as the steps run.

    The engine's own step clock (``timings_``) reads wall time, which the other jobs on a shared machine
    stretch; CPU time tells two runs apart. The benchmark swaps in a clock that reads both (the engine is
    unchanged); without that clock (another engine version) nothing is counted."""
    from contextlib import contextmanager

    from analysis import engine

    counted: dict[str, float] = {}
    clock = getattr(engine, "_Clock", None)
    if clock is None:
        return counted

    class _CpuClock(clock):
        @contextmanager
        def __call__(self, step: str):
            cpu = time.process_time()
            with super().__call__(step):
                yield
            counted[step] = round(time.process_time() - cpu, 3)

    engine._Clock = _CpuClock
    return counted


def measure(kind: str, n: int, args: argparse.Namespace) -> dict:
    cmd = [
        sys.executable,
        "-W",
        "ignore",
        __file__,
        "--child",
        kind,
        "--n",
        str(n),
        "--seed",
        str(args.seed),
        "--data",
        str(args.data),
    ]
    done = subprocess.run(
        cmd, capture_output=True, text=True, check=False, cwd=ROOT, env={**_env(), "PYTHONPATH": str(ROOT)}
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _env() -> dict:
    import os

    return dict(os.environ)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 300_000])
    parser.add_argument(
        "--embedding-sizes", "--semantic-sizes", type=int, nargs="*", default=[1_000, 5_000, 20_000]
    )
    parser.add_argument("--quick", action="store_true", help="10k and 100k answers; embedding path at 5k")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--child", choices=["engine", "lexical", "baseline", "embeddings"], help=argparse.SUPPRESS
    )
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args)
        return 0

    if args.quick:
        args.sizes, args.embedding_sizes = [10_000, 100_000], [5_000]
    sys.path.insert(0, str(ROOT))
    from analysis import embeddings

    kinds = {"engine": "engine (default auto)", "lexical": "engine (v1: tfidf)", "baseline": "baseline"}
    results: dict[tuple[str, int], dict] = {}
    # CPU seconds (all threads) tell runs apart on a machine shared with other jobs, where wall time
    # can double from one run to the next.
    print("answers   what                    seconds   CPU s   peak MB   notes", flush=True)
    for n in args.sizes:
        for kind, title in kinds.items():
            r = results[(kind, n)] = measure(kind, n, args)
            note = r.get("error") or (
                f"{r['representation']}, {r['themes']} themes, {r.get('topics')} topics "
                f"(k: {r.get('k_choice', '?')}), steps {r['steps']}, CPU per step {r.get('cpu_steps', {})}"
                if kind != "baseline"
                else "tfidf + minibatch kmeans k=20"
            )
            print(
                f"{n:>7,}   {title:<22} {r.get('seconds', float('nan')):8.1f} "
                f"{r.get('cpu_seconds', float('nan')):7.1f} {r.get('peak_mb', float('nan')):9.0f}   {note}",
                flush=True,
            )
    if embeddings.available():
        for n in args.embedding_sizes:
            r = results[("embeddings", n)] = measure("embeddings", n, args)
            note = r.get("error") or (
                f"{r['themes']} themes, {r['topics']} topics, encoder {r['texts_per_second']:.0f} texts/s, "
                f"steps {r['steps']}, CPU per step {r.get('cpu_steps', {})}"
            )
            print(
                f"{n:>7,}   {'engine (embeddings)':<22} {r.get('seconds', float('nan')):8.1f} "
                f"{r.get('cpu_seconds', float('nan')):7.1f} {r.get('peak_mb', float('nan')):9.0f}   {note}",
                flush=True,
            )
    else:
        print("no packaged embedding model installed: embedding path not timed")

    print()
    e100 = results.get(("engine", 100_000), {})
    e300 = results.get(("engine", 300_000), {})
    if "seconds" in e100:
        ok = e100["seconds"] <= 30 and e100["peak_mb"] <= 2048
        print(
            f"100k answers: {e100['seconds']:.1f} s ({e100['cpu_seconds']:.1f} s of CPU), "
            f"{e100['peak_mb']:.0f} MB peak "
            f"(target <= 30 s and <= 2048 MB): {'MET' if ok else 'NOT MET'}"
        )
    if "seconds" in e100 and "seconds" in e300:
        ratio = e300["seconds"] / e100["seconds"]
        print(f"300k / 100k time: {ratio:.2f}x (target <= 3.5x): {'MET' if ratio <= 3.5 else 'NOT MET'}")
    for n in args.embedding_sizes:
        r = results.get(("embeddings", n), {})
        if "seconds" in r:
            print(
                f"embedding path ({r['representation']}), {n:,} answers: {r['seconds']:.1f} s in all "
                f"({n / r['seconds']:.0f} answers/s); the encoder alone {r['texts_per_second']:.0f} texts/s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
