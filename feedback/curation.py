"""Staff curation of themes — rename, merge, split, hide, move an answer — kept across runs.

Each decision is stored as a :class:`~feedback.models.CurationStep` naming themes by *lineage*, an id
that a theme keeps from run to run. A new run first matches its themes to the previous run's (by the
answers they share, or by their key terms when a new wave brings new answers), inheriting lineages;
then every step is replayed in order. So re-running never loses the staff's work.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import pandas as pd
import sqlalchemy as sa

from analysis.sentiment import NEGATIVE_BELOW

from .extensions import db
from .models import CurationKind, CurationStep, RunStatus, Theme, ThemeAssignment, ThemeLineage, ThemeRun
from .reports import refresh_report_cache

# Minimum similarity for a new theme to continue an earlier one.
MATCH_THRESHOLD = 0.3
MAX_QUOTES = 5


class CurationError(ValueError):
    """A curation request that cannot apply (e.g. merging a theme into itself)."""


# -- carrying curation over to a new run -------------------------------------------------------------

def carry_over(run: ThemeRun) -> list[str]:
    """Give ``run``'s themes the lineages of matching earlier themes, then replay every curation step.

    The earlier run is the newest finished one over the same answers (same wave, or all waves), else
    the newest of the question. Returns why any step could not be replayed (the run still finishes).
    """
    earlier = sa.select(ThemeRun).where(
        ThemeRun.question_id == run.question_id, ThemeRun.status == RunStatus.FINISHED, ThemeRun.id != run.id)
    same_answers = ThemeRun.wave_id.is_(None) if run.wave_id is None else ThemeRun.wave_id == run.wave_id
    previous = (db.session.scalar(earlier.where(same_answers).order_by(ThemeRun.id.desc()).limit(1))
                or db.session.scalar(earlier.order_by(ThemeRun.id.desc()).limit(1)))
    if previous is not None:
        match_lineages(previous, run)
    steps = db.session.scalars(
        sa.select(CurationStep).where(CurationStep.question_id == run.question_id).order_by(CurationStep.id)
    ).all()
    skipped = []
    for step in steps:
        try:
            with db.session.begin_nested():
                apply_step(run, step)
        except CurationError as error:
            skipped.append(f"{step.kind.value}: {error}")
            db.session.expire(run, ["themes"])
    db.session.flush()
    link_lineages(run)
    return skipped


def link_lineages(run: ThemeRun) -> None:
    """Give each of the run's themes its lasting :class:`ThemeLineage` row (created on first sight),
    and keep each shown theme's current name on it, so what points at a lineage reads today's name."""
    keys = {theme.lineage for theme in run.themes}
    existing = {row.key: row for row in db.session.scalars(
        sa.select(ThemeLineage).where(ThemeLineage.question_id == run.question_id, ThemeLineage.key.in_(keys)))}
    for theme in run.themes:
        row = existing.get(theme.lineage)
        if row is None:
            row = existing[theme.lineage] = ThemeLineage(question_id=run.question_id, key=theme.lineage,
                                                         label=theme.label)
            db.session.add(row)
        if not theme.retired:
            row.label = theme.label
        theme.lineage_row = row
    db.session.flush()


def match_lineages(previous: ThemeRun, run: ThemeRun) -> None:
    """Pair each new theme with at most one earlier theme, most similar pairs first."""
    old_members = _members(previous.id)
    new_members = _members(run.id)
    candidates = []
    for new in run.themes:
        for old in previous.themes:
            if new.other != old.other:
                continue
            score = _similarity(new_members.get(new.id, set()), old_members.get(old.id, set()), new.terms, old.terms)
            if new.other or score >= MATCH_THRESHOLD:
                candidates.append((score, new, old))
    taken_new: set[int] = set()
    taken_old: set[int] = set()
    for _score, new, old in sorted(candidates, key=lambda c: c[0], reverse=True):
        if new.id in taken_new or old.id in taken_old:
            continue
        new.lineage = old.lineage
        taken_new.add(new.id)
        taken_old.add(old.id)


def _similarity(new_answers: set[int], old_answers: set[int], new_terms: list[str], old_terms: list[str]) -> float:
    shared = new_answers & old_answers
    if shared:
        return len(shared) / len(new_answers | old_answers)
    terms_new, terms_old = set(new_terms[:10]), set(old_terms[:10])
    if not terms_new or not terms_old:
        return 0.0
    return len(terms_new & terms_old) / len(terms_new | terms_old)


def _members(run_id: int) -> dict[int, set[int]]:
    """The answers the engine put in each theme (curation moves answers; matching ignores that)."""
    members: dict[int, set[int]] = defaultdict(set)
    for theme_id, answer_id in db.session.execute(
        sa.select(ThemeAssignment.engine_theme_id, ThemeAssignment.answer_id).where(
            ThemeAssignment.run_id == run_id, ThemeAssignment.engine_theme_id.is_not(None))
    ):
        members[theme_id].add(answer_id)
    return members


def apply_step(run: ThemeRun, step: CurationStep) -> None:
    """Replay one step on ``run``; a step whose theme is not in this run does nothing."""
    if step.kind is CurationKind.MOVE:  # only where the answer goes matters
        target = _by_lineage(run, step.target_lineage)
        if target is not None and step.answer_id is not None:
            _move(run, step.answer_id, target)
        return
    theme = _by_lineage(run, step.lineage)
    if theme is None:
        return
    if step.kind is CurationKind.RENAME:
        theme.label = step.label or theme.label
    elif step.kind is CurationKind.HIDE:
        theme.hidden = True
    elif step.kind is CurationKind.SHOW:
        theme.hidden = False
    elif step.kind is CurationKind.MERGE:
        target = _by_lineage(run, step.target_lineage)
        if target is not None and target is not theme:
            _merge(run, theme, target)
    elif step.kind is CurationKind.SPLIT:
        _split(run, theme)


def _by_lineage(run: ThemeRun, lineage: str | None) -> Theme | None:
    return next((theme for theme in run.themes if theme.lineage == lineage and not theme.retired), None)


# -- operations staff ask for --------------------------------------------------------------------------

def record(run: ThemeRun, kind: CurationKind, theme: Theme, *, user_id: int | None, target: Theme | None = None,
           answer_id: int | None = None, label: str | None = None) -> CurationStep:
    """Store a step and apply it to ``run`` now (flushed; the request commits)."""
    if theme.run_id != run.id or (target is not None and target.run_id != run.id):
        raise CurationError("That theme belongs to another analysis run.")
    if kind is CurationKind.MERGE and (target is None or target.id == theme.id):
        raise CurationError("Choose another theme to merge into.")
    if kind is CurationKind.RENAME and not (label or "").strip():
        raise CurationError("A theme needs a name.")
    step = CurationStep(question_id=run.question_id, kind=kind, lineage=theme.lineage,
                        target_lineage=target.lineage if target else None, answer_id=answer_id,
                        label=(label or "").strip() or None, created_by_id=user_id)
    db.session.add(step)
    apply_step(run, step)
    db.session.flush()
    link_lineages(run)
    refresh_report_cache(run)  # sizes and labels changed: protect the numbers again, before anyone reads them
    return step


def _merge(run: ThemeRun, source: Theme, target: Theme) -> None:
    db.session.execute(
        sa.update(ThemeAssignment)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id == source.id)
        .values(theme_id=target.id)
    )
    db.session.execute(
        sa.update(ThemeAssignment)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.second_theme_id == source.id)
        .values(second_theme_id=sa.case((ThemeAssignment.theme_id == target.id, None), else_=target.id))
    )
    target.quotes = (list(target.quotes) + [q for q in source.quotes if q not in target.quotes])[:MAX_QUOTES]
    target.terms = list(dict.fromkeys(list(target.terms) + list(source.terms)))[:15]
    source.retired = True
    refresh_sizes(run)


def _move(run: ThemeRun, answer_id: int, target: Theme) -> None:
    db.session.execute(
        sa.update(ThemeAssignment)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.answer_id == answer_id)
        .values(theme_id=target.id, reason=None)
    )
    refresh_sizes(run)


def _split(run: ThemeRun, theme: Theme) -> None:
    """Re-cluster one theme's answers into sub-themes that replace it."""
    from analysis import find_themes
    from surveys.models import Answer

    rows = db.session.execute(
        sa.select(ThemeAssignment.id, Answer.value_text)
        .join(Answer, Answer.id == ThemeAssignment.answer_id)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id == theme.id)
        .order_by(ThemeAssignment.id)
    ).all()
    if len(rows) < 4:
        raise CurationError("A theme needs at least four answers to split.")
    result = find_themes([text for _, text in rows], random_state=0, representation="tfidf")
    real = [found for found in result.themes if found.id != 0]
    if len(real) < 2:
        raise CurationError("Its answers do not fall into separate groups; nothing was split.")
    position = theme.position
    new_themes = {}
    for offset, found in enumerate(sorted(real, key=lambda t: (-t.size, t.id))):
        # Derived from the parent, so replaying the split on a later run gives the same lineages and
        # curation of the parts (a rename, say) is replayed too.
        lineage = hashlib.sha1(f"{theme.lineage}/{offset}".encode()).hexdigest()[:32]
        new_themes[found.id] = Theme(run=run, position=position + offset, engine_label=found.label, label=found.label,
                                     terms=found.terms, size=found.size, sentiment=found.sentiment,
                                     quotes=found.quotes, lineage=lineage)
        db.session.add(new_themes[found.id])
    db.session.flush()
    for item in result.assignments.itertuples(index=False):
        target = None if pd.isna(item.theme) else new_themes.get(int(item.theme))
        target = target or new_themes[real[0].id]  # "Other" and non-answers stay with the largest part
        db.session.execute(sa.update(ThemeAssignment).where(ThemeAssignment.id == rows[int(item.row)][0])
                           .values(theme_id=target.id))
    for other in run.themes:
        if other.position > position and other not in new_themes.values():
            other.position += len(real)
    theme.retired = True
    db.session.flush()
    db.session.expire(run, ["themes"])
    refresh_sizes(run)


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
