"""The equity lens: results broken down by group, with small-cell suppression that holds up to subtraction.

A partnership must see whether a finding is true for every group of people (language, partner source, a
self-described demographic) without ever exposing a small group. Hiding the small cells is not enough:
with row and column totals on the page, one hidden number is the total minus the shown ones. So each
table is protected in three steps, and everything a caller gets back is already safe to publish.

1. **Primary suppression.** Every count ``n`` with ``0 < n < threshold`` is hidden, totals included. A
   group whose total is below the threshold is hidden entirely, zeros too: a shown ``0`` would tell the
   reader what none of those few people said.
2. **Complementary suppression, line by line.** A table with its totals is a set of *lines* (each row
   with its row total, each column with its column total, the row of column totals with the grand
   total, the column of row totals with the grand total), and in each line the cells add up to the
   line's total. In every line that hides anything, at least two entries must be hidden (one hidden
   entry equals the total minus the others), and when the line's total is shown, the hidden entries
   must add up to at least ``threshold`` (otherwise the reader learns that a few people sit somewhere
   among the hidden cells, and with a hidden zero, exactly where). The extra cell hidden is the
   smallest positive shown cell of the line, so as little as possible is lost.
3. **No exact solution across lines.** Two hidden cells per line can still be solved by chaining rows
   and columns. Treat hidden positive entries as edges between their row and their column. A hidden
   entry can be shifted (added to, taken from, alternately around a loop) without changing any total
   exactly when another path of hidden positive entries joins its row to its column; otherwise the shown
   numbers pin it down (for a positive entry: it is a *bridge* of that graph). Every entry hidden in
   step 1 (the *sensitive* ones) must have such a path; where one is missing, the smallest shown entry
   that joins the two sides is hidden, until none is missing. Because the loops consist of positive
   counts, a sensitive count can move both ways (a hidden zero at least upwards), so it stays ambiguous
   even to a reader who knows that counts are never negative. Entries hidden only as complements may be
   pinned: what they would reveal is not small.

Zeros. A true zero is not sensitive, so it is shown as ``0`` and is never chosen to hide another cell
while a positive cell can do it: hiding a zero next to a small cell protects nothing, because the two
hidden cells then add up to exactly the small count. Zeros are hidden only inside a group below the
threshold (see 1), or as a last resort when a line has nothing else left to hide. A line whose total is
a shown ``0`` is never protected further, and its zeros are shown even in a small group: everything in
it is known to be zero.

Every hidden entry is displayed the same way (:data:`SUPPRESSED_TEXT`). Labelling the small cells
"fewer than 5" and the complementary ones differently would tell the reader which hidden cell is which,
and with totals that can pin a count exactly (a hidden 1 beside a hidden 5 in a row of 6).

Shares are computed only from shown numbers; a share whose numerator or denominator is hidden is
missing. Missing answers (``None``, ``NaN``, empty text) become their own group or outcome, labelled
:data:`MISSING_LABEL`, never dropped; an answer such as "Prefer not to say" is kept as the group it is.

Limits, said plainly: a table can still show that *every* member of a shown group gave the same answer
(a row with one positive cell); and the same respondents tabulated in two overlapping tables are
protected table by table, not jointly.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "FOLDED_LABEL",
    "MISSING_LABEL",
    "SMALL_GROUPS_LABEL",
    "SUPPRESSED_TEXT",
    "Breakdown",
    "Distribution",
    "GroupSummary",
    "Lens",
    "NumberSummary",
    "ProtectedBreakdowns",
    "crosstab",
    "distribution",
    "fold_small_outcomes",
    "number_summary",
    "numeric_summary",
    "protect_breakdowns",
    "suppression_note",
    "suppression_reason",
]

DEFAULT_THRESHOLD = 5
"""The smallest count a partnership shows unless it chooses a larger one."""

MISSING_LABEL = "Not answered"
"""The group (or outcome) of units whose answer is missing."""

SMALL_GROUPS_LABEL = "Other groups (fewer than {threshold} each)"
"""Label of the group made of all groups below the threshold, when :func:`crosstab` combines them."""

FOLDED_LABEL = "Other answers and smaller themes"
"""Label of the outcomes :func:`fold_small_outcomes` counts together (themes below the threshold with
the answers that fit no theme)."""

SUPPRESSED_TEXT = "hidden*"
"""How every hidden number is displayed, whether it is small itself or hidden to protect a small one.
It says nothing about the number's size: telling the two kinds apart would point at the small ones."""


def suppression_reason(threshold: int) -> str:
    """Why a number is hidden, true of every hidden number whichever the reason was."""
    return f"hidden to protect small groups: fewer than {threshold} answers, or a number that would reveal one."


def suppression_note(threshold: int) -> str:
    """The footnote under every table, chart or list that may show :data:`SUPPRESSED_TEXT`."""
    return "* " + suppression_reason(threshold).capitalize()


