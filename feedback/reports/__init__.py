"""What staff read: theme reports, closed-question summaries and their downloads.

Every number these print (theme sizes, shares, totals, each breakdown cell, chart bars, download
cells) comes out of one call to ``analysis.equity.protect_breakdowns`` per report, so headline and
tables are protected together and no page or download computes a count of its own.

=================  ===================================================================================
``breakdowns``     the equity lens: protected tables by language, partner link, demographic questions
``theme_numbers``  a theme run's protected numbers and chart, computed once and kept on the run
``themes``         a theme report from a stored run, as pages read it
``downloads``      a theme report as one long table of numbers
``summaries``      choice, scale and number questions
``analysis_words`` the labels ``analysis`` writes (small groups, language notes), in the reader's words
=================  ===================================================================================
"""

from .breakdowns import (
    HIDDEN_LABEL,
    LANGUAGE_NAMES,
    NO_SOURCE,
    BreakdownTable,
    group_breakdowns,
    hidden_note,
    hidden_reason,
    option_label,
    protected_tables,
)
from .downloads import report_table
from .summaries import QuestionSummary, question_summary, summary_kind
from .theme_numbers import assignment_frame, refresh_report_cache
from .themes import ThemeLine, ThemeReport, theme_report

__all__ = [
    "HIDDEN_LABEL",
    "LANGUAGE_NAMES",
    "NO_SOURCE",
    "BreakdownTable",
    "QuestionSummary",
    "ThemeLine",
    "ThemeReport",
    "assignment_frame",
    "group_breakdowns",
    "hidden_note",
    "hidden_reason",
    "option_label",
    "protected_tables",
    "question_summary",
    "refresh_report_cache",
    "report_table",
    "summary_kind",
    "theme_report",
]
