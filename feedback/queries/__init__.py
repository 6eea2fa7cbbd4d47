"""Database reads for staff pages: counts are SQL ``GROUP BY``s, statistics live in ``analysis``.

Nothing here writes: not a cache, not an audit line (those are :mod:`feedback.services`). A page's
query count does not grow with its rows (``tests/staff/test_query_counts.py``).

- :mod:`.counts` — surveys with their response counts, for the dashboard and a survey's page
- :mod:`.responses` — filtered pages of responses, their answers in words, and the responses export
- :mod:`.themes` — theme runs, which reports exist, and the answers in a theme
- :mod:`.people` — the members of a partnership
"""