# --------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Breakdown:
    """A crosstab of counts by group and outcome, already protected and safe to publish.

    Hidden entries are ``<NA>`` in ``counts``, ``row_totals`` and ``column_totals`` (and ``None`` for
    ``grand_total``); every number that is not ``<NA>`` is the true count. The true values of hidden
    entries are not kept anywhere in this object.

    Attributes:
        group: Name of the column the rows come from.
        outcome: Name of the column the columns come from.
        threshold: Smallest count shown.
        counts: Groups (rows) by outcomes (columns), dtype ``Int64``.
        row_totals: Units per group, dtype ``Int64``.
        column_totals: Units per outcome, dtype ``Int64``.
        grand_total: All units, or ``None`` when hidden (fewer than ``threshold`` in all).
    """

    group: str
    outcome: str
    threshold: int
    counts: pd.DataFrame
    row_totals: pd.Series
    column_totals: pd.Series
    grand_total: int | None

    @property
    def suppressed(self) -> pd.DataFrame:
        """Boolean mask of the hidden cells (totals excluded), shaped like ``counts``."""
        return self.counts.isna()

    @property
    def shares(self) -> pd.DataFrame:
        """Each cell as a share of its group's total (rows add up to at most 1); NaN where not shown."""
        return _divide(self.counts, self.row_totals, axis=0)

    @property
    def column_shares(self) -> pd.DataFrame:
        """Each cell as a share of its outcome's total (columns add up to at most 1); NaN where not shown."""
        return _divide(self.counts, self.column_totals, axis=1)

    @property
    def overall_shares(self) -> pd.Series:
        """Each outcome's share of all units; NaN where not shown."""
        return _divide_series(self.column_totals, self.grand_total)

    @property
    def group_shares(self) -> pd.Series:
        """Each group's share of all units; NaN where not shown."""
        return _divide_series(self.row_totals, self.grand_total)

    @property
    def note(self) -> str:
        """The footnote to print under a table that shows :data:`SUPPRESSED_TEXT`."""
        return suppression_note(self.threshold)

    def render(
        self,
        *,
        shares: bool = False,
        label: str = SUPPRESSED_TEXT,
        total_label: str = "Total",
        share_format: str = "{:.0%}",
    ) -> pd.DataFrame:
        """The table as display text, with a total row and a total column.

        Args:
            shares: Add each cell's share of its group total, as ``"12 (34%)"``; the total row shows
                each outcome's share of all units.
            label: Text shown for every hidden entry.
            total_label: Label of the total row and column. If a group or outcome already has this
                label, `` (all)`` is appended so the two cannot be confused.
            share_format: ``str.format`` pattern for a share between 0 and 1.

        Returns:
            A DataFrame of strings: groups then the total row, outcomes then the total column.
        """
        total = _free_label(total_label, [*self.counts.index, *self.counts.columns])
        cell_shares, group_shares, overall = self.shares, self.group_shares, self.overall_shares

        def text(count: object, share: float) -> str:
            return _cell_text(count, share if shares else None, label, share_format)

        rows = [
            [text(self.counts.at[g, c], cell_shares.at[g, c]) for c in self.counts.columns]
            + [text(self.row_totals.at[g], group_shares.at[g])]
            for g in self.counts.index
        ]
        rows.append(
            [text(self.column_totals.at[c], overall.at[c]) for c in self.counts.columns]
            + [text(_na_if_none(self.grand_total), 1.0)]
        )
        table = pd.DataFrame(
            rows,
            index=pd.Index([*self.counts.index, total], dtype=object),
            columns=pd.Index([*self.counts.columns, total], dtype=object),
            dtype=object,
        )
        table.index.name = self.group
        table.columns.name = self.outcome
        return table

    def to_long(self) -> pd.DataFrame:
        """One row per (group, outcome) cell, for exports and charts.

        Returns:
            Columns ``group``, ``outcome``, ``count`` (``Int64``, ``<NA>`` when hidden), ``share`` (of
            the group total, NaN when not shown) and ``suppressed`` (bool).
        """
        shares = self.shares
        rows = [
            {
                "group": g,
                "outcome": o,
                "count": self.counts.at[g, o],
                "share": shares.at[g, o],
                "suppressed": bool(pd.isna(self.counts.at[g, o])),
            }
            for g in self.counts.index
            for o in self.counts.columns
        ]
        frame = pd.DataFrame(rows, columns=["group", "outcome", "count", "share", "suppressed"])
        frame["count"] = frame["count"].astype("Int64")
        frame["share"] = frame["share"].astype(float)
        return frame


@dataclass(frozen=True)
class Distribution:
    """The answers to one question counted by value, protected and safe to publish.

    Attributes:
        name: Name of the counted series (the question), if it had one.
        threshold: Smallest count shown.
        counts: Units per value, dtype ``Int64``; ``<NA>`` where hidden.
        total: All units, or ``None`` when hidden.
    """

    name: str | None
    threshold: int
    counts: pd.Series
    total: int | None

    @property
    def suppressed(self) -> pd.Series:
        """Boolean mask of the hidden counts."""
        return self.counts.isna()

    @property
    def shares(self) -> pd.Series:
        """Each value's share of the total; NaN where not shown."""
        return _divide_series(self.counts, self.total)

    @property
    def note(self) -> str:
        """The footnote to print under a table that shows :data:`SUPPRESSED_TEXT`."""
        return suppression_note(self.threshold)

    def render(
        self,
        *,
        shares: bool = False,
        label: str = SUPPRESSED_TEXT,
        total_label: str = "Total",
        share_format: str = "{:.0%}",
    ) -> pd.Series:
        """The counts as display text, followed by the total.

        Args:
            shares: Add each value's share of the total, as ``"12 (34%)"``.
            label: Text shown for every hidden count.
            total_label: Label of the total entry (`` (all)`` is appended if a value has this label).
            share_format: ``str.format`` pattern for a share between 0 and 1.

        Returns:
            A Series of strings indexed by value, then the total.
        """
        total = _free_label(total_label, list(self.counts.index))
        share_values = self.shares
        texts = [
            _cell_text(self.counts.at[v], share_values.at[v] if shares else None, label, share_format)
            for v in self.counts.index
        ]
        texts.append(_cell_text(_na_if_none(self.total), 1.0 if shares else None, label, share_format))
        return pd.Series(texts, index=[*self.counts.index, total], dtype=object, name=self.name)


