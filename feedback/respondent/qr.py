"""The QR codes staff print: a survey's share link (with a partner's tag) as SVG or PNG.

The link's host is one Chorus trusts (:mod:`feedback.guards` refuses any other ``Host``), so a code
cached for an hour can never point somewhere else."""

from __future__ import annotations

import io

import segno
from flask import Response as FlaskResponse
from flask import abort, request, url_for
from flask.typing import ResponseReturnValue

from surveys.models import SurveyStatus
from surveys.responses import clean_source

from .blueprint import bp
from .progress import find_survey


@bp.get("/s/<slug>/qr.<any(svg, png):kind>")
def qr_code(slug: str, kind: str) -> ResponseReturnValue:
    """A printable QR code of the share link (``?src=<partner>`` is carried into the link)."""
    survey = find_survey(slug)
    if survey is None:
        abort(404)
    source = clean_source(request.args.get("src"))
    link = url_for("respondent.start", slug=slug, src=source, _external=True)
    code = segno.make(link, error="m")
    buffer = io.BytesIO()
    if kind == "svg":
        # Anyone may fetch a QR code, so a draft's (unpublished) title stays out of it.
        title = None if survey.status is SurveyStatus.DRAFT else survey.title_in(survey.languages[0])
        code.save(buffer, kind="svg", scale=8, border=4, title=title)
        mimetype = "image/svg+xml"
    else:
        code.save(buffer, kind="png", scale=10, border=4)
        mimetype = "image/png"
    response = FlaskResponse(buffer.getvalue(), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'inline; filename="{slug}{"-" + source if source else ""}.{kind}"'
    response.cache_control.max_age = 3600
    return response
