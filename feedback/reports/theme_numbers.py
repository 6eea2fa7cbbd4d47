"""A theme run's protected numbers, computed once and kept on the run.

Counting reads every answer (seconds at 100,000), so the sizes, mentions, language shares, breakdown
tables and the English chart are computed when a run finishes and after each curation
(:func:`refresh_report_cache`), and :mod:`.themes` builds report pages from them without counting.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pandas as pd
import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from analysis.equity import FOLDED_LABEL, fold_small_outcomes
from surveys.models import Answer, Response

from ..extensions import db
from ..models import Theme, ThemeAssignment, ThemeRun
from .breakdowns import CHART_BARS, frame_from, group_breakdowns, page_hidden_label, protected_tables
from .theme_languages import label_for_reader, main_language, protected_language_shares, reader_language

FOLDED = "folded"
"""The outcome key of the themes counted together under :data:`FOLDED_LABEL`."""

# Bump when the cached report's shape changes, so old caches are ignored.
CACHE_VERSION = 7


def current_cache(run: ThemeRun, threshold: int) -> dict[str, Any]:
    """The run's kept numbers, or, when missing or stale (after a survey edit or a change of threshold),
    numbers computed for this request only (never stored: GETs never write)."""
    cache = run.report_cache
    return cache if _cache_is_current(cache, threshold) else _build_cache(run, threshold)


def refresh_report_cache(run: ThemeRun) -> None:
    """Compute the protected report and keep it on the run (the caller's transaction commits it)."""
    run.report_cache = _build_cache(run, run.survey.partnership.small_cell_threshold)


def _cache_is_current(cache: dict | None, threshold: int) -> bool:
    return bool(cache) and cache.get("version") == CACHE_VERSION and cache.get("threshold") == threshold


def visible_themes(run: ThemeRun) -> list[Theme]:
    """The run's themes a report lists (not merged or split away), largest first, Other last."""
    return sorted((t for t in run.themes if not t.retired), key=lambda t: (t.other, -t.size, t.position))


def _build_cache(run: ThemeRun, threshold: int) -> dict[str, Any]:
    # Kept for every reader: built in English whoever's request (or job) builds it.
    with force_locale("en"):
        return _english_cache(run, threshold)


def _english_cache(run: ThemeRun, threshold: int) -> dict[str, Any]:
    themes = visible_themes(run)
    folded = fold_small_outcomes({str(t.id): t.size for t in themes}, threshold,
                                 always=[str(t.id) for t in themes if t.other])
    keys = {t.id: (FOLDED if str(t.id) in folded else str(t.id)) for t in themes}
    outcomes = [keys[t.id] for t in themes if keys[t.id] != FOLDED] + ([FOLDED] if folded else [])
    frame = assignment_frame(run)
    frame["outcome"] = frame["theme_id"].map(keys)
    labels = {str(t.id): t.label for t in themes} | {FOLDED: FOLDED_LABEL}
    protected = group_breakdowns(run.survey, frame, outcomes, threshold)
    sizes = {key: (None if pd.isna(n) else int(n)) for key, n in protected.totals.counts.items()}
    non_answers = db.session.scalar(sa.select(sa.func.count()).where(
        ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.is_(None))) or 0
    cache = {
        "version": CACHE_VERSION,
        "threshold": threshold,
        "folded": sorted(folded),
        "sizes": sizes,
        "mentions": protected_mentions(run, sizes, threshold),
        "languages": {str(t.id): asdict(shares) for t in themes if str(t.id) not in folded
                      and sizes.get(str(t.id)) is not None
                      and (shares := protected_language_shares(t.languages or {}, threshold)) is not None},
        "answered": protected.totals.total,
        "non_answers": non_answers if non_answers >= threshold else None,
        "tables": [table.__dict__ for table in protected_tables(protected.tables, labels)],
    }
    cache["chart"] = draw_chart(run, cache, themes)
    return cache


def protected_mentions(run: ThemeRun, sizes: dict[str, int | None], threshold: int) -> dict[str, dict[str, Any]]:
    """Each shown theme's mentions (:class:`Mentions` as a dict, by theme id), protected.

    ``also`` counts the answers whose second theme it is (their main theme another one still shown).
    Printed beside the size, it is the difference of two printed numbers, so it is printed (and the
    mentions with it) only when it is zero or at least ``threshold``; a theme whose size is hidden or
    folded prints no mentions either.
    """
    live = {t.id for t in run.themes if not t.retired}
    counts = dict(db.session.execute(
        sa.select(ThemeAssignment.second_theme_id, sa.func.count())
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.is_not(None),
               ThemeAssignment.second_theme_id.is_not(None),
               ThemeAssignment.second_theme_id != ThemeAssignment.theme_id,
               ThemeAssignment.theme_id.in_(live))
        .group_by(ThemeAssignment.second_theme_id)).all())
    out = {}
    for key, size in sizes.items():
        if key == FOLDED or size is None:
            continue
        also = int(counts.get(int(key), 0))
        shown = also == 0 or also >= threshold
        out[key] = {"total": size + also if shown else None, "also": also if shown else None}
    return out


