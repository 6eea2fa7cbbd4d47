"""A theme report as one long table for CSV, Excel and JSON downloads: the same protected numbers as
the page, as numbers."""

from __future__ import annotations

import pandas as pd

from analysis.equity import FOLDED_LABEL

from .breakdowns import hidden_reason
from .themes import ThemeReport

METHOD_PARAMETERS = ("representation", "representation_reason", "k_choice", "k")
"""How the themes were found, in the engine's own terms: exported for analysts, not shown on the page."""
EXPORT_COLUMNS = ["table", "group", "theme", "answers", "share", "answers hidden", "mentions", "mentions hidden",
                  "sentiment", "key terms", "quotes", "not useful"]
COUNT_NOTE = ("answers: each answer counted once, in its main theme (shares and every breakdown count these). "
              "mentions (Themes only): the answers plus those mainly about another theme that speak of this one "
              "too, so an answer about two themes is a mention of both.")
SHARE_NOTE = ("share: a fraction between 0 and 1. Under Themes, of all answers in themes; in a breakdown, of "
              "the group's answers (in its Total row and Total column, of all answers).")


def report_table(report: ThemeReport, *, with_quotes: bool = True) -> pd.DataFrame:
    """The report as one long table for exports: a block of themes, then every cell of each breakdown.

    Numbers are numbers, so a spreadsheet or a program can use them: ``answers`` a whole number,
    ``share`` a fraction, ``sentiment`` between -1 and 1. What the page hides is hidden here too: its
    ``answers`` and ``share`` are empty and ``answers hidden`` is true (small themes are counted only
    inside the folded line; their names and key terms only ``with_quotes``, for roles that may read
    answers). Rows under ``table = "Note"`` explain shares and hidden numbers; rows under
    ``table = "Method"`` say how the themes were found. Themes also carry ``mentions`` (answers plus
    answers mainly about another theme that speak of this one), empty with ``mentions hidden`` true
    where printing them would reveal a small group, as on the page.
    """
    rows = []

    def add(table: str, theme: str, answers: int | None, share: float | None, *, group: str = "",
            **more: object) -> None:
        rows.append({"table": table, "group": group, "theme": theme, "answers": answers,
                     "share": None if share is None else round(share, 4), "answers hidden": answers is None,
                     **more})

    for line in report.themes + report.hidden:
        if line.folded and not with_quotes:
            continue  # a small theme's name and words come from a few answers: only for roles that read them
        theme = line.theme
        mean = (line.sentiment or {}).get("mean")
        add("Themes", theme.label, line.size, report.share(line.size),
            group=FOLDED_LABEL if line.folded else "",
            mentions=line.printed_mentions, **{"mentions hidden": line.mentions_hidden},
            sentiment=None if mean is None else round(float(mean), 3),
            **{"key terms": ", ".join(theme.terms[:10]),
               "quotes": "\n".join(theme.quotes) if with_quotes and not line.folded else None,
               "not useful": bool(theme.hidden)})
    if report.folded:
        add("Themes", FOLDED_LABEL, report.folded_size, report.share(report.folded_size))
    for table in report.tables:
        for group, counts, shares in zip(table.groups, table.counts, table.shares, strict=True):
            for outcome, count, share in zip(table.columns, counts, shares, strict=True):
                add(table.name, outcome, count, share, group=group)
    notes = [COUNT_NOTE, SHARE_NOTE]
    if any(row["answers hidden"] for row in rows):
        notes.append(f"answers hidden: true where the number is {hidden_reason(report.threshold)}")
    if any(row.get("mentions hidden") for row in rows):
        notes.append(f"mentions hidden: true where the number is {hidden_reason(report.threshold)}")
    rows += [{"table": "Note", "theme": note} for note in notes]
    parameters = report.run.parameters or {}
    rows += [{"table": "Method", "theme": f"{name}: {parameters[name]}"}
             for name in METHOD_PARAMETERS if parameters.get(name) not in (None, "")]
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS, dtype=object)

