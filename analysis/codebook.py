"""A new wave's answers sorted into the themes a partnership already knows, and what is new this wave.

After a partnership has curated a question's themes (renamed, merged, split them), those themes are its
*codebook*: the names it reports and acts on. Clustering a new wave from scratch would give different
themes with different names, and "Childcare" in spring could not be followed into fall. So a new wave is
read against the codebook instead:

1. The earlier answers (each with its curated theme, its *code*) and the new answers are represented in
   one space, the engine's own (cleaning, language, glossary, TF-IDF/LSA or sentence embeddings), fitted
   on both together so a word means the same on either side.
2. Each code's centre is the mean of its earlier answers' vectors. A new answer joins the nearest code
   when it is about as close to that centre as the code's own earlier answers are (see
   :data:`MEMBER_QUANTILE`, :data:`MIN_SIMILARITY`).
3. The answers that fit no code are clustered by the engine on their own. A group of them that is as
   close to a code's centre as the code's typical answer, or that uses the code's distinctive words (the
   look-alike test the report uses to suggest merges), joins that code: a known concern in other words.
   The other groups are **new this wave**. Too few left-over answers to cluster go to "Other".

Everything is then described from the new wave's answers (key terms, suggested name, quotes, sentiment),
as the engine describes its themes; the caller keeps the curated names of continuing themes.

Limits, measured (``benchmarks/codebook_threshold.py``, see :data:`MEMBER_QUANTILE`): on generated answers
with one concern held back from the earlier wave, about a third of the new concern's answers still join a
known theme and about a tenth of known concerns' answers fit none (they may then form a small group shown
as new); the new concern's largest new theme holds under half of it (the engine often splits it, and the
report then suggests merging the parts). Short answers in a small earlier wave are the weak spot: the
codebook is only as good as the earlier wave's curated themes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .coding import second_codes, sentiment_summary
from .describe import SIMILAR_THEMES_ABOVE, describe_themes
from .engine import (  # the engine's own steps
    OTHER_THEME_ID,
    Theme,
    ThemeFinder,
    ThemeResult,
    _as_answers,
    _units,
    find_themes,
)
from .sentiment import SentimentScorer

__all__ = ["MEMBER_QUANTILE", "MIN_NEW_ANSWERS", "MIN_SIMILARITY", "CodebookResult", "assign_to_codebook"]

MEMBER_QUANTILE: float | None = 0.10
"""How close to a code's centre a new answer must be: at least the ``q``-quantile of the similarities of
the code's own earlier answers (as typical as the least typical tenth of them). ``None`` uses the
engine's own outlier rule for its themes instead (:func:`~analysis.clustering.place_answers`: not more
than three robust deviations below the code's median member, nor under half of it).

Chosen with ``benchmarks/codebook_threshold.py`` (the demo's career-barrier, career-help and service
answers, 400 per wave, one concern held back from the first wave; seeds 0–2 for the two finalists, seed 0
for the others):

=========  =====  ========  ========  =====
threshold  floor  absorbed  left out  found
=========  =====  ========  ========  =====
outlier    0.20   34.8 %    9.5 %     32.6 %
outlier    0.30   31.5 %    12.3 %    33.7 %
0.10       0.20   34.2 %    11.3 %    42.3 %
0.10       0.30   32.0 %    9.8 %     41.7 %
=========  =====  ========  ========  =====

