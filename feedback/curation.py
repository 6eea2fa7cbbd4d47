"""Staff curation of themes — rename, merge, split, hide, move an answer — kept across runs.

Each decision is stored as a :class:`~feedback.models.CurationStep` naming themes by *lineage*, an id
that a theme keeps from run to run. A new run first matches its themes to the previous run's (by the
answers they share, or by their key terms when a new wave brings new answers), inheriting lineages;
then every step is replayed in order. So re-running never loses the staff's work. The names staff give
a theme for readers of the survey's other languages are kept on its lineage itself, which every later
run of the theme shares.

After a merge, split or move, the themes it touched are described again from the answers they now hold
(:mod:`feedback.theme_descriptions`: key terms, the engine's suggested name and its alternatives, quotes,
names in each other language; sizes, sentiment and answers per language recounted), so a reader never
sees the name of the theme as it stood before. The name staff read changes only when they rename a
theme (a merge "into Childcare" stays "Childcare"; the engine's new suggestion is offered beside the
rename box), except for the parts of a split, which are new themes named by the engine. The same call
finds the themes that look alike, kept on the run as merge suggestions (never merged without a person
asking).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from surveys.catalog import N_
from surveys.i18n import ENGLISH_NAMES
from surveys.message import Message

from .extensions import db
from .lineages import link_lineages, match_lineages
from .models import CurationKind, CurationStep, RunStatus, Theme, ThemeAssignment, ThemeRun
from .models.themes import KeptApart
from .reports import refresh_report_cache
from .reports.breakdowns import language_label
from .reports.theme_languages import name_languages, staff_name
from .theme_descriptions import describe_again, refresh_sizes

# Minimum similarity for a new theme to continue an earlier one.
MAX_THEME_NAME = 120
"""Characters in a theme name staff give (the column holds 200; a report lists every name)."""


class CurationError(ValueError):
    """A curation request that cannot apply (e.g. merging a theme into itself); ``field``: the rename
    field at fault, ``label`` or ``label-<language code>``."""

    def __init__(self, message, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# -- carrying curation over to a new run -------------------------------------------------------------

def carry_over(run: ThemeRun, *, lineages_given: bool = False) -> list[str]:
    """Give ``run``'s themes the lineages of matching earlier themes, then replay every curation step.

    The earlier run is the newest finished one over the same answers (same wave, or all waves), else
    the newest of the question. ``lineages_given``: the run's themes already carry their lineages (a
    wave read against the codebook, :mod:`analysis.codebook`), so only its new themes are matched.
    Returns why any step could not be replayed (the run still finishes).
    """
    earlier = sa.select(ThemeRun).where(
        ThemeRun.question_id == run.question_id, ThemeRun.status == RunStatus.FINISHED, ThemeRun.id != run.id)
    same_answers = ThemeRun.wave_id.is_(None) if run.wave_id is None else ThemeRun.wave_id == run.wave_id
    previous = (db.session.scalar(earlier.where(same_answers).order_by(ThemeRun.id.desc()).limit(1))
                or db.session.scalar(earlier.order_by(ThemeRun.id.desc()).limit(1)))
    if previous is not None:
        if lineages_given:
            _match_new_this_wave(previous, run)
        else:
            match_lineages(previous, run)
    steps = db.session.scalars(
        sa.select(CurationStep).where(CurationStep.question_id == run.question_id).order_by(CurationStep.id)
    ).all()
    skipped = []
    touched: list[Theme] = []
    new: list[Theme] = []
    for step in steps:
        try:
            with db.session.begin_nested():
                changed = apply_step(run, step)
            touched.extend(changed.themes)
            new.extend(changed.new)
        except CurationError as error:
            skipped.append(f"{step.kind.value}: {error}")
            db.session.expire(run, ["themes"])
    db.session.flush()
    _describe(run, touched, new)  # the replayed steps' themes, once; and the run's merge suggestions
    link_lineages(run)
    return skipped


def _match_new_this_wave(previous: ThemeRun, run: ThemeRun) -> None:
    """In a wave read against the codebook, the codes keep the codebook's lineages; the themes new this
    wave come with fresh ones, so each looks for the earlier run's new theme holding its answers (or
    saying the same), whose curation (a merge, a name) is then replayed on it."""
    new_keys = set(run.parameters.get("new_this_wave", []))
    if previous.wave_id == run.wave_id:  # a re-run: the earlier run's new themes are this wave's new ones
        new_keys |= set((previous.parameters or {}).get("new_this_wave", []))
    # (The first run of a later wave continues from another wave's run, whose new themes are now codes.)
    fresh = [theme for theme in run.themes if theme.lineage in new_keys]
    codes = {t.lineage for t in [*run.themes, *previous.themes] if not t.other and t.lineage not in new_keys}
    match_lineages(previous, run, taken=codes)
    run.parameters = {**run.parameters, "new_this_wave": [theme.lineage for theme in fresh]}


@dataclass
class Changed:
    """What a step did to a run's themes: those whose answers changed (to describe again), and among
    them the new ones (a split's parts), which the engine names."""

    themes: list[Theme] = field(default_factory=list)
    new: list[Theme] = field(default_factory=list)


def apply_step(run: ThemeRun, step: CurationStep) -> Changed:
    """Replay one step on ``run``; a step whose theme is not in this run does nothing.

    Returns the themes whose answers changed: none for a rename, hide or show.
    """
    if step.kind is CurationKind.MOVE:  # only where the answer goes matters
        target = _by_lineage(run, step.target_lineage)
        if target is not None and step.answer_id is not None:
            return Changed(_move(run, step.answer_id, target))
        return Changed()
    theme = _by_lineage(run, step.lineage)
    if theme is None:
        return Changed()
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
            return Changed([target])
    elif step.kind is CurationKind.SPLIT:
        parts = _split(run, theme)
        return Changed(parts, parts)
    return Changed()


def _by_lineage(run: ThemeRun, lineage: str | None) -> Theme | None:
    return next((theme for theme in run.themes if theme.lineage == lineage and not theme.retired), None)


# -- operations staff ask for --------------------------------------------------------------------------

def record(run: ThemeRun, kind: CurationKind, theme: Theme, *, user_id: int | None, target: Theme | None = None,
           answer_id: int | None = None, label: str | None = None,
           translations: dict[str, str] | None = None) -> CurationStep:
    """Store a step and apply it to ``run`` now (flushed; the request commits).

    ``translations``: with a rename, the theme's names for readers of the survey's other languages
    (language code -> name; an empty name removes that language's; a language left out keeps its name,
    so a form without the field deletes nothing); ``None`` leaves them all as they are.
    """
    if theme.run_id != run.id or (target is not None and target.run_id != run.id):
        raise CurationError("That theme belongs to another analysis run.")
    if kind is CurationKind.MERGE and (target is None or target.id == theme.id):
        raise CurationError("Choose another theme to merge into.")
    if kind is CurationKind.RENAME:
        _check_name(run, theme, label)
        asked = set(translations or ())
        translations = None if translations is None else _checked_translations(run, theme, translations)
    step = CurationStep(question_id=run.question_id, kind=kind, lineage=theme.lineage,
                        target_lineage=target.lineage if target else None, answer_id=answer_id,
                        label=clean_name(label) or None, created_by_id=user_id)
    db.session.add(step)
    changed = apply_step(run, step)
    db.session.flush()
    if changed.themes:
        _describe(run, changed.themes, changed.new)
    link_lineages(run)
    if kind is CurationKind.RENAME and translations is not None:
        kept = {code: name for code, name in (theme.lineage_row.translations or {}).items() if code not in asked}
        theme.lineage_row.translations = kept | translations  # the lineage, not the run: later runs keep them
        db.session.flush()
    refresh_report_cache(run)  # sizes and labels changed: protect the numbers again, before anyone reads them
    return step


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
"""Characters that turn the direction of the text after them: dropped from names, or a name could reverse
the words printed after it on a page."""


def _invisible(character: str) -> bool:
    return character.isspace() or unicodedata.category(character) in ("Cf", "Cc")


def clean_name(text: str | None) -> str:
    """A typed theme name as kept: composed (NFC: "e" and a combining accent become "é"), direction
    controls dropped, each run of spaces of any kind (a no-break space too) one space, invisible characters
    at either end trimmed, and nothing at all when no character of it shows (a zero-width space would
    print an empty name)."""
    name = unicodedata.normalize("NFC", (text or "").translate(BIDI_CONTROLS))
    if all(_invisible(character) for character in name):
        return ""
    start = next(i for i, character in enumerate(name) if not _invisible(character))
    end = next(i for i in range(len(name), 0, -1) if not _invisible(name[i - 1]))
    return " ".join(name[start:end].split())


def _same_name(one: str | None, other: str) -> bool:
    """Two names that read alike: composed or not, case, kinds and runs of spaces, and characters that do
    not show, ignored."""
    def key(name: str) -> str:
        shown = "".join(c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c) != "Cf")
        return unicodedata.normalize("NFC", " ".join(shown.split()).casefold())
    return one is not None and key(one) == key(other)


