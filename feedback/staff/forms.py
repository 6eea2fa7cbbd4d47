"""Staff forms (Flask-WTF, CSRF-protected)."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Regexp

EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Enter an email address like name@example.org.")


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired()])


class ActionForm(FlaskForm):
    """A button that changes something: CSRF token only."""


class RenameThemeForm(FlaskForm):
    label = StringField("New name", validators=[DataRequired(), Length(max=200)])


class MergeThemeForm(FlaskForm):
    into = SelectField("Merge into", validators=[DataRequired()])


class MoveAnswerForm(FlaskForm):
    to = SelectField("Move to theme", validators=[DataRequired()])


class CreateUserForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), EMAIL, Length(max=254)])
    name = StringField("Name", validators=[Length(max=200)])
    role = SelectField("Role", choices=[("admin", "Admin"), ("analyst", "Analyst"), ("partner", "Partner")])
    organization = SelectField("Organization (partners only)", choices=[])
    password = PasswordField("Temporary password", validators=[DataRequired(), Length(min=12, max=200)])
