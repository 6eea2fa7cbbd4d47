"""Describe themes as they stand now: key terms, a label and its alternatives, quotes, and look-alikes.

The engine describes the themes it found. Staff then merge two themes, split one, or move answers
between them; a theme's name, key terms and quotes must then say what its answers say *now*, not what
one of the engine's themes said before (a merged theme that keeps only the target's key terms and quotes
hides half of its answers). :func:`describe_themes` reads every theme's current answers — the affected
themes to describe them, the others for contrast, since a term names a theme when it is frequent there
and rare elsewhere — and returns the affected themes' descriptions, written in the report's language as
the engine writes them.

It also says which themes look alike: two themes whose answers use the same distinctive words (the
cosine of their class-based TF-IDF vectors) are offered to staff to merge, never merged here.
Those vectors are used rather than the centres of the run's representation because they can be
recomputed from the answers after any merge, split or move, in the request that made it, whatever
representation found the themes; on labelled data they told apart pairs of themes sharing a label at
least as well (see :data:`SIMILAR_THEMES_ABOVE`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cleaning import duplicate_key, normalize_text, redact_pii
from .engine import (
    MIN_REPORT_LANGUAGE_ANSWERS,
    distinct_label,
    label_alternatives,
    label_stopwords,
    quote_pool,
)
from .labels import ClassTfidfLabeler
from .language import SUPPORTED_LANGUAGES, detect_language, language_code
from .quotes import pick_quotes
from .text import TextProcessor

__all__ = [
    "SIMILAR_THEMES_ABOVE",
    "SimilarThemes",
    "ThemeDescription",
    "ThemeDescriptions",
    "describe_themes",
]

SIMILAR_THEMES_ABOVE = 0.25
"""Least similarity (cosine of class-based TF-IDF vectors, 0–1) for two themes to be offered as a merge.

