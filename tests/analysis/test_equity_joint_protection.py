"""Headline counts and every breakdown of them protected as one publication (``protect_breakdowns``).

The audit is independent of the protection code: a linear program that knows every number printed in
all the tables at once (with the outcome totals as one set of unknowns shared by every table) must
not be able to pin any small count, in any table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from analysis.equity import (
    Lens,
    crosstab,
    fold_small_outcomes,
    protect_breakdowns,
)

Entry = tuple[int, int, int]  # (table, row, column); row -1 / column -1 are totals


def published_entries(result) -> tuple[dict[Entry, float | None], list[tuple[int, int]]]:
    """Every entry of every table (with totals), ``None`` where hidden, and each table's shape."""
    entries: dict[Entry, float | None] = {}
    shapes = []
    for t, (_, breakdown) in enumerate(result.tables):
        counts = breakdown.counts.to_numpy(dtype=object)
        n_rows, n_columns = counts.shape
        shapes.append((n_rows, n_columns))
        for r in range(n_rows):
            for c in range(n_columns):
                entries[(t, r, c)] = None if pd.isna(counts[r, c]) else float(counts[r, c])
            value = breakdown.row_totals.iloc[r]
            entries[(t, r, n_columns)] = None if pd.isna(value) else float(value)
        for c in range(n_columns):
            value = breakdown.column_totals.iloc[c]
            entries[(t, n_rows, c)] = None if pd.isna(value) else float(value)
        entries[(t, n_rows, n_columns)] = None if breakdown.grand_total is None else float(breakdown.grand_total)
    return entries, shapes


