"""A theme's lasting identity: which theme of a new run continues which theme of an earlier one.

Staff curation (:mod:`feedback.curation`), actions, trends and measures point at a theme's *lineage*,
not at one run's row, so a re-run or a new wave must hand each lineage on: a new theme takes the lineage
of the earlier theme holding most of the same answers, or, over new answers, the one whose answers say
the same (:func:`analysis.theme_matching.theme_vectors`; sharing key terms when no embedding model is
installed), each at most once, most similar pairs first. :class:`~feedback.models.ThemeLineage` rows keep
each lineage's current name for whatever points at it.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from analysis.theme_matching import SAME_THEME_COSINE
from surveys.models import Answer

from .extensions import db
from .models import ThemeAssignment, ThemeLineage, ThemeRun

MATCH_THRESHOLD = 0.3
"""Share of answers (or of key terms) two themes must have in common to be one theme."""


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


def match_lineages(previous: ThemeRun, run: ThemeRun, taken: set[str] = frozenset()) -> None:
    """Pair each new theme with at most one earlier theme, most similar pairs first: pairs holding the
    same answers before pairs whose new answers say the same (the two scores are not on one scale, and
    a theme's own answers are the surer sign); themes whose lineage is in ``taken`` keep it and are no
    one's match."""
    old_members = _members(previous.id)
    new_members = _members(run.id)
    meaning = _said_alike(previous, run, old_members, new_members)
    candidates = []
    for new in run.themes:
        for old in previous.themes:
            if new.other != old.other or new.lineage in taken or old.lineage in taken:
                continue
            news, olds = new_members.get(new.id, set()), old_members.get(old.id, set())
            overlap = _similarity(news, olds, new.terms, old.terms)  # shared answers, else key terms
            if new.other or (news & olds or meaning is None) and overlap >= MATCH_THRESHOLD:
                candidates.append((1, overlap, new, old))  # the same answers: matched first
            elif meaning is not None and meaning(new.id, old.id) >= SAME_THEME_COSINE:
                candidates.append((0, meaning(new.id, old.id), new, old))  # new answers saying the same
    taken_new: set[int] = set()
    taken_old: set[int] = set()
    for _tier, _score, new, old in sorted(candidates, key=lambda c: (c[0], c[1]), reverse=True):
        if new.id in taken_new or old.id in taken_old:
            continue
        new.lineage = old.lineage
        taken_new.add(new.id)
        taken_old.add(old.id)


def _said_alike(previous: ThemeRun, run: ThemeRun, old_members: dict[int, set[int]],
                new_members: dict[int, set[int]]):
    """The cosine between what a new theme's and an earlier theme's answers say (by theme ids), or
    ``None`` when the runs share answers throughout (a re-run) or no embedding model is installed."""
    from analysis.theme_matching import ANSWERS_PER_THEME, theme_vectors

    old_answers = set().union(*old_members.values()) if old_members else set()
    new_answers = set().union(*new_members.values()) if new_members else set()
    if not new_answers - old_answers:
        return None
    themes = [t for t in previous.themes if not t.other] + [t for t in run.themes if not t.other]
    members = {**old_members, **new_members}
    sample = {t.id: sorted(members.get(t.id, ()))[:ANSWERS_PER_THEME] for t in themes}
    wanted = [a for ids in sample.values() for a in ids]
    text_of = dict(db.session.execute(
        sa.select(Answer.id, Answer.value_text).where(Answer.id.in_(wanted))).all()) if wanted else {}
    vectors = theme_vectors([[text_of.get(a) or "" for a in sample[t.id]] for t in themes])
    if vectors is None:
        return None
    row = {t.id: i for i, t in enumerate(themes)}
    return lambda new_id, old_id: float(vectors[row[new_id]] @ vectors[row[old_id]]) \
        if new_id in row and old_id in row else 0.0


def _similarity(new_answers: set[int], old_answers: set[int], new_terms: list[str], old_terms: list[str]) -> float:
    shared = new_answers & old_answers
    if shared:
        return len(shared) / len(new_answers | old_answers)
    # Casing follows the answers ("CNA" in one run, "cna" in an earlier one): the same term either way.
    terms_new, terms_old = {t.casefold() for t in new_terms[:10]}, {t.casefold() for t in old_terms[:10]}
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
