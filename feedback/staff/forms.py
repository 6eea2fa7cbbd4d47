"""Staff forms (Flask-WTF, CSRF-protected)."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask_babel import format_number
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError

from analysis.coding import Code, CodebookError, read_codebook
from surveys.models import Partnership

from ..accounts import EMAIL_PATTERN, MIN_PASSWORD
from ..guards import MAX_FORM_FIELD
from ..interface_language import staff_language_choices
from ..models import Role
from .codebook_messages import codebook_message

EMAIL = Regexp(EMAIL_PATTERN, message=_l("Enter an email address like name@example.org."))
NEW_PASSWORD = Length(min=MIN_PASSWORD, max=200)
ROLE_NAMES = {Role.ADMIN: _l("Admin"), Role.ANALYST: _l("Analyst"), Role.PARTNER: _l("Partner")}
"""A role as forms offer it (the value sent stays the role's code)."""


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class ActionForm(FlaskForm):
    """A button that changes something: CSRF token only."""


class CreateUserForm(FlaskForm):
    """An admin adds someone to their partnership."""

    email = EmailField(_l("Email"), validators=[DataRequired(), EMAIL, Length(max=254)])
    name = StringField(_l("Name"), validators=[Length(max=200)])
    role = SelectField(_l("Role"), choices=[SelectChoice(role.value, ROLE_NAMES[role]) for role in Role])
    organization = SelectField(_l("Organization (partners only)"), choices=[])
    # Shown in clear on purpose: the admin reads it out to the new person, who changes it.
    password = StringField(_l("Temporary password"), validators=[DataRequired(), NEW_PASSWORD])

    @classmethod
    def for_partnership(cls, partnership: Partnership) -> CreateUserForm:
        """The form, offering the partnership's organizations for a partner-role person."""
        form = cls()
        form.organization.choices = [SelectChoice("", "—")] + [
            SelectChoice(org.slug, org.name) for org in partnership.organizations]
        return form


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    new = PasswordField(_l("New password (at least %(count)s characters)", count=MIN_PASSWORD),
                        validators=[DataRequired(), NEW_PASSWORD])
    again = PasswordField(_l("New password again"), validators=[
        DataRequired(), EqualTo("new", message=_l("The two new passwords are different."))])


class InterfaceLanguageForm(FlaskForm):
    """The language of your staff pages; "" follows your browser."""

    language = SelectField(_l("Language of these pages"), choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language.choices = [("", _l("As my browser asks")), *staff_language_choices()]


# -- finding themes ---------------------------------------------------------------------------------------

REPRESENTATION_CHOICES = [
    SelectChoice("auto", _l("Automatic")),
    SelectChoice("embeddings", _l("Sentence embeddings")),
    SelectChoice("word-counts", _l("Word counts (TF-IDF)")),
]
"""How answers are compared, as staff choose it (the value is not the engine's jargon: pages never print it)."""
ENGINE_REPRESENTATION = {"auto": "auto", "embeddings": "embeddings", "word-counts": "tfidf"}
"""The theme engine's ``representation`` for each choice."""
CODEBOOK_MAX_CHARS = MAX_FORM_FIELD
"""Longest codebook, pasted or uploaded: the guards' limit on one form field, so the two never disagree."""


class RunForm(FlaskForm):
    """Options of a theme run: how answers are compared, and an optional codebook (pasted CSV or a file)
    whose codes the answers are coded against. Which wave and how many themes are read by the view.

    After :meth:`validate`, :attr:`codebook` holds the checked codes (``None``: no codebook given).
    """

    k = StringField(_l("Number of themes (blank: automatic)"))
    representation = SelectField(_l("Compare answers by"), choices=REPRESENTATION_CHOICES, default="auto")
    codes = TextAreaField(_l("Your codebook (optional)"), validators=[Length(max=CODEBOOK_MAX_CHARS)])
    codes_file = FileField(_l("Or a codebook file (CSV, UTF-8)"))

    codebook: list[Code] | None = None
    themes: int | None = None
    """After :meth:`validate`, the number of themes asked for (``None``: the engine chooses)."""

    def validate_k(self, field: StringField) -> None:
        """A whole number the engine can give, or nothing: any other number refused rather than ignored."""
        from ..services.themes import THEME_COUNTS

        typed = (field.data or "").strip()
        if not typed:
            return
        if not (typed.isascii() and typed.isdigit() and len(typed) <= 3 and int(typed) in THEME_COUNTS):
            raise ValidationError(_("The number of themes is a whole number from %(low)s to %(high)s, or blank to "
                                    "let Chorus choose.", low=THEME_COUNTS[0], high=THEME_COUNTS[-1]))
        self.themes = int(typed)

    @property
    def engine_representation(self) -> str:
        """What the theme engine is asked for."""
        return ENGINE_REPRESENTATION.get(self.representation.data or "auto", "auto")

    def validate_representation(self, field: SelectField) -> None:
        from analysis import embeddings

        if field.data == "embeddings" and not embeddings.available():
            raise ValidationError(_("Sentence embeddings are not installed on this server: choose Automatic or "
                                    "Word counts."))

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields, then the codebook (its problems, row by row, go beside the codebook box)."""
        if not super().validate(extra_validators):
            return False
        try:
            self.codebook = self._read_codebook()
        except CodebookError as error:
            self.codes.errors = [*self.codes.errors, str(error)]
            return False
        return True

    def _read_codebook(self) -> list[Code] | None:
        pasted = self.codes.data or ""
        upload = self.codes_file.data
        if not (upload and getattr(upload, "filename", "")):
            try:
                return read_codebook(text=pasted) if pasted.strip() else None
            except CodebookError as error:
                raise CodebookError(codebook_message(error)) from None
        if pasted.strip():
            raise CodebookError(_("Give the codebook as a file or as pasted text, not both: empty the box, or "
                                  "send the form again without choosing a file."))
        name = upload.filename
        most_bytes = 4 * CODEBOOK_MAX_CHARS + 3  # four bytes a character at most in UTF-8, and a byte-order mark
        raw = upload.read(most_bytes + 1)
        if len(raw) > most_bytes:
            raise _too_long(name)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CodebookError(_("%(name)s is not UTF-8 text (byte %(byte)s). Save it again as 'CSV UTF-8' (in "
                                  "Excel: File > Save As > CSV UTF-8), or paste its rows in the box.",
                                  name=name, byte=exc.start)) from None
        if len(text) > CODEBOOK_MAX_CHARS:
            raise _too_long(name)
        try:
            return read_codebook(name, text=text)
        except CodebookError as error:
            self.codes.data = text  # shown in the box, to be corrected there
            raise CodebookError(_("%(problem)s The file's text is in the box below: correct it there.",
                                  problem=codebook_message(error))) from None


def _too_long(name: str) -> CodebookError:
    return CodebookError(_("%(name)s is longer than %(count)s characters: shorten the descriptions and examples, "
                           "or split the codebook by question.", name=name, count=format_number(CODEBOOK_MAX_CHARS)))


def codebook_csv(codes: list[dict[str, Any]]) -> str:
    """Stored codes (``ThemeRun.parameters["codes"]``) as the CSV a person would paste, to run again."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "description", "examples"])
    for code in codes:
        writer.writerow([code.get("name", ""), code.get("description", ""), " | ".join(code.get("examples") or [])])
    return out.getvalue()