def _check_name(run: ThemeRun, theme: Theme, label: str | None) -> None:
    """Refuse a name that is empty, too long, or another shown theme's (two themes of one name read as
    one in the report, its downloads and the trend: merging them says so; a theme marked not useful
    cannot be merged into, so its name is free). Messages, so a staff page says them in its language."""
    name = clean_name(label)
    if not name:
        raise CurationError(Message(N_("A theme needs a name.")), field="label")
    if len(name) > MAX_THEME_NAME:
        raise CurationError(Message(N_("A theme name is at most %(count)s characters."), count=MAX_THEME_NAME),
                            field="label")
    taken = next((other for other in run.themes if other.id != theme.id and not other.retired and not other.hidden
                  and _same_name(other.label.strip(), name)), None)
    if taken is not None:
        raise CurationError(Message(N_("Another theme is already called “%(name)s”: merge the two instead."),
                                    name=taken.label), field="label")


def _checked_translations(run: ThemeRun, theme: Theme, translations: dict[str, str]) -> dict[str, str]:
    """The names asked for the survey's other languages as kept (:func:`clean_name`, empty fields left
    out), refusing one that shows nothing, one too long, or one another theme has in the same language
    (compared as :func:`_same_name` does: accents composed or not, any kind of space). Those
    names are the lineage's, so every run of the theme has them, the run on the public page included:
    they are checked against the shown themes of this run and of the published one (the public page in
    that language would list two themes of one name). Other languages than the survey's are ignored."""
    others = [other for other in _shown_themes(run) if other.lineage != theme.lineage]
    kept = {}
    for code in name_languages(run.survey):
        if code not in translations:
            continue
        typed = translations[code] or ""
        name = clean_name(typed)
        language = language_label(ENGLISH_NAMES.get(code, code), heading=False)
        if not name:
            if typed.strip():
                raise CurationError(Message(N_("The name in %(language)s has no character that shows: type one, "
                                               "or leave the field empty."), language=language),
                                    field=f"label-{code}")
            continue
        if len(name) > MAX_THEME_NAME:
            raise CurationError(Message(N_("A theme name in %(language)s is at most %(count)s characters."),
                                        language=language, count=MAX_THEME_NAME), field=f"label-{code}")
        taken = next((other for other in others if _same_name(staff_name(other, code), name)), None)
        if taken is not None:
            raise CurationError(Message(N_("Another theme is already called “%(name)s” in %(language)s: merge the "
                                           "two instead."), name=staff_name(taken, code), language=language),
                                    field=f"label-{code}")
        kept[code] = name
    return kept