*absorbed*: the new concern's answers that joined a known theme; *left out*: known concerns' answers
that fit none (they can make a false "new" theme, which staff read first); *found*: the new concern's
share held by its largest new theme. 0.10 with a floor of 0.30 absorbs the least of the new concern and
finds the most of it, leaving out about as many known answers as the most lenient setting.
"""

MIN_SIMILARITY = 0.30
"""Least similarity to a centre for any code, whatever its members: a broad code (its earlier answers
far from each other) must not absorb everything near it."""

MIN_NEW_ANSWERS = 10
"""Fewer answers than this fitting no code are not clustered: they go to "Other"."""

SECOND_THEME_RATIO = 0.9
"""A second known theme must be this close to an answer relative to its best (and close enough to join)."""

REQUIRED_COLUMNS = ("text", "code")


@dataclass(frozen=True)
class CodebookResult:
    """A new wave's themes, read against a codebook.

    Attributes:
        result: the wave's themes and one assignment per new answer, as :func:`analysis.find_themes`
            returns them (ids: codebook themes first, then the new ones, Other is
            :data:`~analysis.engine.OTHER_THEME_ID`).
        codes: theme id → the code it continues, for each codebook theme that holds answers this wave.
        new: ids of the themes found among the answers that fit no code ("new this wave").
        thresholds: the similarity each code asked of a new answer.
    """

    result: ThemeResult
    codes: dict[int, Hashable]
    new: frozenset[int]
    thresholds: dict[Hashable, float] = field(default_factory=dict)


def assign_to_codebook(
    earlier: pd.DataFrame,
    texts: Sequence[Any] | pd.Series,
    *,
    labels: Mapping[Hashable, str] | None = None,
    member_quantile: float | None = MEMBER_QUANTILE,
    min_similarity: float = MIN_SIMILARITY,
    min_new_answers: int = MIN_NEW_ANSWERS,
    fold_above: float = SIMILAR_THEMES_ABOVE,
    representation: str = "auto",
    random_state: int | None = 0,
    progress: Callable[[str], None] | None = None,
    **engine_params: Any,
) -> CodebookResult:
    """Sort new answers into the codebook's themes; cluster the ones that fit none as new themes.

    Args:
        earlier: the codebook's answers, one row each, with columns ``text`` and ``code`` (the curated
            theme; rows without one, such as non-answers and "Other", teach no code).
        texts: the new wave's answers, in order; ``row`` in the result is the position here.
        labels: the codebook's names (code → name): new themes' suggested names avoid them.
        member_quantile: see :data:`MEMBER_QUANTILE`.
        min_similarity: see :data:`MIN_SIMILARITY`.
        min_new_answers: see :data:`MIN_NEW_ANSWERS`.
        fold_above: a group of left-over answers whose distinctive words are this alike to a known theme's
            (cosine of class-based TF-IDF, as :data:`~analysis.describe.SIMILAR_THEMES_ABOVE`) joins it.
        representation: as for :class:`~analysis.engine.ThemeFinder`.
        random_state: seed; the same input gives the same result.
        progress: called with a short message as each step starts.
        **engine_params: other :class:`~analysis.engine.ThemeFinder` parameters for the new themes.

    Returns:
        A :class:`CodebookResult`.

    Raises:
        KeyError: when ``earlier`` lacks a required column.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in earlier.columns]
    if missing:
        raise KeyError(f"earlier needs the columns {', '.join(REQUIRED_COLUMNS)} (one row per earlier answer: "
                       f"its text and its curated theme); missing: {', '.join(missing)}.")
    say = progress or (lambda message: None)
    known = earlier[earlier["code"].notna()]
    new_rows = _as_answers(texts)
    say(f"Reading {len(new_rows):,} answers against {known['code'].nunique()} known themes")
    finder = ThemeFinder(representation=representation, random_state=random_state, **engine_params)
    space = _joint_space(finder, _as_answers(known["text"]) + new_rows)
    n_old = len(known)
    old_units, new_units = space.of_row[:n_old], space.of_row[n_old:]
    codes = list(dict.fromkeys(known["code"].tolist()))
    centres, thresholds, typical = _centres(space.X, old_units, known["code"].to_numpy(), codes,
                                            member_quantile, min_similarity)

    # Each new answer's nearest code, if it is close enough.
    answered = new_units >= 0
    sims = space.X[new_units[answered]] @ centres.T if len(codes) else np.zeros((int(answered.sum()), 0))
    code_of = np.full(len(new_rows), -1)
    score = np.full(len(new_rows), np.nan)
    second = np.full(len(new_rows), -1)
    if sims.shape[1]:
        best = sims.argmax(axis=1)
        best_sim = sims[np.arange(len(best)), best]
        fits = best_sim >= np.array([thresholds[codes[b]] for b in best])
        rows = np.flatnonzero(answered)
        code_of[rows[fits]] = best[fits]
        score[rows] = best_sim
        second[rows] = second_codes(sims, best, np.array([thresholds[c] for c in codes]), SECOND_THEME_RATIO)
        second[code_of < 0] = -1

    # The rest, clustered on their own: new this wave.
    rest = np.flatnonzero(answered & (code_of < 0))
    say(f"{len(rest):,} answers fit no known theme")
    theme_of = np.full(len(new_rows), -1)
    used_codes = sorted({int(c) for c in code_of[code_of >= 0]},
                        key=lambda c: -int((code_of == c).sum()))
    id_of_code = {c: i + 1 for i, c in enumerate(used_codes)}
    for row in np.flatnonzero(code_of >= 0):
        theme_of[row] = id_of_code[int(code_of[row])]
    new_ids: list[int] = []
    if len(rest) >= min_new_answers:
        found = find_themes([new_rows[r] for r in rest], representation=representation,
                            random_state=random_state, **engine_params)
        clusters = found.assignments["theme"].fillna(OTHER_THEME_ID).astype(int).to_numpy()
        folded = _fold_back(space.X, new_units[rest], clusters, centres, typical)
        folded |= _look_alike_codes(known, codes, [new_rows[r] for r in rest], clusters, set(folded), fold_above)
        for cluster, code in folded.items():  # known themes the answers were each just short of
            code_of[rest[clusters == cluster]] = code
        keep = [c for c in dict.fromkeys(int(c) for c in clusters) if c != OTHER_THEME_ID and c not in folded]
        for code in sorted(set(folded.values()) - set(used_codes)):
            used_codes.append(code)
            id_of_code[code] = len(used_codes)
        for row in np.flatnonzero(code_of >= 0):
            theme_of[row] = id_of_code[int(code_of[row])]
        new_id = {cluster: len(used_codes) + i + 1 for i, cluster in enumerate(keep)}
        for position, cluster in enumerate(clusters):
            if cluster not in folded:
                theme_of[rest[position]] = new_id.get(int(cluster), OTHER_THEME_ID)
        new_ids = list(new_id.values())
    else:
        theme_of[rest] = OTHER_THEME_ID

    say("Describing themes, choosing quotes, scoring sentiment")
    languages = [space.languages[u] if u >= 0 else None for u in new_units]
    texts_clean = [space.texts[u] if u >= 0 else "" for u in new_units]
    sentiment = SentimentScorer(("en",)).score(texts_clean, [lang or "" for lang in languages])
    assignments = _assignments(new_units, space.reasons[n_old:], theme_of, score, second, id_of_code,
                               languages, sentiment)
    themes = _themes(assignments, texts_clean, labels or {}, codes, used_codes, random_state)
    parameters = {
        "codebook": True,
        "representation": space.representation,
        "member_quantile": member_quantile,
        "min_similarity": min_similarity,
        "n_codes": len(codes),
        "n_rows": len(new_rows),
        "n_answers": int(answered.sum()),
        "fit_codebook": int((code_of >= 0).sum()),
        "fit_no_code": len(rest),
        "n_themes": len([t for t in themes if t.id != OTHER_THEME_ID]),
        "random_state": random_state,
        "non_answers": {r: int(n) for r, n in assignments["reason"].dropna().value_counts().items() if r != "other"},
    }
    return CodebookResult(
        result=ThemeResult(themes=themes, assignments=assignments, parameters=parameters),
        codes={id_of_code[c]: codes[c] for c in used_codes},
        new=frozenset(i for i in new_ids if any(t.id == i for t in themes)),
        thresholds={code: round(float(t), 4) for code, t in thresholds.items() if np.isfinite(t)},
    )


