"""Change between waves and between segments: tested only on published numbers, corrected for many themes."""

from __future__ import annotations

import pandas as pd

from analysis.trends import compare_consecutive, compare_to_rest


def answers(counts: dict[str, dict[str, int]]) -> pd.DataFrame:
    """One row per respondent from ``{wave: {theme: respondents}}``."""
    rows = [(wave, theme) for wave, themes in counts.items() for theme, n in themes.items() for _ in range(n)]
    return pd.DataFrame(rows, columns=["wave", "theme"])


def by_theme(comparisons):
    return {c.outcome: c for c in comparisons}


def test_a_real_rise_is_growing_a_wobble_is_steady_and_a_fall_is_fading():
    frame = answers({"Spring": {"Childcare": 20, "Transport": 40, "Pay": 40},
                     "Fall": {"Childcare": 60, "Transport": 42, "Pay": 8}})
    result = by_theme(compare_consecutive(frame, "wave", "theme", order=["Spring", "Fall"]))
    assert result["Childcare"].marker == "growing" and result["Childcare"].q_value < 0.05
    assert result["Transport"].marker == "steady"
    assert result["Pay"].marker == "fading"
    assert result["Childcare"].before_share == 0.2 and round(result["Childcare"].after_share, 3) == 0.545


def test_a_theme_nobody_raised_before_is_new():
    frame = answers({"Spring": {"Pay": 50, "Transport": 50}, "Fall": {"Pay": 40, "Transport": 40, "Housing": 25}})
    assert by_theme(compare_consecutive(frame, "wave", "theme", order=["Spring", "Fall"]))["Housing"].marker == "new"


def test_nothing_is_tested_on_a_hidden_count_or_a_tiny_wave():
    frame = answers({"Spring": {"Pay": 50, "Transport": 47, "Housing": 3},
                     "Fall": {"Pay": 2, "Transport": 1}})
    result = compare_consecutive(frame, "wave", "theme", order=["Spring", "Fall"])
    assert {c.marker for c in result} == {"not enough answers to tell"}
    assert all(c.p_value is None and c.after_count is None for c in result)  # the tiny wave shows nothing
    housing = by_theme(result)["Housing"]
    assert housing.before_count is None  # 3 is hidden, and so untested


def test_small_expected_counts_use_an_exact_test_and_a_wave_without_answers_is_untested():
    frame = answers({"Spring": {"Pay": 95, "Transport": 5}, "Fall": {"Pay": 80, "Transport": 20}})
    transport = by_theme(compare_consecutive(frame, "wave", "theme", order=["Spring", "Summer", "Fall"]))
    result = compare_consecutive(frame, "wave", "theme", order=["Spring", "Fall"])
    assert 0 < by_theme(result)["Transport"].p_value < 0.01
    assert transport["Transport"].marker == "not enough answers to tell"  # Spring -> Summer: nobody answered


def test_many_themes_raise_the_bar_so_one_borderline_change_is_not_called_growing():
    base = {f"Theme {i}": 10 for i in range(10)}
    frame = answers({"Spring": base, "Fall": {**base, "Theme 0": 18}})
    result = by_theme(compare_consecutive(frame, "wave", "theme", order=["Spring", "Fall"]))
    assert result["Theme 0"].p_value < result["Theme 0"].q_value
    assert result["Theme 0"].marker == "steady"


def test_a_segment_is_compared_with_everyone_else():
    frame = pd.DataFrame({
        "language": ["es"] * 60 + ["en"] * 140,
        "theme": ["Childcare"] * 30 + ["Pay"] * 30 + ["Childcare"] * 20 + ["Pay"] * 120,
    })
    result = by_theme(compare_to_rest(frame, "language", "theme", focus="es"))
    assert result["Childcare"].marker == "growing" and result["Childcare"].after == "es"
    assert result["Childcare"].before == "Everyone else" and result["Childcare"].before_total == 140
