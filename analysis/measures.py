"""Shared measures computed from answers: the share of people whose answer counts, per wave, protected.

A partnership tracks measures such as "share of career seekers who say childcare blocks training"
wave after wave. Each value is a share of people, and printing it prints two groups: the people it
counts and the rest. So a share is shown only when both are at least the partnership's threshold;
otherwise it is hidden (never printed, not even rounded), like any small cell.

A share is also printed beside the report it comes from (the question's summary, the theme report),
where some counts may be hidden to protect others. A share that let a reader work out a hidden count
would undo that protection, so measures start from the report's *protected* counts and use only sums
the report already lets anyone work out: a set of outcomes whose counts are all shown, or whose
complement's counts are all shown beside a shown total. :func:`answer_shares` does both steps for a
plain frame of answers; :func:`protected_share` is the second step for counts already protected.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from .equity import DEFAULT_THRESHOLD, distribution

__all__ = ["ShareValue", "answer_shares", "protected_share"]


@dataclass(frozen=True)
class ShareValue:
    """One period's share, safe to print.

    Attributes:
        share: Between 0 and 1, or ``None`` when hidden or when nobody answered.
        hidden: ``True`` when people answered but the share would expose a small group.
    """

    share: float | None
    hidden: bool

    @property
    def percent(self) -> float | None:
        """The share in percent (what pages print), or ``None``."""
        return None if self.share is None else self.share * 100


NO_ANSWERS = ShareValue(None, hidden=False)
HIDDEN = ShareValue(None, hidden=True)


def protected_share(counts: Mapping[Hashable, int | None], total: int | None, counted: Collection[Hashable],
                    threshold: int = DEFAULT_THRESHOLD, *, exclusive: bool = True) -> ShareValue:
    """The share of ``total`` in the ``counted`` outcomes, from counts a report already protected.

    Args:
        counts: Protected count per outcome (``None`` where the report hides it).
        total: The protected number of people (``None`` where hidden): the share's denominator.
        counted: Outcomes whose people count towards the share.
        threshold: Smallest group a page may print.
        exclusive: Each person is in exactly one outcome (a single choice; themes of one answer).
            When ``False`` (choose all that apply) a person may be in several, so only one outcome
            may be counted: the others do not add up to the rest.

    Returns:
        The share, hidden when the counted people or the rest are fewer than ``threshold`` or
        cannot be worked out from what the report shows.

    Raises:
        ValueError: ``counted`` is empty, names an unknown outcome, or has several outcomes with
            ``exclusive=False``.
    """
    counted = set(counted)
    unknown = counted - set(counts)
    if not counted or unknown:
        raise ValueError(f"choose outcomes to count among {list(counts)!r} (unknown: {sorted(map(str, unknown))!r})")
    if not exclusive and len(counted) > 1:
        raise ValueError("a choose-all question's people overlap between options: count one option only")
    if total == 0:
        return NO_ANSWERS
    numerator = _known_sum(counts, total, counted)
    if exclusive:
        rest = _known_sum(counts, total, set(counts) - counted)
    else:
        rest = None if numerator is None or total is None else total - numerator
    if total is None or numerator is None or rest is None or min(numerator, rest) < threshold:
        return HIDDEN
    return ShareValue(numerator / (numerator + rest), hidden=False)


def answer_shares(frame: pd.DataFrame, counted: Collection[Hashable], *, options: Sequence[Hashable],
                  threshold: int = DEFAULT_THRESHOLD, periods: Sequence[Hashable] | None = None,
                  ) -> dict[Hashable, ShareValue]:
    """Per period, the share of people whose single-choice answer is one of ``counted``.

    Args:
        frame: One row per person and period: columns ``period`` and ``answer`` (an option; people
            who did not answer are left out).
        counted: The options that count.
        options: Every option of the question, in order (so options nobody chose count as 0).
        threshold: Smallest group a page may print.
        periods: Periods to report, in order (a period without answers gets no share); by default
            those in ``frame``, in order of appearance.

    Returns:
        ``{period: ShareValue}``, each protected with :func:`analysis.equity.distribution` and then
        :func:`protected_share`.
    """
    missing = {"period", "answer"} - set(frame.columns)
    if missing:
        raise ValueError(f"the answers frame needs the columns {sorted(missing)!r}")
    order = list(periods) if periods is not None else list(dict.fromkeys(frame["period"]))
    shares: dict[Hashable, ShareValue] = {}
    for period in order:
        answers = frame.loc[frame["period"] == period, "answer"]
        if answers.empty:
            shares[period] = NO_ANSWERS
            continue
        protected = distribution(answers, threshold, categories=list(options))
        counts = {key: None if pd.isna(n) else int(n) for key, n in protected.counts.items()}
        shares[period] = protected_share(counts, protected.total, counted, threshold)
    return shares


def _known_sum(counts: Mapping[Hashable, int | None], total: int | None, outcomes: set) -> int | None:
    """The people in ``outcomes`` when the shown numbers tell it: all their counts are shown, or all
    the other counts are shown beside a shown total. ``None`` otherwise."""
    inside = [counts[key] for key in outcomes]
    if all(n is not None for n in inside):
        return sum(inside)
    outside = [n for key, n in counts.items() if key not in outcomes]
    if total is not None and all(n is not None for n in outside):
        return total - sum(outside)
    return None