def protected_sentiment(theme: Theme, threshold: int) -> dict[str, Any] | None:
    """A theme's sentiment, only when it rests on at least ``threshold`` scored (English) answers.

    The number scored is not kept: it would print a language count the breakdown may hide. The share
    of negative answers is kept only when the negative and the other answers are each at least
    ``threshold`` (or none is negative): "5% negative" of 40 would point at two people.
    """
    sentiment = theme.sentiment or {}
    scored = int(sentiment.get("n_scored") or 0)
    if sentiment.get("mean") is None or scored < threshold:
        return None
    share = float(sentiment.get("share_negative") or 0.0)
    negative = round(share * scored)
    shown = negative == 0 or (negative >= threshold and scored - negative >= threshold)
    return {"mean": float(sentiment["mean"]), "share_negative": share if shown else None}


def draw_chart(run: ThemeRun, cache: dict[str, Any], themes: list[Theme]) -> str:
    """The chart of the themes' shares, in the reader's language: the cache keeps the English one, which
    every English page shows; another language's is drawn for its page (and never stored: GETs never write)."""
    from ..charts import bar_chart_svg  # matplotlib loads on first use, not with the app

    answered, sizes, folded = cache["answered"], cache["sizes"], set(cache["folded"])
    if not answered:
        return ""
    reader, main = reader_language(), main_language(run)
    counted = [t for t in themes if not t.hidden and str(t.id) not in folded]
    bars = [(label_for_reader(t, reader, main)[0], sizes.get(str(t.id))) for t in counted[:CHART_BARS]]
    if folded:
        bars.append((_("Other answers and smaller themes"), sizes.get(FOLDED)))
    bars = [(label, None if size is None else size / answered * 100) for label, size in bars]
    question = run.question.text.get(reader) or run.question.text_in("en")
    title = _("Share of answers per theme (each answer in its main theme): %(question)s", question=question)
    if len(counted) > CHART_BARS:
        title += " " + _("(the %(shown)s largest of %(count)s themes)", shown=CHART_BARS, count=len(counted))
    return bar_chart_svg([label for label, _share in bars], [share for _label, share in bars], title=title,
                         value_format="{:.0f}%", missing_text=page_hidden_label())


def assignment_frame(run: ThemeRun) -> pd.DataFrame:
    """One row per answer with a theme: its theme label and the response facts to break it down by."""
    return frame_from(
        sa.select(ThemeAssignment.theme_id, Answer.response_id, Response.language, Response.source)
        .join(Answer, Answer.id == ThemeAssignment.answer_id)
        .join(Response, Response.id == Answer.response_id)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.is_not(None)),
        ["theme_id", "response_id", "language", "source"],
    )
