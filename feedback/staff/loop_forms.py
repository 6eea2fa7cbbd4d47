"""Forms for closing the loop: an action, a shared measure, an outcome value, the board's filters.

Each form offers only what the partnership holds (its organizations, themes, measures, closed
questions), and what a person typed comes back with the error beside it when something is refused.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from surveys.models import Organization, Question

from ..models import Action, ActionStatus, Measure, MeasureDirection, MeasureKind, ThemeLineage
from ..reports.analysis_words import analysis_label
from ..reports.breakdowns import hidden_note, option_label, page_hidden_label
from ..services import ActionRefused
from ..services.loop import ActionFields, MeasureFields

STATUS_NAMES = {
    ActionStatus.NOT_STARTED: lazy_pgettext("action status", "Not started"),
    ActionStatus.IN_PROGRESS: lazy_pgettext("action status", "In progress"),
    ActionStatus.ON_HOLD: lazy_pgettext("action status", "On hold"),
    ActionStatus.DONE: lazy_pgettext("action status", "Done"),
    ActionStatus.DROPPED: lazy_pgettext("action status", "Dropped"),
}
KIND_NAMES = {
    MeasureKind.ANSWER_SHARE: _l("Share of people choosing some answers to a closed question (computed each wave)"),
    MeasureKind.THEME_SHARE: _l("Share of answers in a theme (computed each wave)"),
    MeasureKind.OUTCOME: _l("An outcome staff enter per period (placements, credentials earned…)"),
}


def hidden_words(threshold: int) -> dict[str, str]:
    """What the loop pages show for a hidden number and under its table, in the page's language."""
    return {"hidden_label": page_hidden_label(), "hidden_note": hidden_note(threshold)}


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (easier to use than a multiple select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def theme_name(lineage: ThemeLineage) -> str:
    """A theme as forms and filters name it: its name and the question it belongs to."""
    return f"{analysis_label(lineage.label)} — {lineage.question.text_in('en')}"


def _refuse(form: FlaskForm, refused: ActionRefused) -> None:
    """Put a service's refusal beside its field (or above the form)."""
    target = form[refused.field] if refused.field and refused.field in form else None
    (target.errors if target is not None else form.form_errors).append(str(refused))


class ActionEditForm(FlaskForm):
    title = StringField(_l("What will change"), validators=[DataRequired(_l("Say what will change.")), Length(max=300)])
    details = TextAreaField(_l("Details (staff only)"), validators=[Length(max=5000)])
    organization = SelectField(_l("Partner that owns the work"), coerce=str, validators=[Optional()])
    owner = StringField(_l("Person accountable"), validators=[Length(max=200)])
    due_on = DateField(_l("Due date (optional)"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=[SelectChoice(s.value, name) for s, name in STATUS_NAMES.items()])
    percent_complete = IntegerField(_l("Percent complete (0–100)"), default=0, validators=[
        InputRequired(_l("Enter how far the work has got, from 0 to 100.")),
        NumberRange(0, 100, _l("Percent complete is a whole number from 0 to 100."))])
    summary_en = TextAreaField(_l("Public summary in English"), validators=[Length(max=1000)])
    summary_es = TextAreaField(_l("Public summary in Spanish"), validators=[Length(max=1000)])
    public = BooleanField(_l("Show on the public “You said, we did” page"), default=True)
    themes = CheckboxesField(_l("Themes behind it"), coerce=int)
    measures = CheckboxesField(_l("Measures it should move"), coerce=int)
    occupations = StringField(_l("Occupations it answers (SOC codes, optional)"), validators=[Length(max=500)])

    @classmethod
    def build(cls, organizations: list[Organization], lineages: list[ThemeLineage], measures: list[Measure],
              action: Action | None = None) -> ActionEditForm:
        """The form with the partnership's choices, filled from ``action`` when editing."""
        form = cls(obj=_action_values(action) if action is not None else None)
        if len(organizations) > 1:
            form.organization.choices = [SelectChoice("", "—")]
        else:
            form.organization.choices = []
        form.organization.choices += [SelectChoice(str(o.id), o.name) for o in organizations]
        linked = [t for t in action.themes if t not in lineages] if action is not None else []
        form.themes.choices = [SelectChoice(lineage.id, theme_name(lineage)) for lineage in lineages + linked]
        form.measures.choices = [SelectChoice(m.id, m.name.get("en", "")) for m in measures]
        return form

    def fields(self) -> ActionFields:
        return ActionFields(
            title=self.title.data or "", organization_id=int(self.organization.data) if self.organization.data else None,
            status=ActionStatus(self.status.data), percent_complete=self.percent_complete.data or 0,
            details=self.details.data or "", owner=self.owner.data or "", due_on=self.due_on.data,
            public_summary={"en": self.summary_en.data or "", "es": self.summary_es.data or ""},
            public=bool(self.public.data), lineage_ids=list(self.themes.data or []),
            measure_ids=list(self.measures.data or []),
            soc_codes=[code for code in (self.occupations.data or "").replace(";", ",").split(",") if code.strip()])

    refuse = _refuse


class _Values:
    """An action's stored values under the form's field names (WTForms reads them as attributes)."""

    def __init__(self, **values) -> None:
        self.__dict__.update(values)


def _action_values(action: Action) -> _Values:
    summary = action.public_summary or {}
    return _Values(title=action.title, details=action.details, owner=action.owner, due_on=action.due_on,
                   organization=str(action.organization_id or ""), status=action.status.value,
                   percent_complete=action.percent_complete, summary_en=summary.get("en", ""),
                   summary_es=summary.get("es", ""), public=action.public,
                   themes=[t.id for t in action.themes], measures=[m.id for m in action.measures],
                   occupations=", ".join(o.soc_code for o in action.occupations))


class MeasureForm(FlaskForm):
    name_en = StringField(_l("Name in English"), validators=[DataRequired(_l("Name the measure in English.")),
                                                         Length(max=300)])
    name_es = StringField(_l("Name in Spanish"), validators=[Length(max=300)])
    description_en = TextAreaField(_l("Description in English (optional)"), validators=[Length(max=2000)])
    description_es = TextAreaField(_l("Description in Spanish (optional)"), validators=[Length(max=2000)])
    kind = RadioField(_l("Kind of measure"), choices=[SelectChoice(k.value, name) for k, name in KIND_NAMES.items()],
                      validators=[InputRequired(_l("Choose the kind of measure."))])
    direction = RadioField(_l("Which way is better"), default=MeasureDirection.UP.value, validators=[Optional()],
                           choices=[SelectChoice(MeasureDirection.UP.value, _l("Higher is better")),
                                    SelectChoice(MeasureDirection.DOWN.value, _l("Lower is better"))])
    target = FloatField(_l("Target (optional; in percent for shares)"), validators=[Optional()])
    baseline = FloatField(_l("Baseline (optional)"), validators=[Optional()])
    options = CheckboxesField(_l("Answers that count"), coerce=str)
    lineage = SelectField(_l("Theme"), coerce=str, validators=[Optional()])
    unit = StringField(_l("What is counted (outcomes), e.g. “placements”"), validators=[Length(max=64)])
    organization = SelectField(_l("Partner responsible (optional)"), coerce=str, validators=[Optional()])
    public = BooleanField(_l("Show on the public “You said, we did” page"), default=True)

    @classmethod
    def build(cls, organizations: list[Organization], lineages: list[ThemeLineage],
              questions: list[Question]) -> MeasureForm:
        form = cls()
        form.organization.choices = ([SelectChoice("", "—")] if len(organizations) > 1 else []) + [
            SelectChoice(str(o.id), o.name) for o in organizations]
        form.lineage.choices = [SelectChoice("", "—")] + [SelectChoice(str(lineage.id), theme_name(lineage)) for lineage in lineages]
        form.options.choices = [SelectChoice(f"{q.id}:{option['key']}", option_label(option))
                                for q in questions for option in q.options]
        form.option_groups = [(q, [f"{q.id}:{option['key']}" for option in q.options]) for q in questions]
        return form

    def fields(self) -> MeasureFields:
        options = [(int(value.split(":", 1)[0]), value.split(":", 1)[1]) for value in self.options.data or []]
        return MeasureFields(
            name={"en": self.name_en.data or "", "es": self.name_es.data or ""}, kind=MeasureKind(self.kind.data),
            direction=MeasureDirection(self.direction.data or "up"),
            description={"en": self.description_en.data or "", "es": self.description_es.data or ""},
            target=self.target.data, baseline=self.baseline.data, unit=self.unit.data or "", options=options,
            lineage_id=int(self.lineage.data) if self.lineage.data else None,
            organization_id=int(self.organization.data) if self.organization.data else None,
            public=bool(self.public.data))

    refuse = _refuse


class MeasureValueForm(FlaskForm):
    period = StringField(_l("Period, e.g. “2026 Q3”"), validators=[DataRequired(_l("Name the period.")), Length(max=64)])
    period_end = DateField(_l("Last day of the period"), validators=[InputRequired(_l("Enter the period's last day."))])
    value = FloatField(_l("Value"), validators=[InputRequired(_l("Enter the value as a number."))])
    note = TextAreaField(_l("Note (optional)"), validators=[Length(max=2000)])

    refuse = _refuse


class BoardFilterForm(FlaskForm):
    """The actions board's filters (a GET form: no CSRF token, nothing changes)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), choices=[SelectChoice("", _l("Any status"))] + [SelectChoice(s.value, n) for s, n in STATUS_NAMES.items()],
                         validators=[Optional()])
    partner = SelectField(_l("Partner"), coerce=str, validators=[Optional()])
    theme = SelectField(_l("Theme"), coerce=str, validators=[Optional()])

    @classmethod
    def build(cls, organizations: list[Organization], lineages: list[ThemeLineage], args) -> BoardFilterForm:
        form = cls(formdata=args)
        form.partner.choices = [SelectChoice("", _l("Any partner"))] + [SelectChoice(str(o.id), o.name) for o in organizations]
        form.theme.choices = [SelectChoice("", _l("Any theme"))] + [
            SelectChoice(str(lineage.id), theme_name(lineage)) for lineage in lineages]
        return form

    def filters(self) -> dict:
        """The filters asked for; a value the form does not offer (an edited address) filters nothing."""
        valid = self.validate()
        return {} if not valid else {
            "status": ActionStatus(self.status.data) if self.status.data else None,
            "organization_id": int(self.partner.data) if self.partner.data else None,
            "lineage_id": int(self.theme.data) if self.theme.data else None,
        }
