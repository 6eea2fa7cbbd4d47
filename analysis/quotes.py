"""Quotes: the few answers a report shows for a theme, chosen to say what most of its answers say.

An answer closest to a theme's centre is typical of its wording, but not always of its meaning: on
lexical vectors a long answer that mentions the theme's term once in passing can sit near the centre,
and a reader then takes the theme to be about that passing remark. So a quote is chosen by both: how
close it sits to the centre, and how much of the theme's majority vocabulary (the words many of its
answers use, and its distinctive terms when the caller has them) it carries, in the polarity most of
them use ("no car" quotes for a theme whose answers say they have none). Quotes are never near-copies
of each other and, when the theme has enough, never shorter than a phrase. Answers arrive redacted.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from .labels import NEGATORS
from .labels import WORD_PATTERN as _WORD
from .language import SUPPORTED_LANGUAGES
from .text import stopwords_for

__all__ = ["pick_quotes"]

MIN_WORDS = 4
"""An answer shorter than this is shown only when the theme has too few longer ones."""
NEAR_COPY_COSINE = 0.92
NEAR_COPY_WORDS = 0.6
"""Two answers sharing this share of their words (Jaccard) read as one quote said twice."""
CANDIDATES = 200
"""Quotes are chosen among this many answers nearest the theme's centre."""
VOCABULARY_SAMPLE = 500
"""The theme's majority vocabulary is read from at most this many of its answers."""
MAJORITY_WORDS = 8
"""How many of the theme's most shared words make up its majority vocabulary."""


def pick_quotes(
    members: np.ndarray,
    score: np.ndarray,
    texts: list[str],
    similarity: Callable[[int, int], float],
    n: int,
    terms: Sequence[str] = (),
) -> list[str]:
    """Pick up to ``n`` answers that sit near the theme's centre and carry what most of its answers say.

    Args:
        members: the theme's answers (indices into ``score`` and ``texts``).
        score: each answer's closeness to its theme's centre.
        texts: every answer as written (already redacted).
        similarity: the cosine of two answers, to pass over near-copies of a chosen quote.
        n: most quotes to return (at least three are returned when the theme has three answers).
        terms: the theme's distinctive terms (``ClassTfidfLabeler.terms_``), when known: counted with
            the words most of its answers share.

    Returns:
        The quotes, best first, each at most 280 characters.
    """
    members = np.asarray(members)
    if not len(members) or n <= 0:
        return []
    # Quotes come from the answers nearest the centre; the theme's vocabulary from answers spread over
    # it, nearest to farthest: both bounded, so a theme of 20,000 answers costs what one of 700 does.
    by_closeness = members[np.argsort(-score[members], kind="stable")]
    members = by_closeness[:CANDIDATES]
    read = by_closeness[:: max(1, len(by_closeness) // VOCABULARY_SAMPLE)][:VOCABULARY_SAMPLE]
    words = {int(u): _content_words(texts[u]) for u in {*members.tolist(), *read.tolist()}}
    sample = {int(u): words[int(u)] for u in read}
    shares = _majority_vocabulary(sample, terms, _background(texts))
    says_no = sum(bool(ws & _NEGATORS) for ws in sample.values()) > 0.5 * len(sample)
    closeness = np.clip(score[members].astype(float), 0.0, None)
    near = closeness / closeness.max() if closeness.max() > 1e-9 else np.ones(len(members))
    best_cover = sum(sorted(shares.values(), reverse=True)[:3]) or 1.0
    key = _key_words(shares, terms)

    def merit(k: int) -> float:
        u = int(members[k])
        cover = min(1.0, sum(shares.get(w, 0.0) for w in words[u]) / best_cover)
        agrees = bool(words[u] & _NEGATORS) == says_no
        return 0.5 * float(near[k]) + 0.5 * cover + 0.1 * agrees

    ranked = [int(members[k]) for k in sorted(range(len(members)), key=lambda k: (-merit(k), k))]
    # A quote holds the theme's key word, when enough of its answers do to fill the quotes.
    order = [u for u in ranked if words[u] & key]
    if len(order) < min(3, n, len(ranked)):
        order = ranked
    long_enough = [u for u in order if len(texts[u].split()) >= MIN_WORDS]
    pool = long_enough if len(long_enough) >= min(3, len(order)) else order
    chosen: list[int] = []
    for u in pool:
        if len(chosen) == n:
            break
        if any(_near_copies(u, v, similarity, words) for v in chosen):
            continue
        chosen.append(u)
    for u in pool:  # too few distinct ones: allow similar wording rather than show fewer than 3
        if len(chosen) >= min(3, len(pool), n):
            break
        if u not in chosen:
            chosen.append(u)
    return [_shorten(texts[u]) for u in chosen]


@lru_cache(maxsize=262144)  # the same answer is read for its theme's vocabulary and as a candidate
def _content_words(text: str) -> frozenset[str]:
    """The answer's words that carry meaning, folded and crudely stemmed; negations are kept."""
    out = set()
    for form in map(_content_form, _WORD.findall(text.lower())):
        if form is not None:
            out.add(form)
    return frozenset(out)


@lru_cache(maxsize=262144)  # words repeat across answers far more than answers do
def _content_form(word: str) -> str | None:
    """A word as :func:`_content_words` keeps it (a negation, or folded and stemmed), else ``None``."""
    w = _fold(word.replace("'", "").replace("’", ""))
    if w in _NEGATORS:
        return w
    if len(w) > 2 and w not in _stopwords():
        return _stem(w)
    return None


def _majority_vocabulary(
    words: dict[int, frozenset[str]], terms: Sequence[str], background: dict[str, float]
) -> dict[str, float]:
    """The words many of the theme's answers share and other answers use less, each weighted by the
    share of the theme's answers using it times how much more the theme uses it ("infection" in a
    theme about infection control, not "patients", which every theme of that question uses); the
    caller's distinctive terms count for more than its strongest word."""
    counts: Counter[str] = Counter()
    for ws in words.values():
        counts.update(w for w in ws if w not in _NEGATORS)
    total = max(len(words), 1)
    floor = 1.0 / max(len(background), 1) if background else 1.0
    weights = {}
    for w, c in counts.items():
        if c < min(2, total):
            continue
        share = c / total
        lift = share / max(background.get(w, 0.0), floor) if background else 2.0
        if lift > 1.0:
            weights[w] = share * min(1.0, math.log(lift))
    # Ties broken by the word: the counts come from sets, whose order changes with Python's hash seed.
    shares = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAJORITY_WORDS])
    strongest = max(shares.values(), default=0.5)
    for term in terms[:3]:
        for w in sorted(_content_words(term) - _NEGATORS):
            if w in counts:  # stronger than any shared word: distinctive is what a quote must carry
                shares[w] = max(shares.get(w, 0.0), (strongest + 1.0) / 2)
    return shares


