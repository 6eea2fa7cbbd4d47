"""Synthetic open-ended answers for the demo partnership, analysis tests and benchmarks.

What respondents say is data (``data/*.json``, described in ``data/README.md``); :mod:`.answers` composes
answers from it with the standard library alone, so a benchmark or an analysis test can draw answers
without loading Flask or a database. The web application's demo loader writes them to the database.
"""

from .answers import labelled_open_answers, open_answers, themes, topics

__all__ = ["labelled_open_answers", "open_answers", "themes", "topics"]