@dataclass(frozen=True)
class _Space:
    X: np.ndarray  # one unit vector per distinct answer
    of_row: np.ndarray  # the distinct answer of each input row, -1 for a non-answer
    reasons: list[str | None]
    texts: list[str]
    languages: list[str]
    representation: str


def _joint_space(finder: ThemeFinder, rows: list[Any]) -> _Space:
    """The engine's representation of earlier and new answers together (one fit, one vocabulary)."""
    units = _units(rows, {})
    languages = finder._languages(units.texts)
    processor, tokens = finder._tokens(units, languages)
    space = finder._space(units, languages, processor, tokens)
    rep, X = space.rep, space.X
    X = np.asarray(X, dtype=np.float32)
    X /= np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-9)
    return _Space(X, units.of_row, units.reasons, units.texts, languages, rep.name)


def _centres(X: np.ndarray, old_units: np.ndarray, old_codes: np.ndarray, codes: list[Hashable],
             quantile: float | None, floor: float) -> tuple[np.ndarray, dict[Hashable, float], np.ndarray]:
    """Each code's unit-length centre, the similarity a new answer needs to join it, and its typical
    (median) member's similarity."""
    centres = np.zeros((len(codes), X.shape[1]), dtype=np.float32)
    thresholds: dict[Hashable, float] = {}
    typical = np.full(len(codes), np.inf)
    for i, code in enumerate(codes):
        members = old_units[(old_codes == code) & (old_units >= 0)]
        if not len(members):
            thresholds[code] = np.inf  # a code whose answers were all non-answers takes none
            continue
        centre = X[members].mean(axis=0)
        centres[i] = centre / max(float(np.linalg.norm(centre)), 1e-9)
        own = X[members] @ centres[i]
        if quantile is None:  # the engine's own rule for an answer too far from its theme (place_answers)
            med = float(np.median(own))
            mad = float(np.median(np.abs(own - med))) * 1.4826
            thresholds[code] = max(floor, min(med - 3.0 * max(mad, 1e-3), 0.5 * med))
        else:
            thresholds[code] = max(floor, float(np.quantile(own, quantile)))
        typical[i] = max(floor, float(np.median(own)))
    return centres, thresholds, typical


