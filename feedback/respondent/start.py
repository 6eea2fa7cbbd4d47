"""The pages around the questions: the open surveys, a survey's start page (who asks and what for, the
privacy notice, the start button), starting a response, and the thank-you page."""

from __future__ import annotations

from itertools import groupby

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import contains_eager
from werkzeug.routing import BuildError

from surveys.models import Partnership, Survey, SurveyStatus
from surveys.responses import clean_source, start_response, visible_sections
from surveys.services import definition_of

from ..extensions import db
from ..transient import retry_transient
from .blueprint import bp
from .forms import StartForm
from .language import choose_language, language_taken_on, missing_language_notice
from .limits import rate_limited
from .progress import (
    current_response,
    find_survey,
    idle_minutes,
    just_expired,
    page_url,
    saved_response,
    start_afresh,
    unavailable,
)


@bp.get("/")
def home() -> ResponseReturnValue:
    """Open surveys by partnership, each saying who it is for, so a person who lands on the bare address
    knows who is asking and which survey is theirs."""
    choose_language(None)
    surveys = db.session.scalars(
        db.select(Survey).join(Survey.partnership).options(contains_eager(Survey.partnership))
        .where(Survey.status == SurveyStatus.OPEN).order_by(Partnership.name, Partnership.id, Survey.id)
    ).all()
    groups = [(partnership, list(items)) for partnership, items in groupby(surveys, lambda s: s.partnership)]
    return render_template("respondent/home.html", groups=groups)


@bp.get("/s/<slug>")
def start(slug: str) -> ResponseReturnValue:
    """The start page: who asks and what for, the privacy notice, and the start button (with
    "Continue" first when this browser holds a response saved for later)."""
    survey = find_survey(slug)
    if (page := unavailable(survey)) is not None:
        return page
    in_progress = saved_response(survey)
    expired = just_expired(survey)
    language = choose_language(survey, in_progress)
    form = StartForm(formdata=None, src=clean_source(request.args.get("src")) or "")
    return render_template("respondent/start.html", survey=survey, form=form, language=language,
                           missing_language=missing_language_notice(survey, language), in_progress=in_progress, expired=expired, idle_minutes=_minutes(idle_minutes()))


def _minutes(value: float) -> int | float:
    return int(value) if value == int(value) else value


@bp.post("/s/<slug>/start")
@rate_limited
@retry_transient
def begin(slug: str) -> ResponseReturnValue:
    """Start a new response and go to its first page (over a saved one only when asked to)."""
    survey = find_survey(slug)
    if (page := unavailable(survey)) is not None:
        return page
    language = choose_language(survey)
    form = StartForm()
    if not form.validate():
        abort(400)
    if saved_response(survey) is not None and request.form.get("restart") != "1":
        # "Start now" from an old tab or the back button: carry on rather than silently start afresh.
        return redirect(url_for("respondent.carry_on", slug=slug))
    response = start_response(survey, language=language, source=clean_source(form.src.data))
    db.session.commit()
    start_afresh(survey, response)
    language_taken_on()
    definition = definition_of(survey)
    return redirect(page_url(survey, definition, visible_sections(definition, {})[0].key))


@bp.get("/s/<slug>/thanks")
def thanks(slug: str) -> ResponseReturnValue:
    """Thank-you, and what happens to the answers now: who reads them, that no name is attached, and
    where the partnership reports back (its public page, once Chorus has one)."""
    survey = find_survey(slug)
    if survey is None:
        return unavailable(None)
    # Thank people in the language they answered in (the finished response stays in the session).
    choose_language(survey, current_response(survey))
    return render_template("respondent/thanks.html", survey=survey, partnership=survey.partnership,
                           public_page=_public_page(survey.partnership))


def _public_page(partnership: Partnership) -> str | None:
    """The partnership's public "you said, we did" page, when this Chorus has one and staff have not
    turned it off (a link to a 404 would break the promise the page makes)."""
    if not partnership.public_page or "public.partnership" not in current_app.view_functions:
        return None
    try:
        return url_for("public.partnership", slug=partnership.slug)
    except BuildError:
        return None
