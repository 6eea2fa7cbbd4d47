"""Themes described again from the answers they hold now, after curation moved answers between them.

Curation (:mod:`feedback.curation`) decides what changes; this module recounts sizes and sentiment and
re-reads key terms, the engine's suggested name, quotes and names in each other language
(:func:`analysis.describe_themes`), so no reader sees a description from before the change. A finished
run's other-language names are read here too (:func:`describe_in_languages`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd
import sqlalchemy as sa

from analysis.sentiment import NEGATIVE_BELOW

from .extensions import db
from .models import Theme, ThemeAssignment, ThemeRun

if TYPE_CHECKING:
    from analysis import ThemeDescription

__all__ = ["MAX_ANSWERS_PER_LANGUAGE", "describe_again", "describe_in_languages", "refresh_sizes", "store_languages"]

MAX_ANSWERS_PER_LANGUAGE = 10_000
"""Most answers read to name themes in one more language: its own answers and a sample of the others
for contrast, so that naming a large run's themes in five more languages stays a small part of the run."""


def refresh_sizes(run: ThemeRun) -> None:
    """Recount theme sizes and sentiment from the assignments after curation moved answers."""
    stats = {
        theme_id: (n, mean, negative, scored)
        for theme_id, n, mean, negative, scored in db.session.execute(
            sa.select(
                ThemeAssignment.theme_id,
                sa.func.count(),
                sa.func.avg(ThemeAssignment.sentiment),
                sa.func.count().filter(ThemeAssignment.sentiment <= NEGATIVE_BELOW),
                sa.func.count(ThemeAssignment.sentiment),
            )
            .where(ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.is_not(None))
            .group_by(ThemeAssignment.theme_id)
        )
    }
    for theme in run.themes:
        n, mean, negative, scored = stats.get(theme.id, (0, None, 0, 0))
        theme.size = int(n)
        sentiment = dict(theme.sentiment or {})
        sentiment.update({"mean": None if mean is None else round(float(mean), 3),
                          "share_negative": round(negative / scored, 3) if scored else None,
                          "n_scored": int(scored)})
        theme.sentiment = sentiment


def describe_again(run: ThemeRun, themes: Iterable[Theme] = (), new: Iterable[Theme] = (), *,
                   kept_apart: Iterable[tuple[int, int]] = (), renamed: Iterable[str] = ()) -> None:
    """Describe ``themes`` again from the answers they now hold, and find the run's look-alike themes.

    Key terms, the engine's suggested name (``engine_label``), its alternatives and quotes are
    recomputed, with every other theme's answers for contrast; so are the answers per language and the
    names and quotes in other languages (:func:`describe_in_languages`, about a tenth of a second on the
    demo's questions), so no reader sees a name from before the change. The name staff read (``label``) is kept,
    except on ``new`` themes (a split's parts) that staff have not renamed: those take the engine's name.
    Sizes and sentiment are recounted by :func:`refresh_sizes`. The merge suggestions (never a pair of
    ``kept_apart`` theme ids) are stored on the run, so a report page only reads them; a theme whose
    lineage is in ``renamed`` keeps the name staff gave it.
    """
    from analysis import describe_themes, detect_language, normalize_text
    from surveys.models import Answer

    shown = [theme for theme in run.themes if not theme.retired]
    by_id = {theme.id: theme for theme in shown}
    touched = {theme.id for theme in themes if theme.id in by_id}
    rows = db.session.execute(
        sa.select(ThemeAssignment.theme_id, Answer.value_text)
        .join(Answer, Answer.id == ThemeAssignment.answer_id)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.in_(list(by_id)))
        .order_by(ThemeAssignment.id)
    ).all()
    answers = pd.DataFrame(rows, columns=["theme", "text"])
    answers["language"] = [detect_language(normalize_text(text)) for text in answers["text"]]
    result = describe_themes(
        answers,
        touched,
        comparable=[theme.id for theme in shown if not theme.other],
        kept_apart=list(kept_apart),
        taken_labels=[theme.label for theme in shown if theme.id not in touched],
        random_state=(run.parameters or {}).get("random_state") or 0,
    )
    named_by_engine = {theme.id for theme in new}
    renamed_lineages = set(renamed)
    for theme_id, described in result.themes.items():
        theme = by_id[theme_id]
        theme.quotes = described.quotes
        if theme.other:  # "Other answers" is named by what it is, not by its words
            continue
        theme.terms = described.terms
        theme.alternatives = described.alternatives
        theme.engine_label = described.label[:200]
        if theme.id in named_by_engine and theme.lineage not in renamed_lineages:
            theme.label = theme.engine_label
    in_languages = describe_in_languages(answers, result.themes, main=_main_language(run),
                                         random_state=(run.parameters or {}).get("random_state") or 0)
    for theme_id in result.themes:
        theme = by_id[theme_id]
        members = answers[answers["theme"] == theme_id]
        theme.languages = {str(k): int(v) for k, v in members["language"].value_counts().items()}
        store_languages(theme, in_languages.get(theme_id, {}))
    run.merge_suggestions = [{"theme": pair.theme, "target": pair.target, "similarity": pair.similarity}
                             for pair in result.similar]
    db.session.flush()