@dataclass(frozen=True)
class GroupSummary:
    """Mean and median of a numeric answer per group, shown only for groups of at least ``threshold``.

    Attributes:
        group: Name of the grouping column.
        value: Name of the numeric column.
        threshold: Smallest number of answers a statistic is computed from.
        table: Indexed by group; ``n`` (``Int64``), ``mean`` and ``median`` (``Float64``), ``<NA>``
            where hidden. A group's mean and median are shown only when its ``n`` is shown.
        overall_n: Number of numeric answers in all, or ``None`` when hidden.
        overall_mean: Mean over all groups, or ``None`` when hidden.
        overall_median: Median over all groups, or ``None`` when hidden.
        not_numeric: Rows whose value was missing or not a number (not counted in ``n``), or ``None``
            when that count is between 0 and ``threshold``.
    """

    group: str
    value: str
    threshold: int
    table: pd.DataFrame
    overall_n: int | None
    overall_mean: float | None
    overall_median: float | None
    not_numeric: int | None


# ---------------------------------------------------------------------------------------- public API


def crosstab(
    frame: pd.DataFrame,
    group: str,
    outcome: str,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    groups: Sequence[Hashable] | None = None,
    outcomes: Sequence[Hashable] | None = None,
    missing_label: str = MISSING_LABEL,
    small_groups: Literal["suppress", "combine"] = "suppress",
) -> Breakdown:
    """Count units by group and outcome, and hide what could expose a small group.

    Each row of ``frame`` is one unit: one respondent, or one assignment of an answer to a theme. Totals
    are sums of units, so with several themes per answer they count assignments, not people; pass one
    row per respondent when shares of people are wanted.

    Args:
        frame: Long table with at least the ``group`` and ``outcome`` columns. It is not modified.
        group: Column whose values become rows (language, partner source, a demographic answer).
        outcome: Column whose values become columns (theme id, choice option).
        threshold: Smallest count shown (the partnership's setting).
        groups: Row order, e.g. every option of a demographic question, including options nobody chose
            (shown as zeros). Values seen in the data but not listed are added after, sorted.
        outcomes: Column order, likewise.
        missing_label: Label of the units whose group or outcome is missing.
        small_groups: ``"suppress"`` hides each group below the threshold entirely, which costs more
            hidden cells elsewhere (every zero of a small group needs a complement to stay unknown).
            ``"combine"`` first merges all groups below the threshold into one group labelled
            :data:`SMALL_GROUPS_LABEL`, which is shown if it reaches the threshold; far less is lost.

    Returns:
        The protected :class:`Breakdown`.

    Raises:
        TypeError: ``frame`` is not a DataFrame.
        ValueError: A column is missing, ``threshold`` is not a positive integer, an order lists a
            value twice, or ``small_groups`` is not one of the two choices.
    """
    threshold = _check_threshold(threshold)
    table, row_order, column_order = _count_table(
        frame, group, outcome, threshold, groups, outcomes, missing_label, small_groups
    )
    return _breakdown(_publish(table, _protect(table, threshold)), row_order, column_order, group, outcome,
                      threshold)


@dataclass(frozen=True)
class Lens:
    """One way of breaking an outcome down by group, for :func:`protect_breakdowns`.

    Attributes:
        name: What the table is called (``"Language"``, a demographic question).
        frame: One row per unit with the ``group`` column and the outcome column.
        group: Column whose values become rows.
        groups: Row order (e.g. every option of the question); unlisted values follow, sorted.
        missing_label: Label of the units whose group is missing.
        one_group_per_unit: ``False`` when a unit can sit in several groups (a "choose all that apply"
            question): that table's totals then count group memberships, not units, so they are not
            the shared outcome totals and are protected on their own.
    """

    name: str
    frame: pd.DataFrame
    group: str
    groups: Sequence[Hashable] | None = None
    missing_label: str = MISSING_LABEL
    one_group_per_unit: bool = True


@dataclass(frozen=True)
class ProtectedBreakdowns:
    """An outcome counted overall and by several groupings, protected together.

    Attributes:
        totals: Units per outcome and in all, exactly as every table's total row shows them: a page
            prints these as the headline (theme sizes, option counts), never a count of its own.
        tables: ``(lens name, protected Breakdown)`` in the order the lenses were given.
    """

    totals: Distribution
    tables: list[tuple[str, Breakdown]]


