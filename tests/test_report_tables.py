"""Breakdown tables as staff read them: a hidden number never claims to be small."""

from __future__ import annotations

import pandas as pd

from analysis.equity import crosstab
from feedback.reports import HIDDEN_LABEL, hidden_note, protected_tables


def table_of(counts: dict[tuple[str, str], int], threshold: int = 5):
    """One rendered table from ``{(group, theme): answers}``."""
    rows = [pair for pair, n in counts.items() for _ in range(n)]
    breakdown = crosstab(pd.DataFrame(rows, columns=["group", "theme"]), "group", "theme", threshold=threshold)
    (table,) = protected_tables([("Partner link", breakdown)])
    by_theme = {row[0]: dict(zip(table.groups, row[1:], strict=True)) for row in table.rows}
    return {group: {theme: by_theme[theme][group] for theme in by_theme} for group in table.groups}


def test_a_large_number_hidden_to_protect_a_small_one_is_not_called_small():
    cells = table_of({
        ("Casa de Familia", "Childcare"): 60, ("Casa de Familia", "Getting there"): 45,
        ("Direct link", "Childcare"): 44, ("Direct link", "Getting there"): 50,
        ("Mesa College", "Childcare"): 3, ("Mesa College", "Getting there"): 40,
    })
    # 3 is hidden, and so are 44, 50 and 40, or the 3 would be the total minus the rest.
    assert cells["Mesa College"]["Childcare"] == HIDDEN_LABEL
    assert cells["Direct link"]["Childcare"] == HIDDEN_LABEL
    assert cells["Casa de Familia"]["Childcare"] == "60 (57%)"
    assert not any("fewer" in text for row in cells.values() for text in row.values())


def test_every_hidden_cell_looks_the_same_so_none_points_at_the_small_one():
    cells = table_of({
        ("English", "Childcare"): 44, ("English", "Getting there"): 50,
        ("Spanish", "Childcare"): 2, ("Spanish", "Getting there"): 40,
    })
    hidden = [text for row in cells.values() for text in row.values() if not text[:1].isdigit()]
    assert len(hidden) >= 2 and set(hidden) == {HIDDEN_LABEL}


def test_the_note_gives_both_reasons_a_number_is_hidden():
    note = hidden_note(5)
    assert note.startswith("* ") and HIDDEN_LABEL.endswith("*")
    assert "fewer than 5 answers" in note and "would reveal one" in note


def test_the_page_text_is_what_the_equity_lens_renders_and_the_numbers_stay_numbers():
    rows = [("English", "Childcare")] * 44 + [("English", "Getting there")] * 50 + \
        [("Spanish", "Childcare")] * 2 + [("Spanish", "Getting there")] * 40 + [("Mesa", "Childcare")] * 9
    breakdown = crosstab(pd.DataFrame(rows, columns=["group", "theme"]), "group", "theme", threshold=5)
    (table,) = protected_tables([("Language", breakdown)])
    rendered = breakdown.render(shares=True, label=HIDDEN_LABEL)
    # one row per theme, one column per group: the equity lens's table turned on its side
    assert table.rows == [[str(theme), *values] for theme, values in zip(rendered.columns, rendered.T.values.tolist())]
    assert table.groups[-1] == "Total" and table.columns[-1] == "Total"
    assert all(count is None or type(count) is int for row in table.counts for count in row)
    assert all((count is None) <= (share is None) for counts, shares in zip(table.counts, table.shares)
               for count, share in zip(counts, shares))
