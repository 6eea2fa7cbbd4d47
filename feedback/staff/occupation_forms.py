"""Forms for occupation coding: the partnership's OEWS area, and a reviewed job title's code."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from analysis.occupations import NATIONAL, areas

MAX_INT = 2**31 - 1
"""Largest id a form may name: a bigger number is refused, not sent to the database (which would fail)."""


def area_groups() -> dict[str, list[tuple[str, str]]]:
    """OEWS areas for a select box, grouped (the nation, states, metropolitan and nonmetropolitan areas)."""
    names = {"nation": _("Nation"), "state": _("States"), "metro": _("Metropolitan and other areas")}
    groups: dict[str, list[tuple[str, str]]] = {name: [] for name in names.values()}
    for area in areas():
        groups[names[area.kind]].append(("" if area.code == NATIONAL else area.code,
                                         _("The whole country") if area.code == NATIONAL else area.name))
    return groups


class OewsAreaForm(FlaskForm):
    """Where the partnership's local wages and employment come from."""

    oews_area = SelectField(_l("Region for wages and employment"), validate_choice=False)

    @classmethod
    def for_partnership(cls, partnership) -> OewsAreaForm:
        """The form with every OEWS area and the partnership's current choice."""
        form = cls(oews_area=partnership.oews_area or "")
        form.oews_area.choices = area_groups()
        return form


class CodeTitleForm(FlaskForm):
    """Confirm or correct one typed job title: a suggestion chosen, or a SOC code typed."""

    response_id = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=MAX_INT)])
    question_id = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=MAX_INT)])
    item = IntegerField(validators=[InputRequired(), NumberRange(min=0, max=100)])
    soc_code = StringField(_l("Occupation"), validators=[DataRequired(message=_l("Choose an occupation.")),
                                                     Length(max=10)])
