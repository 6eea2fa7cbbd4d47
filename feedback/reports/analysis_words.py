"""The words ``analysis`` writes into what staff read (a group of small groups, a theme name's language
note), in the reader's language.

``analysis`` speaks English only and knows no reader: its labels reach tables and theme names as
English text, and downloads keep them so. A staff page says them again through the catalogs by
recognising each one; any other label is data (a theme's name, an answer) and is shown as written.
Templates use it as the ``analysis_label`` filter (registered by :mod:`feedback.staff`).
"""

from __future__ import annotations

import re

from flask_babel import gettext

from analysis.equity import FOLDED_LABEL, MISSING_LABEL, SMALL_GROUPS_LABEL
from analysis.language import LANGUAGE_NAMES
from surveys.catalog import N_

from ..interface_language import interface_locale

__all__ = ["analysis_label"]

SMALL_GROUPS = re.compile(re.escape(SMALL_GROUPS_LABEL).replace(r"\{threshold\}", r"(?P<threshold>\d+)")
                          + r"(?P<all>(?: \(all\))*)")
"""The group :func:`analysis.equity.crosstab` makes of every group below the threshold."""
NOTE = re.compile(r"(?P<label>.+) \((?:gloss: (?P<words>[^()]*)|in (?P<language>"
                  + "|".join(map(re.escape, LANGUAGE_NAMES.values())) + r"))\)")
"""A theme name's note for English readers: "Citas médicas (gloss: appointment, doctor)", "Nhà trẻ (in Vietnamese)"."""
LABELS = {FOLDED_LABEL: N_("Other answers and smaller themes"), MISSING_LABEL: N_("Not answered"),
          # The theme of answers that fit no other, named by the theme run (feedback.jobs.theme_run) in English.
          "Other answers": N_("Other answers")}
LANGUAGES = {"English": N_("English"), "Spanish": N_("Spanish"), "Chinese": N_("Chinese"),
             "Vietnamese": N_("Vietnamese"), "Arabic": N_("Arabic"), "Haitian Creole": N_("Haitian Creole")}


def analysis_label(label: object) -> object:
    """``label`` in the reader's language when ``analysis`` wrote it; anything else as it is."""
    if not isinstance(label, str) or interface_locale() == "en":
        return label
    if label in LABELS:
        return gettext(LABELS[label])
    small = SMALL_GROUPS.fullmatch(label)
    if small:
        return gettext("Other groups (fewer than %(threshold)s each)", threshold=small["threshold"]) \
            + small["all"].replace(" (all)", " " + gettext("(all)"))
    noted = NOTE.fullmatch(label)
    if noted and noted["words"] is not None:
        return gettext("%(name)s (gloss: %(words)s)", name=noted["label"], words=noted["words"])
    if noted:
        language = noted["language"]
        named = gettext(LANGUAGES[language]) if language in LANGUAGES else language
        # Spanish, the staff language besides English, writes a language's name in lower case in a sentence.
        return gettext("%(name)s (in %(language)s)", name=noted["label"], language=named.lower())
    return label
