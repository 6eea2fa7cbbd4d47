"""Second themes from clauses: an answer that says two things is counted in both themes.

:func:`~analysis.clustering.place_answers` flags a second theme when the whole answer's vector is nearly
as close to another centre as to its own. But a vector that averages "the bus takes two hours" with "I
cannot afford child care" sits between the two themes, near neither, so most answers about two concerns
were missed. Here an answer is cut into its clauses (at sentence ends, ";", a spaced dash, and the few
connectors people use to add a point: "also", "but", "plus", ", and", "y también", "pero", "además"),
each clause is embedded with the model the engine used for the answers and placed against the theme
centres, and a clause other than the one about the answer's theme that lands clearly in another theme
makes that theme the answer's second.

The cut is conservative: plain "and" never cuts ("bread and butter", "no car and no bus" stay one
clause), and every clause keeps at least :data:`MIN_CLAUSE_WORDS` words, since two words carry too
little to place. Only answers with two clauses or more are embedded again, so the cost follows the
long answers.

Measured held out (``benchmarks/themes_quality.py --two-themes``: 1,200 generated answers for each of
the seven demo questions, 30 % Spanish, a fifth followed by a second concern the way the demo generator
joins one, test seed; sentence embeddings): 84.5 % of the second themes found are right and 50.7 % of
the two-concern answers get one (the whole-answer rule: 39.3 % and 5.0 %); 2.3 % of one-concern answers
get a second theme (2.3 % too), 7.2 % of those with two clauses or more. About a third of the
two-concern answers cannot be cut: joined by a plain "and", or a second point of one or two words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .representation import Representation
    from .text import TextProcessor

__all__ = [
    "CLAUSE_MARGIN",
    "CLAUSE_RATIO",
    "MIN_CLAUSE_WORDS",
    "Encoder",
    "clause_encoder",
    "second_themes",
    "split_clauses",
]

Encoder = Callable[[list[str], list[str]], np.ndarray]
"""Texts and their languages → one unit-length row per text, in the space of the theme centres.

It takes the languages because an English-only model reads a Spanish text through its glossed words."""

MIN_CLAUSE_WORDS = 3
"""Fewest words a clause keeps; a shorter piece stays joined to its neighbour."""

CLAUSE_RATIO = 0.6
"""Least similarity of a clause to another theme's centre, as a share of that theme's typical member's
similarity (the median over its answers), for that theme to be the answer's second."""

CLAUSE_MARGIN = 0.55
"""For a clause that is only a new sentence (no "also", "plus", "además" announcing a new point): how
much closer it must be to the other theme than to the answer's own, as a share of the other theme's
typical similarity. The other sentences of a one-concern answer (a detail, a consequence, a feeling)
often lean towards a neighbouring theme; a second point leans clearly.

Both chosen on the development seed of the benchmark in the module's docstring (``--split dev``): the
most two-concern answers found while at least 85 % of the second themes found are right, room to stay
above 80 % on answers not seen (0.6/0.5 found 2 points more at 83 % right on dev).
"""

