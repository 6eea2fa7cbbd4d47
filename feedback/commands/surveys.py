"""``chorus surveys``: every survey at the terminal, with the links and QR codes staff hand out."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlencode

import click
import segno
from flask.cli import AppGroup

from surveys.models import Organization, Response, Survey

from ..extensions import db

DEFAULT_BASE_URL = "http://localhost:5000"

base_url_option = click.option(
    "--base-url", envvar="CHORUS_BASE_URL", default=DEFAULT_BASE_URL, show_default=True,
    help="The public address of this Chorus (or set CHORUS_BASE_URL).")


@click.group("surveys", cls=AppGroup, invoke_without_command=True)
@base_url_option
@click.pass_context
def surveys_command(ctx: click.Context, base_url: str) -> None:
    """List every survey (the default), print share links, write QR codes."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_surveys, base_url=base_url)


def share_link(base_url: str, survey: Survey, source: str | None = None) -> str:
    """The public link of a survey, tagged with a partner's ``src`` when given."""
    link = f"{base_url.rstrip('/')}/s/{survey.slug}"
    return f"{link}?{urlencode({'src': source})}" if source else link


def _survey(slug: str) -> Survey:
    survey = db.session.scalar(db.select(Survey).where(Survey.slug == slug))
    if survey is None:
        raise click.ClickException(f"No survey called {slug!r}; `chorus surveys` lists them.")
    return survey


@surveys_command.command("list")
@base_url_option
def list_surveys(base_url: str) -> None:
    """Every survey: slug, audience, status, languages, completed responses and its share link."""
    counts = dict(db.session.execute(
        db.select(Response.survey_id, db.func.count(Response.id))
        .where(Response.complete.is_(True)).group_by(Response.survey_id)).all())
    surveys = db.session.scalars(db.select(Survey).order_by(Survey.partnership_id, Survey.slug)).all()
    if not surveys:
        click.echo("No surveys yet. `chorus demo` loads a demo partnership.")
        return
    header = ("SLUG", "AUDIENCE", "STATUS", "LANGUAGES", "RESPONSES", "LINK")
    rows = [(s.slug, s.audience.value, s.status.value, ",".join(s.languages), str(counts.get(s.id, 0)),
             share_link(base_url, s)) for s in surveys]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.rjust(w) if i == 4 else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        click.echo("  ".join([*cells, row[-1]]).rstrip())


@surveys_command.command("links")
@click.argument("slug")
@base_url_option
def links(slug: str, base_url: str) -> None:
    """The share link, one link per partner (``?src=``) and the QR code addresses of a survey."""
    survey = _survey(slug)
    click.echo(f"{survey.title_in(survey.languages[0])}")
    click.echo(f"  share link: {share_link(base_url, survey)}")
    click.echo(f"  QR code:    {base_url.rstrip('/')}/s/{survey.slug}/qr.svg  (or qr.png)")
    partners = db.session.scalars(db.select(Organization).where(
        Organization.partnership_id == survey.partnership_id).order_by(Organization.slug)).all()
    for partner in partners:
        click.echo(f"  {partner.slug}: {share_link(base_url, survey, partner.slug)}")


@surveys_command.command("qr")
@click.argument("slug")
@click.option("--src", help="A partner tag to record on responses from this code.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; .svg or .png (default: <slug>[-<src>].svg).")
@base_url_option
def qr(slug: str, src: str | None, output: Path | None, base_url: str) -> None:
    """Write a printable QR code of a survey's link."""
    survey = _survey(slug)
    output = output or Path(f"{survey.slug}{'-' + src if src else ''}.svg")
    if output.suffix.lower() not in (".svg", ".png"):
        raise click.BadParameter("use a .svg or .png file name", param_hint="--output")
    link = share_link(base_url, survey, src)
    segno.make(link, error="m").save(os.fspath(output), scale=10, border=4)
    click.echo(f"Wrote {output} for {link}")
