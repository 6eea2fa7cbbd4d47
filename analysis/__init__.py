"""Chorus analysis: turn survey answers into themes, numbers and comparisons, without the web app.

This package imports nothing from ``surveys`` or ``feedback`` and never Flask, WTForms or SQLAlchemy:
DataFrames and dataclasses go in and come out, so every result can be computed and tested on its own.
Importing it does no work; heavy libraries load when a step first runs.
"""

from .cleaning import NON_ANSWER_REASONS, duplicate_key, non_answer_reason, normalize_text, redact_pii
from .clustering import AutoKMeans, Clusterer, place_answers
from .describe import (
    SIMILAR_THEMES_ABOVE,
    SimilarThemes,
    ThemeDescription,
    ThemeDescriptions,
    describe_themes,
)
from .engine import OTHER_THEME_ID, Theme, ThemeFinder, ThemeResult, Topic, find_themes
from .io import AnswersFile, AnswersFileError, read_answers_csv
from .labels import ClassTfidfLabeler
from .language import detect_language
from .representation import Embeddings, Representation, TfidfLSA
from .sentiment import SentimentScorer
from .text import TextProcessor

__all__ = [
    "NON_ANSWER_REASONS",
    "OTHER_THEME_ID",
    "SIMILAR_THEMES_ABOVE",
    "AnswersFile",
    "AnswersFileError",
    "AutoKMeans",
    "ClassTfidfLabeler",
    "Clusterer",
    "Embeddings",
    "Representation",
    "SentimentScorer",
    "SimilarThemes",
    "TextProcessor",
    "TfidfLSA",
    "Theme",
    "ThemeDescription",
    "ThemeDescriptions",
    "ThemeFinder",
    "ThemeResult",
    "Topic",
    "describe_themes",
    "detect_language",
    "duplicate_key",
    "find_themes",
    "non_answer_reason",
    "normalize_text",
    "place_answers",
    "read_answers_csv",
    "redact_pii",
]