Measured with ``benchmarks/merge_suggestions.py``: the engine's themes on the seven demo questions (1,500
answers each, 30 % Spanish), AG News and Banking77 (4,000 answers each, twice as many themes as labels so
that labels are split), a pair counting as right when both themes' answers mostly carry the same true
label. With each theme offered in one pair at most, 5 of the 8 pairs offered on the survey questions were
right at 0.25 (12 of 33 with the shared sets, whose wrong pairs are mostly Banking77 intents that share
their words); lowering it to 0.20 added 3 right pairs and 9 wrong ones. See ``analysis/README.md``.
"""

REQUIRED_COLUMNS = ("text", "theme")


@dataclass(frozen=True)
class ThemeDescription:
    """What a theme's card shows besides its numbers.

    Attributes:
        label: the suggested name (in the report's language, or glossed: see
            :class:`~analysis.labels.ClassTfidfLabeler`).
        alternatives: the next best names, best first.
        terms: the most distinctive terms, as the report's language writes them.
        quotes: answers close to the theme's centre, personal details redacted: in the report's language
            when the theme has :data:`~analysis.engine.MIN_REPORT_LANGUAGE_ANSWERS` answers in it, else
            in its main language.
        label_language: the language the label is written in.
        quotes_language: the language of the quotes (``None``: any, when there is no report language).
    """

    label: str
    alternatives: list[str]
    terms: list[str]
    quotes: list[str]
    label_language: str | None = None
    quotes_language: str | None = None


@dataclass(frozen=True)
class SimilarThemes:
    """Two themes that look alike: ``theme`` (the smaller) could be merged into ``target``."""

    theme: int
    target: int
    similarity: float


@dataclass(frozen=True)
class ThemeDescriptions:
    """The result of :func:`describe_themes`.

    Attributes:
        themes: theme id → description, for each affected theme that still has answers.
        similar: pairs worth offering as a merge, most alike first; a theme is in one pair at most.
        similarity: every pair's similarity (theme ids as index and columns), for evaluation.
    """

    themes: dict[int, ThemeDescription]
    similar: list[SimilarThemes]
    similarity: pd.DataFrame


def describe_themes(
    answers: pd.DataFrame,
    affected: Iterable[int] = (),
    *,
    comparable: Iterable[int] | None = None,
    kept_apart: Iterable[tuple[int, int]] = (),
    taken_labels: Iterable[str] = (),
    report_language: str | None = "en",
    similar_above: float = SIMILAR_THEMES_ABOVE,
    n_quotes: int = 5,
    max_answers: int = 30_000,
    random_state: int | None = 0,
) -> ThemeDescriptions:
    """Describe the ``affected`` themes from their current answers, and find themes that look alike.

    Args:
        answers: one row per answer in a theme, with columns ``text`` and ``theme`` (an integer id;
            rows without one are ignored), and optionally ``language`` (one of
            :data:`~analysis.language.SUPPORTED_LANGUAGES`; detected when absent or unknown). Every theme's answers should be there: the unaffected ones give contrast.
        affected: the themes to describe (merged, split, or given or losing answers).
        comparable: the themes that may be offered as a merge (say, not "Other" and not hidden);
            ``None``: every theme in ``answers``.
        kept_apart: pairs of themes staff said are different; never offered again.
        taken_labels: names other themes already have; a description's label avoids them.
        report_language: the language the report is read in (any survey language; ``"zh"`` reads as
            ``"zh-Hans"``); ``None`` names each theme in its main language.
        similar_above: least similarity (0–1) for a pair to be offered.
        n_quotes: quotes per theme.
        max_answers: about how many answers are read (a sample per theme, the affected ones first),
            so that a curation on 100,000 answers stays quick.
        random_state: seed for the sample and the label phrases.

    Returns:
        A :class:`ThemeDescriptions`.

    Raises:
        KeyError: when a required column is missing (the message names the columns to provide).
        ValueError: for an unknown ``report_language`` or ``similar_above`` outside 0–1.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in answers.columns]
    if missing:
        raise KeyError(
            f"answers needs the columns {', '.join(REQUIRED_COLUMNS)} (one row per answer: its text and "
            f"its theme's id); missing: {', '.join(missing)}. Present: {', '.join(map(str, answers.columns))}."
        )
    if report_language is not None and language_code(report_language) not in SUPPORTED_LANGUAGES:
        codes = ", ".join(repr(c) for c in SUPPORTED_LANGUAGES)
        raise ValueError(f"report_language must be one of {codes} or None, not {report_language!r}")
    report_language = None if report_language is None else language_code(report_language)
    if not 0.0 <= similar_above <= 1.0:
        raise ValueError(f"similar_above must be between 0 and 1, not {similar_above!r}")
    affected = {int(t) for t in affected}
    frame = answers[answers["theme"].notna()]
    frame = frame.assign(theme=frame["theme"].astype(int))
    sizes = frame["theme"].value_counts().to_dict()
    sample = _sample(frame, affected, max_answers, random_state)
    units = _units(sample, sizes)
    ids = sorted(sizes)
    if not units.texts:
        empty = pd.DataFrame(np.eye(len(ids)), index=ids, columns=ids)
        return ThemeDescriptions({}, [], empty)

    processor = TextProcessor()
    tokens = processor.fit_transform(units.texts, units.languages, [max(1, round(w)) for w in units.weights])
    labeler = ClassTfidfLabeler(
        random_state=random_state, report_language=report_language, min_report_answers=MIN_REPORT_LANGUAGE_ANSWERS
    )
    labeler.fit(
        tokens,
        units.texts,
        units.themes,
        units.weights,
        processor.surfaces(),
        label_stopwords(),
        units.languages,
        report_surfaces=processor.surfaces(language=report_language) if report_language else None,
    )
    similarity = pd.DataFrame(labeler.similarity_, index=labeler.ids_, columns=labeler.ids_)
    return ThemeDescriptions(
        themes=_descriptions(labeler, units, tokens, affected, taken_labels, n_quotes, report_language),
        similar=_look_alike(similarity, sizes, comparable, kept_apart, similar_above),
        similarity=similarity,
    )


@dataclass(frozen=True)
class _Units:
    """The sampled answers, redacted, each near-duplicate counted once per theme with its weight."""

    texts: list[str]
    themes: np.ndarray
    weights: np.ndarray  # answers each unit stands for, sampling included
    languages: list[str]


