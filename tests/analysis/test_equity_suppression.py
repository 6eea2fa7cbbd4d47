"""Small-cell suppression for the equity lens: worked examples, then properties over random tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from analysis.equity import (
    MISSING_LABEL,
    SMALL_GROUPS_LABEL,
    SUPPRESSED_TEXT,
    Breakdown,
    crosstab,
    distribution,
    numeric_summary,
)


def long_frame(table: dict[object, dict[object, int]], group: str = "language", outcome: str = "theme"):
    """One row per unit from ``{group: {outcome: count}}``."""
    rows = [
        {group: g, outcome: o} for g, counts in table.items() for o, n in counts.items() for _ in range(n)
    ]
    return pd.DataFrame(rows, columns=[group, outcome])


def protect(matrix: np.ndarray, threshold: int) -> Breakdown:
    """Crosstab of a random table, keeping its all-zero rows and columns."""
    groups = [f"g{i}" for i in range(matrix.shape[0])]
    outcomes = [f"o{j}" for j in range(matrix.shape[1])]
    frame = long_frame(
        {g: dict(zip(outcomes, map(int, row), strict=True)) for g, row in zip(groups, matrix, strict=True)}
    )
    return crosstab(frame, "language", "theme", threshold=threshold, groups=groups, outcomes=outcomes)


def full_table(breakdown: Breakdown) -> np.ndarray:
    """The published table with margins, ``nan`` where hidden."""
    counts = breakdown.counts.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    rows = breakdown.row_totals.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    columns = breakdown.column_totals.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    grand = np.nan if breakdown.grand_total is None else breakdown.grand_total
    return np.block([[counts, rows[:, None]], [columns[None, :], np.array([[grand]])]])


def true_table(matrix: np.ndarray) -> np.ndarray:
    return np.block(
        [
            [matrix, matrix.sum(axis=1, keepdims=True)],
            [matrix.sum(axis=0, keepdims=True), np.array([[matrix.sum()]])],
        ]
    ).astype(float)


def lines(shape: tuple[int, int]):
    """Each row and column of a table with margins, as index arrays; the last entry is the total."""
    n_rows, n_columns = shape
    for r in range(n_rows):
        yield np.full(n_columns, r), np.arange(n_columns)
    for c in range(n_columns):
        yield np.arange(n_rows), np.full(n_rows, c)


def feasible_range(published: np.ndarray, entry: tuple[int, int]) -> tuple[float, float]:
    """The smallest and largest value a reader can give a hidden entry, knowing counts are >= 0."""
    hidden = [tuple(p) for p in np.argwhere(np.isnan(published))]
    index = {p: i for i, p in enumerate(hidden)}
    equations, targets = [], []
    for rows, columns in lines(published.shape):
        coefficients = np.zeros(len(hidden))
        target = 0.0
        for k, (r, c) in enumerate(zip(rows, columns, strict=True)):
            sign = -1.0 if k == len(rows) - 1 else 1.0  # cells minus total = 0
            if (r, c) in index:
                coefficients[index[(r, c)]] += sign
            else:
                target -= sign * published[r, c]
        equations.append(coefficients)
        targets.append(target)
    objective = np.zeros(len(hidden))
    objective[index[entry]] = 1.0
    low = linprog(
        objective, A_eq=np.array(equations), b_eq=np.array(targets), bounds=(0, None), method="highs"
    )
    high = linprog(
        -objective, A_eq=np.array(equations), b_eq=np.array(targets), bounds=(0, None), method="highs"
    )
    assert low.status == 0 and high.status in (0, 3)  # 3: unbounded, e.g. when everything is hidden
    return low.fun, (np.inf if high.status == 3 else -high.fun)


# ------------------------------------------------------------------------------------ worked examples


@pytest.fixture
def survey() -> pd.DataFrame:
    return long_frame(
        {
            "English": {"transport": 12, "childcare": 3, "pay": 9},
            "Spanish": {"transport": 6, "childcare": 7, "pay": 0},
            "Vietnamese": {"transport": 2, "childcare": 1, "pay": 0},
            None: {"transport": 5, "childcare": 5, "pay": 5},
        }
    )


def test_small_cells_and_small_groups_are_hidden_and_complements_added(survey):
    breakdown = crosstab(survey, "language", "theme")

    assert pd.isna(breakdown.counts.at["English", "childcare"])  # 3 < 5
    assert breakdown.counts.loc["Vietnamese"].isna().all()  # a group of 3, zeros included
    assert pd.isna(breakdown.row_totals["Vietnamese"])
    # English hid one cell, so a second one goes too; its total stays.
    assert breakdown.suppressed.loc["English"].sum() >= 2
    assert breakdown.row_totals["English"] == 24
    # Spanish needs no protection and loses nothing; its zero is shown.
    assert breakdown.counts.loc["Spanish"].tolist() == [7, 0, 6]
    assert breakdown.grand_total == 55


def test_missing_answers_are_their_own_group_labelled_and_last(survey):
    breakdown = crosstab(survey, "language", "theme")

    assert breakdown.counts.index[-1] == MISSING_LABEL
    assert breakdown.grand_total == len(survey)


def test_empty_text_and_nan_count_as_missing_but_prefer_not_to_say_is_kept():
    frame = pd.DataFrame(
        {
            "gender": ["Woman"] * 6 + ["Prefer not to say"] * 5 + ["", "  ", None, float("nan"), pd.NA],
            "theme": ["pay"] * 16,
        }
    )
    breakdown = crosstab(frame, "gender", "theme")

    assert breakdown.row_totals.to_dict() == {"Prefer not to say": 5, "Woman": 6, MISSING_LABEL: 5}


def test_published_shares_use_only_published_numbers(survey):
    breakdown = crosstab(survey, "language", "theme")

    shares = breakdown.shares
    assert shares.at["Spanish", "childcare"] == pytest.approx(7 / 13)
    assert np.isnan(shares.loc["Vietnamese"]).all()
    assert np.isnan(shares.at["English", "childcare"])
    assert breakdown.overall_shares["transport"] == pytest.approx(25 / 55)
    assert np.isnan(breakdown.group_shares["Vietnamese"])


def test_render_shows_one_label_for_every_hidden_entry(survey):
    table = crosstab(survey, "language", "theme").render(shares=True)

    assert table.at["Vietnamese", "Total"] == SUPPRESSED_TEXT
    assert table.at["English", "childcare"] == SUPPRESSED_TEXT
    assert table.at["Spanish", "childcare"] == "7 (54%)"
    assert table.at["Total", "Total"] == "55 (100%)"
    assert set(table.stack()) - {SUPPRESSED_TEXT} <= {v for v in table.stack() if v[0].isdigit()}


def test_render_label_can_be_changed_and_note_explains_it(survey):
    breakdown = crosstab(survey, "language", "theme", threshold=5)

    assert (breakdown.render(label="*") == "*").any().any()
    assert "fewer than 5" in breakdown.note


def test_total_label_never_collides_with_a_group_called_total():
    frame = long_frame({"Total": {"a": 6, "b": 7}, "Other": {"a": 8, "b": 9}})
    table = crosstab(frame, "language", "theme").render()

    assert list(table.index) == ["Other", "Total", "Total (all)"]
    assert table.at["Total (all)", "Total (all)"] == "30"


def test_explicit_order_shows_options_nobody_chose_as_zero():
    frame = long_frame({"English": {"yes": 9, "no": 6}})
    breakdown = crosstab(
        frame, "language", "theme", groups=["Spanish", "English"], outcomes=["yes", "maybe", "no"]
    )

    assert list(breakdown.counts.index) == ["Spanish", "English"]
    assert list(breakdown.counts.columns) == ["yes", "maybe", "no"]
    assert breakdown.counts.loc["Spanish"].tolist() == [0, 0, 0]
    assert breakdown.counts.at["English", "maybe"] == 0


def test_the_callers_frame_is_not_modified(survey):
    before = survey.copy()
    crosstab(survey, "language", "theme")

    pd.testing.assert_frame_equal(survey, before)
    assert survey.equals(before)


def test_fewer_than_threshold_in_all_hides_everything():
    breakdown = crosstab(long_frame({"a": {"x": 2, "y": 2}}), "language", "theme")

    assert breakdown.grand_total is None
    assert breakdown.counts.isna().all().all()


def test_to_long_is_ready_for_exports(survey):
    long = crosstab(survey, "language", "theme").to_long()

    assert list(long.columns) == ["group", "outcome", "count", "share", "suppressed"]
    assert long["count"].dtype == "Int64"
    assert (long["suppressed"] == long["count"].isna()).all()


@pytest.mark.parametrize("threshold", [0, -1, 2.5, True, "5"])
def test_threshold_must_be_a_positive_whole_number(survey, threshold):
    with pytest.raises(ValueError, match="threshold"):
        crosstab(survey, "language", "theme", threshold=threshold)


def test_unknown_column_names_the_columns_there_are(survey):
    with pytest.raises(ValueError, match="'lang'.*'language', 'theme'"):
        crosstab(survey, "lang", "theme")


def test_a_list_is_not_a_frame():
    with pytest.raises(TypeError, match="DataFrame"):
        crosstab([{"a": 1}], "a", "b")


def test_small_groups_can_be_combined_into_one_labelled_group():
    frame = long_frame(
        {
            "English": {"transport": 30, "pay": 20},
            "Spanish": {"transport": 12, "pay": 9},
            "Vietnamese": {"transport": 2, "pay": 1},
            "Somali": {"transport": 1, "pay": 2},
        }
    )
    suppressed = crosstab(frame, "language", "theme")
    combined = crosstab(frame, "language", "theme", small_groups="combine")

    label = SMALL_GROUPS_LABEL.format(threshold=5)
    assert list(combined.counts.index) == ["English", "Spanish", label]
    assert combined.counts.loc[label].isna().all()  # 3 and 3: each below 5, but the group of 6 is shown
    assert combined.row_totals[label] == 6
    assert combined.suppressed.to_numpy().sum() < suppressed.suppressed.to_numpy().sum()
    assert combined.grand_total == suppressed.grand_total == 77


def test_small_groups_must_be_suppress_or_combine(survey):
    with pytest.raises(ValueError, match="small_groups"):
        crosstab(survey, "language", "theme", small_groups="drop")


# -------------------------------------------------------------------------------------- distribution


def test_distribution_hides_small_values_and_one_more():
    answers = pd.Series(["agree"] * 7 + ["neutral"] * 2 + ["disagree"] * 9 + [None] * 6, name="q1")
    result = distribution(answers, 5)

    assert result.total == 24
    assert pd.isna(result.counts["neutral"])
    assert result.suppressed.sum() == 2  # neutral alone would be 24 - 7 - 9 - 6
    assert pd.isna(result.counts[MISSING_LABEL])  # the next-smallest count (6)
    assert result.counts[["agree", "disagree"]].tolist() == [7, 9]
    assert result.render()["Total"] == "24"


def test_distribution_keeps_the_question_order_and_zero_options():
    answers = pd.Series([1] * 6 + [5] * 8)
    result = distribution(answers, 5, categories=[1, 2, 3, 4, 5])

    assert result.counts.tolist() == [6, 0, 0, 0, 8]
    assert result.shares[5] == pytest.approx(8 / 14)


def test_distribution_of_a_small_question_shows_nothing():
    result = distribution(["a", "b", "a"], 5)

    assert result.total is None
    assert result.counts.isna().all()


# ------------------------------------------------------------------------------------ numeric summary


def test_numeric_summary_shows_statistics_only_for_groups_shown():
    frame = pd.DataFrame(
        {
            "partner": ["college"] * 8 + ["board"] * 6 + ["cbo"] * 2 + ["college", "board"],
            "wage": list(range(16)) + ["n/a", None],
        }
    )
    summary = numeric_summary(frame, "partner", "wage")

    table = summary.table
    assert pd.isna(table.at["cbo", "n"]) and pd.isna(table.at["cbo", "mean"])
    # cbo alone would be overall n minus the others, so a second group is hidden with it.
    assert table["n"].isna().sum() == 2
    shown = table.dropna()
    assert len(shown) == 1
    assert summary.overall_n == 16
    assert summary.overall_mean == pytest.approx(7.5)
    assert summary.not_numeric is None  # 2 answers: a count below the threshold


def test_numeric_summary_medians():
    frame = pd.DataFrame({"g": ["a"] * 5 + ["b"] * 5, "v": [1, 2, 3, 4, 100, 5, 5, 5, 5, 5]})
    summary = numeric_summary(frame, "g", "v")

    assert summary.table.at["a", "median"] == 3
    assert summary.table.at["a", "mean"] == pytest.approx(22)
    assert summary.overall_median == 5


# ----------------------------------------------------------------------------------------- properties

matrices = (
    st.integers(1, 6)
    .flatmap(
        lambda rows: st.integers(1, 6).flatmap(
            lambda columns: st.lists(
                st.lists(
                    st.one_of(st.integers(0, 4), st.integers(0, 25)), min_size=columns, max_size=columns
                ),
                min_size=rows,
                max_size=rows,
            )
        )
    )
    .map(lambda rows: np.array(rows, dtype=np.int64))
)

thresholds = st.integers(2, 11)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matrix=matrices, threshold=thresholds)
def test_published_numbers_are_true_and_never_small(matrix, threshold):
    published = full_table(protect(matrix, threshold))
    truth = true_table(matrix)

    shown = ~np.isnan(published)
    # (c) what is shown is the true count
    assert np.array_equal(published[shown], truth[shown])
    # (a) nothing shown lies strictly between 0 and the threshold
    assert not ((published[shown] > 0) & (published[shown] < threshold)).any()
    # (d) a group below the threshold shows nothing at all: no total, no count, no zero, except the
    # zeros of an outcome nobody gave (its shown total of 0 says so already)
    small_groups = (truth[:-1, -1] > 0) & (truth[:-1, -1] < threshold)
    assert not shown[:-1, -1][small_groups].any()
    nobody = truth[-1, :] == 0
    assert not shown[:-1][small_groups][:, ~nobody].any()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matrix=matrices, threshold=thresholds)
# Found by CI: a zero was hidden to protect its column although its row showed a total of 0, so the
# row held exactly one hidden entry (a known zero) and the column one protector fewer than it seemed.
@example(matrix=np.array([[0, 0, 0, 0], [0, 1, 0, 1], [0, 1, 2, 0]]), threshold=2)
def test_no_line_leaves_one_hidden_entry_or_a_small_hidden_sum(matrix, threshold):
    published = full_table(protect(matrix, threshold))
    truth = true_table(matrix)

    for rows, columns in lines(published.shape):
        hidden = np.isnan(published[rows, columns])
        # (b) one hidden entry in a line equals its total minus the shown ones
        assert hidden.sum() != 1
        if hidden.any() and not hidden[-1] and truth[rows[-1], columns[-1]] > 0:
            # what the reader can compute: the hidden entries' sum, never a small number
            assert truth[rows, columns][:-1][hidden[:-1]].sum() >= threshold


def sensitive_entries(matrix: np.ndarray, threshold: int) -> np.ndarray:
    """What must stay unknown: small counts and totals, and every entry of a small group (except zeros
    of an outcome nobody gave, which its total of 0 shows)."""
    truth = true_table(matrix)
    sensitive = (truth > 0) & (truth < threshold)
    small_groups = (truth[:-1, -1] > 0) & (truth[:-1, -1] < threshold)
    sensitive[:-1][small_groups] = True
    sensitive[:, truth[-1, :] == 0] = False
    return sensitive


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matrix=matrices, threshold=thresholds)
def test_no_sensitive_count_can_be_solved_from_the_shown_numbers(matrix, threshold):
    published = full_table(protect(matrix, threshold))
    truth = true_table(matrix)

    for r, c in np.argwhere(sensitive_entries(matrix, threshold)):
        low, high = feasible_range(published, (r, c))
        value = truth[r, c]
        if value > 0:  # it could be smaller and it could be larger
            assert low < value - 1e-6 and high > value + 1e-6, f"{(r, c)} = {value} in [{low}, {high}]"
        else:  # a hidden zero of a small group could be more
            assert high > 1e-6, f"{(r, c)} = 0 is pinned"


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.sampled_from(["a", "b", "c", "d", None]), max_size=60), threshold=thresholds)
def test_distribution_properties(values, threshold):
    result = distribution(pd.Series(values, dtype=object), threshold)
    truth = pd.Series(["Not answered" if v is None else v for v in values], dtype=object).value_counts()

    shown = result.counts.dropna()
    assert all(shown[v] == truth.get(v, 0) for v in shown.index)
    assert not ((shown > 0) & (shown < threshold)).any()
    if result.total is not None:
        assert result.total == len(values)
        assert result.suppressed.sum() != 1
        hidden_sum = sum(truth[v] for v in result.counts.index[result.suppressed])
        assert hidden_sum == 0 or hidden_sum >= threshold
    else:
        assert result.counts.isna().all() or len(values) == 0


# ------------------------------------------------------------------------------------- package rules


def test_equity_imports_no_web_or_collection_code():
    code = (
        "import sys, analysis.equity; "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "{'flask', 'flask_sqlalchemy', 'sqlalchemy', 'wtforms', 'surveys', 'feedback'}]; "
        "print(','.join(bad))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stdout.strip() == ""
