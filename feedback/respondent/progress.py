"""The response this browser is working on, and the survey it belongs to.

A person's progress is an incomplete :class:`~surveys.models.Response` in the database, found through
the session (``session["responses"][slug]``) or a resume code, so nothing is lost when a phone drops its
connection.

Phones and library computers are shared, so the session holds on to a response only as long as its person
plausibly still is there: a response never saved is forgotten after ``RESPONDENT_IDLE_MINUTES`` without a
request, only a response saved on purpose is offered again by "Continue", and contact details are not
shown back once a response has been opened again (with "Continue" or a resume code).
"""

from __future__ import annotations

import time

from flask import current_app, render_template, session, url_for
from sqlalchemy.orm import joinedload

from surveys.definition import SurveyDefinition
from surveys.models import Response, Survey, SurveyStatus
from surveys.responses import is_saved_for_later, load_answers, resume_section
from surveys.services import load_survey

from ..extensions import db
from .language import choose_language

RESPONSES = "responses"  # {slug: public id of the response in progress}
SEEN = "seen"  # {slug: unix time of the last request about the response in progress}
CONTINUED = "continued"  # public ids of responses opened again with "Continue" or a resume code
EXPIRED = "expired"  # the slug whose unsaved response was just forgotten, for the start page to say so


def find_survey(slug: str) -> Survey | None:
    """The survey at ``/s/<slug>``, whatever its status (read with what answering it needs)."""
    return load_survey(slug)


def unavailable(survey: Survey | None) -> tuple[str, int] | None:
    """The friendly page for an unknown or not-open survey, or ``None`` when it takes answers."""
    if survey is None:
        choose_language(None)
        return render_template("respondent/unknown.html"), 404
    if survey.status is not SurveyStatus.OPEN:
        choose_language(survey)
        return render_template("respondent/closed.html", survey=survey), 200
    return None


def idle_minutes() -> float:
    """How long an unsaved, unfinished response stays with this browser without a request."""
    return float(current_app.config.get("RESPONDENT_IDLE_MINUTES", 20))


def current_response(survey: Survey) -> Response | None:
    """The response this browser is working on for ``survey``.

    A response that was neither sent nor saved is forgotten once nobody has touched it for
    :func:`idle_minutes`: on a shared device the next person must not find it (the answers stay in the
    database as an unfinished response, as when anyone walks away).
    """
    public_id = session.get(RESPONSES, {}).get(survey.slug)
    if not public_id:
        return None
    # Its answers come in the same statement: every page needs them.
    response = db.session.scalars(db.select(Response).options(joinedload(Response.answers))
                                  .where(Response.public_id == public_id, Response.survey_id == survey.id)
                                  ).unique().first()
    if response is not None and not response.complete and not response.resume_code:
        seen = session.get(SEEN, {}).get(survey.slug)
        if seen is None or time.time() - seen > idle_minutes() * 60:
            remember(survey, None)
            session[EXPIRED] = survey.slug
            return None
    return response


def saved_response(survey: Survey) -> Response | None:
    """The unfinished response of this browser that its person saved on purpose: the only one a
    "Continue" offers (anyone may be the next to use this device)."""
    response = current_response(survey)
    return response if is_saved_for_later(response) else None


def just_expired(survey: Survey) -> bool:
    """Whether this browser's unsaved response for ``survey`` was just forgotten (said once)."""
    if session.get(EXPIRED) != survey.slug:
        return False
    session.pop(EXPIRED)
    return True


def remember(survey: Survey, response: Response | None) -> None:
    """Keep (or drop, with ``None``) the response this browser works on for ``survey``, and note that it
    was touched now."""
    responses = dict(session.get(RESPONSES, {}))
    seen = dict(session.get(SEEN, {}))
    if response is None:
        responses.pop(survey.slug, None)
        seen.pop(survey.slug, None)
    else:
        responses[survey.slug] = response.public_id
        seen[survey.slug] = int(time.time())
    session[RESPONSES] = responses
    session[SEEN] = seen


def start_afresh(survey: Survey, response: Response) -> None:
    """This browser now works on a new ``response``: whatever was forgotten before is past."""
    remember(survey, response)
    session.pop(EXPIRED, None)


def carry_on_with(survey: Survey, response: Response, definition: SurveyDefinition) -> str:
    """Take up a saved ``response`` again (maybe by someone else, so its contact details are kept but no
    longer shown here), and the address of the page where its person left off."""
    remember(survey, response)
    continued = [public_id for public_id in session.get(CONTINUED, []) if public_id != response.public_id]
    session[CONTINUED] = [*continued[-9:], response.public_id]
    return page_url(survey, definition, resume_section(definition, load_answers(response, definition)))


def is_continued(response: Response) -> bool:
    """Whether this browser opened ``response`` again, so its contact details stay hidden here."""
    return response.public_id in session.get(CONTINUED, [])


def page_url(survey: Survey, definition: SurveyDefinition, section_key: str) -> str:
    """The address of the page showing ``section_key``."""
    number = [section.key for section in definition.sections].index(section_key) + 1
    return url_for("respondent.page", slug=survey.slug, number=number)
