"""``chorus init`` and ``chorus demo``: create the database and fill it with a demo partnership."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask_migrate import upgrade

from ..extensions import db


@click.command("init")
def init_command() -> None:
    """Create the database, or upgrade it to the newest schema."""
    upgrade(directory=current_app.extensions["migrate"].directory)
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")


@click.command("demo")
@click.option("--seed", default=2026, show_default=True, help="Random seed for the synthetic answers.")
@click.option(
    "--scale",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0.01, max=100),
    help="Multiply the number of synthetic responses (1 = several hundred).",
)
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already holds a partnership.")
def demo_command(seed: int, scale: float, if_empty: bool) -> None:
    """Load a demo healthcare partnership with surveys, two waves and synthetic responses.

    Safe to run again: what already exists is left as it is.
    """
    from surveys.models import Partnership

    if not db.inspect(db.engine).has_table(Partnership.__tablename__):
        raise click.ClickException("The database has no tables yet: run `chorus init` first.")
    if if_empty and db.session.scalar(db.select(Partnership.id).limit(1)) is not None:
        click.echo("The database already holds a partnership; no demo data added.")
        _show_demo_sign_in()
        return
    from ..demo.loader import load_demo

    report = load_demo(seed=seed, scale=scale, find_themes=True)
    db.session.commit()
    if report.created_users:
        lines = [f"{email}  {password}  ({role})" for email, role, password in report.created_users]
        _demo_credentials_file().write_text("\n".join(lines) + "\n")
        _demo_credentials_file().chmod(0o600)
    if report.created_responses:
        click.echo(
            f"Loaded the demo partnership '{report.partnership.name}': "
            f"{report.created_surveys} surveys, {report.created_responses} responses."
        )
    else:
        click.echo(f"The demo partnership '{report.partnership.name}' is already loaded; nothing added.")
    _show_demo_sign_in()


def _demo_credentials_file() -> Path:
    return Path(current_app.instance_path) / "demo-sign-in.txt"


def _show_demo_sign_in() -> None:
    """Print the demo's staff sign-in (kept in the instance folder, readable by its owner only)."""
    path = _demo_credentials_file()
    if path.exists():
        click.echo("Staff sign-in at /staff/login (email, password, role):")
        click.echo(path.read_text().rstrip())
