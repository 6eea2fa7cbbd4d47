"""A question's themes across waves (the trend), and two segments compared on the same themes."""

from __future__ import annotations

from flask import render_template, request
from flask.typing import ResponseReturnValue

from .. import access
from ..queries import trends as trend_queries
from .blueprint import bp
from .themes import THEMED


@bp.get("/surveys/<slug>/questions/<key>/trend")
def trend(slug: str, key: str) -> ResponseReturnValue:
    """Each theme's share of respondents per wave with the tested change; or, when GET parameters
    ``segment`` and ``wave`` choose one, a group against everyone else in that wave (never both on one
    page: each table is protected on its own). Reads only."""
    grant = access.survey_access(slug)
    question = access.question_of(grant.survey, key, THEMED)
    data = trend_queries.question_trend(grant.survey, question, reads_answers=grant.can_see_responses)
    wave = access.wave_of(grant.survey, request.args.get("wave")) or (data.waves[-1] if data.waves else None)
    segment = request.args.get("segment", "")
    compared = trend_queries.compare_segment(grant.survey, question, wave, segment) if wave and segment else None
    return render_template("staff/trends.html", grant=grant, survey=grant.survey, question=question, trend=data,
                           chart=trend_queries.trend_chart(data), segments=trend_queries.segments(grant.survey),
                           chosen_segment=segment, chosen_wave=wave, compared=compared)