# Every branch starts with a fixed character, which keeps the search fast (100,000 answers a run).
_SENTENCE_END = r"[.!?]\s+|;\s*|\s-+\s"
_CONNECTORS = {
    "en": r",?\s(?:and\s+also|also|but|plus)\s|,\s*and\s",
    "es": r",?\s(?:y\s+tambi[eé]n|pero)\s|,?\sadem[aá]s\b,?\s*|,\s*y\s",
}
_BOUNDARY = {
    language: re.compile(f"{_SENTENCE_END}|{connectors}", re.IGNORECASE)
    for language, connectors in _CONNECTORS.items()
}
# Words that only announce the next point ("Also, I cannot..."): not part of what the clause says.
_LEADING = re.compile(r"^(?:(?:and|also|plus|but|so|y|tambi[eé]n|adem[aá]s|pero)\b[\s,]*)+", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_ADDS = re.compile(
    r"^\W*(?:(?:and|y)\s+)?(?:also|plus|another thing|one more thing|otra cosa|tambi[eé]n|adem[aá]s)\b",
    re.IGNORECASE,
)


def split_clauses(text: str, language: str = "en", min_words: int = MIN_CLAUSE_WORDS) -> list[str]:
    """The clauses of one answer, in order, each of at least ``min_words`` words.

    Cuts at sentence ends, ";", a spaced dash, and the connectors of ``language`` (English for any
    other language); a piece too short to stand alone is joined back to the one before it (the first
    to the one after). An answer that cannot be cut comes back whole, as one clause.
    """
    return [clause for clause, _ in _clauses(text, language, min_words)]


def _clauses(text: str, language: str, min_words: int) -> list[tuple[str, bool]]:
    """Each clause, and whether words that add a point ("also", "plus", "además") set it apart from
    its neighbour (they introduce it or the next clause)."""
    pattern = _BOUNDARY.get(language, _BOUNDARY["en"])
    pieces, start, joint = [], 0, ""
    if not _may_cut(text, language):
        return [(_clean(text), False)]
    for match in pattern.finditer(text):
        pieces.append((start, match.start(), joint))
        start, joint = match.end(), match.group()
    if not pieces:
        return [(_clean(text), False)]
    pieces.append((start, len(text), joint))
    merged: list[list] = []  # [start, end, joint, words] of each clause so far
    for s, e, j in pieces:
        words = _words(text[s:e])
        if merged and merged[-1][3] < min_words:
            merged[-1][1], merged[-1][3] = e, merged[-1][3] + words
        else:
            merged.append([s, e, j, words])
    if len(merged) > 1 and merged[-1][3] < min_words:
        last = merged.pop()
        merged[-1][1] = last[1]
    added = [bool(_ADDS.search(j + " " + text[s : s + 25])) for s, _, j, _ in merged]
    # "Also" sets the points on both its sides apart: the clause before it is a point of its own too.
    beside = [a or (i + 1 < len(added) and added[i + 1]) for i, a in enumerate(added)]
    return [(_clean(text[s:e]), b) for (s, e, _, _), b in zip(merged, beside)]


def _may_cut(text: str, language: str) -> bool:
    """Whether a boundary can be in ``text``: ``False`` only for ASCII text holding none of the marks and
    words every boundary needs (a quick test, as most answers are one clause)."""
    if not text.isascii() or any(mark in text for mark in ".!?;-,"):
        return True
    lowered = text.lower()
    return any(word in lowered for word in _CUT_WORDS.get(language, _CUT_WORDS["en"]))


_CUT_WORDS = {"en": ("also", "but", "plus"), "es": ("tambi", "pero", "adem")}
"""Every connector of :data:`_CONNECTORS` not written with a comma holds one of these."""


def _clean(clause: str) -> str:
    return _LEADING.sub("", clause.strip()).strip(" ,.!?;-")


def _words(clause: str) -> int:
    return len(_WORD.findall(_clean(clause)))


def second_themes(
    texts: Sequence[str],
    languages: Sequence[str],
    encode: Encoder,
    centers: np.ndarray,
    theme: np.ndarray,
    score: np.ndarray,
    ratio: float = CLAUSE_RATIO,
    margin: float = CLAUSE_MARGIN,
    min_words: int = MIN_CLAUSE_WORDS,
) -> np.ndarray:
    """The second theme of each answer from its clauses, or ``-1``.

    Call it after :func:`~analysis.clustering.place_answers` with the same centres, and the themes and
    scores it gave.

    Args:
        texts: the answers (as the engine embedded them).
        languages: each answer's language.
        encode: embeds texts in the space of ``centers`` (the engine's representation).
        centers: one unit-length row per theme, ``0..k-1``.
        theme: each answer's theme; ``-1`` (Other) and themes without a row in ``centers`` (small
            themes gathered later) get no second theme from here.
        score: each answer's similarity to its theme's centre: a theme's median is what a typical
            member reaches, the scale of the bars below.
        ratio: see :data:`CLAUSE_RATIO`.
        margin: see :data:`CLAUSE_MARGIN`.
        min_words: see :func:`split_clauses`.

    Returns:
        One theme per answer (``-1`` for none), never the answer's own theme. The clause most similar to
        the answer's own theme speaks for it; every other clause whose nearest theme is another and
        clears that theme's bars is a candidate, and the one furthest above its bar names the second.
    """
    theme, score = np.asarray(theme), np.asarray(score)
    second = np.full(len(texts), -1)
    k = len(centers)
    typical = np.full(k, np.inf, dtype=np.float32)  # a theme with no typical member is nobody's second
    for c in range(k):
        members = score[theme == c]
        median = float(np.median(members)) if len(members) else 0.0
        if median > 0:
            typical[c] = median
    owners, clauses, clause_languages, adds = [], [], [], []
    for i, (text, language) in enumerate(zip(texts, languages)):
        if not 0 <= theme[i] < k:
            continue
        pieces = _clauses(text, language, min_words)
        if len(pieces) > 1:
            owners += [i] * len(pieces)
            clauses += [clause for clause, _ in pieces]
            adds += [added for _, added in pieces]
            clause_languages += [language] * len(pieces)
    if not clauses:
        return second
    # A clause many answers share ("thanks for asking") is embedded once.
    distinct = dict.fromkeys(zip(clauses, clause_languages))
    row_of = {key: row for row, key in enumerate(distinct)}
    vectors = np.asarray(encode([c for c, _ in distinct], [lang for _, lang in distinct]), dtype=np.float32)
    sims = (vectors @ np.asarray(centers, dtype=np.float32).T)[
        [row_of[key] for key in zip(clauses, clause_languages)]
    ]
    owner, added = np.asarray(owners), np.asarray(adds)
    nearest = sims.argmax(axis=1)
    near_sim = sims[np.arange(len(sims)), nearest]
    own = theme[owner]
    own_sim = sims[np.arange(len(sims)), own]
    # How far above its bar each clause is (1 = on it); the margin counts only for a plain sentence.
    above = near_sim / (ratio * typical[nearest])
    clear = added | (near_sim - own_sim >= margin * typical[nearest])
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    for begin, end in zip(starts, np.r_[starts[1:], len(owner)]):
        speaker = begin + int(own_sim[begin:end].argmax())
        candidates = [
            j
            for j in range(begin, end)
            if j != speaker and nearest[j] != own[j] and clear[j] and above[j] >= 1
        ]
        if candidates:
            second[owner[begin]] = int(nearest[max(candidates, key=lambda j: above[j])])
    return second


def clause_encoder(representation: Representation, processor: TextProcessor | None = None) -> Encoder | None:
    """An :data:`Encoder` in the space a fitted representation put the answers in, or ``None``.

    Only sentence embeddings can embed new texts: TF-IDF/LSA keeps none of what it learned, so the
    engine keeps its whole-answer rule there.

    Args:
        representation: the representation that embedded the answers, after ``fit_transform``.
        processor: the fitted text step when the answers were embedded with their languages (linked):
            its glossed tokens let an English-only model read a Spanish clause as it read the Spanish
            answers. ``None`` when the answers were embedded as written.
    """
    from .representation import Embeddings

    model = getattr(representation, "model_", None)
    if not isinstance(representation, Embeddings) or model is None:
        return None
    fixed = Embeddings(model)

    def encode(texts: list[str], languages: list[str]) -> np.ndarray:
        tokens: list[list[str]] = [[] for _ in texts]
        if processor is not None:  # only texts not in English are read through their tokens
            other = [i for i, lang in enumerate(languages) if lang != "en"]
            for i, words in zip(
                other, processor.transform([texts[i] for i in other], [languages[i] for i in other])
            ):
                tokens[i] = words
        return fixed.fit_transform(texts, tokens, languages)

    return encode
