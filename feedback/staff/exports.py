"""Downloads: a theme report's tables, and every response (CSV, Excel, JSON; numbers as numbers)."""

from __future__ import annotations

import pandas as pd
from flask import abort, current_app, request
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from .. import access, exports, reports
from ..extensions import db
from ..queries import responses as response_queries
from ..queries import themes as theme_queries
from ..services import audit
from .blueprint import bp
from .themes import THEMED

EXPORT_TYPES = {
    "csv": "text/csv",  # Flask adds "; charset=utf-8" to every text/* type
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _download(frame: pd.DataFrame, fmt: str, filename: str, sheet: str) -> Response:
    if fmt == "csv":
        body = exports.to_csv(frame)
    elif fmt == "xlsx":
        body = exports.to_xlsx(frame, sheet_name=sheet)
    else:
        body = exports.to_json(frame)
    response = current_app.response_class(body, mimetype=EXPORT_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@bp.get("/surveys/<slug>/questions/<key>/report.<fmt>")
def report_export(slug: str, key: str, fmt: str) -> ResponseReturnValue:
    """The theme report's tables (themes, then every breakdown), suppression kept as in the page."""
    grant = access.survey_access(slug)
    question = access.question_of(grant.survey, key, THEMED)
    wave = access.wave_of(grant.survey, request.args.get("wave"))
    run = theme_queries.latest_finished_run(question, wave)
    if run is None or fmt not in EXPORT_TYPES:
        abort(404)
    frame = reports.report_table(reports.theme_report(run), with_quotes=grant.can_see_responses)
    return _download(frame, fmt, f"{slug}-{key}-themes", "Themes")


@bp.get("/surveys/<slug>/responses.<fmt>")
def responses_export(slug: str, fmt: str) -> ResponseReturnValue:
    """Every response, one row each, one column per question (needs access to individual answers).

    Who downloaded it is recorded: the one write a GET makes.
    """
    grant = access.survey_access(slug).require("can_see_responses")
    if fmt not in EXPORT_TYPES:
        abort(404)
    frame = response_queries.responses_table(grant.survey)
    audit.record_access(grant.survey.partnership_id, "responses.export", "survey", slug, {"format": fmt})
    db.session.commit()
    return _download(frame, fmt, f"{slug}-responses", "Responses")
