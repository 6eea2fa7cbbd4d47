"""Statements and milliseconds per survey submission, in-process (no HTTP server, no network).

Builds the career-seeker template survey on a temporary SQLite file (or ``--database-url``), then
submits it through the Flask test client two ways and counts what reaches the database:

* the API: one ``POST /api/v1/surveys/<slug>/responses`` with an ``Idempotency-Key``;
* the web form: ``POST`` of each page, the last one with "Send" (the start POST is counted apart).

Run it on two checkouts to compare before and after a change of the hot path::

    python benchmarks/submission_profile.py [--rounds 300] [--database-url postgresql://...]

The last lines read ``path=api statements=N ms=M cpu_ms=C`` and the same for ``path=web_page`` (median
wall and CPU milliseconds; CPU time is the fairer figure on a busy machine).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load_survey import API_ANSWERS, FORM_PAGES, build_survey
from feedback import create_app
from surveys.db import db


class Counter:
    """Statements sent to the database while ``active``."""

    def __init__(self) -> None:
        self.count = 0
        self.active = False

    def __call__(self, *_args) -> None:
        if self.active:
            self.count += 1


def measure(counter: Counter, action: Callable[[], object]) -> tuple[int, float, float]:
    """Statements, wall milliseconds and CPU milliseconds of ``action`` (CPU time barely moves when other
    processes share the machine, wall time does)."""
    counter.count, counter.active = 0, True
    started, cpu = time.perf_counter(), time.process_time()
    action()
    elapsed, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    counter.active = False
    return counter.count, elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/profile.db"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "profile", "INSTANCE_PATH": folder,
                          "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
        with app.app_context():
            db.create_all()
            slug = build_survey(slug="profile")
            db.session.commit()
            counter = Counter()
            event.listen(db.engine, "before_cursor_execute", counter)
        client = app.test_client()
        api: list[tuple[int, float, float]] = []
        pages: list[tuple[int, float, float]] = []
        for n in range(args.rounds):
            api.append(measure(counter, lambda n=n: _api(client, slug, n)))
            browser = app.test_client()
            browser.post(f"/s/{slug}/start")
            for number, data in enumerate(FORM_PAGES, start=1):
                action = "submit" if number == len(FORM_PAGES) else "next"
                pages.append(measure(counter, lambda b=browser, n=number, d=data, a=action:
                                     _page(b, slug, n, d, a)))
        with app.app_context():
            db.drop_all()
            db.engine.dispose()
    for name, samples in (("api", api), ("web_page", pages)):
        warm = samples[len(samples) // 10:]
        print(f"path={name} statements={statistics.mean(s for s, _, _ in warm):.1f} "
              f"ms={statistics.median(ms for _, ms, _ in warm):.2f} cpu_ms={statistics.median(c for _, _, c in warm):.2f}")


def _api(client, slug: str, n: int) -> None:
    reply = client.post(f"/api/v1/surveys/{slug}/responses", json={"answers": API_ANSWERS},
                        headers={"Idempotency-Key": f"profile-{n}"})
    assert reply.status_code == 201, reply.get_data(as_text=True)


def _page(client, slug: str, number: int, data: dict, action: str) -> None:
    reply = client.post(f"/s/{slug}/page/{number}", data={**data, "action": action})
    assert reply.status_code == 302, reply.get_data(as_text=True)[:2000]


if __name__ == "__main__":
    main()
