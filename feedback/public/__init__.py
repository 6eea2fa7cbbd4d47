"""Pages anyone may read without signing in: a partnership's "you said, we did" page at ``/p/<slug>``.

- :mod:`.pages` — the page itself: what the partnership heard, what it is doing, how it measures it;
- :mod:`.strings` — the page's words in English and Spanish.

Like the survey pages they need no JavaScript, stay light and speak the language the person chose
(the same switch, :mod:`feedback.respondent.language`). Unlike them they hold nothing personal, so a
shared cache may keep them for a short while.
"""

from . import pages  # noqa: F401  (attaches its views to bp)
from .blueprint import bp

__all__ = ["bp"]