def _shown_themes(run: ThemeRun) -> list[Theme]:
    """The shown themes of ``run`` and of the run its question has on the public page, if another."""
    published = db.session.scalar(
        sa.select(ThemeRun).where(ThemeRun.question_id == run.question_id, ThemeRun.status == RunStatus.FINISHED,
                                  ThemeRun.published_at.is_not(None), ThemeRun.id != run.id)
        .order_by(ThemeRun.published_at.desc(), ThemeRun.id.desc()).limit(1))
    runs = [run] + ([published] if published is not None else [])
    return [theme for each in runs for theme in each.themes if not theme.retired and not theme.hidden]


def renames_nothing(run: ThemeRun, theme: Theme, label: str | None, translations: dict[str, str] | None) -> bool:
    """Whether a rename asks for the names the theme already has (nothing to record, nothing to audit)."""
    if clean_name(label) != clean_name(theme.label):  # a name kept before names were cleaned is the same
        return False
    if translations is None:
        return True
    current = theme.lineage_row.translations if theme.lineage_row is not None else {}
    # A field of nothing visible is not "no name": it goes on to be refused.
    asked = {code: clean_name(translations[code]) or (translations[code] or "").strip()
             for code in name_languages(run.survey) if code in translations}
    return all(asked[code] == (current or {}).get(code, "") for code in asked)


def record_asked(run: ThemeRun, kind: CurationKind, theme: Theme, *, user_id: int | None,
                 target: Theme | None = None, answer_id: int | None = None, label: str | None = None,
                 translations: dict[str, str] | None = None) -> list[Theme]:
    """:func:`record` a step a person asked for, with the audit line saying who did what to which theme
    (a rename's names in other languages, before and after, too).

    Shared by the request that curates and the background job that splits a theme for someone (who is
    ``user_id``, not the signed-in person of a request). Returns the themes the step made: a split's
    parts, largest first. Flushed; the caller commits.
    """
    from .services.audit import record_audit

    before = theme.label
    translations_before = dict(theme.lineage_row.translations or {}) if theme.lineage_row is not None else {}
    existing = {t.id for t in run.themes}
    record(run, kind, theme, user_id=user_id, target=target, answer_id=answer_id, label=label,
           translations=translations)
    details = {"question": run.question.key, "label": before, "new_label": label,
               "target": target.label if target else None, "answer": answer_id}
    if kind is CurationKind.RENAME and translations is not None:
        details |= {"translations": translations_before, "new_translations": theme.lineage_row.translations}
    event = record_audit(run.survey.partnership_id, f"theme.{kind.value}", "theme", theme.lineage, details)
    if user_id is not None:
        event.user_id = user_id
    db.session.flush()
    return sorted((t for t in run.themes if t.id not in existing and not t.retired), key=lambda t: -t.size)


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
    source.retired = True
    refresh_sizes(run)


