"""A background job's progress message in the reader's language.

A theme run or a split job stores its message in English (``feedback.jobs``, and the engine's own steps
in ``analysis``): the API, the command line and the logs read it so, and a worker has no reader to
speak to. A staff page says it again in the reader's language by matching it against the messages the
jobs and the engine write; a message none matches (an error's own words) is shown as stored.
"""

from __future__ import annotations

import re

from flask_babel import gettext

from surveys.catalog import N_

from .blueprint import bp

__all__ = ["job_message"]

NUMBER = r"[\d,]+"
_MESSAGES: tuple[tuple[str, str], ...] = (
    # feedback.jobs: the run's or the split's own steps
    (r"Waiting for a worker", N_("Waiting for a worker")),
    (r"Starting", N_("Starting")),
    (r"Reading answers", N_("Reading answers")),
    (rf"Found (?P<themes>{NUMBER}) themes in (?P<answers>{NUMBER}) answers", N_("Found %(themes)s themes in "
                                                                              "%(answers)s answers")),
    ((rf"Found (?P<themes>{NUMBER}) themes in (?P<answers>{NUMBER}) answers\. Some earlier curation no longer "
      r"applies: (?P<skipped>.*)"),
     N_("Found %(themes)s themes in %(answers)s answers. Some earlier curation no longer applies: %(skipped)s")),
    (r"The analysis failed: (?P<error>.*)", N_("The analysis failed: %(error)s")),
    (r"The analysis did not finish in time \(its worker may have stopped\)\. Start it again\.",
     N_("The analysis did not finish in time (its worker may have stopped). Start it again.")),
    (r"The analysis could not be queued \((?P<error>\w+)\); try again shortly\.",
     N_("The analysis could not be queued (%(error)s); try again shortly.")),
    (r"The split could not be queued \((?P<error>\w+)\); try again shortly\.",
     N_("The split could not be queued (%(error)s); try again shortly.")),
    (r"Finding smaller themes among the answers in “(?P<theme>.*)”",
     N_("Finding smaller themes among the answers in “%(theme)s”")),
    (r"“(?P<theme>.*)” split into (?P<count>\d+) themes; this is the largest\.",
     N_("“%(theme)s” split into %(count)s themes; this is the largest.")),
    (r"The split failed: (?P<error>.*)", N_("The split failed: %(error)s")),
    (r"The split did not finish in time \(its worker may have stopped\)\. Ask for it again\.",
     N_("The split did not finish in time (its worker may have stopped). Ask for it again.")),
    # analysis: the engine's steps (analysis.engine, analysis.coding, analysis.codebook)
    (rf"Cleaning (?P<count>{NUMBER}) answers", N_("Cleaning %(count)s answers")),
    (r"Detecting languages and processing text", N_("Detecting languages and processing text")),
    (r"Clustering", N_("Clustering")),
    (r"Clustering and choosing the number of themes", N_("Clustering and choosing the number of themes")),
    (r"Labelling themes, choosing quotes, scoring sentiment", N_("Labelling themes, choosing quotes, scoring sentiment")),
    (rf"Representing (?P<count>{NUMBER}) distinct answers with (?P<method>.+)",
     N_("Representing %(count)s distinct answers with %(method)s")),
    (rf"Choosing the number of themes on (?P<count>{NUMBER}) sampled answers",
     N_("Choosing the number of themes on %(count)s sampled answers")),
    (rf"Coding (?P<count>{NUMBER}) answers against (?P<codes>{NUMBER}) codes",
     N_("Coding %(count)s answers against %(codes)s codes")),
    (rf"(?P<count>{NUMBER}) distinct answers fit no code", N_("%(count)s distinct answers fit no code")),
    (r"Describing codes and proposed themes, choosing quotes, scoring sentiment",
     N_("Describing codes and proposed themes, choosing quotes, scoring sentiment")),
    (rf"Reading (?P<count>{NUMBER}) answers against (?P<known>{NUMBER}) known themes",
     N_("Reading %(count)s answers against %(known)s known themes")),
    (rf"(?P<count>{NUMBER}) answers fit no known theme", N_("%(count)s answers fit no known theme")),
    (r"Describing themes, choosing quotes, scoring sentiment", N_("Describing themes, choosing quotes, scoring sentiment")),
)
MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), msgid) for pattern, msgid in _MESSAGES)
"""Each message a job or the engine writes, as a pattern of the stored English and its catalog text."""


@bp.app_template_filter()
def job_message(stored: str | None) -> str:
    """``stored`` (a job's English message) in the reader's language; as stored when no pattern fits."""
    for pattern, msgid in MESSAGES:
        found = pattern.fullmatch(stored or "")
        if found:
            return gettext(msgid, **found.groupdict())
    return stored or ""
