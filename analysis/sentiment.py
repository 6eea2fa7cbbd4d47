"""Sentiment: how positive or negative each answer sounds, with NLTK's VADER, offline.

NLTK normally downloads VADER's lexicon; here no downloader is used. The lexicon ships inside the
``vaderSentiment`` package from PyPI; on first use it is copied into a project-owned NLTK data folder
(``$CHORUS_NLTK_DATA`` or the user's cache) in the layout NLTK expects, and NLTK's analyser loads it
from there.

VADER is an English lexicon. Scoring a Spanish answer with it would look like a number while meaning
nothing, so Spanish answers get no score (``None``) and every summary reports how many answers it rests
on.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

__all__ = ["SentimentScorer", "vader_data_dir", "NEGATIVE_BELOW", "POSITIVE_ABOVE"]

NEGATIVE_BELOW = -0.05
"""VADER's own convention: a compound score at or below this is negative."""
POSITIVE_ABOVE = 0.05
"""... and at or above this, positive."""


def vader_data_dir() -> Path:
    """Return the project's NLTK data folder holding VADER's lexicon, building it on first use.

    The folder is ``$CHORUS_NLTK_DATA`` when set, else ``~/.cache/chorus/nltk_data``.
    """
    root = Path(os.environ.get("CHORUS_NLTK_DATA") or Path.home() / ".cache" / "chorus" / "nltk_data")
    target = root / "sentiment" / "vader_lexicon.zip"
    if not target.exists():
        import vaderSentiment

        source = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(source, "vader_lexicon/vader_lexicon.txt")
        os.replace(partial, target)  # atomic, so two processes building at once cannot corrupt it
    return root


@lru_cache(maxsize=1)
def _analyzer():
    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    root = str(vader_data_dir())
    # NLTK only opens resources found under its data path; adding our folder is how NLTK means data
    # folders to be registered, and it is done on first use, not at import.
    if root not in nltk.data.path:
        nltk.data.path.append(root)
    return SentimentIntensityAnalyzer(lexicon_file="sentiment/vader_lexicon.zip/vader_lexicon/vader_lexicon.txt")


class SentimentScorer:
    """Score answers with VADER's compound score (-1 very negative … +1 very positive).

    Args:
        languages: the languages scored; others get ``None``. VADER's lexicon is English only.
    """

    def __init__(self, languages: Sequence[str] = ("en",)) -> None:
        self.languages = languages

    def score(self, texts: Sequence[str], languages: Sequence[str]) -> list[float | None]:
        """Return one compound score per answer, or ``None`` where its language cannot be scored."""
        if not any(lang in self.languages for lang in languages):
            return [None] * len(texts)
        analyzer = _analyzer()
        return [
            round(analyzer.polarity_scores(t)["compound"], 4) if lang in self.languages else None
            for t, lang in zip(texts, languages)
        ]