def protect_breakdowns(
    totals_frame: pd.DataFrame,
    outcome: str,
    lenses: Sequence[Lens],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    outcomes: Sequence[Hashable] | None = None,
    missing_label: str = MISSING_LABEL,
    small_groups: Literal["suppress", "combine"] = "combine",
) -> ProtectedBreakdowns:
    """Protect the headline counts of an outcome and every breakdown of it as one publication.

    A report prints each theme's size in its headline and again as the total row of every breakdown
    (by language, by partner, by each demographic question). Protecting each table alone is not
    enough: a size hidden in one table and shown in another, or a headline count computed apart from
    the tables, undoes the protection. Here the outcome totals are one shared line: a total that any
    table must hide is hidden in all of them (and in :attr:`ProtectedBreakdowns.totals`), and each
    table is protected again with it until nothing changes; a shared total hidden this way is kept
    unsolvable in every table, like a small count.

    Args:
        totals_frame: One row per unit with the ``outcome`` column: what the headline counts. Each
            lens with ``one_group_per_unit`` must count the same units (every unit once).
        outcome: Column whose values become the columns.
        lenses: The groupings, each with its own frame.
        threshold: Smallest count shown.
        outcomes: Column order; unlisted values seen follow, sorted.
        missing_label: Label of missing outcomes.
        small_groups: As in :func:`crosstab`; ``"combine"`` by default.

    Returns:
        The protected totals and tables.

    Raises:
        ValueError: As :func:`crosstab`, or a lens that should count every unit once does not.
    """
    threshold = _check_threshold(threshold)
    _check_columns(totals_frame, [outcome])
    everyone = totals_frame[[outcome]].assign(**{_ALL: _ALL})
    order = _order(_labels(totals_frame[outcome], missing_label), outcomes, missing_label, "outcomes")
    headline, _, _ = _count_table(everyone, _ALL, outcome, threshold, None, order, missing_label, "suppress")
    counted = []
    for lens in lenses:
        table, rows, columns = _count_table(lens.frame, lens.group, outcome, threshold, lens.groups, order,
                                            lens.missing_label, small_groups)
        if columns != order:
            unknown = [c for c in columns if c not in order]
            raise ValueError(f"lens {lens.name!r} has outcomes the totals frame does not: {unknown!r}")
        shared = lens.one_group_per_unit
        if shared and not np.array_equal(table[-1, :], headline[-1, :]):
            raise ValueError(
                f"lens {lens.name!r} does not count every unit of the totals frame exactly once; "
                "pass one_group_per_unit=False for a question where a unit can be in several groups"
            )
        counted.append((lens, table, rows, shared))

    shared_hidden = _protect(headline, threshold)[-1, :]
    while True:
        hiddens = [
            _protect(table, threshold, shared_hidden if shared else None) for _, table, _, shared in counted
        ]
        widened = shared_hidden.copy()
        for hidden, (_, _, _, shared) in zip(hiddens, counted, strict=True):
            if shared:
                widened |= hidden[-1, :]
        if np.array_equal(widened, shared_hidden):
            break
        shared_hidden = widened
    headline_hidden = _protect(headline, threshold, shared_hidden)
    published_totals = _publish(headline, headline_hidden)[-1, :]
    totals = Distribution(
        name=outcome,
        threshold=threshold,
        counts=pd.Series(published_totals[:-1], index=pd.Index(order, dtype=object), name=outcome).astype("Int64"),
        total=None if published_totals[-1] is pd.NA else int(published_totals[-1]),
    )
    tables = [
        (lens.name, _breakdown(_publish(table, hidden), rows, order, lens.group, outcome, threshold))
        for (lens, table, rows, _), hidden in zip(counted, hiddens, strict=True)
    ]
    return ProtectedBreakdowns(totals=totals, tables=tables)


_ALL = "__all_units__"


def fold_small_outcomes(
    sizes: Mapping[Hashable, int], threshold: int = DEFAULT_THRESHOLD, *, always: Iterable[Hashable] = ()
) -> set[Hashable]:
    """Outcomes to count together as one, so that no published outcome count is small.

    Every outcome with fewer than ``threshold`` units is folded, with the ``always`` ones (such as
    "answers that fit no theme") when anything is folded, then the next smallest outcomes while the
    folded ones together are still fewer than ``threshold``. A page lists the folded outcomes' names
    without their counts, under :data:`FOLDED_LABEL`.

    Args:
        sizes: Units per outcome.
        threshold: Smallest count shown.
        always: Outcomes folded whenever any outcome is.

    Returns:
        The keys of the folded outcomes (empty when no outcome is small).
    """
    threshold = _check_threshold(threshold)
    small = [key for key, size in sizes.items() if 0 < size < threshold]
    if not small:
        return set()
    chosen = set(small) | {key for key in always if key in sizes}
    total = sum(sizes[key] for key in chosen)
    for key in sorted((k for k in sizes if k not in chosen), key=lambda k: sizes[k]):
        if total >= threshold:
            break
        chosen.add(key)
        total += sizes[key]
    return chosen


def _count_table(
    frame: pd.DataFrame,
    group: str,
    outcome: str,
    threshold: int,
    groups: Sequence[Hashable] | None,
    outcomes: Sequence[Hashable] | None,
    missing_label: str,
    small_groups: str,
) -> tuple[np.ndarray, list[Hashable], list[Hashable]]:
    """True counts with margins, and the row and column labels."""
    _check_columns(frame, [group, outcome])
    if small_groups not in ("suppress", "combine"):
        raise ValueError(f"small_groups must be 'suppress' or 'combine', got {small_groups!r}")
    group_values = _labels(frame[group], missing_label)
    outcome_values = _labels(frame[outcome], missing_label)
    row_order = _order(group_values, groups, missing_label, "groups")
    column_order = _order(outcome_values, outcomes, missing_label, "outcomes")
    true_counts = _count_pairs(group_values, outcome_values, row_order, column_order)
    if small_groups == "combine":
        true_counts, row_order = _combine_small_groups(true_counts, row_order, column_order, threshold)
    return _with_margins(true_counts), row_order, column_order


def _breakdown(
    published: np.ndarray,
    row_order: list[Hashable],
    column_order: list[Hashable],
    group: str,
    outcome: str,
    threshold: int,
) -> Breakdown:
    counts = pd.DataFrame(
        published[:-1, :-1],
        index=pd.Index(row_order, dtype=object, name=group),
        columns=pd.Index(column_order, dtype=object, name=outcome),
    ).astype("Int64")
    row_totals = pd.Series(published[:-1, -1], index=counts.index, name="total").astype("Int64")
    column_totals = pd.Series(published[-1, :-1], index=counts.columns, name="total").astype("Int64")
    grand = published[-1, -1]
    return Breakdown(
        group=group,
        outcome=outcome,
        threshold=threshold,
        counts=counts,
        row_totals=row_totals,
        column_totals=column_totals,
        grand_total=None if grand is pd.NA else int(grand),
    )


