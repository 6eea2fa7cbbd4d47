"""The respondent pages' small forms (a survey page's form is built per page by :mod:`surveys.forms`)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField


class StartForm(FlaskForm):
    """The start button (with the partner tag the link carried)."""

    src = HiddenField()


class ResumeForm(FlaskForm):
    """The resume code a person types, or that a saved link carries."""

    code = StringField()
