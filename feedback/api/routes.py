"""Public API endpoints: liveness, a published survey's definition, submitting a response, and the
OpenAPI description of the whole API.

``POST /surveys/<slug>/responses`` validates through :func:`surveys.responses.clean_answers`, the
path the web form uses, so a kiosk and a phone can never disagree about what is a valid answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response as FlaskResponse
from flask import jsonify, request, url_for
from flask.typing import ResponseReturnValue
from pydantic import ValidationError

from surveys.i18n import SUPPORTED_LANGUAGES
from surveys.models import Survey, SurveyStatus
from surveys.responses import clean_answers, clean_source, find_by_idempotency_key, submit_response
from surveys.services import definition_of, load_survey

from ..extensions import db, limiter
from ..respondent.limits import submit_limit
from ..transient import retry_transient
from . import schemas as s
from .blueprint import bp
from .errors import ApiError
from .spec import documented, openapi

MAX_IDEMPOTENCY_KEY = 128
NO_SURVEY = "No survey has this address."


@bp.get("/openapi.json")
def openapi_description() -> ResponseReturnValue:
    """This API's OpenAPI 3.1 description, generated from its routes and models."""
    return jsonify(openapi())


@bp.get("/health")
@documented(ok=s.Health, token=False, tags=("public",))
def health() -> ResponseReturnValue:
    """Liveness for load balancers and deploy checks."""
    return s.Health(status="ok")


def _published(slug: str) -> Survey | None:
    """A survey the public may see (drafts are not public), read with what answering it needs."""
    survey = load_survey(slug)
    return None if survey is None or survey.status is SurveyStatus.DRAFT else survey


@bp.get("/surveys/<slug>")
@documented(ok=s.SurveyDefinition, token=False, tags=("public",))
def survey_definition(slug: str) -> ResponseReturnValue:
    """The survey's definition: pages, questions, types, options, texts per language, conditions."""
    survey = _published(slug)
    if survey is None:
        raise ApiError(404, NO_SURVEY, field="slug")
    body = definition_of(survey).to_dict()
    body.update(
        slug=survey.slug,
        status=survey.status.value,
        wave=survey.current_wave.label if survey.current_wave else None,
        links={"self": url_for("api.survey_definition", slug=slug, _external=True),
               "responses": url_for("api.submit", slug=slug, _external=True),
               "web": url_for("respondent.start", slug=slug, _external=True)},
    )
    return s.SurveyDefinition(**body)


@bp.post("/surveys/<slug>/responses")
@limiter.limit(submit_limit)
@retry_transient
@documented(ok=s.SubmissionCreated, status=201, json=s.SubmissionIn, token=False, errors=(409, 422, 503),
            tags=("public",), skip_validation=True)
def submit(slug: str) -> ResponseReturnValue:
    """Store one complete response.

    Body: ``{"answers": {"<question key>": value}, "language": "es", "source": "<partner>"}``.
    Answers ``201 {"id": ...}``; the same ``Idempotency-Key`` again answers the same id (and sets
    ``Idempotent-Replayed: true``), even if the survey has changed since; ``422`` with one entry in
    ``error.errors`` per question or field; ``404`` unknown survey; ``409`` survey not open. A new
    response costs three statements: the survey (its definition comes from this worker's cache), the
    response, its answers.
    """
    survey = _published(slug)
    if survey is None:
        raise ApiError(404, NO_SURVEY, field="slug")
    if survey.status is not SurveyStatus.OPEN:
        raise ApiError(409, "This survey is closed and is not taking answers.", code="survey_closed",
                       extra={"status": survey.status.value})
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, 'Send a JSON object like {"answers": {"question_key": "value"}}.',
                       code="invalid_json")
    key = request.headers.get("Idempotency-Key", "").strip() or None
    if key is not None and len(key) > MAX_IDEMPOTENCY_KEY:
        raise ApiError(400, f"Idempotency-Key must be at most {MAX_IDEMPOTENCY_KEY} characters.",
                       field="Idempotency-Key")

    envelope = _read_envelope(survey, body)
    definition = definition_of(survey)
    language, source = envelope.language, envelope.source
    message_language = language if language in SUPPORTED_LANGUAGES else "en"
    result = clean_answers(definition, envelope.answers, reject_unknown=True)
    if envelope.problems or not result.ok:
        if key is not None and (existing := find_by_idempotency_key(survey, key)) is not None:
            return _created(existing.public_id, replayed=True)  # a retry: stored once, answered the same
        problems = {**envelope.problems, **result.messages(message_language)}
        errors = [{"field": field, "message": message} for field, message in problems.items()]
        raise ApiError(422, "Some answers need attention; see errors.", field=errors[0]["field"], errors=errors)

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
    """The envelope read through :class:`~feedback.api.schemas.SubmissionIn` (types), then checked
    against the survey (its languages) and the source tag's rule."""
    problems: dict[str, str] = {}
    try:
        parsed = s.SubmissionIn.model_validate(body)
    except ValidationError as error:
        wrong = {str(item["loc"][0]) for item in error.errors() if item.get("loc")}
        problems.update({field: MESSAGES[field].format(", ".join(survey.languages))
                         for field in wrong if field in MESSAGES})
        parsed = s.SubmissionIn.model_validate(
            {k: v for k, v in body.items() if k in s.SubmissionIn.model_fields and k not in wrong} | {
                "answers": body.get("answers") if "answers" not in wrong else {}})
    language = parsed.language or request.accept_languages.best_match(survey.languages) or survey.languages[0]
    if language not in survey.languages:
        problems["language"] = MESSAGES["language"].format(", ".join(survey.languages))
        language = survey.languages[0]
    if parsed.source is not None and clean_source(parsed.source) is None:
        problems["source"] = MESSAGES["source"]
    return Envelope(language, parsed.answers, parsed.source, problems)


MESSAGES = {
    "answers": "Send the answers as an object keyed by question key.",
    "language": "Use one of the survey's languages: {}.",
    "source": "A source is a partner tag: lower-case letters, digits, - and _.",
}


def _created(public_id: str, *, replayed: bool) -> FlaskResponse:
    reply = jsonify(s.SubmissionCreated(id=public_id).model_dump())
    reply.status_code = 201
    if replayed:
        reply.headers["Idempotent-Replayed"] = "true"
    return reply