def joint_range(result, headline: pd.Series, headline_total: int | None, entry: Entry) -> tuple[float, float]:
    """The smallest and largest value a reader of every printed number can give a hidden entry."""
    entries, shapes = published_entries(result)
    # Outcome totals and the grand total are one unknown each, shared by all tables and the headline.
    def key(t: int, r: int, c: int):
        n_rows, _ = shapes[t]
        return ("total", c) if r == n_rows else (t, r, c)

    unknowns: dict[object, int] = {}
    for (t, r, c), value in entries.items():
        if value is None:
            unknowns.setdefault(key(t, r, c), len(unknowns))
    values = {key(t, r, c): v for (t, r, c), v in entries.items() if v is not None}
    for c, count in enumerate(list(headline) + [headline_total]):
        if count is not None and not pd.isna(count):
            values[("total", c)] = float(count)
    equations, targets = [], []

    def add(terms: list[tuple[object, float]]) -> None:
        row, target = np.zeros(len(unknowns)), 0.0
        for name, sign in terms:
            if name in values:
                target -= sign * values[name]
            else:
                row[unknowns[name]] += sign
        equations.append(row)
        targets.append(target)

    for t, (n_rows, n_columns) in enumerate(shapes):
        for r in range(n_rows + 1):
            add([(key(t, r, c), 1.0) for c in range(n_columns)] + [(key(t, r, n_columns), -1.0)])
        for c in range(n_columns + 1):
            add([(key(t, r, c), 1.0) for r in range(n_rows)] + [(key(t, n_rows, c), -1.0)])
    for name, value in values.items():  # a shown value pins its unknown if it was hidden elsewhere
        if name in unknowns:
            row = np.zeros(len(unknowns))
            row[unknowns[name]] = 1.0
            equations.append(row)
            targets.append(value)
    objective = np.zeros(len(unknowns))
    objective[unknowns[key(*entry)]] = 1.0
    a, b = np.array(equations), np.array(targets)
    low = linprog(objective, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
    high = linprog(-objective, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
    assert low.status == 0 and high.status in (0, 3)
    return low.fun, (np.inf if high.status == 3 else -high.fun)


units = st.lists(
    st.tuples(st.sampled_from("ABCD"), st.sampled_from("wxyz"), st.sampled_from("pq r")),
    min_size=0, max_size=70,
)


def frames(rows: list[tuple[str, str, str]]) -> tuple[pd.DataFrame, list[Lens]]:
    frame = pd.DataFrame(rows, columns=["outcome", "language", "partner"])
    return frame, [Lens("Language", frame, "language"), Lens("Partner", frame, "partner")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=units, threshold=st.integers(2, 6))
def test_no_small_count_can_be_solved_from_all_printed_numbers_together(rows, threshold):
    frame, lenses = frames(rows)
    result = protect_breakdowns(frame, "outcome", lenses, threshold=threshold, outcomes=list("ABCD"))
    truth = {name: pd.crosstab(frame[lens.group], frame["outcome"]) for name, lens in
             zip(["Language", "Partner"], lenses, strict=True)}
    for t, (name, breakdown) in enumerate(result.tables):
        # the shared totals are printed identically in every table and in the headline
        assert list(breakdown.column_totals) == list(result.totals.counts)
        assert breakdown.grand_total == result.totals.total
        for r, group in enumerate(breakdown.counts.index):
            for c, outcome in enumerate(breakdown.counts.columns):
                shown = breakdown.counts.at[group, outcome]
                if group not in truth[name].index:  # the combined row of small groups
                    continue
                true = int(truth[name].at[group, outcome]) if outcome in truth[name].columns else 0
                if not pd.isna(shown):
                    assert shown == true and not 0 < shown < threshold
                    continue
                group_size = int(truth[name].loc[group].sum())
                if 0 < true < threshold or 0 < group_size < threshold and true > 0:
                    low, high = joint_range(result, result.totals.counts, result.totals.total, (t, r, c))
                    assert low < true - 1e-6 and high > true + 1e-6, f"{name} {group}/{outcome}={true} in [{low}, {high}]"


def test_a_small_outcome_total_is_hidden_alike_in_the_headline_and_every_table():
    rows = ([("A", "en", "p")] * 20 + [("B", "en", "p")] * 2 + [("B", "es", "q")] * 1 + [("C", "es", "q")] * 9
            + [("A", "es", "q")] * 6)
    frame = pd.DataFrame(rows, columns=["outcome", "language", "partner"])
    result = protect_breakdowns(frame, "outcome", [Lens("Language", frame, "language"),
                                                   Lens("Partner", frame, "partner")], threshold=5)
    headline = tuple(result.totals.counts.isna())
    assert headline[1] and sum(headline) >= 2  # B (3) is hidden, and so is one more, or B = 38 - A - C
    assert all(tuple(breakdown.column_totals.isna()) == headline for _, breakdown in result.tables)
    assert result.totals.total == 38


def test_headline_equals_a_lone_crosstab_when_nothing_is_small():
    frame = pd.DataFrame({"outcome": ["A"] * 12 + ["B"] * 7, "language": ["en"] * 19})
    result = protect_breakdowns(frame, "outcome", [Lens("Language", frame, "language")], threshold=5)
    alone = crosstab(frame, "language", "outcome", threshold=5)
    assert result.tables[0][1].counts.equals(alone.counts)
    assert list(result.totals.counts) == [12, 7] and result.totals.total == 19


def test_a_lens_that_counts_a_unit_twice_must_say_so():
    frame = pd.DataFrame({"outcome": ["A"] * 6, "response": range(6)})
    twice = pd.concat([frame, frame]).assign(group=["x"] * 6 + ["y"] * 6)
    with pytest.raises(ValueError, match="one_group_per_unit"):
        protect_breakdowns(frame, "outcome", [Lens("Race", twice, "group")], threshold=5)
    result = protect_breakdowns(frame, "outcome", [Lens("Race", twice, "group", one_group_per_unit=False)],
                                threshold=5)
    assert result.totals.counts["A"] == 6 and result.tables[0][1].grand_total == 12


def test_small_outcomes_fold_with_the_always_ones_until_the_fold_is_not_small():
    sizes = {"a": 40, "b": 3, "c": 6, "other": 1, "d": 9}
    assert fold_small_outcomes(sizes, 5, always=["other"]) == {"b", "other", "c"}
    assert fold_small_outcomes({"a": 40, "b": 9}, 5, always=["other"]) == set()


# ------------------------------------------------------------------------------ number questions


def test_a_lone_extreme_answer_is_never_printed():
    from analysis.equity import number_summary

    wages = [18.0, 19.5, 20.0, 21.0, 22.0, 22.5] * 10 + [283.5]  # one impossible starting pay
    summary = number_summary(wages, 5)
    # 5% of 61 answers is 3 people: the top end is the 91st percentile, with 5 answers at or above it
    assert summary.n == 61 and summary.high_label == "91st percentile" and summary.high < 100
    assert summary.low_label == "Lowest" and summary.low == 18.0  # ten people gave exactly 18
    assert 283.5 not in (summary.low, summary.high, summary.median, summary.lower_quartile,
                         summary.upper_quartile) and all(e < 283.5 for e in summary.edges)
    assert summary.bin_of(pd.Series([283.5])).iloc[0] == summary.bins[-1]  # counted in the open top bin


def test_quartiles_need_enough_answers_on_each_side():
    from analysis.equity import number_summary

    small = number_summary(list(range(1, 13)), 5)  # 12 answers: 3 below the lower quartile
    assert small.median is not None and small.lower_quartile is None and small.upper_quartile is None
    assert number_summary([1, 2, 3, 4], 5).n is None  # fewer than the threshold: nothing at all


def test_bins_are_round_and_cover_every_answer():
    from analysis.equity import number_summary

    hires = pd.Series([0, 1, 2, 2, 3, 5, 5, 8, 10, 12, 15, 20, 25, 40, 40, 40, 40, 40, 60, 900])
    summary = number_summary(hires, 5)
    assert all(float(edge).is_integer() for edge in summary.edges)
    assert summary.bin_of(hires).notna().all() and set(summary.bin_of(hires)) <= set(summary.bins)
