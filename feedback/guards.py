"""Input guards every route gets without asking: checks on the request itself, before any view runs.

Views parse their own fields; these rules hold for all of them, including pages added later:

- **Hosts.** A request must name a configured host (``CHORUS_SERVER_NAME`` and ``CHORUS_TRUSTED_HOSTS``;
  loopback names when neither is set), or it is refused with 400 before anything reads ``Host``. So the
  links Chorus builds from it — API links, QR codes, resume links, share links — always point here.
- **Integers.** ``<int:...>`` in a URL is 0 to 2,147,483,647, else the address is a 404; an integer read
  from a query string or form with ``.get(name, type=int)`` outside ±2,147,483,647 reads as missing. No
  id or page number beyond what a database column holds ever reaches a query.
- **Text.** A NUL character (PostgreSQL cannot store one; SQLite would) anywhere in an address, a form,
  a file name or a JSON body is refused with a 400 that says so (in a respondent's answer field the
  question type refuses it instead, beside the question, in the person's language). A form field is at most
  :data:`MAX_FORM_FIELD` characters (:data:`LARGE_FORM_FIELDS` excepted, bounded by the body size);
  fields with rules of their own are tighter. Control characters (newlines too) in a query string are
  refused.
- **JSON.** Bodies are parsed strictly and at most :data:`~surveys.json_input.MAX_JSON_DEPTH` levels deep
  (:mod:`surveys.json_input`); deeper, or ``NaN``, reads as not JSON.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, abort, jsonify, request
from flask.json.provider import DefaultJSONProvider
from flask.wrappers import Request, Response
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import SecurityError
from werkzeug.routing import IntegerConverter

from surveys.json_input import contains_nul, load_json

from .api.errors import error_body

__all__ = ["LARGE_FORM_FIELDS", "LOOPBACK_HOSTS", "MAX_FORM_FIELD", "MAX_INT", "bounded_int", "init_app",
           "trusted_hosts"]

MAX_INT = 2**31 - 1
"""The largest integer accepted from a URL, query string or form: what a 32-bit column holds."""
MAX_FORM_FIELD = 50_000
"""Characters in one form field; above the longest answer a survey may allow (20,000)."""
LARGE_FORM_FIELDS = frozenset({"definition"})
"""Fields that may be longer: a pasted survey definition, bounded by ``MAX_CONTENT_LENGTH``."""
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")
"""The hosts trusted when none is configured: a development machine, a test, a benchmark."""
NUL_MESSAGE = "Text cannot contain the NUL character (U+0000). Remove it and send again."
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
"""Characters no query-string value needs: a newline there ends up in a header (a QR code's file name)."""
ANSWER_PREFIX = "q_"  # :func:`surveys.question_types.field_name`
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def bounded_int(value: Any) -> int:
    """``int(value)`` within ±:data:`MAX_INT`; anything else is a ``ValueError`` (read as missing)."""
    number = int(value)
    if not -MAX_INT <= number <= MAX_INT:
        raise ValueError(f"{value!r} is out of range")
    return number


class BoundedMultiDict(ImmutableMultiDict):
    """Query-string and form values whose ``type=int`` conversions are range-checked."""

    def get(self, key: Any, default: Any = None, type: Any = None) -> Any:
        return super().get(key, default, bounded_int if type is int else type)

    def getlist(self, key: Any, type: Any = None) -> list[Any]:
        return super().getlist(key, bounded_int if type is int else type)


class ChorusRequest(Request):
    parameter_storage_class = BoundedMultiDict


class BoundedIntConverter(IntegerConverter):
    """Flask's ``int`` converter, capped at :data:`MAX_INT` so a 30-digit id is a 404, not a 500."""

    def __init__(self, map: Any, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = None, signed: bool = False) -> None:
        super().__init__(map, fixed_digits, min, MAX_INT if max is None or max > MAX_INT else max, signed)


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading bodies through :func:`surveys.json_input.load_json` (depth cap, no NaN)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return load_json(s)


def trusted_hosts(config: dict[str, Any]) -> list[str]:
    """The host names requests may carry: the server name, the extra trusted hosts, else loopback."""
    names = [config.get("SERVER_NAME") or ""]
    names += str(config.get("CHORUS_TRUSTED_HOSTS") or "").split(",")
    found = [name.strip() for name in names if name and name.strip()]
    return found or list(LOOPBACK_HOSTS)


def _refuse(code: int, message: str) -> Any:
    """A JSON error for the API, else the error page with ``message``."""
    if request.path.startswith("/api/"):
        return jsonify(error_body(code, message)), code
    abort(code, description=message)


def check_request() -> Any:
    """Refuse an untrusted host (before any other hook can build a link from it), NUL and control
    characters, over-long form fields and NUL inside JSON bodies."""
    if isinstance(request.routing_exception, SecurityError):
        # Plain text: pages cannot be drawn (no link can be built for an unknown host), nor is it echoed.
        return Response("This site is not served at the address you used.\n", 400, mimetype="text/plain")
    if any(CONTROL.search(name) or CONTROL.search(value) for name, value in request.args.items(multi=True)):
        return _refuse(400, "The address contains control characters; check the link.")
    if request.mimetype in FORM_TYPES:
        for name, value in request.form.items(multi=True):
            if name is None:  # a multipart part without a name
                return _refuse(400, "A part of the form has no name; send it from the page again.")
            # An answer (q_...) is left to its question type, which says so beside the question.
            if "\x00" in name or ("\x00" in value and not name.startswith(ANSWER_PREFIX)):
                return _refuse(400, NUL_MESSAGE)
            if len(value) > MAX_FORM_FIELD and name not in LARGE_FORM_FIELDS:
                return _refuse(413, f"A field is longer than {MAX_FORM_FIELD:,} characters; shorten it.")
        if any("\x00" in (upload.filename or "") for upload in request.files.values()):
            return _refuse(400, NUL_MESSAGE)
    elif request.is_json and contains_nul(request.get_json(silent=True)):
        return _refuse(400, NUL_MESSAGE)
    return None


def init_app(app: Flask) -> None:
    """Install the guards; call before blueprints register, so their ``int`` routes use the bounded one."""
    app.request_class = ChorusRequest
    app.url_map.converters["int"] = BoundedIntConverter
    app.json = StrictJSONProvider(app)
    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
    # First of all hooks: the others may build links, which needs a host known to be ours.
    app.before_request_funcs.setdefault(None, []).insert(0, check_request)
