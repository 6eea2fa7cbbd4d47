"""What the public "you said, we did" page reads: a partnership whose page is on, and what it heard.

Every number comes from the theme reports' protected numbers (:func:`feedback.reports.theme_report`,
itself from ``analysis.equity``); nothing here counts. A theme whose size the report hides, a theme
folded in with the small ones, and a theme staff marked "not useful" are not listed at all. The only
quotes are the ones staff chose to publish (:class:`feedback.models.PublicQuote`).

Staff decide what the public reads: a question's themes come only from the run staff published for
it (:func:`feedback.services.public.publish_run`), under the names and sizes they curated, never from
a run nobody has looked at. A newer run stays off the page until staff publish it in its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from analysis.cleaning import redact_pii
from surveys.definition_types import Audience
from surveys.models import Answer, Partnership, Question, Response, Survey, SurveyStatus
from surveys.question_types import get_type

from .. import reports
from ..extensions import db
from ..models import Action, Measure, PublicQuote, RunStatus, Theme, ThemeRun
from ..models.loop import public_summary_text
from ..reports.theme_languages import own_name, staff_name, without_language_note
from . import loop

TOP_THEMES = 5
"""Themes listed per question: the largest, so the page stays short on a phone."""
QUOTES_PER_THEME = 2

PUBLISHED = (SurveyStatus.OPEN, SurveyStatus.CLOSED)
"""Surveys the public may hear about: a draft was never asked of anyone."""


@dataclass(frozen=True)
class Quote:
    text: str
    language: str


@dataclass
class HeardTheme:
    """One theme as the public reads it: its name and its protected size (never hidden: a theme whose
    size is hidden is not listed), its share of answers when the total is shown too."""

    label: str
    label_language: str
    lineage_id: int | None
    count: int
    share: int | None  # whole percent, None when the report hides the total
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class HeardQuestion:
    """A question's listed themes, and what they come from: a wave's answers (``wave``, as staff named
    it) or all answers (``None``), found on ``found``; a reader who sees Spring's themes beside an action
    about the fall can tell them apart."""

    question: Question
    themes: list[HeardTheme]
    wave: str | None = None
    found: date | None = None


@dataclass
class HeardAudience:
    audience: Audience
    questions: list[HeardQuestion]


def public_partnership(slug: str) -> Partnership | None:
    """The partnership at ``slug`` when its public page is on; ``None`` for an unknown slug or a page
    turned off, which the page answers alike (a 404 that says nothing about either)."""
    return db.session.scalar(sa.select(Partnership).where(Partnership.slug == slug, Partnership.public_page))


def published_answers(theme: Theme) -> set[int]:
    """The answers of ``theme``'s lineage that staff published as quotes (for the staff theme page)."""
    if theme.lineage_id is None:
        return set()
    return set(db.session.scalars(sa.select(PublicQuote.answer_id).where(PublicQuote.lineage_id == theme.lineage_id)))


@dataclass(frozen=True)
class RunPublicStatus:
    """Where the public page stands for the question of the run a staff report shows."""

    run: ThemeRun
    published: ThemeRun | None  # the question's published run: this one, another, or none
    published_report_shows_it: bool  # the published run is the one its wave's report shows (a link reaches it)
    page_on: bool  # the partnership's public page is on

    @property
    def this_run(self) -> bool:
        return self.published is not None and self.published.id == self.run.id

    @property
    def replaced_here(self) -> bool:
        """Another run is published that this report showed before a re-run (same wave, or all waves):
        its own report now shows this run, so only this report can take its themes off."""
        return (self.published is not None and not self.this_run
                and self.published.wave_id == self.run.wave_id)


def run_public_status(run: ThemeRun) -> RunPublicStatus:
    """Whether ``run``'s themes, another run's or none of its question are the ones the public page
    lists (for the staff report; reads only)."""
    published = db.session.scalar(
        sa.select(ThemeRun).where(ThemeRun.question_id == run.question_id, ThemeRun.status == RunStatus.FINISHED,
                                  ThemeRun.published_at.is_not(None))
        .order_by(ThemeRun.published_at.desc(), ThemeRun.id.desc()).limit(1))
    shows_it = published is not None and published.id == db.session.scalar(
        sa.select(sa.func.max(ThemeRun.id)).where(
            ThemeRun.question_id == run.question_id, ThemeRun.status == RunStatus.FINISHED,
            ThemeRun.wave_id.is_(None) if published.wave_id is None else ThemeRun.wave_id == published.wave_id))
    return RunPublicStatus(run, published, shows_it, bool(run.survey.partnership.public_page))


def what_we_heard(partnership: Partnership, language: str = "en") -> list[HeardAudience]:
    """The largest themes of each open-ended question of the partnership's published surveys, from
    the theme run staff published for the question, grouped by the audience the survey asked; each theme
    named, where it can be, in the reader's ``language`` (:func:`reader_label`), with the published
    quotes written in it first."""
    by_audience: dict[Audience, list[HeardQuestion]] = {}
    lines = []
    for run in _latest_runs(partnership):
        report = reports.theme_report(run)
        shown = [line for line in report.counted if line.size is not None][:TOP_THEMES]
        if shown:
            lines.append((run, report, shown))
    quotes = _published_quotes({line.theme.lineage_id for _, _, shown in lines for line in shown} - {None})
    for run, report, shown in lines:
        themes = [HeardTheme(*reader_label(line.theme, language), line.theme.lineage_id, line.size,
                             _percent(report.share(line.size)),
                             _reader_first(quotes.get(line.theme.lineage_id, []), language)[:QUOTES_PER_THEME])
                  for line in shown]
        found = run.finished_at or run.created_at
        by_audience.setdefault(run.survey.audience, []).append(HeardQuestion(
            run.question, themes, run.wave.label if run.wave_id else None, found.date() if found else None))
    return [HeardAudience(audience, questions) for audience, questions in by_audience.items()]