def _main_language(run: ThemeRun) -> str:
    """The language the run's themes are named in for staff (``label``): the engine's report language."""
    return (run.parameters or {}).get("report_language") or "en"


def describe_in_languages(answers: pd.DataFrame, themes: Iterable[int], *, main: str,
                          random_state: int = 0) -> dict[int, dict[str, ThemeDescription]]:
    """Each theme's name and quotes from its answers in each language other than ``main``, for readers of
    that language: theme id → language → description (a language only where the theme holds
    :data:`~analysis.engine.MIN_REPORT_LANGUAGE_ANSWERS` answers in it, which the description says).

    ``answers`` has every answer of the run with its ``theme`` and detected ``language``. One
    :func:`~analysis.describe_themes` call per language that some theme holds enough answers in (at most
    the five other survey languages), since each reads every theme's answers for contrast.
    """
    from analysis import describe_themes
    from analysis.engine import MIN_REPORT_LANGUAGE_ANSWERS

    themes = sorted({int(t) for t in themes})
    mine = answers[answers["theme"].isin(themes)]
    per_language = mine.groupby(["language", "theme"]).size()
    wanted = sorted({language for (language, _), n in per_language.items()
                     if n >= MIN_REPORT_LANGUAGE_ANSWERS and language != main})
    out: dict[int, dict[str, ThemeDescription]] = defaultdict(dict)
    for language in wanted:
        described = describe_themes(_for_language(answers, language, random_state), themes, comparable=[],
                                    report_language=language, max_answers=MAX_ANSWERS_PER_LANGUAGE,
                                    random_state=random_state)
        for theme_id, description in described.themes.items():
            if description.label_language == language or description.quotes_language == language:
                out[theme_id][language] = description
    return dict(out)


def _for_language(answers: pd.DataFrame, language: str, random_state: int) -> pd.DataFrame:
    """Every answer in ``language`` (what its names and quotes are read from) and, up to
    :data:`MAX_ANSWERS_PER_LANGUAGE` in all, a sample of the others (what sets a theme's words apart)."""
    own = answers["language"] == language
    room = max(0, MAX_ANSWERS_PER_LANGUAGE - int(own.sum()))
    others = answers[~own]
    if len(others) > room:
        others = others.sample(room, random_state=random_state)
    return pd.concat([answers[own], others])


def store_languages(theme: Theme, descriptions: dict[str, ThemeDescription]) -> None:
    """Keep on ``theme`` the name (``labels``) and quotes (``language_quotes``) written in each language's
    own answers; a language without them is dropped, so no name from before a curation stays.
    "Other answers" is named by what it is, so it keeps quotes only."""
    theme.labels = {} if theme.other else {language: d.label[:200] for language, d in descriptions.items()
                                            if d.label_language == language}
    theme.language_quotes = {language: d.quotes for language, d in descriptions.items()
                             if d.quotes_language == language and d.quotes}
