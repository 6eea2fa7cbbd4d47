"""Staff forms (Flask-WTF, CSRF-protected)."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Regexp

EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Enter an email address like name@example.org.")


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired()])


class ActionForm(FlaskForm):
    """A button that changes something: CSRF token only."""


class CreateUserForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), EMAIL, Length(max=254)])
    name = StringField("Name", validators=[Length(max=200)])
    role = SelectField("Role", choices=[SelectChoice("admin", "Admin"), SelectChoice("analyst", "Analyst"),
                                        SelectChoice("partner", "Partner")])
    organization = SelectField("Organization (partners only)", choices=[])
    # Shown in clear on purpose: the admin reads it out to the new person, who changes it.
    password = StringField("Temporary password", validators=[DataRequired(), Length(min=12, max=200)])


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired()])
    new = PasswordField("New password (at least 12 characters)", validators=[DataRequired(), Length(min=12, max=200)])
    again = PasswordField("New password again", validators=[DataRequired()])
