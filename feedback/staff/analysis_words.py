"""The ``analysis_label`` template filter: the words ``analysis`` writes, in the reader's language
(:func:`feedback.reports.analysis_words.analysis_label`)."""

from __future__ import annotations

from ..reports.analysis_words import analysis_label
from .blueprint import bp

bp.app_template_filter("analysis_label")(analysis_label)