def _sample(frame: pd.DataFrame, affected: set[int], max_answers: int, random_state: int | None) -> pd.DataFrame:
    """Up to an equal share of ``max_answers`` per theme, and more for the affected ones (what a label
    and quotes are read from); each sampled row stands for its theme's size over the rows sampled."""
    n_themes = max(1, frame["theme"].nunique())
    share = max(300, max_answers // n_themes)
    parts = []
    for theme, rows in frame.groupby("theme", sort=True):
        quota = max(share, 5_000) if theme in affected else share
        if len(rows) > quota:
            rows = rows.sample(quota, random_state=random_state)
        parts.append(rows)
    return pd.concat(parts) if parts else frame


def _units(sample: pd.DataFrame, sizes: dict[int, int]) -> _Units:
    counts = sample["theme"].value_counts().to_dict()
    languages = sample["language"].tolist() if "language" in sample.columns else [None] * len(sample)
    index: dict[tuple[int, str], int] = {}
    texts: list[str] = []
    themes: list[int] = []
    weights: list[float] = []
    unit_languages: list[str] = []
    for text, theme, language in zip(sample["text"].tolist(), sample["theme"].tolist(), languages):
        clean = redact_pii(normalize_text(text))
        if not clean:
            continue
        u = index.setdefault((theme, duplicate_key(clean)), len(texts))
        if u == len(texts):
            texts.append(clean)
            themes.append(theme)
            weights.append(0.0)
            code = language_code(language) if isinstance(language, str) else None
            unit_languages.append(code if code in SUPPORTED_LANGUAGES else detect_language(clean))
        weights[u] += sizes[theme] / counts[theme]
    return _Units(texts, np.asarray(themes, dtype=int), np.asarray(weights), unit_languages)


def _descriptions(
    labeler: ClassTfidfLabeler,
    units: _Units,
    tokens: list[list[str]],
    affected: set[int],
    taken_labels: Iterable[str],
    n_quotes: int,
    report_language: str | None = None,
) -> dict[int, ThemeDescription]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        X = TfidfVectorizer(analyzer=lambda t: t, sublinear_tf=True).fit_transform(tokens).tocsr()
    except ValueError:  # not one content word in any answer: every answer is as central as another
        from scipy import sparse

        X = sparse.identity(len(tokens), format="csr")
    used = {label.casefold() for label in taken_labels}
    out: dict[int, ThemeDescription] = {}
    for theme in sorted(affected):
        members = np.flatnonzero(units.themes == theme)
        if not len(members):
            continue  # no answers left: nothing to describe
        centre = np.asarray(X[members].T @ units.weights[members]).ravel()
        centre /= max(float(np.linalg.norm(centre)), 1e-12)
        score = np.zeros(len(units.texts))
        score[members] = X[members] @ centre
        label = distinct_label(theme, labeler, used)
        used.add(label.casefold())
        counts: Counter[str] = Counter()
        for u in members:
            counts[units.languages[u]] += units.weights[u]
        quoted, quotes_language = quote_pool(members, units.languages, units.weights, dict(counts.most_common()),
                                             report_language)
        out[theme] = ThemeDescription(
            label=label,
            alternatives=label_alternatives(theme, labeler, label),
            terms=labeler.terms_.get(theme, []),
            quotes=pick_quotes(quoted, score, units.texts, lambda u, v: float(X[u].multiply(X[v]).sum()), n_quotes,
                               terms=labeler.terms_.get(theme, [])),
            label_language=labeler.label_languages_.get(theme),
            quotes_language=quotes_language,
        )
    return out


def _look_alike(
    similarity: pd.DataFrame,
    sizes: dict[int, int],
    comparable: Iterable[int] | None,
    kept_apart: Iterable[tuple[int, int]],
    above: float,
) -> list[SimilarThemes]:
    """The most alike pairs above ``above``, strongest first, each theme in one pair at most (a page of
    overlapping suggestions would be hard to act on; after a merge, the next pair is found)."""
    allowed = set(similarity.index) if comparable is None else set(similarity.index) & {int(t) for t in comparable}
    apart = {frozenset((int(a), int(b))) for a, b in kept_apart}
    ids = sorted(allowed)
    pairs = [
        (float(similarity.at[a, b]), a, b)
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if similarity.at[a, b] >= above and frozenset((a, b)) not in apart
    ]
    taken: set[int] = set()
    out = []
    for value, a, b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if a in taken or b in taken:
            continue
        taken |= {a, b}
        small, large = sorted((a, b), key=lambda t: (sizes.get(t, 0), -t))
        out.append(SimilarThemes(theme=small, target=large, similarity=round(value, 3)))
    return out