def distribution(
    series: pd.Series | Iterable[Hashable],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    categories: Sequence[Hashable] | None = None,
    missing_label: str = MISSING_LABEL,
) -> Distribution:
    """Count the answers to one question by value, and hide what could expose a small group.

    The same rules as :func:`crosstab` apply to the single line of counts and its total: small counts
    are hidden, one hidden count is never left alone beside a shown total, and the hidden counts
    together are never fewer than ``threshold``.

    Args:
        series: One answer per unit (a choice, a rating). Missing answers are counted as
            ``missing_label``.
        threshold: Smallest count shown.
        categories: Value order, e.g. every option of the question (options nobody chose show 0).
            Values seen but not listed are added after, sorted.
        missing_label: Label of the missing answers.

    Returns:
        The protected :class:`Distribution`.

    Raises:
        ValueError: ``threshold`` is not a positive integer, or ``categories`` lists a value twice.
    """
    threshold = _check_threshold(threshold)
    if not isinstance(series, pd.Series):
        series = pd.Series(list(series), dtype=object)
    values = _labels(series, missing_label)
    order = _order(values, categories, missing_label, "categories")
    counts = values.value_counts().reindex(order, fill_value=0).to_numpy(dtype=np.int64)
    # One row of counts; its column totals repeat the counts, so they are protected alongside them.
    table = _with_margins(counts.reshape(1, -1))
    published = _publish(table, _protect(table, threshold))
    name = None if series.name is None else str(series.name)
    result = pd.Series(published[0, :-1], index=pd.Index(order, dtype=object), name=name).astype("Int64")
    total = published[0, -1]
    return Distribution(
        name=name, threshold=threshold, counts=result, total=None if total is pd.NA else int(total)
    )


def numeric_summary(
    frame: pd.DataFrame,
    group: str,
    value: str,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    groups: Sequence[Hashable] | None = None,
    missing_label: str = MISSING_LABEL,
) -> GroupSummary:
    """Mean and median of a numeric answer per group, only for groups with at least ``threshold`` answers.

    The group sizes are protected like a line of a crosstab (the overall ``n`` is their total), and a
    group whose size is hidden shows no mean or median either: with the overall mean shown, the hidden
    groups' mean can only be worked out jointly, over at least ``threshold`` answers.

    Args:
        frame: Long table with the ``group`` and ``value`` columns. It is not modified.
        group: Grouping column.
        value: Numeric answers; text that is not a number and missing values are left out of ``n`` and
            counted in ``not_numeric``.
        threshold: Smallest number of answers a statistic is computed from.
        groups: Row order; unlisted groups seen in the data are added after, sorted.
        missing_label: Label of the units whose group is missing.

    Returns:
        The protected :class:`GroupSummary`.

    Raises:
        TypeError: ``frame`` is not a DataFrame.
        ValueError: A column is missing, ``threshold`` is not a positive integer, or ``groups`` lists
            a value twice.
    """
    threshold = _check_threshold(threshold)
    _check_columns(frame, [group, value])
    group_values = _labels(frame[group], missing_label)
    numbers = pd.to_numeric(frame[value], errors="coerce").astype(float)
    numbers = numbers.where(np.isfinite(numbers))
    answered = numbers.notna()
    order = _order(group_values[answered], groups, missing_label, "groups")

    by_group = numbers[answered].groupby(group_values[answered].to_numpy(), sort=False)
    n = by_group.size().reindex(order, fill_value=0).to_numpy(dtype=np.int64)
    table = _with_margins(n.reshape(1, -1))
    published = _publish(table, _protect(table, threshold))
    shown = np.array([value_ is not pd.NA and value_ > 0 for value_ in published[0, :-1]], dtype=bool)

    means = by_group.mean().reindex(order)
    medians = by_group.median().reindex(order)
    result = pd.DataFrame(
        {
            "n": pd.array(list(published[0, :-1]), dtype="Int64"),
            "mean": pd.array(
                [means.iloc[i] if shown[i] else pd.NA for i in range(len(order))], dtype="Float64"
            ),
            "median": pd.array(
                [medians.iloc[i] if shown[i] else pd.NA for i in range(len(order))], dtype="Float64"
            ),
        },
        index=pd.Index(order, dtype=object, name=group),
    )
    overall_n = published[0, -1]
    overall_shown = overall_n is not pd.NA and overall_n > 0
    unanswered = int((~answered).sum())
    return GroupSummary(
        group=group,
        value=value,
        threshold=threshold,
        table=result,
        overall_n=None if overall_n is pd.NA else int(overall_n),
        overall_mean=float(numbers.mean()) if overall_shown else None,
        overall_median=float(numbers.median()) if overall_shown else None,
        not_numeric=None if 0 < unanswered < threshold else unanswered,
    )


@dataclass(frozen=True)
class NumberSummary:
    """Statistics of a numeric answer that reveal no single person's answer at the extremes.

    Every statistic needs enough answers around it: the median at least ``threshold`` answers on each
    side, the quartiles likewise, the mean at least ``threshold`` answers in all. The lowest and highest
    answers are printed only when at least ``threshold`` people gave exactly that value; otherwise the
    low and high ends are the smallest percentile at or below which (and at or above which) at least
    ``threshold`` answers lie, named as such. Bins are closed at both ends by those protected values,
    so no bin edge is an outlier's answer.

    Attributes:
        n: Numeric answers (``None`` when fewer than ``threshold``: then nothing else is shown).
        mean, median, lower_quartile, upper_quartile: ``None`` where too few answers support them.
        low, high: The protected ends, with ``low_label`` / ``high_label`` ("Lowest", "5th percentile").
        bins: Bin labels in order, for :func:`protect_breakdowns` or :func:`distribution`.
        edges: Bin edges (``len(bins) + 1``); the first and last bins are open-ended.
    """

    n: int | None
    mean: float | None = None
    median: float | None = None
    lower_quartile: float | None = None
    upper_quartile: float | None = None
    low: float | None = None
    low_label: str = ""
    high: float | None = None
    high_label: str = ""
    bins: tuple[str, ...] = ()
    edges: tuple[float, ...] = ()

    def bin_of(self, values: pd.Series) -> pd.Series:
        """The bin label of each value (``None`` for a missing one)."""
        numbers = pd.to_numeric(values, errors="coerce").astype(float)
        if not self.bins:
            return pd.Series([None] * len(numbers), index=values.index, dtype=object)
        inner = np.asarray(self.edges[1:-1], dtype=float)
        positions = np.searchsorted(inner, numbers.to_numpy(), side="right")
        labels = np.array(self.bins, dtype=object)[np.minimum(positions, len(self.bins) - 1)]
        return pd.Series(np.where(numbers.isna(), None, labels), index=values.index, dtype=object)


