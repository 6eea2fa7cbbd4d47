"""Language: tell English from Spanish answer by answer.

Partnerships serve Spanish speakers, and an answer's language decides which stopwords, lemmas and
sentiment model apply to it. A stopword-and-dictionary vote is enough for two languages and short texts,
needs no model download, and is fast enough for 300,000 answers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

__all__ = ["SUPPORTED_LANGUAGES", "Language", "detect_language"]

Language = Literal["en", "es"]
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "es")

_ES_MARKS_RE = re.compile("[ñ¿¡áéíóú]")


@lru_cache(maxsize=1)
def _exclusive_stopwords() -> tuple[frozenset[str], frozenset[str]]:
    from stop_words import get_stop_words

    en = {w.replace("'", "") for w in get_stop_words("en")}
    es = set(get_stop_words("es"))
    return frozenset(en - es), frozenset(es - en)


@lru_cache(maxsize=100_000)
def _known_es_minus_en(word: str) -> int:
    """+1 when only Spanish knows ``word``, -1 when only English does, else 0 (cached: words repeat)."""
    import simplemma

    return int(simplemma.is_known(word, lang="es")) - int(simplemma.is_known(word, lang="en"))


def detect_language(text: str, default: Language = "en") -> Language:
    """Guess whether ``text`` is English or Spanish.

    Votes with three signals: function words found only in one language's stopword list, letters and
    marks only Spanish uses (ñ, ¿, accents), and, when those do not decide, how many of the first words
    simplemma's English and Spanish dictionaries know.
    Ties, and texts with no words, get ``default``.

    Args:
        text: one answer.
        default: the language to return when the signals do not decide.

    Returns:
        ``"en"`` or ``"es"``.
    """
    lowered = text.lower()
    lowered = lowered[:300]  # the first sentences decide; long answers need not be read to the end
    words = [w.strip(".,;:!?¡¿()\"'") for w in lowered.split()]
    words = [w for w in words if w]
    if not words:
        return default
    en_sw, es_sw = _exclusive_stopwords()
    score = sum(w in es_sw for w in words) - sum(w.replace("'", "").replace("’", "") in en_sw for w in words)
    score += 1.5 * len(_ES_MARKS_RE.findall(lowered))
    if abs(score) < 2:
        # Function words did not settle it (short answers often have none): ask simplemma's dictionaries
        # how many of the first words each language knows.
        sample = [w for w in words if w.isalpha() and len(w) > 2][:12]
        if sample:
            known = sum(_known_es_minus_en(w) for w in sample)
            score += 2.0 * known / len(sample) * min(len(sample), 4)
    if score > 0:
        return "es"
    if score < 0:
        return "en"
    return default
