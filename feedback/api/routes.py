"""API endpoints: read a survey's definition, submit a response.

``POST /surveys/<slug>/responses`` validates through :func:`surveys.responses.clean_answers`, the
path the web form uses, so a kiosk and a phone can never disagree about what is a valid answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Response as FlaskResponse
from flask import jsonify, request, url_for
from flask.typing import ResponseReturnValue

from surveys.i18n import SUPPORTED_LANGUAGES
from surveys.models import Survey, SurveyStatus
from surveys.responses import clean_answers, clean_source, find_by_idempotency_key, submit_response
from surveys.services import definition_of, load_survey

from ..extensions import db, limiter
from ..respondent.limits import submit_limit
from ..transient import retry_transient
from .blueprint import bp

MAX_IDEMPOTENCY_KEY = 128


def error(code: int, message: str, **extra: Any) -> tuple[FlaskResponse, int]:
    return jsonify(error=message, **extra), code


@bp.get("/health")
def health() -> ResponseReturnValue:
    """Liveness for load balancers and deploy checks."""
    return jsonify(status="ok")


def _published(slug: str) -> Survey | None:
    """A survey the public may see (drafts are not public), read with what answering it needs."""
    survey = load_survey(slug)
    return None if survey is None or survey.status is SurveyStatus.DRAFT else survey


@bp.get("/surveys/<slug>")
def survey_definition(slug: str) -> ResponseReturnValue:
    """The survey's definition: pages, questions, types, options, texts per language, conditions."""
    survey = _published(slug)
    if survey is None:
        return error(404, "No survey has this address.")
    body = definition_of(survey).to_dict()
    body.update(
        slug=survey.slug,
        status=survey.status.value,
        wave=survey.current_wave.label if survey.current_wave else None,
        links={"self": url_for("api.survey_definition", slug=slug, _external=True),
               "responses": url_for("api.submit", slug=slug, _external=True),
               "web": url_for("respondent.start", slug=slug, _external=True)},
    )
    return jsonify(body)


@bp.post("/surveys/<slug>/responses")
@limiter.limit(submit_limit)
@retry_transient
def submit(slug: str) -> ResponseReturnValue:
    """Store one complete response.

    Body: ``{"answers": {"<question key>": value}, "language": "es", "source": "<partner>"}``.
    Answers ``201 {"id": ...}``; the same ``Idempotency-Key`` again answers the same id (and sets
    ``Idempotent-Replayed: true``), even if the survey has changed since; ``422 {"errors": {key:
    message}}``; ``404`` unknown survey; ``409`` survey not open. A new response costs three statements:
    the survey (its definition comes from this worker's cache), the response, its answers.
    """
    survey = _published(slug)
    if survey is None:
        return error(404, "No survey has this address.")
    if survey.status is not SurveyStatus.OPEN:
        return error(409, "This survey is closed and is not taking answers.", status=survey.status.value)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error(400, 'Send a JSON object like {"answers": {"question_key": "value"}}.')
    key = request.headers.get("Idempotency-Key", "").strip() or None
    if key is not None and len(key) > MAX_IDEMPOTENCY_KEY:
        return error(400, f"Idempotency-Key must be at most {MAX_IDEMPOTENCY_KEY} characters.")

    envelope = _read_envelope(survey, body)
    definition = definition_of(survey)
    language, source = envelope.language, envelope.source
    message_language = language if language in SUPPORTED_LANGUAGES else "en"
    result = clean_answers(definition, envelope.answers, reject_unknown=True)
    if envelope.problems or not result.ok:
        if key is not None and (existing := find_by_idempotency_key(survey, key)) is not None:
            return _created(existing.public_id, replayed=True)  # a retry: stored once, answered the same
        return jsonify(errors={**envelope.problems, **result.messages(message_language)}), 422

    # A retry of a stored request is answered by the unique constraint, without a read first.
    submitted = submit_response(survey, definition, result.values, language=language,
                                source=clean_source(source) if source else None, idempotency_key=key)
    db.session.commit()
    return _created(submitted.public_id, replayed=not submitted.created)


@dataclass(frozen=True)
class Envelope:
    """What a submission says besides its answers, and what is wrong with it (field -> message)."""

    language: str
    answers: dict
    source: str | None
    problems: dict[str, str]


def _read_envelope(survey: Survey, body: dict) -> Envelope:
    language = body.get("language") or request.accept_languages.best_match(survey.languages) \
        or survey.languages[0]
    problems: dict[str, str] = {}
    if language not in survey.languages:
        problems["language"] = f"Use one of the survey's languages: {', '.join(survey.languages)}."
        language = survey.languages[0]
    answers = body.get("answers")
    if not isinstance(answers, dict):
        problems["answers"] = "Send the answers as an object keyed by question key."
        answers = {}
    source = body.get("source")
    if source is not None and (not isinstance(source, str) or clean_source(source) is None):
        problems["source"] = "A source is a partner tag: lower-case letters, digits, - and _."
    return Envelope(language, answers, source, problems)


def _created(public_id: str, *, replayed: bool) -> FlaskResponse:
    reply = jsonify(id=public_id)
    reply.status_code = 201
    if replayed:
        reply.headers["Idempotent-Replayed"] = "true"
    return reply
