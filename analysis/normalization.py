"""Text normalisation shared by every cleaning step: one Unicode form, and a key for near-duplicates."""

from __future__ import annotations

import math
import re
import unicodedata

__all__ = ["duplicate_key", "fold", "normalize_text"]

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def normalize_text(text: object) -> str:
    """Return ``text`` as clean Unicode: NFKC form, invisible characters dropped, whitespace collapsed.

    Exports from survey tools carry non-breaking spaces, zero-width joiners and full-width characters;
    normalising them first means the same words always look the same to every later step.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    s = str(text)
    if not s.isascii():
        s = _INVISIBLE.sub("", unicodedata.normalize("NFKC", s))
    return " ".join(_CONTROL.sub(" ", s).split())


def fold(text: str) -> str:
    """Lower case without accents: "Guardería" and "guarderia" are the same word to a respondent."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def duplicate_key(text: str) -> str:
    """Return a key under which near-duplicate answers coincide.

    Case, accents, punctuation, spacing and letters held down ("sooo") do not change what an answer says;
    answers with the same key are counted once and clustered once, so a pasted answer cannot pull a theme
    towards itself.
    """
    s = fold(text)
    s = s.translate(_NOT_WORD_ASCII) if s.isascii() else _NOT_WORD.sub(" ", s)
    s = _HELD_DOWN.sub(r"\1", s)
    return " ".join(s.split())


_NOT_WORD = re.compile(r"[^\w\s]|_")
_HELD_DOWN = re.compile(r"(\w)\1{2,}")
# What _NOT_WORD blanks in ASCII text, as a table for str.translate (several times faster; the engine keys
# every answer).
_NOT_WORD_ASCII = {code: " " for code in range(128) if _NOT_WORD.match(chr(code))}
