"""``chorus create-user`` and ``chorus set-password``: staff accounts from the terminal."""

from __future__ import annotations

import click

from ..accounts import EMAIL_PATTERN, MIN_PASSWORD, add_user, generate_password
from ..extensions import db
from ..models import Role, User
from ..services.accounts import set_password
from .lookups import partnership_and_organization


@click.command("create-user")
@click.argument("email")
@click.option("--partnership", "partnership_slug", required=True, help="Slug of the partnership.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default="analyst", show_default=True)
@click.option("--organization", "organization_slug", help="Partner organization slug (required for --role partner).")
@click.option("--name", default="", help="The person's name.")
@click.option("--password", envvar="CHORUS_NEW_PASSWORD",
              help="Initial password (default: generate one and print it). Also read from CHORUS_NEW_PASSWORD.")
def create_user_command(email, partnership_slug, role, organization_slug, name, password) -> None:
    """Create a staff account.

    \b
    For example, the first admin of the demo partnership:
      chorus create-user me@example.org --partnership tri-county-healthcare --role admin
    """
    if not EMAIL_PATTERN.fullmatch(email.strip()):
        raise click.BadParameter("enter an email address like name@example.org", param_hint="EMAIL")
    partnership, organization = partnership_and_organization(partnership_slug, organization_slug)
    if Role(role) is Role.PARTNER and organization is None:
        raise click.UsageError("--role partner needs --organization.")
    if db.session.scalar(db.select(User.id).where(User.email == User.normalize_email(email))):
        raise click.ClickException(f"A user with the email {email} already exists.")
    if password is not None and len(password) < MIN_PASSWORD:
        raise click.BadParameter(f"use at least {MIN_PASSWORD} characters", param_hint="--password")
    generated = password is None
    password = password or generate_password()
    add_user(email, partnership, Role(role), password, organization, name)
    db.session.commit()
    click.echo(f"Created {role} {User.normalize_email(email)} in {partnership.name}.")
    if generated:
        click.echo(f"Password: {password}  (shown once; they can be given a new one with `chorus set-password`)")


@click.command("set-password")
@click.argument("email")
@click.option("--password", envvar="CHORUS_NEW_PASSWORD", help="New password (default: generate and print one).")
def set_password_command(email, password) -> None:
    """Give a staff member a new password; every session they had ends."""
    user = db.session.scalar(db.select(User).where(User.email == User.normalize_email(email)))
    if user is None:
        raise click.ClickException(f"No user with the email {email}.")
    if password is not None and len(password) < MIN_PASSWORD:
        raise click.BadParameter(f"use at least {MIN_PASSWORD} characters", param_hint="--password")
    generated = password is None
    password = password or generate_password()
    set_password(user, password)
    db.session.commit()
    click.echo(f"New password set for {user.email}." + (f" Password: {password}" if generated else ""))
