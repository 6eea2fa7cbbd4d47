"""Pages for the people who answer surveys: no account, no JavaScript needed.

One module per job, each attaching its views to :data:`bp` (defined in :mod:`.blueprint`):

- :mod:`.start` — the open surveys, a survey's start page, starting a response, thank-you;
- :mod:`.answering` — one page of questions at a time and what each of its buttons does;
- :mod:`.resume` — save and finish later, "Continue", and continuing with a resume code;
- :mod:`.qr` — the QR codes staff print;
- :mod:`.hooks` — what surrounds every page (template helpers, a clean address, no shared caching).

Beside them: :mod:`.progress` (the response this browser works on, kept only as long as its person
plausibly is still there), :mod:`.language` (which language a page speaks), :mod:`.limits` (the rate
limit shared with the API), :mod:`.forms` and :mod:`.strings` (the pages' words). Views stay thin: load
the survey or show a friendly page, validate through :mod:`surveys.responses` (the API's path too),
call one service, commit once, redirect.
"""

from . import answering, hooks, qr, resume, start  # noqa: F401  (each attaches its views to bp)
from .blueprint import bp

__all__ = ["bp"]