def _look_alike_codes(known: pd.DataFrame, codes: list[Hashable], texts: list[str], clusters: np.ndarray,
                      done: set[int], above: float) -> dict[int, int]:
    """Clusters of the left-over answers that use a known theme's distinctive words (the cosine of their
    class-based TF-IDF vectors reaches ``above``, what the report offers staff as "look alike: merge?"):
    a known concern put in other words, not a new one. Returns cluster → code index."""
    index = {code: i for i, code in enumerate(codes)}
    offset = len(codes) + 1
    frame = pd.concat([
        pd.DataFrame({"text": known["text"].tolist(), "theme": [index[c] + 1 for c in known["code"]]}),
        pd.DataFrame({"text": texts, "theme": [offset + int(c) if c != OTHER_THEME_ID else pd.NA for c in clusters]}),
    ])
    frame = frame[frame["theme"].notna()]
    if frame.empty:
        return {}
    similarity = describe_themes(frame, (), comparable=[]).similarity
    folded: dict[int, int] = {}
    code_ids = [i + 1 for i in range(len(codes)) if i + 1 in similarity.index]
    for cluster in {int(c) for c in clusters} - {OTHER_THEME_ID} - done:
        theme = offset + cluster
        if theme not in similarity.index or not code_ids:
            continue
        row = similarity.loc[theme, code_ids]
        if float(row.max()) >= above:
            folded[cluster] = int(row.idxmax()) - 1
    return folded


def _fold_back(X: np.ndarray, units: np.ndarray, clusters: np.ndarray, centres: np.ndarray,
               typical: np.ndarray) -> dict[int, int]:
    """Clusters of the left-over answers whose centre is as close to a code's centre as the code's
    typical answer: answers of a known theme each a little short of it (short or two-theme answers), not
    a new theme. Returns cluster → code index."""
    folded: dict[int, int] = {}
    if not len(centres):
        return folded
    for cluster in np.unique(clusters):
        if cluster == OTHER_THEME_ID:
            continue
        centre = X[units[clusters == cluster]].mean(axis=0)
        centre /= max(float(np.linalg.norm(centre)), 1e-9)
        sims = centres @ centre
        best = int(sims.argmax())
        if sims[best] >= typical[best]:
            folded[int(cluster)] = best
    return folded


def _assignments(units: np.ndarray, reasons: list[str | None], theme_of: np.ndarray, score: np.ndarray,
                 second: np.ndarray, id_of_code: dict[int, int], languages: list[str | None],
                 sentiment: list[float | None]) -> pd.DataFrame:
    """One row per new answer, in the engine's assignment format."""
    rows = []
    for i, u in enumerate(units):
        if u < 0:
            rows.append((i, pd.NA, np.nan, pd.NA, reasons[i], pd.NA, np.nan))
            continue
        theme = int(theme_of[i])
        second_id = id_of_code.get(int(second[i])) if second[i] >= 0 else None
        second_id = pd.NA if second_id is None or second_id == theme else second_id
        rows.append((i, theme, float(score[i]) if not np.isnan(score[i]) else np.nan,
                     second_id,
                     "other" if theme == OTHER_THEME_ID else pd.NA, languages[i],
                     np.nan if sentiment[i] is None else sentiment[i]))
    frame = pd.DataFrame(rows, columns=["row", "theme", "score", "second_theme", "reason", "language", "sentiment"])
    frame["theme"] = frame["theme"].astype("Int64")
    frame["second_theme"] = frame["second_theme"].astype("Int64")
    frame["reason"] = frame["reason"].astype("string")
    frame["language"] = frame["language"].astype("string")
    return frame


def _themes(assignments: pd.DataFrame, texts: list[str], labels: Mapping[Hashable, str], codes: list[Hashable],
            used_codes: list[int], random_state: int | None) -> list[Theme]:
    """Describe every theme of the wave from its answers, as the engine does (Other last)."""
    placed = assignments[assignments["theme"].notna()]
    frame = pd.DataFrame({"theme": placed["theme"].astype(int).to_numpy(),
                          "text": [texts[r] for r in placed["row"]],
                          "language": placed["language"].astype(object).to_numpy()})
    ids = sorted(frame["theme"].unique().tolist(), key=lambda t: (t == OTHER_THEME_ID, t))
    taken = [labels[codes[c]] for c in used_codes if codes[c] in labels]
    described = describe_themes(frame, ids, taken_labels=taken, random_state=random_state).themes
    answered = max(len(frame), 1)
    themes = []
    for theme_id in ids:
        members = placed[placed["theme"] == theme_id]
        about = described.get(theme_id)
        themes.append(Theme(
            id=int(theme_id),
            label="Other" if theme_id == OTHER_THEME_ID or about is None else about.label,
            terms=[] if theme_id == OTHER_THEME_ID or about is None else about.terms,
            size=len(members),
            share=round(len(members) / answered, 4),
            sentiment=sentiment_summary(members["sentiment"]),
            quotes=about.quotes if about else [],
            languages={str(k): int(v) for k, v in members["language"].value_counts().items()},
            second_theme_mentions=int((placed["second_theme"] == theme_id).sum()),
            alternatives=[] if theme_id == OTHER_THEME_ID or about is None else about.alternatives,
        ))
    return themes
