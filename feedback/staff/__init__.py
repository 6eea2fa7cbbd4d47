"""Staff workspace under ``/staff/``: one small module of views per job.

=================  ==========================================================================
``auth``           sign in, sign out, change your own password
``surveys``        dashboard, a survey's page, open/close, waves, responses, preview
``builder``        the survey builder's page, its shared steps, the survey's title and languages
``builder_edits``  the builder's pages and questions: add, edit, move, remove, when shown
``builder_start``  a new survey; the definition as JSON (download, import); old editor addresses
``themes``         find themes, follow a run, theme reports, question summaries, a theme's answers
``trends``         a question's themes across waves, and a group compared with everyone else
``curate``         rename, merge, split, hide, show a theme; move an answer
``exports``        report and responses downloads
``people``         admins add people, reset passwords, deactivate accounts
``actions``        the actions board, an action with the voice behind it, adding and editing one
``measures``       shared measures: their progress toward targets, defining one, entering outcome values
``publishing``     the public page: turn it off or on, publish or withdraw a quote
``occupations``    the review queue of typed job titles; the partnership's OEWS area (settings)
``gaps``           the gap report (demand against supply per occupation) and its downloads
``xlsforms``       import an XLSForm as a draft survey; download a survey as an XLSForm
``devices``        OpenRosa device keys for ODK Collect, KoboCollect and Enketo: add, list, revoke
``imports``        import past answers from another tool's file: upload, map, check, import, undo
``analysis_words`` the ``analysis_label`` filter: labels ``analysis`` writes, in the reader's words
``job_messages``   a theme run's or split's progress message in the reader's language
``tokens``         personal API tokens: make one (shown once), list, revoke
``translations``   a survey's texts for a translator: download as XLIFF or PO, import the translation
=================  ==========================================================================

Every view is the same few steps: load the objects named in the URL through :mod:`feedback.access`
(which checks the person may), parse the form or query string, call one service
(:mod:`feedback.services`) or query (:mod:`feedback.queries`), then render or redirect. **A view that
changes something commits once**, right after its service returned; services only flush, and a refused
action (``ActionRefused``) is not committed. GET views never write, except the audit line of a download
of individual answers (:func:`feedback.services.audit.record_access`).
"""

from . import (  # noqa: F401  (views attach to bp)
    actions,
    analysis_words,
    auth,
    builder,
    builder_edits,
    builder_start,
    curate,
    devices,
    exports,
    gaps,
    helpers,
    imports,
    job_messages,
    measures,
    occupations,
    people,
    publishing,
    surveys,
    themes,
    tokens,
    translations,
    trends,
    xlsforms,
)
from .blueprint import bp

__all__ = ["bp"]
