"""Staff forms (Flask-WTF, CSRF-protected)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from surveys.models import Partnership

from ..accounts import EMAIL_PATTERN, MIN_PASSWORD
from ..models import Role

EMAIL = Regexp(EMAIL_PATTERN, message="Enter an email address like name@example.org.")
NEW_PASSWORD = Length(min=MIN_PASSWORD, max=200)


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class ActionForm(FlaskForm):
    """A button that changes something: CSRF token only."""


class CreateUserForm(FlaskForm):
    """An admin adds someone to their partnership."""

    email = EmailField("Email", validators=[DataRequired(), EMAIL, Length(max=254)])
    name = StringField("Name", validators=[Length(max=200)])
    role = SelectField("Role", choices=[SelectChoice(role.value, role.value.capitalize()) for role in Role])
    organization = SelectField("Organization (partners only)", choices=[])
    # Shown in clear on purpose: the admin reads it out to the new person, who changes it.
    password = StringField("Temporary password", validators=[DataRequired(), NEW_PASSWORD])

    @classmethod
    def for_partnership(cls, partnership: Partnership) -> CreateUserForm:
        """The form, offering the partnership's organizations for a partner-role person."""
        form = cls()
        form.organization.choices = [SelectChoice("", "—")] + [
            SelectChoice(org.slug, org.name) for org in partnership.organizations]
        return form


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=200)])
    new = PasswordField(f"New password (at least {MIN_PASSWORD} characters)", validators=[DataRequired(), NEW_PASSWORD])
    again = PasswordField("New password again", validators=[
        DataRequired(), EqualTo("new", message="The two new passwords are different.")])
