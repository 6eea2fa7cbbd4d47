"""A partnership's own codings laid over the shared coder, without refitting it.

Staff who review coded job titles teach Chorus their region's words ("Float Tech" is a nursing
assistant here). :class:`OccupationCoder` accepts such corrections, but fitting it takes seconds, too
slow to do on every page after a correction. :class:`CorrectedCoder` keeps the one shared fitted coder
and looks each title's normalised form up in the partnership's corrections first: a title that
normalises like a corrected one ("float tech - nights" like "Float Tech") is coded as corrected, with
score 1.0, ``method == "correction"`` and no need for review, as the coder itself would.

Corrections are stored by :func:`correction_key`: the title with case, accents, punctuation and spacing
folded, and nothing else removed. The coder's own normalisation drops shift and pool words and spells
out abbreviations ("Float Tech" becomes "technician"), which is right for matching reference titles but
would make one correction recode every "Tech". A title is looked up whole, then by its first part
("Float Tech - nights" finds "float tech").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace

from .coder import Candidate, Match, OccupationCoder, load_coder

__all__ = ["KEY_LENGTH", "CorrectedCoder", "correction_key", "lookup_keys"]

KEY_LENGTH = 200
"""Longest stored key (the database column's length)."""


_FIRST_PART = re.compile(r"\s[-\u2013\u2014/|]\s|[,;(\[]")


def correction_key(text: str | None) -> str:
    """The folded form of a typed title under which a correction is stored ("" for no words)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())[:KEY_LENGTH]


def lookup_keys(text: str | None) -> list[str]:
    """The keys a title is looked up by: the whole title, then its first part."""
    whole = correction_key(text)
    first = correction_key(_FIRST_PART.split(text or "", maxsplit=1)[0])
    return [key for key in dict.fromkeys([whole, first]) if key]


class CorrectedCoder:
    """The shared coder with a partnership's corrections (normalised title → SOC code) winning first.

    Args:
        corrections: :func:`correction_key` → SOC 2018 detailed code.
        coder: A fitted coder; default the shared :func:`load_coder`.

    Raises:
        ValueError: A correction names a code that is not a SOC 2018 detailed occupation.
    """

    def __init__(self, corrections: Mapping[str, str], coder: OccupationCoder | None = None) -> None:
        self.coder = coder or load_coder()
        unknown = [code for code in corrections.values() if code not in self.coder.occupations_]
        if unknown:
            raise ValueError(f"Not SOC 2018 detailed codes: {sorted(set(unknown))}")
        self.corrections = dict(corrections)

    def corrected_code(self, text: str) -> str | None:
        """The partnership's code for ``text``, when it corrected these words before."""
        return next((self.corrections[k] for k in lookup_keys(text) if k in self.corrections), None)

    def code(self, titles: Iterable[str]) -> list[Match]:
        """Code each title: a corrected one as corrected, the rest as the shared coder does."""
        texts = ["" if t is None else str(t) for t in titles]
        matches = self.coder.code(texts)
        return [self._corrected(text, match) for text, match in zip(texts, matches, strict=True)]

    def suggest(self, text: str, n: int = 5) -> list[Candidate]:
        """Up to ``n`` occupations for a title, the partnership's correction (if any) first."""
        found = self.coder.suggest(text, n)
        code = self.corrected_code(text)
        if code is None:
            return found
        first = Candidate(code, self.coder.title_of(code), 1.0, text)
        return [first, *[c for c in found if c.soc_code != code]][:n]

    def _corrected(self, text: str, match: Match) -> Match:
        code = self.corrected_code(text)
        if code is None:
            return match
        runner = next(((c, t, s) for c, t, s in ((match.soc_code, match.soc_title, match.score),
                                                  (match.runner_up_code, match.runner_up_title,
                                                   match.runner_up_score)) if c and c != code),
                      (None, None, 0.0))
        return replace(match, soc_code=code, soc_title=self.coder.title_of(code), score=1.0, matched_title=text,
                       runner_up_code=runner[0], runner_up_title=runner[1], runner_up_score=runner[2],
                       needs_review=False, method="correction")
