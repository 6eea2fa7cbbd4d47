"""The OpenRosa blueprint. Devices send multipart XML, not browser forms, so CSRF does not apply.

Whatever happens — a refusal, a wrong address, a body too large, a rate limit, a database restarting —
the device gets an OpenRosa XML message with ``X-OpenRosa-Version: 1.0`` (ODK Collect shows the message
to the person holding it), never a web page meant for a browser.
"""

from __future__ import annotations

from flask import Blueprint, current_app, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response

from ..extensions import csrf, db
from ..transient import RETRY_AFTER_SECONDS, is_transient
from .replies import OPENROSA_HEADERS, message, xml_reply

bp = Blueprint("openrosa", __name__)
csrf.exempt(bp)

ERROR_TEXTS = {
    401: ("This device's key is not valid: it is unknown or was revoked. Ask your coordinator for a new one.",
          "La clave de este dispositivo no es válida: no existe o fue revocada. Pida una nueva a su coordinador."),
    404: ("There is nothing at this address for this device.",
          "No hay nada en esta dirección para este dispositivo."),
    413: ("The submission is too large.", "El envío es demasiado grande."),
    429: ("Too many requests from this device. Wait a minute, then send again.",
          "Demasiadas solicitudes de este dispositivo. Espere un minuto y envíe de nuevo."),
    503: ("The server is busy or restarting. Send again in a few seconds.",
          "El servidor está ocupado o reiniciándose. Envíe de nuevo en unos segundos."),
}
"""What the person holding the device reads, in English and Spanish, for errors that have no message
of their own."""


def logged_address() -> str:
    """The address as a log line may name it: the route's pattern (``/openrosa/key/<token>/submission``),
    never the path, which holds the device's key."""
    return request.url_rule.rule if request.url_rule is not None else request.blueprint or "openrosa"


def bilingual(code: int, default: str) -> str:
    english, spanish = ERROR_TEXTS.get(code, (default, ""))
    return f"{english} / {spanish}" if spanish else english


@bp.after_request
def openrosa_headers(response: Response) -> Response:
    """Every answer names the protocol version, errors included."""
    response.headers.update(OPENROSA_HEADERS)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException) -> ResponseReturnValue:
    """HTTP errors as OpenRosa messages (a 401 keeps its ``WWW-Authenticate`` challenge)."""
    db.session.rollback()
    code = error.code or 500
    if isinstance(error, InternalServerError) and error.original_exception is not None:
        current_app.logger.error("OpenRosa error on %s", logged_address(), exc_info=error.original_exception)
    text = error.description if code in (400,) and error.description else bilingual(code, error.name)
    headers = {name: value for name, value in error.get_headers() if name.lower() == "www-authenticate"}
    return xml_reply(message(text, nature="error"), code, headers)


@bp.errorhandler(DBAPIError)
def database_error(error: DBAPIError) -> ResponseReturnValue:
    """503 with ``Retry-After`` while the database is busy or restarting (the device sends again and
    nothing is stored twice); any other database failure is the ordinary 500."""
    db.session.rollback()
    if not is_transient(error):
        current_app.logger.error("database error on %s", logged_address(), exc_info=error)
        return xml_reply(message(bilingual(500, "Internal Server Error"), nature="error"), 500)
    current_app.logger.warning("database unavailable on %s: %s", logged_address(), error.orig)
    return xml_reply(message(bilingual(503, "Service Unavailable"), nature="error"), 503,
                     {"Retry-After": str(RETRY_AFTER_SECONDS)})
