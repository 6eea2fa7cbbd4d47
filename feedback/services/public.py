"""What staff do to the public "you said, we did" page: turn it off or on, choose which theme run of a
question it lists, and choose the quotes it may show. Each change is audited and flushed, never
committed (the view commits)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from surveys.models import Answer, Partnership, SurveyStatus, utcnow

from ..extensions import db
from ..models import PublicQuote, RunStatus, Theme, ThemeRun
from . import ActionRefused
from .audit import record_audit

MAX_QUOTE_CHARS = 300
"""The longest answer the public page may quote: a sentence or two. Longer answers are not cut (that
would put words in someone's mouth); staff choose a shorter one. It also keeps the page light."""


def quotable(text: str | None) -> bool:
    """Whether an answer is short enough to quote on the public page."""
    return bool(text and text.strip()) and len(text) <= MAX_QUOTE_CHARS


def set_public_page(partnership: Partnership, on: bool) -> bool:
    """Turn the partnership's public page on or off; ``False`` when it already was (nothing audited)."""
    if partnership.public_page == on:
        return False
    partnership.public_page = on
    record_audit(partnership.id, "public_page_on" if on else "public_page_off", "partnership", partnership.slug)
    db.session.flush()
    return True


def publish_quote(run: ThemeRun, theme: Theme, answer_id: int, user_id: int | None) -> PublicQuote:
    """Let the public page quote an answer of ``theme`` (checked by the caller to be in it) under the
    theme, in this run and the runs that continue it. Publishing twice keeps one quote."""
    if theme.lineage_id is None:
        raise ActionRefused(_("This theme has no lasting identity yet; find themes again, then publish."))
    if not quotable(db.session.get(Answer, answer_id).value_text):
        raise ActionRefused(_("The public page quotes answers of up to %(count)s characters; choose a shorter one.",
                              count=MAX_QUOTE_CHARS))
    quote = db.session.scalar(sa.select(PublicQuote).where(
        PublicQuote.lineage_id == theme.lineage_id, PublicQuote.answer_id == answer_id))
    if quote is not None:
        return quote
    quote = PublicQuote(lineage_id=theme.lineage_id, answer_id=answer_id, marked_by_id=user_id)
    db.session.add(quote)
    record_audit(run.survey.partnership_id, "quote_published", "answer", answer_id,
                 {"theme": theme.label, "lineage": theme.lineage_id, "run": run.public_id})
    db.session.flush()
    return quote


def withdraw_quote(run: ThemeRun, theme: Theme, answer_id: int) -> bool:
    """Take an answer off the public page; ``False`` when it was not published under this theme."""
    quote = db.session.scalar(sa.select(PublicQuote).where(
        PublicQuote.lineage_id == theme.lineage_id, PublicQuote.answer_id == answer_id))
    if quote is None:
        return False
    db.session.delete(quote)
    record_audit(run.survey.partnership_id, "quote_withdrawn", "answer", answer_id,
                 {"theme": theme.label, "lineage": theme.lineage_id, "run": run.public_id})
    db.session.flush()
    return True


def publish_run(run: ThemeRun, user_id: int | None) -> bool:
    """Let the public page list ``run``'s themes for its question, under the names and sizes staff see
    now, in place of any other run of the question (the page lists one run per question). ``False`` when
    it already did (nothing audited). Only a finished run of a survey people were asked can be shown."""
    if run.status is not RunStatus.FINISHED:
        raise ActionRefused(_("Only themes of a finished run can be shown on the public page."))
    if run.survey.status is SurveyStatus.DRAFT:
        raise ActionRefused(_("This survey is a draft: the public page only reports on surveys people were asked."))
    if run.published_at is not None:
        return False
    replaced = db.session.scalars(sa.select(ThemeRun).where(
        ThemeRun.question_id == run.question_id, ThemeRun.id != run.id, ThemeRun.published_at.is_not(None))).all()
    for other in replaced:
        other.published_at = other.published_by_id = None
    run.published_at, run.published_by_id = utcnow(), user_id
    record_audit(run.survey.partnership_id, "themes_published", "theme_run", run.public_id,
                 {"survey": run.survey.slug, "question": run.question.key, "wave": run.wave_id,
                  "replaced": [other.public_id for other in replaced]})
    db.session.flush()
    return True


def withdraw_run(run: ThemeRun) -> bool:
    """Take ``run``'s themes off the public page (the question then lists none until staff publish a
    run again); ``False`` when they were not on it."""
    if run.published_at is None:
        return False
    run.published_at = run.published_by_id = None
    record_audit(run.survey.partnership_id, "themes_withdrawn", "theme_run", run.public_id,
                 {"survey": run.survey.slug, "question": run.question.key, "wave": run.wave_id})
    db.session.flush()
    return True