def number_summary(values: pd.Series | Iterable[float], threshold: int = DEFAULT_THRESHOLD,
                   *, max_bins: int = 6, integers: bool | None = None) -> NumberSummary:
    """Protected statistics and histogram bins of one numeric question's answers.

    Args:
        values: The answers; missing values and text are left out, infinities too.
        threshold: Smallest number of answers a statistic or an extreme value may rest on.
        max_bins: Most bins in the histogram (fewer when the protected range is narrow).
        integers: Whether answers are whole numbers (bins then have whole-number edges); guessed from
            the values when ``None``.

    Returns:
        The :class:`NumberSummary`; ``n`` is ``None`` and nothing is computed below ``threshold``.
    """
    threshold = _check_threshold(threshold)
    numbers = pd.to_numeric(pd.Series(list(values) if not isinstance(values, pd.Series) else values,
                                      dtype=object), errors="coerce").astype(float)
    ordered = np.sort(numbers[np.isfinite(numbers)].to_numpy())
    n = len(ordered)
    if n < threshold:
        return NumberSummary(n=None)
    if integers is None:
        integers = bool(np.all(ordered == np.round(ordered)))

    def quantile(q: float) -> float | None:
        rank = math.ceil(q * n)  # answers at or below the value; as many at or above it
        return float(ordered[rank - 1]) if min(rank, n - rank + 1) >= threshold else None

    low, low_label = _protected_end(ordered, threshold, low=True)
    high, high_label = _protected_end(ordered, threshold, low=False)
    edges = _nice_edges(low, high, max_bins, integers)
    bins = _bin_labels(edges, integers)
    return NumberSummary(
        n=n,
        mean=float(ordered.mean()),
        median=quantile(0.5),
        lower_quartile=quantile(0.25),
        upper_quartile=quantile(0.75),
        low=low,
        low_label=low_label,
        high=high,
        high_label=high_label,
        bins=tuple(bins),
        edges=tuple(edges),
    )


def _protected_end(ordered: np.ndarray, threshold: int, *, low: bool) -> tuple[float, str]:
    """The lowest (or highest) answer when at least ``threshold`` people gave it, else the smallest
    whole percentile with at least ``threshold`` answers beyond it, named so."""
    n = len(ordered)
    extreme = ordered[0] if low else ordered[-1]
    if int(np.sum(ordered == extreme)) >= threshold:
        return float(extreme), "Lowest" if low else "Highest"
    percent = max(5, math.ceil(100 * threshold / n))
    rank = math.ceil(percent * n / 100)
    value = ordered[rank - 1] if low else ordered[n - rank]
    return float(value), f"{_ordinal(percent if low else 100 - percent)} percentile"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _nice_edges(low: float, high: float, max_bins: int, integers: bool) -> list[float]:
    """Round bin edges from ``low`` to ``high`` (steps of 1, 2 or 5 times a power of ten); the first
    and last bins also hold everything below and above."""
    if high <= low:
        return [low, high] if high > low else [low, low]
    raw = (high - low) / max_bins
    power = 10 ** math.floor(math.log10(raw))
    step = next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)
    if integers:
        step = max(1.0, math.ceil(step))
    # Close answers at a large magnitude: a step below the float spacing there would never advance.
    step = max(step, 4 * math.ulp(max(abs(low), abs(high))))
    start = math.floor(low / step) * step
    edges = [start]
    while edges[-1] < high and len(edges) <= max_bins + 2:
        edges.append(edges[-1] + step)
    return [float(e) for e in edges]


def _bin_labels(edges: list[float], integers: bool) -> list[str]:
    def fmt(value: float) -> str:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")

    if len(edges) < 2 or edges[0] == edges[-1]:
        return [fmt(edges[0])] if edges else []
    labels = []
    last = len(edges) - 2
    for i in range(len(edges) - 1):
        a, b = edges[i], edges[i + 1]
        upper = fmt(b - 1) if integers else f"under {fmt(b)}"
        if i == 0 and i == last:
            labels.append("All answers")
        elif i == 0:
            labels.append(f"{'up to ' + fmt(b - 1) if integers else 'under ' + fmt(b)}")
        elif i == last:
            labels.append(f"{fmt(a)} or more")
        else:
            if integers:
                labels.append(fmt(a) if b - 1 == a else f"{fmt(a)}–{upper}")
            else:
                labels.append(f"{fmt(a)} to under {fmt(b)}")
    return labels


# ----------------------------------------------------------------------------------------- protection


