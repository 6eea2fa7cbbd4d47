"""How long a theme report takes to render from stored results, for a question with many answers.

Builds a career-seeker survey (the built-in template) with N synthetic responses — an open-ended
barriers answer and demographic answers each — runs the theme engine once as a stored job, then
times GET requests of the report page through the full Flask stack. A small question (1,000
answers) is timed in the same run as the baseline.

    python benchmarks/report.py [--answers 100000] [--repeat 7]

Uses a temporary SQLite file unless DATABASE_URL is set. The last line reads
``answers=<N> render_ms=<median>``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from feedback import create_app
from feedback.accounts import add_user
from feedback.jobs import execute_theme_run
from feedback.models import Role, ThemeRun
from surveys.db import db
from surveys.definition import load_template
from surveys.demo import open_answers
from surveys.models import Answer, Partnership, Response
from surveys.services import create_survey

PASSWORD = "benchmark password"


def build(n_answers: int, slug: str, partnership: Partnership, rng: random.Random) -> tuple[str, str]:
    """A survey with ``n_answers`` responses, inserted in bulk; returns (survey slug, question key)."""
    survey = create_survey(partnership, load_template("career_seeker_needs"), slug=slug)
    db.session.flush()
    wave = survey.current_wave
    text_question = next(q for q in survey.questions if q.type == "long_text")
    demographics = [q for q in survey.questions if q.demographic and q.options][:4]
    pool = [text for text, _ in open_answers("career_barriers", 4000, rng, spanish_share=0.2)]
    sources = [None, "wdb", "college", "community-center"]
    batch = 5000
    for start in range(0, n_answers, batch):
        count = min(batch, n_answers - start)
        first_id = (db.session.scalar(sa.select(sa.func.max(Response.id))) or 0) + 1
        db.session.execute(sa.insert(Response), [
            {"id": first_id + i, "public_id": f"{slug[:8]}{start + i:024d}", "survey_id": survey.id,
             "wave_id": wave.id, "language": rng.choice(["en", "en", "en", "es"]), "source": rng.choice(sources),
             "complete": True, "idempotency_key": None}
            for i in range(count)
        ])
        rows = [{"response_id": first_id + i, "question_id": text_question.id, "wave_id": wave.id,
                 "option_key": "", "value_text": rng.choice(pool)} for i in range(count)]
        for question in demographics:
            keys = [o["key"] for o in question.options]
            weights = [1.0 / (1 + 0.6 * j) for j in range(len(keys))]
            rows += [{"response_id": first_id + i, "question_id": question.id, "wave_id": wave.id,
                      "option_key": rng.choices(keys, weights)[0], "value_text": None} for i in range(count)]
        db.session.execute(sa.insert(Answer), rows)
    db.session.commit()
    run = ThemeRun(survey=survey, question=text_question, wave=None, parameters={"random_state": 0})
    db.session.add(run)
    db.session.commit()
    started = time.perf_counter()
    execute_theme_run(run.id)
    print(f"  built {n_answers:,} answers; theme run took {time.perf_counter() - started:.1f} s "
          f"({db.session.get(ThemeRun, run.id).message})", flush=True)
    return slug, text_question.key


def time_report(client, slug: str, key: str, repeat: int) -> list[float]:
    url = f"/staff/surveys/{slug}/questions/{key}/report"
    first = client.get(url)
    assert first.status_code == 200, first.status_code
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        response.get_data()
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="chorus-report-bench-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir}/bench.db"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "INSTANCE_PATH": str(workdir),
                      "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False, "THEMES_REPRESENTATION": "tfidf"})
    rng = random.Random(1)
    with app.app_context():
        db.drop_all()
        db.create_all()
        partnership = Partnership(slug="bench", name="Benchmark partnership")
        db.session.add(partnership)
        db.session.flush()
        add_user("bench@example.org", partnership, Role.ADMIN, PASSWORD)
        db.session.commit()
        print(f"database: {db.engine.url.render_as_string(hide_password=True)}", flush=True)
        small = build(args.baseline, "bench-small", partnership, rng)
        large = build(args.answers, "bench-large", partnership, rng)
        db.session.remove()

    client = app.test_client()
    client.post("/staff/login", data={"email": "bench@example.org", "password": PASSWORD})
    baseline = time_report(client, *small, args.repeat)
    measured = time_report(client, *large, args.repeat)
    print(f"baseline answers={args.baseline} render_ms={statistics.median(baseline):.0f} "
          f"(min {min(baseline):.0f}, max {max(baseline):.0f})")
    print(f"answers={args.answers} render_ms={statistics.median(measured):.0f} "
          f"(min {min(measured):.0f}, max {max(measured):.0f})")
    print(f"answers={args.answers} render_ms={statistics.median(measured):.0f}")


if __name__ == "__main__":
    main()
