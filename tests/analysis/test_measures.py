"""Answer-based measures: a share per wave, hidden whenever printing it would expose a small group."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures import answer_shares, protected_share

OPTIONS = ["childcare", "transport", "schedule", "none"]


def answers(period: str, **counts: int) -> pd.DataFrame:
    rows = [(period, option) for option, n in counts.items() for _ in range(n)]
    return pd.DataFrame(rows, columns=["period", "answer"])


def test_a_share_is_given_per_wave_when_both_groups_are_large_enough():
    frame = pd.concat([answers("Spring", childcare=12, transport=20, schedule=8),
                       answers("Fall", childcare=6, transport=24, schedule=10)])
    shares = answer_shares(frame, ["childcare"], options=OPTIONS, threshold=5)
    assert list(shares) == ["Spring", "Fall"]
    assert shares["Spring"].share == pytest.approx(12 / 40)
    assert shares["Fall"].percent == pytest.approx(15.0)


def test_a_share_counting_too_few_people_is_hidden():
    shares = answer_shares(answers("Spring", childcare=3, transport=30, schedule=9), ["childcare"],
                           options=OPTIONS, threshold=5)
    assert shares["Spring"].share is None and shares["Spring"].hidden


def test_a_share_whose_rest_is_too_few_is_hidden():
    """97% of 100 tells the reader that three people answered otherwise."""
    shares = answer_shares(answers("Spring", childcare=97, transport=3), ["childcare"], options=OPTIONS, threshold=5)
    assert shares["Spring"].hidden and shares["Spring"].share is None


def test_a_wave_without_answers_has_no_share_and_is_not_called_hidden():
    shares = answer_shares(answers("Spring", childcare=10, transport=10), ["childcare"], options=OPTIONS,
                           threshold=5, periods=["Spring", "Fall"])
    assert shares["Fall"].share is None and not shares["Fall"].hidden


def test_counting_several_answers_adds_them_up():
    shares = answer_shares(answers("Spring", childcare=12, transport=20, schedule=8), ["childcare", "schedule"],
                           options=OPTIONS, threshold=5)
    assert shares["Spring"].share == pytest.approx(20 / 40)


def test_a_share_never_undoes_the_reports_protection():
    """The summary hides transport (3) and schedule (hidden with it); counting childcare and transport
    would print 23 beside a shown 20 and reveal transport = 3."""
    counts = {"childcare": 20, "transport": None, "schedule": None, "none": 15}
    assert protected_share(counts, 45, ["childcare", "transport"], threshold=5).hidden
    # All the hidden counts on one side: the share adds nothing the report does not already let anyone work out.
    both_hidden = protected_share(counts, 45, ["transport", "schedule"], threshold=5)
    assert both_hidden.share == pytest.approx(10 / 45)
    assert protected_share(counts, 45, ["childcare"], threshold=5).share == pytest.approx(20 / 45)


def test_a_hidden_total_hides_the_share():
    assert protected_share({"a": None, "b": None}, None, ["a"], threshold=5).hidden


def test_a_choose_all_question_counts_one_answer_against_the_people_who_answered():
    share = protected_share({"a": 10, "b": 30}, 35, ["a"], threshold=5, exclusive=False)
    assert share.share == pytest.approx(10 / 35)
    assert protected_share({"a": 32, "b": 30}, 35, ["a"], threshold=5, exclusive=False).hidden  # 3 did not
    with pytest.raises(ValueError, match="one option"):
        protected_share({"a": 10, "b": 30}, 35, ["a", "b"], threshold=5, exclusive=False)


def test_unknown_or_no_counted_outcome_is_an_error():
    with pytest.raises(ValueError):
        protected_share({"a": 10}, 10, [], threshold=5)
    with pytest.raises(ValueError, match="unknown"):
        protected_share({"a": 10}, 10, ["b"], threshold=5)
