"""What staff notice while working through the demo: exports they can find, curation that keeps their
place, the right report by default, names instead of codes, context for screen readers, staff error
pages, and a confirmation before a survey closes."""

from __future__ import annotations

import re
import shlex

from feedback.demo.loader import load_demo


def test_the_create_user_example_names_the_demo_partnership_and_works(db, runner):
    slug = load_demo(seed=1, scale=0.05).partnership.slug
    db.session.commit()
    help_text = runner.invoke(args=["create-user", "--help"]).output
    example = next(line.strip() for line in help_text.splitlines() if line.strip().startswith("chorus create-user"))
    assert f"--partnership {slug}" in example
    result = runner.invoke(args=[*shlex.split(example)[1:], "--password", "a long enough password"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Created admin me@example\.org", result.output)