def _background(texts: list[str]) -> dict[str, float]:
    """How many answers, of a sample spread over all of them, use each word: what is common anyway.

    Every theme of a run reads the same sample: it is counted once (callers must not change the result).
    """
    step = max(1, len(texts) // VOCABULARY_SAMPLE)
    return _background_of(tuple(texts[::step][:VOCABULARY_SAMPLE]))


@lru_cache(maxsize=4)
def _background_of(sample: tuple[str, ...]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for text in sample:
        counts.update(_content_words(text))
    return {w: c / len(sample) for w, c in counts.items()} if sample else {}


def _key_words(shares: dict[str, float], terms: Sequence[str]) -> frozenset[str]:
    """The words that carry the theme's meaning: its two most distinctive terms when known, and the word
    most of its answers share."""
    key = {w for term in terms[:2] for w in _content_words(term) - _NEGATORS}
    if shares:
        top = max(shares.values())
        key |= {w for w, share in shares.items() if share >= max(0.5, top) or share == top}
    return frozenset(key)


def _near_copies(
    u: int, v: int, similarity: Callable[[int, int], float], words: dict[int, frozenset[str]]
) -> bool:
    a, b = words[u], words[v]
    overlap = len(a & b) / len(a | b) if a | b else 1.0
    return similarity(u, v) > NEAR_COPY_COSINE or overlap >= NEAR_COPY_WORDS


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """Every language's stopwords; another language's that is an English or Spanish word ("men" in
    Creole) still carries meaning in an English or Spanish answer."""
    import simplemma

    words = stopwords_for("en") | stopwords_for("es")
    for lang in set(SUPPORTED_LANGUAGES) - {"en", "es"}:
        words |= {
            w
            for w in stopwords_for(lang)
            if not (w.isascii() and (simplemma.is_known(w, lang="en") or simplemma.is_known(w, lang="es")))
        }
    return words


def _fold(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


_NEGATORS = frozenset(_fold(w.replace("'", "").replace("’", "")) for w in NEGATORS)
"""The labeler's negations as this module reads words: apostrophes dropped, accents folded."""


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _shorten(text: str, limit: int = 280) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
