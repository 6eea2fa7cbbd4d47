"""Respondent pages."""

from flask import render_template

from surveys.models import Survey, SurveyStatus

from ..extensions import db
from . import bp


@bp.get("/")
def home():
    """Open surveys, so a person who lands on the bare address finds where to answer."""
    surveys = db.session.scalars(
        db.select(Survey).where(Survey.status == SurveyStatus.OPEN).order_by(Survey.id)
    ).all()
    return render_template("respondent/home.html", surveys=surveys)
