"""Bytes and render time of the public "you said, we did" page on the demo, in both languages.

The demo is loaded, themes are found for every open-ended question (all waves), and the two
best-fitting answers of every theme the page lists are published as quotes: the fullest the page
gets. Bytes count the HTML plus every stylesheet it links, as ``page_weight.py`` counts respondent
pages (budget 30 KB); the script exits with status 1 when a language is over it.

    python benchmarks/public_page.py [--scale 1.0] [--repeat 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BUDGET = 30_000


def build(scale: float):
    from feedback import create_app
    from feedback.demo.loader import load_demo
    from feedback.jobs import start_theme_run
    from feedback.models import PublicQuote, Theme, ThemeAssignment
    from feedback.queries.public import what_we_heard
    from feedback.services import ActionRefused
    from feedback.services.public import publish_run
    from surveys.db import db
    from surveys.models import Survey
    from surveys.question_types import get_type

    folder = tempfile.mkdtemp(prefix="chorus-public-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/public.db", "TESTING": True,
                      "SECRET_KEY": "benchmark", "INSTANCE_PATH": folder, "JOBS_INLINE": True})
    with app.app_context():
        db.create_all()
        partnership = load_demo(seed=2026, scale=scale).partnership
        db.session.commit()
        for survey in db.session.scalars(db.select(Survey)):
            for question in survey.questions:
                if get_type(question.type).summary == "text":
                    run = start_theme_run(survey, question, None, None, {})
                    try:  # staff publish each run: the fullest page
                        publish_run(run, None)
                    except ActionRefused:
                        pass  # a draft survey's run is never public
        db.session.commit()
        for group in what_we_heard(partnership):
            for item in group.questions:
                for heard in item.themes:
                    best = db.session.scalars(
                        db.select(ThemeAssignment.answer_id).join(Theme, Theme.id == ThemeAssignment.theme_id)
                        .where(Theme.lineage_id == heard.lineage_id).order_by(ThemeAssignment.score.desc()).limit(2))
                    db.session.add_all(PublicQuote(lineage_id=heard.lineage_id, answer_id=a) for a in best)
        db.session.commit()
        slug = partnership.slug
    return app, slug


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="demo size (1.0: the demo as `chorus demo` loads it)")
    parser.add_argument("--repeat", type=int, default=5, help="renders timed per language")
    args = parser.parse_args()
    app, slug = build(args.scale)
    client = app.test_client()
    worst = 0
    print(f"{'LANG':4} {'HTML':>7} {'CSS':>6} {'TOTAL':>7} {'MEDIAN MS':>9}")
    for language in ("en", "es"):
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            reply = client.get(f"/p/{slug}?lang={language}")
            times.append((time.perf_counter() - start) * 1000)
            assert reply.status_code == 200, reply.status_code
        html = reply.get_data()
        css = 0
        for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html):
            with client.get(href.decode()) as stylesheet:
                css += len(stylesheet.get_data())
        total = len(html) + css
        worst = max(worst, total)
        print(f"{language:4} {len(html):7,} {css:6,} {total:7,} {statistics.median(times):9.1f}")
    print(f"\nbudget {BUDGET:,} bytes; heaviest {worst:,}")
    return 1 if worst > BUDGET else 0


if __name__ == "__main__":
    sys.exit(main())
