"""How long the test suite takes on SQLite without browser tests: today's tree against an earlier one,
in the same run on the same machine.

The earlier tree (by default ``9f28500``, the tree when the "house" issue asked for a suite twice as fast)
is checked out into a temporary git worktree and its suite runs with this checkout's virtualenv, the
way it ran then (one process); then today's suite runs the way ``make test`` runs it (``-n`` workers,
see the Makefile). Each line gives the wall time, the number of tests and the time per test, and the
last line the speed-up both in total and per test (today's suite holds more tests)::

    python benchmarks/suite_speed.py [--baseline 9f28500] [--workers auto] [--skip-baseline]

Run it on a quiet machine: anything else running shares the cores with both suites.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"(\d+) (passed|failed|skipped|errors?|deselected)")


@dataclass(frozen=True)
class Timing:
    name: str
    seconds: float
    counts: dict[str, int]

    @property
    def ran(self) -> int:
        return sum(n for kind, n in self.counts.items() if kind in ("passed", "failed", "error", "errors"))

    def line(self) -> str:
        per_test = self.seconds / self.ran if self.ran else float("nan")
        counts = " ".join(f"{kind}={n}" for kind, n in sorted(self.counts.items()))
        return f"suite={self.name} seconds={self.seconds:.0f} tests={self.ran} s_per_test={per_test:.3f} {counts}"


def run_suite(name: str, folder: Path, extra: list[str]) -> Timing:
    """The tree's tests without browser tests, on SQLite, with nothing else changed."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("TEST_DATABASE_URL", "TEST_REDIS_URL", "DATABASE_URL", "REDIS_URL")}
    env["PYTHONPATH"] = str(folder)  # the tree's own packages, before the installed checkout
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser", *extra]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:]
    counts = {kind.rstrip("s") if kind.startswith("error") else kind: int(n) for n, kind in SUMMARY.findall(tail)}
    print(f"# {name}: {tail}", flush=True)
    return Timing(name, seconds, counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default="9f28500", help="the earlier commit to compare against")
    parser.add_argument("--workers", default="auto", help="today's suite: pytest-xdist workers, as make test uses")
    parser.add_argument("--skip-baseline", action="store_true", help="time today's suite only")
    args = parser.parse_args(argv)

    print(f"# {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    timings = []
    if not args.skip_baseline:
        with tempfile.TemporaryDirectory(prefix="chorus-baseline-") as name:
            folder = Path(name) / "tree"
            subprocess.run(["git", "worktree", "add", "--detach", str(folder), args.baseline], cwd=ROOT,
                           check=True, capture_output=True)
            try:
                timings.append(run_suite(f"baseline@{args.baseline}", folder, []))
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, check=False,
                               capture_output=True)
    timings.append(run_suite("today", ROOT, ["-n", args.workers, "--dist", "loadfile"]))
    for timing in timings:
        print(timing.line())
    if len(timings) == 2:
        before, now = timings
        per_test = (before.seconds / before.ran) / (now.seconds / now.ran) if before.ran and now.ran else 0.0
        print(f"speedup_total={before.seconds / now.seconds:.2f} speedup_per_test={per_test:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