def _protect(table: np.ndarray, threshold: int, shared_hidden: np.ndarray | None = None) -> np.ndarray:
    """Which entries of a table with margins (last row and column are totals) must be hidden.

    ``shared_hidden`` marks entries of the last row (the outcome totals, which several tables and the
    headline share) that another table had to hide: they are hidden here too, and kept unsolvable like
    small counts, so no table gives away what another hides. Shared totals are hidden only when
    nothing else can protect a small count.
    """
    n_rows, n_columns = table.shape
    hidden = (table > 0) & (table < threshold)
    if hidden[-1, -1]:
        return np.ones_like(hidden)
    small_groups = (table[:-1, -1] > 0) & (table[:-1, -1] < threshold)
    hidden[:-1][small_groups] = True
    hidden[:, table[-1, :] == 0] = False  # an outcome nobody gave: its zeros are known from its total
    sensitive = hidden.copy()  # what must stay unknown; complements only serve to protect these
    if shared_hidden is not None:
        hidden[-1, :] |= shared_hidden
        sensitive[-1, :] |= shared_hidden & (table[-1, :] > 0)

    lines = [(np.full(n_columns, r), np.arange(n_columns), True) for r in range(n_rows)]
    lines += [(np.arange(n_rows), np.full(n_rows, c), False) for c in range(n_columns)]
    while True:
        changed = False
        for rows, columns, is_row in lines:
            changed |= _protect_line(table, hidden, rows, columns, is_row, threshold)
        if changed:
            continue
        exposed = _first_exposed(table, hidden, sensitive)
        if exposed is None or not _close_cycle(table, hidden, *exposed, shared_totals=shared_hidden is not None):
            return hidden


def _protect_line(
    table: np.ndarray, hidden: np.ndarray, rows: np.ndarray, columns: np.ndarray, is_row: bool, threshold: int
) -> bool:
    """Hide one more entry of a line if it hides exactly one, or too little under a shown total."""
    values = table[rows, columns]
    line_hidden = hidden[rows, columns]
    n_hidden = int(line_hidden.sum())
    if n_hidden == 0:
        return False
    total_shown = not line_hidden[-1]
    if total_shown and values[-1] == 0:
        return False  # every entry is known to be zero
    needs_more = n_hidden == 1
    if total_shown:
        hidden_sum = values[-1] - values[:-1][~line_hidden[:-1]].sum()
        needs_more |= hidden_sum < threshold
    if not needs_more:
        return False
    last_row, last_column = table.shape[0] - 1, table.shape[1] - 1

    def known_zero(i: int) -> bool:
        """A zero whose crossing line shows a total of 0: hiding it protects nothing, and it would be the
        one hidden entry of that line."""
        total = (last_row, columns[i]) if is_row else (rows[i], last_column)
        return not hidden[total] and table[total] == 0

    candidates = [i for i in range(len(values) - 1) if not line_hidden[i] and not known_zero(i)]
    positive = [i for i in candidates if values[i] > 0]
    if positive:
        # Smallest first, but an entry whose crossing line already hides something costs no new cascade.
        def crossing_is_clear(i: int) -> bool:
            return not (hidden[:, columns[i]].any() if is_row else hidden[rows[i], :].any())

        pick = min(positive, key=lambda i: (crossing_is_clear(i), values[i], i))
    elif candidates:
        pick = candidates[0]
    elif total_shown:
        pick = len(values) - 1
    else:
        return False
    hidden[rows[pick], columns[pick]] = True
    return True


def _first_exposed(table: np.ndarray, hidden: np.ndarray, sensitive: np.ndarray) -> tuple[int, int] | None:
    """A sensitive hidden entry that the shown numbers pin down, if any.

    Rows and columns are the vertices, hidden positive entries the edges. A sensitive entry at
    ``(row, column)`` can move (up and down if positive, up if zero) while every total still adds up
    exactly when some other path of hidden positive entries joins its row to its column: together they
    form a cycle along which values can be shifted by alternately adding and taking away. Without such a
    path the entry is determined (for a positive entry, it is a *bridge* of the graph).
    """
    adjacency = _hidden_graph(table, hidden)
    n_rows = table.shape[0]
    for row, column in np.argwhere(sensitive & hidden):
        row, column = int(row), int(column)
        if n_rows + column not in _reachable(adjacency, row, (row, n_rows + column)):
            return row, column
    return None


def _hidden_graph(table: np.ndarray, hidden: np.ndarray) -> list[set[int]]:
    """Adjacency sets: vertices are rows then columns, edges the hidden positive entries."""
    n_rows, n_columns = table.shape
    adjacency: list[set[int]] = [set() for _ in range(n_rows + n_columns)]
    for r, c in zip(*np.nonzero(hidden & (table > 0)), strict=True):
        adjacency[int(r)].add(n_rows + int(c))
        adjacency[n_rows + int(c)].add(int(r))
    return adjacency


def _reachable(adjacency: list[set[int]], start: int, without: tuple[int, int]) -> set[int]:
    """Vertices reachable from ``start`` without crossing the edge ``without``."""
    seen = {start}
    frontier = [start]
    while frontier:
        vertex = frontier.pop()
        for neighbour in adjacency[vertex]:
            if neighbour not in seen and {vertex, neighbour} != set(without):
                seen.add(neighbour)
                frontier.append(neighbour)
    return seen