def _move(run: ThemeRun, answer_id: int, target: Theme) -> list[Theme]:
    """Move one answer to ``target``; returns the themes it left and joined."""
    left = db.session.scalar(sa.select(ThemeAssignment.theme_id).where(
        ThemeAssignment.run_id == run.id, ThemeAssignment.answer_id == answer_id))
    db.session.execute(
        sa.update(ThemeAssignment)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.answer_id == answer_id)
        .values(theme_id=target.id, reason=None)
    )
    refresh_sizes(run)
    return [target] + [theme for theme in run.themes if theme.id == left and theme is not target]


def _split(run: ThemeRun, theme: Theme) -> list[Theme]:
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
        lineage = _part_lineage(theme.lineage, offset)
        new_themes[found.id] = Theme(run=run, position=position + offset, engine_label=found.label, label=found.label,
                                     alternatives=found.alternatives, terms=found.terms, size=found.size,
                                     sentiment=found.sentiment, quotes=found.quotes, lineage=lineage)
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
    return list(new_themes.values())  # described by the split alone; again against every theme after


def _part_lineage(parent: str, offset: int) -> str:
    return hashlib.sha1(f"{parent}/{offset}".encode()).hexdigest()[:32]


def _describe(run: ThemeRun, themes: Iterable[Theme], new: Iterable[Theme]) -> None:
    """Describe again the themes curation changed, minding what staff decided: pairs they kept apart are
    never suggested for a merge, and a split's part they renamed keeps its name."""
    describe_again(run, themes, new, kept_apart=_kept_apart(run, [t for t in run.themes if not t.retired]),
                   renamed=_renamed_lineages(run.question_id))


def keep_apart(run: ThemeRun, theme: Theme, other: Theme | None, *, user_id: int | None) -> None:
    """Remember that staff say ``theme`` and ``other`` are different: their merge is no longer
    suggested, in this run or any later one (flushed; the request commits)."""
    from .services.audit import record_audit

    if other is None or other.run_id != run.id or other.id == theme.id or other.retired:
        raise CurationError("Those two themes are not suggested as a merge.")
    first, second = sorted((theme.lineage, other.lineage))
    exists = db.session.scalar(sa.select(KeptApart.id).where(
        KeptApart.question_id == run.question_id, KeptApart.lineage == first, KeptApart.other == second))
    if exists is None:
        db.session.add(KeptApart(question_id=run.question_id, lineage=first, other=second,
                                 created_by_id=user_id))
    pair = {theme.id, other.id}
    run.merge_suggestions = [s for s in run.merge_suggestions or [] if {s["theme"], s["target"]} != pair]
    record_audit(run.survey.partnership_id, "theme.keep_apart", "theme", theme.lineage,
                 {"question": run.question.key, "label": theme.label, "other": other.label})
    db.session.flush()


def _kept_apart(run: ThemeRun, themes: list[Theme]) -> list[tuple[int, int]]:
    """The pairs of ``themes`` staff kept apart (in this run or an earlier one), as theme ids: the pairs
    they said are different, and the parts of a theme they split (suggesting to merge those back would
    undo their own decision)."""
    ids_of: dict[str, list[int]] = defaultdict(list)
    for theme in themes:
        ids_of[theme.lineage].append(theme.id)
    pairs = list(db.session.execute(sa.select(KeptApart.lineage, KeptApart.other).where(
        KeptApart.question_id == run.question_id)).all())
    for parent in db.session.scalars(sa.select(CurationStep.lineage).where(
            CurationStep.question_id == run.question_id, CurationStep.kind == CurationKind.SPLIT)):
        parts = [_part_lineage(parent, offset) for offset in range(len(themes))]
        parts = [lineage for lineage in parts if lineage in ids_of]
        pairs += [(a, b) for i, a in enumerate(parts) for b in parts[i + 1:]]
    return [(a, b) for first, second in pairs for a in ids_of.get(first, []) for b in ids_of.get(second, [])]


def _renamed_lineages(question_id: int) -> set[str]:
    return set(db.session.scalars(sa.select(CurationStep.lineage).where(
        CurationStep.question_id == question_id, CurationStep.kind == CurationKind.RENAME)))
