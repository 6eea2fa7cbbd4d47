"""Change in a theme's (or an answer's) share between waves or between two segments, tested honestly.

A partnership asks "did childcare come up more this fall than in spring?" and "do Spanish speakers raise
it more than English speakers?". Raw counts cannot answer that (waves differ in size) and shares alone
overstate noise in small waves, so each comparison here is a share of the units (respondents) in each
group, with a significance test and a correction for testing many themes at once:

- The counts come from :func:`analysis.equity.crosstab` (groups are the waves or segments, outcomes the
  themes), so every number is already protected; a comparison with a hidden count or total is never
  tested and reads *not enough answers to tell* — the test itself would reveal the hidden cell.
- Two-proportion z-test when every expected count is at least 5, else Fisher's exact test (small waves
  and rare themes). Benjamini–Hochberg across all outcomes of one comparison keeps the share of false
  "growing"/"fading" marks at ``alpha``.
- Markers: *new* (none in the earlier group, enough in the later), *growing* / *fading* (significant
  after correction), *steady* (tested, not significant), *not enough answers to tell*.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from .equity import DEFAULT_THRESHOLD, crosstab

__all__ = ["Comparison", "Marker", "compare_consecutive", "compare_published", "compare_to_rest"]

Marker = Literal["new", "growing", "fading", "steady", "not enough answers to tell"]

UNTESTED: Marker = "not enough answers to tell"


@dataclass(frozen=True)
class Comparison:
    """One outcome's share in two groups (earlier and later wave, or a segment and the rest).

    Counts and totals are the protected published numbers (``None`` where hidden); shares are of the
    group's units. ``p_value`` and ``q_value`` (Benjamini–Hochberg) are ``None`` when not tested.
    """

    outcome: Hashable
    before: Hashable
    after: Hashable
    before_count: int | None
    before_total: int | None
    after_count: int | None
    after_total: int | None
    p_value: float | None
    q_value: float | None
    marker: Marker

    @property
    def before_share(self) -> float | None:
        return _share(self.before_count, self.before_total)

    @property
    def after_share(self) -> float | None:
        return _share(self.after_count, self.after_total)


def compare_consecutive(
    frame: pd.DataFrame,
    group: str,
    outcome: str,
    *,
    order: Sequence[Hashable],
    outcomes: Sequence[Hashable] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    alpha: float = 0.05,
) -> list[Comparison]:
    """Each outcome's change between consecutive groups in ``order`` (waves, oldest first).

    Args:
        frame: One row per unit (a respondent's answer) with the ``group`` and ``outcome`` columns.
        group: Column naming the wave of each unit.
        outcome: Column naming the theme (or option) of each unit.
        order: The waves, oldest first; a wave with no units is kept (its comparisons are untested).
        outcomes: Outcome order; others seen follow, sorted.
        threshold: Smallest published count.
        alpha: False-discovery rate for the growing/fading marks within one pair of waves.

    Returns:
        One :class:`Comparison` per outcome and consecutive pair, pair by pair.
    """
    table = crosstab(frame, group, outcome, threshold=threshold, groups=list(order), outcomes=outcomes)
    result: list[Comparison] = []
    for before, after in pairwise(order):
        result += _compare_rows(table, before, after, threshold, alpha)
    return result


def compare_to_rest(
    frame: pd.DataFrame,
    segment: str,
    outcome: str,
    *,
    focus: Hashable,
    outcomes: Sequence[Hashable] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    alpha: float = 0.05,
    rest_label: str = "Everyone else",
) -> list[Comparison]:
    """Each outcome's share in one segment (``focus``) against everyone else.

    ``after`` is the segment and ``before`` the rest, so *growing* reads "raised more by this segment".
    """
    labelled = frame.assign(**{segment: np.where(frame[segment] == focus, "focus", "rest")})
    table = crosstab(labelled, segment, outcome, threshold=threshold, groups=["rest", "focus"], outcomes=outcomes)
    comparisons = _compare_rows(table, "rest", "focus", threshold, alpha)
    return [
        Comparison(**{**c.__dict__, "before": rest_label, "after": focus}) for c in comparisons
    ]


def compare_published(
    rows: Sequence[tuple[Hashable, int | None, int | None, int | None, int | None]],
    *,
    before: Hashable,
    after: Hashable,
    threshold: int = DEFAULT_THRESHOLD,
    alpha: float = 0.05,
) -> list[Comparison]:
    """Compare numbers another page already published, protected there: ``rows`` are
    ``(outcome, before_count, before_total, after_count, after_total)`` with ``None`` where that page hides
    a number. Nothing is protected again (a second, separate protection of the same counts could hide
    other cells and be subtracted from the first); a row with a hidden number is not tested."""
    return _tested([(outcome, _int(a), _int(n), _int(b), _int(m)) for outcome, a, n, b, m in rows],
                   before, after, threshold, alpha)


def _compare_rows(table, before: Hashable, after: Hashable, threshold: int, alpha: float) -> list[Comparison]:
    counts, totals = table.counts, table.row_totals
    rows = [(outcome, _int(counts.at[before, outcome]), _int(totals.at[before]),
             _int(counts.at[after, outcome]), _int(totals.at[after])) for outcome in counts.columns]
    return _tested(rows, before, after, threshold, alpha)


def _tested(counted: list[tuple[Hashable, int | None, int | None, int | None, int | None]], before: Hashable,
            after: Hashable, threshold: int, alpha: float) -> list[Comparison]:
    rows = []
    for outcome, a, n, b, m in counted:
        testable = None not in (a, n, b, m) and n > 0 and m > 0 and a <= n and b <= m
        rows.append((outcome, a, n, b, m, _p_value(a, n, b, m) if testable else None))
    tested = [p for *_, p in rows if p is not None]
    adjusted = iter(stats.false_discovery_control(tested) if tested else [])
    comparisons = []
    for outcome, a, n, b, m, p in rows:
        q = float(next(adjusted)) if p is not None else None
        comparisons.append(Comparison(outcome, before, after, a, n, b, m, p, q,
                                      _marker(a, n, b, m, q, threshold, alpha)))
    return comparisons


def _p_value(a: int, n: int, b: int, m: int) -> float:
    """Two-sided p-value for a/n versus b/m: z-test when every expected count is at least 5, else
    Fisher's exact test."""
    pooled = (a + b) / (n + m)
    expected = [n * pooled, n * (1 - pooled), m * pooled, m * (1 - pooled)]
    if min(expected) >= 5:
        se = math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m))
        if se == 0:
            return 1.0
        z = (b / m - a / n) / se
        return float(2 * stats.norm.sf(abs(z)))
    return float(stats.fisher_exact([[a, n - a], [b, m - b]]).pvalue)


def _marker(a: int | None, n: int | None, b: int | None, m: int | None, q: float | None,
            threshold: int, alpha: float) -> Marker:
    if q is None:
        return UNTESTED
    if a == 0 and b >= threshold:
        return "new"
    if q < alpha:
        return "growing" if b / m > a / n else "fading"
    return "steady"


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _share(count: int | None, total: int | None) -> float | None:
    return None if count is None or not total else count / total
