"""``/submission``: HEAD (what Collect asks before sending) and POST, a multipart body whose
``xml_submission_file`` part is the filled form. Other parts are attachments; Chorus forms ask for none,
so they are ignored, never refused. What is stored, and when a submission is refused, is decided by
:func:`feedback.services.openrosa.receive_submission` (ODK Central's rules).
"""

from __future__ import annotations

from flask import abort, current_app, request
from flask.typing import ResponseReturnValue

from ..extensions import db, limiter
from ..services import openrosa as openrosa_service
from ..transient import retry_transient
from . import replies
from .auth import caller, device_limit, device_rate_key
from .blueprint import bp

XML_PART = "xml_submission_file"
MISSING_XML = (f"Send the form as the multipart part “{XML_PART}”. / "
               f"Envíe el formulario en la parte multipart “{XML_PART}”.")
STORED = "Thank you: the form was received. / Gracias: el formulario fue recibido."


def accept_content_length() -> int:
    """The largest request accepted, which Collect reads to split big submissions into several POSTs."""
    return int(current_app.config.get("MAX_CONTENT_LENGTH") or 10 * 1024 * 1024)


@bp.route("/submission", methods=["GET", "HEAD"])
@bp.route("/key/<token>/submission", methods=["GET", "HEAD"])
def submission_check(token: str | None = None) -> ResponseReturnValue:
    """204 for a device whose token works, with the size it may send; nothing is written."""
    caller(token)
    return replies.xml_reply("", 204, {"X-OpenRosa-Accept-Content-Length": str(accept_content_length())})


@bp.post("/submission")
@bp.post("/key/<token>/submission")
@limiter.limit(device_limit, key_func=device_rate_key)
@retry_transient
def submission(token: str | None = None) -> ResponseReturnValue:
    """Store a filled form: 201 when stored now or before (a resend), else the refusal's status."""
    found = caller(token)
    body = _submitted_xml()
    try:
        received = openrosa_service.receive_submission(found.survey, found.definition, body, device=found.device)
    except openrosa_service.SubmissionRefused as refused:
        db.session.rollback()
        return replies.xml_reply(replies.message(str(refused), nature="error"), refused.status)
    db.session.commit()
    if received.stored:
        current_app.logger.info("OpenRosa submission stored as response %s (%s)", received.response_id,
                                "edit" if received.edit else "new")
    return replies.xml_reply(replies.message(STORED, nature="submit_success"), 201)


def _submitted_xml() -> bytes:
    """The bytes of the ``xml_submission_file`` part (a file part, as Collect and Enketo send it, or a
    plain field); 400 without one."""
    upload = request.files.get(XML_PART)
    if upload is not None:
        return upload.read()
    field = request.form.get(XML_PART)
    if field:
        return field.encode("utf-8")
    abort(400, description=MISSING_XML)
