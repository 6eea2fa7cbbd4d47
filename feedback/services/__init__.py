"""The actions staff take, one function each: open a survey, start a wave, add a person, rename a theme.

Rules for every service:

- It changes the session and **flushes; it never commits**. The view that called it commits once, after
  the one service it called, so an action and its audit line are stored together or not at all.
- It takes loaded objects (checked by :mod:`feedback.access`) and plain values parsed by the view, never
  the request.
- When the action cannot be done it raises :class:`ActionRefused` with a message for the person. The view
  then does not commit, so whatever the service had flushed is rolled back when the request ends.

Jobs that outlive the request (theme runs, theme splits) are queued only once the view's commit
succeeds; see :mod:`feedback.jobs`.
"""

from __future__ import annotations


class ActionRefused(ValueError):
    """An action that cannot be done as asked; ``str(error)`` says why, in words for the person.

    ``problems`` holds every reason when there are several (a survey definition with many mistakes);
    ``field`` names the form field the message belongs beside, when there is one.
    """

    def __init__(self, message: str, *, problems: list[str] | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]
        self.field = field


__all__ = ["ActionRefused"]
