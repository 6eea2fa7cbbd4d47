"""Every respondent page of every template, in both languages, stays within 30 KB (HTML + CSS)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "page_weight.py"


def test_every_page_is_within_the_budget():
    spec = importlib.util.spec_from_file_location("page_weight", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    pages = module.run()
    assert len({(p.template, p.language) for p in pages}) == 12  # 5 templates and "(any)", x 2 languages
    over = [p for p in pages if p.total > module.BUDGET]
    assert not over, over
    # Every page of every template was visited, conditional ones included.
    names = {(p.template, p.name) for p in pages if p.language == "es"}
    assert ("career_seeker_needs", "page 3 barriers_more") in names
    assert ("career_seeker_needs", "page 5 services_feedback") in names