def reader_label(theme: Theme, language: str) -> tuple[str, str]:
    """A theme's name for a public reader of ``language``, with its language: the name staff gave it for
    that language (:func:`reports.theme_languages.staff_name`), else the engine's name from the theme's
    answers in that language where it speaks for the theme (:func:`reports.theme_languages.own_name`; a
    staff name is what the partnership chose to say), else :func:`public_label`."""
    from analysis.language import language_code

    given = staff_name(theme, language)
    if given:
        return given, language
    own = own_name(theme, language_code(language))
    if own:
        return own, language
    return public_label(theme.label)


def _reader_first(quotes: list[Quote], language: str) -> list[Quote]:
    """Published quotes in the reader's language first, each group in the order staff chose them."""
    return sorted(quotes, key=lambda quote: quote.language != language)


def public_label(label: str) -> tuple[str, str]:
    """A theme's name for the public, with its language. Staff read themes in English; a theme whose
    answers are all Spanish keeps a Spanish name with a gloss for staff ("Citas médicas (gloss:
    appointment, doctor)"), which the public page leaves off."""
    bare, language = without_language_note(label)
    return bare, language or "en"


def _latest_runs(partnership: Partnership) -> list[ThemeRun]:
    """The run staff published for each open-ended question of the published surveys (finished; a
    question with none is not listed; a newer unpublished run changes nothing), in survey and question
    order. Should two runs of a question ever both be marked, the one published last counts."""
    runs = db.session.scalars(
        sa.select(ThemeRun).join(Survey, Survey.id == ThemeRun.survey_id)
        .where(Survey.partnership_id == partnership.id, Survey.status.in_(PUBLISHED),
               ThemeRun.status == RunStatus.FINISHED, ThemeRun.published_at.is_not(None))
        .order_by(ThemeRun.published_at.desc(), ThemeRun.id.desc())
    ).all()
    chosen: dict[int, ThemeRun] = {}
    for run in runs:
        chosen.setdefault(run.question_id, run)
    themed = [run for run in chosen.values() if get_type(run.question.type).summary == "text"]
    return sorted(themed, key=lambda run: (run.survey_id, run.question.position, run.question_id))


def _published_quotes(lineage_ids: set[int]) -> dict[int, list[Quote]]:
    """Published quotes by theme lineage, oldest first (the order staff chose them in)."""
    if not lineage_ids:
        return {}
    rows = db.session.execute(
        sa.select(PublicQuote.lineage_id, Answer.value_text, Response.language)
        .join(Answer, Answer.id == PublicQuote.answer_id)
        .join(Response, Response.id == Answer.response_id)
        .where(PublicQuote.lineage_id.in_(lineage_ids), Answer.value_text.is_not(None))
        .order_by(PublicQuote.id)
    )
    quotes: dict[int, list[Quote]] = {}
    for lineage_id, text, language in rows:
        # An answer may hold a phone number, an email or a name; the public never reads them.
        quotes.setdefault(lineage_id, []).append(Quote(redact_pii(text), language))
    return quotes


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


@dataclass
class PublicAction:
    """An action as the public reads it: the staff's public summary (never the internal title or
    details) and how far it has got."""

    action: Action
    summary: str
    summary_language: str
    themes: list[HeardTheme]  # the linked themes the page lists under "what we heard"


@dataclass
class PublicMeasure:
    """A public measure with its progress (values already protected by :mod:`.loop`)."""

    measure: Measure
    points: list[loop.MeasurePoint]
    latest: loop.MeasurePoint | None


@dataclass
class PublicPage:
    """Everything the public page prints, already protected."""

    heard: list[HeardAudience]
    actions: list[PublicAction]
    measures: list[PublicMeasure]
    threshold: int
    shared: bool  # staff published themes of some question (listed or, all too small, not)
    top: int = TOP_THEMES  # themes listed per question at most, as the page says


def public_page(partnership: Partnership, language: str) -> PublicPage:
    """What the public page shows in ``language`` for a partnership whose page is on."""
    heard = what_we_heard(partnership, language)
    listed = {theme.lineage_id: theme for group in heard for item in group.questions for theme in item.themes}
    return PublicPage(heard=heard, actions=_public_actions(partnership, language, listed),
                      measures=[_public_measure(m) for m in loop.public_measures(partnership)],
                      threshold=partnership.small_cell_threshold,
                      shared=bool(heard) or bool(_latest_runs(partnership)))


def _public_actions(partnership: Partnership, language: str,
                    listed: dict[int | None, HeardTheme]) -> list[PublicAction]:
    """Public actions with a public summary, newest first. An action without one is not ready for the
    public (its title is for staff). Linked themes are named only when the page lists them."""
    actions = []
    for action in loop.public_actions(partnership):
        summary = public_summary_text(action.public_summary or {}, language)
        if not summary.strip():
            continue
        shown_in = language if action.public_summary.get(language) else (
            "en" if action.public_summary.get("en") else next(iter(action.public_summary)))
        actions.append(PublicAction(action, summary, shown_in,
                                    [listed[t.id] for t in action.themes if t.id in listed]))
    return actions


def _public_measure(measure: Measure) -> PublicMeasure:
    points = loop.measure_progress(measure)
    return PublicMeasure(measure, points, loop.latest_point(points))