def _close_cycle(
    table: np.ndarray, hidden: np.ndarray, row: int, column: int, shared_totals: bool = False
) -> bool:
    """Hide a shown positive entry that joins the exposed entry's row side to its column side.

    The smallest entry joining a row reachable from ``row`` to a column reachable from ``column`` (or
    the other way round) completes a cycle through the exposed entry. Failing that, the smallest shown
    entry in its row or column, then anywhere, is hidden and the caller looks again.
    """
    n_rows = table.shape[0]
    adjacency = _hidden_graph(table, hidden)
    edge = (row, n_rows + column)

    def side(start: int) -> tuple[np.ndarray, np.ndarray]:
        rows = np.zeros(table.shape[0], dtype=bool)
        columns = np.zeros(table.shape[1], dtype=bool)
        for vertex in _reachable(adjacency, start, edge):
            if vertex < n_rows:
                rows[vertex] = True
            else:
                columns[vertex - n_rows] = True
        return rows, columns

    rows_a, columns_a = side(row)
    rows_b, columns_b = side(n_rows + column)
    joins = np.outer(rows_a, columns_b) | np.outer(rows_b, columns_a)
    near = np.zeros_like(hidden)
    near[row, :] = True
    near[:, column] = True
    shown_positive = ~hidden & (table > 0)
    pools = [shown_positive & joins, shown_positive & near, shown_positive]
    if shared_totals:  # the outcome totals are shown in other tables too: hide them only as a last resort
        inner = np.ones_like(hidden)
        inner[-1, :] = False
        pools = [pool & inner for pool in pools] + pools
    for pool in pools:
        if pool.any():
            positions = np.argwhere(pool)
            r, c = min(positions, key=lambda p: (table[p[0], p[1]], p[0], p[1]))
            hidden[r, c] = True
            return True
    return False


# ---------------------------------------------------------------------------------------------- helpers


def _check_threshold(threshold: int) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer) or threshold < 1:
        raise ValueError(
            f"threshold must be a positive whole number (the partnership's setting, usually 5), "
            f"got {threshold!r}"
        )
    return int(threshold)


def _check_columns(frame: pd.DataFrame, columns: list[str]) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame with one row per unit, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        available = ", ".join(map(repr, frame.columns)) or "none"
        raise ValueError(f"column(s) {', '.join(map(repr, missing))} not found; the frame has: {available}")


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _labels(series: pd.Series, missing_label: str) -> pd.Series:
    """Values as row/column labels: missing answers become ``missing_label``; text is trimmed."""

    def label(value: object) -> Hashable:
        if _is_missing(value):
            return missing_label
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, np.generic):
            return value.item()
        return value

    # Label each distinct value once: answers repeat, and 100,000 rows hold a few dozen values.
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    labelled = np.empty(len(uniques) + 1, dtype=object)
    labelled[:-1] = [label(v) for v in uniques]
    labelled[-1] = missing_label  # code -1: missing
    return pd.Series(labelled[codes], index=series.index, dtype=object)


def _order(
    values: pd.Series, preferred: Sequence[Hashable] | None, missing_label: str, argument: str
) -> list[Hashable]:
    """Preferred labels first, then the others seen, sorted, with the missing label last."""
    first = list(preferred or [])
    if len(set(first)) != len(first):
        raise ValueError(f"{argument} lists a value more than once: {first!r}")
    rest = [v for v in pd.unique(values) if v not in set(first) and v != missing_label]
    try:
        rest = sorted(rest)
    except TypeError:
        rest = sorted(rest, key=lambda v: (type(v).__name__, str(v)))
    order = first + rest
    if missing_label not in order and (values == missing_label).any():
        order.append(missing_label)
    return order


def _count_pairs(
    groups: pd.Series, outcomes: pd.Series, row_order: list[Hashable], column_order: list[Hashable]
) -> np.ndarray:
    row_index = {v: i for i, v in enumerate(row_order)}
    column_index = {v: i for i, v in enumerate(column_order)}
    counts = np.zeros((len(row_order), len(column_order)), dtype=np.int64)
    if len(groups):
        rows = np.fromiter((row_index[v] for v in groups), dtype=np.int64, count=len(groups))
        columns = np.fromiter((column_index[v] for v in outcomes), dtype=np.int64, count=len(outcomes))
        np.add.at(counts, (rows, columns), 1)
    return counts


def _combine_small_groups(
    counts: np.ndarray, row_order: list[Hashable], column_order: list[Hashable], threshold: int
) -> tuple[np.ndarray, list[Hashable]]:
    totals = counts.sum(axis=1)
    small = (totals > 0) & (totals < threshold)
    if not small.any():
        return counts, row_order
    label = _free_label(SMALL_GROUPS_LABEL.format(threshold=threshold), [*row_order, *column_order])
    kept = [g for g, is_small in zip(row_order, small, strict=True) if not is_small]
    combined = np.vstack([counts[~small], counts[small].sum(axis=0, keepdims=True)])
    return combined, [*kept, label]


def _with_margins(counts: np.ndarray) -> np.ndarray:
    table = np.zeros((counts.shape[0] + 1, counts.shape[1] + 1), dtype=np.int64)
    table[:-1, :-1] = counts
    table[:-1, -1] = counts.sum(axis=1)
    table[-1, :-1] = counts.sum(axis=0)
    table[-1, -1] = counts.sum()
    return table


def _publish(table: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    published = table.astype(object)
    published[hidden] = pd.NA
    return published


def _divide(counts: pd.DataFrame, totals: pd.Series, axis: int) -> pd.DataFrame:
    numerator = counts.astype("Float64")
    denominator = totals.astype("Float64").where(totals.astype("Float64") > 0)
    return numerator.div(denominator, axis=axis).astype(float)


def _divide_series(counts: pd.Series, total: int | None) -> pd.Series:
    if total is None or total == 0:
        return pd.Series(np.nan, index=counts.index, dtype=float)
    return (counts.astype("Float64") / total).astype(float)


def _na_if_none(value: int | None) -> object:
    return pd.NA if value is None else value


def _cell_text(count: object, share: float | None, label: str, share_format: str) -> str:
    if pd.isna(count):
        return label
    text = str(int(count))
    if share is not None and not pd.isna(share):
        text += f" ({share_format.format(share)})"
    return text


def _free_label(label: str, taken: list[Hashable]) -> str:
    while label in taken:
        label += " (all)"
    return label
